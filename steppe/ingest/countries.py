"""Country names and ISO3 codes as the newer datasets write them (GDELT, Eurostat, national
statistics offices, the World Bank) to Steppe codes.

Order of lookup: the registry (actor codes, ISO3 codes and every alias, so ``Kyrgyz Republic``
and ``Russian Federation`` reach ``KGZ`` and ``RUS``), then the packaged COW/ISO table
(``data/reference/countries.csv``), then ``data/reference/country_names.csv``: the name variants
those publishers use (``Korea, Rep.``, ``Iran, Islamic Republic of``, Eurostat's French labels of
2016), territories with their ISO3 codes (Hong Kong ``HKG``, Bermuda ``BMU``), and the
aggregates and non-countries (``World``, ``Extra-EU27``, ``High seas``) marked with an empty
code. A name in none of them is unknown: loaders quarantine its row with the name as reason.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from steppe.registry import Registry, normalise
from steppe.registry.files import data_path

AGGREGATE = ""
"""What :meth:`CountryNames.code` returns for an aggregate or a non-country (``World``)."""


@dataclass(frozen=True)
class CountryNames:
    """Names and ISO3 codes to Steppe codes.

    >>> cn = CountryNames.load()
    >>> cn.code("Russian Federation"), cn.code("Korea, Rep."), cn.code("World"), cn.code("Narnia")
    ('RUS', 'KOR', '', None)
    >>> cn.from_iso3("KAZ"), cn.from_iso3("HKG"), cn.from_iso3("XYZ")
    ('KAZ', 'HKG', None)
    """

    by_name: dict[str, str]
    by_iso3: dict[str, str]

    @staticmethod
    @cache
    def load() -> CountryNames:
        by_name: dict[str, str] = {}
        by_iso3: dict[str, str] = {}
        with data_path("reference", "country_names.csv").open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                by_name[normalise(row["name"])] = row["code"]
                if row["code"]:
                    by_iso3.setdefault(row["code"], row["code"])
        with data_path("reference", "countries.csv").open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if row["iso3"]:
                    by_name[normalise(row["name"])] = row["iso3"]
                    by_iso3[row["iso3"]] = row["iso3"]
        registry = Registry.load()
        states = {a.code for a in registry.actors if a.kind in ("state", "power")}
        for actor in registry.actors:
            if actor.kind not in ("state", "power"):
                continue
            by_name[normalise(actor.name)] = actor.code
            by_iso3[actor.code] = actor.code
            if actor.iso3:
                by_iso3[actor.iso3] = actor.code
        for alias in registry.aliases:
            if alias.code in states and alias.valid.end is None:
                by_name.setdefault(normalise(alias.alias), alias.code)
        return CountryNames(by_name, by_iso3)

    def code(self, name: str) -> str | None:
        """The Steppe code of a country name, :data:`AGGREGATE` for aggregates and
        non-countries, ``None`` when the name is unknown."""
        return self.by_name.get(normalise(name))

    def from_iso3(self, code: str) -> str | None:
        """The Steppe code of an ISO 3166 alpha-3 code, ``None`` when unknown."""
        return self.by_iso3.get(code.strip().upper())
