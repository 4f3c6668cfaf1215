"""Buffered view counts: a counted view is added to a buffer, not to its article's row, and a flush
adds the buffer to `Article.view_count` and `DailyViews` in batches.

Why: one transaction per view on the article's row made that row a hot spot under a burst
(thousands of readers a minute on one article, each beacon waiting for the previous one's lock).

The buffers
- Redis (REDIS_URL set and Redis answering): `HINCRBY` on one hash,
  `portal.caching.view_buffer_name()`, whose fields are "<article id>:<YYYY-MM-DD>" (the day in
  Vietnam time when the view was counted). One round trip, together with the reader's dedup key
  and the hourly cap (`count_once_in_redis`, a Lua script); Redis applies the increments one after
  the other, nothing waits on a lock.
- The database (the local-memory cache, or while Redis does not answer): one `PendingView` row per
  view, plain INSERTs (no foreign key, so no lock on the article's row; no row two beacons share).
A view is never lost because Redis is down: it goes to the database instead.

The flush (`flush()`; piggy-backed on beacons every VIEW_FLUSH_SECONDS, and `manage.py flush_views`)
runs under a PostgreSQL advisory lock (transaction-level), so two servers never flush at once:
1. Redis, atomically (MULTI/EXEC): RENAME the pending hash to a batch key with a new batch id and
   add the id to the set of batches; then read every batch still in the set (the new one, and any
   left by a flush that crashed).
2. The database buffer: `WITH gone AS (DELETE ... RETURNING ...)`, summed per article and day.
3. In ONE transaction: add it all up, `UPDATE ... FROM (VALUES ...)` for the totals and
   `INSERT ... ON CONFLICT` for the days (one statement per 1,000 rows, never one per article),
   and record the ids of the Redis batches applied (`ViewFlush`). Views of articles deleted
   meanwhile are dropped quietly (only the articles the UPDATE found get their days).
4. After the commit, delete the batch keys (and their ids from the set).
A batch whose id is already recorded (the process died between 3 and 4) is only deleted: never
applied twice. A crash before the commit rolls everything back: the batch stays in Redis and the
rows in the table, and the next flush applies them. So a crash counts nothing twice; what can be
lost is only what Redis itself loses (its pending hash lives in memory: at most what was counted
since its last save, with the usual `--save`/`--appendonly` settings), and with the table what a
crash of PostgreSQL itself loses of commits made with synchronous_commit off (under a second).
Recorded batch ids are kept for a day (a batch left in Redis that long after being applied would be
counted again; Redis would have to stay unreachable to every flush for that whole day).

Redis must not evict the buffer: it has no expiry, so `maxmemory-policy` `volatile-*` or
`noeviction` keep it (`allkeys-*` could drop views). `cache.clear()` leaves it alone
(portal/cache.py deletes the cache's own keys only, never FLUSHDB).
"""

import hashlib
import logging
import uuid
import zlib
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.cache import cache, caches
from django.db import connection, transaction
from django.utils import timezone
from redis.exceptions import NoScriptError

from portal import caching
from portal.cache import RedisUnavailable, ResilientRedisCache

from .models import Article, DailyViews, PendingView, ViewFlush

logger = logging.getLogger("articles.views")

# pg_advisory_xact_lock key: one flush at a time per database, whatever the server.
FLUSH_LOCK = zlib.crc32(b"articles.viewbuffer.flush")
ROWS_PER_STATEMENT = 1000
KEEP_FLUSH_RECORDS = timedelta(days=1)


# --- names (Redis) --------------------------------------------------------------------------------


def _field(article_id: int, day: date) -> str:
    return f"{article_id}:{day.isoformat()}"


def _redis_cache() -> ResilientRedisCache | None:
    backend = caches["default"]
    return backend if isinstance(backend, ResilientRedisCache) else None


# --- the beacon's side ----------------------------------------------------------------------------


def add_view(article_id: int, known_total: int) -> int:
    """Buffer one view of the article, counted today; the live total for the beacon's answer:
    `known_total` (the article's total as of a recent read) plus what Redis holds for it today,
    or, with the database buffer, the total and the pending rows read by the INSERT itself."""
    day = timezone.localdate()
    redis = _redis_cache()
    if redis is not None:
        name, field = caching.view_buffer_name(), _field(article_id, day)
        try:
            pending = redis.run_on_redis(lambda client: client.hincrby(name, field, 1))
        except RedisUnavailable:
            pass  # logged once by the breaker; the view goes to the database
        else:
            return known_total + int(pending)
    return _add_to_table(article_id, day, known_total)


# With Redis, the beacon's server-side checks and the increment in one round trip (instead of
# five: SET NX of the reader's key, EXISTS + INCR of the hourly cap, HINCRBY), with the same keys
# and values as Django's cache API writes (views_count.first_view_of_reader/within_hourly_cap, the
# path taken without Redis or while it is down). Returns {1, pending} when counted, {0, pending}
# when the reader was seen in the window or is over the hourly cap (then the cap is still counted,
# as within_hourly_cap does).
_COUNT_ONCE = """
local pending
if redis.call('SET', KEYS[1], 1, 'NX', 'EX', ARGV[1]) then
  local used = redis.call('INCR', KEYS[2])
  if used == 1 then redis.call('EXPIRE', KEYS[2], 3600) end
  if used <= tonumber(ARGV[2]) then
    return {1, redis.call('HINCRBY', KEYS[3], ARGV[3], 1)}
  end
end
pending = redis.call('HGET', KEYS[3], ARGV[3])
return {0, tonumber(pending) or 0}
"""
_COUNT_ONCE_SHA = hashlib.sha1(_COUNT_ONCE.encode()).hexdigest()


def count_once_in_redis(article_id: int, seen_key: str, seen_seconds: int, cap_key: str, cap: int):
    """(counted, pending views of the article today) through Redis in one round trip; None without
    Redis or while it does not answer (the caller then takes the cache API's path, which answers
    from local memory meanwhile). `seen_key` and `cap_key` are cache keys (prefixed here)."""
    redis = _redis_cache()
    if redis is None:
        return None
    keys = [redis.make_key(seen_key), redis.make_key(cap_key), caching.view_buffer_name()]
    args = [seen_seconds, cap, _field(article_id, timezone.localdate())]

    def run(client):
        # By its SHA (nothing kept per client or thread); EVAL loads it when Redis does not know it.
        try:
            return client.evalsha(_COUNT_ONCE_SHA, len(keys), *keys, *args)
        except NoScriptError:
            return client.eval(_COUNT_ONCE, len(keys), *keys, *args)

    try:
        counted, pending = redis.run_on_redis(run)
    except RedisUnavailable:
        return None
    return bool(counted), int(pending)


def _add_to_table(article_id: int, day: date, known_total: int) -> int:
    """One INSERT; its RETURNING reads the article's total and the pending rows (it does not see
    its own row: +1). Its commit does not wait for the disk (synchronous_commit off, for this
    statement's own implicit transaction only; call it in autocommit mode): a crash of PostgreSQL
    itself may lose the last fraction of a second of views, never corrupt anything, and the
    beacon does not wait for an fsync per view."""
    pending, article = PendingView._meta.db_table, Article._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SET LOCAL synchronous_commit TO OFF; "
            f"INSERT INTO {pending} (article_id, day, count) VALUES (%s, %s, 1) "
            f"RETURNING (SELECT view_count FROM {article} WHERE id = %s) "
            f"+ (SELECT COALESCE(SUM(count), 0) FROM {pending} WHERE article_id = %s) + 1",
            [article_id, day, article_id, article_id],
        )
        total = cursor.fetchone()[0]
    return known_total + 1 if total is None else int(total)  # None: deleted meanwhile


def live_total(article_id: int, known_total: int) -> int:
    """The total with the views not flushed yet (today's in Redis; all of them in the table)."""
    redis = _redis_cache()
    if redis is not None:
        name, field = caching.view_buffer_name(), _field(article_id, timezone.localdate())
        try:
            pending = redis.run_on_redis(lambda client: client.hget(name, field))
        except RedisUnavailable:
            pass
        else:
            return known_total + int(pending or 0)
    pending, article = PendingView._meta.db_table, Article._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT view_count + (SELECT COALESCE(SUM(count), 0) FROM {pending} "
            f"WHERE article_id = %s) FROM {article} WHERE id = %s",
            [article_id, article_id],
        )
        row = cursor.fetchone()
    return known_total if row is None else int(row[0])


def known_total_key(article_id: int) -> str:
    """The article's total as of a recent read if it is published, -1 if not: under the content
    generation, so publishing, unpublishing or deleting it is seen at once."""
    return caching.block_key(f"published:{article_id}")


# --- the flush ------------------------------------------------------------------------------------


@dataclass
class Flushed:
    views: int = 0  # added to the totals (views of deleted articles not included)
    articles: int = 0
    dropped: int = 0  # views of articles deleted meanwhile
    batches: int = 0  # Redis batches applied
    stale_batches: int = 0  # Redis batches found already applied, only deleted
    busy: bool = False  # another flush held the lock: nothing done


def flush(*, wait: bool = False) -> Flushed:
    """Add every buffered view to the totals and days. Call it outside a transaction (the batch
    keys are deleted once it has committed). With `wait`, wait for a flush running elsewhere to
    end instead of leaving it the work."""
    redis = _redis_cache()
    result = Flushed()
    applied_ids: list[str] = []
    with transaction.atomic():
        with connection.cursor() as cursor:
            if wait:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [FLUSH_LOCK])
            else:
                cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [FLUSH_LOCK])
                if not cursor.fetchone()[0]:
                    result.busy = True
                    return result
        counts: Counter = Counter()
        batches = _take_redis_batches(redis) if redis is not None else {}
        if batches:
            done = set(
                ViewFlush.objects.filter(batch_id__in=list(batches)).values_list(
                    "batch_id", flat=True
                )
            )
            for batch_id, fields in batches.items():
                if batch_id in done:
                    result.stale_batches += 1
                    continue
                for field, value in fields.items():
                    article_id, day = _parse_field(field)
                    if article_id is not None and int(value) > 0:
                        counts[(article_id, day)] += int(value)
                applied_ids.append(batch_id)
            result.batches = len(applied_ids)
        counts.update(_drain_table())
        totals = _apply(counts)
        result.articles = len(totals)
        result.views = sum(n for (article_id, _), n in counts.items() if article_id in totals)
        result.dropped = sum(counts.values()) - result.views
        if applied_ids:
            ViewFlush.objects.bulk_create(
                [ViewFlush(batch_id=batch_id) for batch_id in applied_ids]
            )
        ViewFlush.objects.filter(flushed_at__lt=timezone.now() - KEEP_FLUSH_RECORDS).delete()
    if batches:
        _delete_redis_batches(redis, list(batches))
    if totals:
        # The beacon's answers add the pending views to these: read the new totals.
        cache.delete_many([known_total_key(article_id) for article_id in totals])
    if result.dropped:
        logger.info("View flush: %d view(s) of deleted articles dropped.", result.dropped)
    return result


def _take_redis_batches(redis: ResilientRedisCache) -> dict[str, dict]:
    """Atomically move the pending hash to a new batch (if there is one), then read every batch not
    deleted yet: {batch id: {field: count}}. Redis unreachable: nothing (the table is still
    flushed)."""
    pending, batches = caching.view_buffer_name(), caching.view_batches_name()
    batch_id = f"{timezone.now():%Y%m%d%H%M%S}-{uuid.uuid4().hex[:12]}"

    def take(client):
        import redis as redis_py

        if client.exists(pending):
            pipe = client.pipeline(transaction=True)  # MULTI/EXEC: both or neither
            pipe.rename(pending, caching.view_batch_name(batch_id))
            pipe.sadd(batches, batch_id)
            try:
                pipe.execute()
            except redis_py.exceptions.ResponseError:  # emptied since EXISTS: nothing new
                client.srem(batches, batch_id)
        ids = sorted(member.decode() for member in client.smembers(batches))
        if not ids:
            return {}
        read = client.pipeline(transaction=False)
        for each in ids:
            read.hgetall(caching.view_batch_name(each))
        return {
            each: {k.decode(): v for k, v in fields.items()}
            for each, fields in zip(ids, read.execute(), strict=True)
        }

    try:
        return redis.run_on_redis(take)
    except RedisUnavailable:
        return {}


def _delete_redis_batches(redis: ResilientRedisCache, ids: list[str]) -> None:
    def delete(client):
        pipe = client.pipeline(transaction=True)
        pipe.delete(*[caching.view_batch_name(each) for each in ids])
        pipe.srem(caching.view_batches_name(), *ids)
        pipe.execute()

    try:
        redis.run_on_redis(delete)
    except RedisUnavailable:
        logger.warning(
            "View flush: %d applied batch(es) not deleted from Redis yet (it will be retried).",
            len(ids),
        )


def _parse_field(field: str) -> tuple[int | None, date | None]:
    article_id, _, day = field.partition(":")
    try:
        return int(article_id), date.fromisoformat(day)
    except ValueError:
        logger.warning("View flush: unexpected field %r in the Redis buffer, ignored.", field[:100])
        return None, None


def _drain_table() -> Counter:
    """Delete the database buffer's rows and sum them per (article, day), in one statement (rows
    inserted meanwhile are not seen, and stay for the next flush)."""
    table = PendingView._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH gone AS (DELETE FROM {table} RETURNING article_id, day, count) "
            "SELECT article_id, day, SUM(count) FROM gone GROUP BY article_id, day"
        )
        return Counter({(article_id, day): int(n) for article_id, day, n in cursor.fetchall()})


def _in_chunks(statement: str, row: str, rows: list[tuple]) -> list[tuple]:
    """Run `statement` (its `{values}` replaced by `row` placeholders) for ROWS_PER_STATEMENT rows
    at a time; the rows it returns, if any."""
    returned: list[tuple] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            chunk = rows[start : start + ROWS_PER_STATEMENT]
            cursor.execute(
                statement.format(values=", ".join([row] * len(chunk))),
                [v for r in chunk for v in r],
            )
            if cursor.description is not None:
                returned += cursor.fetchall()
    return returned


def _apply(counts: Counter) -> dict[int, int]:
    """Add the counts to the totals, then to the days of the articles that still exist; {article id:
    new total}. The UPDATE locks the rows, so an article cannot be deleted before its days are
    written (or it was deleted before, and the UPDATE did not find it)."""
    per_article: Counter = Counter()
    for (article_id, _day), n in counts.items():
        per_article[article_id] += n
    article, daily = Article._meta.db_table, DailyViews._meta.db_table
    totals = dict(
        _in_chunks(
            f"UPDATE {article} AS a SET view_count = a.view_count + v.n "
            "FROM (VALUES {values}) AS v(id, n) WHERE a.id = v.id RETURNING a.id, a.view_count",
            "(%s::bigint, %s::integer)",
            sorted(per_article.items()),
        )
    )
    _in_chunks(
        f"INSERT INTO {daily} (article_id, day, count) SELECT * FROM (VALUES {{values}}) AS v "
        f"ON CONFLICT (article_id, day) DO UPDATE SET count = {daily}.count + EXCLUDED.count",
        "(%s::bigint, %s::date, %s::integer)",
        sorted(
            (article_id, day, n) for (article_id, day), n in counts.items() if article_id in totals
        ),
    )
    return totals


def flush_after_response(response) -> None:
    """Run a flush once `response` has been sent (its close(), called by the server after the last
    byte), so that the reader never waits for it. Errors are logged, never raised."""

    def run():
        try:
            flush()
        except Exception:  # the views stay buffered; the next flush tries again
            logger.exception("View flush failed; the views stay buffered for the next one.")

    response._resource_closers.append(run)
