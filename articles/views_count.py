"""The view beacon: the article page POSTs here once after it loads; one view per browser per
article per VIEW_DEDUP_SECONDS, counted per day (for "most viewed") and in total (shown on the page).

No session and no CSRF cookie are needed, so cached pages still count: the page carries a signed
token for its article, and the request must come from our own pages (Origin / Sec-Fetch-Site).
"""

import json
import time

from django.conf import settings
from django.core import signing
from django.db import connection, transaction
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .models import Article, DailyViews

SALT = "articles.view-beacon"
COOKIE = "viewed"
MAX_REMEMBERED = 40  # articles remembered in the cookie


def beacon_token(pk: int) -> str:
    return signing.Signer(salt=SALT).sign(str(pk))


def _article_id(token: str) -> int:
    value = signing.Signer(salt=SALT).unsign(token)
    return int(value)


def from_our_pages(request) -> bool:
    """A browser on another site cannot make a reader's browser count views here."""
    origin = request.headers.get("Origin")
    if origin:
        return origin == f"{request.scheme}://{request.get_host()}"
    return request.headers.get("Sec-Fetch-Site", "same-origin") in ("same-origin", "none")


def _recently_viewed(request) -> dict[int, int]:
    """{article id: time of the counted view} from the cookie, only those still in the window."""
    now, window = int(time.time()), settings.VIEW_DEDUP_SECONDS
    seen = {}
    for item in request.COOKIES.get(COOKIE, "").split("-"):
        pk, _, at = item.partition(".")
        if pk.isdigit() and at.isdigit() and now - int(at) < window:
            seen[int(pk)] = int(at)
    return seen


def record_view(article_id: int) -> int:
    """Add one view today and to the total; returns the new total. Two statements, no lost updates."""
    daily = DailyViews._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {daily} (article_id, day, count) VALUES (%s, %s, 1) "
            f"ON CONFLICT (article_id, day) DO UPDATE SET count = {daily}.count + 1",
            [article_id, timezone.localdate()],
        )
        cursor.execute(
            f"UPDATE {Article._meta.db_table} SET view_count = view_count + 1 WHERE id = %s RETURNING view_count",
            [article_id],
        )
        return cursor.fetchone()[0]


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@csrf_exempt  # our own check: signed token + same origin, see the module docstring
@require_POST
@never_cache
def view_beacon(request):
    if not from_our_pages(request):
        return _error(_("Views are only counted from this site's pages."), 403)
    if len(request.body) > 1024:
        return _error(_("The request is too large."), 400)
    try:
        data = json.loads(request.body)
        token = data["token"]
        pk = _article_id(token) if isinstance(token, str) else None
    except (ValueError, KeyError, TypeError, signing.BadSignature):
        return _error(_("The request is malformed."), 400)
    if pk is None:
        return _error(_("The request is malformed."), 400)
    article = Article.objects.published().filter(pk=pk).values("pk", "view_count").first()
    if article is None:
        return _error(_("This article does not exist or is not published."), 404)
    seen = _recently_viewed(request)
    if pk in seen:
        return JsonResponse({"counted": False, "views": article["view_count"]})
    views = record_view(pk)
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
