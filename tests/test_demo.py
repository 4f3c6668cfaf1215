"""The demo content: loaded once, idempotently, with a random administrator password."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

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
