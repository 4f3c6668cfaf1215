"""The page cache: anonymous GETs of reader pages answered from the cache, without rendering.

What is kept: a GET response of a reader page (a view wrapped in `portal.caching.reader_page`: the
home, category, tag, author and unit pages, articles, feeds, sitemaps; no other request is looked
up) that is marked `public`, with status 200, no cookie and no streaming body; it is kept under
its path and the parameters reader pages read (READER_PARAMETERS: any other, such as `utm_*` or
`fbclid`, is removed from the request before the view runs), host and language, with the content
generation it was rendered in (portal/caching.py) and the time until which it is fresh
(READER_CACHE_SECONDS). A page that answers 404 or a redirect loses its entry at once.

Who gets it: a GET or HEAD without the session or messages cookie (staff, and a reader who just sent
feedback and has a message to see, always get a rendered page). The language is the one the
reader chose (the `django_language` cookie), as portal.i18n decides.

Freshness: an entry rendered in an older generation (something readers can see has changed, or a
scheduled article became due or expired) or past its time is not served as fresh. Then:

- no stampede: one GET (per cache, so across every app server sharing Redis) takes a short lock
  and renders the page (a HEAD is answered without storing anything); meanwhile the others get the
  previous copy if it is merely past its time (`X-Cache: STALE`), or wait up to
  PAGE_CACHE_WAIT_SECONDS for the new one if the content has changed since (an edit must show at
  once), and render it themselves if it does not come;
- the database does not answer (the render ends in the 503 of portal/outage.py): the last copy is
  served, however old (`X-Cache: STALE`), for up to PAGE_CACHE_STALE_SECONDS after it was rendered.

Every response that went through here says `X-Cache: HIT`, `MISS` (rendered now) or `STALE`.
A conditional GET (If-None-Match, If-Modified-Since) is answered 304 from the entry's ETag and
Last-Modified, as Django's ConditionalGetMiddleware would.

With REDIS_URL the entries are shared by every app server (the "pages" cache); without it each
process keeps at most PAGE_CACHE_MAX_ENTRIES pages in its own memory.
"""

import functools
import hashlib
import logging
import time
import uuid
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from . import caching
from .cache import ResilientRedisCache
from .i18n import chosen_language

logger = logging.getLogger("portal.pagecache")

# The query parameters reader pages read: list pages (page, thang) and sitemap sections (p). Any
# other (utm_*, fbclid, zarsrc... that share buttons add, or made-up ones) is removed from a request
# the page cache handles, before the view sees it: the page is the same without them, so they
# neither make new entries nor get printed into a page that is then served to everyone.
READER_PARAMETERS = frozenset({"page", "thang", "p"})
CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")
LOCK_SECONDS = 30  # a render that takes longer than this lets another request try
POLL_SECONDS = 0.02


@dataclass
class Entry:
    generation: int
    fresh_until: float
    stored_at: float
    headers: list[tuple[str, str]]
    content: bytes


def pages():
    return caches["pages"]


@functools.lru_cache(maxsize=4096)
def is_reader_page(path: str, urlconf=None) -> bool:
    """Whether the view at `path` is a reader page (portal.caching.reader_page): only those are
    looked up, so other requests cost the cache nothing. Remembered per path (the URLconf does not
    change while the process runs)."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return False
    return getattr(match.func, "reader_page", False)


def _keep_reader_parameters(request) -> str:
    """Drop the parameters reader pages do not read from the request; the query that is left."""
    raw = request.META.get("QUERY_STRING", "")
    pairs = parse_qsl(raw, keep_blank_values=True)
    kept = [(name, value) for name, value in pairs if name in READER_PARAMETERS]
    query = urlencode(kept)
    if len(kept) != len(pairs):
        request.META["QUERY_STRING"] = query
        request.__dict__.pop("GET", None)  # parsed again from the new query string
    return query


def variant(request) -> str | None:
    """The entry's name for this request, or None when the page cache does not apply to it."""
    if request.method not in ("GET", "HEAD"):
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return None
    if not is_reader_page(request.path_info, getattr(request, "urlconf", None)):
        return None
    query = _keep_reader_parameters(request)  # in the order given: Django reads the last value
    # get_host() refuses a Host that ALLOWED_HOSTS does not allow (400), as the view would.
    parts = (request.scheme, request.get_host(), chosen_language(request), request.path, query)
    name = "\n".join(parts)
    return hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:40]


def storable(request, response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Set-Cookie")  # one set by hand, not through set_cookie()
        and "public" in cache_control
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
    )


def _read(key) -> Entry | None:
    """The entry, or None; an entry that cannot be read (written by another version of this code)
    counts as missing rather than failing the page."""
    try:
        entry = pages().get(key)
    except Exception:  # noqa: BLE001 - unpickling an older Entry may raise anything
        logger.warning(
            "Unreadable page cache entry %s: rendering the page again.", key, exc_info=True
        )
        return None
    return entry if isinstance(entry, Entry) else None


def _generation_and_entry(key) -> tuple[int, Entry | None]:
    """The content generation and the entry: in one Redis round trip when both caches are on the
    same Redis (the usual deployment), else two reads."""
    default, page_cache = caches["default"], pages()
    if isinstance(default, ResilientRedisCache) and isinstance(page_cache, ResilientRedisCache):
        try:
            state, entry = default.get_with(page_cache, caching.GENERATION_KEY, key)
        except Exception:  # noqa: BLE001 - an entry of another version: a miss, as in _read()
            logger.warning(
                "Unreadable page cache entry %s: rendering the page again.", key, exc_info=True
            )
            return caching.generation(), None
        return caching.generation(read=state), entry if isinstance(entry, Entry) else None
    return caching.generation(), _read(key)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE:
            return self.get_response(request)
        name = variant(request)
        if name is None:
            return self.get_response(request)
        key, lock = caching.page_key(name), caching.page_lock_key(name)
        generation, entry = _generation_and_entry(key)
        if entry is not None and entry.generation == generation and time.time() < entry.fresh_until:
            return self.serve(request, entry, "HIT")
        if request.method == "HEAD":  # never stored: rendered without taking the lock
            return self.render(request, key, None, generation, entry)
        owner = uuid.uuid4().hex
        if cache.add(lock, owner, LOCK_SECONDS):
            return self.render(request, key, (lock, owner), generation, entry)
        if entry is not None and entry.generation == generation:
            return self.serve(request, entry, "STALE")  # past its time only: another is renewing it
        # The content changed since this copy (or there is none): wait for the one rendering it
        # (watching its small lock key), then read what it stored.
        deadline = time.monotonic() + settings.PAGE_CACHE_WAIT_SECONDS
        while time.monotonic() < deadline and cache.get(lock) is not None:
            time.sleep(POLL_SECONDS)
        fresh = _read(key)
        if fresh is not None and fresh.generation == generation:
            return self.serve(request, fresh, "HIT")
        return self.render(request, key, None, generation, entry)

    def render(self, request, key, lock, generation, stale: Entry | None):
        conditional = {
            header: request.META.pop(header)
            for header in CONDITIONAL_HEADERS
            if header in request.META
        }
        try:
            response = self.get_response(request)  # the full page, whatever the client already has
            if response.status_code == 503 and stale is not None and self.recent_enough(stale):
                return self.serve(request, stale, "STALE")  # the database does not answer
            if storable(request, response):
                now = time.time()
                headers = [
                    (name, value) for name, value in response.items() if name.lower() != "x-cache"
                ]
                entry = Entry(
                    generation, now + caching.reader_seconds(), now, headers, response.content
                )
                pages().set(
                    key, entry, caching.reader_seconds() + settings.PAGE_CACHE_STALE_SECONDS
                )
            elif request.method == "GET" and response.status_code < 500 and stale is not None:
                # The page is gone or moved (404, 301...): its old copy must never come back, not
                # even as a stale copy while the database is down.
                pages().delete(key)
        finally:
            request.META.update(conditional)
            if lock is not None and cache.get(lock[0]) == lock[1]:  # still ours (not timed out)
                cache.delete(lock[0])
        response["X-Cache"] = "MISS"
        if conditional:
            response = self.conditional(request, response)
            response["X-Cache"] = "MISS"
        return response

    @staticmethod
    def recent_enough(entry: Entry) -> bool:
        return (
            time.time() - entry.stored_at
            < caching.reader_seconds() + settings.PAGE_CACHE_STALE_SECONDS
        )

    def serve(self, request, entry: Entry, state: str):
        response = HttpResponse(entry.content)
        for name, value in entry.headers:
            response[name] = value
        # How long ago it was rendered: a browser or proxy keeps it only for what is left of its
        # max-age (RFC 9111, 4.2.3), not for a whole max-age more.
        response["Age"] = str(max(0, int(time.time() - entry.stored_at)))
        response = self.conditional(request, response)
        response["X-Cache"] = state
        return response

    @staticmethod
    def conditional(request, response):
        if response.status_code != 200:
            return response
        last_modified = response.get("Last-Modified")
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(last_modified) if last_modified else None,
            response=response,
        )
