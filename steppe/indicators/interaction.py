"""The *interaction* channel: GDELT daily dyadic weights (``ties`` channel ``interaction``,
loaded by ``steppe ingest reference --kind gdelt-dyads``) as indicators.

The weight is signed and mixes cooperation with conflict (see
:mod:`steppe.ingest.interaction`), so positive and negative parts are never netted:

* ``multivector`` with partner ``interaction`` — per focal state and quarter, the multivector
  index (:func:`steppe.indicators.multivector.multivector_index`, normalised HHI over the 8
  poles) of the **positive** weight: the balance of a state's cooperative attention.
* ``multivector`` with partner ``interaction`` per **year** too — the same index over the
  year's positive weight, for a year with data on at least :data:`MIN_YEAR_DAYS` days (a year
  seen on fewer would be one season standing for the year). It is the interaction channel of
  the yearly combined index (:func:`steppe.indicators.cohesion.compute_combined_multivector`).
* ``interaction_share`` with partner = pole — each pole's share of that positive weight (the
  share of KAZ's positive interaction that is with Russia, with China ...).
* ``interaction_pos`` / ``interaction_neg`` with partner = RUS, CHN, USA, TUR, IRN, EU (its
  member states on the day) or another focal state — per month, the summed positive weight and
  the summed magnitude of the negative weight, kept apart. These are the monthly dyadic series
  the alerts scan. Their ``n`` is the number of days in the month on which the pair had weight
  of that sign (its observations; the covered days are named in ``method``), so a pair seen on
  a couple of days a month is ``sparse`` (n < 10) and never an alert source.

Poles as for the event channel: the registry ``pole`` (RUS, CHN, USA, TUR, IRN; the focal
states are ``region``), EU members on the day to ``EU``, every other partner ``other``.

Support and interval: ``n`` of the index and the shares is the number of days with GDELT data
in the period (days without a source file are absent, not zero; a focal state with no row on a
covered day had zero weight).
``lo``/``hi`` are the 5th and 95th percentiles over a bootstrap of those days (days drawn with
replacement, ``draws`` times, fixed ``seed``): the day-to-day variability of the period's
value. A period with under :data:`MIN_DAYS` covered days is not written.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

import numpy as np
import pyarrow as pa

from steppe.domain.codes import FOCAL_STATES, POLES
from steppe.indicators.multivector import index_from_shares
from steppe.store import Store

CHANNEL = "interaction"
DYAD_PARTNERS: tuple[str, ...] = ("RUS", "CHN", "USA", "TUR", "IRN", "EU")
"""Partners of the monthly dyadic series (besides the other focal states)."""
MIN_DAYS = 7
"""Fewest covered days for a quarter's or month's value to be written."""
MIN_YEAR_DAYS = 180
"""Fewest covered days for a year's interaction index to be written."""
LEVEL = 0.90

_POLED = """
WITH t AS (
    SELECT CAST(period AS DATE) AS day, a AS actor, b AS partner, value FROM ties
    WHERE channel = 'interaction' AND value IS NOT NULL AND list_contains(?, a) AND a <> b
)
SELECT t.actor, t.day, t.partner,
    CASE WHEN ac.pole IS NOT NULL AND ac.pole NOT IN ('', 'other') THEN ac.pole
         WHEN eu.member IS NOT NULL THEN 'EU' ELSE 'other' END AS pole,
    sum(greatest(t.value, 0)) AS pos, sum(greatest(-t.value, 0)) AS neg
FROM t
LEFT JOIN actors ac ON ac.code = t.partner
LEFT JOIN (SELECT DISTINCT member, start_date, end_date FROM memberships
           WHERE org = 'EU' AND role = 'member') eu
    ON eu.member = t.partner AND (eu.start_date IS NULL OR eu.start_date <= t.day)
    AND (eu.end_date IS NULL OR t.day <= eu.end_date)
GROUP BY ALL
"""


def covered_days(store: Store) -> list[date]:
    """The days the interaction channel has data for (any state), in order."""
    return [
        r["day"]
        for r in store.query(
            "SELECT DISTINCT CAST(period AS DATE) AS day FROM ties "
            "WHERE channel = 'interaction' ORDER BY 1"
        )
    ]


def _quarter(day: date) -> tuple[str, date]:
    q = (day.month - 1) // 3 + 1
    return f"{day.year}Q{q}", date(day.year, 3 * q - 2, 1)


def _year(day: date) -> tuple[str, date]:
    return str(day.year), date(day.year, 1, 1)


def _month(day: date) -> tuple[str, date]:
    return f"{day.year}-{day.month:02d}", date(day.year, day.month, 1)


def bootstrap_sums(
    daily: np.ndarray, draws: int, seed: int, level: float = LEVEL
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Resample the rows (days) of ``daily`` (days x K) with replacement ``draws`` times and
    return the point sums (K), and the ``level`` percentile band of the resampled sums (K each).

    >>> pt, lo, hi = bootstrap_sums(np.array([[1.0], [3.0]]), 200, seed=0)
    >>> float(pt[0]), bool(2.0 <= lo[0] <= pt[0] <= hi[0] <= 6.0)
    (4.0, True)
    """
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, daily.shape[0], size=(draws, daily.shape[0]))
    sums = daily[idx].sum(axis=1)
    tail = (1.0 - level) / 2.0
    return daily.sum(axis=0), np.quantile(sums, tail, axis=0), np.quantile(sums, 1 - tail, axis=0)


def interaction_indicators(
    store: Store,
    states: Iterable[str] = FOCAL_STATES,
    method: str = "hhi",
    seed: int = 0,
    draws: int = 1000,
) -> list[dict[str, object]]:
    """The interaction-channel indicator rows (dicts in the ``indicators`` shape, without
    ``computed_at``) for ``states``; empty when the store has no interaction ties."""
    focal = list(states)
    days = covered_days(store)
    if not days:
        return []
    rows = store.query(_POLED, [focal])
    pole_col = {p: j for j, p in enumerate(POLES)}
    dyad_partners = [*DYAD_PARTNERS, *focal]
    # per state: day -> pole vector (positive weight); day -> partner -> (pos, neg)
    by_pole: dict[str, dict[date, np.ndarray]] = {}
    by_partner: dict[str, dict[date, dict[str, list[float]]]] = {}
    for r in rows:
        vec = by_pole.setdefault(r["actor"], {}).setdefault(r["day"], np.zeros(len(POLES)))
        vec[pole_col[r["pole"] if r["pole"] in pole_col else "other"]] += float(r["pos"])
        key = r["partner"] if r["partner"] in dyad_partners else None
        if key is None and r["pole"] == "EU":
            key = "EU"
        if key is not None:
            cell = by_partner.setdefault(r["actor"], {}).setdefault(r["day"], {})
            pn = cell.setdefault(key, [0.0, 0.0])
            pn[0] += float(r["pos"])
            pn[1] += float(r["neg"])
    out: list[dict[str, object]] = []
    label = (
        f"{method}; {len(POLES)} poles; positive GDELT interaction weight; quarter; "
        f"{LEVEL:.0%} day bootstrap"
    )
    periods = [(k, g, "quarter") for k, g in _groups(days, _quarter).items()]
    periods += [(k, g, "year") for k, g in _groups(days, _year).items()]
    for actor in focal:
        if actor not in by_pole:
            continue
        for (period, start), group, freq in periods:
            if len(group) < (MIN_YEAR_DAYS if freq == "year" else MIN_DAYS):
                continue
            daily = np.stack([by_pole[actor].get(d, np.zeros(len(POLES))) for d in group])
            total = daily.sum()
            if total <= 0:
                continue
            rng = np.random.default_rng(seed)
            idx = rng.integers(0, len(group), size=(draws, len(group)))
            sums = daily[idx].sum(axis=1)
            ok = sums.sum(axis=1) > 0
            shares = sums[ok] / sums[ok].sum(axis=1, keepdims=True)
            index = index_from_shares(shares, method)
            point = daily.sum(axis=0) / total
            tail = (1.0 - LEVEL) / 2.0
            out.append(
                _row(
                    "multivector",
                    actor,
                    CHANNEL,
                    period,
                    start,
                    float(index_from_shares(point[None, :], method)[0]),
                    float(np.quantile(index, tail)),
                    float(np.quantile(index, 1 - tail)),
                    len(group),
                    label if freq == "quarter" else label.replace("quarter", "year"),
                )
            )
            if freq == "year":  # the yearly index only: it feeds the combined index
                continue
            lo_s, hi_s = np.quantile(shares, tail, axis=0), np.quantile(shares, 1 - tail, axis=0)
            for j, pole in enumerate(POLES):
                out.append(
                    _row(
                        "interaction_share",
                        actor,
                        pole,
                        period,
                        start,
                        float(point[j]),
                        float(lo_s[j]),
                        float(hi_s[j]),
                        len(group),
                        f"share of positive GDELT interaction weight; quarter; "
                        f"{LEVEL:.0%} day bootstrap",
                    )
                )
        partners = by_partner.get(actor, {})
        others = [p for p in dyad_partners if p != actor]
        zero = [0.0, 0.0]
        for (period, start), group in _groups(days, _month).items():
            if len(group) < MIN_DAYS:
                continue
            daily = np.array(
                [[partners.get(d, {}).get(p, zero) for p in others] for d in group], dtype=float
            ).reshape(len(group), -1)
            point, lo, hi = bootstrap_sums(daily, max(draws // 2, 100), seed)
            active = (daily > 0).sum(axis=0)  # days on which the pair had weight of that sign
            for i, partner in enumerate(others):
                for k, name in enumerate(("interaction_pos", "interaction_neg")):
                    j = 2 * i + k
                    out.append(
                        _row(
                            name,
                            actor,
                            partner,
                            period,
                            start,
                            float(point[j]),
                            float(lo[j]),
                            float(hi[j]),
                            int(active[j]),
                            f"{'positive' if k == 0 else 'negative (magnitude)'} GDELT "
                            f"interaction weight summed; month; {LEVEL:.0%} day bootstrap; "
                            f"n = days with such weight of {len(group)} covered",
                        )
                    )
    return out


def _groups(days: list[date], key: object) -> dict[tuple[str, date], list[date]]:
    out: dict[tuple[str, date], list[date]] = {}
    for d in days:
        out.setdefault(key(d), []).append(d)  # type: ignore[operator]
    return out


def _row(
    name: str,
    actor: str,
    partner: str | None,
    period: str,
    start: date,
    value: float,
    lo: float,
    hi: float,
    n: int,
    method: str,
) -> dict[str, object]:
    return {
        "name": name,
        "actor": actor,
        "partner": partner,
        "period": period,
        "period_start": start,
        "value": value,
        "lo": lo,
        "hi": hi,
        "n": n,
        "method": method,
    }


def compute_interaction(
    store: Store, states: Iterable[str] = FOCAL_STATES, seed: int = 0, draws: int = 1000
) -> int:
    """Replace the interaction-channel rows of ``indicators`` (``multivector``/``interaction``,
    ``interaction_share``, ``interaction_pos``, ``interaction_neg``); returns rows written.

    >>> from steppe.store import Store
    >>> with Store(":memory:") as s:
    ...     compute_interaction(s)
    0
    """
    rows = interaction_indicators(store, states, seed=seed, draws=draws)
    with store.transaction() as con:
        con.execute(
            "DELETE FROM indicators WHERE name IN ('interaction_share', 'interaction_pos', "
            "'interaction_neg') OR (name = 'multivector' AND partner = 'interaction')"
        )
        if rows:
            table = pa.Table.from_pylist(rows).append_column(
                "computed_at", pa.array([datetime.now()] * len(rows), pa.timestamp("us"))
            )
            con.register("_steppe_interaction", table)
            try:
                con.execute(
                    "INSERT INTO indicators (name, actor, partner, period, period_start, value, "
                    "lo, hi, n, method, computed_at) SELECT name, actor, partner, period, "
                    "period_start, value, lo, hi, n, method, computed_at FROM _steppe_interaction"
                )
            finally:
                con.unregister("_steppe_interaction")
    return len(rows)
