"""Rendering is lean: a page's cache round trips do not grow with its pictures, and the Redis
client is not rebuilt for every cache call."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles import images, related
from portal.cache import ResilientRedisCache
from tests.factories import image_file, make_article

pytestmark = pytest.mark.django_db


class CountingCache:
    """Counts the cache operations made through django.core.cache.cache while it is active."""

    OPERATIONS = (
        "get",
        "get_many",
        "set",
        "set_many",
        "add",
        "incr",
        "delete",
        "has_key",
        "get_or_set",
    )

    def __init__(self, monkeypatch):
        self.calls = 0
        self.reads = []  # the keys of each round trip that reads (get, get_many)
        self.depth = 0  # a backend's get_many may call its own get: one round trip, counted once
        for name in self.OPERATIONS:
            original = getattr(cache, name)

            def counted(*args, _original=original, _name=name, **kwargs):
                self.calls += self.depth == 0
                if self.depth == 0 and _name in ("get", "get_many"):
                    self.reads.append([args[0]] if _name == "get" else list(args[0]))
                self.depth += 1
                try:
                    return _original(*args, **kwargs)
                finally:
                    self.depth -= 1

            monkeypatch.setattr(cache, name, counted)


def test_a_known_rendition_costs_no_cache_round_trip(monkeypatch):
    article = make_article(cover_image=image_file(size=(1600, 900)), cover_alt="Ảnh")
    first = images.picture_data(
        article.cover_image, article.cover_width, article.cover_height, "cover"
    )
    assert first and first["webp_srcset"].count("w, ") == 2  # 480, 800 and 1200 px
    counting = CountingCache(monkeypatch)
    again = images.picture_data(
        article.cover_image, article.cover_width, article.cover_height, "cover"
    )
    assert again == first
    assert counting.calls == 0


def test_an_article_page_makes_the_same_cache_round_trips_with_more_pictures(client, monkeypatch):
    """Related cards and other news carry pictures: their renditions must not each cost a lookup."""
    category = make_article().category
    few = make_article(category=category, tags=["a"], cover_image=image_file(), cover_alt="Ảnh")
    earlier = timezone.now() - timedelta(days=1)
    make_article(
        category=category, tags=["a"], cover_image=image_file(), cover_alt="Ảnh", publish_at=earlier
    )
    related.refresh([few.pk])  # as the commit of a save does
    url = few.get_absolute_url()
    assert client.get(url).content.decode().count("<picture") == 2  # its cover and one related card
    counting = CountingCache(monkeypatch)
    client.get(url)
    with_few = counting.calls
    for _ in range(5):
        make_article(
            category=category,
            tags=["a"],
            cover_image=image_file(),
            cover_alt="Ảnh",
            publish_at=earlier,
        )
    related.refresh([few.pk])
    cache.clear()
    assert client.get(url).content.decode().count("<picture") == 7  # six related cards
    counting.calls = 0
    client.get(url)
    assert counting.calls <= with_few


def test_the_redis_client_is_built_once_per_connection_pool():
    backend = ResilientRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"SOCKET_TIMEOUT": 0.1}})
    client = backend._cache.get_client(None, write=True)
    assert backend._cache.get_client(None, write=True) is client
    assert backend._cache.get_client("any-key") is backend._cache.get_client("other-key")


@pytest.mark.parametrize("page", ["article", "home"])
def test_a_reader_page_reads_its_common_blocks_in_one_round_trip(
    client, settings, monkeypatch, page
):
    """The site settings, the sidebar, the footer (and on an article, the feedback form's fields)
    are cached blocks: with them cached, a page reads them all in one round trip, not one each."""
    settings.PAGE_CACHE = False  # the render path
    article = make_article(tags=["a"])
    make_article(category=article.category, tags=["a"])
    related.refresh([article.pk])
    url = article.get_absolute_url() if page == "article" else "/"
    client.get(url)  # every block cached
    reading = CountingCache(monkeypatch)
    assert client.get(url).status_code == 200
    # the cached blocks this page shows (the home page has no sidebar and no feedback form)
    common = [":site-settings", ":fragment:footer:vi"]
    if page == "article":
        common += [":fragment:sidebar:vi", ":fragment:feedback-form-fields:vi"]
    trips = [keys for keys in reading.reads if any(k.endswith(c) for k in keys for c in common)]
    assert len(trips) == 1, trips
    assert all(any(k.endswith(c) for k in trips[0]) for c in common)
    # the page's whole count: views shown (article), the generation, the common blocks, the cards
    # (article) or the home blocks, the menu
    assert reading.calls <= (5 if page == "article" else 6)
