"""Querysets compiled once per process and prepared on the server (portal/prepared.py): the same
rows as the queryset, nothing compiled after the first run, the shapes they cannot take refused."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import views, widgets
from articles.models import Article, RelatedLink, ids_in
from portal.prepared import Prepared
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db


def _page(pk, now):
    return views._detail_queryset(Article.objects.published(now=now)).filter(pk=pk)


def _same(found, expected):
    assert [a.pk for a in found] == [a.pk for a in expected]
    for got, want in zip(found, expected, strict=True):
        for name in ("title", "lead", "body", "publish_at", "tags_json", "links_json"):
            assert getattr(got, name) == getattr(want, name), name
        assert got.author.name == want.author.name and got.author.unit == want.author.unit
        assert got.category.slug == want.category.slug
        assert got.category.parent == want.category.parent


def test_a_prepared_queryset_gives_what_the_queryset_gives_for_every_value():
    parent = make_category()
    articles = [
        make_article(category=make_category(parent=parent), tags=["đất đai", f"thẻ {i}"])
        for i in range(3)
    ]
    RelatedLink.objects.create(article=articles[0], title="Văn bản", url="https://example.vn/a")
    scheduled = make_article(publish_at=timezone.now() + timedelta(hours=2))
    prepared = Prepared(_page)
    for article in [*articles, scheduled]:
        for now in (timezone.now(), timezone.now() + timedelta(hours=3)):
            _same(prepared.all(pk=article.pk, now=now), list(_page(article.pk, now)))
    assert prepared.first(pk=scheduled.pk, now=timezone.now()) is None  # not due yet
    assert prepared.first(pk=scheduled.pk, now=timezone.now() + timedelta(hours=3)).pk == (
        scheduled.pk
    )


def test_after_the_first_run_nothing_is_compiled(monkeypatch):
    article = make_article(tags=["a"])
    prepared = Prepared(_page)
    prepared.first(pk=article.pk, now=timezone.now())
    compiled = []
    original = SQLCompiler.as_sql
    monkeypatch.setattr(
        SQLCompiler, "as_sql", lambda self, *a, **k: compiled.append(1) or original(self, *a, **k)
    )
    assert prepared.first(pk=article.pk, now=timezone.now()).pk == article.pk
    assert compiled == []


@pytest.mark.parametrize("prepare_on_server", [True, False])
def test_lists_of_ids_are_one_parameter_empty_or_not(settings, prepare_on_server):
    settings.PREPARED_STATEMENTS = prepare_on_server
    articles = [make_article() for _ in range(4)]
    prepared = Prepared(
        lambda ids, now: Article.objects.published(now=now).filter(ids_in("pk", ids))
    )
    wanted = [articles[0].pk, articles[2].pk, articles[3].pk]
    assert {a.pk for a in prepared.all(ids=wanted, now=timezone.now())} == set(wanted)
    assert prepared.all(ids=[], now=timezone.now()) == []
    with CaptureQueriesContext(connection) as queries:
        prepared.all(ids=[articles[1].pk], now=timezone.now())
    sent = queries.captured_queries[0]["sql"]
    assert sent.startswith("EXECUTE ") == prepare_on_server


def test_a_statement_whose_shape_follows_its_values_is_refused():
    with pytest.raises(TypeError, match="shape"):
        Prepared(lambda ids: Article.objects.filter(pk__in=ids)).all(ids=[1, 2])


def test_a_value_django_transforms_is_refused():
    with pytest.raises(TypeError, match="no argument|not found"):
        Prepared(lambda pk: Article.objects.filter(pk=pk + 1)).all(pk=1)
    with pytest.raises(TypeError, match="not found"):
        Prepared(lambda pk, now: Article.objects.filter(pk=pk)).all(pk=1, now=timezone.now())


def test_preparing_on_the_server_is_no_query_of_the_page_and_survives_a_rollback(
    django_assert_num_queries,
):
    article = make_article()
    prepared = Prepared(_page)
    with django_assert_num_queries(1):  # the EXECUTE; the PREPARE is the connection's set-up
        assert prepared.first(pk=article.pk, now=timezone.now()).pk == article.pk
    with transaction.atomic():
        sid = transaction.savepoint()
        prepared.first(pk=article.pk, now=timezone.now())
        transaction.savepoint_rollback(sid)
    assert prepared.first(pk=article.pk, now=timezone.now()).pk == article.pk


@pytest.mark.django_db(transaction=True)
def test_a_new_database_session_prepares_again():
    article = make_article()
    prepared = Prepared(_page)
    assert prepared.first(pk=article.pk, now=timezone.now()).pk == article.pk
    connection.close()  # the next query opens a new session, with nothing prepared on it
    assert prepared.first(pk=article.pk, now=timezone.now()).pk == article.pk
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        assert cursor.fetchone()[0] == 1


def test_the_article_end_matches_the_queryset_methods():
    """articles.widgets.article_end (prepared) against related_to/other_news run as querysets."""
    category = make_category()
    now = timezone.now()
    articles = [
        make_article(category=category, tags=["chung"], publish_at=now - timedelta(hours=h))
        for h in range(1, 15)
    ]
    article = Article.objects.get(pk=articles[5].pk)
    Article.objects.filter(pk=article.pk).update(related_ids=[a.pk for a in articles[:3]])
    article.refresh_from_db()
    related_cards, other_cards = widgets.article_end(article, other_count=4)
    published = Article.objects.published()
    want_related = list(published.related_to(article)[:6])
    first = published.related_to(article).values("pk")[:6]
    want_other = list(published.other_news(article, excluding=first)[:4])
    assert [a.pk for a in want_related] == [a.pk for a in articles[:3]]
    assert len(related_cards) == 3 and len(other_cards) == 4
    for card, want in zip(related_cards + other_cards, want_related + want_other, strict=True):
        assert want.get_absolute_url() in card


@pytest.mark.django_db(transaction=True)
def test_threads_compile_once_and_prepare_on_their_own_connections():
    article = make_article()
    prepared = Prepared(_page)

    def run(_):
        try:
            return [prepared.first(pk=article.pk, now=timezone.now()).pk for _ in range(5)]
        finally:
            connection.close()  # this thread's own connection

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(run, range(4))) == [[article.pk] * 5] * 4


@pytest.mark.django_db(transaction=True)
def test_prepared_statements_run_from_one_generic_plan(settings):
    """The session runs its prepared statements from a generic plan (portal.prepared.GENERIC_PLANS):
    the end of the article page is not planned again at each run (its plan keeps the parameters
    as $1, $2…, a custom plan would show the values)."""
    settings.PREPARED_STATEMENTS = True
    category = make_category()
    now = timezone.now()
    articles = [
        make_article(category=category, publish_at=now - timedelta(hours=h)) for h in (1, 2)
    ]
    connection.close()  # a new session
    for _ in range(7):  # past the five custom plans PostgreSQL would try first
        widgets.article_end(Article.objects.get(pk=articles[1].pk), other_count=4)
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('plan_cache_mode')")
        assert cursor.fetchone()[0] == "force_generic_plan"
        cursor.execute("SELECT name FROM pg_prepared_statements")
        names = [row[0] for row in cursor.fetchall()]
        end = widgets._article_end_query(4)._compiled.name
        assert end in names
        values = widgets._article_end_query(4).sql(
            pk=articles[1].pk, category=category.pk, when=now, related_ids=[], now=now
        )[1]
        cursor.execute(f"EXPLAIN EXECUTE {end} ({', '.join(['%s'] * len(values))})", values)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "$" in plan, plan
