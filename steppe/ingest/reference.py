"""Reference data: UN General Assembly votes, BSV ideal points, COW trade, ATOP and COW alliances,
COW joint IGO memberships and COW national material capabilities.

Every kind reads the layout as published (see ``docs/alignment.md``) and writes canonical rows:

============== =========================================== =====================================
kind           file(s)                                     rows written
============== =========================================== =====================================
unvotes        folder with ``un_votes.csv[.gz]``,          ``rollcalls``, ``votes`` (all
               ``un_roll_calls.csv[.gz]`` and optional     countries); or Steppe's bundled
               ``un_roll_call_issues.csv[.gz]``; or the    Parquet copy (:func:`bundled_unvotes`)
               votes file itself
bsv            ``IdealpointsJuly2025.csv``                 ``ideal_points_reference`` (variants
                                                           ``all``, ``fp``, ``legacy``)
cow-trade      ``ccode1, ccode2, year, flow1, flow2``      ``ties`` channel ``trade_flow``
atop           ``ccode1, ccode2, year, atop_defense, ...`` ``ties`` channels ``alliance_*``
cow-alliance   ``ccode1, ccode2, year, cow_defense, ...``  ``ties`` channels ``alliance_*``
cow-igo        ``ccode1, ccode2, year, dyadigos``          ``ties`` channel ``joint_igo``
nmc            ``ccode, year, milex, ..., cinc``           ``capabilities``
gdelt-dyads    ``date, focal_iso3, partner_iso3,           ``ties`` channel ``interaction``
               edge_weight`` (:mod:`.interaction`)         (daily, undirected, signed)
eurostat-trade Eurostat Comext monthly / annual by partner ``ties`` channels ``trade_exports``
               (:mod:`.trade_files`)                       / ``trade_imports`` (reporter kept)
national-trade national offices' imports by partner;       ``ties`` as above, unit and currency
               stat.uz exports/imports (wide, kUSD)        on every row
remittances    KNOMAD bilateral remittances / migrant      ``ties`` channels ``remittances``,
               stocks; WDI remittances % GDP panel         ``migrant_stock``, ``remittances_gdp``
               (:mod:`.migration`)
============== =========================================== =====================================

Country codes become registry codes where the registry knows the country (by ISO2 or COW code),
else ISO3 from the packaged ``data/reference/countries.csv``, else ``COW<ccode>`` for states
without an ISO code (Bavaria, Papal States...). Every country is kept, not just registry actors.

A file with the wrong layout (missing columns, unreadable, truncated) raises
:class:`IngestError` naming file, line and reason, and the store is unchanged. Rows that cannot
be read (bad number, unknown vote, unknown country) go to ``quarantine`` with their line and a
reason, and the good rows load. Everything happens in one transaction; re-loading a file
replaces the rows it loaded before (UN votes replace all roll calls and votes: one snapshot).
"""

from __future__ import annotations

import csv
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa

from steppe.domain.errors import IngestError, UnknownFormatError
from steppe.ingest.base import QUARANTINE_SCHEMA, IngestReport, ProgressFn, file_digest
from steppe.ingest.interaction import load_gdelt_dyads
from steppe.ingest.migration import load_remittances
from steppe.ingest.tabular import (
    YEARS,
    BadRow,
    Load,
    Rows,
    flag,
    integer,
    number,
    quarantine_row,
)
from steppe.ingest.trade_files import load_eurostat, load_national
from steppe.registry import Registry
from steppe.registry.files import data_path
from steppe.store import Store
from steppe.store.sources import period_bounds, record_source

KINDS: tuple[str, ...] = (
    "unvotes",
    "bsv",
    "cow-trade",
    "atop",
    "cow-alliance",
    "cow-igo",
    "nmc",
    "gdelt-dyads",
    "eurostat-trade",
    "national-trade",
    "remittances",
)
"""Reference kinds :func:`ingest_reference` reads."""

VOTE_CODES: dict[str, int] = {"yes": 1, "abstain": 2, "no": 3, "1": 1, "2": 2, "3": 3}
"""Votes as stored: Voeten's codes 1 yes, 2 abstain, 3 no. Voeten's 8 (absent) and 9 (not a
member) are not votes and are left out, as in the ``unvotes`` package."""
_NOT_VOTES = {"8", "9", "absent", "not a member"}

ISSUES: tuple[str, ...] = ("me", "nu", "co", "hr", "ec", "di")
"""Voeten's issue codes: Palestinian conflict, nuclear weapons, colonialism, human rights,
economic development, arms control."""

_UN_NAMES = {"Federal Republic of Germany": "DEU", "Yemen Arab Republic": "YAR", "Zanzibar": "ZAN"}
"""UN votes rows without an ISO2 code (historical states), by name."""

SOURCES: dict[str, str] = {
    "unvotes": "Voeten, UNGA roll-call votes (Harvard Dataverse hdl:1902.1/12379, CC0)",
    "bsv": "Bailey, Strezhnev & Voeten (2017) ideal points",
    "cow-trade": "COW Trade v4 (Barbieri et al. 2009)",
    "atop": "ATOP 5 (Leeds et al. 2002)",
    "cow-alliance": "COW Formal Alliances 4.1 (Gibler 2009)",
    "cow-igo": "COW IGO v3 (Pevehouse et al. 2020)",
    "nmc": "COW National Material Capabilities v6 (Singer 1987)",
    "gdelt-dyads": "GDELT 2.0 daily dyadic interaction weights (gzemo/gdelt-graph-data)",
    "eurostat-trade": "Eurostat Comext trade by partner",
    "national-trade": "National statistics offices, trade by partner",
    "remittances": "World Bank: KNOMAD bilateral remittances and migrant stocks; WDI",
}

SOURCE_KINDS: dict[str, str] = {
    "unvotes": "votes",
    "bsv": "reference",
    "cow-trade": "trade",
    "atop": "reference",
    "cow-alliance": "reference",
    "cow-igo": "reference",
    "nmc": "reference",
    "gdelt-dyads": "interaction",
    "eurostat-trade": "trade",
    "national-trade": "trade",
    "remittances": "migration",
}
"""The ``sources`` kind each reference kind is recorded under."""

LICENCES: dict[str, str] = {
    "unvotes": "CC0 (Voeten, Harvard Dataverse)",
    "bsv": "CC0 (Voeten, Harvard Dataverse)",
    "cow-trade": "COW: free to use with citation",
    "atop": "ATOP: free to use with citation",
    "cow-alliance": "COW: free to use with citation",
    "cow-igo": "COW: free to use with citation",
    "nmc": "COW: free to use with citation",
    "gdelt-dyads": "GPL-3.0 (gzemo/gdelt-graph-data); GDELT: open, cite the GDELT Project",
    "eurostat-trade": "CC BY 4.0 (Eurostat)",
    "national-trade": "not stated (national statistics offices' open data)",
    "remittances": "CC BY 4.0 (World Bank)",
}
"""The publisher's terms recorded in ``sources`` unless the caller names a licence."""

_ALLIANCE_CHANNELS = {
    "atop_defense": "alliance_defense",
    "atop_offense": "alliance_offense",
    "atop_neutral": "alliance_neutrality",
    "atop_nonagg": "alliance_nonaggression",
    "atop_consul": "alliance_consultation",
    "cow_defense": "alliance_defense",
    "cow_neutral": "alliance_neutrality",
    "cow_nonagg": "alliance_nonaggression",
    "cow_entente": "alliance_entente",
}

_TIES_SCHEMA = pa.schema(
    [
        ("period", pa.string()),
        ("a", pa.string()),
        ("b", pa.string()),
        ("channel", pa.string()),
        ("value", pa.float64()),
        ("unit", pa.string()),
        ("source", pa.string()),
    ]
)


# -- country codes -------------------------------------------------------------------------
@dataclass(frozen=True)
class CountryCodes:
    """ISO2 and COW codes to Steppe country codes (registry code, else ISO3, else COW<ccode>).

    >>> cc = CountryCodes.load()
    >>> cc.from_iso2("KZ"), cc.from_cow(705), cc.from_cow(2), cc.from_iso2("BR"), cc.from_cow(245)
    ('KAZ', 'KAZ', 'USA', 'BRA', 'COW245')
    """

    by_iso2: dict[str, str]
    by_cow: dict[int, str]

    @staticmethod
    @cache
    def load() -> CountryCodes:
        by_iso2: dict[str, str] = {}
        by_cow: dict[int, str] = {}
        with data_path("reference", "countries.csv").open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                cow = int(row["cow_code"])
                by_cow[cow] = row["iso3"] or f"COW{cow}"
                if row["iso2"] and row["iso3"]:
                    by_iso2.setdefault(row["iso2"], row["iso3"])
        for actor in Registry.load().actors:
            if actor.kind not in ("state", "power"):
                continue
            if actor.iso2:
                by_iso2[actor.iso2] = actor.code
            if actor.cow_code is not None:
                by_cow[actor.cow_code] = actor.code
        return CountryCodes(by_iso2, by_cow)

    def from_iso2(self, code: str) -> str | None:
        return self.by_iso2.get(code)

    def from_cow(self, ccode: int) -> str:
        return self.by_cow.get(ccode, f"COW{ccode}")


# -- reading: the shared row readers (steppe.ingest.tabular) under their local names --------
_Rows = Rows
_Bad = BadRow
_int = integer
_num = number
_flag = flag
_YEAR = YEARS
_Load = Load
_quarantine = quarantine_row


# -- kinds ---------------------------------------------------------------------------------
def _sibling(folder: Path, stem: str, required: bool = True) -> Path | None:
    for name in (f"{stem}.csv.gz", f"{stem}.csv"):
        if (folder / name).is_file():
            return folder / name
    if required:
        raise IngestError(f"{folder}: no {stem}.csv or {stem}.csv.gz")
    return None


def bundled_unvotes() -> Path:
    """The packaged copy of Voeten's UN General Assembly votes (1946–2020, CC0): a folder with
    ``rollcalls.parquet`` and ``votes.parquet``, already in Steppe's codes.

    >>> sorted(p.name for p in bundled_unvotes().iterdir() if p.suffix == ".parquet")
    ['rollcalls.parquet', 'votes.parquet']
    """
    return data_path("reference", "unvotes")


def _load_unvotes(path: Path, source: str) -> _Load:
    folder = path if path.is_dir() else path.parent
    if (folder / "votes.parquet").is_file() and (folder / "rollcalls.parquet").is_file():
        import pyarrow.parquet as pq

        try:
            tables = {
                "rollcalls": pq.read_table(folder / "rollcalls.parquet"),
                "votes": pq.read_table(folder / "votes.parquet"),
            }
        except (OSError, pa.ArrowInvalid) as exc:
            raise IngestError(f"{folder}: cannot read the Parquet copy ({exc})") from exc
        tables["rollcalls"] = tables["rollcalls"].append_column(
            "source", pa.array([source] * tables["rollcalls"].num_rows, pa.string())
        )
        return _Load(tables, [("DELETE FROM votes", []), ("DELETE FROM rollcalls", [])], [])
    votes_path = path if path.is_file() else _sibling(folder, "un_votes")
    assert votes_path is not None
    calls_path = _sibling(folder, "un_roll_calls")
    assert calls_path is not None
    issues_path = _sibling(folder, "un_roll_call_issues", required=False)
    bad: list[tuple[int, str, str]] = []
    issues: dict[int, set[str]] = {}
    if issues_path is not None:
        for line, row in _Rows(issues_path, ("rcid", "short_name"), "UN roll-call issues"):
            try:
                if "__error__" in row:
                    raise _Bad(row["__error__"])
                code = row["short_name"].strip()
                if code not in ISSUES:
                    raise _Bad(f'short_name: "{code}" is not one of {list(ISSUES)}')
                issues.setdefault(_int(row, "rcid"), set()).add(code)
            except _Bad as exc:
                _quarantine(bad, line, f"{issues_path.name}: {exc}", row)
    calls: dict[str, list[Any]] = {
        c: []
        for c in (
            "rcid",
            "session",
            "date",
            "importantvote",
            "unres",
            "amend",
            "para",
            "short",
            "descr",
            *ISSUES,
            "source",
        )
    }
    seen_calls: set[int] = set()
    for line, row in _Rows(calls_path, ("rcid", "session", "date"), "UN roll-call"):
        try:
            if "__error__" in row:
                raise _Bad(row["__error__"])
            rcid = _int(row, "rcid", 0)
            if rcid in seen_calls:
                raise _Bad(f"rcid {rcid} repeated")
            try:
                day = date.fromisoformat(row["date"].strip())
            except ValueError:
                raise _Bad(f'date: "{row["date"]}" is not a YYYY-MM-DD date') from None
            session = _int(row, "session", 1, 200)
            flags = [_flag(row, c) for c in ("importantvote", "amend", "para")]
        except _Bad as exc:
            _quarantine(bad, line, f"{calls_path.name}: {exc}", row)
            continue
        seen_calls.add(rcid)
        tags = issues.get(rcid, set())
        for col, value in zip(
            ("rcid", "session", "date", "importantvote", "amend", "para"),
            (rcid, session, day, *flags),
            strict=True,
        ):
            calls[col].append(value)
        for col in ("unres", "short", "descr"):
            calls[col].append(row.get(col) or None)
        for code in ISSUES:
            calls[code].append(code in tags)
        calls["source"].append(source)
    codes = CountryCodes.load()
    rcids: list[int] = []
    countries: list[str] = []
    values: list[int] = []
    seen: set[tuple[int, str]] = set()
    for line, row in _Rows(votes_path, ("rcid", "country_code", "vote"), "UN votes"):
        try:
            if "__error__" in row:
                raise _Bad(row["__error__"])
            rcid = _int(row, "rcid", 0)
            text = row["vote"].strip().lower()
            if text in _NOT_VOTES:
                continue
            vote = VOTE_CODES.get(text)
            if vote is None:
                raise _Bad(f'vote: "{row["vote"]}" is not yes, abstain or no')
            iso2 = row["country_code"].strip()
            country = codes.from_iso2(iso2) if iso2 else _UN_NAMES.get(row.get("country", ""))
            if country is None:
                raise _Bad(f'country_code: unknown country "{iso2}" ({row.get("country", "")})')
            if rcid not in seen_calls:
                raise _Bad(f"rcid {rcid} has no roll call")
            if (rcid, country) in seen:
                raise _Bad(f"second vote of {country} on rcid {rcid}")
        except _Bad as exc:
            _quarantine(bad, line, f"{votes_path.name}: {exc}", row)
            continue
        seen.add((rcid, country))
        rcids.append(rcid)
        countries.append(country)
        values.append(vote)
    votes = pa.table(
        {
            "rcid": pa.array(rcids, pa.int32()),
            "country": pa.array(countries, pa.string()),
            "vote": pa.array(values, pa.int8()),
        }
    )
    return _Load(
        {"rollcalls": pa.table(calls), "votes": votes},
        [("DELETE FROM votes", []), ("DELETE FROM rollcalls", [])],
        bad,
    )


def read_bsv(path: str | Path, source: str = "eval") -> pa.Table:
    """Bailey-Strezhnev-Voeten ideal-point estimates as a table (country, year, variant,
    ideal_point, q05, q95, n_votes, cow_code, source) without loading them into a store;
    malformed lines are left out (``steppe ingest reference --kind bsv`` quarantines them).

    Example:

    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "bsv.csv"
    >>> _ = f.write_text("ccode,iso3c,year,idealpointall\\n705,KAZ,2010,0.5\\n")
    >>> read_bsv(f).column("ideal_point").to_pylist()
    [0.5]
    """
    return _load_bsv(Path(path), source).tables["ideal_points_reference"]


def _load_bsv(path: Path, source: str) -> _Load:
    codes = CountryCodes.load()
    cols: dict[str, list[Any]] = {
        c: []
        for c in (
            "country",
            "year",
            "variant",
            "ideal_point",
            "q05",
            "q95",
            "n_votes",
            "cow_code",
            "source",
        )
    }
    bad: list[tuple[int, str, str]] = []
    variants = (
        ("all", "idealpointall", "q5all", "q95all", "nvotesall"),
        ("fp", "idealpointfp", "q5fp", "q95fp", "nvotesfp"),
        ("legacy", "idealpointlegacy", None, None, "nvotesLegacy"),
    )
    seen: set[tuple[str, int]] = set()
    for line, row in _Rows(path, ("ccode", "iso3c", "year", "idealpointall"), "BSV ideal-point"):
        try:
            if "__error__" in row:
                raise _Bad(row["__error__"])
            ccode = _int(row, "ccode", 1, 999)
            year = _int(row, "year", *_YEAR)
            country = codes.from_cow(ccode)
            if country.startswith("COW") and row.get("iso3c"):
                country = row["iso3c"]
            if (country, year) in seen:
                raise _Bad(f"second row for {country} {year}")
            found = [
                (v, _num(row, p), _num(row, lo) if lo else None, _num(row, hi) if hi else None, n)
                for v, p, lo, hi, n in variants
            ]
            if all(f[1] is None for f in found):
                raise _Bad("no ideal-point estimate in any variant")
        except _Bad as exc:
            _quarantine(bad, line, str(exc), row)
            continue
        seen.add((country, year))
        for variant, point, lo, hi, n in found:
            if point is None:
                continue
            nv = _num(row, n)
            for col, value in zip(
                cols,
                (country, year, variant, point, lo, hi, None if nv is None else int(nv), ccode),
                strict=False,
            ):
                cols[col].append(value)
            cols["source"].append(source)
    return _Load(
        {"ideal_points_reference": pa.table(cols)},
        [("DELETE FROM ideal_points_reference WHERE source = ?", [source])],
        bad,
    )


def _load_nmc(path: Path, source: str) -> _Load:
    codes = CountryCodes.load()
    measures = ("cinc", "milex", "milper", "irst", "pec", "tpop", "upop")
    cols: dict[str, list[Any]] = {
        c: [] for c in ("country", "year", *measures, "cow_code", "source")
    }
    bad: list[tuple[int, str, str]] = []
    for line, row in _Rows(path, ("ccode", "year", *measures), "COW NMC"):
        try:
            if "__error__" in row:
                raise _Bad(row["__error__"])
            ccode = _int(row, "ccode", 1, 999)
            year = _int(row, "year", *_YEAR)
            values = [_num(row, m, missing_below=0.0) for m in measures]
        except _Bad as exc:
            _quarantine(bad, line, str(exc), row)
            continue
        for col, value in zip(
            cols, (codes.from_cow(ccode), year, *values, ccode, source), strict=True
        ):
            cols[col].append(value)
    return _Load(
        {"capabilities": pa.table(cols)},
        [("DELETE FROM capabilities WHERE source = ?", [source])],
        bad,
    )


def _dyads(
    path: Path,
    source: str,
    kind: str,
    required: tuple[str, ...],
    emit: Callable[[dict[str, str], str, str, str], list[tuple[str, str, str, str, float, str]]],
) -> _Load:
    """Dyad-year files (``ccode1, ccode2, year, ...``) into ``ties`` via ``emit``."""
    codes = CountryCodes.load()
    rows: list[tuple[str, str, str, str, float, str]] = []
    bad: list[tuple[int, str, str]] = []
    for line, row in _Rows(path, ("ccode1", "ccode2", "year", *required), kind):
        try:
            if "__error__" in row:
                raise _Bad(row["__error__"])
            a = codes.from_cow(_int(row, "ccode1", 1, 999))
            b = codes.from_cow(_int(row, "ccode2", 1, 999))
            year = str(_int(row, "year", *_YEAR))
            rows.extend(emit(row, year, a, b))
        except _Bad as exc:
            _quarantine(bad, line, str(exc), row)
    cols = list(zip(*rows, strict=True)) if rows else [()] * 6
    table = pa.table(
        {
            "period": pa.array(cols[0], pa.string()),
            "a": pa.array(cols[1], pa.string()),
            "b": pa.array(cols[2], pa.string()),
            "channel": pa.array(cols[3], pa.string()),
            "value": pa.array(cols[4], pa.float64()),
            "unit": pa.array(cols[5], pa.string()),
            "source": pa.array([source] * len(rows), pa.string()),
        },
        schema=_TIES_SCHEMA,
    )
    return _Load({"ties": table}, [("DELETE FROM ties WHERE source = ?", [source])], bad)


def _trade(row: dict[str, str], year: str, a: str, b: str) -> list[tuple[Any, ...]]:
    # flow1 = imports of ccode1 from ccode2, i.e. the flow b -> a; flow2 the flow a -> b
    out: list[tuple[Any, ...]] = []
    for col, exporter, importer in (("flow1", b, a), ("flow2", a, b)):
        value = _num(row, col, missing_below=0.0)
        if value is not None:
            out.append((year, exporter, importer, "trade_flow", value, "million current USD"))
    return out


def _alliances(cols: tuple[str, ...]) -> Callable[..., list[tuple[Any, ...]]]:
    def emit(row: dict[str, str], year: str, a: str, b: str) -> list[tuple[Any, ...]]:
        flags = [(c, _flag(row, c)) for c in cols]
        return [(year, a, b, _ALLIANCE_CHANNELS[c], 1.0, "alliance") for c, f in flags if f]

    return emit


def _igo(row: dict[str, str], year: str, a: str, b: str) -> list[tuple[Any, ...]]:
    value = _num(row, "dyadigos", missing_below=0.0)
    return [] if value is None else [(year, a, b, "joint_igo", value, "IGOs")]


_ATOP = ("atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul")
_COW_ALLY = ("cow_defense", "cow_neutral", "cow_nonagg", "cow_entente")


def _parse(kind: str, path: Path, source: str, unit: str | None = None) -> _Load:
    if kind == "unvotes":
        return _load_unvotes(path, source)
    if kind == "bsv":
        return _load_bsv(path, source)
    if kind == "nmc":
        return _load_nmc(path, source)
    if kind == "gdelt-dyads":
        return load_gdelt_dyads(path, source)
    if kind == "eurostat-trade":
        return load_eurostat(path, source)
    if kind == "national-trade":
        return load_national(path, source, unit)
    if kind == "remittances":
        return load_remittances(path, source)
    if kind == "cow-trade":
        return _dyads(path, source, "COW trade", ("flow1", "flow2"), _trade)
    if kind == "atop":
        return _dyads(path, source, "ATOP alliance", _ATOP, _alliances(_ATOP))
    if kind == "cow-alliance":
        return _dyads(path, source, "COW alliance", _COW_ALLY, _alliances(_COW_ALLY))
    return _dyads(path, source, "COW IGO dyad", ("dyadigos",), _igo)


# -- the entry point -----------------------------------------------------------------------
_READ_SHARE = 0.7
"""The share of the progress bar given to reading and parsing (the rest is the writes)."""


def coverage(tables: dict[str, pa.Table]) -> tuple[date | None, date | None]:
    """First and last date the loaded rows cover (roll-call dates, tie periods, years).

    >>> coverage({"ties": pa.table({"period": ["2019-03", "2021"]})})
    (datetime.date(2019, 3, 1), datetime.date(2021, 12, 31))
    """
    firsts: list[date] = []
    lasts: list[date] = []
    for table in tables.values():
        if not table.num_rows:
            continue
        names = table.column_names
        if "date" in names:
            days = [d for d in table.column("date").to_pylist() if d is not None]
            if days:
                firsts.append(min(days))
                lasts.append(max(days))
        elif "period" in names:
            periods = set(table.column("period").to_pylist())
            bounds = [period_bounds(p) for p in periods if p]
            firsts += [min(b[0] for b in bounds)] if bounds else []
            lasts += [max(b[1] for b in bounds)] if bounds else []
        elif "year" in names:
            years = [y for y in table.column("year").to_pylist() if y is not None]
            if years:
                firsts.append(date(min(years), 1, 1))
                lasts.append(date(max(years), 12, 31))
    return (min(firsts) if firsts else None, max(lasts) if lasts else None)


def ingest_reference(
    store: Store,
    kind: str,
    path: str | Path,
    progress: ProgressFn | None = None,
    licence: str | None = None,
    unit: str | None = None,
    replace: bool = False,
) -> IngestReport:
    """Load one reference file of ``kind`` (see :data:`KINDS`) into the store, replacing the
    rows the same file loaded before. Returns the usual report (``duplicate`` is always 0:
    a reload replaces). A reload that would delete more rows than it adds (a truncated copy of
    a file loaded before) is refused with both counts and the store unchanged, unless
    ``replace`` is true. ``progress`` gets the fraction done after reading and after each
    table is written (reading is one step: the readers parse a file in one call).

    The load is recorded in ``sources`` as ``<kind>:<file name>`` with the dates its rows
    cover, the row count and ``licence`` (default: the publisher's terms in :data:`LICENCES`).
    ``unit`` overrides the currency/unit recorded for ``national-trade`` rows (e.g. to say that
    the compiler converted the values).

    >>> from steppe.store import Store
    >>> with Store(":memory:") as s:
    ...     r = ingest_reference(s, "unvotes", bundled_unvotes())
    ...     r.loaded > 800_000, s.count("rollcalls") > 6000
    (True, True)
    """
    if kind not in KINDS:
        raise UnknownFormatError(f"unknown reference kind {kind!r}; expected one of {KINDS}")
    started, t0 = datetime.now(), time.perf_counter()
    target = Path(path)
    if not target.exists():
        raise IngestError(f"{target}: no such file")
    display = str(target)
    source = f"{SOURCES[kind]}: {target.name}"
    step = progress or (lambda _fraction: None)
    step(0.0)
    if unit is not None and kind != "national-trade":
        raise IngestError(f"--unit applies to national-trade only, not {kind}")
    load = _parse(kind, target, source, unit)
    step(_READ_SHARE)
    origin = f"reference:{kind}"
    hashed = target if target.is_file() else None
    sha = file_digest(hashed) if hashed else "folder"
    now = datetime.now()
    quarantine = pa.Table.from_pylist(
        [
            {"origin": origin, "file": display, "record": line, "reason": r, "raw": raw, "at": now}
            for line, r, raw in load.bad
        ],
        schema=QUARANTINE_SCHEMA,
    )
    loaded = sum(t.num_rows for t in load.tables.values())
    with store.transaction() as con:
        deleted = 0
        for sql, params in load.delete:
            deleted += int((con.execute(sql, params).fetchone() or (0,))[0])
        if deleted > loaded and not replace:
            raise IngestError(
                f"{display}: reloading would delete {deleted:,} rows loaded before and add only "
                f"{loaded:,}; nothing changed (a truncated or partial file?). Load it with "
                "--replace (replace=True) to replace them anyway"
            )
        for done, (table, rows) in enumerate(load.tables.items(), start=1):
            cols = ", ".join(f'"{c}"' for c in rows.column_names)
            con.register("_steppe_ref", rows)
            try:
                con.execute(f'INSERT INTO "{table}" ({cols}) SELECT {cols} FROM _steppe_ref')
            finally:
                con.unregister("_steppe_ref")
            step(_READ_SHARE + (1 - _READ_SHARE) * done / len(load.tables))
        con.execute("DELETE FROM quarantine WHERE origin = ? AND file = ?", [origin, display])
        if quarantine.num_rows:
            con.register("_steppe_bad", quarantine)
            con.execute("INSERT INTO quarantine SELECT * FROM _steppe_bad")
            con.unregister("_steppe_bad")
        report = IngestReport(
            display, origin, loaded, 0, len(load.bad), seconds=time.perf_counter() - t0
        )
        con.execute(
            "INSERT INTO ingest_log VALUES (?, ?, ?, ?, ?, ?, ?, now())",
            [display, sha, origin, report.loaded, 0, report.quarantined, started],
        )
        first, last = coverage(load.tables)
        record_source(
            store,
            f"{kind}:{target.name}",
            SOURCE_KINDS[kind],
            licence or LICENCES[kind],
            title=SOURCES[kind],
            first_date=first,
            last_date=last,
            rows=loaded,
            location=display,
            note=load.note,
            con=con,
        )
    step(1.0)
    return report
