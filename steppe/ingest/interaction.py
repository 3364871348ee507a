"""GDELT daily dyadic interaction weights (``--kind gdelt-dyads``) into ``ties``.

The file (``gdelt_daily_dyads_focal.csv.gz``, from gzemo/gdelt-graph-data) has one row per day,
focal state and partner: ``date, focal_iso3, partner_iso3, edge_weight``. The weight is the sum,
over that day's GDELT 2.0 events whose two actors are both bare ISO3 country codes (state as
actor; ``KAZGOV`` and other sub-state actors are not in it), of
``G + 0.025·NumSources + 0.01·NumArticles + 0.01·AvgTone`` with the source and article terms
signed as the Goldstein score G (the tone decides when G = 0). It is **undirected** (the two
directions summed) and **mixes** cooperation and conflict in one signed number: a day with
+50 and −50 nets to 0. It is a measure of attention-weighted interaction, not a count of events
and not a dyad's "relations". Positive and negative values are kept apart downstream
(:mod:`steppe.indicators.interaction`).

Rows become ``ties`` with channel ``interaction``, period = the day, ``a`` = the focal state,
``b`` = the partner (both through the registry), unit ``GDELT interaction weight (undirected)``.
A pair of two focal states appears under each of them, as in the file. Days without a source
file (listed in ``missing_days.txt`` beside the data) are absent, not zero: the count goes into
the ``sources`` note.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow as pa

from steppe.ingest.countries import CountryNames
from steppe.ingest.tabular import BadRow, Load, Rows, number, quarantine_row

CHANNEL = "interaction"
UNIT = "GDELT interaction weight (undirected)"
TIES_SCHEMA = pa.schema(
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


def load_gdelt_dyads(path: Path, source: str) -> Load:
    """Parse a GDELT daily dyad file; bad rows (date, code, number, self-pair, repeat) go to
    quarantine with their line."""
    codes = CountryNames.load()
    cols: dict[str, list[object]] = {n: [] for n in TIES_SCHEMA.names}
    bad: list[tuple[int, str, str]] = []
    seen: set[tuple[str, str, str]] = set()
    required = ("date", "focal_iso3", "partner_iso3", "edge_weight")
    for line, row in Rows(path, required, "GDELT daily dyad"):
        try:
            if "__error__" in row:
                raise BadRow(row["__error__"])
            text = row["date"].strip()
            try:
                day = date.fromisoformat(text)
            except ValueError:
                raise BadRow(f'date: "{text}" is not a YYYY-MM-DD date') from None
            focal = codes.from_iso3(row["focal_iso3"])
            partner = codes.from_iso3(row["partner_iso3"])
            if focal is None:
                raise BadRow(f'focal_iso3: unknown country code "{row["focal_iso3"]}"')
            if partner is None:
                raise BadRow(f'partner_iso3: unknown country code "{row["partner_iso3"]}"')
            if focal == partner:
                raise BadRow(f"a state paired with itself ({focal})")
            weight = number(row, "edge_weight")
            if weight is None:
                raise BadRow("edge_weight: empty")
            key = (day.isoformat(), focal, partner)
            if key in seen:
                raise BadRow(f"second row for {focal}-{partner} on {key[0]}")
        except BadRow as exc:
            quarantine_row(bad, line, str(exc), row)
            continue
        seen.add(key)
        for col, value in zip(
            TIES_SCHEMA.names, (key[0], focal, partner, CHANNEL, weight, UNIT, source), strict=True
        ):
            cols[col].append(value)
    missing = path.parent / "missing_days.txt"
    note = None
    if missing.is_file():
        days = [x for x in missing.read_text(encoding="utf-8").split() if x.strip()]
        note = f"{len(days)} days without a GDELT file (missing_days.txt): absent, not zero"
    return Load(
        {"ties": pa.table(cols, schema=TIES_SCHEMA)},
        [("DELETE FROM ties WHERE source = ?", [source])],
        bad,
        note=note,
    )
