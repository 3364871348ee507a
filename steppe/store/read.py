"""Read-side queries every output (CLI, report, web) shares. Parameters are always bound,
never pasted into SQL."""

from __future__ import annotations

from datetime import date
from typing import Any

from steppe.domain.errors import StoreError
from steppe.store.connection import Store

Row = dict[str, Any]


def actors(store: Store, kind: str | None = None) -> list[Row]:
    """Actors with their cross-codes, ordered by kind then code.

    >>> from steppe.store.reference import install_registry
    >>> with Store(":memory:") as s:
    ...     _ = install_registry(s)
    ...     [a["code"] for a in actors(s, kind="power")]
    ['CHN', 'IRN', 'RUS', 'TUR', 'USA']
    """
    sql = "SELECT * FROM actors"
    params: list[Any] = []
    if kind:
        sql += " WHERE kind = ?"
        params.append(kind)
    return store.query(sql + " ORDER BY kind, code", params)


def memberships(
    store: Store, actor: str | None = None, org: str | None = None, on: date | None = None
) -> list[Row]:
    """Memberships with role and dates; ``on`` keeps those in force that day."""
    clauses: list[str] = []
    params: list[Any] = []
    if actor:
        clauses.append("m.member = ?")
        params.append(actor)
    if org:
        clauses.append("m.org = ?")
        params.append(org)
    if on:
        clauses.append(
            "(m.start_date IS NULL OR m.start_date <= ?) AND "
            "(m.end_date IS NULL OR m.end_date >= ?)"
        )
        params += [on, on]
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    return store.query(
        "SELECT m.member, m.org, o.name AS org_name, m.role, m.start_date, m.end_date, m.source "
        "FROM memberships m LEFT JOIN actors o ON o.code = m.org"
        + where
        + " ORDER BY m.member, m.start_date NULLS FIRST, m.org",
        params,
    )


def indicators(
    store: Store, name: str, actor: str | None = None, partner: str | None = None
) -> list[Row]:
    """Stored indicator values, ordered by actor, partner and period."""
    clauses, params = ["name = ?"], [name]
    if actor:
        clauses.append("actor = ?")
        params.append(actor)
    if partner:
        clauses.append("partner = ?")
        params.append(partner)
    return store.query(
        "SELECT name, actor, partner, period, period_start, value, lo, hi, n, method, computed_at "
        "FROM indicators WHERE "
        + " AND ".join(clauses)
        + " ORDER BY actor, partner NULLS FIRST, period_start",
        params,
    )


def indicator_names(store: Store) -> list[str]:
    return [r["name"] for r in store.query("SELECT DISTINCT name FROM indicators ORDER BY 1")]


def quarantine(store: Store, limit: int = 50, file: str | None = None) -> list[Row]:
    """The most recent quarantined records."""
    if limit < 1:
        raise StoreError("limit must be positive")
    sql = 'SELECT origin, file, record, reason, raw, "at" FROM quarantine'
    params: list[Any] = []
    if file:
        sql += " WHERE file = ?"
        params.append(file)
    params.append(limit)
    return store.query(sql + ' ORDER BY "at" DESC, file, record LIMIT ?', params)


def ingest_log(store: Store) -> list[Row]:
    return store.query("SELECT * FROM ingest_log ORDER BY started")


def summary(store: Store) -> Row:
    """Row counts of the canonical tables and the schema version."""
    tables = (
        "actors",
        "aliases",
        "memberships",
        "events",
        "quarantine",
        "indicators",
        "ingest_log",
    )
    counts = {t: store.count(t) for t in tables}
    return {"path": store.path, "schema_version": store.schema_version(), "tables": counts}


def event_origins(store: Store) -> list[Row]:
    return store.query(
        "SELECT origin, count(*) AS events, min(date) AS first, "
        "max(date) AS last FROM events GROUP BY origin ORDER BY origin"
    )
