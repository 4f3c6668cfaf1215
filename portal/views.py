import sys

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from . import cache, outage


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


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors that touch the database: the database may be why we are here.
    from django.template import loader

    # A database failure raised outside a view (a middleware, the 404 page) gets the 503 page,
    # like those raised in views (portal/outage.py).
    unavailable = outage.answer(request, sys.exc_info()[1])
    if unavailable is not None:
        return unavailable
    return HttpResponse(loader.get_template("500.html").render(), status=500)
