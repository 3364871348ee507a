"""Every event indicator gives the same numbers on Spark (local mode) as on DuckDB, from the same
Ibis expressions over the same synthetic events. Skipped without the spark extra or Java.

Exact equality everywhere except the entropy form of the multivector index, compared to 1e-12:
it takes a natural logarithm on the engine, and the JVM's ``Math.log`` and the C library's
``log`` may round the last bit differently (about 1 value in 15 differs by 1-4 units in the
last place, ~3e-16). Everything else is integer counts combined with + - x /, evaluated in the
same order on both engines, and is bit-identical.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from typer.testing import CliRunner

import steppe
from steppe.cli import app
from steppe.indicators.cohesion import cohesion_events_table
from steppe.indicators.dependence import dependence_table
from steppe.indicators.multivector import multivector_table, pole_share_table
from steppe.store.engine import DuckDBEngine, SparkEngine, spark_session, spark_unavailable
from steppe.store.reference import insert_rows

REASON = spark_unavailable()
pytestmark = [
    pytest.mark.spark,
    pytest.mark.skipif(REASON is not None, reason=f"Spark backend not available: {REASON}"),
]

Build = Callable[[Any], Any]
EXPRESSIONS: dict[str, Build] = {
    "multivector hhi quarter": lambda e: multivector_table(e),
    "multivector hhi year": lambda e: multivector_table(e, "year"),
    "pole_share quarter": lambda e: pole_share_table(e),
    "pole_share year": lambda e: pole_share_table(e, "year"),
    "coop_share and coop_asymmetry": lambda e: dependence_table(e),
    "cohesion_events": lambda e: cohesion_events_table(e),
}
ENTROPY: dict[str, Build] = {
    "multivector entropy quarter": lambda e: multivector_table(e, method="entropy"),
    "multivector entropy year": lambda e: multivector_table(e, "year", "entropy"),
}


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One local Spark session for the whole test run (it takes ~5 s to start)."""
    session = spark_session("local[2]", "steppe-tests", conf={"spark.sql.shuffle.partitions": "2"})
    yield session
    session.stop()


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[steppe.Store, Path]]:
    """A store with 20,000 synthetic GDELT events plus edge cases (EU membership on its
    boundary dates, domestic and partnerless events), and its lake."""
    root = tmp_path_factory.mktemp("spark")
    gdelt = steppe.write_gdelt(root / "events.tsv", rows=20_000, seed=5)
    with steppe.Store(root / "s.duckdb") as store:
        steppe.ingest_events(store, [gdelt], "gdelt1")
        edge = [
            ("GBR", date(2020, 1, 31)),  # last day in the EU
            ("GBR", date(2020, 2, 1)),  # first day out
            ("HRV", date(2013, 6, 30)),  # the day before accession
            ("HRV", date(2013, 7, 1)),  # accession
            ("KAZ", date(2019, 5, 5)),  # domestic: left out
            (None, date(2019, 5, 6)),  # no partner: left out
        ]
        insert_rows(
            store,
            "events",
            [
                {
                    "event_id": f"edge:{i}",
                    "date": day,
                    "source_actor": "KAZ",
                    "target_actor": partner,
                    "cameo": "042",
                    "quad_class": 1,
                    "origin": "test",
                }
                for i, (partner, day) in enumerate(edge)
            ],
        )
        steppe.sync_lake(store, root / "lake")
        yield store, root / "lake"


@pytest.mark.parametrize("name", sorted(EXPRESSIONS))
def test_same_numbers_on_both_engines(
    spark: Any, data: tuple[steppe.Store, Path], name: str
) -> None:
    store, lake = data
    duck = DuckDBEngine(store)
    on_spark = SparkEngine(store, lake, session=spark)
    expected = duck.to_arrow(EXPRESSIONS[name](duck))
    got = on_spark.to_arrow(EXPRESSIONS[name](on_spark))
    assert expected.num_rows > 10
    assert got.schema == expected.schema
    assert got.equals(expected), name


@pytest.mark.parametrize("name", sorted(ENTROPY))
def test_entropy_agrees_to_1e_12(spark: Any, data: tuple[steppe.Store, Path], name: str) -> None:
    store, lake = data
    duck = DuckDBEngine(store)
    on_spark = SparkEngine(store, lake, session=spark)
    expected = duck.to_arrow(ENTROPY[name](duck))
    got = on_spark.to_arrow(ENTROPY[name](on_spark))
    assert got.drop_columns(["value"]).equals(expected.drop_columns(["value"]))
    diff = pc.max(pc.abs(pc.subtract(got.column("value"), expected.column("value")))).as_py()
    assert diff <= 1e-12


def _indicators(store: steppe.Store) -> pa.Table:
    return store.con.sql(
        "SELECT name, actor, partner, period, period_start, value, lo, hi, n, method "
        "FROM indicators ORDER BY ALL"
    ).to_arrow_table()


def test_measure_on_spark_stores_what_duckdb_stores(
    spark: Any, data: tuple[steppe.Store, Path]
) -> None:
    store, lake = data
    counts = steppe.measure(store, seed=4)
    on_duckdb = _indicators(store)
    with SparkEngine(store, lake, session=spark) as engine:
        assert steppe.measure(store, seed=4, engine=engine) == counts
    assert spark.getActiveSession() is not None  # the engine left the session it was given
    assert {"multivector", "pole_share", "coop_share", "coop_asymmetry", "cohesion_events"} <= set(
        _indicators(store).column("name").to_pylist()
    )
    assert _indicators(store).equals(on_duckdb)


def test_cli_backend_spark(spark: Any, tmp_path: Path) -> None:
    """The CLI's engine finds the active session (the fixture's) and leaves it running."""
    db = tmp_path / "cli.duckdb"
    gdelt = steppe.write_gdelt(tmp_path / "e.tsv", rows=2000, seed=8)
    runner = CliRunner()
    spark_args = ["--db", str(db), "--backend", "spark", "--spark-master", "local[2]"]
    out = runner.invoke(app, [*spark_args, "ingest", "events", str(gdelt)])
    assert out.exit_code == 0, out.output
    assert (tmp_path / "cli-lake" / "events").is_dir()  # the default lake beside the store
    out = runner.invoke(app, [*spark_args, "measure", "--freq", "year"])
    assert out.exit_code == 0 and "multivector:" in out.output, out.output
    with steppe.Store(db) as s:
        on_spark = _indicators(s)
        steppe.measure(s, freq="year")
        assert _indicators(s).equals(on_spark)
    env = {"STEPPE_BACKEND": "spark", "STEPPE_LAKE": str(tmp_path / "nowhere")}
    out = runner.invoke(app, ["--db", str(db), "measure"], env=env)
    assert out.exit_code == 0  # the lake is filled from the store first
    assert (tmp_path / "nowhere" / "events").is_dir()
