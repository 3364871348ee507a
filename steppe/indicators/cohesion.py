"""Per-channel and combined multivector indices, regional cohesion and capability shares.

The remaining indicators of issue #4, all written to ``indicators`` with ``period`` = year:

* ``multivector`` partner ``votes`` — the votes channel, from split-vote alignment
  (:func:`steppe.indicators.splitvote.compute_split_votes`).
* ``multivector`` partner ``combined`` — the mean of the channels available for a state-year
  (events, GDELT interaction, trade, votes; :func:`compute_combined_multivector`), with a 90 %
  interval propagated from the channels' intervals by simulation.
* ``cohesion_events``, ``cohesion_votes``, ``cohesion_igo``, ``cohesion_orgs`` — how much the
  six focal states act together (:func:`compute_cohesion`). Region-level rows use the literal
  actor code ``'CA6'`` for the focal group (it is not a registry actor).
* ``capability_share`` — shares of the summed CINC of the focal states and the five powers
  (:func:`compute_capability_shares`).

:func:`compute_alignment_extras` runs all four, skipping those whose inputs are absent.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import ibis
import ibis.expr.types as ir
import numpy as np
import pyarrow as pa

from steppe.domain.codes import FOCAL_STATES
from steppe.domain.errors import IndicatorError
from steppe.indicators.dependence import cooperative_dyad_events
from steppe.indicators.splitvote import compute_split_votes
from steppe.indicators.support import FREQ_SQL, MIN_N, is_sparse
from steppe.store import Store
from steppe.store.engine import DuckDBEngine, Engine, TableSource

GROUP = "CA6"
"""Actor code of the focal group in region-level rows (a literal, not a registry actor)."""

POWERS: tuple[str, ...] = ("RUS", "CHN", "USA", "TUR", "IRN")
"""The single-state poles."""

COHESION_NAMES: tuple[str, ...] = (
    "cohesion_events",
    "cohesion_votes",
    "cohesion_igo",
    "cohesion_orgs",
)
"""Indicator names written by :func:`compute_cohesion`."""

CHANNELS: tuple[str, ...] = ("events", "interaction", "trade", "votes")
"""Channels averaged by :func:`compute_combined_multivector`."""

COMBINED_DRAWS = 4000
"""Simulation draws behind the combined index's interval."""

_Z90 = 1.6448536269514722
"""The standard normal's 95th percentile: a channel's 5th–95th percentiles lie this many of
its half-scales from its point value."""


@dataclass(frozen=True)
class YearValue:
    """One indicator value for an actor (and partner) in a year."""

    name: str
    actor: str
    partner: str | None
    year: int
    value: float
    n: int | None
    method: str
    lo: float | None = None
    hi: float | None = None
    sparse: bool | None = None


# -- pure helpers ----------------------------------------------------------------------------


def pair_means(
    pairs: Mapping[tuple[str, str], float], members: Sequence[str]
) -> tuple[float, dict[str, float], int]:
    """Mean of a symmetric dyadic value over the unordered pairs of ``members`` present in
    ``pairs`` (either order; both orders are averaged once), each member's mean with the
    others, and the number of pairs used.

    >>> pm = {("A", "B"): 0.8, ("B", "A"): 0.8, ("A", "C"): 0.6, ("B", "C"): 1.0}
    >>> group, each, n = pair_means(pm, ["A", "B", "C"])
    >>> round(group, 6), {k: round(v, 6) for k, v in each.items()}, n
    (0.8, {'A': 0.7, 'B': 0.9, 'C': 0.8}, 3)
    """
    dyads: dict[frozenset[str], list[float]] = {}
    for (a, b), value in pairs.items():
        if a != b and a in members and b in members:
            dyads.setdefault(frozenset((a, b)), []).append(value)
    if not dyads:
        raise IndicatorError("no pairs among the members")
    values = {k: sum(v) / len(v) for k, v in dyads.items()}
    each: dict[str, float] = {}
    for m in members:
        mine = [v for k, v in values.items() if m in k]
        if mine:
            each[m] = sum(mine) / len(mine)
    return sum(values.values()) / len(values), each, len(values)


def common_organisations(
    spells: Iterable[tuple[str, str, date | None, date | None]],
    on: date,
    members: Collection[str] = FOCAL_STATES,
) -> list[str]:
    """Organisations in which every one of ``members`` is a member ``on`` a day, from
    membership spells ``(member, org, start, end)`` (dates inclusive, ``None`` = open).

    >>> s = [("A", "X", date(1992, 1, 1), None), ("B", "X", date(1993, 1, 1), None),
    ...      ("A", "Y", None, None), ("B", "Y", None, date(1999, 4, 20))]
    >>> common_organisations(s, date(1992, 7, 1), {"A", "B"})
    ['Y']
    >>> common_organisations(s, date(2000, 7, 1), {"A", "B"})
    ['X']
    """
    present: dict[str, set[str]] = {}
    for member, org, start, end in spells:
        if (start is None or start <= on) and (end is None or on <= end):
            present.setdefault(org, set()).add(member)
    need = set(members)
    return sorted(org for org, have in present.items() if need <= have)


def combined_interval(
    channels: Sequence[tuple[float, float | None, float | None]],
    draws: int = COMBINED_DRAWS,
    seed: int = 0,
    level: float = 0.90,
) -> tuple[float, float, float]:
    """The mean of channel values ``(value, lo, hi)`` with its ``level`` interval, by
    simulation: each channel is drawn independently from the two-piece normal whose median is
    its value and whose 5th and 95th percentiles are its ``lo`` and ``hi`` (a skewed interval
    keeps its skew), clipped to [0, 1]; a channel without an interval (a reported total, such
    as trade) enters at its value. The interval is the 5th–95th percentiles of the mean over
    the draws, widened to the point if the point falls outside. The same ``seed`` gives the
    same interval.

    >>> v, lo, hi = combined_interval([(0.6, 0.5, 0.7), (0.4, 0.3, 0.5)], seed=1)
    >>> round(v, 3), bool(0.41 < lo < 0.45 and 0.55 < hi < 0.59)  # 0.5 ± 0.1 / sqrt(2)
    (0.5, True)
    >>> combined_interval([(0.3, None, None)])
    (0.3, 0.3, 0.3)
    """
    if not channels:
        raise IndicatorError("no channel to combine")
    rng = np.random.default_rng(seed)
    total = np.zeros(draws)
    for value, lo, hi in channels:
        if lo is None or hi is None or math.isnan(lo) or math.isnan(hi):
            total += value
            continue
        z = rng.standard_normal(draws)
        half = np.where(z < 0, value - min(lo, value), max(hi, value) - value) / _Z90
        total += np.clip(value + z * half, 0.0, 1.0)
    mean = total / len(channels)
    point = combine_channels({str(i): c[0] for i, c in enumerate(channels)})
    tail = (1.0 - level) / 2.0
    q_lo, q_hi = (float(q) for q in np.quantile(mean, [tail, 1.0 - tail]))
    return point, min(q_lo, point), max(q_hi, point)


def combine_channels(values: Mapping[str, float]) -> float:
    """Mean of the multivector values of the available channels.

    >>> combine_channels({"events": 0.5, "trade": 0.3, "votes": 1.0})
    0.6
    """
    if not values:
        raise IndicatorError("no channel to combine")
    return round(sum(values.values()) / len(values), 15)


# -- storage ---------------------------------------------------------------------------------

_SCHEMA = pa.schema(
    [
        ("name", pa.string()),
        ("actor", pa.string()),
        ("partner", pa.string()),
        ("year", pa.int32()),
        ("value", pa.float64()),
        ("n", pa.int64()),
        ("method", pa.string()),
        ("lo", pa.float64()),
        ("hi", pa.float64()),
        ("sparse", pa.bool_()),
    ]
)


def _replace(
    store: Store,
    where: str,
    params: list[Any],
    rows: Sequence[YearValue],
    sparse: bool | None = None,
) -> int:
    """Delete the rows matching ``where`` (bound ``params``) and insert ``rows``, atomically;
    yearly rows. ``sparse`` set for all of them, else each row's own (None: left to the
    support rule)."""
    table = pa.Table.from_pylist(
        [
            {
                "name": r.name,
                "actor": r.actor,
                "partner": r.partner,
                "year": r.year,
                "value": r.value,
                "n": r.n,
                "method": r.method,
                "lo": r.lo,
                "hi": r.hi,
                "sparse": r.sparse if sparse is None else sparse,
            }
            for r in rows
        ],
        schema=_SCHEMA,
    )
    with store.transaction() as con:
        con.execute(f"DELETE FROM indicators WHERE {where}", params)
        con.register("_steppe_cohesion", table)
        try:
            con.execute(
                "INSERT INTO indicators (name, actor, partner, freq, period, period_start, value, "
                "lo, hi, n, sparse, method, computed_at) SELECT name, actor, partner, 'year', "
                "CAST(year AS VARCHAR), make_date(year, 1, 1), value, lo, hi, n, sparse, method, "
                "? FROM _steppe_cohesion",
                [datetime.now()],
            )
        finally:
            con.unregister("_steppe_cohesion")
    return len(rows)


def _eu_members_by_year(store: Store, years: Iterable[int]) -> dict[int, set[str]]:
    """EU member states per year (a member in any part of the year, as in the trade index)."""
    spells = store.query(
        "SELECT member, start_date, end_date FROM memberships WHERE org = ? AND role = ?",
        ["EU", "member"],
    )
    out: dict[int, set[str]] = {}
    for y in years:
        out[y] = {
            str(r["member"])
            for r in spells
            if (r["start_date"] is None or r["start_date"].year <= y)
            and (r["end_date"] is None or r["end_date"].year >= y)
        }
    return out


def _agreements(store: Store) -> dict[tuple[str, int], dict[str, float]]:
    """Stored ``vote_agreement`` of each focal state with each partner per year."""
    rows = store.query(
        "SELECT actor, partner, CAST(period AS INTEGER) AS year, value FROM indicators "
        "WHERE name = ? AND list_contains(?, actor) AND partner IS NOT NULL "
        "AND value IS NOT NULL",
        ["vote_agreement", list(FOCAL_STATES)],
    )
    out: dict[tuple[str, int], dict[str, float]] = {}
    for r in rows:
        out.setdefault((str(r["actor"]), int(r["year"])), {})[str(r["partner"])] = float(r["value"])
    return out


# -- 2. combined -----------------------------------------------------------------------------


def compute_combined_multivector(
    store: Store, engine: Engine | None = None, seed: int = 0, draws: int = COMBINED_DRAWS
) -> int:
    """Per focal state and year, the mean of the multivector values of the channels available
    with adequate support: events (the stored, pooled yearly index; run
    :func:`steppe.indicators.multivector.compute_multivector` with ``freq="year"`` first),
    GDELT interaction (its yearly index, rows ``multivector`` / ``interaction`` with a yearly
    period: the same formula over the positive interaction weight, so it measures the same
    balance of cooperative attention as the events channel, from another source), trade (rows
    ``multivector`` / ``trade``) and votes (rows ``multivector`` / ``votes``, split-vote
    alignment). A sparse channel value is left out, so a thin year never drags the combined
    index; a year with no adequate channel has no combined value. An unweighted mean: each
    channel counts once whatever its number of events, days, flows or votes.

    Interval: :func:`combined_interval` (each channel's 90 % interval propagated by
    ``draws`` simulation draws with ``seed``). ``n`` = the channels averaged; ``method`` names
    them with each one's own ``n`` (events, days, partners, split roll calls). The value is
    ``sparse`` by the width rule (interval wider than 0.5): its inputs are adequate by
    construction. Replaces the ``multivector`` rows with partner ``combined``; returns rows
    written. ``engine`` is accepted for symmetry with the other computations and not needed.

    >>> from steppe.store import Store
    >>> with Store(":memory:") as s:
    ...     compute_combined_multivector(s)
    0
    """
    values: dict[tuple[str, int], dict[str, tuple[float, float | None, float | None, int]]] = {}
    for r in store.query(
        "SELECT actor, coalesce(partner, 'events') AS channel, CAST(period AS INTEGER) AS year, "
        "value, lo, hi, n, sparse FROM indicators WHERE name = ? AND value IS NOT NULL "
        "AND (partner IS NULL OR list_contains(?, partner)) "
        f"AND coalesce(freq, {FREQ_SQL}) = 'year'",
        ["multivector", [c for c in CHANNELS if c != "events"]],
    ):
        thin = r["sparse"] if r["sparse"] is not None else is_sparse(r["n"], r["lo"], r["hi"])
        if not thin and not math.isnan(r["value"]):
            values.setdefault((str(r["actor"]), int(r["year"])), {})[str(r["channel"])] = (
                float(r["value"]),
                r["lo"],
                r["hi"],
                r["n"],
            )
    rows = []
    for (actor, year), ch in sorted(values.items()):
        if actor not in FOCAL_STATES:
            continue
        order = [c for c in CHANNELS if c in ch]
        value, lo, hi = combined_interval([ch[c][:3] for c in order], draws=draws, seed=seed + year)
        rows.append(
            YearValue(
                "multivector",
                actor,
                "combined",
                year,
                value,
                len(ch),
                "mean of channels: "
                + ", ".join(f"{c} (n={ch[c][3]})" for c in order)
                + f"; 90 % interval by simulation ({draws} draws)",
                lo,
                hi,
                is_sparse(MIN_N, lo, hi),
            )
        )
    return _replace(store, "name = ? AND partner = ?", ["multivector", "combined"], rows)


# -- 3. cohesion -----------------------------------------------------------------------------


def cohesion_events_table(con: TableSource, states: Iterable[str] = FOCAL_STATES) -> ir.Table:
    """The intra-regional share of cooperative events per actor and year as an Ibis expression
    (runs unchanged on DuckDB or Spark): ``actor, year, value, n`` (see :func:`cohesion_events`).
    """
    focal = list(states)
    dyads = cooperative_dyad_events(con.table("events"))
    coop = dyads.filter(dyads.source_actor.isin(focal) | dyads.target_actor.isin(focal))
    pairs = coop.group_by(
        year=coop.date.year(), s=coop.source_actor, t=coop.target_actor
    ).aggregate(n=coop.count())
    sides = (
        pairs.filter(pairs.s.isin(focal))
        .select(actor=pairs.s, partner=pairs.t, year=pairs.year, n=pairs.n)
        .union(
            pairs.filter(pairs.t.isin(focal)).select(
                actor=pairs.t, partner=pairs.s, year=pairs.year, n=pairs.n
            ),
            distinct=False,
        )
    )
    per_state = sides.group_by(["actor", "year"]).aggregate(
        intra=sides.partner.isin(focal).ifelse(sides.n, 0).sum(), n=sides.n.sum()
    )
    both = pairs.s.isin(focal) & pairs.t.isin(focal)
    group = pairs.group_by("year").aggregate(intra=both.ifelse(pairs.n, 0).sum(), n=pairs.n.sum())
    group = group.select(actor=ibis.literal(GROUP), year=group.year, intra=group.intra, n=group.n)
    rows = per_state.union(group, distinct=False)
    return rows.select(
        actor=rows.actor,
        year=rows.year.cast("int32"),
        value=rows.intra.cast("float64") / rows.n.cast("float64"),
        n=rows.n.cast("int64"),
    ).order_by(["actor", "year"])


def cohesion_events(store: Store, engine: Engine | None = None) -> list[YearValue]:
    """``cohesion_events``: intra-regional share of cooperative events per year. Per focal
    state, events (quad classes 1-2) with another focal state / its events with any partner;
    for CA6, events between two focal states / events with a focal state on either side (each
    event once). Events without a partner or with the state itself are left out. Runs
    :func:`cohesion_events_table` on ``engine`` (default: the store's DuckDB)."""
    engine = engine or DuckDBEngine(store)
    table = engine.to_arrow(cohesion_events_table(engine))
    method = "intra-regional share of cooperative events (quad 1-2); year"
    return [
        YearValue("cohesion_events", str(actor), None, int(year), float(value), int(n), method)
        for actor, year, value, n in zip(
            *(table.column(c).to_pylist() for c in ("actor", "year", "value", "n")), strict=True
        )
    ]


def _pair_rows(
    name: str, pairs_by_year: Mapping[int, dict[tuple[str, str], float]], method: str
) -> list[YearValue]:
    out: list[YearValue] = []
    for year, pairs in sorted(pairs_by_year.items()):
        try:
            group, each, n = pair_means(pairs, FOCAL_STATES)
        except IndicatorError:
            continue
        out.append(YearValue(name, GROUP, None, year, group, n, method))
        for actor, value in sorted(each.items()):
            mine = {b for a, b in pairs if a == actor} | {a for a, b in pairs if b == actor}
            out.append(YearValue(name, actor, None, year, value, len(mine - {actor}), method))
    return out


def cohesion_votes(store: Store) -> list[YearValue]:
    """``cohesion_votes``: CA6 = mean vote agreement over the pairs of focal states with a
    stored ``vote_agreement`` that year (15 when all voted); per state = its mean agreement
    with the other five. ``n`` = pairs."""
    by_year: dict[int, dict[tuple[str, str], float]] = {}
    for (actor, year), partners in _agreements(store).items():
        for partner, value in partners.items():
            if partner in FOCAL_STATES and partner != actor:
                by_year.setdefault(year, {})[(actor, partner)] = value
    return _pair_rows(
        "cohesion_votes", by_year, "mean pairwise UNGA vote agreement among focal states; year"
    )


def cohesion_igo(store: Store) -> list[YearValue]:
    """``cohesion_igo``: mean number of joint IGO full memberships over the focal pairs per
    year (``ties`` channel ``joint_igo``, COW IGO dyadic data, Pevehouse et al. 2020); per state
    = its mean with the other five. Empty when no COW IGO data were loaded."""
    by_year: dict[int, dict[tuple[str, str], float]] = {}
    for r in store.query(
        "SELECT CAST(period AS INTEGER) AS year, a, b, avg(value) AS value FROM ties "
        "WHERE channel = ? AND value IS NOT NULL AND list_contains(?, a) "
        "AND list_contains(?, b) GROUP BY ALL",
        ["joint_igo", list(FOCAL_STATES), list(FOCAL_STATES)],
    ):
        by_year.setdefault(int(r["year"]), {})[(str(r["a"]), str(r["b"]))] = float(r["value"])
    return _pair_rows(
        "cohesion_igo", by_year, "mean joint IGO memberships of focal pairs (COW IGO); year"
    )


def cohesion_orgs(store: Store, last: int | None = None) -> list[YearValue]:
    """``cohesion_orgs`` (CA6): number of organisations and formats (registry kind
    ``organisation`` or ``format``) in which all six focal states are members (role
    ``member``) on 1 July of each year from 1992 to ``last`` (default: the current year),
    from the packaged ``memberships`` table. ``method`` lists them."""
    spells = [
        (str(r["member"]), str(r["org"]), r["start_date"], r["end_date"])
        for r in store.query(
            "SELECT m.member, m.org, m.start_date, m.end_date FROM memberships m "
            "JOIN actors a ON a.code = m.org WHERE m.role = ? AND list_contains(?, a.kind)",
            ["member", ["organisation", "format"]],
        )
    ]
    if not spells:
        return []
    out: list[YearValue] = []
    for year in range(1992, (last or date.today().year) + 1):
        orgs = common_organisations(spells, date(year, 7, 1))
        method = "organisations/formats with all six focal states as members on 1 July: " + (
            ", ".join(orgs) or "none"
        )
        out.append(YearValue("cohesion_orgs", GROUP, None, year, float(len(orgs)), 6, method))
    return out


def compute_cohesion(store: Store, engine: Engine | None = None) -> int:
    """Regional cohesion per year; replaces the rows named in :data:`COHESION_NAMES`. Returns
    rows written. Region-level rows have actor ``'CA6'``, a literal code for the six focal
    states (nothing is added to the registry); per-state rows have the state's code.

    * ``cohesion_events`` (per state and CA6) — share of cooperative events (CAMEO quad 1-2)
      that are between two focal states (:func:`cohesion_events`).
    * ``cohesion_votes`` (per state and CA6) — mean pairwise UN vote agreement
      (:func:`cohesion_votes`).
    * ``cohesion_igo`` (per state and CA6) — mean joint IGO memberships of focal pairs, only
      when COW IGO ``joint_igo`` ties are loaded (:func:`cohesion_igo`).
    * ``cohesion_orgs`` (CA6) — organisations and formats with all six as members on 1 July,
      1992 to now, from the packaged memberships (:func:`cohesion_orgs`).

    >>> from steppe.store import Store
    >>> with Store(":memory:") as s:
    ...     compute_cohesion(s)
    0
    """
    rows = cohesion_events(store, engine) + cohesion_votes(store) + cohesion_igo(store)
    rows += cohesion_orgs(store)
    return _replace(store, "list_contains(?, name)", [list(COHESION_NAMES)], rows)


# -- 4. capabilities -------------------------------------------------------------------------


def compute_capability_shares(store: Store) -> int:
    """``capability_share``: each focal state's and power's share of the summed CINC of the
    focal states and RUS, CHN, USA, TUR, IRN in a year, :math:`c_i / \\sum_{j \\in G} c_j`
    over the members of G with a CINC that year (COW National Material Capabilities v6,
    Singer, Bremer & Stuckey 1972; loaded by ``steppe ingest reference --kind nmc``).
    ``n`` = states in the denominator. Returns rows written; 0 (and nothing changed) when the
    ``capabilities`` table is empty.

    >>> from steppe.store import Store
    >>> with Store(":memory:") as s:
    ...     _ = s.con.execute("INSERT INTO capabilities (country, year, cinc, source) VALUES "
    ...                       "('RUS', 2010, 0.06, 't'), ('KAZ', 2010, 0.02, 't')")
    ...     compute_capability_shares(s)
    2
    """
    if not store.count("capabilities"):
        return 0
    group = list(FOCAL_STATES + POWERS)
    rows = store.query(
        "SELECT country, year, cinc / sum(cinc) OVER (PARTITION BY year) AS value, "
        "count(*) OVER (PARTITION BY year) AS n FROM capabilities "
        "WHERE list_contains(?, country) AND cinc IS NOT NULL AND cinc >= 0 "
        "QUALIFY sum(cinc) OVER (PARTITION BY year) > 0 ORDER BY country, year",
        [group],
    )
    method = "share of summed CINC of KAZ KGZ TJK TKM UZB AZE RUS CHN USA TUR IRN (COW NMC)"
    out = [
        YearValue(
            "capability_share",
            str(r["country"]),
            None,
            int(r["year"]),
            float(r["value"]),
            int(r["n"]),
            method,
        )
        for r in rows
    ]
    return _replace(store, "name = ?", ["capability_share"], out)


# -- all -------------------------------------------------------------------------------------


def compute_alignment_extras(
    store: Store, engine: Engine | None = None, seed: int = 0
) -> dict[str, int]:
    """Run the four computations above, skipping those whose inputs are absent; returns rows
    written per family: ``split_vote`` (split-vote alignment and the votes channel; needs
    UN votes),
    ``combined_multivector``, ``cohesion`` (always: the memberships are packaged) and
    ``capability_share`` (needs ``capabilities``). Run after ``steppe.measure``. The event
    parts run on ``engine`` (default: the store's DuckDB).

    >>> from steppe.store import Store
    >>> with Store(":memory:") as s:
    ...     compute_alignment_extras(s)
    {'combined_multivector': 0, 'cohesion': 0}
    """
    out: dict[str, int] = {}
    if store.count("votes"):
        out["split_vote"] = compute_split_votes(store)
    out["combined_multivector"] = compute_combined_multivector(store, engine, seed=seed)
    out["cohesion"] = compute_cohesion(store, engine)
    if store.count("capabilities"):
        out["capability_share"] = compute_capability_shares(store)
    return out
