"""Remittances and migrant stocks (``--kind remittances``) into ``ties``.

Three layouts, told apart by their columns:

* KNOMAD/World Bank bilateral remittance estimates, ``sending_country, receiving_country,
  remittances_usd_millions`` → channel ``remittances``, ``a`` = sending (host) country, ``b`` =
  receiving country, unit ``million USD (model estimate)``. These are model estimates (migrant
  stocks × host and origin incomes), not observed flows.
* KNOMAD bilateral migrant stocks, ``origin_country, destination_country, migrant_stock`` →
  channel ``migrant_stock``, ``a`` = origin, ``b`` = destination, unit ``persons``.
* World Development Indicators panel, ``iso3c, year, remit_gdp`` → channel
  ``remittances_gdp``, ``a`` = the country, ``b`` = ``WLD`` (received from the world), unit
  ``% of GDP`` (WDI BX.TRF.PWKR.DT.GD.ZS).

The KNOMAD files carry no year column: the year is read from the file name
(``..._2021_...``, as published) and a name without one is refused. ``World`` rows are kept
as ``WLD`` (the totals: denominators); other aggregates are skipped and counted; unknown names,
bad numbers and repeated pairs are quarantined with their line.
"""

from __future__ import annotations

import re
from pathlib import Path

from steppe.domain.errors import IngestError
from steppe.ingest.countries import CountryNames
from steppe.ingest.tabular import YEARS, BadRow, Load, Rows, integer, number, quarantine_row
from steppe.ingest.trade_files import WORLD, Collector

REMITTANCES = "remittances"
MIGRANT_STOCK = "migrant_stock"
REMITTANCES_GDP = "remittances_gdp"


def _header(path: Path) -> list[str]:
    for _line, row in Rows(path, (), "remittance"):
        return [k for k in row if k != "__error__"]
    raise IngestError(f"{path}: no data rows")


def load_remittances(path: Path, source: str) -> Load:
    """Parse one of the three layouts above."""
    header = _header(path)
    if "remit_gdp" in header:
        return _load_wdi(path, source)
    if "remittances_usd_millions" in header:
        cols = ("sending_country", "receiving_country", "remittances_usd_millions")
        channel, unit = REMITTANCES, "million USD (model estimate)"
    elif "migrant_stock" in header:
        cols = ("origin_country", "destination_country", "migrant_stock")
        channel, unit = MIGRANT_STOCK, "persons"
    else:
        raise IngestError(
            f"{path} line 1: not a remittance file; expected the columns of KNOMAD's bilateral "
            "remittances (sending_country, receiving_country, remittances_usd_millions), "
            "migrant stocks (origin_country, destination_country, migrant_stock) or a WDI panel "
            "(iso3c, year, remit_gdp)"
        )
    years = re.findall(r"(?<!\d)(19\d\d|20\d\d)(?!\d)", path.name)
    if len(set(years)) != 1:
        raise IngestError(
            f"{path}: cannot tell the year of a KNOMAD matrix (it has no year column); "
            "name the file with its year, e.g. bilateral_remittance_estimates_2021_long.csv"
        )
    year = years[0]
    out = Collector(source, unit)
    for line, row in Rows(path, cols, "KNOMAD"):
        try:
            if "__error__" in row:
                raise BadRow(row["__error__"])
            a = out.code(row[cols[0]], cols[0])
            b = out.code(row[cols[1]], cols[1])
            value = number(row, cols[2])
            if value is None:
                raise BadRow(f"{cols[2]}: empty")
            if a is None or b is None or (a == WORLD and b == WORLD):
                out.skipped += 1
                continue
            out.add(line, year, a, b, channel, value)
        except BadRow as exc:
            quarantine_row(out.bad, line, str(exc), row)
    what = "remittance estimates" if channel == REMITTANCES else "migrant stocks"
    return out.load(f"KNOMAD/World Bank bilateral {what} {year}; {unit}")


def _load_wdi(path: Path, source: str) -> Load:
    names = CountryNames.load()
    out = Collector(source, "% of GDP")
    for line, row in Rows(path, ("iso3c", "year", "remit_gdp"), "WDI remittance panel"):
        try:
            if "__error__" in row:
                raise BadRow(row["__error__"])
            country = names.from_iso3(row["iso3c"])
            if country is None:
                raise BadRow(f'iso3c: unknown country code "{row["iso3c"]}"')
            year = integer(row, "year", *YEARS)
            value = number(row, "remit_gdp")
            if value is None:
                continue  # WDI leaves years without an estimate empty: nothing to load
            out.add(line, str(year), country, WORLD, REMITTANCES_GDP, value)
        except BadRow as exc:
            quarantine_row(out.bad, line, str(exc), row)
    return out.load("World Bank WDI BX.TRF.PWKR.DT.GD.ZS (personal remittances received, % GDP)")
