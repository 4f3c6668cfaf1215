"""The demo content: loaded once, idempotently, with a random administrator password; it reads
like a provincial portal's news (capitalised leads, no paragraph shared by two articles, tags
from each article's topic)."""

import re
from collections import defaultdict
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles import demo
from articles.management.commands.load_demo import body_html
from articles.models import Article, Author, Category, RelatedLink, Unit, WebsiteLink

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (Article, Author, Category, Unit, WebsiteLink, RelatedLink, get_user_model())
    }


def test_running_twice_leaves_the_same_rows(capsys):
    call_command("load_demo")
    first = snapshot()
    call_command("load_demo")
    assert snapshot() == first
    assert "already loaded" in capsys.readouterr().out


def test_demo_content_has_what_the_newsroom_needs():
    call_command("load_demo")
    assert Category.objects.count() >= 8 and Category.objects.filter(parent__isnull=False).exists()
    assert Unit.objects.count() == 6
    assert Author.objects.count() == 10
    assert WebsiteLink.objects.count() == 8
    assert Article.objects.count() == 60
    statuses = set(Article.objects.values_list("status", flat=True))
    assert {"draft", "pending", "published"} <= statuses
    assert any(a.is_scheduled() for a in Article.objects.all())
    assert Article.objects.filter(expire_at__isnull=False).count() == 1
    assert Article.objects.published().count() == 50
    article = Article.objects.published().first()
    assert article.cover_image and article.cover_width == 1200 and article.cover_alt
    assert article.body.count("<p>") >= 4 and article.tags.exists()
    assert RelatedLink.objects.exists()


def test_superuser_only_when_no_user_exists_with_a_random_password(capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    admin = get_user_model().objects.get(username="admin")
    password = out.split("password “")[1].split("”")[0]
    assert admin.is_superuser and admin.check_password(password) and len(password) >= 12

    get_user_model().objects.all().delete()
    call_command("load_demo")
    second = capsys.readouterr().out.split("password “")[1].split("”")[0]
    assert second != password

    call_command("load_demo")
    assert "password" not in capsys.readouterr().out
    assert get_user_model().objects.count() == 1


def paragraphs(body: str) -> list[str]:
    """The text of each paragraph (quotes included) of an article's body."""
    found = re.findall(r"<p>(.*?)</p>", body, re.S)
    return [unescape(re.sub(r"<[^>]+>", "", p)).strip() for p in found]


DEMO_ARTICLES = [(category, item) for category, items in demo.ARTICLES.items() for item in items]


def test_the_loader_stores_each_article_as_written():
    """Lead, paragraphs and tags in the database are those of articles/demo.py (checked below)."""
    call_command("load_demo")
    for category, item in DEMO_ARTICLES:
        article = Article.objects.get(title=item.title)
        assert article.category.name == category
        assert article.lead == item.lead
        assert paragraphs(article.body) == paragraphs(body_html(item))
        tags = sorted(tag.name.lower() for tag in article.tags.all())
        assert tags == sorted(name.lower() for name in item.tags)


def test_every_lead_starts_with_a_capital_letter():
    assert len(DEMO_ARTICLES) == 60
    for _, item in DEMO_ARTICLES:
        assert item.lead[0].isupper(), item.lead


def test_no_paragraph_appears_in_two_demo_articles():
    seen = defaultdict(set)
    for _, item in DEMO_ARTICLES:
        texts = paragraphs(body_html(item))
        assert len(texts) >= 4, item.title
        for text in texts + [item.lead]:
            if len(text) >= 40:
                seen[text].add(item.title)
    repeated = {text: titles for text, titles in seen.items() if len(titles) > 1}
    assert not repeated


def test_each_article_s_tags_belong_to_its_topic():
    for category, item in DEMO_ARTICLES:
        assert item.tags, item.title
        assert set(item.tags) <= set(demo.TOPIC_TAGS[category]), (item.title, item.tags)
