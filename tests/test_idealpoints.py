"""Steppe's own ideal points: recovery on synthetic votes, determinism, validation vs BSV."""

from __future__ import annotations

from pathlib import Path

import numpy as np

import steppe
from steppe.indicators import idealpoints as I
from steppe.ingest.reference import bundled_unvotes, ingest_reference


def _synthetic(seed: int) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    truth = np.linspace(-1.5, 1.5, 15)[:, None] + np.linspace(0, 0.5, 4)[None, :]  # 4 years
    rows = []
    for t in range(4):
        for r in range(30):
            cut, rc = rng.normal(0, 1), t * 30 + r
            for c in range(15):
                p = truth[c, t] - cut + rng.normal(0, 0.3)
                rows.append((c, t, rc, 1 if p > 0.2 else (2 if p > -0.2 else 3)))
    arr = np.array(rows)
    return truth, arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3]


def test_recovers_synthetic_ideal_points() -> None:
    truth, c, t, r, v = _synthetic(4)
    x, n = I.fit_ideal_points(c, t, r, v, anchor=14, iterations=100)
    assert I.pearson(x.ravel(), truth.ravel()) > 0.95
    assert (n == 30).all()


def test_same_seed_same_estimates() -> None:
    _, c, t, r, v = _synthetic(5)
    a = I.fit_ideal_points(c, t, r, v, seed=3, iterations=10)[0]
    b = I.fit_ideal_points(c, t, r, v, seed=3, iterations=10)[0]
    assert np.array_equal(a, b)


def test_store_and_eval_against_bsv(store: steppe.Store, shared: Path) -> None:
    ingest_reference(store, "unvotes", bundled_unvotes())
    fit = I.estimate_ideal_points(store, 1992, 2019, iterations=150)
    assert fit.x[fit.countries.index("USA")][0] > 0
    result = I.eval_ideal_points(
        store, shared / "unga_ideal_points_bsv/IdealpointsJuly2025.csv", fit=fit
    )
    assert result["country_years"] > 4000
    assert result["r_overall"] > 0.8
    assert min(result["r_within"].values()) > 0.8


def test_the_fit_does_not_depend_on_the_votes_row_order(tmp_path: Path) -> None:
    import shutil

    a_path, b_path = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    with steppe.Store(a_path) as a:
        ingest_reference(a, "unvotes", bundled_unvotes())
    shutil.copy(a_path, b_path)
    with steppe.Store(b_path) as b, b.transaction() as con:  # the same votes, shuffled
        con.execute("SELECT setseed(0.5)")
        con.execute("CREATE TEMP TABLE shuffled AS SELECT * FROM votes ORDER BY random()")
        con.execute("DELETE FROM votes")
        con.execute("INSERT INTO votes SELECT * FROM shuffled")
    fits = []
    for path in (a_path, b_path):
        with steppe.Store(path, read_only=True) as s:
            fits.append(I.estimate_ideal_points(s, 2016, 2019, iterations=40))
    assert np.array_equal(fits[0].x, fits[1].x, equal_nan=True)
