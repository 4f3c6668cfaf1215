"""Vietnamese by default, whatever the browser says; English when the reader chooses it."""

import ast
import gettext
from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_vietnamese_even_for_an_english_browser(client):
    response = client.get(reverse("admin:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "vi"
    assert "Đăng nhập" in response.content.decode()


def test_english_when_chosen(client):
    client.post(
        reverse("set_language"), {"language": "en", "next": "/"}, HTTP_ORIGIN="http://testserver"
    )
    response = client.get(reverse("admin:login"))
    assert response["Content-Language"] == "en"
    assert "Log in" in response.content.decode()


def test_an_unknown_language_cookie_falls_back_to_vietnamese(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert client.get(reverse("admin:login"))["Content-Language"] == "vi"


# --- the catalogues ------------------------------------------------------------------------------


def _catalogues():
    from django.conf import settings

    root = Path(settings.BASE_DIR)
    return sorted(
        path
        for path in root.glob("**/locale*/vi/LC_MESSAGES/django.po")
        if ".venv" not in path.parts
    ) + [root / "portal" / "overrides" / "vi" / "LC_MESSAGES" / "django.po"]


def _entries(path: Path):
    """(msgid, msgid_plural, [msgstr…], fuzzy) of each entry of a .po file, header excluded."""
    entries, current, field = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if current and current["msgid"]:
                entries.append(current)
            current, field = None, None
            continue
        current = current or {"msgid": "", "plural": "", "msgstr": {}, "fuzzy": False}
        if line.startswith("#,") and "fuzzy" in line:
            current["fuzzy"] = True
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            text = ast.literal_eval(line)
            if field[0] == "msgstr":
                current["msgstr"][field[1]] += text
            else:
                current[field[0]] += text
        else:
            keyword, _, value = line.partition(" ")
            value = ast.literal_eval(value)
            if keyword.startswith("msgstr"):
                index = int(keyword[7:-1]) if "[" in keyword else 0
                field = ("msgstr", index)
                current["msgstr"][index] = value
            else:
                field = (
                    {"msgid": "msgid", "msgid_plural": "plural", "msgctxt": "msgctxt"}[keyword],
                )
                current.setdefault(field[0], "")
                current[field[0]] += value
    return entries


def test_there_is_a_catalogue_per_app_and_for_the_templates():
    from django.conf import settings

    names = {path.relative_to(settings.BASE_DIR).as_posix() for path in _catalogues()}
    for folder in ("articles", "feedback", "medialib", "newsroom", "portal", "search", ""):
        assert f"{folder + '/' if folder else ''}locale/vi/LC_MESSAGES/django.po" in names, folder


@pytest.mark.parametrize(
    "path", _catalogues(), ids=lambda path: path.parts[-5] + "/" + path.parts[-4]
)
def test_every_string_is_translated_and_compiled(path):
    """No empty or fuzzy translation (gettext would show English), and the committed .mo says
    what the .po says (a .po edited without `make messages` would not reach readers)."""
    entries = _entries(path)
    assert entries
    untranslated = [e["msgid"] for e in entries if e["fuzzy"] or not all(e["msgstr"].values())]
    assert untranslated == []
    with open(path.with_suffix(".mo"), "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    for entry in entries:
        key = (
            entry["msgid"] if "msgctxt" not in entry else f"{entry['msgctxt']}\x04{entry['msgid']}"
        )
        if entry["plural"]:
            assert catalogue._catalog.get((key, 0)) == entry["msgstr"][0], entry["msgid"]
        else:
            assert catalogue._catalog.get(key) == entry["msgstr"][0], entry["msgid"]
