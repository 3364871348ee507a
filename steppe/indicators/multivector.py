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

Uncertainty: few events make the index jumpy (one event gives M = 0). ``lo`` and ``hi`` are the
5th and 95th percentiles of M over draws of the pole shares from their Dirichlet(n_k + 1/K)
posterior (Perks prior: one event's weight spread over the poles), with a fixed ``seed``. With
one event the band spans most of [0, 1]; it narrows as events accumulate.
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
from steppe.store import Store
from steppe.store.engine import DuckDBEngine, Engine, TableSource

METHODS = ("hhi", "entropy")
FREQUENCIES = ("quarter", "year")


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
    """Compute the multivector index (with its credible interval) and the pole shares, and
    replace them in ``indicators``. The expressions run on ``engine`` (default: the store's
    DuckDB); the interval is drawn here from the counts the engine returns, so it is the same
    whichever engine counted.

    Returns the number of multivector rows written.

    >>> from steppe.store import Store
    >>> with Store(":memory:") as s:
    ...     compute_multivector(s)
    0
    """
    engine = engine or DuckDBEngine(store)
    index = engine.to_arrow(multivector_table(engine, freq, method))
    shares = engine.to_arrow(pole_share_table(engine, freq))
    index = _with_interval(index, shares, method, seed)
    now = datetime.now()
    method_label = f"{method}; {len(POLES)} poles; cooperative events ({scope_label()}); {freq}"
    rows = pa.concat_tables(
        [
            _indicator_rows(index, "multivector", None, method_label, now),
            _indicator_rows(
                shares,
                "pole_share",
                "partner",
                f"share of cooperative events ({scope_label()}); {freq}",
                now,
            ),
        ]
    )
    with store.transaction() as db:
        db.execute(
            "DELETE FROM indicators WHERE (name = 'multivector' AND partner IS NULL) "
            "OR name = 'pole_share'"
        )
        db.register("_steppe_ind", rows)
        db.execute(
            "INSERT INTO indicators (name, actor, partner, period, period_start, value, "
            "lo, hi, n, method, computed_at) SELECT name, actor, partner, period, "
            "period_start, value, lo, hi, n, method, computed_at FROM _steppe_ind"
        )
        db.unregister("_steppe_ind")
    return int(index.num_rows)


def _with_interval(index: pa.Table, shares: pa.Table, method: str, seed: int) -> pa.Table:
    """Add ``lo``/``hi`` columns to the index table from the per-pole counts."""
    pos = {
        (a, p): i
        for i, (a, p) in enumerate(
            zip(
                index.column("actor").to_pylist(),
                index.column("period_start").to_pylist(),
                strict=True,
            )
        )
    }
    counts = np.zeros((index.num_rows, len(POLES)))
    pole_col = {p: j for j, p in enumerate(POLES)}
    for a, p, pole, n in zip(
        *(shares.column(c).to_pylist() for c in ("actor", "period_start", "partner", "n")),
        strict=True,
    ):
        counts[pos[(a, p)], pole_col[pole]] = n
    lo, hi = (
        posterior_interval(counts, method, seed=seed)
        if index.num_rows
        else (np.zeros(0), np.zeros(0))
    )
    return index.append_column("lo", pa.array(lo)).append_column("hi", pa.array(hi))


def _indicator_rows(
    table: pa.Table, name: str, partner_col: str | None, method: str, now: datetime
) -> pa.Table:
    n = table.num_rows
    partner = table.column(partner_col) if partner_col else pa.nulls(n, pa.string())
    nulls = pa.nulls(n, pa.float64())
    return pa.table(
        {
            "name": pa.array([name] * n, pa.string()),
            "actor": table.column("actor"),
            "partner": partner,
            "period": table.column("period"),
            "period_start": table.column("period_start"),
            "value": table.column("value"),
            "lo": table.column("lo") if "lo" in table.column_names else nulls,
            "hi": table.column("hi") if "hi" in table.column_names else nulls,
            "n": table.column("n"),
            "method": pa.array([method] * n, pa.string()),
            "computed_at": pa.array([now] * n, pa.timestamp("us")),
        }
    )
