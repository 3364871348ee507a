"""Trade dependence and capabilities from the reference ``ties`` and ``capabilities`` tables.

* ``trade_share`` — partner *b*'s share of *a*'s trade in a year:
  :math:`s_{ab} = (x_{ab} + x_{ba}) / \\sum_k (x_{ak} + x_{ka})`, on one basis per state-year
  (:class:`TradeBasis`): the state's own reported exports and imports (stat.uz), COW Trade v4
  complete dyadic flows (Barbieri, Keshk & Pollins 2009; to 2014), or its reported imports only
  (national statistics, 2019–2023). Units (EUR, USD) are never added together. The denominator
  is the reported world total where the basis has one, else the trade with the partners present
  in the file (the COW focal subset in ``../shared`` is such a file).
* ``eu_exports`` / ``eu_imports`` — Eurostat's view of the EU side, monthly to 2024.
* ``trade_hhi`` — Herfindahl-Hirschman concentration of those shares, :math:`\\sum_b s_{ab}^2`.
* ``trade_asymmetry`` — :math:`s_{ab} - s_{ba}`: positive when *a* depends on *b* more than
  *b* on *a* (Keohane & Nye's asymmetric interdependence).
* ``multivector`` channel ``trade`` — :func:`steppe.indicators.multivector.multivector_index`
  over trade per pole (registry ``pole`` of the partner, EU members to ``EU``).
* ``cinc_share`` — a state's share of the summed CINC of a group of states in a year (COW
  National Material Capabilities v6; Singer, Bremer & Stuckey 1972).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pyarrow as pa

from steppe.domain.codes import FOCAL_STATES, POLES
from steppe.domain.errors import IndicatorError
from steppe.indicators.multivector import multivector_index
from steppe.store import Store

Row = dict[str, object]


def shares(totals: Mapping[str, float]) -> dict[str, float]:
    """Each partner's share of the total.

    >>> shares({"RUS": 3.0, "CHN": 1.0})
    {'RUS': 0.75, 'CHN': 0.25}
    """
    total = float(sum(totals.values()))
    if total <= 0:
        raise IndicatorError("no trade: shares are undefined")
    return {k: v / total for k, v in totals.items()}


def hhi(totals: Mapping[str, float]) -> float:
    """Herfindahl-Hirschman concentration of partner shares (1 = one partner).

    >>> hhi({"RUS": 3.0, "CHN": 1.0})
    0.625
    """
    return sum(s * s for s in shares(totals).values())


def asymmetry(share_ab: float, share_ba: float) -> float:
    """Dependence asymmetry: *a*'s dependence on *b* minus *b*'s on *a*.

    >>> asymmetry(0.2, 0.01)
    0.19
    """
    return round(share_ab - share_ba, 12)


_FLOWS = """
SELECT CAST(substr(period, 1, 4) AS INTEGER) AS year, a, b, channel, unit,
    regexp_replace(source, ': [^:]*$', '') AS family, sum(value) AS value
FROM ties
WHERE channel IN ('trade_flow', 'trade_exports', 'trade_imports') AND value IS NOT NULL
    AND regexp_full_match(period, '[0-9]{4}')
GROUP BY ALL ORDER BY ALL
"""

WORLD = "WLD"
"""Partner code of a reported world total (see :mod:`steppe.ingest.trade_files`)."""


@dataclass(frozen=True, order=True)
class TradeBasis:
    """Where a state-year's partner shares come from: a source family in one unit, with the
    flows it covers, reported by the state itself or (``reporter`` ``None``) complete dyadic
    flows such as COW's.

    >>> TradeBasis(2, "National statistics", "EUR", "imports", "KAZ").label()
    'National statistics, imports reported by KAZ, EUR'
    """

    rank: int
    family: str
    unit: str
    flows: str
    reporter: str | None

    def label(self) -> str:
        who = f"reported by {self.reporter}" if self.reporter else "dyadic"
        return f"{self.family}, {self.flows} {who}, {self.unit}"


def trade_totals(store: Store) -> dict[tuple[str, int], dict[TradeBasis, dict[str, float]]]:
    """Per (state, year) and basis, the trade with each partner (exports + imports over the
    flows the basis covers; ``WLD`` = the reported world total). Units are never added: each
    basis holds one unit."""
    rows = store.query(_FLOWS)
    if not rows:
        raise IndicatorError(
            "no trade flows in the store: ingest_reference(store, 'cow-trade' | "
            "'national-trade' | 'eurostat-trade')"
        )
    sides: dict[tuple[str, int, str, str, str | None], dict[str, dict[str, float]]] = {}
    for r in rows:
        year, a, b, channel = int(r["year"]), str(r["a"]), str(r["b"]), str(r["channel"])
        value = float(r["value"])
        views: list[tuple[str, str, str, str | None]]
        if channel == "trade_flow":
            views = [(a, b, "both", None), (b, a, "both", None)]
        elif channel == "trade_exports":
            views = [(a, b, "exports", a)]
        else:
            views = [(b, a, "imports", b)]
        for actor, partner, flow, reporter in views:
            key = (actor, year, str(r["family"]), str(r["unit"]), reporter)
            per_flow = sides.setdefault(key, {})
            cell = per_flow.setdefault(flow, {})
            cell[partner] = cell.get(partner, 0.0) + value
    out: dict[tuple[str, int], dict[TradeBasis, dict[str, float]]] = {}
    for (actor, year, family, unit, reporter), per_flow in sides.items():
        if reporter is None:
            flows, rank = "exports+imports", 1
        elif {"exports", "imports"} <= set(per_flow):
            flows, rank = "exports+imports", 0
        else:
            flows = next(iter(per_flow))
            rank = 2 if flows == "imports" else 3
        totals: dict[str, float] = {}
        for cell in per_flow.values():
            for partner, v in cell.items():
                totals[partner] = totals.get(partner, 0.0) + v
        if reporter and len(per_flow) == 2 and not all(WORLD in c for c in per_flow.values()):
            totals.pop(WORLD, None)  # a world total for one flow only is no denominator
        basis = TradeBasis(rank, family, unit, flows, reporter)
        out.setdefault((actor, year), {})[basis] = totals
    return out


def trade_indicators(store: Store, states: Iterable[str] = FOCAL_STATES) -> list[Row]:
    """``trade_share``, ``trade_asymmetry``, ``trade_hhi`` and the ``multivector`` (channel
    trade) rows for ``states``: dicts with name, actor, partner, period, value, n, method.

    Each state-year uses one basis (:class:`TradeBasis`), the first available of: the state's
    own reported exports and imports, complete dyadic flows (COW), its reported imports, its
    reported exports. Shares divide by the reported world total where the basis has one, else
    by the sum over the partners present. ``n`` is the number of partners; ``method`` names the
    basis, its unit and the denominator. Asymmetry needs the partner's shares on a basis with
    the same unit and flows."""
    by = trade_totals(store)
    chosen = {key: min(bases.items()) for key, bases in by.items()}
    poles = {
        str(r["code"]): str(r["pole"])
        for r in store.query("SELECT code, pole FROM actors WHERE pole IS NOT NULL AND pole != ''")
    }
    eu = {
        str(r["member"]): (r["start_date"], r["end_date"])
        for r in store.query(
            "SELECT member, start_date, end_date FROM memberships WHERE org = 'EU' "
            "AND role = 'member'"
        )
    }
    out: list[Row] = []
    focus = set(states)
    for (actor, year), (basis, totals) in sorted(chosen.items()):
        partners = {p: v for p, v in totals.items() if p != WORLD and v > 0}
        if actor not in focus or not partners:
            continue
        world = totals.get(WORLD)
        denominator = world if world and world > 0 else sum(partners.values())
        sh = {p: v / denominator for p, v in partners.items()}
        method = (
            f"{basis.label()}; share of "
            f"{'the reported world total' if world else 'the trade with the partners present'}"
            "; year"
        )
        n = len(partners)
        out.append(_row("trade_hhi", actor, None, year, sum(x * x for x in sh.values()), n, method))
        for partner, s in sorted(sh.items()):
            out.append(_row("trade_share", actor, partner, year, s, n, method))
            back = chosen.get((partner, year))
            if back is None or (back[0].unit, back[0].flows) != (basis.unit, basis.flows):
                continue
            back_partners = {p: v for p, v in back[1].items() if p != WORLD and v > 0}
            if actor in back_partners:
                back_world = back[1].get(WORLD)
                back_den = (
                    back_world if back_world and back_world > 0 else sum(back_partners.values())
                )
                out.append(
                    _row(
                        "trade_asymmetry",
                        actor,
                        partner,
                        year,
                        asymmetry(s, back_partners[actor] / back_den),
                        n,
                        method,
                    )
                )
        per_pole: dict[str, float] = {}
        for partner, v in partners.items():
            pole = poles.get(partner, "other")
            if pole == "other" and partner in eu:
                start, end = eu[partner]
                if (start is None or start.year <= year) and (end is None or end.year >= year):
                    pole = "EU"
            per_pole[pole if pole in POLES else "other"] = per_pole.get(pole, 0.0) + v
        out.append(
            _row("multivector", actor, "trade", year, multivector_index(per_pole), n, method)
        )
    return out


def trade_coverage(store: Store, states: Iterable[str] = FOCAL_STATES) -> list[Row]:
    """Which states and years the trade indicators cover, and on which basis: one row per
    state and basis with its first and last year (``[]`` without trade data).

    >>> from steppe.store import Store
    >>> with Store(":memory:") as s:
    ...     trade_coverage(s)
    []
    """
    try:
        rows = trade_indicators(store, states)
    except IndicatorError:
        return []
    spans: dict[tuple[str, str], list[int]] = {}
    for r in rows:
        if r["name"] == "trade_hhi":
            spans.setdefault((str(r["actor"]), str(r["method"])), []).append(int(str(r["period"])))
    return [
        {
            "actor": actor,
            "basis": method,
            "first": min(years),
            "last": max(years),
            "years": len(years),
        }
        for (actor, method), years in sorted(spans.items())
    ]


def _row(
    name: str, actor: str, partner: str | None, year: int, value: float, n: int, method: str
) -> Row:
    return {
        "name": name,
        "actor": actor,
        "partner": partner,
        "period": str(year),
        "value": value,
        "n": n,
        "method": method,
    }


def cinc_shares(store: Store, group: Iterable[str], year: int) -> dict[str, float]:
    """Each state's share of the group's summed CINC score in ``year``.

    >>> from steppe.store import Store
    >>> with Store(":memory:") as s:
    ...     _ = s.con.execute("INSERT INTO capabilities (country, year, cinc, source) VALUES "
    ...                       "('RUS', 2010, 0.06, 't'), ('KAZ', 2010, 0.02, 't')")
    ...     {k: round(v, 2) for k, v in cinc_shares(s, ["RUS", "KAZ"], 2010).items()}
    {'KAZ': 0.25, 'RUS': 0.75}
    """
    members = list(group)
    rows = store.query(
        "SELECT country, cinc FROM capabilities WHERE year = ? AND cinc IS NOT NULL "
        "AND list_contains(?, country) ORDER BY country",
        [year, members],
    )
    if not rows:
        raise IndicatorError(f"no capabilities for {members} in {year}")
    return shares({str(r["country"]): float(str(r["cinc"])) for r in rows})


_EU_TRADE = """
WITH eu AS (
    SELECT DISTINCT member FROM memberships WHERE org = 'EU' AND role = 'member'
), flows AS (
    SELECT period, b AS actor, 'eu_exports' AS name, a AS reporter, value, unit FROM ties
    WHERE channel = 'trade_exports' AND (a = 'EU' OR a IN (SELECT member FROM eu))
    UNION ALL
    SELECT period, a AS actor, 'eu_imports' AS name, b AS reporter, value, unit FROM ties
    WHERE channel = 'trade_imports' AND (b = 'EU' OR b IN (SELECT member FROM eu))
)
SELECT name, actor, period, unit, sum(value) AS value, count(DISTINCT reporter) AS n
FROM flows WHERE list_contains(?, actor) AND value IS NOT NULL
GROUP BY ALL ORDER BY ALL
"""


def eu_trade_indicators(store: Store, states: Iterable[str] = FOCAL_STATES) -> list[Row]:
    """The EU side of each state's trade as Eurostat reports it: ``eu_exports`` (the EU's, or
    its member states', exports to the state) and ``eu_imports`` (their imports from it), with
    partner ``EU``, per month or year as the data come, value in the unit recorded (EUR), ``n``
    = reporters summed (member states, or 1 for the EU27 aggregate). These reach 2024 where the
    states' own partner data stop in 2023."""
    out: list[Row] = []
    for r in store.query(_EU_TRADE, [list(states)]):
        out.append(
            {
                "name": r["name"],
                "actor": r["actor"],
                "partner": "EU",
                "period": r["period"],
                "value": float(r["value"]),
                "n": int(r["n"]),
                "method": f"Eurostat, EU-reported {r['name'][3:]} summed over {r['n']} "
                f"reporter(s); {r['unit']}; {'month' if len(r['period']) == 7 else 'year'}",
            }
        )
    return out


def compute_trade_indicators(store: Store, states: Iterable[str] = FOCAL_STATES) -> int:
    """Replace the trade rows of ``indicators`` (names ``trade_share``, ``trade_hhi``,
    ``trade_asymmetry``, ``eu_exports``, ``eu_imports``, and ``multivector`` with partner
    ``trade``). Returns rows written.

    >>> from steppe.store import Store
    >>> with Store(":memory:") as s:
    ...     compute_trade_indicators(s)
    0
    """
    focal = list(states)
    try:
        rows = trade_indicators(store, focal)
    except IndicatorError:
        rows = []
    rows += eu_trade_indicators(store, focal)
    if not rows:
        return 0
    with store.transaction() as con:
        con.execute(
            "DELETE FROM indicators WHERE name IN ('trade_share', 'trade_hhi', "
            "'trade_asymmetry', 'eu_exports', 'eu_imports') "
            "OR (name = 'multivector' AND partner = 'trade')"
        )
        con.register("_steppe_trade", pa.Table.from_pylist(rows))
        try:
            con.execute(
                "INSERT INTO indicators (name, actor, partner, period, period_start, value, n, "
                "method, computed_at) SELECT name, actor, partner, period, "
                "CASE WHEN length(period) = 4 THEN make_date(CAST(period AS INTEGER), 1, 1) "
                "ELSE CAST(period || '-01' AS DATE) END, value, n, method, now() "
                "FROM _steppe_trade"
            )
        finally:
            con.unregister("_steppe_trade")
    return len(rows)
