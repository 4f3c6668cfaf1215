"""When the database does not answer: "503 Service Unavailable" with `Retry-After`, not a 500.

`DatabaseUnavailableMiddleware` turns a connection failure raised by any view (reader pages, the
admin and its sign-in, feeds, the view beacon) into the 503 page (templates/503.html), rendered
without the database: no context processors, no site settings. `Retry-After` is
DATABASE_RETRY_AFTER_SECONDS. A failure raised outside a view (in a middleware, or while the 404
page is drawn) reaches handler500, which answers the same page (portal/views.py server_error).

The feedback form keeps the reader's text: feedback/views.py catches the failure itself and
answers this page with the form filled in.

The outage is logged (logger `portal.outage`) once a minute at most, with the number of requests
answered 503 since the last report, instead of once per request.
"""

import logging
import threading
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext

from .pagemeta import PageMeta

logger = logging.getLogger("portal.outage")

# What a database that does not answer raises: connection refused or lost, server shutting down
# or starting up, too many connections, a statement cancelled by the server (all OperationalError),
# or a connection already closed (InterfaceError).
DATABASE_DOWN = (OperationalError, InterfaceError)

LOG_EVERY_SECONDS = 60


class _Reports:
    """One log line per minute of outage, however many requests fail."""

    def __init__(self):
        self.lock = threading.Lock()
        self.last_at: float | None = None
        self.unreported = 0

    def failed(self, request, error: BaseException) -> None:
        with self.lock:
            now = time.monotonic()
            if self.last_at is not None and now - self.last_at < LOG_EVERY_SECONDS:
                self.unreported += 1
                return
            earlier, self.unreported, self.last_at = self.unreported, 0, now
        logger.error(
            "Database unavailable: answering 503 (Retry-After %d s) to %s %s%s",
            settings.DATABASE_RETRY_AFTER_SECONDS,
            request.method,
            request.path,
            f"; {earlier} more request(s) answered 503 since the last report" if earlier else "",
            exc_info=error,
        )


_reports = _Reports()


def answer(request, error: BaseException | None) -> HttpResponse | None:
    """The 503 page when `error` is the database not answering (logged, throttled), else None."""
    if not isinstance(error, DATABASE_DOWN):
        return None
    log_failure(request, error)
    return unavailable_response()


def log_failure(request, error: BaseException) -> None:
    _reports.failed(request, error)


def unavailable_response(*, form=None, action: str = "") -> HttpResponse:
    """The 503 page (Vietnamese, or English when the reader chose it), drawn without the database.

    `form`: a feedback form to give back to the reader (with `action`, where to send it again)."""
    meta = PageMeta(title=gettext("Temporarily unavailable"), index=False)  # no database read
    retry_after = settings.DATABASE_RETRY_AFTER_SECONDS
    html = loader.get_template("503.html").render(
        {"form": form, "action": action, "retry_after": retry_after, "meta": meta}
    )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(settings.DATABASE_RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    # Logged here, throttled (log_failure): not once more per request by django.request, which
    # would also e-mail ADMINS about every request of the outage.
    response._has_been_logged = True
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        return answer(request, exception)
