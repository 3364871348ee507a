"""The ``sources`` table: coverage, rows, last fetch and licence of everything in the store."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

import steppe
from steppe.cli import app
from steppe.domain.errors import StoreError
from steppe.ingest.reference import bundled_unvotes, ingest_reference
from steppe.store import list_sources, record_source
from steppe.store.sources import period_bounds, record_event_sources, remove_source


def test_upsert_keeps_fields_left_out(store: steppe.Store) -> None:
    record_source(
        store,
        "gdelt2",
        "events",
        "GDELT: open with citation",
        first_date=date(2024, 1, 1),
        last_date=date(2024, 1, 31),
        rows=10,
    )
    row = record_source(store, "gdelt2", "events", fetched_at=datetime(2024, 2, 1, 6, 0))
    assert row.rows == 10 and row.last_date == date(2024, 1, 31)
    assert row.licence == "GDELT: open with citation"
    assert row.last_fetched == datetime(2024, 2, 1, 6, 0)
    assert row.last_loaded is not None  # rows given the first time: a load happened
    row = record_source(store, "gdelt2", "events", last_date=date(2024, 2, 29), rows=12)
    assert (row.first_date, row.last_date, row.rows) == (date(2024, 1, 1), date(2024, 2, 29), 12)
    assert store.count("sources") == 1
    assert remove_source(store, "gdelt2") and not list_sources(store)


def test_bad_source_rows_refused(store: steppe.Store) -> None:
    with pytest.raises(StoreError, match="unknown kind"):
        record_source(store, "x", "weather")
    with pytest.raises(StoreError, match="after last"):
        record_source(store, "x", "trade", first_date=date(2024, 1, 2), last_date=date(2024, 1, 1))
    assert store.count("sources") == 0


def test_record_inside_a_transaction(store: steppe.Store) -> None:
    with store.transaction() as con:
        record_source(store, "feed:x", "fetch", fetched_at=datetime(2025, 1, 1), con=con)
    assert [r["name"] for r in list_sources(store)] == ["feed:x"]


def test_period_bounds() -> None:
    assert period_bounds("2023") == (date(2023, 1, 1), date(2023, 12, 31))
    assert period_bounds("2023Q4") == (date(2023, 10, 1), date(2023, 12, 31))
    assert period_bounds("2023-02") == (date(2023, 2, 1), date(2023, 2, 28))
    assert period_bounds("2023-02-05") == (date(2023, 2, 5), date(2023, 2, 5))
    with pytest.raises(StoreError):
        period_bounds("Q4 2023")


def test_reference_load_records_its_coverage(store: steppe.Store) -> None:
    ingest_reference(store, "unvotes", bundled_unvotes())
    ingest_reference(store, "unvotes", bundled_unvotes())
    rows = list_sources(store)
    assert len(rows) == 1
    row = rows[0]
    assert row["name"] == "unvotes:unvotes" and row["kind"] == "votes"
    assert row["first_date"].year == 1946 and row["last_date"].year in (2019, 2020)
    assert row["rows"] == store.count("votes") + store.count("rollcalls")
    assert row["licence"].startswith("CC0")


def test_event_sources_follow_the_events(store: steppe.Store) -> None:
    steppe.ingest_events(store, [steppe.data_path(*steppe.DEMO_EVENTS)], "icews")
    (row,) = [r for r in list_sources(store) if r["kind"] == "events"]
    assert row["name"] == "events:icews" and row["rows"] == store.count("events")
    first, last = store.con.execute("SELECT min(date), max(date) FROM events").fetchall()[0]
    assert (row["first_date"], row["last_date"]) == (first, last)
    with store.transaction() as con:
        con.execute("DELETE FROM events")
    assert record_event_sources(store) == []
    assert not list_sources(store)


def test_cli_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STEPPE_DB", str(tmp_path / "s.duckdb"))
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", "reference", "--kind", "unvotes", "--licence", "CC0"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["sources", "--json"])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert row["licence"] == "CC0" and row["rows"] > 800_000
    result = runner.invoke(app, ["sources"])
    assert result.exit_code == 0 and "unvotes" in result.stdout
