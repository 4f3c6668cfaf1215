"""The view beacon: the article page POSTs here once after it loads; one view per reader per
article per VIEW_DEDUP_SECONDS, counted per day (for "most viewed") and in total (shown on the
page).

No session and no CSRF cookie are needed, so cached pages still count. What stops inflation:
- the page carries a token for its article, signed with a timestamp: it expires after
  VIEW_TOKEN_MAX_AGE_SECONDS, so a token copied once cannot be replayed for ever;
- the request must come from our own pages: an Origin (or Sec-Fetch-Site) header is required,
  as every browser sends on a fetch POST; a request with neither counts nothing (403);
- de-duplication twice: the browser's cookie (cheap, first) and the server's cache, keyed by
  the article and a keyed hash of the client address alone (no raw address is stored), so a
  client that drops its cookies, or changes its User-Agent with each request, still adds one view
  per window. Readers behind one address (an office, a school, a mobile carrier's NAT) therefore
  count once per article per window: views are a popularity signal, and undercounting a shared
  address is the price of not letting one machine pass for many;
- at most VIEW_MAX_PER_HOUR counted views per client address per clock hour;
- known bots (crawlerdetect, by User-Agent; "HeadlessChrome" included, see `is_bot`) are answered
  200 {"counted": false} and add nothing.

Both are kept in the cache: while Redis is down (portal/cache.py) each app process keeps them in
its own memory, so a reader may count once per process in that time.

A counted view is buffered, not written to the article's row (articles/viewbuffer.py: Redis HINCRBY,
or an INSERT into a table without Redis); the buffer is added to the totals and days every
VIEW_FLUSH_SECONDS by the first counted view after that time, once its answer has been sent, and by
`manage.py flush_views`. Whether the article is published, and its total, come from the cache
(under the content generation): with Redis, a counted view costs no SQL statement; without, one
INSERT. The answer's total includes the views not flushed yet.
"""

import json
import time

from crawlerdetect import CrawlerDetect
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from portal import caching
from portal.clients import client_ip, keyed_hash
from portal.guards import guarded

from . import viewbuffer
from .models import Article

SALT = "articles.view-beacon"
COOKIE = "viewed"
MAX_REMEMBERED = 40  # articles remembered in the cookie
# A User-Agent longer than this is not a browser's (theirs are 100-250 characters): answered as a
# bot's without matching it, since crawlerdetect's patterns cost more than linear time on long
# strings (~40 ms at 500 characters) and the header is the client's to choose.
MAX_USER_AGENT = 400
_crawlers = CrawlerDetect()  # compiled once; remembers its last 1,024 answers


def beacon_token(pk: int) -> str:
    return caching.RoundedTimestampSigner(salt=SALT).sign(str(pk))


def _article_id(token: str) -> int:
    """The article's id; raises BadSignature (or SignatureExpired, a subclass) for a bad token."""
    value = caching.RoundedTimestampSigner(salt=SALT).unsign(
        token, max_age=settings.VIEW_TOKEN_MAX_AGE_SECONDS
    )
    return int(value)


def is_bot(request) -> bool:
    """A known crawler, by its User-Agent (crawlerdetect), or one too long to be a browser's.

    "HeadlessChrome" counts as a bot: it is what headless Chrome sends unless told otherwise, i.e.
    scrapers, prerenderers and link previewers, not readers (the browser tests send an ordinary
    Chrome User-Agent, tests/e2e/conftest.py). A request without a User-Agent is not matched (the
    Origin check above already refuses what scripts send by default). This only sorts honest
    bots out of the counts: a client that lies about its User-Agent is held by the other checks."""
    agent = request.META.get("HTTP_USER_AGENT", "")
    if len(agent) > MAX_USER_AGENT:
        return True
    return bool(agent) and _crawlers.is_crawler(agent)


def _recently_viewed(request) -> dict[int, int]:
    """{article id: time of the counted view} from the cookie, only those still in the window."""
    now, window = int(time.time()), settings.VIEW_DEDUP_SECONDS
    seen = {}
    for item in request.COOKIES.get(COOKIE, "").split("-"):
        pk, _, at = item.partition(".")
        if pk.isdigit() and at.isdigit() and now - int(at) < window:
            seen[int(pk)] = int(at)
    return seen


def first_view_of_reader(request, pk: int) -> bool:
    """True once per article per client address per VIEW_DEDUP_SECONDS.

    The User-Agent is not part of the key: the client chooses it, so it could be varied to count
    one view per made-up browser."""
    reader = keyed_hash(client_ip(request), length=20)
    return cache.add(caching.view_seen_key(pk, reader), 1, settings.VIEW_DEDUP_SECONDS)


def within_hourly_cap(request) -> bool:
    """Counts this view against the client address's hourly allowance; False once it is spent.
    incr() first (the key usually exists): two round trips, add() only for a new hour."""
    key = caching.view_cap_key(keyed_hash(client_ip(request), length=20), int(time.time()) // 3600)
    try:
        used = cache.incr(key)
    except ValueError:  # the first view of this hour
        if cache.add(key, 1, 3600):
            used = 1
        else:  # another request added it meanwhile
            try:
                used = cache.incr(key)
            except ValueError:  # ... and it expired already: a new hour
                used = 1
    return used <= settings.VIEW_MAX_PER_HOUR


def known_total(pk: int) -> int | None:
    """The article's total as of a recent read (the flush makes it read again) if it is
    published, None if not: from the cache (under the content generation, so a publication,
    unpublication or deletion is seen at once), else one SELECT."""
    key = viewbuffer.known_total_key(pk)
    total = cache.get(key)
    if total is None:
        total = (
            Article.objects.published().filter(pk=pk).values_list("view_count", flat=True).first()
        )
        total = -1 if total is None else total
        cache.set(key, total, caching.reader_seconds())
    return None if total < 0 else total


def record_view(article_id: int, known: int = 0) -> int:
    """Buffer one view (articles/viewbuffer.py: added to the total and to today by the next flush);
    the live total. A view of an article deleted meanwhile is dropped by the flush."""
    return viewbuffer.add_view(article_id, known)


_next_flush_check = 0.0  # time.monotonic(): this process asks the shared lock at most once a second


def _flush_due() -> bool:
    """True for one counted view every VIEW_FLUSH_SECONDS (shared by every server with Redis).
    Each process asks at most once a second (or every VIEW_FLUSH_SECONDS if shorter): one cache
    round trip saved on most beacons."""
    global _next_flush_check
    now, interval = time.monotonic(), max(0, settings.VIEW_FLUSH_SECONDS)
    if now < _next_flush_check:
        return False
    _next_flush_check = now + min(1.0, interval)
    return cache.add(caching.view_flush_lock_key(), 1, interval)


def displayed_views(article: Article) -> int:
    """The total printed in the page: kept for READER_CACHE_SECONDS, so the page (and its ETag)
    does not change with every reader; the beacon's answer then shows the live total."""
    return cache.get_or_set(
        caching.views_shown_key(article.pk), article.view_count, caching.reader_seconds()
    )


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _not_from_our_pages(request, refusal):
    return _error(_("Views are only counted from this site's pages."), 403)


@csrf_exempt  # our own check: signed token + same origin, see the module docstring
@require_POST
@never_cache
@guarded(refuse=_not_from_our_pages)  # the origin (portal/guards.py); the hourly cap is below
def view_beacon(request):
    if len(request.body) > 1024:
        return _error(_("The request is too large."), 400)
    try:
        data = json.loads(request.body)
        token = data["token"]
        pk = _article_id(token) if isinstance(token, str) else None
    except (ValueError, KeyError, TypeError, RecursionError, signing.BadSignature):  # also expired
        return _error(_("The request is malformed."), 400)
    if pk is None:
        return _error(_("The request is malformed."), 400)
    known = known_total(pk)
    if known is None:
        return _error(_("This article does not exist or is not published."), 404)
    seen = _recently_viewed(request)
    if pk in seen or is_bot(request):  # this browser, per its cookie; a known bot
        return JsonResponse({"counted": False, "views": viewbuffer.live_total(pk, known)})
    reader = keyed_hash(client_ip(request), length=20)
    outcome = viewbuffer.count_once_in_redis(
        pk,
        caching.view_seen_key(pk, reader),
        settings.VIEW_DEDUP_SECONDS,
        caching.view_cap_key(reader, int(time.time()) // 3600),
        settings.VIEW_MAX_PER_HOUR,
    )
    if outcome is not None:  # Redis: the checks and the increment in one round trip
        counted, pending = outcome
        if not counted:
            return JsonResponse({"counted": False, "views": known + pending})
        views = known + pending
    else:  # local memory (no Redis, or Redis down), then the database buffer
        if not first_view_of_reader(request, pk) or not within_hourly_cap(request):
            return JsonResponse({"counted": False, "views": viewbuffer.live_total(pk, known)})
        views = record_view(pk, known)
    seen[pk] = int(time.time())
    response = JsonResponse({"counted": True, "views": views})
    remembered = sorted(seen.items(), key=lambda item: item[1])[-MAX_REMEMBERED:]
    response.set_cookie(
        COOKIE,
        "-".join(f"{k}.{v}" for k, v in remembered),
        max_age=settings.VIEW_DEDUP_SECONDS,
        path="/",
        secure=request.is_secure(),
        httponly=True,
        samesite="Strict",
    )
    if _flush_due():
        viewbuffer.flush_after_response(response)  # once the answer is sent: the reader never waits
    return response
