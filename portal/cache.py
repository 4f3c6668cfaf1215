"""The shared cache (Redis) as an optional part: when it does not answer, the site goes on.

`ResilientRedisCache` is Django's RedisCache (used when REDIS_URL is set) with three additions:

- short socket timeouts (REDIS_SOCKET_TIMEOUT), and no retries inside redis-py, so a dead or
  unreachable Redis costs a request at most one short wait;
- when Redis does not answer (refused, reset, timed out, still loading its data...), the call is
  answered from a per-process local-memory cache instead: reader pages are built from the database
  and kept there, and the atomic add/incr of the feedback rate limit and of view counting keep
  working, per process (as with the default local-memory cache) instead of shared;
- a circuit breaker: after a failure Redis is left alone for REDIS_RETRY_SECONDS, then one call
  tries it again, so an outage does not add a timeout to every request. The outage is logged once
  (logger `portal.cache`, ERROR) and so is the recovery (WARNING), per process.

Keys written with set()/delete() during an outage (a new widget generation after an edit, the
site settings) never reached Redis: when it answers again they are deleted there, so nothing
older than the edit is served from it, and the local fallback is emptied.

`status()` tells /healthz whether the cache is "ok" or "degraded".
"""

import logging
import threading
import time
from urllib.parse import urlsplit

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger("portal.cache")

# At most this many keys written during an outage are remembered, to be deleted from Redis when
# it is back (an outage writes a few widget keys per minute; this bound is only a safety net).
MAX_REMEMBERED_KEYS = 10_000


def _unavailable_errors() -> tuple[type[BaseException], ...]:
    import redis

    # RedisError: refused, reset, timed out, loading, read-only, out of memory, ... Whatever Redis
    # says, the cache is an optimisation and must not fail a request. ValueError (incr() of a
    # missing key) is not among them: it is the cache's answer, not a failure.
    return (redis.exceptions.RedisError, OSError)


def _describe(location: str) -> str:
    """host:port/db of a Redis URL, without the password, for the logs."""
    descriptions = []
    for server in location.replace(";", ",").split(","):
        parts = urlsplit(server.strip())
        host = f"{parts.hostname}:{parts.port}" if parts.port else (parts.hostname or "")
        descriptions.append(f"{host}{parts.path}")
    return ", ".join(descriptions)


class _Breaker:
    """The state of one Redis, shared by every thread of the process (Django makes one cache
    object per thread)."""

    def __init__(self, name: str, retry_seconds: float):
        self.name = name
        self.retry_seconds = retry_seconds
        self.lock = threading.Lock()
        self.down_since: float | None = None  # time.monotonic() of the first failure
        self.retry_at = 0.0
        self.last_error = ""
        self.written: set[str] = set()  # keys set or deleted in the fallback during the outage
        self.written_overflow = False
        self.fallbacks: dict[
            str, LocMemCache
        ] = {}  # every cache on this Redis ("default", "pages")

    @property
    def down(self) -> bool:
        return self.down_since is not None

    def time_to_try(self) -> bool:
        """Redis is down: True for one caller every `retry_seconds`, who tries it again (the
        others keep using local memory meanwhile)."""
        with self.lock:
            now = time.monotonic()
            if now < self.retry_at:
                return False
            self.retry_at = now + self.retry_seconds
            return True

    def failed(self, error: BaseException) -> None:
        with self.lock:
            now = time.monotonic()
            self.retry_at = now + self.retry_seconds
            self.last_error = f"{type(error).__name__}: {str(error).rstrip('.')}"
            if self.down_since is not None:
                return
            self.down_since = now
        logger.error(
            "Cache unavailable (Redis at %s): %s. Answering from this process's memory and the "
            "database; trying Redis again every %g s.",
            self.name,
            self.last_error,
            self.retry_seconds,
        )

    def pending(self) -> set[str]:
        with self.lock:
            return set(self.written)

    def recovered(self) -> tuple[float, set[str], bool]:
        """Mark Redis up; hand back (seconds it was down, keys written meanwhile, whether some
        were not remembered)."""
        with self.lock:
            outage = time.monotonic() - (self.down_since or time.monotonic())
            written, overflow = self.written, self.written_overflow
            self.down_since, self.written, self.written_overflow = None, set(), False
            self.last_error = ""
        return outage, written, overflow

    def remember(self, keys) -> None:
        with self.lock:
            for key in keys:
                if len(self.written) >= MAX_REMEMBERED_KEYS:
                    self.written_overflow = True
                    return
                self.written.add(key)


_breakers: dict[str, _Breaker] = {}
_breakers_lock = threading.Lock()


def _breaker(location: str, retry_seconds: float) -> _Breaker:
    with _breakers_lock:
        if location not in _breakers:
            _breakers[location] = _Breaker(_describe(location), retry_seconds)
        return _breakers[location]


class _ReusingRedisClient(RedisCacheClient):
    """Django's client builds a new redis.Redis object for every cache call (~0.1 ms each, dozens
    per page); one per connection pool is enough: redis.Redis is thread-safe over its pool."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(
                connection_pool=self._get_connection_pool(write)
            )
        return client


class RedisUnavailable(Exception):
    """Redis did not answer, or is left alone for now after a failure (see `_Breaker`)."""


class ResilientRedisCache(RedisCache):
    """Django's RedisCache that answers from local memory while Redis is unreachable."""

    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        retry_seconds = float(options.pop("RETRY_SECONDS", 5))
        fallback_entries = int(options.pop("FALLBACK_MAX_ENTRIES", 5000))
        timeout = float(options.pop("SOCKET_TIMEOUT", 0.5))
        options.setdefault("socket_connect_timeout", timeout)
        options.setdefault("socket_timeout", timeout)
        # No retries inside redis-py (its defaults have changed between versions): one failure
        # is enough to switch to local memory, and the breaker decides when to try again.
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        options.setdefault("retry", Retry(NoBackoff(), 0))
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._class = _ReusingRedisClient
        location = server if isinstance(server, str) else ",".join(server)
        self._breaker = _breaker(location, retry_seconds)
        self._unavailable = _unavailable_errors()
        # One local-memory store per Redis location and key prefix (the "default" and "pages"
        # caches), shared by the threads of this process (the LocMemCache's name selects its
        # store), with the same key prefix, version and timeout.
        fallback_name = f"portal.cache.fallback:{location}:{params.get('KEY_PREFIX', '')}"
        self._fallback = LocMemCache(
            fallback_name,
            {
                "TIMEOUT": params.get("TIMEOUT", 300),
                "KEY_PREFIX": params.get("KEY_PREFIX", ""),
                "VERSION": params.get("VERSION", 1),
                "KEY_FUNCTION": params.get("KEY_FUNCTION"),
                "OPTIONS": {"MAX_ENTRIES": fallback_entries},
            },
        )
        with self._breaker.lock:
            self._breaker.fallbacks.setdefault(fallback_name, self._fallback)

    # --- state, for /healthz ------------------------------------------------------------------

    @property
    def degraded(self) -> bool:
        return self._breaker.down

    # --- every operation goes through _call ---------------------------------------------------

    def _call(self, name: str, args: tuple, kwargs: dict, written=None):
        """Redis's answer, or local memory's when Redis is down. `written`: for writes, a callable
        giving the keys written, remembered during an outage to be deleted from Redis after it."""
        breaker = self._breaker
        if not breaker.down or (breaker.time_to_try() and self._back()):
            try:
                return getattr(super(), name)(*args, **kwargs)
            except self._unavailable as error:
                breaker.failed(error)
        if written is not None:
            breaker.remember(written())
        return getattr(self._fallback, name)(*args, **kwargs)

    def _back(self) -> bool:
        """Redis was down: does it answer again? If so, first delete from it what was written
        to local memory meanwhile (it is older than that), then use it again."""
        breaker = self._breaker
        written: set[str] = set()
        try:
            self._cache.get_client(None, write=True).ping()
            deleted = breaker.pending()
            if deleted:
                self._cache.delete_many(list(deleted))
            outage, written, overflow = breaker.recovered()
            if written - deleted:  # written by other threads while this one was deleting
                self._cache.delete_many(list(written - deleted))
        except self._unavailable as error:
            breaker.failed(error)
            breaker.remember(written)  # if it was marked up meanwhile, these are still to delete
            return False
        for fallback in list(
            breaker.fallbacks.values()
        ):  # this cache's and the others on this Redis
            fallback.clear()
        logger.warning(
            "Cache available again (Redis at %s) after %.0f s; %d key(s) written meanwhile were "
            "deleted from it%s.",
            breaker.name,
            outage,
            len(written),
            " (more were written than remembered: entries may be stale until they expire)"
            if overflow
            else "",
        )
        return True

    # --- raw commands, for what Django's cache API cannot say (the view buffer's hash) ---------

    def run_on_redis(self, operation):
        """`operation(client)` with redis-py's client (keys are NOT prefixed: the caller names
        them), through the circuit breaker: a failure is logged once, as for every other call, and
        Redis is tried again every REDIS_RETRY_SECONDS. Raises RedisUnavailable when Redis does not
        answer (now, or since a recent failure); the caller has its own fallback. An error Redis
        answers about the command itself (redis.exceptions.ResponseError, e.g. RENAME of a missing
        key) is not an outage: catch it inside `operation`."""
        breaker = self._breaker
        if not breaker.down or (breaker.time_to_try() and self._back()):
            try:
                return operation(self._cache.get_client(None, write=True))
            except self._unavailable as error:
                breaker.failed(error)
        raise RedisUnavailable(breaker.last_error)

    def get_with(self, other: "ResilientRedisCache", key, other_key):
        """(this cache's value of `key`, `other`'s value of `other_key`) in one round trip (MGET)
        when both caches are on this Redis and it answers; otherwise two ordinary reads (which
        answer from local memory while Redis is down)."""
        if other._breaker is self._breaker and not self._breaker.down:
            names = [self.make_and_validate_key(key), other.make_and_validate_key(other_key)]
            try:
                values = self.run_on_redis(lambda client: client.mget(names))
            except RedisUnavailable:
                pass
            else:
                loads = self._cache._serializer.loads
                return tuple(None if value is None else loads(value) for value in values)
        return self.get(key), other.get(other_key)

    def _keys(self, keys, version):
        return lambda: [self.make_key(key, version=version) for key in keys]

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", (key, value, timeout, version), {})

    def get(self, key, default=None, version=None):
        return self._call("get", (key, default, version), {})

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", (key, value, timeout, version), {}, self._keys([key], version))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", (key, timeout, version), {}, self._keys([key], version))

    def delete(self, key, version=None):
        return self._call("delete", (key, version), {}, self._keys([key], version))

    def get_many(self, keys, version=None):
        keys = list(keys)  # read twice if Redis fails
        return self._call("get_many", (keys, version), {})

    def has_key(self, key, version=None):
        return self._call("has_key", (key, version), {})

    def incr(self, key, delta=1, version=None):
        return self._call("incr", (key, delta, version), {})

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", (data, timeout, version), {}, self._keys(data, version))

    def delete_many(self, keys, version=None):
        keys = list(keys)
        return self._call("delete_many", (keys, version), {}, self._keys(keys, version))

    def clear(self):
        """Delete this cache's own entries (the keys Django made under its KEY_PREFIX), not the
        whole Redis database as Django's RedisCache does (FLUSHDB): the other caches on the same
        Redis (the "pages" cache is "<prefix>:pages:…", so a digit never follows "<prefix>:" there),
        the view buffer ("<prefix>:views:…", articles/viewbuffer.py) and other sites or test runs
        sharing the database are left alone. False when Redis does not answer."""
        self._fallback.clear()
        pattern = _glob_escape(self.key_prefix) + ":[0-9]*"  # "<prefix>:<version>:<key>"

        def delete_own(client):
            batch = []
            for name in client.scan_iter(match=pattern, count=1000):
                batch.append(name)
                if len(batch) == 1000:
                    client.unlink(*batch)
                    batch.clear()
            if batch:
                client.unlink(*batch)
            return True

        try:
            return self.run_on_redis(delete_own)
        except RedisUnavailable:
            return False


def _glob_escape(text: str) -> str:
    """`text` matched literally in a Redis SCAN pattern."""
    return "".join("\\" + char if char in "*?[]\\" else char for char in text)


def status(alias: str = "default") -> str:
    """ "ok", or "degraded" while the shared cache does not answer (the site still works).

    Asks the cache once, so that an outage is noticed even when nothing else used the cache."""
    cache = caches[alias]
    if not isinstance(cache, ResilientRedisCache):
        return "ok"
    cache.get("portal:healthz")
    return "degraded" if cache.degraded else "ok"
