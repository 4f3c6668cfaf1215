"""Staff sign-in: login throttling (django-axes) and idle expiry of staff sessions.

Throttling. django-axes records every failed sign-in in the database (not the cache: when the
cache server is down, sign-in must still work and still count) and refuses the next attempts,
before any password is hashed, once one of three limits is reached within LOGIN_LOCKOUT_MINUTES
(a failure counts while the gap to the next one is shorter than that):

- one account from one address (LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS, 5): somebody mistyping,
  or an attacker with one address, is stopped early without locking the account for everyone;
- one account from any address (LOGIN_FAILURES_PER_ACCOUNT, 10): rotating addresses does not
  buy an attacker more guesses at one password;
- one address against any accounts (LOGIN_FAILURES_PER_ADDRESS, 20, higher: a newsroom's staff
  usually share the office's address): trying one password on many accounts is stopped.

Attempts refused during a lock are not counted (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT
off), so a lock ends LOGIN_LOCKOUT_MINUTES after the failure that caused it, and an attacker
with one address cannot push an account past its account-wide limit. `manage.py unlock_login`
lifts a lock at once.

Sessions. A signed-in session ends SESSION_COOKIE_AGE after the last admin request that used it
(renewed at most every RENEW_EVERY_SECONDS, so that staff pages cost no extra write), and when
the browser closes: a shift never ends in the middle of an article, an abandoned session does.
"""

import ipaddress
import math
import time
from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import (
    get_client_username,
    get_cool_off,
    get_failure_limit,
    get_lockout_parameters,
)
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME, SESSION_KEY
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Max, Sum
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from portal.clients import client_ip

SESSION_RENEWED_KEY = "_portal_session_renewed"
RENEW_EVERY_SECONDS = 5 * 60


def client_address(request) -> str | None:
    """The address django-axes counts failures by (AXES_CLIENT_IP_CALLABLE): the project's own
    client_ip (which alone decides whether to trust the proxy's header), or None when even
    REMOTE_ADDR is not an address (axes stores addresses in an inet column)."""
    address = client_ip(request)
    return address if _is_address(address) else None


def normalise_address(value: str) -> str | None:
    """`value` as client_ip would record it (an IPv6 address becomes its /64), or None when it
    is not an address; a /64 written out is kept as it is."""
    request = HttpRequest()
    request.META["REMOTE_ADDR"] = value.strip()
    return client_address(request)


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_interface(value)
    except ValueError:
        return False
    return True


def failure_limit(parameter) -> int:
    """The number of failures that locks one lockout parameter of AXES_LOCKOUT_PARAMETERS."""
    fields = frozenset([parameter] if isinstance(parameter, str) else parameter)
    limits = {
        frozenset(["username", "ip_address"]): settings.LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS,
        frozenset(["username"]): settings.LOGIN_FAILURES_PER_ACCOUNT,
        frozenset(["ip_address"]): settings.LOGIN_FAILURES_PER_ADDRESS,
    }
    return limits.get(fields, settings.AXES_FAILURE_LIMIT)


class LoginThrottle(AxesDatabaseHandler):
    """Axes' database handler with a failure limit of its own for each lockout parameter.

    Axes compares one number, get_failures(), with one AXES_FAILURE_LIMIT. Here get_failures()
    counts against the limit closest to being reached, on AXES_FAILURE_LIMIT's scale
    (AXES_FAILURE_LIMIT minus the attempts left), so axes locks as soon as any limit is reached.
    """

    def tallies(self, request, credentials=None):
        """(limit, failures, time of the latest failure) for each lockout parameter."""
        parameters = get_lockout_parameters(request, credentials)
        attempts_list = self.get_user_attempts(request, credentials)
        for parameter, attempts in zip(parameters, attempts_list, strict=True):
            totals = attempts.aggregate(
                failures=Sum("failures_since_start"), latest=Max("attempt_time")
            )
            yield failure_limit(parameter), totals["failures"] or 0, totals["latest"]

    def get_failures(self, request, credentials=None) -> int:
        left = min(limit - failures for limit, failures, _ in self.tallies(request, credentials))
        return get_failure_limit(request, credentials) - left

    def locked_until(self, request, credentials=None):
        """When the lock on this request ends, if nothing is unlocked by hand; None if unlocked."""
        cool_off = get_cool_off(request)
        tallies = self.tallies(request, credentials)
        latest = [latest for limit, failures, latest in tallies if failures >= limit]
        if not latest or cool_off is None:
            return None
        return max(latest) + cool_off

    def user_logged_in(self, sender, request, user, **kwargs):
        super().user_logged_in(sender, request, user, **kwargs)
        # The session's idle time counts from here (see StaffSessionMiddleware).
        request.session[SESSION_RENEWED_KEY] = int(time.time())


def lockout_response(request, original_response=None, credentials=None):
    """The admin's sign-in page with a message saying the sign-in is locked and for how long
    (AXES_LOCKOUT_CALLABLE); 429 with Retry-After."""
    if original_response is not None and not isinstance(original_response, HttpResponseBase):
        credentials = original_response  # axes' async middleware passes (request, credentials)
    handler = AxesProxyHandler.get_implementation()
    until = None
    if isinstance(handler, LoginThrottle):
        until = handler.locked_until(request, credentials)
    remaining = (until - timezone.now()) if until else (get_cool_off(request) or timedelta(0))
    minutes = max(1, math.ceil(remaining.total_seconds() / 60))
    username = get_client_username(request, credentials) or ""
    context = {
        **admin.site.each_context(request),
        "title": _("Log in"),
        "app_path": request.get_full_path(),
        "form": AuthenticationForm(request, initial={"username": username}),
        REDIRECT_FIELD_NAME: request.POST.get(REDIRECT_FIELD_NAME, ""),
        "minutes": minutes,
    }
    status = settings.AXES_HTTP_RESPONSE_CODE
    response = render(request, "admin/locked_out.html", context, status=status)
    response["Retry-After"] = str(minutes * 60)
    add_never_cache_headers(response)
    return response


class StaffSessionMiddleware:
    """Idle expiry of signed-in sessions: each request that reads the session of a signed-in
    user pushes its end to SESSION_COOKIE_AGE from now, writing the session at most every
    RENEW_EVERY_SECONDS. Requests that do not touch the session (reader pages) cost nothing.
    Place it after SessionMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.accessed and SESSION_KEY in session:
            now = int(time.time())
            if now - session.get(SESSION_RENEWED_KEY, 0) >= RENEW_EVERY_SECONDS:
                session[SESSION_RENEWED_KEY] = now  # modified: SessionMiddleware saves it
        return response
