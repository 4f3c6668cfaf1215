"""The view beacon: the article page POSTs here once after it loads; one view per reader per
article per VIEW_DEDUP_SECONDS, counted per day (for "most viewed") and in total (shown on the page).

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
- at most VIEW_MAX_PER_HOUR counted views per client address per clock hour.

Both are kept in the cache: while Redis is down (portal/cache.py) each app process keeps them in
its own memory, so a reader may count once per process in that time.
"""

import json
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import connection, transaction
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from portal.clients import client_ip, keyed_hash, sent_from_our_pages

from .models import Article, DailyViews

SALT = "articles.view-beacon"
COOKIE = "viewed"
MAX_REMEMBERED = 40  # articles remembered in the cookie


class _PageSigner(signing.TimestampSigner):
    """Timestamps rounded down to READER_CACHE_SECONDS: a page rendered twice within that time
    carries the same token, on every app server, so its ETag does not change with each request."""

    def timestamp(self):
        step = max(1, settings.READER_CACHE_SECONDS)
        return signing.b62_encode(int(time.time()) // step * step)


def beacon_token(pk: int) -> str:
    return _PageSigner(salt=SALT).sign(str(pk))


def _article_id(token: str) -> int:
    """The article's id; raises BadSignature (or SignatureExpired, a subclass) for a bad token."""
    value = _PageSigner(salt=SALT).unsign(token, max_age=settings.VIEW_TOKEN_MAX_AGE_SECONDS)
    return int(value)


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
    return cache.add(f"view-seen:{pk}:{reader}", 1, settings.VIEW_DEDUP_SECONDS)


def within_hourly_cap(request) -> bool:
    """Counts this view against the client address's hourly allowance; False once it is spent."""
    hour = int(time.time()) // 3600
    key = f"view-cap:{keyed_hash(client_ip(request), length=20)}:{hour}"
    cache.add(key, 0, 3600)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add() and incr(): a new hour
        cache.add(key, 1, 3600)
        used = 1
    return used <= settings.VIEW_MAX_PER_HOUR


def record_view(article_id: int) -> int | None:
    """Add one view to the total and to today; the new total, or None if the article is gone.

    The UPDATE comes first: it locks the article's row, so a deletion waits for this transaction
    (or has already happened, and then nothing is written). No lost updates.
    """
    daily = DailyViews._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Article._meta.db_table} SET view_count = view_count + 1 WHERE id = %s RETURNING view_count",
            [article_id],
        )
        row = cursor.fetchone()
        if row is None:
            return None
        cursor.execute(
            f"INSERT INTO {daily} (article_id, day, count) VALUES (%s, %s, 1) "
            f"ON CONFLICT (article_id, day) DO UPDATE SET count = {daily}.count + 1",
            [article_id, timezone.localdate()],
        )
        return row[0]


def displayed_views(article: Article) -> int:
    """The total printed in the page: kept for READER_CACHE_SECONDS, so the page (and its ETag)
    does not change with every reader; the beacon's answer then shows the live total."""
    return cache.get_or_set(f"views-shown:{article.pk}", article.view_count, settings.READER_CACHE_SECONDS)


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@csrf_exempt  # our own check: signed token + same origin, see the module docstring
@require_POST
@never_cache
def view_beacon(request):
    if not sent_from_our_pages(request):
        return _error(_("Views are only counted from this site's pages."), 403)
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
    article = Article.objects.published().filter(pk=pk).values("pk", "view_count").first()
    if article is None:
        return _error(_("This article does not exist or is not published."), 404)
    not_counted = JsonResponse({"counted": False, "views": article["view_count"]})
    seen = _recently_viewed(request)
    if pk in seen:  # this browser, per its cookie
        return not_counted
    if not first_view_of_reader(request, pk) or not within_hourly_cap(request):
        return not_counted
    views = record_view(pk)
    if views is None:  # deleted since the query above
        return _error(_("This article does not exist or is not published."), 404)
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
    return response
