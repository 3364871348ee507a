"""Steppe's own one-dimensional UN General Assembly ideal points per country and year.

Model (a dynamic linear item-response model; Steppe's own fit, no published estimates used):
each vote is scored :math:`y_{ij}` = 1 yes, 0.5 abstain, 0 no, and

.. math:: y_{ij} = \\alpha_j + \\beta_j x_{i,t(j)} + \\varepsilon_{ij}

with roll-call intercept :math:`\\alpha_j` (how popular the motion is), discrimination
:math:`\\beta_j` (how strongly it splits the assembly along the dimension) and country *i*'s
ideal point :math:`x_{i,t}` in the roll call's calendar year *t*. Ideal points follow a random
walk across years — the penalty :math:`\\lambda \\sum_t (x_{i,t} - x_{i,t-1})^2` — which bridges
the years the way Martin & Quinn (2002) and Bailey, Strezhnev & Voeten (2017) let preferences
evolve slowly while the agenda changes; a weak prior :math:`\\varepsilon x^2` keeps it proper.

Fit: penalised least squares by alternating maximisation. Given the ideal points, each roll
call's :math:`(\\alpha_j, \\beta_j)` is a least-squares line; given the roll calls, each
country's whole series solves one (T x T, tridiagonal) linear system. After each round the ideal
points are standardised (mean 0, sd 1 over country-years) and oriented so that the United
States is positive, as in BSV's scale. Start: each year's first principal component of the
centred votes, with a small seeded jitter (``seed``), so the same seed gives the same estimates.

This is a least-squares (quadratic-loss) relative of the ordered-probit IRT of Bailey,
Strezhnev & Voeten (2017): Bailey, M. A., Strezhnev, A. & Voeten, E. (2017) "Estimating dynamic
state preferences from United Nations voting data", JCR 61(2); Martin, A. D. & Quinn, K. M.
(2002) "Dynamic ideal point estimation via MCMC for the US Supreme Court", Political Analysis
10(2). :func:`eval_ideal_points` compares it with BSV's published estimates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from steppe.domain.codes import FOCAL_STATES
from steppe.domain.errors import IndicatorError
from steppe.store import Store

SCORES = np.array([np.nan, 1.0, 0.5, 0.0])
"""Vote code (1 yes, 2 abstain, 3 no) -> score on the yes = 1 scale."""


@dataclass(frozen=True)
class IdealPointFit:
    """Fitted ideal points: ``x[c, t]`` for ``countries[c]`` and ``years[t]``, ``observed``
    where the country voted that year (``n`` votes)."""

    countries: tuple[str, ...]
    years: tuple[int, ...]
    x: np.ndarray
    n: np.ndarray
    iterations: int

    def table(self) -> pa.Table:
        """``country, year, ideal_point, n`` for observed country-years."""
        c, t = np.nonzero(self.n)
        return pa.table(
            {
                "country": pa.array([self.countries[i] for i in c], pa.string()),
                "year": pa.array(np.asarray(self.years)[t].astype(np.int32)),
                "ideal_point": pa.array(self.x[c, t]),
                "n": pa.array(self.n[c, t].astype(np.int64)),
            }
        )


def fit_ideal_points(
    country: np.ndarray,
    year: np.ndarray,
    rollcall: np.ndarray,
    vote: np.ndarray,
    *,
    smoothing: float = 2.0,
    prior: float = 0.01,
    iterations: int = 60,
    seed: int = 0,
    anchor: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Fit the dynamic model to parallel arrays (country index, year index, roll-call index,
    vote 1/2/3); return ``(x, n)``, both countries x years. ``anchor`` is the country index
    whose mean ideal point is made positive.

    >>> rng = np.random.default_rng(0)
    >>> truth = np.linspace(-1.5, 1.5, 12)                 # 12 countries, 1 year, 40 votes
    >>> cut = rng.normal(0, 1, 40)
    >>> c, r = np.meshgrid(np.arange(12), np.arange(40), indexing="ij")
    >>> v = np.where(truth[c] > cut[r], 1, 3).ravel()
    >>> x, n = fit_ideal_points(c.ravel(), np.zeros(480, int), r.ravel(), v, anchor=11)
    >>> bool(np.corrcoef(x[:, 0], truth)[0, 1] > 0.95)
    True
    """
    n_c, n_t, n_r = int(country.max()) + 1, int(year.max()) + 1, int(rollcall.max()) + 1
    y = SCORES[vote]
    rc_year = np.zeros(n_r, dtype=int)
    rc_year[rollcall] = year
    n = np.zeros((n_c, n_t))
    np.add.at(n, (country, year), 1.0)
    seen = n > 0
    x = _initial(country, year, rollcall, y, n_c, n_t, n_r, seed)
    lap = np.zeros((n_t, n_t))
    if n_t > 1:
        idx = np.arange(n_t - 1)
        lap[idx, idx] += 1
        lap[idx + 1, idx + 1] += 1
        lap[idx, idx + 1] -= 1
        lap[idx + 1, idx] -= 1
    for _ in range(iterations):
        xi = x[country, year]
        # roll calls: least-squares line of y on x among the voters
        w = np.bincount(rollcall, minlength=n_r).astype(float)
        mx = np.bincount(rollcall, xi, n_r) / np.maximum(w, 1)
        my = np.bincount(rollcall, y, n_r) / np.maximum(w, 1)
        dx = xi - mx[rollcall]
        sxx = np.bincount(rollcall, dx * dx, n_r)
        beta = np.bincount(rollcall, dx * (y - my[rollcall]), n_r) / np.maximum(sxx, 1e-9)
        alpha = my - beta * mx
        # countries: one penalised linear system per country series
        b = beta[rollcall]
        a_diag = np.zeros((n_c, n_t))
        np.add.at(a_diag, (country, year), b * b)
        rhs = np.zeros((n_c, n_t))
        np.add.at(rhs, (country, year), b * (y - alpha[rollcall]))
        system = smoothing * lap[None, :, :] + np.eye(n_t)[None] * prior
        system = system + a_diag[:, :, None] * np.eye(n_t)[None]
        x = np.linalg.solve(system, rhs[:, :, None])[:, :, 0]
        mean, sd = x[seen].mean(), x[seen].std()
        x = (x - mean) / (sd if sd > 0 else 1.0)
    if anchor is not None and x[anchor][seen[anchor]].mean() < 0:
        x = -x
    return x, n


def _initial(
    country: np.ndarray,
    year: np.ndarray,
    rollcall: np.ndarray,
    y: np.ndarray,
    n_c: int,
    n_t: int,
    n_r: int,
    seed: int,
) -> np.ndarray:
    """Each year's first principal component of the roll-call-centred votes (missing = 0),
    signs chained so that consecutive years agree, plus a small seeded jitter."""
    rng = np.random.default_rng(seed)
    mean = np.bincount(rollcall, y, n_r) / np.maximum(np.bincount(rollcall, minlength=n_r), 1)
    x = np.zeros((n_c, n_t))
    for t in range(n_t):
        pick = year == t
        if not pick.any():
            continue
        cols, inv = np.unique(rollcall[pick], return_inverse=True)
        m = np.zeros((n_c, len(cols)))
        m[country[pick], inv] = y[pick] - mean[rollcall[pick]]
        u = np.linalg.svd(m, full_matrices=False)[0][:, 0]
        if t and float(u @ x[:, t - 1]) < 0:
            u = -u
        x[:, t] = u * np.sqrt(n_c)
    return x + rng.normal(0.0, 0.01, x.shape)


def estimate_ideal_points(
    store: Store,
    first: int = 1946,
    last: int = 2019,
    *,
    smoothing: float = 2.0,
    iterations: int = 60,
    seed: int = 0,
    bridge: bool = False,
) -> IdealPointFit:
    """Fit :func:`fit_ideal_points` to the store's UN votes from ``first`` to ``last``.

    With ``bridge``, roll calls whose description text is identical (the same resolution voted
    again in later years) share one set of item parameters — the bridging of Bailey, Strezhnev
    & Voeten (2017) that puts different years on one scale."""
    item = "coalesce(r.descr, '') || '#' || coalesce(r.short, '')" if bridge else "v.rcid"
    with store._lock:
        tbl = store.con.sql(
            f"SELECT v.country, year(r.date) AS year, {item} AS rcid, v.vote FROM votes v "
            "JOIN rollcalls r USING (rcid) WHERE year(r.date) BETWEEN ? AND ?",
            params=[first, last],
        ).to_arrow_table()
    if not tbl.num_rows:
        raise IndicatorError("no UN votes in the store: run ingest_reference(store, 'unvotes')")
    names, c = np.unique(np.asarray(tbl.column("country").to_pylist()), return_inverse=True)
    years_raw = tbl.column("year").to_numpy()
    years = np.arange(int(years_raw.min()), int(years_raw.max()) + 1)
    _, r = np.unique(np.asarray(tbl.column("rcid").to_pylist()), return_inverse=True)
    anchor = int(np.flatnonzero(names == "USA")[0]) if "USA" in names else None
    x, n = fit_ideal_points(
        c,
        years_raw - years[0],
        r,
        tbl.column("vote").to_numpy().astype(np.int64),
        smoothing=smoothing,
        iterations=iterations,
        seed=seed,
        anchor=anchor,
    )
    return IdealPointFit(
        tuple(str(s) for s in names), tuple(int(y) for y in years), x, n, iterations
    )


def compute_ideal_points(store: Store, first: int = 1946, last: int = 2019, seed: int = 0) -> int:
    """Estimate ideal points and replace the ``ideal_point`` rows of ``indicators`` (actor =
    country, period = year, n = votes). Returns the rows written."""
    fit = estimate_ideal_points(store, first, last, seed=seed)
    tbl = fit.table()
    now = datetime.now()
    with store.transaction() as con:
        con.execute("DELETE FROM indicators WHERE name = 'ideal_point'")
        con.register("_steppe_ip", tbl)
        try:
            con.execute(
                "INSERT INTO indicators (name, actor, partner, period, period_start, value, lo, "
                "hi, n, method, computed_at) SELECT 'ideal_point', country, NULL, "
                "CAST(year AS VARCHAR), make_date(year, 1, 1), ideal_point, NULL, NULL, n, ?, ? "
                "FROM _steppe_ip",
                [f"dynamic linear IRT, random-walk smoothing; seed {seed}", now],
            )
        finally:
            con.unregister("_steppe_ip")
    return int(tbl.num_rows)


def pearson(a: np.ndarray, b: np.ndarray) -> float:
    """Pearson's r (NaN for fewer than 3 pairs or no variance).

    >>> pearson(np.array([1.0, 2, 3]), np.array([2.0, 4, 7]))
    0.9933992677987828
    """
    if len(a) < 3 or a.std() == 0 or b.std() == 0:
        return float("nan")
    return float(np.corrcoef(a, b)[0, 1])


def eval_ideal_points(
    store: Store,
    bsv_path: str | Path,
    variant: str = "all",
    seed: int = 0,
    fit: IdealPointFit | None = None,
) -> dict[str, Any]:
    """Compare Steppe's ideal points with Bailey-Strezhnev-Voeten's published estimates
    (``variant`` ``all``, ``fp`` or ``legacy``): Pearson r over every common country-year and
    within each focal state's series. Targets: 0.95 overall, 0.90 within each focal state."""
    from steppe.ingest.reference import _load_bsv

    fit = fit or estimate_ideal_points(store, seed=seed)
    bsv = _load_bsv(Path(bsv_path), "eval").tables["ideal_points_reference"]
    ref = {
        (c, y): v
        for c, y, var, v in zip(
            *(bsv.column(k).to_pylist() for k in ("country", "year", "variant", "ideal_point")),
            strict=True,
        )
        if var == variant
    }
    ours = fit.table()
    pairs = [
        (c, y, p, ref[(c, y)])
        for c, y, p in zip(
            *(ours.column(k).to_pylist() for k in ("country", "year", "ideal_point")),
            strict=True,
        )
        if (c, y) in ref
    ]
    if not pairs:
        raise IndicatorError("no country-year in common with the BSV file")
    arr = np.array([(p, r) for _, _, p, r in pairs])
    within = {}
    for state in FOCAL_STATES:
        sel = np.array([c == state for c, _, _, _ in pairs])
        within[state] = pearson(arr[sel, 0], arr[sel, 1]) if sel.any() else float("nan")
    return {
        "variant": variant,
        "country_years": len(pairs),
        "r_overall": pearson(arr[:, 0], arr[:, 1]),
        "r_within": within,
        "targets_met": bool(
            pearson(arr[:, 0], arr[:, 1]) >= 0.95 and all(v >= 0.90 for v in within.values())
        ),
    }
