"""Forecasts of the focal states' alignment, and their back-test (the ViEWS way).

**Model** (:func:`local_level`): a local-level model (random walk plus noise; Harvey 1989) per
state — level ``μ_t = μ_{t−1} + w_t``, ``w ~ N(0, q)``; observed ``y_t = μ_t + v_t``,
``v ~ N(0, r)`` — with ``q`` and ``r`` fitted by maximum likelihood (Kalman filter, Nelder–Mead
from three starting ratios; deterministic). The ``h``-year-ahead predictive distribution is
normal with mean the filtered last level and variance ``P_T + h·q + r``. Series: a yearly
indicator per focal state from ``indicators`` (``ideal_point`` by default; ``split_vote`` with
a partner once computed), rows flagged ``sparse`` left out.

**Back-test** (:func:`eval_forecast`): train on years up to ``train_until`` (2019) and score
the forecasts of the next years (2020–2024) against Bailey–Strezhnev–Voeten's ideal points.
Steppe's ideal points, estimated afresh from the UN votes up to ``train_until`` (the stored
ones are smoothed with later votes), are put on BSV's scale by OLS of BSV on Steppe over every
country-year up to ``train_until`` (nothing later). BSV's yearly estimates scatter more than
Steppe's smoothed ones, so the model's forecast of a BSV value adds the state's calibration on
the training years: the mean of BSV − mapped Steppe over the last :data:`CALIBRATION_YEARS`
training years (an offset) and the variance of that difference over all training years
(observation noise).
Baselines, both probabilistic and both on BSV's own training series (the target's history):

- ``persistence``: a random walk from the last training value with spread ``sd(Δy)·√h``, the
  state's historical year-to-year change;
- ``trend``: an OLS linear trend with its prediction spread (residual sd with the usual
  parameter-uncertainty term).

Scores: CRPS of the normal predictive distribution (``scoringrules.crps_normal``; Gneiting &
Raftery 2007) and the coverage of the central 90 % interval, over every state-year with a BSV
value. Targets: CRPS ≤ 0.9 × persistence; coverage 0.85–0.95.

References: Hegre, H. et al. (2019) "ViEWS: a political violence early-warning system", JPR
56(2); Harvey, A. C. (1989) *Forecasting, structural time series models and the Kalman filter*;
Gneiting, T. & Raftery, A. E. (2007) "Strictly proper scoring rules, prediction, and
estimation", JASA 102(477).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize
from scipy.stats import norm

from steppe.domain.codes import FOCAL_STATES
from steppe.domain.errors import IndicatorError
from steppe.store import Store

CALIBRATION_YEARS = 5
"""Training years whose mean BSV − Steppe difference sets a state's offset in the back-test."""

MIN_YEARS = 8
"""Fewest training years a series needs to be forecast."""

LEVEL = 0.9
"""Central predictive interval reported and scored."""


@dataclass(frozen=True)
class LocalLevel:
    """A fitted local-level model: last filtered ``level`` with variance ``p``; level noise
    ``q`` and observation noise ``r`` (variances); ``n`` observations."""

    level: float
    p: float
    q: float
    r: float
    n: int

    def predict(self, h: int) -> tuple[float, float]:
        """Mean and sd ``h`` steps ahead."""
        return self.level, float(np.sqrt(self.p + h * self.q + self.r))


@dataclass(frozen=True)
class Forecast:
    """One predictive distribution: normal(``mean``, ``sd``) with its 90 % interval."""

    actor: str
    partner: str | None
    indicator: str
    year: int
    horizon: int
    mean: float
    sd: float
    lo: float
    hi: float
    method: str
    n: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _filter(y: np.ndarray, q: float, r: float) -> tuple[float, float, float]:
    level, p, loglik = float(y[0]), r, 0.0
    for obs in y[1:]:
        p += q
        f = p + r
        v = float(obs) - level
        loglik -= 0.5 * (np.log(2 * np.pi * f) + v * v / f)
        k = p / f
        level += k * v
        p *= 1 - k
    return level, p, loglik


def local_level(values: Sequence[float] | np.ndarray) -> LocalLevel:
    """Fit the local-level model by maximum likelihood (the first value initialises the level).

    >>> rng = np.random.default_rng(1)
    >>> y = np.cumsum(rng.normal(0, 0.05, 40)) + rng.normal(0, 0.2, 40)
    >>> m = local_level(y)
    >>> m.r > m.q  # mostly noise around a slow level
    True
    """
    y = np.asarray(values, dtype=float)
    if y.ndim != 1 or len(y) < 3 or not np.isfinite(y).all():
        raise IndicatorError("a local-level fit needs at least 3 finite values")
    scale = float(np.var(np.diff(y))) or 1e-6
    floor = 1e-6 * scale

    def nll(theta: np.ndarray) -> float:
        q, r = np.exp(theta) + floor
        return -_filter(y, float(q), float(r))[2]

    best = min(
        (
            minimize(nll, np.log([scale * w, scale * (1 - w) / 2]), method="Nelder-Mead")
            for w in (0.2, 0.5, 0.8)
        ),
        key=lambda res: float(res.fun),
    )
    q, r = (float(v) for v in np.exp(best.x) + floor)
    level, p, _ = _filter(y, q, r)
    return LocalLevel(level, p, q, r, len(y))


def persistence(values: Sequence[float] | np.ndarray, h: int) -> tuple[float, float]:
    """Random-walk baseline: the last value, spread ``sd(Δy)·√h``.

    >>> mean, sd = persistence([0.0, 1.0, 0.0, 1.0], 4)  # sd of the changes 1, -1, 1 times 2
    >>> mean, round(sd, 4)
    (1.0, 2.3094)
    """
    y = np.asarray(values, dtype=float)
    return float(y[-1]), float(np.diff(y).std(ddof=1) * np.sqrt(h))


def linear_trend(
    years: Sequence[int] | np.ndarray, values: Sequence[float] | np.ndarray, year: int
) -> tuple[float, float]:
    """OLS trend baseline: the fitted value at ``year`` and its prediction sd
    ``s·√(1 + 1/n + (x₀ − x̄)² / Sxx)``.

    >>> m, s = linear_trend([1, 2, 3, 4], [1.0, 2.0, 3.0, 4.0], 5)
    >>> round(m, 6), round(s, 6)
    (5.0, 0.0)
    """
    t = np.asarray(years, dtype=float)
    y = np.asarray(values, dtype=float)
    slope, icept = np.polyfit(t, y, 1)
    resid = y - (icept + slope * t)
    s = float(np.sqrt((resid**2).sum() / (len(y) - 2)))
    sxx = float(((t - t.mean()) ** 2).sum())
    spread = s * np.sqrt(1 + 1 / len(t) + (year - t.mean()) ** 2 / sxx)
    return float(icept + slope * year), float(spread)


def _interval(mean: float, sd: float) -> tuple[float, float]:
    a = (1 - LEVEL) / 2
    if sd <= 0:
        return mean, mean
    lo, hi = norm.ppf([a, 1 - a], mean, sd)
    return float(lo), float(hi)


def yearly_series(
    store: Store, indicator: str, actor: str, partner: str | None = None, until: int | None = None
) -> tuple[list[int], list[float]]:
    """A yearly indicator series of one actor (sparse rows left out), optionally up to
    ``until``."""
    has = {
        r["column_name"]
        for r in store.query(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'indicators'"
        )
    }
    extra = ("AND NOT coalesce(sparse, false) " if "sparse" in has else "") + (
        "AND coalesce(freq, 'year') = 'year' " if "freq" in has else ""
    )
    rows = store.query(
        "SELECT CAST(period AS INTEGER) AS year, avg(value) AS value FROM indicators "
        "WHERE name = ? AND actor = ? AND partner IS NOT DISTINCT FROM ? AND value IS NOT NULL "
        "AND NOT isnan(value) AND regexp_full_match(period, '[0-9]{4}') "
        + extra
        + "AND (? IS NULL OR CAST(period AS INTEGER) <= ?) GROUP BY 1 ORDER BY 1",
        [indicator, actor, partner, until, until],
    )
    return [int(r["year"]) for r in rows], [float(r["value"]) for r in rows]


def forecast_alignment(
    store: Store,
    indicator: str = "ideal_point",
    partner: str | None = None,
    horizon: int = 5,
    until: int | None = None,
    states: Sequence[str] = FOCAL_STATES,
) -> list[Forecast]:
    """Predictive distributions of ``indicator`` for each state 1..``horizon`` years after its
    last year (up to ``until`` when given), from :func:`local_level`. States with fewer than
    :data:`MIN_YEARS` years are skipped. For a share (every value in [0, 1], e.g.
    ``split_vote``) the interval's ends are clipped to [0, 1]. Deterministic.

    >>> with Store(":memory:") as s:
    ...     forecast_alignment(s)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    steppe.domain.errors.IndicatorError: no focal state has 8 years of ideal_point: ...
    """
    if not 1 <= horizon <= 20:
        raise IndicatorError("the horizon must be 1 to 20 years")
    out: list[Forecast] = []
    for state in states:
        years, values = yearly_series(store, indicator, state, partner, until)
        if len(years) < MIN_YEARS:
            continue
        model = local_level(values)
        share = all(0.0 <= v <= 1.0 for v in values)
        for h in range(1, horizon + 1):
            mean, sd = model.predict(h)
            lo, hi = _interval(mean, sd)
            if share:  # a share cannot leave [0, 1]: the interval's ends are clipped
                lo, hi = max(lo, 0.0), min(hi, 1.0)
            out.append(
                Forecast(
                    state,
                    partner,
                    indicator,
                    years[-1] + h,
                    h,
                    mean,
                    sd,
                    lo,
                    hi,
                    f"local level (random walk + noise), ML fit on {years[0]}-{years[-1]}: "
                    f"q={model.q:.3g}, r={model.r:.3g}; normal, 90% interval",
                    len(years),
                )
            )
    if not out:
        raise IndicatorError(
            f"no focal state has {MIN_YEARS} years of {indicator}: run 'steppe measure' first"
        )
    return out


@dataclass(frozen=True)
class Score:
    """Mean CRPS and 90 % coverage of one method over ``n`` state-years."""

    method: str
    crps: float
    coverage: float
    n: int


def _score(rows: list[dict[str, Any]], method: str) -> Score:
    import scoringrules as sr

    mine = [r for r in rows if r["method"] == method]
    if not mine:
        return Score(method, float("nan"), float("nan"), 0)
    obs = np.array([r["observed"] for r in mine])
    mu = np.array([r["mean"] for r in mine])
    sd = np.array([r["sd"] for r in mine])
    crps = np.asarray(sr.crps_normal(obs, mu, sd), dtype=float)
    covered = [r["lo"] <= r["observed"] <= r["hi"] for r in mine]
    return Score(method, float(crps.mean()), float(np.mean(covered)), len(mine))


def eval_forecast(
    store: Store,
    bsv_path: str | Path,
    train_until: int = 2019,
    horizon: int = 5,
    first_year: int = 1992,
    variant: str = "all",
    seed: int = 0,
    refit: bool = True,
) -> dict[str, Any]:
    """Back-test the ideal-point forecast against BSV (module docstring): per method
    (``model``, ``persistence``, ``trend``) mean CRPS and 90 % coverage over the focal
    state-years ``train_until + 1 .. train_until + horizon`` that BSV has, the ratio
    model/persistence, per-horizon scores and every forecast with its outcome. Steppe's ideal
    points are estimated afresh from the store's UN votes up to ``train_until`` only (``seed``),
    so no later vote leaks into the training series through the dynamic model's smoothing;
    ``refit=False`` uses the stored ``ideal_point`` rows up to ``train_until`` instead."""
    from steppe.indicators.idealpoints import estimate_ideal_points
    from steppe.ingest.reference import read_bsv

    table = read_bsv(bsv_path)
    bsv = {
        (c, int(y)): float(v)
        for c, y, var, v in zip(
            *(table.column(k).to_pylist() for k in ("country", "year", "variant", "ideal_point")),
            strict=True,
        )
        if var == variant and v is not None
    }
    if refit:
        fit = estimate_ideal_points(store, last=train_until, seed=seed).table()
        ours = [
            {"actor": c, "year": int(y), "value": float(v)}
            for c, y, v in zip(
                *(fit.column(k).to_pylist() for k in ("country", "year", "ideal_point")),
                strict=True,
            )
        ]
    else:
        ours = store.query(
            "SELECT actor, CAST(period AS INTEGER) AS year, avg(value) AS value FROM indicators "
            "WHERE name = 'ideal_point' AND partner IS NULL AND regexp_full_match(period, "
            "'[0-9]{4}') AND CAST(period AS INTEGER) <= ? GROUP BY ALL",
            [train_until],
        )
    series: dict[str, list[tuple[int, float]]] = {}
    for r in sorted(ours, key=lambda r: (r["actor"], r["year"])):
        series.setdefault(r["actor"], []).append((r["year"], r["value"]))
    pairs = [
        (r["value"], bsv[(r["actor"], r["year"])]) for r in ours if (r["actor"], r["year"]) in bsv
    ]
    if len(pairs) < 30:
        raise IndicatorError(
            f"only {len(pairs)} country-years up to {train_until} in both Steppe's ideal points "
            "and the BSV file: run 'steppe measure' on the UN votes first"
        )
    x, y = (np.array(v) for v in zip(*pairs, strict=True))
    slope, icept = (float(v) for v in np.polyfit(x, y, 1))
    rows: list[dict[str, Any]] = []
    skipped: list[str] = []
    for state in FOCAL_STATES:
        keep = [(t, v) for t, v in series.get(state, []) if t >= first_year]
        target = [(t, bsv[(state, t)]) for t, _ in keep if (state, t) in bsv]
        if len(keep) < MIN_YEARS or len(target) < MIN_YEARS:
            skipped.append(f"{state}: fewer than {MIN_YEARS} training years")
            continue
        mapped = np.array([icept + slope * v for _, v in keep])
        model = local_level(mapped)
        diff = np.array(
            [
                bsv[(state, t)] - m
                for (t, _), m in zip(keep, mapped, strict=True)
                if (state, t) in bsv
            ]
        )
        offset = float(diff[-CALIBRATION_YEARS:].mean())
        noise = float(diff.var(ddof=1))
        t_years = np.array([t for t, _ in target])
        t_values = np.array([v for _, v in target])
        for h in range(1, horizon + 1):
            year = train_until + h
            if (state, year) not in bsv:
                continue
            level, sd = model.predict(h)
            preds = {
                "model": (level + offset, float(np.sqrt(sd**2 + noise))),
                "persistence": persistence(t_values, h),
                "trend": linear_trend(t_years, t_values, year),
            }
            for method, (mean, spread) in preds.items():
                lo, hi = _interval(mean, spread)
                rows.append(
                    {
                        "actor": state,
                        "year": year,
                        "horizon": h,
                        "method": method,
                        "mean": mean,
                        "sd": spread,
                        "lo": lo,
                        "hi": hi,
                        "observed": bsv[(state, year)],
                    }
                )
    scores = {m: _score(rows, m) for m in ("model", "persistence", "trend")}
    by_h = {
        h: {m: asdict(_score([r for r in rows if r["horizon"] == h], m)) for m in scores}
        for h in range(1, horizon + 1)
    }
    ratio = scores["model"].crps / scores["persistence"].crps if scores["persistence"].n else None
    return {
        "train_until": train_until,
        "years": [train_until + 1, train_until + horizon],
        "mapping": {
            "intercept": icept,
            "slope": slope,
            "pairs": len(pairs),
            "r": float(np.corrcoef(x, y)[0, 1]),
        },
        "scores": {m: asdict(s) for m, s in scores.items()},
        "crps_ratio_to_persistence": ratio,
        "targets": {
            "crps_ratio_max": 0.9,
            "coverage": [0.85, 0.95],
            "crps_met": ratio is not None and ratio <= 0.9,
            "coverage_met": 0.85 <= scores["model"].coverage <= 0.95,
        },
        "by_horizon": by_h,
        "skipped": skipped,
        "forecasts": rows,
    }
