"""The ``sources`` table: what the store knows and how fresh it is.

One row per source — a reference dataset file, an event origin, a fetched feed or file list —
with its coverage (first and last date of the data, not of the load), its row count, its licence
and when it was last fetched and last loaded. Loaders and fetchers call :func:`record_source`
after each successful run; ``steppe sources``, the report and the dashboard read
:func:`list_sources` to show "data as of" per source.

Upsert rule: a field passed as ``None`` keeps the value already recorded (a fetch that only
touches ``last_fetched`` leaves the coverage alone); a field passed with a value replaces it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import duckdb

from steppe.domain.errors import StoreError
from steppe.store.connection import Store

SOURCE_KINDS: tuple[str, ...] = (
    "events",
    "documents",
    "reference",
    "interaction",
    "trade",
    "migration",
    "votes",
    "fetch",
)
"""What a source holds: event rows, news documents, reference tables (alliances, IGOs,
capabilities, ideal points), interaction weights (GDELT dyads), trade flows, remittances and
migrant stocks, UN votes, or a live fetch (a file list or feed)."""

_COLUMNS = (
    "name",
    "kind",
    "title",
    "licence",
    "first_date",
    "last_date",
    "rows",
    "last_fetched",
    "last_loaded",
    "location",
    "note",
)


@dataclass(frozen=True)
class SourceCoverage:
    """One row of ``sources``.

    >>> SourceCoverage("gdelt-dyads", "interaction", rows=3).rows
    3
    """

    name: str
    kind: str
    title: str | None = None
    licence: str | None = None
    first_date: date | None = None
    last_date: date | None = None
    rows: int | None = None
    last_fetched: datetime | None = None
    last_loaded: datetime | None = None
    location: str | None = None
    note: str | None = None


def record_source(
    store: Store,
    name: str,
    kind: str,
    licence: str | None = None,
    *,
    title: str | None = None,
    first_date: date | None = None,
    last_date: date | None = None,
    rows: int | None = None,
    fetched_at: datetime | None = None,
    loaded_at: datetime | None = None,
    location: str | None = None,
    note: str | None = None,
    con: duckdb.DuckDBPyConnection | None = None,
) -> SourceCoverage:
    """Insert or update the source ``name``; returns the row as now stored.

    Fields left ``None`` keep their recorded value. ``loaded_at`` defaults to now when ``rows``
    is given (a load happened). Pass ``con`` to write inside a transaction already open on the
    store (``with store.transaction() as con``); otherwise the write is its own transaction.

    >>> with Store(":memory:") as s:
    ...     _ = record_source(s, "gdelt2", "events", "GDELT: open, cite the GDELT Project",
    ...                       first_date=date(2024, 1, 1), last_date=date(2024, 1, 31), rows=9)
    ...     row = record_source(s, "gdelt2", "events", fetched_at=datetime(2024, 2, 1, 6))
    ...     row.last_date, row.rows, row.last_fetched.hour
    (datetime.date(2024, 1, 31), 9, 6)
    """
    if not name:
        raise StoreError("a source needs a name")
    if kind not in SOURCE_KINDS:
        raise StoreError(f"source {name!r}: unknown kind {kind!r}; expected one of {SOURCE_KINDS}")
    if first_date and last_date and first_date > last_date:
        raise StoreError(f"source {name!r}: first date {first_date} is after last {last_date}")
    if rows is not None and loaded_at is None:
        loaded_at = datetime.now()
    values = [
        name,
        kind,
        title,
        licence,
        first_date,
        last_date,
        rows,
        fetched_at,
        loaded_at,
        location,
        note,
    ]
    cols = ", ".join(f'"{c}"' for c in _COLUMNS)
    keep = ", ".join(f'"{c}" = coalesce(excluded."{c}", sources."{c}")' for c in _COLUMNS[2:])
    sql = (
        f"INSERT INTO sources ({cols}) VALUES ({', '.join('?' * len(_COLUMNS))}) "
        f'ON CONFLICT (name) DO UPDATE SET "kind" = excluded."kind", {keep}'
    )
    if con is not None:
        con.execute(sql, values)
    else:
        with store.transaction() as db:
            db.execute(sql, values)
    found = get_source(store, name, con)
    assert found is not None
    return found


def get_source(
    store: Store, name: str, con: duckdb.DuckDBPyConnection | None = None
) -> SourceCoverage | None:
    """The recorded source ``name``, or ``None``."""
    cols = ", ".join(f'"{c}"' for c in _COLUMNS)
    sql = f"SELECT {cols} FROM sources WHERE name = ?"
    if con is not None:
        rows = con.execute(sql, [name]).fetchall()
    else:
        rows = [tuple(r.values()) for r in store.query(sql, [name])]
    return SourceCoverage(*rows[0]) if rows else None


def list_sources(store: Store) -> list[dict[str, Any]]:
    """Every recorded source as a dict, newest data first within each kind.

    >>> with Store(":memory:") as s:
    ...     _ = record_source(s, "a", "trade", rows=1, last_date=date(2023, 12, 31))
    ...     [(r["name"], r["rows"]) for r in list_sources(s)]
    [('a', 1)]
    """
    if "sources" not in store.tables():
        return []
    cols = ", ".join(f'"{c}"' for c in _COLUMNS)
    return store.query(f"SELECT {cols} FROM sources ORDER BY kind, last_date DESC NULLS LAST, name")


def remove_source(store: Store, name: str) -> bool:
    """Forget the source ``name``; ``True`` when it was recorded."""
    with store.transaction() as con:
        gone = con.execute("DELETE FROM sources WHERE name = ? RETURNING name", [name]).fetchall()
    return bool(gone)


def event_coverage(
    store: Store, origin: str, con: duckdb.DuckDBPyConnection | None = None
) -> tuple[date | None, date | None, int]:
    """First date, last date and row count of the events of one ``origin``.

    >>> with Store(":memory:") as s:
    ...     event_coverage(s, "gdelt2")
    (None, None, 0)
    """
    sql = "SELECT min(date), max(date), count(*) FROM events WHERE origin = ?"
    db = con if con is not None else store.con
    first, last, n = db.execute(sql, [origin]).fetchall()[0]
    return first, last, int(n)


def record_event_sources(
    store: Store, licences: dict[str, str] | None = None
) -> list[SourceCoverage]:
    """Record every event origin in the store (``gdelt1``, ``icews``, ``coder`` ...) as a
    source of kind ``events`` with its coverage; origins with no events left are removed.
    ``licences`` sets the licence of named origins (others keep what was recorded).

    >>> with Store(":memory:") as s:
    ...     record_event_sources(s)
    []
    """
    licences = licences or {}
    origins = [
        r["origin"] for r in store.query("SELECT DISTINCT origin FROM events ORDER BY origin")
    ]
    out = []
    for origin in origins:
        first, last, n = event_coverage(store, origin)
        out.append(
            record_source(
                store,
                f"events:{origin}",
                "events",
                licences.get(origin),
                first_date=first,
                last_date=last,
                rows=n,
            )
        )
    with store.transaction() as con:
        con.execute(
            "DELETE FROM sources WHERE kind = 'events' AND name LIKE 'events:%' "
            "AND substr(name, 8) NOT IN (SELECT DISTINCT origin FROM events)"
        )
    return out


def record_documents_source(store: Store, licence: str | None = None) -> SourceCoverage | None:
    """Record the store's news documents as one source ``documents`` (kind ``documents``):
    publication dates first to last and the number of documents; ``None`` when there are none.
    Documents without a publication date count in ``rows`` but not in the dates."""
    first, last, n = store.con.execute(
        "SELECT min(published_at)::DATE, max(published_at)::DATE, count(*) FROM documents"
    ).fetchall()[0]
    if not n:
        return None
    return record_source(
        store, "documents", "documents", licence, first_date=first, last_date=last, rows=int(n)
    )


_PERIOD = re.compile(r"^(\d{4})(?:(?:-(\d{2})(?:-(\d{2}))?)|Q([1-4]))?$")


def period_bounds(period: str) -> tuple[date, date]:
    """First and last day of a period label: ``2021``, ``2021Q2``, ``2021-03`` or a date.

    >>> period_bounds("2021Q2")
    (datetime.date(2021, 4, 1), datetime.date(2021, 6, 30))
    >>> period_bounds("2024-02")
    (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    """
    m = _PERIOD.match(period.strip())
    if not m:
        raise StoreError(f"not a period label: {period!r}")
    year = int(m.group(1))
    if m.group(3):
        day = date(year, int(m.group(2)), int(m.group(3)))
        return day, day
    if m.group(2):
        month = int(m.group(2))
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    if m.group(4):
        q = int(m.group(4))
        last = 3 * q
        return date(year, last - 2, 1), date(year, last, calendar.monthrange(year, last)[1])
    return date(year, 1, 1), date(year, 12, 31)
