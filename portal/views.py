import sys

from django.db import connection
from django.http import HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from . import cache, outage
from .guards import guarded
from .models import SiteSettings
from .pagemeta import PageMeta


@never_cache
def health(request):
    """For load balancers: 200 when the database answers, 503 when it does not.

    `cache` says "degraded" while the shared cache (Redis) does not answer: the site still works
    without it (portal/cache.py), so that alone is no reason to take this server out of service."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "database unavailable", "cache": cache.status()}, status=503)
    return JsonResponse({"status": "ok", "cache": cache.status()})


_ready = False  # once every migration is applied, this process stays ready


def _pending_migrations() -> list[str]:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


@never_cache
def ready(request):
    """For deploys: 200 once this server may take traffic, 503 while the database does not answer
    or migrations of this code are not applied yet (new code is started before `migrate` has run,
    or `migrate` failed). The migration check runs until it first passes, then this process only
    checks the database."""
    global _ready
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        pending = [] if _ready else _pending_migrations()
    except Exception:
        return JsonResponse({"status": "database unavailable", "cache": cache.status()}, status=503)
    if pending:
        return JsonResponse(
            {"status": "migrations pending", "pending": pending, "cache": cache.status()},
            status=503,
        )
    _ready = True
    return JsonResponse({"status": "ready", "cache": cache.status()})


# Error pages are for no search engine: each declares noindex in its PageMeta (portal/pagemeta.py).


def permission_denied(request, exception):
    """403, on the admin and the reader site alike (templates/403.html)."""
    meta = PageMeta(title=gettext("You may not open this page"), index=False)
    context = {"meta": meta, "exception": str(exception)}
    return HttpResponseForbidden(loader.get_template("403.html").render(context, request))


def page_not_found(request, exception):
    meta = PageMeta(title=gettext("Page not found"), index=False)
    return render(request, "404.html", {"meta": meta}, status=404)


def server_error(request):
    # A database failure raised outside a view (a middleware, the 404 page) gets the 503 page,
    # like those raised in views (portal/outage.py).
    unavailable = outage.answer(request, sys.exc_info()[1])
    if unavailable is not None:
        return unavailable
    # No context processors that touch the database: the database may be why we are here. The
    # page is in Vietnamese, whatever the reader's language (no translation in this template).
    meta = PageMeta(title="Lỗi máy chủ", index=False)
    return HttpResponse(loader.get_template("500.html").render({"meta": meta}), status=500)


def theme_css(request):
    """The header colours from the site settings, as a stylesheet (no inline styles under the
    CSP)."""
    site = SiteSettings.load()
    css = f":root{{--brand:{site.header_background};--brand-dark:{site.header_accent}}}\n"
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    patch_cache_control(response, public=True, max_age=86400 if request.GET.get("v") else 300)
    return response


@csrf_exempt  # no token in the pages (it would defeat caching); only our own pages may post here
@require_POST
@guarded()  # only our own pages may post here; a refusal is the 403 page (portal/guards.py)
def switch_language(request):
    """Django's set_language, for the header's language button."""
    return set_language(request)
