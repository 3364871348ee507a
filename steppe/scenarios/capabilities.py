"""Capability shares from the Correlates of War National Material Capabilities (NMC) CINC.

CINC (Composite Index of National Capability; Singer, Bremer & Stuckey 1972; NMC v6,
Singer 1987 and updates) is a state's average share of world military expenditure, military
personnel, iron and steel production, primary energy consumption, total and urban population.
A scenario's capability for state *i* among the scenario's states *S* in year *t* is its share
``cinc_i,t / sum_{j in S} cinc_j,t`` (scaled to ``total``, default 100).

NMC is distributed (via the R package ``peacesciencer``) under GPL-2, so Steppe does not ship
the data: the example scenarios record the derived shares with a comment naming the year and
the states, and :func:`cinc_shares` recomputes them from a local ``cow_nmc.csv``
(``../shared/data/cow_atop_alliances_igo_trade/cow_nmc.csv``: columns ``ccode, year, …,
cinc``). Organisations (e.g. the EU) have no CINC and need a documented judgement instead.

>>> import io
>>> cinc_shares({"A": 1, "B": 2}, 2016, io.StringIO("ccode,year,cinc\\n1,2016,0.3\\n2,2016,0.1\\n"))
{'A': 75.0, 'B': 25.0}
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

from steppe.domain.errors import ScenarioError

COW_CODES: dict[str, int] = {
    "USA": 2, "RUS": 365, "AZE": 373, "IRN": 630, "TUR": 640, "TKM": 701, "TJK": 702,
    "KGZ": 703, "UZB": 704, "KAZ": 705, "CHN": 710, "AFG": 700, "PAK": 770, "IND": 750,
    "GEO": 372, "ARM": 371,
}  # fmt: skip
"""COW state codes of the actors Steppe's example scenarios use (COW state system 2016)."""


def cinc_shares(
    actors: Mapping[str, int],
    year: int,
    nmc: str | Path | TextIO,
    total: float = 100.0,
    digits: int = 2,
) -> dict[str, float]:
    """Each actor's share of the actors' summed CINC in ``year``, scaled to ``total``.

    ``actors`` maps a scenario code to a COW state code; ``nmc`` is the NMC CSV (a path or an
    open text file). Raises :class:`ScenarioError` when an actor has no CINC for the year.
    """
    if isinstance(nmc, str | Path):
        try:
            with Path(nmc).open(encoding="utf-8") as f:
                return cinc_shares(actors, year, f, total, digits)
        except OSError as exc:
            raise ScenarioError(f"{nmc}: cannot read NMC data: {exc.strerror}") from None
    wanted = {c: a for a, c in actors.items()}
    found: dict[str, float] = {}
    for row in csv.DictReader(nmc):
        try:
            code, yr = int(row["ccode"]), int(row["year"])
        except (KeyError, ValueError) as exc:
            raise ScenarioError(f"NMC data: bad row {row!r}") from exc
        if yr == year and code in wanted and row.get("cinc"):
            found[wanted[code]] = float(row["cinc"])
    missing = [a for a in actors if a not in found]
    if missing:
        raise ScenarioError(f"NMC data: no CINC in {year} for {', '.join(missing)}")
    s = sum(found.values())
    return {a: round(total * found[a] / s, digits) for a in actors}
