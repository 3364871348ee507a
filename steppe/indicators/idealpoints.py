"""Steppe's own one-dimensional UN General Assembly ideal points per country and year.

Model (a dynamic ordered-logit item-response model; Steppe's own fit, no published estimates
used): each vote is ordered no < abstain < yes and

.. math:: P(y_{ij} \\le k) = \\sigma(\\tau_{jk} - \\beta_j x_{i,t(j)}), \\quad k = no, abstain

with the logistic :math:`\\sigma`, two cutpoints per roll call
(:math:`\\tau_{j,abstain} = \\tau_{j,no} + e^{\\delta_j}`, so they stay ordered),
discrimination :math:`\\beta_j` and country *i*'s ideal point :math:`x_{i,t}` in the roll
call's calendar year *t*. Ideal points follow a Gaussian random walk across the years between
a country's first and last vote — the penalty :math:`\\frac{\\lambda}{2} \\sum_t
(x_{i,t} - x_{i,t-1})^2` with :math:`\\lambda` = ``smoothing`` — so sparse years borrow
strength from their neighbours and the years are linked the way Martin & Quinn (2002) and
Bailey, Strezhnev & Voeten (2017) let preferences evolve slowly while the agenda changes.
Priors: :math:`x \\sim N(0, 1/\\text{prior})` (sets the scale), :math:`\\beta_j \\sim
N(0, 5^2)`, :math:`\\tau_{j,no} \\sim N(0, 5^2)`, :math:`\\delta_j \\sim N(0, 2^2)`.

Fit: the joint posterior mode (all ideal points and roll-call parameters at once) by L-BFGS
(SciPy) with the analytic gradient, started from each year's first principal component of the
centred votes (signs chained across years) plus a small seeded jitter (``seed``), so the same
seed gives the same estimates. Afterwards the ideal points are standardised (mean 0, sd 1 over
observed country-years) and oriented so that the ``anchor`` (the United States) is positive,
as in BSV's scale. The logit link (instead of BSV's probit) changes the scale, not the order.

Bridging by identical roll-call text (shared item parameters across years) was tried and made
the fit worse against BSV (see ``docs/alignment.md``); the years are linked by the random walk.

References: Bailey, M. A., Strezhnev, A. & Voeten, E. (2017) "Estimating dynamic state
preferences from United Nations voting data", JCR 61(2); Martin, A. D. & Quinn, K. M. (2002)
"Dynamic ideal point estimation via MCMC for the US Supreme Court", Political Analysis 10(2).
:func:`eval_ideal_points` compares Steppe's estimates with BSV's published ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
from scipy.optimize import minimize
from scipy.special import expit, log_expit

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
    smoothing: float = 150.0,
    prior: float = 1.0,
    iterations: int = 250,
    seed: int = 0,
    anchor: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Fit the dynamic ordered-logit model to parallel arrays (country index, year index,
    roll-call index, vote 1 yes / 2 abstain / 3 no); return ``(x, n)``, both countries x years
    (``x`` standardised over observed cells, NaN outside a country's first-to-last voting
    year; ``n`` votes). ``anchor`` is the country index whose mean ideal point is made
    positive; ``iterations`` bounds the L-BFGS iterations.

    >>> rng = np.random.default_rng(0)
    >>> truth = np.linspace(-1.5, 1.5, 12)                 # 12 countries, 1 year, 40 votes
    >>> cut = rng.normal(0, 1, 40)
    >>> c, r = np.meshgrid(np.arange(12), np.arange(40), indexing="ij")
    >>> v = np.where(truth[c] > cut[r], 1, 3).ravel()
    >>> x, n = fit_ideal_points(c.ravel(), np.zeros(480, int), r.ravel(), v, anchor=11)
    >>> bool(np.corrcoef(x[:, 0], truth)[0, 1] > 0.95)
    True
    """
    if not len(vote):
        raise IndicatorError("no votes to fit")
    if not np.isin(vote, (1, 2, 3)).all():
        raise IndicatorError("votes must be 1 (yes), 2 (abstain) or 3 (no)")
    n_c, n_t, n_r = int(country.max()) + 1, int(year.max()) + 1, int(rollcall.max()) + 1
    n = np.zeros((n_c, n_t))
    np.add.at(n, (country, year), 1.0)
    seen = n > 0
    span = np.arange(n_t)[None, :]
    first = np.argmax(seen, axis=1)[:, None]
    last = n_t - 1 - np.argmax(seen[:, ::-1], axis=1)[:, None]
    active = (span >= first) & (span <= last)
    cell = np.full((n_c, n_t), -1)
    cell[active] = np.arange(int(active.sum()))
    n_x = int(active.sum())
    linked = active[:, 1:] & active[:, :-1]
    later, earlier = cell[:, 1:][linked], cell[:, :-1][linked]
    x0 = _initial(country, year, rollcall, SCORES[vote], n_c, n_t, n_r, seed)[active]
    theta = np.concatenate([x0, np.full(n_r, 0.5), np.full(n_r, -0.5), np.zeros(n_r)])
    objective = _Posterior(
        cell[country, year], rollcall, vote, (later, earlier), n_x, n_r, smoothing, prior
    )
    res = minimize(
        objective, theta, jac=True, method="L-BFGS-B", options={"maxiter": iterations, "maxcor": 20}
    )
    x = np.full((n_c, n_t), np.nan)
    x[active] = res.x[:n_x]
    x = (x - x[seen].mean()) / (x[seen].std() or 1.0)
    if anchor is not None and x[anchor][seen[anchor]].mean() < 0:
        x = -x
    return x, n


class _Posterior:
    """Negative log posterior of the ordered-logit model and its gradient in
    ``theta = (x over active cells, beta, tau_no, log gap)``."""

    def __init__(
        self,
        cell: np.ndarray,
        item: np.ndarray,
        vote: np.ndarray,
        links: tuple[np.ndarray, np.ndarray],
        n_x: int,
        n_r: int,
        smoothing: float,
        prior: float,
    ) -> None:
        order = np.argsort(-vote, kind="stable")  # no (3), abstain (2), yes (1)
        self.cell, self.item = cell[order], item[order]
        ranked = 3 - vote[order]
        self.s1, self.s2 = int(np.searchsorted(ranked, 1)), int(np.searchsorted(ranked, 2))
        self.n_x, self.n_r, self.smoothing, self.prior = n_x, n_r, smoothing, prior
        self.later, self.earlier = links  # active cells (t, t - 1) of one country

    def __call__(self, theta: np.ndarray) -> tuple[float, np.ndarray]:
        n_x, n_r, s1, s2 = self.n_x, self.n_r, self.s1, self.s2
        x, beta = theta[:n_x], theta[n_x : n_x + n_r]
        tau, logap = theta[n_x + n_r : n_x + 2 * n_r], theta[n_x + 2 * n_r :]
        gap = np.exp(logap)
        it, vc = self.item, self.cell
        eta = beta[it] * x[vc]
        up0 = tau[it[:s1]] - eta[:s1]  # no: P = sigma(tau_no - eta)
        d_no = expit(-up0)
        i1 = it[s1:s2]  # abstain: sigma(tau_abs - eta) - sigma(tau_no - eta)
        lo1, g = tau[i1] - eta[s1:s2], gap[i1]
        up1 = lo1 + g
        inv = 1.0 / np.expm1(g)
        d_up1, d_lo1 = expit(-up1) + inv, -expit(lo1) - inv
        lo2 = tau[it[s2:]] + gap[it[s2:]] - eta[s2:]  # yes: 1 - sigma(tau_abs - eta)
        d_yes = -expit(lo2)
        loglik = (
            log_expit(up0).sum()
            + (log_expit(up1) + log_expit(-lo1) + np.log(-np.expm1(-g))).sum()
            + log_expit(-lo2).sum()
        )
        d_tau = np.concatenate([d_no, d_up1 + d_lo1, d_yes])
        d_abs = np.concatenate([np.zeros(s1), d_up1, d_yes])
        d_eta = -d_tau
        diff = x[self.later] - x[self.earlier]
        pull = self.smoothing * diff
        logpost = (
            loglik
            - 0.5 * float(pull @ diff)
            - 0.5 * self.prior * float(x @ x)
            - 0.5 * float(beta @ beta) / _BETA_VAR
            - 0.5 * float(tau @ tau) / _TAU_VAR
            - 0.5 * float(logap @ logap) / _GAP_VAR
        )
        g_x = (
            np.bincount(vc, d_eta * beta[it], n_x)
            - self.prior * x
            - np.bincount(self.later, pull, n_x)
            + np.bincount(self.earlier, pull, n_x)
        )
        g_beta = np.bincount(it, d_eta * x[vc], n_r) - beta / _BETA_VAR
        g_tau = np.bincount(it, d_tau, n_r) - tau / _TAU_VAR
        g_gap = np.bincount(it, d_abs, n_r) * gap - logap / _GAP_VAR
        return -float(logpost), -np.concatenate([g_x, g_beta, g_tau, g_gap])


_BETA_VAR, _TAU_VAR, _GAP_VAR = 25.0, 25.0, 4.0
"""Prior variances of the discrimination, the first cutpoint and the log gap between the two."""


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
    smoothing: float = 150.0,
    iterations: int = 250,
    seed: int = 0,
) -> IdealPointFit:
    """Fit :func:`fit_ideal_points` to the store's UN votes from ``first`` to ``last`` (one
    item per roll call; ≈ 15 s on one core for 1946-2019)."""
    with store._lock:
        tbl = store.con.sql(
            "SELECT v.country, year(r.date) AS year, v.rcid, v.vote FROM votes v "
            "JOIN rollcalls r USING (rcid) WHERE year(r.date) BETWEEN ? AND ? "
            # a join's row order varies between runs; the fit's sums, and so its stopping
            # point, must not
            "ORDER BY v.rcid, v.country",
            params=[first, last],
        ).to_arrow_table()
    if not tbl.num_rows:
        raise IndicatorError("no UN votes in the store: run ingest_reference(store, 'unvotes')")
    names, c = np.unique(np.asarray(tbl.column("country").to_pylist()), return_inverse=True)
    years_raw = tbl.column("year").to_numpy()
    years = np.arange(int(years_raw.min()), int(years_raw.max()) + 1)
    _, r = np.unique(tbl.column("rcid").to_numpy(), return_inverse=True)
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
                [
                    f"dynamic ordered-logit IRT, random walk 150, MAP (L-BFGS); seed {seed}",
                    now,
                ],
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
    from steppe.ingest.reference import read_bsv

    fit = fit or estimate_ideal_points(store, seed=seed)
    bsv = read_bsv(bsv_path)
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
