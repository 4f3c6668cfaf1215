"""Querysets that Django compiles once per process, then runs with other values.

Building and compiling a queryset costs far more than running it when the query has joins and
subqueries: on the article page, 3-4 ms of Python each for the article's own query (four joins,
four JSON subqueries) and for the ids at its end, against under 1 ms in PostgreSQL. A reader page
runs the same few queries with different values (an id, the time), so they are compiled once:

    ARTICLE = Prepared(lambda pk, now: Article.objects.published(now=now).filter(pk=pk))
    article = ARTICLE.first(pk=42, now=timezone.now())

The queryset stays the one definition (the same manager methods every other view uses); only its
SQL is reused. How the values are found in it: the queryset is built twice, with two sets of
unlikely sample values; the statements must be the same text (else the shape of the query depends
on a value and it cannot be prepared: TypeError at the first use), and the parameters that differ
between the two builds are the places of the values, each matched to its argument by equality.
A value Django transforms before it reaches the parameters (not found among them) is refused the
same way. Values of a list (`pk__in=[…]`, one placeholder each) change the statement's shape: use
Article.objects.filter(pk__any_of=[…]) (one array parameter) instead.

Running: the compiler of the first build already holds the columns and how to turn each row into a
model instance with its select_related relations and annotations, so each run copies it with the
new parameters (Django's ModelIterable does the rest, as for any queryset).

PostgreSQL plans a statement again at every run, and for these statements planning costs more than
running (the article page's own query: 1.15 ms planned and run, 0.27 ms run from a prepared
statement, at 100,000 articles). So, unless settings.PREPARED_STATEMENTS is off, each statement is
also prepared on the server (`PREPARE`, with every parameter's type, once per database connection)
and run with `EXECUTE`. Prepared statements belong to the session and outlive a rollback; a pooler
that shares server sessions between clients (PgBouncer in transaction mode) or resets them
(`DISCARD ALL`) does not keep them: set PREPARED_STATEMENTS=0 there. The PREPARE itself goes
through the driver's own cursor, not Django's, so it is no query of the page (one round trip per
connection and statement, like the connection's own set-up). Those statements run from a generic
plan (GENERIC_PLANS below).
"""

import copy
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from types import SimpleNamespace

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import ModelIterable

_SAMPLE_INTS = itertools.count(-987_654_321, -7919)


_TIME_NAMES = frozenset({"now", "when", "time", "since", "until"})


def _sample(name: str, round_: int, i: int):
    """A value no real query uses: a time in 1901, a list of negative ids, a negative id."""
    if name in _TIME_NAMES:
        return datetime(1901, 2, 3, 4, 5, 6, 100_000 * round_ + i, tzinfo=UTC)
    if name.endswith("ids"):  # of two lengths: a statement with a placeholder per item differs
        return [next(_SAMPLE_INTS) for _ in range(2 + round_)]
    return next(_SAMPLE_INTS)


def _samples(names, round_: int) -> dict:
    return {name: _sample(name, round_, i) for i, name in enumerate(names)}


def _server_type(value) -> str | None:
    """The PostgreSQL type of a parameter for PREPARE (None: not one this module prepares)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "bigint"
    if isinstance(value, str):
        return "text"
    if isinstance(value, datetime):
        return "timestamptz" if value.tzinfo else "timestamp"
    if isinstance(value, date):
        return "date"
    if isinstance(value, list) and all(type(item) is int for item in value):
        return "bigint[]"
    return None


def _numbered(sql: str) -> str:
    """Django's `%s` placeholders as PostgreSQL's `$1`, `$2`…, and its `%%` as `%`."""
    numbers = itertools.count(1)
    return re.sub(r"%[s%]", lambda m: f"${next(numbers)}" if m[0] == "%s" else "%", sql)


_NAMES = itertools.count(1)

# Every statement here finds rows by key (an id, a list of ids, a category and a time) through the
# same indexes whatever the values, so one generic plan serves every run. Left to choose, PostgreSQL
# plans the end of the article page (a union of two subqueries) again at every run: 1.8 ms a run
# instead of 1.2 ms at 100,000 articles. The setting is the session's (Django's own statements are
# never prepared on the server, so it changes nothing for them); a rollback of the transaction that
# set it only brings back that planning.
GENERIC_PLANS = "SET plan_cache_mode = force_generic_plan"


@dataclass(frozen=True)
class _Compiled:
    model: type
    compiler: object  # Django's SQLCompiler of the first build, with its columns and relations
    sql: str
    params: tuple
    slots: tuple  # (position among the parameters, argument name)
    name: str
    prepare_sql: str | None  # None: a parameter of a type this module does not prepare
    execute_sql: str


class Prepared:
    """`build(**values)` -> a queryset, compiled at the first run, reused after (see above).
    Arguments named now/when/time/since/until are datetimes, those ending in "ids" lists of integers
    (articles.models.ids_in), every other one an integer."""

    def __init__(self, build: Callable, using: str = DEFAULT_DB_ALIAS):
        self.build, self.using = build, using
        self.names = build.__code__.co_varnames[: build.__code__.co_argcount]
        self._compiled = None

    def _compile(self) -> "_Compiled":
        first, second = _samples(self.names, 0), _samples(self.names, 1)
        queryset = self.build(**first)
        compiler = queryset.query.get_compiler(using=self.using)
        sql, params = compiler.as_sql()
        other_sql, other_params = self.build(**second).query.get_compiler(using=self.using).as_sql()
        if sql != other_sql or len(params) != len(other_params):
            raise TypeError(f"{self.build!r}: the statement's shape depends on its values")
        slots = []
        for position, (value, other) in enumerate(zip(params, other_params, strict=True)):
            if value == other:
                continue
            names = [name for name in self.names if first[name] == value]
            if len(names) != 1 or second[names[0]] != other:
                raise TypeError(f"{self.build!r}: parameter {position} is no argument as given")
            slots.append((position, names[0]))
        if {name for _, name in slots} != set(self.names):
            missing = set(self.names) - {name for _, name in slots}
            raise TypeError(f"{self.build!r}: {sorted(missing)} not found in the statement")
        compiler.connection = None  # each run takes its thread's connection
        types = [_server_type(value) for value in params]
        name = f"portal_prepared_{next(_NAMES)}"
        prepare = params and None not in types
        # One object, set once: threads compiling at the same time each get a whole one.
        self._compiled = _Compiled(
            model=queryset.model,
            compiler=compiler,
            sql=sql,
            params=tuple(params),
            slots=tuple(slots),
            name=name,
            prepare_sql=f"PREPARE {name} ({', '.join(types)}) AS {_numbered(sql)}"
            if prepare
            else None,
            execute_sql=f"EXECUTE {name} ({', '.join(['%s'] * len(params))})",
        )
        return self._compiled

    def sql(self, **values) -> tuple[str, list]:
        """The statement and its parameters for `values`."""
        compiled = self._compiled or self._compile()
        params = list(compiled.params)
        for position, name in compiled.slots:
            params[position] = values[name]
        return compiled.sql, params

    def _statement(self, **values) -> tuple[str, list]:
        """What to run on this thread's connection: EXECUTE of the statement prepared on it (see
        above), or the statement itself."""
        sql, params = self.sql(**values)
        compiled = self._compiled
        if compiled.prepare_sql is None or not settings.PREPARED_STATEMENTS:
            return sql, params
        connection = connections[self.using]
        connection.ensure_connection()
        driver = connection.connection
        known = getattr(connection, "_portal_prepared", None)
        fresh = known is None or known[0] is not driver  # a new session: nothing prepared yet
        if fresh:
            known = (driver, set())
            connection._portal_prepared = known
        if compiled.name not in known[1]:
            with driver.cursor() as cursor:
                if fresh:
                    cursor.execute(GENERIC_PLANS)
                cursor.execute(compiled.prepare_sql)
            known[1].add(compiled.name)
        return compiled.execute_sql, params

    def rows(self, **values) -> list[tuple]:
        """The rows as the database returns them (for values()/values_list() of plain columns)."""
        sql, params = self._statement(**values)
        with connections[self.using].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def all(self, **values) -> list:
        """The model instances, as list(queryset) would give them."""
        sql, params = self._statement(**values)
        compiled = self._compiled
        run = copy.copy(compiled.compiler)
        run.connection = connections[self.using]
        run.as_sql = lambda *args, **kwargs: (sql, params)
        queryset = SimpleNamespace(
            db=self.using,
            model=compiled.model,
            query=SimpleNamespace(get_compiler=lambda using=None, **kwargs: run),
            _known_related_objects={},
        )
        return list(ModelIterable(queryset))

    def first(self, **values):
        """The first instance, or None."""
        found = self.all(**values)
        return found[0] if found else None
