"""Trade dependence and capabilities from the reference ``ties`` and ``capabilities`` tables.

* ``trade_share`` — partner *b*'s share of *a*'s total trade (exports + imports) in a year:
  :math:`s_{ab} = (x_{ab} + x_{ba}) / \\sum_k (x_{ak} + x_{ka})` over the COW Trade v4 dyadic
  flows in the store (Barbieri, Keshk & Pollins 2009). With the focal subset in ``../shared``
  the denominator is the trade with the partners present in the file.
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


_TOTALS = """
WITH flows AS (
    SELECT CAST(period AS INTEGER) AS year, a, b, value FROM ties
    WHERE channel = 'trade_flow' AND value IS NOT NULL
), sides AS (
    SELECT year, a AS actor, b AS partner, value FROM flows
    UNION ALL SELECT year, b AS actor, a AS partner, value FROM flows
)
SELECT year, actor, partner, sum(value) AS total FROM sides
GROUP BY ALL ORDER BY actor, year, partner
"""


def trade_totals(store: Store) -> list[Row]:
    """Exports + imports per (year, actor, partner) from the stored trade flows."""
    return store.query(_TOTALS)


def trade_indicators(store: Store, states: Iterable[str] = FOCAL_STATES) -> list[Row]:
    """``trade_share``, ``trade_asymmetry``, ``trade_hhi`` and the ``multivector`` (channel
    trade) rows for ``states``: dicts with name, actor, partner, period, value."""
    rows = trade_totals(store)
    if not rows:
        raise IndicatorError("no trade flows in the store: ingest_reference(store, 'cow-trade')")
    by: dict[tuple[str, int], dict[str, float]] = {}
    for r in rows:
        by.setdefault((str(r["actor"]), int(str(r["year"]))), {})[str(r["partner"])] = float(
            str(r["total"])
        )
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
    for (actor, year), partners in sorted(by.items()):
        if actor not in focus or sum(partners.values()) <= 0:
            continue
        sh = shares(partners)
        out.append(_row("trade_hhi", actor, None, year, hhi(partners)))
        for partner, s in sorted(sh.items()):
            out.append(_row("trade_share", actor, partner, year, s))
            back = by.get((partner, year), {})
            if sum(back.values()) > 0 and actor in back:
                out.append(_row("trade_asymmetry", actor, partner, year, s - shares(back)[actor]))
        per_pole: dict[str, float] = {}
        for partner, v in partners.items():
            pole = poles.get(partner, "other")
            if pole == "other" and partner in eu:
                start, end = eu[partner]
                if (start is None or start.year <= year) and (end is None or end.year >= year):
                    pole = "EU"
            per_pole[pole if pole in POLES else "other"] = per_pole.get(pole, 0.0) + v
        if sum(per_pole.values()) > 0:
            out.append(_row("multivector", actor, "trade", year, multivector_index(per_pole)))
    return out


def _row(name: str, actor: str, partner: str | None, year: int, value: float) -> Row:
    return {"name": name, "actor": actor, "partner": partner, "period": str(year), "value": value}


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


def compute_trade_indicators(store: Store, states: Iterable[str] = FOCAL_STATES) -> int:
    """Replace the trade rows of ``indicators`` (names ``trade_share``, ``trade_hhi``,
    ``trade_asymmetry``, and ``multivector`` with partner ``trade``). Returns rows written."""
    rows = trade_indicators(store, states)
    if not rows:
        return 0
    with store.transaction() as con:
        con.execute(
            "DELETE FROM indicators WHERE name IN ('trade_share', 'trade_hhi', "
            "'trade_asymmetry') OR (name = 'multivector' AND partner = 'trade')"
        )
        con.register("_steppe_trade", pa.Table.from_pylist(rows))
        try:
            con.execute(
                "INSERT INTO indicators (name, actor, partner, period, period_start, value, n, "
                "method, computed_at) SELECT name, actor, partner, period, "
                "make_date(CAST(period AS INTEGER), 1, 1), value, NULL, "
                "'COW Trade v4 dyadic flows; year', now() FROM _steppe_trade"
            )
        finally:
            con.unregister("_steppe_trade")
    return len(rows)
