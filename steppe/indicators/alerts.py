"""Alerts an analyst can use: ``spike`` and ``shift`` in the focal states' series.

Series scanned (:func:`collect_series`), each at the frequencies it exists at:

- ``events`` — the count of events between a focal state and a partner (either direction), per
  month and per quarter; partner = each power (RUS, CHN, USA, TUR, IRN), the EU (the actor
  ``EU`` itself) and each other focal state; the state-level series (partner empty) counts every
  event with the state as source or target. ``conflict events``: the same, quad classes 3-4 only.
  Events are counted as :mod:`steppe.indicators.scope` says (by default asserted events at
  document time).
- the monthly GDELT interaction channel, positive and negative parts apart
  (``interaction_pos``, ``interaction_neg`` in ``indicators``; ``n`` = days on which the pair
  had weight of that sign, so months with under 10 are sparse and left out) with those
  partners, when computed. These summed weights are skewed and vary in proportion to their
  level, so they are scanned on the ``log(1 + x)`` scale (a spike or shift is then a change by
  a factor); magnitudes are still reported in the weight's own unit.
- the yearly indicators ``vote_agreement`` (with RUS, CHN, USA), ``split_vote`` (with RUS, USA,
  CHN, EU, when computed), ``trade_share`` (with RUS, CHN) and ``ideal_point``: votes and trade
  exist only per year, so they are scanned per year.

**spike** (:func:`spikes`): an observation far outside the series' own robust baseline. The
baseline of position ``t`` is the median ``m`` of the trailing window of the ``W`` previous
observations (36 months, 20 quarters, 12 years; a point is judged once 24 months, 16 quarters
or 10 years precede it) and
its scale ``s = 1.4826 · MAD`` of the same window. Counts are first put on the Anscombe scale
``2·sqrt(x + 3/8)`` (Poisson counts get variance ≈ 1 whatever their mean), and their scale is
floored at 1 (the Poisson noise on that scale). A spike is ``|y_t − m| / s ≥ 5``
(:data:`SPIKE_Z`) that does not persist: when the median of the next 3 observations is itself
at least 2.5 sd out on the same side, the point opens a new level and is left to ``shift``
(the newest points are judged on the successors they have). Its magnitude is ``value −
baseline`` in the series' own unit (events, share, weight); ``score`` is the robust z.

**shift** (:func:`change_points`): a change in mean by PELT (Killick, Fearnhead & Eckley 2012,
via ``ruptures``) with the ``l2`` cost, minimum segment 6 months / 4 quarters / 3 years and
penalty ``k · log(n) · σ²`` (:func:`default_penalty`, ``k = 4``, σ from the MAD of the first
differences), on the Anscombe scale for counts, after each spike is replaced by its baseline
(one outlier is not a new level). Its date is the first period of the new segment;
magnitude = mean after − mean before (original unit); score = that change on the scan scale / σ.

**Minimum magnitude** (so that alerts are few and each one matters): on the interaction
weights an alert needs the value and its baseline (spike), or the means after and before
(shift), to differ by a factor of at least :data:`MIN_FACTOR` (2: doubled or halved), the
larger side at least :data:`MIN_WEIGHT`, and a series whose median month is under
:data:`MIN_WEIGHT` is not scanned; on the yearly series an alert needs an absolute change of
at least :data:`MIN_CHANGE` (0.10 on the 0-1 shares and agreement, 0.25 on ideal points). A
pair of two focal states is one series, scanned once (under the state first in
``FOCAL_STATES`` order; ``steppe alerts --actor`` finds it from either side).

**Support rule** (values too thin to alert on are never alert sources): a row of
``indicators`` flagged ``sparse`` (when that column exists) or with ``n`` below
:data:`MIN_N` is left out of its series; an upward count spike needs at least :data:`MIN_N`
events in its period and a downward one a baseline median of at least :data:`MIN_N`, and any
count spike a baseline median of at least 1 event per period (a series that is usually empty —
e.g. events coded from one annual speech — has no baseline to be far from); a count
shift needs at least :data:`MIN_N` events in the two segments it compares, with the larger
segment median at least 1 event per period.

Error rates, measured by :func:`evaluate_detectors` (``benchmarks/alerts_eval.py``, figures in
README.md): false alarms on seeded Gaussian and Poisson noise, detections of injected spikes
and shifts.

Reference: Killick, R., Fearnhead, P. & Eckley, I. A. (2012) "Optimal detection of changepoints
with a linear computational cost", JASA 107(500); Anscombe, F. J. (1948) "The transformation of
Poisson, binomial and negative-binomial data", Biometrika 35; Leys, C. et al. (2013)
"Detecting outliers: do not use standard deviation around the mean, use absolute deviation
around the median", JESP 49(4).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

import numpy as np
import pyarrow as pa
import ruptures as rpt

from steppe.domain.codes import FOCAL_STATES
from steppe.domain.errors import IndicatorError
from steppe.indicators.scope import counting_all_events
from steppe.store import Store

PENALTY_K = 4.0
"""``k`` in the default penalty ``k · log(n) · σ²``."""

MIN_SIZE = 3
"""Shortest segment PELT may cut by default (years)."""

SPIKE_Z = 5.0
"""A spike is at least this many robust standard deviations from the trailing median."""

MIN_N = 10
"""Fewest events (or roll calls, documents) behind a value an alert may come from."""

MIN_FACTOR = 2.0
"""Minimum magnitude of an alert on a weight series (the GDELT interaction channel, scanned on
the log scale): the value and its baseline (spike), or the means after and before (shift),
differ by at least this factor — doubled, or halved."""

MIN_WEIGHT = 25.0
"""A weight series whose median month is below this (about a handful of cooperative events'
Goldstein scores) is too thin to scan; an alert also needs the larger of its two sides at this
level at least."""

MIN_CHANGE: dict[str, float] = {
    "vote_agreement": 0.10,
    "split_vote": 0.10,
    "trade_share": 0.10,
    "ideal_point": 0.25,
}
"""Minimum absolute magnitude of an alert on these yearly series (0-1 shares and agreement:
ten percentage points; ideal points: a quarter of a unit, about a fifth of the spread between
Russia and the US)."""

PARTNERS: tuple[str, ...] = ("RUS", "CHN", "USA", "EU", "TUR", "IRN")
"""Partners of the dyadic series besides the other focal states."""

FREQS: dict[str, dict[str, int]] = {
    "month": {"window": 36, "min_history": 24, "min_size": 6},
    "quarter": {"window": 20, "min_history": 16, "min_size": 4},
    "year": {"window": 12, "min_history": 10, "min_size": 3},
}
"""Per frequency: the spike baseline's trailing window, the history needed before a point is
judged, and PELT's minimum segment."""

INDICATOR_SERIES: tuple[tuple[str, tuple[str | None, ...]], ...] = (
    ("ideal_point", (None,)),
    ("vote_agreement", ("RUS", "CHN", "USA")),
    ("split_vote", ("RUS", "USA", "CHN", "EU")),
    ("trade_share", ("RUS", "CHN")),
)
"""Yearly indicator series (name, partners) scanned for each focal state when stored."""

KINDS = ("spike", "shift")

NOISE_MODELS = ("gaussian", "poisson", "weights")
"""Noise models of :func:`evaluate_detectors`."""

MONTHLY_INDICATORS: tuple[str, ...] = ("interaction_pos", "interaction_neg")
"""Monthly indicator series (period ``YYYY-MM``) scanned for each focal state and partner: the
GDELT interaction channel's positive and negative parts (``steppe.indicators.interaction``)."""


def counted_sql(store: Store) -> tuple[str, str]:
    """(date expression, filter) of the events counted, as :mod:`steppe.indicators.scope`
    counts them: asserted events at document time, or every event on its own date inside
    :func:`steppe.indicators.scope.all_events`."""
    if not _has_column(store, "events", "modality"):
        return "date", ""
    if counting_all_events():
        return "coalesce(event_date, date)", ""
    return "date", "AND modality = 'asserted' AND event_time = 'document' "


@dataclass(frozen=True)
class ChangePoint:
    """A shift in a series: the new segment starts at position ``index``; ``size`` is its mean
    minus the previous segment's mean; ``direction`` is ``"up"`` or ``"down"``."""

    index: int
    size: float
    direction: str


@dataclass(frozen=True)
class Spike:
    """Position ``index`` lies ``score`` robust sd from the trailing ``baseline`` (scan scale)."""

    index: int
    baseline: float
    scale: float
    score: float


@dataclass(frozen=True)
class Series:
    """One scanned series: ``dates`` are period starts, ``n`` the support of each value."""

    actor: str
    partner: str | None
    name: str
    freq: str
    dates: tuple[date, ...]
    values: tuple[float, ...]
    n: tuple[int | None, ...]
    counts: bool
    source: str
    log: bool = False


@dataclass(frozen=True)
class Alert:
    """One alert as the CLI, report and dashboard show it."""

    actor: str
    partner: str | None
    date: date
    kind: str
    direction: str
    magnitude: float
    series: str
    method: str
    freq: str
    value: float
    baseline: float
    score: float
    n: int | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def anscombe(values: Sequence[float] | np.ndarray) -> np.ndarray:
    """Anscombe's variance-stabilising transform of counts, ``2·sqrt(x + 3/8)``.

    >>> anscombe([0.0, 6.0]).round(3).tolist()
    [1.225, 5.05]
    """
    return 2.0 * np.sqrt(np.asarray(values, dtype=float) + 0.375)


def default_penalty(values: Sequence[float] | np.ndarray, k: float = PENALTY_K) -> float:
    """``k · log(n) · σ²`` with the robust noise estimate ``σ = 1.4826 · MAD(Δx) / √2``
    (0 for fewer than 3 points or a series whose differences are all equal).

    >>> round(default_penalty([0.0, 1.0, 0.0, 1.0, 0.0]), 4)  # MAD(Δx) = 1: σ² = 1.4826²/2
    7.0754
    """
    sigma = noise_sigma(values)
    return float(k * np.log(len(values)) * sigma**2) if len(values) >= 3 else 0.0


def noise_sigma(values: Sequence[float] | np.ndarray) -> float:
    """Robust noise sd ``1.4826 · MAD(Δx) / √2`` (the sd of the differences when more than half
    of them are equal; 0 under 3 points).

    >>> round(noise_sigma([0.0, 1.0, 0.0, 1.0, 0.0]), 4)
    1.0484
    """
    arr = np.asarray(values, dtype=float)
    if len(arr) < 3:
        return 0.0
    diff = np.diff(arr)
    sigma = 1.4826 * float(np.median(np.abs(diff - np.median(diff)))) / np.sqrt(2.0)
    if sigma == 0.0:
        sigma = float(diff.std()) / np.sqrt(2.0)
    return float(sigma)


def change_points(
    values: Sequence[float] | np.ndarray, penalty: float | None = None, min_size: int = MIN_SIZE
) -> list[ChangePoint]:
    """Changes in mean of ``values`` by PELT (``ruptures``, ``l2`` cost) with ``penalty``
    (default :func:`default_penalty`). Deterministic (no randomness).

    >>> rng = np.random.default_rng(0)
    >>> step = np.r_[np.zeros(15), np.ones(15)] + rng.normal(0, 0.05, 30)
    >>> [(c.index, round(c.size, 1), c.direction) for c in change_points(step)]
    [(15, 1.0, 'up')]
    """
    arr = _checked(values)
    if min_size < 1:
        raise IndicatorError("min_size must be at least 1")
    if len(arr) < 2 * min_size:
        return []
    pen = default_penalty(arr) if penalty is None else float(penalty)
    if pen < 0:
        raise IndicatorError(f"the penalty must be non-negative, not {pen}")
    if np.ptp(arr) == 0.0:
        return []
    ends = rpt.Pelt(model="l2", min_size=min_size, jump=1).fit(arr).predict(pen=pen)
    bounds = [0, *(int(e) for e in ends)]
    out = []
    for before, start, after in zip(bounds, bounds[1:-1], bounds[2:], strict=False):
        size = float(arr[start:after].mean() - arr[before:start].mean())
        out.append(ChangePoint(start, size, "up" if size > 0 else "down"))
    return out


def spikes(
    values: Sequence[float] | np.ndarray,
    window: int = 24,
    threshold: float = SPIKE_Z,
    floor: float = 0.0,
    min_history: int | None = None,
    persist: int = 3,
) -> list[Spike]:
    """Observations at least ``threshold`` robust sd (``1.4826 · MAD``, at least ``floor``)
    from the median of the ``window`` observations before them; positions with fewer than
    ``min_history`` (default ``window // 2``) earlier observations, or a zero scale, are not
    judged. A spike is transient: when the median of the ``persist`` observations after it is
    itself at least ``threshold / 2`` sd out on the same side, the point starts a new level (a
    shift), not a spike; the latest points are judged on the successors they have. Pass counts
    through :func:`anscombe` first (with ``floor=1``).

    >>> series = np.r_[np.tile([1.0, 2.0, 3.0], 10), 30.0, 2.0]
    >>> [(s.index, s.baseline, round(s.score, 1)) for s in spikes(series, window=12)]
    [(30, 2.0, 18.9)]
    """
    arr = _checked(values)
    if window < 2:
        raise IndicatorError("the spike window must be at least 2")
    need = max(2, window // 2 if min_history is None else min_history)
    out = []
    for t in range(need, len(arr)):
        hist = arr[max(0, t - window) : t]
        med = float(np.median(hist))
        scale = max(1.4826 * float(np.median(np.abs(hist - med))), floor)
        if scale <= 0.0:
            continue
        score = (float(arr[t]) - med) / scale
        if abs(score) < threshold:
            continue
        after = arr[t + 1 : t + 1 + persist]
        if len(after) and (float(np.median(after)) - med) / scale * np.sign(score) >= threshold / 2:
            continue
        out.append(Spike(t, med, scale, score))
    return out


def _checked(values: Sequence[float] | np.ndarray) -> np.ndarray:
    arr = np.asarray(values, dtype=float)
    if arr.ndim != 1:
        raise IndicatorError("alerts take a one-dimensional series")
    if not np.isfinite(arr).all():
        raise IndicatorError("the series has missing or infinite values")
    return arr


def scan(series: Series, threshold: float = SPIKE_Z, penalty_k: float = PENALTY_K) -> list[Alert]:
    """Spike and shift alerts of one series, after the support rule (module docstring).

    >>> from datetime import date
    >>> counts = [3.0, 4.0, 2.0, 3.0, 5.0, 3.0, 4.0, 2.0] * 2 + [2.0, 25.0, 3.0]
    >>> s = Series("KAZ", "RUS", "events", "quarter",
    ...            tuple(date(2010 + i // 4, 3 * (i % 4) + 1, 1) for i in range(19)),
    ...            tuple(counts), tuple(int(c) for c in counts), True, "events")
    >>> [(a.kind, a.date.isoformat(), a.direction, a.magnitude) for a in scan(s)]
    [('spike', '2014-04-01', 'up', 22.0)]
    """
    if len(series.values) < 4:
        return []
    raw = np.asarray(series.values, dtype=float)
    if series.log and float(np.median(raw)) < MIN_WEIGHT:
        return []  # a tiny weight series: its doublings are a handful of events
    y = anscombe(raw) if series.counts else np.log1p(raw) if series.log else raw
    cfg = FREQS[series.freq]
    label = series.name if series.partner is None else f"{series.name} with {series.partner}"
    out: list[Alert] = []
    floor = 1.0 if series.counts else 0.0
    clean, raw_clean = y.copy(), raw.copy()
    for sp in spikes(y, cfg["window"], threshold, floor, cfg["min_history"]):
        base_raw = (
            max(0.0, (sp.baseline / 2.0) ** 2 - 0.375)
            if series.counts
            else float(np.expm1(sp.baseline))
            if series.log
            else sp.baseline
        )
        clean[sp.index], raw_clean[sp.index] = sp.baseline, base_raw
        if series.counts and (
            (raw[sp.index] if sp.score > 0 else base_raw) < MIN_N or base_raw < 1.0
        ):
            continue
        if not large_enough(series, float(raw[sp.index]), base_raw):
            continue
        out.append(
            Alert(
                series.actor,
                series.partner,
                series.dates[sp.index],
                "spike",
                "up" if sp.score > 0 else "down",
                float(raw[sp.index] - base_raw),
                label,
                f"robust z {sp.score:+.1f} ≥ {threshold:g} vs median of the previous "
                f"{cfg['window']} {series.freq}s{_scale_note(series)}; "
                f"source {series.source}",
                series.freq,
                float(raw[sp.index]),
                float(base_raw),
                float(sp.score),
                series.n[sp.index],
            )
        )
    sigma = noise_sigma(clean)
    pen = penalty_k * np.log(len(y)) * sigma**2
    cps = change_points(clean, pen, cfg["min_size"]) if sigma > 0 else []
    bounds = [0, *(c.index for c in cps), len(y)]
    for i, cp in enumerate(cps):
        before = raw_clean[bounds[i] : cp.index]
        after = raw_clean[cp.index : bounds[i + 2]]
        if series.counts and (
            before.sum() + after.sum() < MIN_N
            or max(float(np.median(before)), float(np.median(after))) < 1.0
        ):
            continue
        if not large_enough(series, float(after.mean()), float(before.mean())):
            continue
        n_seg = [v for v in series.n[bounds[i] : bounds[i + 2]] if v is not None]
        out.append(
            Alert(
                series.actor,
                series.partner,
                series.dates[cp.index],
                "shift",
                cp.direction,
                float(after.mean() - before.mean()),
                label,
                f"PELT change in mean (l2, min segment {cfg['min_size']} {series.freq}s, "
                f"pen {penalty_k:g}·log(n)·σ²{_scale_note(series)}); "
                f"source {series.source}",
                series.freq,
                float(after.mean()),
                float(before.mean()),
                float(cp.size / sigma),
                int(sum(n_seg)) if n_seg else None,
            )
        )
    return out


def large_enough(series: Series, value: float, baseline: float) -> bool:
    """The minimum-magnitude rule: on a weight series (log scale) ``value`` and ``baseline``
    differ by a factor of at least :data:`MIN_FACTOR` and the larger is at least
    :data:`MIN_WEIGHT`; on a series named in :data:`MIN_CHANGE` they differ by at least its
    amount; other series (event counts, which have their own support rule) always pass.

    >>> w = Series("KAZ", "RUS", "interaction_pos", "month", (), (), (), False, "t", log=True)
    >>> large_enough(w, 90.0, 50.0), large_enough(w, 120.0, 50.0), large_enough(w, 9.0, 0.1)
    (False, True, False)
    >>> v = Series("KAZ", "RUS", "split_vote", "year", (), (), (), False, "t")
    >>> large_enough(v, 0.62, 0.55), large_enough(v, 0.70, 0.55)
    (False, True)
    """
    if series.log:
        big, small = max(value, baseline), min(value, baseline)
        return big >= MIN_WEIGHT and big >= MIN_FACTOR * max(small, 0.0)
    need = MIN_CHANGE.get(series.name)
    return need is None or abs(value - baseline) >= need


def _scale_note(series: Series) -> str:
    scale = " (Anscombe scale)" if series.counts else " (log(1 + x) scale)" if series.log else ""
    if series.log:
        return f"{scale}; at least x{MIN_FACTOR:g} or /{MIN_FACTOR:g} the baseline"
    need = MIN_CHANGE.get(series.name)
    return scale + (f"; change of at least {need:g}" if need is not None else "")


def _has_column(store: Store, table: str, column: str) -> bool:
    return bool(
        store.query(
            "SELECT 1 FROM information_schema.columns WHERE table_name = ? AND column_name = ?",
            [table, column],
        )
    )


def _event_series(store: Store, state: str, freq: str, done: Sequence[str] = ()) -> list[Series]:
    trunc = "month" if freq == "month" else "quarter"
    others = [p for p in (*PARTNERS, *FOCAL_STATES) if p != state and p not in done]
    day, counted = counted_sql(store)
    rows = store.query(
        f"SELECT CAST(date_trunc('{trunc}', {day}) AS DATE) AS d, "
        "CASE WHEN source_actor = ? THEN target_actor ELSE source_actor END AS partner, "
        "count(*) AS n, count(*) FILTER (WHERE quad_class IN (3, 4)) AS c "
        "FROM events WHERE (source_actor = ? OR target_actor = ?) " + counted + "GROUP BY ALL",
        [state, state, state],
    )
    if not rows:
        return []
    first = min(r["d"] for r in rows)
    last = max(r["d"] for r in rows)
    step = 1 if freq == "month" else 3
    dates: list[date] = []
    cur = first
    while cur <= last:
        dates.append(cur)
        m = cur.month - 1 + step
        cur = date(cur.year + m // 12, m % 12 + 1, 1)
    pos = {d: i for i, d in enumerate(dates)}
    out = []
    for partner in (None, *others):
        for name, col in (("events", "n"), ("conflict events", "c")):
            vals = np.zeros(len(dates))
            for r in rows:
                if partner is None or r["partner"] == partner:
                    vals[pos[r["d"]]] += r[col]
            if vals.sum() < MIN_N:
                continue
            out.append(
                Series(
                    state,
                    partner,
                    name,
                    freq,
                    tuple(dates),
                    tuple(float(v) for v in vals),
                    tuple(int(v) for v in vals),
                    True,
                    "events",
                )
            )
    return out


def _indicator_series(store: Store, state: str, done: Sequence[str] = ()) -> list[Series]:
    sparse = (
        "AND NOT coalesce(sparse, false) " if _has_column(store, "indicators", "sparse") else ""
    )
    has_freq = _has_column(store, "indicators", "freq")
    freq = "AND coalesce(freq, 'year') = 'year' " if has_freq else ""
    out = _monthly_indicator_series(store, state, sparse + freq.replace("'year'", "'month'"), done)
    for name, partners in INDICATOR_SERIES:
        for partner in partners:
            rows = store.query(
                "SELECT CAST(period AS INTEGER) AS year, avg(value) AS value, max(n) AS n "
                "FROM indicators WHERE name = ? AND actor = ? AND partner IS NOT DISTINCT FROM ? "
                "AND value IS NOT NULL AND NOT isnan(value) "
                "AND regexp_full_match(period, '[0-9]{4}') AND (n IS NULL OR n >= ?) "
                + sparse
                + freq
                + "GROUP BY 1 ORDER BY 1",
                [name, state, partner, MIN_N],
            )
            if rows:
                out.append(
                    Series(
                        state,
                        partner,
                        name,
                        "year",
                        tuple(date(r["year"], 1, 1) for r in rows),
                        tuple(float(r["value"]) for r in rows),
                        tuple(r["n"] for r in rows),
                        False,
                        f"indicators ({name})",
                    )
                )
    return out


def _monthly_indicator_series(
    store: Store, state: str, extra: str, done: Sequence[str] = ()
) -> list[Series]:
    others = [p for p in (*PARTNERS, *FOCAL_STATES) if p != state and p not in done]
    rows = store.query(
        "SELECT name, partner, make_date(CAST(left(period, 4) AS INTEGER), "
        "CAST(right(period, 2) AS INTEGER), 1) AS d, avg(value) AS v, max(n) AS n "
        "FROM indicators WHERE name IN (SELECT unnest(?)) AND actor = ? "
        "AND regexp_full_match(period, '[0-9]{4}-[0-9]{2}') AND value IS NOT NULL "
        "AND NOT isnan(value) AND (n IS NULL OR n >= ?) "
        + extra
        + "GROUP BY ALL ORDER BY name, partner, d",
        [list(MONTHLY_INDICATORS), state, MIN_N],
    )
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in rows:
        if r["partner"] in others:
            groups.setdefault((r["name"], r["partner"]), []).append(r)
    return [
        Series(
            state,
            partner,
            name,
            "month",
            tuple(r["d"] for r in g),
            tuple(float(r["v"]) for r in g),
            tuple(r["n"] for r in g),
            False,
            f"indicators ({name})",
            log=all(r["v"] >= 0 for r in g),
        )
        for (name, partner), g in groups.items()
    ]


def collect_series(store: Store, states: Sequence[str] = FOCAL_STATES) -> list[Series]:
    """Every series :func:`compute_alerts` scans (see the module docstring). A pair of focal
    states is one series, scanned once: under the state scanned first (``states`` order)."""
    out: list[Series] = []
    for i, state in enumerate(states):
        done = states[:i]
        for freq in ("month", "quarter"):
            out += _event_series(store, state, freq, done)
        out += _indicator_series(store, state, done)
    return out


def compute_alerts(store: Store, states: Sequence[str] = FOCAL_STATES) -> int:
    """Scan every series of :func:`collect_series` with :func:`scan` and replace the ``alerts``
    table; returns the rows written (0 when the store holds no series)."""
    found = [a for s in collect_series(store, states) for a in scan(s)]
    fields = [
        ("actor", pa.string()),
        ("partner", pa.string()),
        ("date", pa.date32()),
        ("kind", pa.string()),
        ("direction", pa.string()),
        ("magnitude", pa.float64()),
        ("series", pa.string()),
        ("method", pa.string()),
        ("freq", pa.string()),
        ("value", pa.float64()),
        ("baseline", pa.float64()),
        ("score", pa.float64()),
        ("n", pa.int64()),
    ]
    tbl = pa.table({k: pa.array([getattr(a, k) for a in found], t) for k, t in fields})
    cols = ", ".join(k for k, _ in fields)
    with store.transaction() as con:
        con.execute("DELETE FROM alerts")
        con.register("_steppe_alerts", tbl)
        try:
            con.execute(
                f"INSERT INTO alerts ({cols}, computed_at) SELECT {cols}, ? FROM _steppe_alerts",
                [datetime.now()],
            )
        finally:
            con.unregister("_steppe_alerts")
    return len(found)


@dataclass(frozen=True)
class DetectionRates:
    """Error rates of the detectors on simulated series (see :func:`evaluate_detectors`)."""

    series: int
    length: int
    false_spike_rate: float
    false_shift_rate: float
    spike_detection: float
    shift_detection: float
    shift_within: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def evaluate_detectors(
    noise: str = "gaussian",
    series: int = 200,
    length: int = 96,
    freq: str = "month",
    spike_size: float = 6.0,
    shift_size: float = 2.0,
    seed: int = 0,
) -> DetectionRates:
    """False alarms and detections of :func:`scan` on ``series`` seeded noise series of
    ``length`` points: ``gaussian`` (N(0, 1)), ``poisson`` (counts with mean 20) or
    ``weights`` (log-normal, median 400 and sd 0.45 on the log scale: the adequately supported
    monthly GDELT interaction series of the demo have medians of 316-736 and log-scale noise
    of 0.34-0.56; scanned as those are, on log(1 + x) with the minimum-magnitude rule).

    - false_spike_rate / false_shift_rate: alerts per series on pure noise (series with any);
    - spike_detection: share of single injected spikes of ``spike_size`` sd (at a random
      position in the last two thirds) flagged at their exact position;
    - shift_detection: share of injected mean steps of ``shift_size`` sd (random position in
      the middle half) with a shift alert within 2 periods (``shift_within``: exactly placed).

    For Poisson noise the sd is ``sqrt(20)``; for weights, spikes and steps are sizes in sd
    of the log scale (a 6-sd spike multiplies the weight by exp(2.7) = 15, a 2-sd step by
    exp(0.9) = 2.5). Deterministic for a given ``seed``.

    >>> r = evaluate_detectors(series=20, seed=1)
    >>> r.false_spike_rate <= 0.1 and r.spike_detection >= 0.8
    True
    """
    if noise not in NOISE_MODELS:
        raise IndicatorError(f"noise must be one of {NOISE_MODELS}, not {noise!r}")
    rng = np.random.default_rng(seed)
    dates = tuple(date(2000 + i // 12, i % 12 + 1, 1) for i in range(length))
    mean, sd = {
        "poisson": (20.0, np.sqrt(20.0)),
        "gaussian": (0.0, 1.0),
        "weights": (np.log(400.0), 0.45),
    }[noise]

    def draw(mu: np.ndarray) -> np.ndarray:
        if noise == "poisson":
            return rng.poisson(mu).astype(float)
        if noise == "weights":
            return np.asarray(np.exp(rng.normal(mu, sd)))
        return rng.normal(mu, 1.0)

    def run(values: np.ndarray) -> list[Alert]:
        s = Series(
            "X",
            None,
            "interaction_pos" if noise == "weights" else "sim",
            freq,
            dates,
            tuple(values),
            (None,) * length,
            noise == "poisson",
            "sim",
            log=noise == "weights",
        )
        return scan(s)

    false_spike = false_shift = hit_spike = hit_shift = exact_shift = 0
    for _ in range(series):
        found = run(draw(np.full(length, mean)))
        false_spike += any(a.kind == "spike" for a in found)
        false_shift += any(a.kind == "shift" for a in found)
        values = draw(np.full(length, mean))
        at = int(rng.integers(length // 3, length))
        if noise == "poisson":
            values[at] = rng.poisson(mean + spike_size * sd)
        elif noise == "weights":
            values[at] = np.exp(mean + spike_size * sd)
        else:
            values[at] = mean + spike_size * sd
        hit_spike += any(a.kind == "spike" and a.date == dates[at] for a in run(values))
        at = int(rng.integers(length // 4, 3 * length // 4))
        mu = np.full(length, mean)
        mu[at:] += shift_size * sd
        cuts = [dates.index(a.date) for a in run(draw(mu)) if a.kind == "shift"]
        hit_shift += any(abs(c - at) <= 2 for c in cuts)
        exact_shift += at in cuts
    return DetectionRates(
        series,
        length,
        false_spike / series,
        false_shift / series,
        hit_spike / series,
        hit_shift / series,
        exact_shift / series,
    )
