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

Rows are written for each focal state *a* and every partner *b* it cooperated with that year;
``n`` = :math:`n_{ab}`. :math:`N_b` counts all of *b*'s cooperative events, with any partner.
Both are Ibis expressions (:func:`dependence_table`) and run unchanged on DuckDB or Spark.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from steppe.domain.codes import COOPERATIVE_QUAD_CLASSES, FOCAL_STATES
from steppe.indicators.scope import counted_events
from steppe.store import Store
from steppe.store.engine import DuckDBEngine, Engine, TableSource

NAMES: tuple[str, ...] = ("coop_share", "coop_asymmetry")
"""Indicator names written by :func:`compute_event_dependence`."""


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
    coop_share CHN 0.3333
    coop_share RUS 0.6667

    KAZ's 3 cooperative events: 2 with RUS, 1 with CHN. CHN's only one is with KAZ, so KAZ
    depends on CHN less (1/3) than CHN on KAZ (1); RUS's 3 events: 2 with KAZ, 1 with USA.
    """
    engine = engine or DuckDBEngine(store)
    table = engine.to_arrow(dependence_table(engine, states))
    rows = pa.concat_tables(
        [
            _rows(
                table,
                "coop_share",
                "share",
                "share of the actor's cooperative events "
                "(quad 1-2) that are with the partner; year",
            ),
            _rows(
                table,
                "coop_asymmetry",
                "asymmetry",
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
                "INSERT INTO indicators (name, actor, partner, period, period_start, value, lo, "
                "hi, n, method, computed_at) SELECT name, actor, partner, period, period_start, "
                "value, NULL, NULL, n, method, ? FROM _steppe_dependence",
                [datetime.now()],
            )
        finally:
            con.unregister("_steppe_dependence")
    return int(rows.num_rows)


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
            "n": table.column("n"),
            "method": pa.array([method] * n, pa.string()),
        }
    )
