"""URLs of the load benchmark: the project's, plus /bench-floor/, a bare Django view that returns
a constant 30 KB page. It goes through the same middleware as every page but reads no database
and renders no template, so its throughput is the floor that reader pages are compared with."""

from django.http import HttpResponse
from django.urls import include, path

FLOOR_BODY = (
    (
        "<!doctype html><html lang=vi><title>floor</title><body>"
        + "<p>Cổng thông tin điện tử — trang tĩnh để đo nền.</p>\n" * 600
    )
    .encode()[: 30 * 1024]
    .decode(errors="ignore")
    .encode()
)


def floor(request):
    return HttpResponse(FLOOR_BODY, content_type="text/html; charset=utf-8")


urlpatterns = [
    path("bench-floor/", floor),
    path("", include("portal.urls")),
]

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
