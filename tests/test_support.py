"""Support rules: every value has n and an interval containing it, event shares are pooled,
thin values are flagged sparse, and each frequency is its own series."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import duckdb
import numpy as np
import pytest

import steppe
from steppe.indicators.multivector import multivector_index, pooled_index
from steppe.indicators.support import (
    MAX_WIDTH,
    MIN_N,
    beta_interval,
    is_sparse,
    pooled_shares,
)
from steppe.store.migrations import MIGRATIONS
from steppe.store.reference import insert_rows


@pytest.fixture(scope="module")
def measured() -> Iterator[steppe.Store]:
    """The bundled event sample, measured (no votes: the event indicators alone)."""
    with steppe.Store(":memory:") as s:
        steppe.install_registry(s)
        steppe.ingest_events(s, [steppe.data_path(*steppe.DEMO_EVENTS)], "icews")
        steppe.measure(s, seed=1)
        yield s


def test_every_value_lies_inside_its_interval(measured: steppe.Store) -> None:
    rows = measured.query(
        "SELECT name, actor, period, value, lo, hi FROM indicators "
        "WHERE value IS NOT NULL AND lo IS NOT NULL"
    )
    assert rows
    outside = [r for r in rows if not r["lo"] - 1e-12 <= r["value"] <= r["hi"] + 1e-12]
    assert outside == []


def test_event_shares_carry_n_interval_freq_and_flag(measured: steppe.Store) -> None:
    for name in ("multivector", "pole_share"):
        rows = measured.query(
            "SELECT * FROM indicators WHERE name = ? AND (partner IS NULL OR name = 'pole_share')",
            [name],
        )
        assert rows
        assert all(r["n"] is not None and r["n"] > 0 for r in rows)
        assert all(r["lo"] is not None and r["hi"] is not None for r in rows)
        assert {r["freq"] for r in rows} == {"quarter", "year"}
        assert all(r["sparse"] is not None for r in rows)
    # no row anywhere is left without its frequency or its flag
    assert measured.query(
        "SELECT count(*) AS c FROM indicators WHERE freq IS NULL OR sparse IS NULL"
    ) == [{"c": 0}]


def test_sparse_rule_is_applied_as_stated(measured: steppe.Store) -> None:
    rows = measured.query(
        "SELECT n, lo, hi, sparse FROM indicators WHERE name = 'multivector' AND partner IS NULL"
    )
    for r in rows:
        expected = r["n"] < MIN_N or (r["hi"] - r["lo"]) > MAX_WIDTH
        assert r["sparse"] == expected
    assert any(r["sparse"] for r in rows) and not all(r["sparse"] for r in rows)
    assert is_sparse(MIN_N - 1, 0.4, 0.5) and not is_sparse(MIN_N, 0.4, 0.5)


def test_one_event_no_longer_reads_as_total_dependence() -> None:
    # the state's long run: spread over four poles; this quarter: one event with Russia
    long_run = np.array([[30, 30, 30, 30, 0, 0, 0, 0]])
    one = np.array([[1, 0, 0, 0, 0, 0, 0, 0]])
    value, lo, hi = pooled_index(one, long_run + one, seed=4)
    raw = multivector_index({"RUS": 1})
    long = multivector_index(dict(zip("abcd", [30, 30, 30, 30], strict=True)))
    assert raw == 0.0
    assert raw < lo[0] <= value[0] <= hi[0]
    assert value[0] < long + 0.05  # pulled toward the long run, not beyond it
    # with many events the period's own shares dominate
    many = np.array([[400, 0, 0, 0, 0, 0, 0, 0]])
    v_many, _, _ = pooled_index(many, long_run + many, seed=4)
    assert v_many[0] < 0.1


def test_pooled_shares_formula_by_hand() -> None:
    # c = 10, long run (30, 10): q = (30.5/41, 10.5/41); one event in the first category
    q = np.array([30.5, 10.5]) / 41
    expected = (np.array([1, 0]) + 10 * q) / 11
    assert np.allclose(pooled_shares([1, 0], [30, 10]), expected)


def test_jeffreys_interval_matches_scipy_reference() -> None:
    from scipy import stats

    p, lo, hi = beta_interval(7, 20)
    assert p == 0.35
    assert lo == pytest.approx(stats.beta.ppf(0.05, 7.5, 13.5))
    assert hi == pytest.approx(stats.beta.ppf(0.95, 7.5, 13.5))
    assert beta_interval(0, 5)[1] == 0.0  # the edge share lies inside


def _kaz(day: date, i: int) -> dict[str, object]:
    return {
        "event_id": f"t:{i}",
        "date": day,
        "source_actor": "KAZ",
        "target_actor": ("RUS", "CHN", "USA")[i % 3],
        "cameo": "042",
        "quad_class": 1,
        "origin": "test",
    }


def test_measure_year_never_replaces_quarters(store: steppe.Store) -> None:
    insert_rows(store, "events", [_kaz(date(2020, 1 + (i % 12), 5), i) for i in range(36)])
    steppe.measure(store, freq="quarter")
    quarters = steppe.read.indicators(store, "multivector", "KAZ", freq="quarter")
    assert [r["period"] for r in quarters] == ["2020Q1", "2020Q2", "2020Q3", "2020Q4"]
    steppe.measure(store, freq="year")
    assert steppe.read.indicators(store, "multivector", "KAZ", freq="quarter") == quarters
    [year] = [
        r
        for r in steppe.read.indicators(store, "multivector", "KAZ", freq="year")
        if r["partner"] is None
    ]
    assert (year["period"], year["n"], year["sparse"]) == ("2020", 36, False)
    assert all(r["sparse"] for r in quarters)  # nine events a quarter: under the rule
    assert steppe.read.frequencies(store, "multivector") == ["quarter", "year"]


def test_migration_fills_frequency_of_existing_rows(tmp_path: object) -> None:
    path = f"{tmp_path}/old.duckdb"
    con = duckdb.connect(path)
    con.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, "
        "applied_at TIMESTAMP)"
    )
    for m in MIGRATIONS:
        if m.version < 5:
            con.execute(m.sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [m.version, m.name])
    con.execute(
        "INSERT INTO indicators (name, actor, period, period_start, value, n, method, "
        "computed_at) VALUES ('multivector', 'KAZ', '2014Q3', DATE '2014-07-01', 0.5, 3, 'x', "
        "now()), ('ideal_point', 'KAZ', '2014', DATE '2014-01-01', 0.1, 80, 'x', now())"
    )
    con.close()
    with steppe.Store(path) as s:
        got = s.query("SELECT period, freq, sparse FROM indicators ORDER BY period")
    assert got == [
        {"period": "2014", "freq": "year", "sparse": None},
        {"period": "2014Q3", "freq": "quarter", "sparse": None},
    ]


def test_coop_share_is_pooled_with_n_interval_and_flag(measured: steppe.Store) -> None:
    rows = measured.query(
        "SELECT actor, partner, period, value, lo, hi, n, sparse, freq FROM indicators "
        "WHERE name = 'coop_share'"
    )
    assert rows
    assert {r["freq"] for r in rows} == {"year"}
    assert all(r["lo"] - 1e-12 <= r["value"] <= r["hi"] + 1e-12 for r in rows)
    for r in rows:
        assert r["sparse"] == (r["n"] < MIN_N or r["hi"] - r["lo"] > MAX_WIDTH)
    assert any(r["sparse"] for r in rows) and not all(r["sparse"] for r in rows)
    # n is the state's cooperative events that year: one n per state-year, shares sum to < 1
    # only through the partners not written (the pooled shares of every partner sum to 1)
    by_year: dict[tuple[str, str], set[int]] = {}
    for r in rows:
        by_year.setdefault((r["actor"], r["period"]), set()).add(r["n"])
    assert all(len(ns) == 1 for ns in by_year.values())
    sums: dict[tuple[str, str], float] = {}
    for r in rows:
        sums[(r["actor"], r["period"])] = sums.get((r["actor"], r["period"]), 0.0) + r["value"]
    assert all(v <= 1 + 1e-9 for v in sums.values())


def test_coop_share_of_a_thin_year_is_pulled_to_the_long_run() -> None:
    """Against raw shares computed here from the events: a year with one cooperative event
    with RUS is no longer a share of 1, and a well-supported year keeps close to its own."""
    from steppe.indicators.dependence import compute_event_dependence

    def ev(i: int, year: int, partner: str) -> dict[str, object]:
        return {
            "event_id": f"e{i}",
            "date": date(year, 3, 1),
            "source_actor": "KAZ",
            "target_actor": partner,
            "cameo": "042",
            "quad_class": 1,
            "origin": "t",
        }

    events = [ev(i, 2019, "CHN" if i % 2 else "RUS") for i in range(60)]  # 30 RUS, 30 CHN
    events.append(ev(100, 2020, "RUS"))  # one event: raw share 1
    with steppe.Store(":memory:") as s:
        insert_rows(s, "events", events)
        compute_event_dependence(s)
        got = {
            (r["period"], r["partner"]): r
            for r in s.query("SELECT * FROM indicators WHERE name = 'coop_share'")
        }
    thin = got[("2020", "RUS")]
    assert thin["n"] == 1 and thin["sparse"]
    assert 0.5 < thin["value"] < 0.7  # long run 31/61: pulled from 1 to about (1 + 5.1)/11
    # CHN has no event in 2020 but is a main partner: its row is there, pooled, sparse
    assert got[("2020", "CHN")]["value"] > 0.3 and got[("2020", "CHN")]["sparse"]
    full = got[("2019", "RUS")]
    assert full["n"] == 60 and not full["sparse"]
    assert abs(full["value"] - 0.5) < 0.02 and full["lo"] < 0.5 < full["hi"]
