"""POLECAT event files as published on the POLECAT Dataverse: weekly tab-separated text files
with a header row, one event per line, coded in PLOVER by the NGEC coder. Steppe reads the
columns it needs by name — ``Event ID``, ``Event Date``, ``Event Type`` (a PLOVER type),
``Actor Country`` and ``Recipient Country`` (ISO 3166 alpha-3) — and keeps ``Actor Name`` and
``Recipient Name`` as the raw actors; other columns are ignored. POLECAT has no CAMEO code and no
Goldstein score: those stay empty, the quad class follows the PLOVER type."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from steppe.ingest.base import IngestReport, ProgressFn
from steppe.ingest.event_table import PLOVER_QUAD, country_codes, ingest_table
from steppe.store import Store

ORIGIN = "polecat"
REQUIRED = ("Event ID", "Event Date", "Event Type", "Actor Country", "Recipient Country")


def polecat_row(codes: dict[str, str]) -> Any:
    """The record mapper for POLECAT, with ``codes`` mapping ISO3 codes to registry codes.

    >>> row = polecat_row({"KAZ": "KAZ", "CHN": "CHN"})
    >>> r = row({"Event ID": "e1", "Event Date": "2023-05-18", "Event Type": "agree",
    ...          "Actor Country": "KAZ", "Recipient Country": "CHN",
    ...          "Actor Name": "Kassym-Jomart Tokayev", "Recipient Name": "Xi Jinping"}, 2)
    >>> r["event_id"], r["plover"], r["quad_class"], r["source_actor"], r["target_actor"]
    ('polecat:e1', 'AGREE', 1, 'KAZ', 'CHN')
    >>> row({"Event ID": "e2", "Event Date": "2023-05-18", "Event Type": "negotiate",
    ...      "Actor Country": "KAZ", "Recipient Country": "CHN"}, 3)
    "Event Type: 'negotiate' is not a PLOVER event type"
    """

    def row(record: dict[str, str], line: int) -> dict[str, Any] | str:
        event_id = record["Event ID"].strip()
        if not event_id:
            return "Event ID: empty"
        day_text = record["Event Date"].strip()
        try:
            day = date.fromisoformat(day_text[:10])
        except ValueError:
            return f"Event Date: {day_text!r} is not a YYYY-MM-DD date"
        kind = record["Event Type"].strip().upper()
        if kind not in PLOVER_QUAD:
            return f"Event Type: {record['Event Type'].strip()!r} is not a PLOVER event type"
        src = record["Actor Country"].strip().upper() or None
        tgt = record["Recipient Country"].strip().upper() or None
        return {
            "event_id": f"{ORIGIN}:{event_id}",
            "date": day,
            "source_actor": codes.get(src, src) if src else None,
            "target_actor": codes.get(tgt, tgt) if tgt else None,
            "source_raw": (record.get("Actor Name") or "").strip() or src,
            "target_raw": (record.get("Recipient Name") or "").strip() or tgt,
            "cameo": None,
            "plover": kind,
            "quad_class": PLOVER_QUAD[kind],
            "goldstein": None,
            "origin": ORIGIN,
        }

    return row


def ingest_polecat(
    store: Store, path: str | Path, progress: ProgressFn | None = None
) -> list[IngestReport]:
    """Load a POLECAT weekly file (plain, .gz or .zip) into ``events``; records with an empty
    id, a bad date or an unknown event type are quarantined with their line."""
    return ingest_table(
        store, path, ORIGIN, "\t", REQUIRED, polecat_row(country_codes(store)), progress
    )
