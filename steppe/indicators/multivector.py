"""The multivector index: how evenly a state spreads its cooperation across the poles.

For a focal state *s* and period *t*, let :math:`n_k` be the number of cooperative events
(CAMEO quad classes 1 and 2: verbal and material cooperation) between *s* and partners of pole
*k*, over the K = 8 poles RUS, CHN, EU, USA, TUR, IRN, region (the other focal states and the
Consultative Meeting) and other. With shares :math:`p_k = n_k / N`:

* ``hhi`` (default): :math:`M = 1 - (H - 1/K) / (1 - 1/K)`, where :math:`H = \\sum_k p_k^2`
  is the Herfindahl-Hirschman concentration (Hirschman 1945; Herfindahl 1950), normalised to
  [0, 1] as in the trade-concentration literature (e.g. UNCTAD's normalised HHI).
* ``entropy``: :math:`M = -\\sum_k p_k \\ln p_k / \\ln K`, normalised Shannon entropy
  (Shannon 1948).

M = 1 when cooperation is spread equally over all poles, 0 when it all goes to one. A partner's
pole is the registry's ``pole`` for powers, blocs, organisations and formats; a state that is a
member of the EU on the event's date counts for the EU; every other partner counts as *other*.
Events with no identified partner, or with the state itself, are left out.

The formula above is the *raw* index of a period's own counts (:func:`multivector_table`).
What :func:`compute_multivector` stores is its partially pooled estimate: few events make the raw
index jumpy (one event gives M = 0), so the pole shares of a period are drawn from the
posterior Dirichlet(:math:`n_k + c\\,q_k`), centred on the state's own long-run shares
:math:`q_k` with concentration c = 10 pseudo-events (:mod:`steppe.indicators.support`, after
Gelman et al. 2013). The stored value is the posterior median of M; ``lo`` and ``hi`` its 5th
and 95th percentiles (so the value always lies inside its interval), from 2,000 draws with a
fixed ``seed``; ``n`` the period's events. A value with n < 10 or an interval wider than 0.5 is
flagged ``sparse``. ``pole_share`` rows hold every pole's pooled share (posterior mean and its
90 % interval), ``n`` = the period's events.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import datetime

import ibis
import ibis.expr.types as ir
import numpy as np
import pyarrow as pa

from steppe.domain.codes import COOPERATIVE_QUAD_CLASSES, FOCAL_STATES, POLES
from steppe.domain.errors import IndicatorError
from steppe.indicators.scope import counted_events, scope_label
from steppe.indicators.support import (
    CONCENTRATION,
    FREQ_SQL,
    is_sparse,
    long_run_prior,
    share_intervals,
)
from steppe.store import Store
from steppe.store.engine import DuckDBEngine, Engine, TableSource

METHODS = ("hhi", "entropy")
FREQUENCIES = ("quarter", "year")
DRAWS = 2000


def multivector_index(
    counts: Mapping[str, float], method: str = "hhi", poles: Iterable[str] = POLES
) -> float:
    """The multivector index of one state-period from its event counts per pole.

    >>> multivector_index({"RUS": 10})
    0.0
    >>> multivector_index({p: 1 for p in POLES})
    1.0
    >>> round(multivector_index({"RUS": 3, "CHN": 1}), 4)  # H = 0.625 -> 1 - (0.625-1/8)/(7/8)
    0.4286
    """
    k = len(tuple(poles))
    total = float(sum(counts.values()))
    if total <= 0:
        raise IndicatorError("no events: the multivector index is undefined")
    shares = [v / total for v in counts.values() if v > 0]
    if method == "hhi":
        hhi = sum(p * p for p in shares)
        return 1.0 - (hhi - 1.0 / k) / (1.0 - 1.0 / k)
    if method == "entropy":
        return -sum(p * math.log(p) for p in shares) / math.log(k)
    raise IndicatorError(f"unknown method {method!r}; expected one of {METHODS}")


def index_from_shares(shares: np.ndarray, method: str = "hhi") -> np.ndarray:
    """Vectorised index over the last axis of an array of pole shares (rows sum to 1)."""
    k = shares.shape[-1]
    if method == "hhi":
        hhi = (shares * shares).sum(axis=-1)
        return np.asarray(1.0 - (hhi - 1.0 / k) / (1.0 - 1.0 / k))
    logs = np.log(np.where(shares > 0, shares, 1.0))
    return np.asarray(-(shares * logs).sum(axis=-1) / math.log(k))


def posterior_interval(
    counts: np.ndarray, method: str = "hhi", draws: int = 2000, seed: int = 0, level: float = 0.90
) -> tuple[np.ndarray, np.ndarray]:
    """``level`` credible interval of the index for each row of pole ``counts`` (rows x K),
    from Dirichlet(counts + 1/K) draws (Perks prior: one event's worth of prior weight spread
    evenly over the K poles). The same ``seed`` gives the same interval.

    >>> lo, hi = posterior_interval(np.array([[40, 40, 0, 0, 0, 0, 0, 0]]), seed=1)
    >>> bool(lo[0] < 0.57 < hi[0])  # point value 1 - (0.5 - 1/8)/(7/8) = 0.571
    True
    """
    rng = np.random.default_rng(seed)
    alpha = np.asarray(counts, dtype=float) + 1.0 / np.shape(counts)[-1]
    gam = rng.standard_gamma(alpha[:, None, :], size=(alpha.shape[0], draws, alpha.shape[1]))
    values = index_from_shares(gam / gam.sum(axis=-1, keepdims=True), method)
    tail = (1.0 - level) / 2.0
    return np.quantile(values, tail, axis=1), np.quantile(values, 1.0 - tail, axis=1)


def engagements(con: TableSource, states: Iterable[str] = FOCAL_STATES) -> ir.Table:
    """One row per (focal state, partner) side of each cooperative event, with the partner's
    pole on the event's date: columns ``actor, partner, date, pole``."""
    ev = con.table("events")
    actors = con.table("actors")
    mem = con.table("memberships")
    focal = list(states)
    ev = counted_events(ev)
    coop = ev.filter(ev.quad_class.isin(list(COOPERATIVE_QUAD_CLASSES)))
    sides = (
        coop.filter(coop.source_actor.isin(focal))
        .select(actor=coop.source_actor, partner=coop.target_actor, date=coop.date)
        .union(
            coop.filter(coop.target_actor.isin(focal)).select(
                actor=coop.target_actor, partner=coop.source_actor, date=coop.date
            ),
            distinct=False,
        )
    )
    sides = sides.filter(sides.partner.notnull() & (sides.partner != sides.actor))
    eu = mem.filter((mem.org == "EU") & (mem.role == "member"))
    eu = eu.select(eu_member=eu.member, eu_start=eu.start_date, eu_end=eu.end_date)
    joined = sides.left_join(
        actors.select(code=actors.code, actor_pole=actors.pole), sides.partner == actors.code
    )
    joined = joined.left_join(
        eu,
        (joined.partner == eu.eu_member)
        & (eu.eu_start.isnull() | (eu.eu_start <= joined.date))
        & (eu.eu_end.isnull() | (joined.date <= eu.eu_end)),
    )
    pole = ibis.cases(
        (
            joined.actor_pole.notnull()
            & (joined.actor_pole != "")
            & (joined.actor_pole != "other"),
            joined.actor_pole,
        ),
        (joined.eu_member.notnull(), ibis.literal("EU")),
        else_=ibis.literal("other"),
    )
    return joined.select(joined.actor, joined.partner, joined.date, pole=pole)


def _period_start(date: ir.DateValue, freq: str) -> ir.DateValue:
    if freq not in FREQUENCIES:
        raise IndicatorError(f"unknown frequency {freq!r}; expected one of {FREQUENCIES}")
    # Spark truncates to a timestamp, DuckDB to a date: the cast makes both a date
    return date.truncate("Q" if freq == "quarter" else "Y").cast("date")


def _period_label(start: ir.DateValue, freq: str) -> ir.StringValue:
    year = start.year().cast("string")
    return year.concat("Q", start.quarter().cast("string")) if freq == "quarter" else year


def pole_counts(
    con: TableSource, freq: str = "quarter", states: Iterable[str] = FOCAL_STATES
) -> ir.Table:
    """Cooperative events per (state, period, pole)."""
    e = engagements(con, states)
    e = e.mutate(period_start=_period_start(e.date, freq))
    return e.group_by(["actor", "period_start", "pole"]).aggregate(n=e.count())


def multivector_table(
    con: TableSource,
    freq: str = "quarter",
    method: str = "hhi",
    states: Iterable[str] = FOCAL_STATES,
) -> ir.Table:
    """The multivector index per state and period as an Ibis expression (runs unchanged on
    DuckDB or Spark): ``actor, period, period_start, value, n``."""
    if method not in METHODS:
        raise IndicatorError(f"unknown method {method!r}; expected one of {METHODS}")
    c = pole_counts(con, freq, states)
    k = float(len(POLES))
    # One integer column per pole, then sums over the poles in a fixed order: a float sum
    # aggregated over rows would depend on the order rows arrive in, which differs between
    # runs, threads and engines.
    agg = c.group_by(["actor", "period_start"]).aggregate(
        **{f"n{i}": (c.pole == pole).ifelse(c.n, 0).sum() for i, pole in enumerate(POLES)}
    )
    counts = [agg[f"n{i}"] for i in range(len(POLES))]
    total = sum(counts[1:], counts[0])
    totalf = total.cast("float64")
    if method == "hhi":
        sum_sq = sum((n * n for n in counts[1:]), counts[0] * counts[0]).cast("float64")
        hhi = sum_sq / (totalf * totalf)
        value = 1.0 - (hhi - 1.0 / k) / (1.0 - 1.0 / k)
    else:  # H = ln N - sum(n ln n) / N
        terms = [(n > 0).ifelse(n.cast("float64") * n.cast("float64").ln(), 0.0) for n in counts]
        sum_nlogn = sum(terms[1:], terms[0])
        value = (totalf.ln() - sum_nlogn / totalf) / math.log(k)
    return agg.select(
        actor=agg.actor,
        period=_period_label(agg.period_start, freq),
        period_start=agg.period_start,
        value=value,
        n=total.cast("int64"),
    ).order_by(["actor", "period_start"])


def pole_share_table(
    con: TableSource, freq: str = "quarter", states: Iterable[str] = FOCAL_STATES
) -> ir.Table:
    """Each pole's share of a state's cooperative events per period: the partner portfolio."""
    c = pole_counts(con, freq, states)
    total = c.n.sum().over(group_by=[c.actor, c.period_start])
    return c.select(
        actor=c.actor,
        partner=c.pole,
        period=_period_label(c.period_start, freq),
        period_start=c.period_start,
        value=c.n.cast("float64") / total.cast("float64"),
        n=c.n.cast("int64"),
    ).order_by(["actor", "period_start", "partner"])


def compute_multivector(
    store: Store,
    freq: str = "quarter",
    method: str = "hhi",
    seed: int = 0,
    engine: Engine | None = None,
) -> int:
    """Compute the pooled multivector index (with its credible interval, ``n`` and ``sparse``
    flag) and the pooled pole shares at frequency ``freq``, and replace that frequency's rows
    in ``indicators`` (other frequencies stay). The counting expressions run on ``engine``
    (default: the store's DuckDB); the pooling and the draws run here from the counts the
    engine returns, so the result is the same whichever engine counted.

    Returns the number of multivector rows written.

    >>> from steppe.store import Store
    >>> with Store(":memory:") as s:
    ...     compute_multivector(s)
    0
    """
    if method not in METHODS:
        raise IndicatorError(f"unknown method {method!r}; expected one of {METHODS}")
    engine = engine or DuckDBEngine(store)
    index = engine.to_arrow(multivector_table(engine, freq, method))
    counts = engine.to_arrow(pole_share_table(engine, freq))
    index, shares = pooled_tables(index, counts, method, seed)
    now = datetime.now()
    method_label = (
        f"{method}; {len(POLES)} poles; cooperative events ({scope_label()}); pooled "
        f"(c={CONCENTRATION:g}, posterior median); {freq}"
    )
    rows = pa.concat_tables(
        [
            _indicator_rows(index, "multivector", None, method_label, now, freq),
            _indicator_rows(
                shares,
                "pole_share",
                "partner",
                f"share of cooperative events ({scope_label()}); pooled (c={CONCENTRATION:g}); "
                f"{freq}",
                now,
                freq,
            ),
        ]
    )
    with store.transaction() as db:
        db.execute(
            "DELETE FROM indicators WHERE ((name = 'multivector' AND partner IS NULL) "
            f"OR name = 'pole_share') AND coalesce(freq, {FREQ_SQL}) = ?",
            [freq],
        )
        db.register("_steppe_ind", rows)
        db.execute(
            "INSERT INTO indicators (name, actor, partner, freq, period, period_start, value, "
            "lo, hi, n, sparse, method, computed_at) SELECT name, actor, partner, freq, period, "
            "period_start, value, lo, hi, n, sparse, method, computed_at FROM _steppe_ind"
        )
        db.unregister("_steppe_ind")
    return int(index.num_rows)


def pooled_index(
    counts: np.ndarray,
    long_run: np.ndarray,
    method: str = "hhi",
    draws: int = DRAWS,
    seed: int = 0,
    level: float = 0.90,
    concentration: float = CONCENTRATION,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Posterior median and ``level`` interval of the index for each row of pole ``counts``
    (rows x K), pooled toward the matching row of ``long_run`` counts: draws from
    Dirichlet(counts + c q) (:func:`steppe.indicators.support.long_run_prior`).

    One event with RUS, from a state whose long-run cooperation is spread evenly, no longer
    reads as total dependence:

    >>> v, lo, hi = pooled_index(np.array([[1, 0, 0, 0, 0, 0, 0, 0]]),
    ...                          np.array([[10] * 8]), seed=1)
    >>> bool(lo[0] <= v[0] <= hi[0]), bool(v[0] > 0.5)
    (True, True)
    """
    rng = np.random.default_rng(seed)
    alpha = np.asarray(counts, dtype=float) + long_run_prior(long_run, concentration)
    gam = rng.standard_gamma(alpha[:, None, :], size=(alpha.shape[0], draws, alpha.shape[1]))
    values = index_from_shares(gam / gam.sum(axis=-1, keepdims=True), method)
    tail = (1.0 - level) / 2.0
    lo, mid, hi = np.quantile(values, [tail, 0.5, 1.0 - tail], axis=1)
    return mid, lo, hi


def pooled_tables(
    index: pa.Table, shares: pa.Table, method: str, seed: int
) -> tuple[pa.Table, pa.Table]:
    """The pooled index table (``value`` = posterior median, ``lo``, ``hi``, ``sparse``) and
    the pooled pole shares of every pole in every state-period, from the raw index table and
    the raw per-pole counts (:func:`multivector_table`, :func:`pole_share_table`)."""
    keys = list(
        zip(
            index.column("actor").to_pylist(),
            index.column("period_start").to_pylist(),
            strict=True,
        )
    )
    pos = {key: i for i, key in enumerate(keys)}
    counts = np.zeros((index.num_rows, len(POLES)))
    pole_col = {p: j for j, p in enumerate(POLES)}
    for a, p, pole, n in zip(
        *(shares.column(c).to_pylist() for c in ("actor", "period_start", "partner", "n")),
        strict=True,
    ):
        counts[pos[(a, p)], pole_col[pole]] = n
    actors = [a for a, _ in keys]
    totals: dict[str, np.ndarray] = {}
    for i, a in enumerate(actors):
        totals[a] = totals.get(a, np.zeros(len(POLES))) + counts[i]
    long_run = np.array([totals[a] for a in actors]).reshape(len(actors), len(POLES))
    if not index.num_rows:
        empty = pa.array([], pa.float64())
        idx = index.append_column("lo", empty).append_column("hi", empty)
        idx = idx.append_column("sparse", pa.array([], pa.bool_()))
        return idx, _share_rows(index, counts, long_run)
    value, lo, hi = pooled_index(counts, long_run, method, seed=seed)
    n = index.column("n").to_pylist()
    sparse = [is_sparse(k, a, b) for k, a, b in zip(n, lo.tolist(), hi.tolist(), strict=True)]
    idx = index.set_column(index.column_names.index("value"), "value", pa.array(value))
    idx = idx.append_column("lo", pa.array(lo)).append_column("hi", pa.array(hi))
    idx = idx.append_column("sparse", pa.array(sparse, pa.bool_()))
    return idx, _share_rows(index, counts, long_run)


def _share_rows(index: pa.Table, counts: np.ndarray, long_run: np.ndarray) -> pa.Table:
    """Every pole's pooled share per state-period, with its interval; ``n`` = period events."""
    alpha = counts + long_run_prior(long_run) if len(counts) else counts
    mean, lo, hi = share_intervals(alpha) if len(counts) else (counts, counts, counts)
    k = len(POLES)
    n = np.asarray(index.column("n").to_pylist(), dtype=np.int64)
    ns = np.repeat(n, k)
    los, his = lo.reshape(-1), hi.reshape(-1)
    return pa.table(
        {
            "actor": pa.array(
                np.repeat(index.column("actor").to_pylist(), k).tolist(), pa.string()
            ),
            "partner": pa.array(list(POLES) * index.num_rows, pa.string()),
            "period": pa.array(
                np.repeat(index.column("period").to_pylist(), k).tolist(), pa.string()
            ),
            "period_start": pa.array(
                [d for d in index.column("period_start").to_pylist() for _ in range(k)],
                pa.date32(),
            ),
            "value": pa.array(mean.reshape(-1), pa.float64()),
            "lo": pa.array(los, pa.float64()),
            "hi": pa.array(his, pa.float64()),
            "n": pa.array(ns, pa.int64()),
            "sparse": pa.array(
                [is_sparse(int(c), a, b) for c, a, b in zip(ns, los, his, strict=True)],
                pa.bool_(),
            ),
        }
    )


def _indicator_rows(
    table: pa.Table, name: str, partner_col: str | None, method: str, now: datetime, freq: str
) -> pa.Table:
    n = table.num_rows
    partner = table.column(partner_col) if partner_col else pa.nulls(n, pa.string())
    return pa.table(
        {
            "name": pa.array([name] * n, pa.string()),
            "actor": table.column("actor"),
            "partner": partner,
            "freq": pa.array([freq] * n, pa.string()),
            "period": table.column("period"),
            "period_start": table.column("period_start"),
            "value": table.column("value"),
            "lo": table.column("lo"),
            "hi": table.column("hi"),
            "n": table.column("n"),
            "sparse": table.column("sparse"),
            "method": pa.array([method] * n, pa.string()),
            "computed_at": pa.array([now] * n, pa.timestamp("us")),
        }
    )
