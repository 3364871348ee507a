"""Dependence in cooperation, from events: how much of a state's cooperation one partner holds,
and whether that dependence is mutual.

For actors *a*, *b* and year *t*, let :math:`n_{ab}` be the number of cooperative events (CAMEO
quad classes 1 and 2) between *a* and *b*, in either direction, and :math:`N_a = \\sum_b n_{ab}`
over every partner (events without a partner, or with the actor itself, are left out):

* ``coop_share`` — :math:`s_{ab} = n_{ab} / N_a`, *b*'s share of *a*'s cooperation: the event
  analogue of ``trade_share`` (partner share of a state's trade or cooperation).
* ``coop_asymmetry`` — :math:`s_{ab} - s_{ba} = n_{ab}/N_a - n_{ab}/N_b`: positive when *a*
  depends on *b* more than *b* on *a* (asymmetric interdependence, Keohane & Nye 1977), as
  ``trade_asymmetry`` is for trade.

**Support rule for** ``coop_share`` (as for the pooled pole shares of the multivector index,
:mod:`steppe.indicators.support`): a year's partner shares of a state with few cooperative
events are mostly noise, so the stored value is the posterior mean of the Dirichlet–multinomial
model whose prior is centred on the state's own long-run partner shares :math:`q_b` (all its
years together; :func:`steppe.indicators.support.long_run_prior`, concentration c = 10
pseudo-events): :math:`\\hat s_{ab} = (n_{ab} + c\\,q_b) / (N_a + c)`, with the 5th–95th
percentiles of its Beta margin as ``lo``–``hi`` (:func:`steppe.indicators.support.share_intervals`;
the point always lies inside). ``n`` = :math:`N_a`, the state's cooperative events that year
(the count the share is a fraction of); the value is ``sparse`` when n < 10 or the interval is
wider than 0.5. Rows: each partner the state cooperated with that year, and each of its
long-run partners (at least 10 cooperative events over all years, :data:`MIN_LONG_RUN`) in
every year the state has cooperative events at all, so a main partner's series has no silent
gaps (a year without events with it reads as its pooled share, near :math:`c\\,q_b / (N_a + c)`).

``coop_asymmetry`` stays the raw difference :math:`s_{ab} - s_{ba}` of the year's own counts,
``n`` = :math:`n_{ab}`, written for the partners the state cooperated with that year.
:math:`N_b` counts all of *b*'s cooperative events, with any partner. The counts are Ibis
expressions (:func:`dependence_table`) and run unchanged on DuckDB or Spark; the pooling runs
here on the counts the engine returns.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import ibis
import ibis.expr.types as ir
import numpy as np
import pyarrow as pa

from steppe.domain.codes import COOPERATIVE_QUAD_CLASSES, FOCAL_STATES
from steppe.indicators.scope import counted_events
from steppe.indicators.support import (
    CONCENTRATION,
    MIN_N,
    is_sparse,
    long_run_prior,
    share_intervals,
)
from steppe.store import Store
from steppe.store.engine import DuckDBEngine, Engine, TableSource

NAMES: tuple[str, ...] = ("coop_share", "coop_asymmetry")
"""Indicator names written by :func:`compute_event_dependence`."""

MIN_LONG_RUN = MIN_N
"""A partner with at least this many cooperative events with the state over all years gets a
``coop_share`` row in every year the state has cooperative events (see the module text)."""


def cooperative_dyad_events(ev: ir.Table) -> ir.Table:
    """The cooperative events (quad class 1 or 2) between two different, resolved actors,
    among those counted (:func:`~steppe.indicators.scope.counted_events`)."""
    ev = counted_events(ev)
    return ev.filter(
        ev.quad_class.isin(list(COOPERATIVE_QUAD_CLASSES)),
        ev.source_actor.notnull(),
        ev.target_actor.notnull(),
        ev.source_actor != ev.target_actor,
    )


def cooperation_dyads(con: TableSource) -> ir.Table:
    """Cooperative events per (actor, partner, year), each event counted once for each of its
    two sides: ``actor, partner, year, n``. Symmetric: the row (a, b) has the n of (b, a)."""
    coop = cooperative_dyad_events(con.table("events"))
    # count directed pairs first: the two sides are then built from thousands of rows, not
    # from every event
    pairs = coop.group_by(
        s=coop.source_actor, t=coop.target_actor, year=coop.date.year()
    ).aggregate(n=coop.count())
    sides = pairs.select(actor=pairs.s, partner=pairs.t, year=pairs.year, n=pairs.n).union(
        pairs.select(actor=pairs.t, partner=pairs.s, year=pairs.year, n=pairs.n), distinct=False
    )
    return sides.group_by(["actor", "partner", "year"]).aggregate(n=sides.n.sum())


def dependence_table(con: TableSource, states: Iterable[str] = FOCAL_STATES) -> ir.Table:
    """Per focal state, partner and year: ``share`` (:math:`s_{ab}`), ``back`` (:math:`s_{ba}`),
    ``asymmetry`` (:math:`s_{ab} - s_{ba}`) and ``n`` (:math:`n_{ab}`), with ``period`` (the
    year as text) and ``period_start``."""
    d = cooperation_dyads(con)
    totals = d.group_by(["actor", "year"]).aggregate(total=d.n.sum())
    mine = d.filter(d.actor.isin(list(states)))
    mine = mine.join(totals, ["actor", "year"])
    back = totals.select(b_actor=totals.actor, b_year=totals.year, b_total=totals.total)
    joined = mine.join(back, (mine.partner == back.b_actor) & (mine.year == back.b_year))
    n = joined.n.cast("float64")
    share = n / joined.total.cast("float64")
    back_share = n / joined.b_total.cast("float64")
    return joined.select(
        actor=joined.actor,
        partner=joined.partner,
        period=joined.year.cast("string"),
        period_start=ibis.date(joined.year, 1, 1),
        share=share,
        back=back_share,
        asymmetry=share - back_share,
        n=joined.n.cast("int64"),
    ).order_by(["actor", "partner", "period"])


def compute_event_dependence(
    store: Store, engine: Engine | None = None, states: Iterable[str] = FOCAL_STATES
) -> int:
    """Replace the ``coop_share`` and ``coop_asymmetry`` rows of ``indicators`` with values
    computed on ``engine`` (default: the store's DuckDB). Returns rows written.

    >>> from datetime import date
    >>> from steppe.store.reference import insert_rows
    >>> ev = [("KAZ", "RUS"), ("RUS", "KAZ"), ("KAZ", "CHN"), ("RUS", "USA")]
    >>> with Store(":memory:") as s:
    ...     _ = insert_rows(s, "events", [
    ...         {"event_id": str(i), "date": date(2020, 5, 1), "source_actor": a,
    ...          "target_actor": b, "cameo": "042", "quad_class": 1, "origin": "t"}
    ...         for i, (a, b) in enumerate(ev)])
    ...     compute_event_dependence(s)
    ...     for r in s.query("SELECT * FROM indicators WHERE actor = 'KAZ' ORDER BY 1, 3"):
    ...         print(r["name"], r["partner"], round(r["value"], 4))
    4
    coop_asymmetry CHN -0.6667
    coop_asymmetry RUS 0.0
    coop_share CHN 0.3654
    coop_share RUS 0.6346

    KAZ's 3 cooperative events: 2 with RUS, 1 with CHN. CHN's only one is with KAZ, so KAZ
    depends on CHN less (1/3) than CHN on KAZ (1); RUS's 3 events: 2 with KAZ, 1 with USA.
    The stored shares are pooled toward KAZ's long run, here the same year: RUS (2 + 10 ·
    2.5/4) / 13 = 0.6346 (sparse: n = 3).
    """
    engine = engine or DuckDBEngine(store)
    table = engine.to_arrow(dependence_table(engine, states))
    shares = pooled_coop_shares(table)
    now = datetime.now()
    rows = pa.concat_tables(
        [
            _rows(
                shares,
                "coop_share",
                "value",
                "share of the actor's cooperative events (quad 1-2) that are with the partner; "
                f"pooled toward the actor's long-run partner shares (c={CONCENTRATION:g}); "
                "n = the actor's cooperative events; year",
            ),
            _rows(
                _raw_asymmetry(table),
                "coop_asymmetry",
                "value",
                "partner's share of the actor's "
                "cooperative events minus the actor's share of the partner's; year",
            ),
        ]
    )
    with store.transaction() as con:
        con.execute("DELETE FROM indicators WHERE list_contains(?, name)", [list(NAMES)])
        con.register("_steppe_dependence", rows)
        try:
            con.execute(
                "INSERT INTO indicators (name, actor, partner, freq, period, period_start, value, "
                "lo, hi, n, sparse, method, computed_at) SELECT name, actor, partner, 'year', "
                "period, period_start, value, lo, hi, n, sparse, method, ? "
                "FROM _steppe_dependence",
                [now],
            )
        finally:
            con.unregister("_steppe_dependence")
    return int(rows.num_rows)


def pooled_coop_shares(
    table: pa.Table, concentration: float = CONCENTRATION, min_long_run: int = MIN_LONG_RUN
) -> pa.Table:
    """The pooled ``coop_share`` of each row set described in the module text, from the counts
    of :func:`dependence_table` (``actor, partner, period, period_start, n``): columns ``actor,
    partner, period, period_start, value, lo, hi, n, sparse`` with ``n`` = the actor's
    cooperative events in the year.

    >>> from datetime import date
    >>> t = pa.table({"actor": ["KAZ"] * 3, "partner": ["RUS", "CHN", "RUS"],
    ...               "period": ["2019", "2019", "2020"],
    ...               "period_start": [date(2019, 1, 1), date(2019, 1, 1), date(2020, 1, 1)],
    ...               "n": [30, 10, 1]})
    >>> out = pooled_coop_shares(t).to_pylist()
    >>> for r in out:
    ...     print(r["period"], r["partner"], round(r["value"], 3), r["n"], r["sparse"])
    2019 CHN 0.25 40 False
    2019 RUS 0.75 40 False
    2020 CHN 0.227 1 True
    2020 RUS 0.773 1 True

    One event with RUS in 2020 no longer reads as a share of 1: the prior is KAZ's long run
    (31 RUS, 10 CHN), so RUS's share is (1 + 10 · 31.5/42) / 11 = 0.773.
    """
    cols = ("actor", "partner", "period", "period_start", "n")
    data = list(zip(*(table.column(c).to_pylist() for c in cols), strict=True))
    out: dict[str, list[object]] = {k: [] for k in ("actor", "partner", "period", "period_start")}
    values: list[tuple[float, float, float, int]] = []
    for actor in sorted({r[0] for r in data}):
        mine = [r for r in data if r[0] == actor]
        partners = sorted({str(r[1]) for r in mine})
        col = {p: j for j, p in enumerate(partners)}
        years = sorted({(str(r[2]), r[3]) for r in mine}, key=lambda y: y[1])
        row = {y: i for i, y in enumerate(years)}
        counts = np.zeros((len(years), len(partners)))
        for _, partner, period, start, n in mine:
            counts[row[(str(period), start)], col[str(partner)]] += n
        long_run = counts.sum(axis=0)
        alpha = counts + long_run_prior(long_run, concentration)
        mean, lo, hi = share_intervals(alpha)
        main = long_run >= min_long_run
        totals = counts.sum(axis=1)
        for (period, start), i in row.items():
            for p, j in col.items():
                if counts[i, j] > 0 or main[j]:
                    out["actor"].append(actor)
                    out["partner"].append(p)
                    out["period"].append(period)
                    out["period_start"].append(start)
                    values.append(
                        (float(mean[i, j]), float(lo[i, j]), float(hi[i, j]), int(totals[i]))
                    )
    return pa.table(
        {
            "actor": pa.array(out["actor"], pa.string()),
            "partner": pa.array(out["partner"], pa.string()),
            "period": pa.array(out["period"], pa.string()),
            "period_start": pa.array(out["period_start"], pa.date32()),
            "value": pa.array([v[0] for v in values], pa.float64()),
            "lo": pa.array([v[1] for v in values], pa.float64()),
            "hi": pa.array([v[2] for v in values], pa.float64()),
            "n": pa.array([v[3] for v in values], pa.int64()),
            "sparse": pa.array([is_sparse(v[3], v[1], v[2]) for v in values], pa.bool_()),
        }
    )


def _raw_asymmetry(table: pa.Table) -> pa.Table:
    n = table.num_rows
    return pa.table(
        {
            "actor": table.column("actor"),
            "partner": table.column("partner"),
            "period": table.column("period"),
            "period_start": table.column("period_start"),
            "value": table.column("asymmetry"),
            "lo": pa.nulls(n, pa.float64()),
            "hi": pa.nulls(n, pa.float64()),
            "n": table.column("n"),
            "sparse": pa.array(
                [is_sparse(int(k), unit_scale=False) for k in table.column("n").to_pylist()],
                pa.bool_(),
            ),
        }
    )


def _rows(table: pa.Table, name: str, column: str, method: str) -> pa.Table:
    n = table.num_rows
    return pa.table(
        {
            "name": pa.array([name] * n, pa.string()),
            "actor": table.column("actor"),
            "partner": table.column("partner"),
            "period": table.column("period"),
            "period_start": table.column("period_start"),
            "value": table.column(column),
            "lo": table.column("lo"),
            "hi": table.column("hi"),
            "n": table.column("n"),
            "sparse": table.column("sparse"),
            "method": pa.array([method] * n, pa.string()),
        }
    )
