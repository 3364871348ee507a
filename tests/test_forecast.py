"""Alignment forecasts: the local-level model, the two baselines, CRPS from scoringrules, and
the back-test against a BSV-layout file (synthetic here; the real figures are in README)."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
import scoringrules as sr
from scipy.integrate import quad
from scipy.stats import norm

import steppe
from steppe.indicators import forecast as F

COW = {"KAZ": 705, "KGZ": 703, "TJK": 702, "TKM": 701, "UZB": 704, "AZE": 373, "RUS": 365}
BSV_COLUMNS = [
    "ccode",
    "iso3c",
    "countryname",
    "year",
    "idealpointfp",
    "idealpointall",
    "idealpointlegacy",
    "nvotesfp",
    "qofp",
    "q5fp",
    "q10fp",
    "q50fp",
    "q90fp",
    "q95fp",
    "q100fp",
    "nvotesall",
    "qoall",
    "q5all",
    "q10all",
    "q50all",
    "q90all",
    "q95all",
    "q100all",
    "nvotesLegacy",
]


def test_local_level_separates_level_and_noise() -> None:
    rng = np.random.default_rng(4)
    level = np.cumsum(rng.normal(0, 0.02, 60))
    noisy = F.local_level(level + rng.normal(0, 0.3, 60))
    assert noisy.r > 10 * noisy.q
    walk = F.local_level(np.cumsum(rng.normal(0, 0.3, 60)))
    assert walk.q > walk.r
    mean, sd1 = walk.predict(1)
    assert walk.predict(5)[1] > sd1 and walk.predict(5)[0] == mean
    assert F.local_level(level) == F.local_level(level)  # deterministic
    with pytest.raises(steppe.IndicatorError):
        F.local_level([1.0, float("nan"), 2.0])


def test_baselines_by_hand() -> None:
    # changes 1, -1, 1: sd (ddof 1) = sqrt(4/3); spread at h = 4 doubles it
    assert F.persistence([0.0, 1.0, 0.0, 1.0], 4) == pytest.approx((1.0, 2 * np.sqrt(4 / 3)))
    mean, sd = F.linear_trend([0, 1, 2, 3], [0.0, 1.0, 1.0, 2.0], 4)
    slope, icept = np.polyfit([0, 1, 2, 3], [0.0, 1.0, 1.0, 2.0], 1)
    assert mean == pytest.approx(icept + 4 * slope)
    s = np.sqrt(((np.array([0, 1, 1, 2]) - (icept + slope * np.arange(4))) ** 2).sum() / 2)
    assert sd == pytest.approx(s * np.sqrt(1 + 1 / 4 + (4 - 1.5) ** 2 / 5))


def test_crps_normal_from_scoringrules_matches_the_integral() -> None:
    # CRPS(F, y) = integral of (F(x) - 1{x >= y})^2 dx (Gneiting & Raftery 2007)
    for y, mu, sigma in ((0.3, 0.0, 1.0), (-1.2, 0.5, 0.2)):
        cdf = norm(mu, sigma).cdf
        below = quad(lambda x, f=cdf: f(x) ** 2, -np.inf, y)[0]
        above = quad(lambda x, f=cdf: (1 - f(x)) ** 2, y, np.inf)[0]
        assert float(sr.crps_normal(y, mu, sigma)) == pytest.approx(below + above, rel=1e-6)


def _synthetic(store: steppe.Store, path: Path, seed: int) -> None:
    """BSV = a slow level plus yearly noise; Steppe's series = the level on another scale."""
    rng = np.random.default_rng(seed)
    rows = []
    with store.transaction() as con:
        for code, cow in COW.items():
            level = rng.normal(0, 0.5) + np.cumsum(rng.normal(0, 0.03, 33))
            for i, year in enumerate(range(1992, 2025)):
                bsv = level[i] + rng.normal(0, 0.15)
                rows.append([cow, code, code, year] + [bsv] * 3 + [50] + [bsv] * 7 + [60])
                rows[-1] += [bsv] * 7 + [60]
                if year <= 2019:
                    con.execute(
                        "INSERT INTO indicators (name, actor, partner, period, period_start, "
                        "value, n, method, computed_at) VALUES ('ideal_point', ?, NULL, ?, "
                        "make_date(?, 1, 1), ?, 60, 'test', ?)",
                        [code, str(year), year, (level[i] - 0.1) / 1.2, datetime.now()],
                    )
    with path.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(BSV_COLUMNS)
        writer.writerows(rows)


def test_forecast_and_back_test(store: steppe.Store, tmp_path: Path) -> None:
    bsv = tmp_path / "bsv.csv"
    _synthetic(store, bsv, seed=8)
    rows = F.forecast_alignment(store, horizon=3)
    assert {r.actor for r in rows} == set(steppe.FOCAL_STATES)
    kaz = [r for r in rows if r.actor == "KAZ"]
    assert [(r.year, r.horizon) for r in kaz] == [(2020, 1), (2021, 2), (2022, 3)]
    assert all(r.lo < r.mean < r.hi and r.n == 28 for r in kaz)
    assert kaz[0].sd < kaz[2].sd
    assert F.forecast_alignment(store, until=2010)[0].year == 2011
    result = F.eval_forecast(store, bsv, train_until=2019, refit=False)
    assert result["years"] == [2020, 2024] and result["mapping"]["slope"] == pytest.approx(
        1.2, abs=0.2
    )
    scores = result["scores"]
    assert {m: s["n"] for m, s in scores.items()} == {"model": 30, "persistence": 30, "trend": 30}
    # BSV here is a slow level plus noise: smoothing the level beats the noisy last value
    assert scores["model"]["crps"] < scores["persistence"]["crps"]
    assert 0.7 <= scores["model"]["coverage"] <= 1.0
    assert result["crps_ratio_to_persistence"] == pytest.approx(
        scores["model"]["crps"] / scores["persistence"]["crps"]
    )
    assert all(r["year"] > 2019 for r in result["forecasts"])
    with pytest.raises(steppe.IndicatorError, match="run 'steppe measure'"):
        F.eval_forecast(steppe.Store(":memory:"), bsv, refit=False)
    with pytest.raises(steppe.IndicatorError, match="no UN votes"):
        F.eval_forecast(steppe.Store(":memory:"), bsv)
    with pytest.raises(steppe.IndicatorError, match="horizon"):
        F.forecast_alignment(store, horizon=0)


@pytest.mark.shared
def test_back_test_against_bsv(shared: Path) -> None:
    """The README figures: bundled UN votes, ideal points refitted to 2019, BSV 2020-2024."""
    from steppe.ingest.reference import bundled_unvotes, ingest_reference

    with steppe.Store(":memory:") as s:
        steppe.install_registry(s)
        ingest_reference(s, "unvotes", bundled_unvotes())
        bsv = shared / "unga_ideal_points_bsv" / "IdealpointsJuly2025.csv"
        result = F.eval_forecast(s, bsv, train_until=2019)
    scores = result["scores"]
    assert scores["model"]["n"] == scores["persistence"]["n"] >= 24
    assert result["crps_ratio_to_persistence"] <= 0.9
    assert 0.85 <= scores["model"]["coverage"] <= 0.95
