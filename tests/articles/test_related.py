""" "Có thể bạn quan tâm" is ranked when an article, its tags or its picks change, stored on the
article, and read by the page in one query that drops what readers can no longer see."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import related, widgets
from articles.models import Article, RelatedArticle, Tag
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db


def stored(article):
    return Article.objects.values_list("related_ids", flat=True).get(pk=article.pk)


def test_saving_an_article_ranks_and_stores_its_list(django_capture_on_commit_callbacks):
    category = make_category()
    older = [
        make_article(
            category=category, tags=["a"], publish_at=timezone.now() - timedelta(days=i + 1)
        )
        for i in range(3)
    ]
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
    assert article.related_ids == [soon.pk] and widgets.article_end_ids(article)[0] == []
    Article.objects.filter(pk=soon.pk).update(publish_at=timezone.now() - timedelta(minutes=1))
    assert widgets.article_end_ids(article)[0] == [soon.pk]


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
    assert [set(stored(a)) for a in articles] == [
        {b.pk for b in articles if b != a} for a in articles
    ]
    assert "3 articles" in capsys.readouterr().out


def end_of_page(html):
    """The article addresses of "Có thể bạn quan tâm" and of "Các tin khác" on an article page."""

    def links(marker):
        section = html.split(marker)[1].split("</section>")[0]
        return re.findall(
            r'href="(?:http://testserver)?(/[-a-z0-9]+/[-a-z0-9]+-\d+\.html)"', section
        )

    return links('class="block related-articles"'), links('class="block other-news"')


def test_other_news_never_repeats_a_related_article_on_the_same_page(client):
    """With no tags nor picks, "Có thể bạn quan tâm" falls back on the article's category, whose
    older articles are also "Các tin khác": the page shows each once, and other news still fills
    its ten places from the older ones that follow."""
    category = make_category()
    now = timezone.now()
    article = make_article(category=category, publish_at=now - timedelta(hours=1))
    older = [
        make_article(category=category, publish_at=now - timedelta(hours=2 + i)) for i in range(20)
    ]
    related.refresh([article.pk])
    page = client.get(article.get_absolute_url()).content.decode()
    shown_related, shown_other = end_of_page(page)
    assert shown_related == [a.get_absolute_url() for a in older[: related.SHOWN]]
    assert shown_other == [a.get_absolute_url() for a in older[related.SHOWN : related.SHOWN + 10]]


def test_other_news_repeats_no_related_article_that_readers_see_but_keeps_hidden_ones_out(client):
    """Only what "Có thể bạn quan tâm" really shows is left out of "Các tin khác": a related
    article readers cannot see (unpublished) is in neither, and the next ones take its place."""
    category = make_category()
    now = timezone.now()
    article = make_article(category=category, publish_at=now - timedelta(hours=1))
    older = [
        make_article(category=category, publish_at=now - timedelta(hours=2 + i)) for i in range(12)
    ]
    related.refresh([article.pk])
    Article.objects.filter(pk=older[0].pk).update(status=Article.Status.UNPUBLISHED)
    page = client.get(article.get_absolute_url()).content.decode()
    shown_related, shown_other = end_of_page(page)
    assert shown_related == [a.get_absolute_url() for a in older[1:7]]
    assert shown_other == [a.get_absolute_url() for a in older[7:12]]
    assert not set(shown_related) & set(shown_other)


def test_related_to_and_other_news_are_queryset_methods():
    category = make_category()
    article = make_article(category=category, tags=["a"])
    tagged = make_article(category=make_category(), tags=["a"])
    same = make_article(category=category, publish_at=article.publish_at - timedelta(hours=1))
    related.refresh([article.pk])
    article.refresh_from_db()
    published = Article.objects.published()
    assert list(published.related_to(article)) == [tagged, same]
    assert list(published.other_news(article)) == [same]
    shown = published.related_to(article).values("pk")
    assert list(published.other_news(article, excluding=shown)) == []
