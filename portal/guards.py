"""The guard of the cookie-less POST endpoints: where the request comes from, and how often.

The feedback form, the view beacon and the language button are posted to from cacheable pages
without a CSRF token (portal/clients.py explains why). One decorator judges such a POST before
the view sees it:

    @guarded(refuse=answer)                          # origin only (beacon, language button)
    @guarded(throttle=FEEDBACK_THROTTLE, refuse=...)  # origin, then the per-address rate limit

- `origin=True` (the default): the POST must come from one of our pages
  (`portal.clients.sent_from_our_pages`); otherwise `refuse(request, Refusal("cross_site"), ...)`.
- `throttle`: a `Throttle` (a fixed window per client address, counted in the cache). A client that
  already used up the window is refused (`Refusal("rate_limited", retry_after)`) without being
  counted again. Failed attempts are not charged: the view charges what it accepts, with
  `request.throttle.charge()` around the save (counted before, given back if the save raises;
  over the limit, the guard answers with `refuse`), or `request.throttle.count()` to count an
  attempt it answers itself.
- `refuse(request, refusal, *args, **kwargs)` answers a refusal the endpoint's own way (an HTML
  page with the reader's text, JSON for the beacon, ...); the default raises PermissionDenied
  (the site's 403 page).

GET, HEAD, OPTIONS and TRACE are not judged (as with Django's CSRF check): a page that shows a
form and takes it on the same URL is guarded only when the form is sent.
"""

import math
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from .clients import client_ip, keyed_hash, sent_from_our_pages

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


@dataclass(frozen=True)
class Refusal:
    """Why the guard refused a request: "cross_site" or "rate_limited" (then for how long)."""

    kind: str
    retry_after: int = 0  # seconds until the rate-limit window ends

    @property
    def retry_at(self):
        return timezone.now() + timedelta(seconds=self.retry_after)


@dataclass
class RateLimit:
    """One address's standing in the current window, as `Throttle.status()` or `.hit()` saw it."""

    limited: bool
    retry_after: int  # seconds until the window ends
    key: str = ""  # the window's counter, for Throttle.refund()


class Throttled(Exception):
    """Raised by `request.throttle.charge()` over the limit; the guard answers with `refuse`."""

    def __init__(self, limit: RateLimit):
        super().__init__("rate limited")
        self.limit = limit


class Throttle:
    """At most `settings.<limit_setting>` accepted requests per client address per fixed window
    of `settings.<window_setting>` seconds (both read at each request).

    Counted with the cache's atomic add/incr: with Redis (REDIS_URL) every app server shares the
    count; with the default local-memory cache (or while Redis is down, see portal/cache.py) each
    process counts alone. The cache key holds a keyed hash of the address, never the address.
    `key(address_hash, window, index)` names the counter (portal/caching.py)."""

    def __init__(
        self, *, limit_setting: str, window_setting: str, key: Callable[[str, int, int], str]
    ):
        self.limit_setting = limit_setting
        self.window_setting = window_setting
        self.key = key

    @property
    def limit(self) -> int:
        return getattr(settings, self.limit_setting)

    def window(self, ip: str) -> tuple[str, int]:
        """The current window's counter for this address, and the seconds until it ends."""
        window = max(1, getattr(settings, self.window_setting))
        now = time.time()
        index = int(now // window)
        retry_after = max(1, math.ceil((index + 1) * window - now))
        return self.key(keyed_hash(ip), window, index), retry_after

    def status(self, ip: str) -> RateLimit:
        """Whether this address already used up the window, without counting anything."""
        key, retry_after = self.window(ip)
        return RateLimit(cache.get(key, 0) >= self.limit, retry_after)

    def hit(self, ip: str) -> RateLimit:
        """Count one request for this address; limited when it goes over the limit.

        The count is taken *before* the request's work is done: concurrent requests each get
        their own number from incr, so no more than the limit can pass however many arrive at
        once. Work that then fails is given back with refund()."""
        key, retry_after = self.window(ip)
        cache.add(key, 0, timeout=retry_after + 5)
        try:
            count = cache.incr(key)
        except ValueError:  # the key expired between add and incr
            cache.add(key, 1, timeout=retry_after + 5)
            count = 1
        return RateLimit(count > self.limit, retry_after, key)

    def refund(self, limit: RateLimit) -> None:
        """Give back a request counted by hit() that was not accepted after all, in the window it
        was counted in (atomic decr: concurrent requests keep their own numbers)."""
        if not limit.key:
            return
        try:
            cache.decr(limit.key)
        except ValueError:  # the window has ended meanwhile: nothing left to give back
            pass


class RequestThrottle:
    """A Throttle bound to one request's client address: what a guarded view finds in
    `request.throttle`."""

    def __init__(self, throttle: Throttle, ip: str):
        self.throttle = throttle
        self.ip = ip

    def count(self) -> RateLimit:
        """Count this request, whatever the result (an attempt the view answers itself)."""
        return self.throttle.hit(self.ip)

    @contextmanager
    def charge(self):
        """Count this request before the block (the work that makes it "accepted"): over the
        limit, raise Throttled and the block does not run; if the block raises, give the count
        back, so that only accepted requests use up the limit."""
        limit = self.throttle.hit(self.ip)
        if limit.limited:
            raise Throttled(limit)
        try:
            yield limit
        except BaseException:
            self.throttle.refund(limit)
            raise


def forbidden(request, refusal: Refusal, *args, **kwargs):
    """The default answer to a refusal: the site's 403 page."""
    raise PermissionDenied(refusal.kind)


def guarded(*, refuse: Callable = forbidden, origin: bool = True, throttle: Throttle | None = None):
    """Judge a POST's origin and rate before the view (see the module docstring)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in SAFE_METHODS:
                return view(request, *args, **kwargs)
            if origin and not sent_from_our_pages(request):
                return refuse(request, Refusal("cross_site"), *args, **kwargs)
            if throttle is None:
                return view(request, *args, **kwargs)
            ip = client_ip(request)
            status = throttle.status(ip)
            if status.limited:
                refusal = Refusal("rate_limited", status.retry_after)
                return refuse(request, refusal, *args, **kwargs)
            request.throttle = RequestThrottle(throttle, ip)
            try:
                return view(request, *args, **kwargs)
            except Throttled as over:  # a concurrent request took the last place meanwhile
                refusal = Refusal("rate_limited", over.limit.retry_after)
                return refuse(request, refusal, *args, **kwargs)

        return wrapper

    return decorator
