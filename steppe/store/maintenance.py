"""Keeping the store fast to read as it grows."""

from __future__ import annotations

from steppe.store.connection import Store, scalar


def events_sorted(store: Store) -> bool:
    """Whether ``events`` is stored newest first (by date, then event id)."""
    return not scalar(
        store.con,
        "SELECT count(*) FROM (SELECT date, event_id, lag(date) OVER w AS pd, "
        "lag(event_id) OVER w AS pe FROM events WINDOW w AS (ORDER BY rowid)) "
        "WHERE date > pd OR (date = pd AND event_id > pe)",
    )


def optimize_events(store: Store, force: bool = False) -> bool:
    """Rewrite ``events`` newest first, if it is not already; return whether it did.

    Stored in date order, each row group covers a narrow span of dates, so the zone maps let
    DuckDB skip most of the table when a listing asks for the newest events of a filter (the
    top-N's dynamic date filter prunes row groups): 3-5x faster pages on a million events.

    >>> with Store(":memory:") as s:
    ...     optimize_events(s)
    False
    """
    if not force and events_sorted(store):
        return False
    with store.transaction() as con:
        con.execute("CREATE TEMP TABLE _steppe_sorted AS SELECT * FROM events")
        con.execute("DELETE FROM events")
        con.execute(
            "INSERT INTO events SELECT * FROM _steppe_sorted ORDER BY date DESC, event_id DESC"
        )
        con.execute("DROP TABLE _steppe_sorted")
    store.con.execute("CHECKPOINT")
    return True
