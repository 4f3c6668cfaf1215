"""Probe views for tests/deploy/test_nginx.py, then the project's own addresses.

Each probe answers a body that differs at every render (process id and a counter), so a test can
tell a copy from the micro-cache (same body, `X-Micro-Cache: HIT`) from a fresh render.
"""

import itertools
import os

from django.http import HttpResponse
from django.urls import path

from portal.urls import handler404, handler500  # noqa: F401
from portal.urls import urlpatterns as portal_urlpatterns

_renders = itertools.count(1)


def _probe(cache_control: str, *, set_cookie: bool = False):
    def view(request):
        response = HttpResponse(
            f"render {os.getpid()}-{next(_renders)}\n", content_type="text/plain"
        )
        response["Cache-Control"] = cache_control
        if set_cookie:
            # Written as a raw header, so that the app's PrivateIfCookieMiddleware (which turns a
            # public response with cookies private) does not see it: what is tested is nginx's own
            # rule that a response setting a cookie is never stored.
            response["Set-Cookie"] = "probe=1; Path=/; Secure; HttpOnly"
        return response

    return view


def _client(request):
    """The client's address as the app reads it (portal.clients.client_ip), and whether Django
    took the request for https: what the forwarding headers of every proxy hop add up to."""
    from portal.clients import client_ip

    response = HttpResponse(
        f"{client_ip(request)} {request.is_secure()}\n", content_type="text/plain"
    )
    response["Cache-Control"] = "private"
    return response


urlpatterns = [
    path("_probe/client/", _client),
    path("_probe/public/", _probe("public, max-age=60")),
    path("_probe/set-cookie/", _probe("public, max-age=60", set_cookie=True)),
    path("_probe/private/", _probe("private, max-age=60")),
    path("_probe/no-cache/", _probe("public, no-cache")),
    path("_probe/no-store/", _probe("no-store")),
    *portal_urlpatterns,
]
