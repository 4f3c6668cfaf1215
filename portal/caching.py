"""The one owner of what the site keeps in the cache: keys, lifetimes and invalidation.

Everything a reader can see (rendered pages, the shared blocks, the cards) is cached under the
*content generation*: a number kept in the cache. Any change a reader can see starts a new
generation once its transaction commits, so every page and block is fresh at once, on every app
server that shares the cache:

- the models whose changes readers see are registered with `invalidate_on()` from their app's
  `AppConfig.ready()` (articles, categories, tags, links, approved feedback, attachments, the site
  settings...), so edits from the admin, `manage.py shell` or a command all invalidate. A
  `QuerySet.update()` sends no signal: call `invalidate()` after one (`manage.py invalidate_cache`
  does it from the command line);
- the generation also carries the time of the next scheduled change (an article becoming due or
  expiring): asked of the function registered with `on_schedule()` when that time is unknown, and
  otherwise moved earlier by what is saved (`upcoming`). Once that time has passed, the next
  request starts a new generation, so no entry outlives a scheduled publication or expiry.

Lifetimes: `reader_seconds()` (READER_CACHE_SECONDS, a minute by default) for pages and blocks,
which bounds how stale the view totals and "most viewed" may look; `rounded_timestamp()` rounds the
signed times that cacheable pages carry (the view beacon's token, the feedback form's time trap) to
the same step, so a page is byte-identical (same ETag) within it.

Cache keys are built here, by the functions below; nothing else writes its own key names.
"""

import threading
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import wraps

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import DatabaseError, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import patch_cache_control, patch_vary_headers

GENERATION_KEY = "reader:generation"

# --- lifetimes ------------------------------------------------------------------------------------


def reader_seconds() -> int:
    """How long a reader page or block may be kept: by the app's page cache, browsers and
    proxies."""
    return max(1, settings.READER_CACHE_SECONDS)


# Sitemap sections (articles/sitemaps.py), whose key also follows the content state: the timeout
# bounds only what that key cannot see (e.g. a category switched off).
SITEMAP_SECONDS = 600


def rounded_timestamp() -> int:
    """Now, rounded down to reader_seconds(): the time a cacheable page may carry."""
    step = reader_seconds()
    return int(time.time()) // step * step


class RoundedTimestampSigner(signing.TimestampSigner):
    """A TimestampSigner whose timestamps are rounded down to reader_seconds(): a page rendered
    twice within that time carries the same token, on every app server, and keeps its ETag."""

    def timestamp(self):
        return signing.b62_encode(rounded_timestamp())


def reader_page(view):
    """Mark a view's answers as reader pages: anonymous ones may be kept for reader_seconds() by the
    page cache (portal/pagecache.py), browsers and proxies; never a signed-in user's, nor one that
    sets a cookie (portal.middleware.PrivateIfCookieMiddleware makes that private)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            if request.user.is_authenticated:
                patch_cache_control(response, private=True, no_cache=True)
            else:
                patch_cache_control(response, public=True, max_age=reader_seconds())
            # The language cookie and the session change what the page says; Accept-Language does
            # not (portal.i18n ignores it), so shared caches keep one copy for every browser.
            patch_vary_headers(response, ["Cookie"])
        return response

    wrapped.reader_page = True  # the page cache looks up only such views (portal/pagecache.py)
    return wrapped


# --- the content generation ----------------------------------------------------------------------

# Read once per request (a page asks for it for each block it shows).
_request = threading.local()
_schedule: list[Callable[[], datetime | None]] = []


def on_schedule(next_change: Callable[[], "datetime | None"]) -> None:
    """Register a function giving the time of the next scheduled change readers will see (None if
    nothing is scheduled). Called when a generation starts."""
    if next_change not in _schedule:
        _schedule.append(next_change)


# While the database does not answer, the next scheduled change cannot be asked: try again this
# much later (meanwhile the page cache serves its copies, portal/pagecache.py).
SCHEDULE_RETRY_SECONDS = 5


def _next_deadline() -> float | None:
    try:
        times = [
            when.timestamp() for next_change in _schedule if (when := next_change()) is not None
        ]
    except DatabaseError:
        return time.time() + SCHEDULE_RETRY_SECONDS
    return min(times, default=None)


def _start_generation(deadline: float | None) -> int:
    value = time.time_ns()
    cache.set(GENERATION_KEY, (value, deadline), None)
    _request.generation = value
    if getattr(_request, "memo", None):
        _request.memo = {}
    return value


def generation(read=None) -> int:
    """The current content generation (read once per request). `read`: the stored state, when the
    caller has already read GENERATION_KEY (the page cache reads it with the page, in one trip)."""
    value = getattr(_request, "generation", None)
    if value is None:
        state = cache.get(GENERATION_KEY) if read is None else read
        if not isinstance(state, tuple):  # never started, or the cache was emptied
            value = _start_generation(_next_deadline())
        elif state[1] is not None and time.time() >= state[1]:  # a scheduled change is due
            # One request (on any server sharing the cache) starts the next generation; the others
            # keep the current one for the moment that takes.
            rolled = cache.add(f"{GENERATION_KEY}:roll:{state[0]}", 1, 10)
            value = _start_generation(_next_deadline()) if rolled else state[0]
        else:
            value = state[0]
        _request.generation = value
    return value


def _request_started(**kwargs) -> None:
    _request.generation = None
    _request.memo = {}


def _request_finished(**kwargs) -> None:
    _request.memo = None


def per_request(name: str, build: Callable[[], object]):
    """`build()`'s value, kept for the rest of the current request (forgotten at a new generation);
    outside a request (shell, commands), built every time."""
    memo = getattr(_request, "memo", None)
    if memo is None:
        return build()
    if name not in memo:
        memo[name] = build()
    return memo[name]


# Blocks that nearly every reader page shows (the site settings, the sidebar, the footer…): the
# first block a request asks for is read in one round trip with all of these (read_together()),
# instead of one trip each (with Redis, about 0.25 ms a trip).
_together: list[Callable[[], Iterable[str]]] = []


def read_together(names: Callable[[], Iterable[str]]) -> None:
    """Register a function giving names of blocks (block_key()) to read with the first block a
    request asks for (it may depend on the request's language)."""
    if names not in _together:
        _together.append(names)


def block(name: str):
    """The cached value of the shared block `name` (None when it is not cached). In a request, the
    first call reads every block of read_together() in the same round trip, and what was read is
    remembered until the request ends or a new generation starts."""
    key = block_key(name)  # (first: reading the generation may start one, which empties the memo)
    memo = getattr(_request, "memo", None)
    if memo is None:
        return cache.get(key)
    blocks = memo.get("blocks")
    if blocks is None:
        keys = list(dict.fromkeys([key, *(block_key(n) for names in _together for n in names())]))
        found = cache.get_many(keys)
        blocks = memo["blocks"] = {k: found.get(k) for k in keys}
    if key not in blocks:
        blocks[key] = cache.get(key)
    return blocks[key]


def cached_block(name: str, build: Callable[[], object]):
    """The shared block `name` (block()); built with `build()` and cached for reader_seconds(),
    under the current generation, when it is not cached."""
    value = block(name)
    if value is None:
        value = build()
        key = block_key(name)
        cache.set(key, value, reader_seconds())
        memo = getattr(_request, "memo", None)
        if memo is not None and memo.get("blocks") is not None:
            memo["blocks"][key] = value
    return value


request_started.connect(_request_started, dispatch_uid="portal-caching-request-started")
request_finished.connect(_request_finished, dispatch_uid="portal-caching-request-finished")


def invalidate(upcoming=(), *, recompute: bool = False) -> None:
    """Make every cached page and block fresh: a new generation, now.

    `upcoming`: the times at which what was just saved will change by itself (an article scheduled
    to appear or to expire); the generation ends at the earliest of those and the one it had. The
    full schedule is asked of the database (one query) only when that time is unknown: the first
    generation, one whose time has passed, or `recompute` (after changes no signal reported)."""
    now = time.time()
    state = None if recompute else cache.get(GENERATION_KEY)
    if not isinstance(state, tuple) or (state[1] is not None and state[1] <= now):
        deadline = _next_deadline()
    else:
        later = [when.timestamp() for when in upcoming if when is not None]
        deadline = min((t for t in (state[1], *later) if t is not None and t > now), default=None)
    _start_generation(deadline)


def invalidate_after_commit(upcoming=()) -> None:
    """A new generation now, and again once the current transaction commits (outside a transaction
    both happen now): a page rendered meanwhile from what was there before the commit must not stay
    cached under the generation that follows the change."""
    upcoming = list(upcoming)
    invalidate(upcoming)
    transaction.on_commit(lambda: invalidate(upcoming), robust=True)


def invalidate_on(*models, when=None, upcoming=None) -> None:
    """Start a new generation whenever an instance of one of `models` is saved or deleted (or its
    many-to-many relations change). `when(instance=..., **signal_kwargs)`, if given, says whether
    this change is one readers see; `upcoming(instance)` gives the times at which the instance will
    change by itself for readers (see invalidate())."""

    def handler(sender, instance=None, signal=None, **kwargs):
        if when is None or when(instance=instance, **kwargs):
            saved = signal is post_save and isinstance(
                instance, models
            )  # (a deletion schedules nothing)
            invalidate_after_commit(upcoming(instance) if upcoming is not None and saved else ())

    for model in models:
        uid = f"portal-caching-{model._meta.label}"
        post_save.connect(handler, sender=model, dispatch_uid=f"{uid}-save", weak=False)
        post_delete.connect(handler, sender=model, dispatch_uid=f"{uid}-delete", weak=False)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                handler, sender=through, dispatch_uid=f"{uid}-m2m-{field.name}", weak=False
            )


# --- keys --------------------------------------------------------------------------------------


def block_key(name: str) -> str:
    """A shared block of reader pages (menu, sidebar, home blocks, counts), under the generation."""
    return f"reader:{generation()}:{name}"


def card_key_prefix(kind: str, language: str) -> str:
    """Rendered cards of one kind and language, under the generation; the article id follows."""
    return f"reader:{generation()}:fragment:{kind}:{language}:"


def page_key(variant: str) -> str:
    """A whole page (portal/pagecache.py): `variant` names the URL, host and language. Not under the
    generation: the entry records the generation it was rendered in, so that an older copy can still
    be served while the page is rendered again (stampede) or the database is down."""
    return f"page:v1:{variant}"  # v2 if portal.pagecache.Entry changes shape


def page_lock_key(variant: str) -> str:
    return f"page-lock:v1:{variant}"


SITE_SETTINGS_BLOCK = "site-settings"


def sitemap_key(section: str, page: str, state: str) -> str:
    return f"sitemap:{section}:{page}:{state}"


def presence_key(article_pk: int) -> str:
    return f"newsroom:presence:{article_pk}"


def feedback_rate_key(address: str, window: int, index: int) -> str:
    return f"feedback:rate:{address}:{window}:{index}"


def view_seen_key(article_pk: int, reader: str) -> str:
    """A reader (keyed hash of the address) counted for this article in the dedup window."""
    return f"view-seen:{article_pk}:{reader}"


def view_cap_key(reader: str, hour: int) -> str:
    """Views counted for a reader (keyed hash of the address) in one clock hour."""
    return f"view-cap:{reader}:{hour}"


# The buffered view counts (articles/views_count.py) live in Redis under these raw (unprefixed by
# Django's cache) names, with CACHE_KEY_PREFIX in front.
def view_buffer_name() -> str:
    return f"{settings.CACHES['default'].get('KEY_PREFIX', '')}:views:pending"


def view_flush_lock_key() -> str:
    return "views:flush-lock"


def view_batch_name(batch_id: str) -> str:
    """A batch of the view buffer being flushed (raw Redis name, like view_buffer_name())."""
    return f"{view_buffer_name()}:batch:{batch_id}"


def view_batches_name() -> str:
    """The set of batches taken out of the buffer and not yet deleted (raw Redis name)."""
    return f"{view_buffer_name()}:batches"


def views_shown_key(article_pk: int) -> str:
    """The total printed in an article page, kept for reader_seconds()."""
    return f"views-shown:{article_pk}"
