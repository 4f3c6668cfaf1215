""""Có thể bạn quan tâm" is ranked when an article, its tags or its picks change, stored on the
article, and read by the page in one query that drops what readers can no longer see."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import related
from articles.models import Article, RelatedArticle, Tag
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db


def stored(article):
    return Article.objects.values_list("related_ids", flat=True).get(pk=article.pk)


def test_saving_an_article_ranks_and_stores_its_list(django_capture_on_commit_callbacks):
    category = make_category()
    older = [make_article(category=category, tags=["a"], publish_at=timezone.now() - timedelta(days=i + 1)) for i in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(category=category, tags=["a"])
    assert stored(article) == [a.pk for a in older]


def test_changing_tags_and_picks_ranks_again_once_per_commit(django_capture_on_commit_callbacks):
    category = make_category()
    article = make_article(category=category)
    tagged = make_article(category=make_category(), tags=["hiếm"])
    pick = make_article(category=make_category())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        article.tags.add(Tag.objects.get(slug="hiem"))
        RelatedArticle.objects.create(article=article, related=pick, order=0)
    assert stored(article) == [pick.pk, tagged.pk]
    with CaptureQueriesContext(connection) as queries:
        for callback in callbacks:  # every change registered a callback; only the first ranks
            callback()
    assert len(queries) == 0
    with django_capture_on_commit_callbacks(execute=True):
        RelatedArticle.objects.filter(article=article).delete()
        article.tags.clear()
    assert stored(article) == []


def test_the_page_reads_the_stored_list_and_drops_what_readers_cannot_see(client):
    category = make_category()
    article = make_article(category=category, tags=["a"])
    shown, hidden = (make_article(category=category, tags=["a"]) for _ in range(2))
    related.refresh([article.pk])
    Article.objects.filter(pk=hidden.pk).update(status=Article.Status.UNPUBLISHED)
    html = client.get(article.get_absolute_url()).content.decode()
    section = html.split('class="block related-articles"')[1].split("</section>")[0]
    assert shown.get_absolute_url() in section and hidden.get_absolute_url() not in section


def test_a_list_never_ranked_is_ranked_on_first_view_and_kept(client):
    category = make_category()
    article = make_article(category=category)
    other = make_article(category=category)
    Article.objects.filter(pk=article.pk).update(related_ids=None)
    assert other.get_absolute_url() in client.get(article.get_absolute_url()).content.decode()
    assert stored(article) == [other.pk]


def test_scheduled_candidates_are_kept_and_shown_once_due():
    category = make_category()
    article = make_article(category=category)
    soon = make_article(category=category, publish_at=timezone.now() + timedelta(hours=1))
    related.refresh([article.pk])
    article.refresh_from_db()
    assert article.related_ids == [soon.pk] and related.for_page(article) == []
    Article.objects.filter(pk=soon.pk).update(publish_at=timezone.now() - timedelta(minutes=1))
    assert related.for_page(article) == [soon]


def test_a_rolled_back_change_is_ranked_at_the_next_commit(django_capture_on_commit_callbacks):
    category = make_category()
    article = make_article(category=category)
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                related.schedule(article.pk)
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    other = make_article(category=category)
    with django_capture_on_commit_callbacks(execute=True):
        related.schedule(article.pk)
    assert stored(article) == [other.pk]


def test_refresh_related_command_ranks_every_article(capsys):
    category = make_category()
    articles = [make_article(category=category) for _ in range(3)]
    Article.objects.update(related_ids=None)
    call_command("refresh_related", "--missing", "--batch", "2")
    assert [set(stored(a)) for a in articles] == [{b.pk for b in articles if b != a} for a in articles]
    assert "3 articles" in capsys.readouterr().out
