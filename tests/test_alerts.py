"""Alerts: PELT shifts and robust spikes on synthetic series, the support rule, the series read
from the store, and the error rates on seeded noise."""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import numpy as np
import pytest

import steppe
from steppe.indicators import alerts as A


def _steps(levels: list[float], length: int, sd: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return np.repeat(levels, length) + rng.normal(0.0, sd, len(levels) * length)


def _months(n: int, start: int = 2010) -> tuple[date, ...]:
    return tuple(date(start + i // 12, i % 12 + 1, 1) for i in range(n))


def _series(values: np.ndarray | list[float], counts: bool, freq: str = "month") -> A.Series:
    vals = tuple(float(v) for v in values)
    return A.Series(
        "KAZ", "RUS", "events", freq, _months(len(vals)), vals, (None,) * len(vals), counts, "test"
    )


def test_single_step_up() -> None:
    found = A.change_points(_steps([0.0, 1.0], 15, 0.1, seed=1))
    assert [(c.index, c.direction) for c in found] == [(15, "up")]
    assert found[0].size == pytest.approx(1.0, abs=0.1)


def test_two_steps_down_then_up() -> None:
    found = A.change_points(_steps([0.5, -0.5, 0.3], 10, 0.05, seed=1))
    assert [(c.index, c.direction) for c in found] == [(10, "down"), (20, "up")]
    assert found[0].size == pytest.approx(-1.0, abs=0.1)
    assert found[1].size == pytest.approx(0.8, abs=0.1)


def test_noise_only_and_constant_give_no_shift() -> None:
    for seed in range(5):
        assert A.change_points(np.random.default_rng(seed).normal(0.0, 1.0, 30)) == []
    assert A.change_points(np.ones(20)) == []
    assert A.change_points([1.0, 2.0, 3.0]) == []  # shorter than two minimum segments


def test_penalty_controls_detection() -> None:
    series = _steps([0.0, 0.3], 12, 0.1, seed=3)
    assert A.change_points(series, penalty=1e6) == []
    assert [c.index for c in A.change_points(series, penalty=0.1)] == [12]


def test_default_penalty_hand_value() -> None:
    # first differences 1, -1, 1, -1: median 0, MAD 1 -> sigma^2 = 1.4826^2 / 2; n = 5
    assert A.default_penalty([0.0, 1.0, 0.0, 1.0, 0.0]) == pytest.approx(
        4 * np.log(5) * 1.4826**2 / 2
    )
    assert A.default_penalty([1.0, 2.0]) == 0.0


def test_bad_input() -> None:
    with pytest.raises(steppe.IndicatorError):
        A.change_points([1.0, float("nan"), 2.0, 3.0, 4.0, 5.0])
    with pytest.raises(steppe.IndicatorError):
        A.change_points(np.ones((3, 3)))
    with pytest.raises(steppe.IndicatorError):
        A.change_points(np.arange(10.0), penalty=-1.0)
    with pytest.raises(steppe.IndicatorError):
        A.spikes(np.arange(10.0), window=1)


def test_spike_hand_example() -> None:
    # history 1, 2, 3 repeated: median 2, MAD 1 -> scale 1.4826; 30 is (30 - 2) / 1.4826 sd out
    series = np.r_[np.tile([1.0, 2.0, 3.0], 10), 30.0, 2.0]
    (spike,) = A.spikes(series, window=12)
    assert spike.index == 30 and spike.baseline == 2.0
    assert spike.score == pytest.approx(28 / 1.4826)
    assert A.spikes(np.ones(40), window=12) == []  # zero scale: nothing judged


def test_spike_not_counted_as_shift_and_fields() -> None:
    values = np.random.default_rng(2).normal(0.5, 0.01, 60)
    values[50] = 0.9
    (alert,) = A.scan(_series(values, counts=False))
    assert (alert.kind, alert.direction, alert.date) == ("spike", "up", _months(60)[50])
    assert alert.magnitude == pytest.approx(0.4, abs=0.02)
    assert alert.value == pytest.approx(0.9) and alert.score > A.SPIKE_Z
    assert alert.series == "events with RUS" and "robust z" in alert.method


def test_count_spike_needs_support() -> None:
    rng = np.random.default_rng(5)
    quiet = rng.poisson(0.3, 60).astype(float)
    quiet[40] = 15.0  # far outside, but the series is usually empty: no baseline to be far from
    assert not [a for a in A.scan(_series(quiet, counts=True)) if a.kind == "spike"]
    regular = rng.poisson(2.0, 60).astype(float)
    regular[40] = 20.0
    spikes = [a for a in A.scan(_series(regular, counts=True)) if a.kind == "spike"]
    assert [(a.date, a.direction, a.value) for a in spikes] == [(_months(60)[40], "up", 20.0)]
    assert spikes[0].baseline >= 1.0 and spikes[0].magnitude == 20.0 - spikes[0].baseline


def test_count_shift_found_with_magnitude_in_events() -> None:
    rng = np.random.default_rng(7)
    counts = np.r_[rng.poisson(5, 40), rng.poisson(15, 40)].astype(float)
    shifts = [a for a in A.scan(_series(counts, counts=True)) if a.kind == "shift"]
    assert len(shifts) == 1 and abs(_months(80).index(shifts[0].date) - 40) <= 1
    assert shifts[0].direction == "up" and shifts[0].magnitude == pytest.approx(10, abs=1.5)


def _add_indicator(
    con: duckdb.DuckDBPyConnection,
    name: str,
    partner: str | None,
    period: int,
    value: float,
    n: int | None = None,
    sparse: bool = False,
) -> None:
    con.execute(
        "INSERT INTO indicators (name, actor, partner, period, period_start, value, n, method, "
        "computed_at, sparse) VALUES (?, 'TKM', ?, ?, make_date(?, 1, 1), ?, ?, 'test', ?, ?)",
        [name, partner, str(period), period, float(value), n, datetime.now(), sparse],
    )


def test_compute_alerts_reads_store_series(store: steppe.Store) -> None:
    years = range(1992, 2020)
    ideal = _steps([-0.2, -0.9], 14, 0.05, seed=4)
    agree = np.random.default_rng(5).normal(0.8, 0.02, 28)
    with store.transaction() as con:
        # the sparse flag (issue 13, support rules) may not be migrated yet: add it if absent
        con.execute("ALTER TABLE indicators ADD COLUMN IF NOT EXISTS sparse BOOLEAN")
        for y, v in zip(years, ideal, strict=True):
            _add_indicator(con, "ideal_point", None, y, v, n=100)
        for y, v in zip(years, agree, strict=True):
            _add_indicator(con, "vote_agreement", "RUS", y, v, n=100)
        # a sparse value and one with too few roll calls: never alert sources
        _add_indicator(con, "vote_agreement", "RUS", 2020, 0.1, n=100, sparse=True)
        _add_indicator(con, "vote_agreement", "RUS", 2021, 0.1, n=3)
        # the monthly GDELT interaction channel (positive part) with a jump in 2021-07
        weights = np.random.default_rng(6).normal(50.0, 5.0, 48)
        weights[42] = 400.0
        for i, w in enumerate(weights):
            con.execute(
                "INSERT INTO indicators (name, actor, partner, period, period_start, value, n, "
                "method, computed_at) VALUES ('interaction_pos', 'TKM', 'CHN', ?, ?, ?, 30, "
                "'test', ?)",
                [
                    f"{2018 + i // 12}-{i % 12 + 1:02d}",
                    date(2018 + i // 12, i % 12 + 1, 1),
                    float(w),
                    datetime.now(),
                ],
            )
    assert A.compute_alerts(store) == 2
    rows = steppe.read.alerts(store)
    assert [(r["date"], r["kind"], r["series"], r["freq"]) for r in rows] == [
        (date(2021, 7, 1), "spike", "interaction_pos with CHN", "month"),
        (date(2006, 1, 1), "shift", "ideal_point", "year"),
    ]
    assert rows[1]["magnitude"] == pytest.approx(-0.7, abs=0.05) and rows[1]["n"] == 2800
    assert A.compute_alerts(store) == 2  # replaces, does not add
    assert steppe.read.alerts(store, kind="shift", actor="TKM")[0]["series"] == "ideal_point"
    assert steppe.read.alerts(store, since=date(2010, 1, 1))[0]["partner"] == "CHN"
    assert steppe.read.alerts(store, partner="RUS") == []


def test_compute_alerts_on_events(store: steppe.Store) -> None:
    rng = np.random.default_rng(3)
    with store.transaction() as con:
        k = 0
        for i in range(60):
            month = date(2010 + i // 12, i % 12 + 1, 1)
            for _ in range(int(rng.poisson(4)) + (25 if i == 45 else 0)):
                k += 1
                con.execute(
                    "INSERT INTO events (event_id, date, source_actor, target_actor, cameo, "
                    "quad_class, origin) VALUES (?, ?, 'RUS', 'UZB', '042', 1, 'test')",
                    [f"e{k}", month],
                )
    assert A.compute_alerts(store) > 0
    monthly = steppe.read.alerts(store, actor="UZB", partner="RUS", kind="spike")
    assert [(r["date"], r["series"], r["freq"]) for r in monthly if r["freq"] == "month"] == [
        (date(2013, 10, 1), "events with RUS", "month")
    ]
    assert A.compute_alerts(steppe.Store(":memory:")) == 0


def test_error_rates_on_seeded_noise() -> None:
    gauss = A.evaluate_detectors("gaussian", series=40, length=96, seed=11)
    assert gauss.false_spike_rate <= 0.1 and gauss.false_shift_rate <= 0.1
    assert gauss.spike_detection >= 0.6 and gauss.shift_detection >= 0.75
    counts = A.evaluate_detectors("poisson", series=30, length=40, freq="quarter", seed=12)
    assert counts.false_spike_rate <= 0.1 and counts.false_shift_rate <= 0.1
    assert counts.shift_detection >= 0.6
    assert A.evaluate_detectors("gaussian", series=5, seed=3) == A.evaluate_detectors(
        "gaussian", series=5, seed=3
    )
    with pytest.raises(steppe.IndicatorError):
        A.evaluate_detectors("cauchy")


def _weights(values: np.ndarray, name: str = "interaction_pos") -> A.Series:
    vals = tuple(float(v) for v in values)
    n = len(vals)
    return A.Series("KAZ", "RUS", name, "month", _months(n), vals, (30,) * n, False, "t", log=True)


def test_minimum_magnitude_on_weights() -> None:
    rng = np.random.default_rng(8)
    base = np.exp(rng.normal(np.log(400.0), 0.05, 72))  # very quiet: a 1.5x step is many sd
    step = base.copy()
    step[36:] *= 1.5
    assert A.noise_sigma(np.log1p(step)) < 0.1
    # far outside the noise, but not a doubling: no alert
    assert [a for a in A.scan(_weights(step)) if a.kind == "shift"] == []
    step[36:] *= 2.0  # now 3x the old level
    (shift,) = [a for a in A.scan(_weights(step)) if a.kind == "shift"]
    assert shift.date == _months(72)[36] and shift.value / shift.baseline >= A.MIN_FACTOR
    # a tiny series (median month under MIN_WEIGHT) is not scanned at all
    tiny = base / 100.0
    tiny[40] = 50.0
    assert A.scan(_weights(tiny)) == []


def test_minimum_change_on_yearly_shares() -> None:
    rng = np.random.default_rng(9)
    small = np.r_[rng.normal(0.50, 0.005, 15), rng.normal(0.56, 0.005, 15)]
    series = A.Series(
        "KAZ", "RUS", "split_vote", "year", _months(30), tuple(small), (50,) * 30, False, "t"
    )
    assert A.scan(series) == []  # 6 points: clear, but under the 10-point minimum
    big = np.r_[small[:15], small[15:] + 0.10]
    series = A.Series(
        "KAZ", "RUS", "split_vote", "year", _months(30), tuple(big), (50,) * 30, False, "t"
    )
    assert [a.kind for a in A.scan(series)] == ["shift"]


def test_pair_of_focal_states_is_one_series_found_from_either_side(
    store: steppe.Store,
) -> None:
    with store.transaction() as con:
        k = 0
        for i in range(60):
            month = date(2010 + i // 12, i % 12 + 1, 1)
            for _ in range(8 if i < 30 else 30):
                k += 1
                con.execute(
                    "INSERT INTO events (event_id, date, source_actor, target_actor, cameo, "
                    "quad_class, origin) VALUES (?, ?, 'AZE', 'UZB', '042', 1, 'test')",
                    [f"e{k}", month],
                )
    A.compute_alerts(store)
    pair = store.query("SELECT DISTINCT actor, partner FROM alerts WHERE partner IS NOT NULL")
    assert pair == [{"actor": "UZB", "partner": "AZE"}]  # UZB precedes AZE in FOCAL_STATES
    by_aze = steppe.read.alerts(store, actor="AZE")
    assert by_aze and {(r["actor"], r["partner"]) for r in by_aze} >= {("UZB", "AZE")}
    assert steppe.read.alerts(store, partner="UZB", actor="AZE") == steppe.read.alerts(
        store, actor="UZB", partner="AZE"
    )
    assert steppe.read.alerts(store, actor="AZE", partner="RUS") == []


def test_error_rates_on_weights_with_the_minimum_rule() -> None:
    w = A.evaluate_detectors("weights", series=40, length=96, seed=11)
    assert w.false_spike_rate <= 0.1 and w.false_shift_rate <= 0.1
    assert w.spike_detection >= 0.6 and w.shift_detection >= 0.75
