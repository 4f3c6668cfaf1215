"""A tag link keeps its article's publish_at (TaggedArticle.publish_at, kept by the database's
triggers of migration 0015), whoever changes the article and however: the tag pages read their
order from it."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.utils import timezone

from articles.models import Article, TaggedArticle
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def link_times(article):
    return set(
        TaggedArticle.objects.filter(content_object=article).values_list("publish_at", flat=True)
    )


def test_a_new_link_takes_its_articles_time():
    article = make_article(tags=["Giáo dục", "Y tế"])
    assert link_times(article) == {article.publish_at}
    draft = make_article(status=Article.Status.DRAFT, tags=["Giáo dục"])
    assert link_times(draft) == {None}


def test_a_change_of_time_reaches_the_links_from_save_update_and_raw_sql():
    article = make_article(tags=["Giáo dục", "Y tế"])
    later = timezone.now() + timedelta(days=2)
    article.publish_at = later
    article.save()
    assert link_times(article) == {later}
    earlier = timezone.now() - timedelta(days=30)
    Article.objects.filter(pk=article.pk).update(publish_at=earlier)  # from a shell
    assert link_times(article) == {earlier}
    with connection.cursor() as cursor:
        cursor.execute("UPDATE articles_article SET publish_at = NULL WHERE id = %s", [article.pk])
    assert link_times(article) == {None}


def test_a_link_written_directly_keeps_its_articles_time():
    article = make_article(tags=["Giáo dục"])
    TaggedArticle.objects.filter(content_object=article).update(
        publish_at=timezone.now() + timedelta(days=3650)
    )
    assert link_times(article) == {article.publish_at}


def test_the_tag_page_follows_a_changed_time_and_breaks_ties_by_id(client):
    now = timezone.now().replace(microsecond=0)
    first, second, third = (
        make_article(tags=["Giáo dục"], publish_at=now - timedelta(hours=h)) for h in (1, 2, 3)
    )
    tie = make_article(tags=["Giáo dục"], publish_at=now - timedelta(hours=2))

    def listed():  # (queryset.update() sends no signal: the cached pages are cleared here)
        for each in caches.all():
            each.clear()
        return [pk for pk, _ in client.get("/tag/giao-duc/").context["articles"]]

    assert listed() == [first.pk, tie.pk, second.pk, third.pk]
    Article.objects.filter(pk=third.pk).update(publish_at=now - timedelta(minutes=5))
    assert listed() == [third.pk, first.pk, tie.pk, second.pk]
    Article.objects.filter(pk=first.pk).update(publish_at=now + timedelta(hours=1))  # scheduled
    assert listed() == [third.pk, tie.pk, second.pk]
