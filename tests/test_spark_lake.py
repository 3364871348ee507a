"""The Parquet lake that the Spark backend reads: written on ingest, idempotent, read by DuckDB
with the same results as the store. No Spark needed here (see test_spark.py for that)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest
from typer.testing import CliRunner

import steppe
from steppe.cli import app
from steppe.indicators.cohesion import cohesion_events_table
from steppe.indicators.dependence import dependence_table
from steppe.indicators.multivector import multivector_table, pole_share_table
from steppe.store.engine import DuckDBEngine
from steppe.store.lake import MANIFEST, table_glob
from steppe.store.reference import insert_rows


def lake_rows(lake: Path, table: str = "events") -> int:
    rows = duckdb.sql(f"SELECT count(*) FROM read_parquet('{table_glob(lake, table)}')").fetchall()
    return int(rows[0][0])


@pytest.fixture
def gdelt(tmp_path: Path) -> Path:
    return steppe.write_gdelt(tmp_path / "events.tsv", rows=3000, seed=11)


@pytest.fixture
def store(tmp_path: Path, gdelt: Path) -> Iterator[steppe.Store]:
    with steppe.Store(tmp_path / "s.duckdb") as s:
        steppe.ingest_events(s, [gdelt], "gdelt1")
        yield s


def test_sync_writes_month_partitions_with_every_row(store: steppe.Store, tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    [events, ties] = steppe.sync_lake(store, lake)
    months = store.query("SELECT DISTINCT year(date), month(date) FROM events")
    assert len(events.written) == len(months) > 12 and events.rows == store.count("events")
    assert ties.rows == 0 and not ties.written
    assert (lake / "events" / "year=2015" / "month=1" / "data_0.parquet").is_file()
    assert lake_rows(lake) == store.count("events")
    january = duckdb.sql(
        f"SELECT count(*) FROM read_parquet('{table_glob(lake, 'events')}') "
        "WHERE year(date) = 2015 AND month(date) = 1"
    ).fetchall()[0][0]
    assert (
        january
        == store.query(
            "SELECT count(*) AS n FROM events WHERE date BETWEEN '2015-01-01' AND '2015-01-31'"
        )[0]["n"]
    )


def test_reingest_adds_nothing_and_rewrites_nothing(
    store: steppe.Store, gdelt: Path, tmp_path: Path
) -> None:
    lake = tmp_path / "lake"
    steppe.sync_lake(store, lake)
    before = {p: p.stat().st_mtime_ns for p in (lake / "events").rglob("*.parquet")}
    steppe.ingest_events(store, [gdelt], "gdelt1")
    again = steppe.sync_lake(store, lake)
    assert [c.written for c in again] == [(), ()]
    assert lake_rows(lake) == store.count("events") == 3000
    assert {p: p.stat().st_mtime_ns for p in (lake / "events").rglob("*.parquet")} == before


def test_new_events_rewrite_only_their_months(store: steppe.Store, tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    steppe.sync_lake(store, lake)
    jan = lake / "events" / "year=2015" / "month=1" / "data_0.parquet"
    untouched = jan.stat().st_mtime_ns
    insert_rows(
        store,
        "events",
        [
            {"event_id": "x:1", "date": date(2016, 3, 4), "cameo": "042", "origin": "t"},
            {"event_id": "x:2", "date": date(1999, 1, 1), "cameo": "042", "origin": "t"},
        ],
    )
    [events, _] = steppe.sync_lake(store, lake)
    assert events.written == ("year=1999/month=1", "year=2016/month=3")
    assert lake_rows(lake) == store.count("events")
    assert jan.stat().st_mtime_ns == untouched
    store.con.execute("DELETE FROM events WHERE event_id = 'x:2'")
    [events, _] = steppe.sync_lake(store, lake)
    assert events.removed == ("year=1999/month=1",) and not (lake / "events/year=1999").exists()
    assert lake_rows(lake) == store.count("events")


def test_partitions_steppe_did_not_write_are_left_alone(
    store: steppe.Store, tmp_path: Path
) -> None:
    lake = tmp_path / "lake"
    foreign = lake / "events" / "year=1990" / "month=5"
    foreign.mkdir(parents=True)
    duckdb.sql(
        "COPY (SELECT * EXCLUDE (year, month) FROM (SELECT 'f:1' AS event_id, DATE '1990-05-01' "
        "AS date, 1990 AS year, 5 AS month)) "
        f"TO '{foreign / 'data_0.parquet'}' (FORMAT parquet)"
    )
    steppe.sync_lake(store, lake)
    assert (foreign / "data_0.parquet").is_file()
    assert "year=1990/month=5" not in (lake / "events" / MANIFEST).read_text()


def test_ties_are_partitioned_by_year(store: steppe.Store, tmp_path: Path) -> None:
    insert_rows(
        store,
        "ties",
        [
            {
                "period": str(y),
                "a": "KAZ",
                "b": b,
                "channel": "trade_flow",
                "value": 1.0,
                "source": "t",
            }
            for y in (2010, 2011)
            for b in ("RUS", "CHN")
        ],
    )
    [_, ties] = steppe.sync_lake(store, tmp_path / "lake")
    assert ties.written == ("year=2010", "year=2011") and ties.rows == 4
    assert lake_rows(tmp_path / "lake", "ties") == 4


def test_duckdb_on_the_lake_gives_the_stores_numbers(store: steppe.Store, tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    steppe.sync_lake(store, lake)
    on_store, on_lake = DuckDBEngine(store), DuckDBEngine(store, lake)
    for build in (
        lambda e: multivector_table(e),
        lambda e: multivector_table(e, "year", "entropy"),
        lambda e: pole_share_table(e),
        lambda e: dependence_table(e),
        lambda e: cohesion_events_table(e),
    ):
        a, b = on_store.to_arrow(build(on_store)), on_lake.to_arrow(build(on_lake))
        assert a.num_rows > 0 and a.equals(b)


def test_remote_lakes_are_read_only_and_spark_only(store: steppe.Store) -> None:
    with pytest.raises(steppe.StoreError, match="writes only a local lake"):
        steppe.sync_lake(store, "s3a://bucket/lake")
    with pytest.raises(steppe.StoreError, match="reads only a local lake"):
        steppe.open_engine(store, "duckdb", lake="s3a://bucket/lake")


def test_measure_syncs_the_lake_and_stores_the_same_values(
    store: steppe.Store, tmp_path: Path
) -> None:
    def snapshot() -> pa.Table:
        return store.con.sql(
            "SELECT name, actor, partner, period, value, lo, hi, n FROM indicators ORDER BY ALL"
        ).to_arrow_table()

    counts = steppe.measure(store)
    assert counts["multivector"] > 0 and counts["dependence"] > 0
    plain = snapshot()
    with steppe.open_engine(store, "duckdb", lake=tmp_path / "lake") as engine:
        assert steppe.measure(store, engine=engine) == counts
    assert lake_rows(tmp_path / "lake") == store.count("events")
    assert snapshot().equals(plain)


def test_cli_ingest_writes_the_lake_and_measure_reads_it(tmp_path: Path, gdelt: Path) -> None:
    runner = CliRunner()
    db, lake = str(tmp_path / "c.duckdb"), str(tmp_path / "lake")
    first = runner.invoke(app, ["--db", db, "--lake", lake, "ingest", "events", str(gdelt)])
    assert first.exit_code == 0, first.output
    assert lake_rows(Path(lake)) == 3000 and "partitions rewritten" in first.output
    again = runner.invoke(app, ["--db", db, "--lake", lake, "ingest", "events", str(gdelt)])
    assert "lake events: 0 partitions rewritten" in again.output
    assert lake_rows(Path(lake)) == 3000
    out = runner.invoke(app, ["--db", db, "measure"], env={"STEPPE_LAKE": lake})
    assert out.exit_code == 0 and "dependence:" in out.output, out.output
    bad = runner.invoke(app, ["--db", db, "--backend", "polars", "measure"])
    assert bad.exit_code == 1 and "expected one of duckdb, spark" in bad.output
