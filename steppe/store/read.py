"""Read-side queries every output (CLI, report, web) shares. Parameters are always bound,
never pasted into SQL."""

from __future__ import annotations

from datetime import date
from typing import Any

from steppe.domain.codes import FOCAL_STATES
from steppe.domain.errors import StoreError
from steppe.store.connection import Store
from steppe.store.sources import list_sources

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
    store: Store,
    name: str,
    actor: str | None = None,
    partner: str | None = None,
    freq: str | None = None,
) -> list[Row]:
    """Stored indicator values, ordered by actor, partner, frequency and period. ``freq``
    (quarter, year, month) keeps one frequency's series; without it every frequency comes
    back, so a caller that draws one series should name one."""
    clauses, params = ["name = ?"], [name]
    if actor:
        clauses.append("actor = ?")
        params.append(actor)
    if partner:
        clauses.append("partner = ?")
        params.append(partner)
    if freq:
        clauses.append("freq = ?")
        params.append(freq)
    return store.query(
        "SELECT name, actor, partner, freq, period, period_start, value, lo, hi, n, sparse, "
        "method, computed_at FROM indicators WHERE "
        + " AND ".join(clauses)
        + " ORDER BY actor, partner NULLS FIRST, freq, period_start",
        params,
    )


def alerts(
    store: Store,
    actor: str | None = None,
    partner: str | None = None,
    since: date | None = None,
    kind: str | None = None,
    limit: int | None = None,
) -> list[Row]:
    """Spike and shift alerts, newest first (then actor, partner, series). ``actor`` and
    ``partner`` find an alert between two focal states from either side.

    >>> with Store(":memory:") as s:
    ...     alerts(s, actor="KAZ", kind="spike")
    []
    """
    clauses: list[str] = []
    params: list[Any] = []
    focal = list(FOCAL_STATES)
    # a pair of focal states is one alert series, stored under one of the two: find it from
    # either side
    if actor and partner and actor in focal and partner in focal:
        clauses.append("((actor = ? AND partner = ?) OR (actor = ? AND partner = ?))")
        params += [actor, partner, partner, actor]
    else:
        for column, other, value in (("actor", "partner", actor), ("partner", "actor", partner)):
            if value and value in focal:
                clauses.append(f"({column} = ? OR ({other} = ? AND list_contains(?, {column})))")
                params += [value, value, focal]
            elif value:
                clauses.append(f"{column} = ?")
                params.append(value)
    if kind:
        clauses.append("kind = ?")
        params.append(kind)
    if since:
        clauses.append("date >= ?")
        params.append(since)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    sql = (
        "SELECT actor, partner, date, kind, direction, magnitude, series, method, freq, value, "
        "baseline, score, n FROM alerts"
        + where
        + " ORDER BY date DESC, actor, partner NULLS FIRST, series, freq, kind"
    )
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return store.query(sql, params)


def pressure(store: Store, state: str) -> list[Row]:
    """The hybrid-pressure index of ``state`` (``steppe.indicators.pressure``) summed over its
    months. Per power: coercive acts (total, months with any, the latest such month, all events n)
    and, per lever, the pooled text share (hits / documents naming the state) with its n.

    >>> with Store(":memory:") as s:
    ...     pressure(s, "KAZ")
    []
    """
    acts = store.query(
        "SELECT partner, sum(value) AS acts, sum(n) AS n, count(*) FILTER (WHERE value > 0) "
        "AS months, max(period) FILTER (WHERE value > 0) AS latest, min(period) AS first, "
        "max(period) AS last FROM indicators WHERE name = 'pressure_acts' AND actor = ? "
        "GROUP BY partner",
        [state],
    )
    text = store.query(
        "SELECT name, partner, sum(value * n) AS k, sum(n) AS n FROM indicators "
        "WHERE name LIKE 'pressure_text_%' AND actor = ? GROUP BY ALL",
        [state],
    )
    docs = {r["name"]: int(r["n"]) for r in text if r["partner"] is None}
    out: list[Row] = []
    powers = sorted({r["partner"] for r in acts} | {r["partner"] for r in text}, key=_last_none)
    for power in powers:
        a = next((r for r in acts if r["partner"] == power), None)
        shares = {
            r["name"].removeprefix("pressure_text_"): (round(float(r["k"])), docs.get(r["name"]))
            for r in text
            if r["partner"] == power
        }
        if a is None and not shares:
            continue
        out.append(
            {
                "power": power,
                "acts": int(a["acts"]) if a else None,
                "acts_months": int(a["months"]) if a else None,
                "acts_latest": a["latest"] if a else None,
                "events_n": int(a["n"]) if a else None,
                "span": f"{a['first']} to {a['last']}" if a else None,
                "text": {
                    lever: {
                        "documents": k,
                        "n": n,
                        "share": k / n if n else None,
                    }
                    for lever, (k, n) in sorted(shares.items())
                },
            }
        )
    return out


def _last_none(code: str | None) -> tuple[bool, str]:
    return code is None, code or ""


def indicator_period(store: Store, name: str, period: str, channel: str | None = None) -> list[Row]:
    """One period of an indicator's own series (no partner; or the per-channel series whose
    partner is ``channel``, e.g. multivector / interaction), for every actor."""
    where = "partner = ?" if channel else "partner IS NULL"
    return store.query(
        "SELECT actor, value, lo, hi, n, sparse FROM indicators WHERE name = ? AND period = ? "
        f"AND {where} ORDER BY actor",
        [name, period, *([channel] if channel else [])],
    )


def series_periods(
    store: Store, name: str, channel: str | None = None, freq: str | None = None
) -> list[str]:
    """Periods of one series (the indicator's own, or its ``channel``), oldest first."""
    sql = "SELECT DISTINCT period, period_start FROM indicators WHERE name = ? AND "
    sql += "partner = ?" if channel else "partner IS NULL"
    params: list[Any] = [name, *([channel] if channel else [])]
    if freq:
        sql += " AND freq = ?"
        params.append(freq)
    return [r["period"] for r in store.query(sql + " ORDER BY period_start, period", params)]


def series_frequencies(store: Store, name: str, channel: str | None = None) -> list[str]:
    """The frequencies one series is stored at: quarter, year, month, in that order."""
    sql = "SELECT DISTINCT freq FROM indicators WHERE name = ? AND "
    sql += "partner = ?" if channel else "partner IS NULL"
    have = {r["freq"] for r in store.query(sql, [name, *([channel] if channel else [])])}
    return [f for f in ("quarter", "year", "month") if f in have]


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


def sources(store: Store) -> list[Row]:
    """Every source the store knows, with its coverage, rows, licence and last fetch/load
    (see :mod:`steppe.store.sources`).

    >>> with Store(":memory:") as s:
    ...     sources(s)
    []
    """
    return list_sources(store)


def ingest_log(store: Store) -> list[Row]:
    return store.query("SELECT * FROM ingest_log ORDER BY started")


def summary(store: Store) -> Row:
    """Row counts of the canonical tables (those the README lists) and the schema version."""
    tables = (
        "actors",
        "aliases",
        "leaders",
        "memberships",
        "ties",
        "documents",
        "events",
        "quarantine",
        "ingest_log",
        "indicators",
        "scenario_runs",
        "sources",
    )
    counts = {t: store.count(t) for t in tables}
    return {"path": store.path, "schema_version": store.schema_version(), "tables": counts}


def event_origins(store: Store) -> list[Row]:
    return store.query(
        "SELECT origin, count(*) AS events, min(date) AS first, "
        "max(date) AS last FROM events GROUP BY origin ORDER BY origin"
    )


def event_modalities(store: Store) -> list[Row]:
    """Events per origin, modality and event time, and whether indicators count them by
    default (asserted, at the document's time)."""
    return store.query(
        "SELECT origin, modality, event_time, count(*) AS events, "
        "coalesce(modality = 'asserted' AND event_time = 'document', false) AS counted "
        "FROM events GROUP BY ALL ORDER BY origin, events DESC"
    )


EVENT_COLUMNS = (
    "event_id",
    "date",
    "source_actor",
    "target_actor",
    "source_agent",
    "target_agent",
    "source_raw",
    "target_raw",
    "cameo",
    "plover",
    "quad_class",
    "goldstein",
    "mentions",
    "tone",
    "origin",
    "doc_id",
    "sentence",
    "confidence",
    "url",
    "modality",
    "event_time",
    "event_date",
    "date_precision",
)


def _event_filter(
    actor: str | None = None,
    partner: str | None = None,
    cameo: str | None = None,
    plover: str | None = None,
    quad_class: int | None = None,
    since: date | None = None,
    until: date | None = None,
    origin: str | None = None,
    text: str | None = None,
) -> tuple[str, list[Any]]:
    """WHERE clause and bound parameters for an events filter (values are never pasted)."""
    clauses: list[str] = []
    params: list[Any] = []
    if actor and partner:
        clauses.append(
            "((source_actor = ? AND target_actor = ?) OR (source_actor = ? AND target_actor = ?))"
        )
        params += [actor, partner, partner, actor]
    elif actor:
        clauses.append("(source_actor = ? OR target_actor = ?)")
        params += [actor, actor]
    elif partner:
        clauses.append("(source_actor = ? OR target_actor = ?)")
        params += [partner, partner]
    if cameo:
        clauses.append("starts_with(cameo, ?)")
        params.append(cameo)
    if plover:
        clauses.append("plover = ?")
        params.append(plover)
    if quad_class:
        clauses.append("quad_class = ?")
        params.append(quad_class)
    if since:
        clauses.append("date >= ?")
        params.append(since)
    if until:
        clauses.append("date <= ?")
        params.append(until)
    if origin:
        clauses.append("origin = ?")
        params.append(origin)
    if text:
        clauses.append(
            "(contains(lower(coalesce(sentence, '')), ?) OR contains(lower(source_raw), ?) "
            "OR contains(lower(target_raw), ?))"
        )
        params += [text.lower()] * 3
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def events(
    store: Store,
    *,
    limit: int = 50,
    after: tuple[date, str] | None = None,
    **filters: Any,
) -> list[Row]:
    """A page of events, newest first, each with its document's title when it came from one,
    with keyset pagination: pass the last row's ``(date, event_id)`` as ``after`` for the next
    page (constant cost however deep).

    >>> from steppe.store.reference import install_registry
    >>> with Store(":memory:") as s:
    ...     events(s, actor="KAZ", limit=10)
    []
    """
    if not 1 <= limit <= 1000:
        raise StoreError("limit must be between 1 and 1000")
    where, params = _event_filter(**filters)
    if after:
        where += (" AND " if where else " WHERE ") + "(date < ? OR (date = ? AND event_id < ?))"
        params += [after[0], after[0], after[1]]
    cols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    return store.query(
        f"SELECT {cols}, d.title AS doc_title FROM (SELECT * FROM events{where} "
        "ORDER BY date DESC, event_id DESC LIMIT ?) e "
        "LEFT JOIN documents d ON d.doc_id = e.doc_id ORDER BY e.date DESC, e.event_id DESC",
        [*params, limit],
    )


def export_events(store: Store, max_rows: int = 1_000_000, **filters: Any) -> Any:
    """An Arrow table of every event matching the filter (newest first, at most ``max_rows``)."""
    where, params = _event_filter(**filters)
    cols = ", ".join(EVENT_COLUMNS)
    with store._lock:
        return store.con.sql(
            f"SELECT {cols} FROM events{where} ORDER BY date DESC, event_id DESC LIMIT ?",
            params=[*params, max_rows],
        ).to_arrow_table()


def count_events(store: Store, **filters: Any) -> int:
    """How many events match the filter (the same filters as :func:`events`)."""
    where, params = _event_filter(**filters)
    return int(store.query(f"SELECT count(*) AS n FROM events{where}", params)[0]["n"])


def event_batches(store: Store, batch_rows: int = 20_000, **filters: Any) -> Any:
    """Every event matching the filter, newest first, as an Arrow RecordBatchReader of
    ``batch_rows`` rows a batch: exports stream it without holding the result in memory.
    Read it on a cursor of its own (:meth:`Store.cursor`) and close that when done."""
    where, params = _event_filter(**filters)
    cols = ", ".join(EVENT_COLUMNS)
    return store.con.sql(
        f"SELECT {cols} FROM events{where} ORDER BY date DESC, event_id DESC", params=params
    ).to_arrow_reader(batch_rows)


def network(
    store: Store, since: date | None = None, until: date | None = None, min_events: int = 1
) -> list[Row]:
    """Cooperation and conflict between pairs of registry actors in a period: one row per
    unordered pair with event counts by kind and mean Goldstein intensity."""
    where, params = _event_filter(since=since, until=until)
    where += (" AND " if where else " WHERE ") + (
        "source_actor IN (SELECT code FROM actors) AND target_actor IN (SELECT code FROM actors) "
        "AND source_actor != target_actor"
    )
    return store.query(
        "SELECT least(source_actor, target_actor) AS a, greatest(source_actor, target_actor) AS b,"
        " count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,"
        " count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,"
        " avg(goldstein) AS goldstein, count(*) AS events"
        f" FROM events{where} GROUP BY 1, 2 HAVING count(*) >= ? ORDER BY events DESC",
        [*params, min_events],
    )


def periods(store: Store, name: str, freq: str | None = None) -> list[str]:
    """Periods for which an indicator has values, oldest first (of one frequency if given)."""
    sql = "SELECT DISTINCT period, period_start FROM indicators WHERE name = ?"
    params: list[Any] = [name]
    if freq:
        sql += " AND freq = ?"
        params.append(freq)
    rows = store.query(sql + " ORDER BY period_start, period", params)
    return [r["period"] for r in rows]


def frequencies(store: Store, name: str) -> list[str]:
    """The frequencies an indicator is stored at: quarter, year, month, in that order."""
    have = {
        r["freq"]
        for r in store.query("SELECT DISTINCT freq FROM indicators WHERE name = ?", [name])
    }
    return [f for f in ("quarter", "year", "month") if f in have]


def scenario_runs(store: Store, scenario: str | None = None, limit: int = 100) -> list[Row]:
    sql = "SELECT run_id, scenario, seed, params, outcome, created_at FROM scenario_runs"
    params: list[Any] = []
    if scenario:
        sql += " WHERE scenario = ?"
        params.append(scenario)
    return store.query(sql + " ORDER BY created_at DESC LIMIT ?", [*params, limit])
