"""Realignment alerts: PELT change points on synthetic step series and in the store."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest

import steppe
from steppe.indicators import alerts as A


def _steps(levels: list[float], length: int, sd: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return np.repeat(levels, length) + rng.normal(0.0, sd, len(levels) * length)


def test_single_step_up() -> None:
    found = A.change_points(_steps([0.0, 1.0], 15, 0.1, seed=1))
    assert [(c.index, c.direction) for c in found] == [(15, "up")]
    assert found[0].size == pytest.approx(1.0, abs=0.1)


def test_two_steps_down_then_up() -> None:
    found = A.change_points(_steps([0.5, -0.5, 0.3], 10, 0.05, seed=1))
    assert [(c.index, c.direction) for c in found] == [(10, "down"), (20, "up")]
    assert found[0].size == pytest.approx(-1.0, abs=0.1)
    assert found[1].size == pytest.approx(0.8, abs=0.1)


def test_noise_only_and_constant_give_nothing() -> None:
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


def test_compute_alerts_writes_rows(store: steppe.Store) -> None:
    years = range(1992, 2020)
    ideal = _steps([-0.2, -0.9], 14, 0.05, seed=4)
    agree = _steps([0.8, 0.8], 14, 0.02, seed=5)
    rows: list[tuple[str, str | None, int, float]] = [
        ("ideal_point", None, y, float(v)) for y, v in zip(years, ideal, strict=True)
    ]
    rows += [("vote_agreement", "RUS", y, float(v)) for y, v in zip(years, agree, strict=True)]
    with store.transaction() as con:
        for name, partner, year, value in rows:
            con.execute(
                "INSERT INTO indicators (name, actor, partner, period, period_start, value, "
                "method, computed_at) VALUES (?, 'TKM', ?, ?, make_date(?, 1, 1), ?, 'test', ?)",
                [name, partner, str(year), year, float(value), datetime.now()],
            )
    assert A.compute_alerts(store) == 1
    alert = store.query("SELECT * FROM indicators WHERE name = 'alert'")[0]
    assert (alert["actor"], alert["partner"], alert["period"], alert["n"]) == (
        "TKM",
        None,
        "2006",
        28,
    )
    assert alert["value"] == pytest.approx(-0.7, abs=0.05)
    assert alert["method"].startswith("ideal_point: down by 0.7")
    assert alert["lo"] is None and alert["hi"] is None
    assert A.compute_alerts(store) == 1  # replaces, does not add


def test_compute_alerts_needs_series(store: steppe.Store) -> None:
    with pytest.raises(steppe.IndicatorError, match="compute those indicators first"):
        A.compute_alerts(store)
