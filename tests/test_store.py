"""The store: migrations, schema version, single writer, read-only access."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import steppe
from steppe.store.migrations import MIGRATIONS


def test_migrations_recorded_and_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with steppe.Store(db) as store:
        assert store.schema_version() == MIGRATIONS[-1].version
        assert store.migrate() == []
        names = [r["name"] for r in store.query("SELECT name FROM schema_migrations")]
        assert names == [m.name for m in MIGRATIONS]
        assert {
            "actors",
            "aliases",
            "memberships",
            "ties",
            "documents",
            "events",
            "quarantine",
            "ingest_log",
            "indicators",
            "scenario_runs",
        } <= set(store.tables())


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with steppe.Store(db) as store:
        store.con.execute("INSERT INTO schema_migrations VALUES (999, 'future', now())")
    with pytest.raises(steppe.SchemaVersionError, match="newer"):
        steppe.Store(db)


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    steppe.Store(db).close()
    with steppe.Store(db, read_only=True) as store:
        with pytest.raises(steppe.StoreError, match="read-only"), store.transaction():
            pass
        assert store.count("events") == 0


def test_transaction_rolls_back_on_error(store: steppe.Store) -> None:
    with pytest.raises(RuntimeError), store.transaction() as con:
        con.execute("DELETE FROM actors")
        raise RuntimeError("boom")
    assert store.count("actors") > 50


def test_one_writer_process(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with steppe.Store(db):
        # DuckDB lets one process hold a database read-write; inside it, the Store is the writer
        con = duckdb.connect(str(db), read_only=False)
        con.close()


def test_unknown_table_is_a_store_error(store: steppe.Store) -> None:
    with pytest.raises(steppe.StoreError, match="no table"):
        store.count("nope; DROP TABLE actors")


def test_optimize_stores_events_newest_first(store: steppe.Store) -> None:
    from datetime import date

    from steppe.store.maintenance import events_sorted, optimize_events
    from steppe.store.reference import insert_rows

    days = [date(2020, 1, 5), date(2021, 3, 1), date(2019, 7, 7), date(2021, 3, 1)]
    insert_rows(
        store,
        "events",
        [
            {"event_id": f"t:{i}", "date": d, "cameo": "042", "origin": "test"}
            for i, d in enumerate(days)
        ],
    )
    assert not events_sorted(store)
    assert optimize_events(store) is True
    assert events_sorted(store) and store.count("events") == 4
    rows = store.query("SELECT event_id FROM events ORDER BY rowid")
    assert [r["event_id"] for r in rows] == ["t:3", "t:1", "t:0", "t:2"]
    assert optimize_events(store) is False
