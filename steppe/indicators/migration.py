"""Migration dependence: the lever labour migration gives a host country (above all Russia)
over the Central Asian states, from ``ties`` loaded by ``--kind remittances``.

Per focal state (``actor``) and year:

* ``remittance_share`` (partner = sending country): that country's share of the state's
  remittance inflows — KNOMAD/World Bank bilateral estimates, divided by the matrix's ``World``
  total (else by the sum over senders). ``n`` = sending countries with an estimate; a state with
  one estimated sender (Uzbekistan and Turkmenistan in the 2021 matrix: Russia only) gets share
  1 with ``n`` = 1, which says more about the model than about the flows. Written for RUS and
  for every sender with at least 1 %.
* ``remittances_from`` (partner = sending country): the estimate itself, million USD.
* ``remittances_gdp`` (no partner): personal remittances received, % of GDP (WDI
  BX.TRF.PWKR.DT.GD.ZS). ``n`` = 1 (one published figure).
* ``migrant_stock`` (partner = destination): the state's emigrants living there (persons), and
  ``migrant_share``: their share of all its emigrants (the matrix's ``World`` total). Written for
  RUS and for every destination with at least 1 %.

The KNOMAD figures are model estimates (migrant stocks × host and origin incomes), not observed
flows; no interval is attached because none is published.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

import pyarrow as pa

from steppe.domain.codes import FOCAL_STATES
from steppe.store import Store

WORLD = "WLD"
ALWAYS = ("RUS",)
"""Partners written whatever their share."""
MIN_SHARE = 0.01

_BILATERAL = """
SELECT CAST(period AS INTEGER) AS year, a, b, channel, unit, value FROM ties
WHERE channel IN ('remittances', 'migrant_stock', 'remittances_gdp') AND value IS NOT NULL
    AND regexp_full_match(period, '[0-9]{4}')
ORDER BY ALL
"""


def migration_indicators(
    store: Store, states: Iterable[str] = FOCAL_STATES
) -> list[dict[str, object]]:
    """The migration-dependence rows (dicts in the ``indicators`` shape) for ``states``."""
    focal = set(states)
    inflows: dict[tuple[str, int], dict[str, float]] = {}
    stocks: dict[tuple[str, int], dict[str, float]] = {}
    out: list[dict[str, object]] = []
    for r in store.query(_BILATERAL):
        year, a, b, channel = int(r["year"]), str(r["a"]), str(r["b"]), str(r["channel"])
        if channel == "remittances" and b in focal:
            inflows.setdefault((b, year), {})[a] = float(r["value"])
        elif channel == "migrant_stock" and a in focal:
            stocks.setdefault((a, year), {})[b] = float(r["value"])
        elif channel == "remittances_gdp" and a in focal:
            out.append(
                _row(
                    "remittances_gdp",
                    a,
                    None,
                    year,
                    float(r["value"]),
                    1,
                    "World Bank WDI BX.TRF.PWKR.DT.GD.ZS: personal remittances received, % GDP",
                )
            )
    for (actor, year), senders in sorted(inflows.items()):
        partners = {k: v for k, v in senders.items() if k != WORLD and v > 0}
        total = senders.get(WORLD) or sum(partners.values())
        if not partners or total <= 0:
            continue
        n = len(partners)
        note = (
            f"KNOMAD/World Bank bilateral remittance estimates {year} (model estimates, not "
            f"observed flows); {n} sending countr{'y' if n == 1 else 'ies'} estimated"
        )
        for partner, value in sorted(partners.items()):
            share = value / total
            if partner in ALWAYS or share >= MIN_SHARE:
                out.append(
                    _row(
                        "remittance_share",
                        actor,
                        partner,
                        year,
                        share,
                        n,
                        note + "; share of the World total",
                    )
                )
                out.append(
                    _row("remittances_from", actor, partner, year, value, n, note + "; USD m")
                )
    for (actor, year), where in sorted(stocks.items()):
        partners = {k: v for k, v in where.items() if k != WORLD and v > 0}
        total = where.get(WORLD) or sum(partners.values())
        if not partners or total <= 0:
            continue
        n = len(partners)
        note = f"KNOMAD/World Bank bilateral migrant stocks {year}; {n} destinations"
        for partner, value in sorted(partners.items()):
            share = value / total
            if partner in ALWAYS or share >= MIN_SHARE:
                out.append(
                    _row("migrant_stock", actor, partner, year, value, n, note + "; persons")
                )
                out.append(
                    _row(
                        "migrant_share",
                        actor,
                        partner,
                        year,
                        share,
                        n,
                        note + "; share of all emigrants",
                    )
                )
    return out


def _row(
    name: str, actor: str, partner: str | None, year: int, value: float, n: int, method: str
) -> dict[str, object]:
    return {
        "name": name,
        "actor": actor,
        "partner": partner,
        "period": str(year),
        "period_start": date(year, 1, 1),
        "value": value,
        "n": n,
        "method": method,
    }


NAMES = (
    "remittance_share",
    "remittances_from",
    "remittances_gdp",
    "migrant_stock",
    "migrant_share",
)


def compute_migration(store: Store, states: Iterable[str] = FOCAL_STATES) -> int:
    """Replace the migration-dependence rows of ``indicators``; returns rows written.

    >>> from steppe.store import Store
    >>> with Store(":memory:") as s:
    ...     compute_migration(s)
    0
    """
    rows = migration_indicators(store, states)
    with store.transaction() as con:
        con.execute("DELETE FROM indicators WHERE list_contains(?, name)", [list(NAMES)])
        if rows:
            table = pa.Table.from_pylist(rows).append_column(
                "computed_at", pa.array([datetime.now()] * len(rows), pa.timestamp("us"))
            )
            con.register("_steppe_migration", table)
            try:
                con.execute(
                    "INSERT INTO indicators (name, actor, partner, period, period_start, value, "
                    "n, method, computed_at) SELECT name, actor, partner, period, period_start, "
                    "value, n, method, computed_at FROM _steppe_migration"
                )
            finally:
                con.unregister("_steppe_migration")
    return len(rows)
