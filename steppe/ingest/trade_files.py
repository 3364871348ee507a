"""Reported trade by partner (``--kind eurostat-trade`` and ``--kind national-trade``) into
``ties``, with partner, flow, unit and currency recorded on every row.

Reported trade is one country's customs view, so the reporter is kept in the channel:

* ``trade_exports`` — ``a`` reported exporting ``value`` to ``b`` (reporter = ``a``);
* ``trade_imports`` — ``b`` reported importing ``value`` from ``a`` (reporter = ``b``).

(COW's complete dyadic flows stay channel ``trade_flow``.) ``unit`` names the currency and
scale exactly as the file gives them — ``EUR``, ``thousand USD``, or ``EUR (converted from USD
...)`` — and the trade indicators never add rows of different units.

Layouts read (as published in ``../shared/data/eurostat_national_trade_centralasia``):

* Eurostat Comext monthly, ``reporter, partner, flow, period (YYYY-MM), value_eur``: EU member
  states' exports to (and, where given, imports from) a partner. Rows whose reporter is an
  aggregate (``Euro area``, ``European Union - 27 countries``) are skipped, since they would
  double-count their members; the count goes into the ``sources`` note.
* Eurostat annual, ``reporter, partner, flow, year, value_eur`` with reporter
  ``European Union - 27 countries``: the EU's exports by partner (reporter code ``EU``).
* National statistics, ``REPORTER, PARTNER, PRODUCT, FLOW, STAT_PROCEDURE, PERIOD (Y2019),
  VALUE_IN_EUR`` (Kazakhstan, Kyrgyzstan, Uzbekistan). The compiler converted these from
  thousand USD at fixed annual rates; ``--unit`` lets you record that (the demo does).
* stat.uz SDMX tables, ``Code, Klassifikator_en, 2010 ... 2023`` in thousand USD: Uzbekistan's
  exports or imports by partner. The flow comes from the file name (``exports``/``imports``),
  which the published files carry; a name with neither is refused.

The partner ``World`` is kept as ``WLD`` (the reported total: the denominator of partner
shares); other aggregates (``Asia``, ``Extra-EU27``, ``Non-EU countries``) are skipped and
counted. Unknown names, bad numbers and repeated keys are quarantined with their line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow as pa

from steppe.domain.errors import IngestError
from steppe.ingest.countries import AGGREGATE, CountryNames
from steppe.ingest.interaction import TIES_SCHEMA
from steppe.ingest.tabular import BadRow, Load, Rows, number, quarantine_row
from steppe.registry import normalise

WORLD = "WLD"
"""Partner code of a reported world total."""
EXPORTS = "trade_exports"
IMPORTS = "trade_imports"
CONVERTED_EUR = "EUR (converted from thousand USD at fixed annual rates by the file's compiler)"
"""The unit the national-statistics files carry (see their SOURCE.md)."""

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_YEAR = re.compile(r"^Y?(\d{4})$")


class Collector:
    """Rows for ``ties`` in one ``unit`` with the bookkeeping every layout shares: country
    names to codes, repeated keys, skipped aggregates, quarantined lines."""

    def __init__(self, source: str, unit: str = "EUR") -> None:
        self.source, self.unit = source, unit
        self.cols: dict[str, list[object]] = {n: [] for n in TIES_SCHEMA.names}
        self.bad: list[tuple[int, str, str]] = []
        self.seen: dict[tuple[str, str, str, str], tuple[int, int, float]] = {}
        self.dropped: set[int] = set()
        self.skipped = 0
        self.names = CountryNames.load()

    def code(self, name: str, role: str) -> str | None:
        """A country's code; ``None`` for an aggregate (skipped); unknown names raise."""
        if normalise(name) == "world":
            return WORLD
        code = self.names.code(name)
        if code is None:
            raise BadRow(f'{role}: unknown country "{name}"')
        return None if code == AGGREGATE else code

    def add(
        self, _line: int, period: str, exporter: str, importer: str, channel: str, value: float
    ) -> None:
        if exporter == importer:
            raise BadRow(f"{exporter} trading with itself")
        if value < 0:
            raise BadRow(f"negative trade value {value}")
        key = (period, exporter, importer, channel)
        what = f"{exporter}->{importer} {period} ({channel})"
        if key in self.seen:
            index, first, earlier = self.seen[key]
            if earlier == value:
                raise BadRow(f"second row for {what}, same value as line {first}")
            # two values for one flow: which is right cannot be known, so neither is kept
            reason = (
                f"rows for {what} disagree: {earlier:,.0f} (line {first}) and {value:,.0f} "
                f"(line {_line}); neither kept"
            )
            if index not in self.dropped:
                self.dropped.add(index)
                self.bad.append((first, reason, f"{what} {earlier}"))
            raise BadRow(reason)
        self.seen[key] = (len(self.cols["value"]), _line, value)
        for col, v in zip(
            TIES_SCHEMA.names,
            (period, exporter, importer, channel, value, self.unit, self.source),
            strict=True,
        ):
            self.cols[col].append(v)

    def load(self, note: str) -> Load:
        if self.skipped:
            note += f"; {self.skipped} aggregate rows skipped (totals of other rows)"
        table = pa.table(self.cols, schema=TIES_SCHEMA)
        if self.dropped:
            keep = [i for i in range(table.num_rows) if i not in self.dropped]
            table = table.take(pa.array(keep, pa.int64()))
        return Load(
            {"ties": table},
            [("DELETE FROM ties WHERE source = ?", [self.source])],
            self.bad,
            note=note,
        )


def _flow(text: str) -> str:
    flow = text.strip().upper()
    if flow not in ("EXPORT", "IMPORT"):
        raise BadRow(f'flow: "{text}" is not EXPORT or IMPORT')
    return flow


def _header(path: Path) -> list[str]:
    for _line, row in Rows(path, (), "trade"):
        return [k for k in row if k != "__error__"]
    raise IngestError(f"{path}: no data rows")


def load_eurostat(path: Path, source: str) -> Load:
    """Eurostat monthly (member states) or annual (EU27) trade by partner, in EUR."""
    header = _header(path)
    monthly = "period" in header
    required = ("reporter", "partner", "flow", "period" if monthly else "year", "value_eur")
    out = Collector(source, "EUR")
    for line, row in Rows(path, required, "Eurostat trade"):
        try:
            if "__error__" in row:
                raise BadRow(row["__error__"])
            period = (row["period"] if monthly else row["year"]).strip()
            if not (_MONTH.match(period) if monthly else _YEAR.match(period)):
                raise BadRow(f'period: "{period}" is not a {"YYYY-MM" if monthly else "year"}')
            reporter = out.code(row["reporter"], "reporter")
            if reporter is None and not monthly and "european union" in normalise(row["reporter"]):
                reporter = "EU"
            partner = out.code(row["partner"], "partner")
            flow = _flow(row["flow"])
            value = number(row, "value_eur")
            if value is None:
                raise BadRow("value_eur: empty")
            if reporter is None or partner is None or partner == WORLD:
                out.skipped += 1
                continue
            if flow == "EXPORT":
                out.add(line, period, reporter, partner, EXPORTS, value)
            else:
                out.add(line, period, partner, reporter, IMPORTS, value)
        except BadRow as exc:
            quarantine_row(out.bad, line, str(exc), row)
    kind = "monthly, EU member states reporting" if monthly else "annual, EU27 reporting"
    return out.load(f"Eurostat Comext {kind}; EUR")


def load_national(path: Path, source: str, unit: str | None = None) -> Load:
    """National statistics offices' trade by partner: the long layout (``REPORTER, PARTNER,
    FLOW, PERIOD, VALUE_IN_EUR``) or stat.uz's wide layout (``Code, Klassifikator_en``, one
    column per year, thousand USD)."""
    header = _header(path)
    if "Klassifikator_en" in header:
        return _load_statuz(path, source, header, unit)
    out = Collector(source, unit or "EUR")
    required = ("REPORTER", "PARTNER", "FLOW", "PERIOD", "VALUE_IN_EUR")
    for line, row in Rows(path, required, "national trade"):
        try:
            if "__error__" in row:
                raise BadRow(row["__error__"])
            if row.get("PRODUCT", "TOTAL").strip().upper() != "TOTAL":
                out.skipped += 1
                continue
            m = _YEAR.match(row["PERIOD"].strip())
            if not m:
                raise BadRow(f'PERIOD: "{row["PERIOD"]}" is not a year (Y2019)')
            reporter = out.code(row["REPORTER"], "REPORTER")
            partner = out.code(row["PARTNER"], "PARTNER")
            if reporter is None or reporter == WORLD:
                raise BadRow(f'REPORTER: "{row["REPORTER"]}" is not a country')
            flow = _flow(row["FLOW"])
            value = number(row, "VALUE_IN_EUR")
            if value is None:
                raise BadRow("VALUE_IN_EUR: empty")
            if partner is None:
                out.skipped += 1
                continue
            if flow == "EXPORT":
                out.add(line, m.group(1), reporter, partner, EXPORTS, value)
            else:
                out.add(line, m.group(1), partner, reporter, IMPORTS, value)
        except BadRow as exc:
            quarantine_row(out.bad, line, str(exc), row)
    return out.load(f"national statistics; {out.unit}")


def _load_statuz(path: Path, source: str, header: list[str], unit: str | None) -> Load:
    name = path.name.lower()
    if ("export" in name) == ("import" in name):
        raise IngestError(
            f"{path}: cannot tell the flow of a stat.uz table; its name must contain "
            "'exports' or 'imports' (as the published files do)"
        )
    exports = "export" in name
    years = [h for h in header if re.fullmatch(r"\d{4}", h)]
    if not years:
        raise IngestError(f"{path} line 1: not a stat.uz table; no year columns")
    out = Collector(source, unit or "thousand USD")
    for line, row in Rows(path, ("Code", "Klassifikator_en", *years), "stat.uz trade"):
        try:
            if "__error__" in row:
                raise BadRow(row["__error__"])
            partner = out.code(row["Klassifikator_en"], "Klassifikator_en")
            values = [(y, number(row, y)) for y in years]
            if partner is None:
                out.skipped += 1
                continue
            for year, value in values:
                if value is None:
                    continue
                if exports:
                    out.add(line, year, "UZB", partner, EXPORTS, value)
                else:
                    out.add(line, year, partner, "UZB", IMPORTS, value)
        except BadRow as exc:
            quarantine_row(out.bad, line, str(exc), row)
    flow = "exports" if exports else "imports"
    return out.load(f"stat.uz Uzbekistan {flow} by partner; {out.unit}")
