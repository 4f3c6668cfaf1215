"""The site's own 404 page in development too.

With DEBUG on (the development `.env` that `make run` writes), Django answers a missing page with
its technical 404, in English and listing every URL pattern, instead of the site's handler404. This
middleware, last in MIDDLEWARE, renders the site's page instead, as production does: for an address
no URL pattern matches, and for a view that raises Http404 (an unknown article, category or tag).
It does nothing with DEBUG off (production already uses handler404), nor with
DEBUG_TECHNICAL_404=1, for a developer who wants Django's page back.
"""

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.http import Http404
from django.urls import get_resolver


class SiteNotFoundPageMiddleware:
    def __init__(self, get_response):
        if not settings.DEBUG or settings.DEBUG_TECHNICAL_404:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and request.resolver_match is None:
            return self.site_page(request, Http404(request.path))  # no URL pattern matched
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, Http404):
            return self.site_page(request, exception)
        return None

    @staticmethod
    def site_page(request, exception):
        handler = get_resolver(getattr(request, "urlconf", None)).resolve_error_handler(404)
        return handler(request, exception)
