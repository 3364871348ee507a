"""ACLED CSV exports (the Data Export Tool / API layout: ``event_id_cnty``, ``event_date``,
``event_type``, ``sub_event_type``, ``actor1``, ``actor2``, ``country``, ``fatalities``,
``notes`` ...). ACLED records political violence, demonstrations and strategic developments;
Steppe keeps each as an event between the actors it names.

Actors: ACLED writes state forces as ``Military Forces of Kazakhstan (2019-)`` and groups as
``Protesters (Kyrgyzstan)``; the country named (after "of", or in the parentheses) resolves
through the gazetteer on the event's date; an actor that does not resolve keeps only its raw
name. Event types map to PLOVER by Steppe's crosswalk (:data:`ACLED_PLOVER`): battles, explosions
and violence against civilians are ASSAULT, protests and riots PROTEST; of the strategic
developments only agreements (AGREE), arrests (COERCE) and non-violent transfers of territory
(CONCEDE) have a PLOVER type, the others keep none (counted, not guessed). ACLED's terms forbid
redistribution: bring your own export; nothing from ACLED ships with Steppe."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from steppe.ingest.base import IngestReport, ProgressFn
from steppe.ingest.event_table import PLOVER_QUAD, ingest_table
from steppe.registry import Gazetteer
from steppe.store import Store

ORIGIN = "acled"
REQUIRED = ("event_id_cnty", "event_date", "event_type", "actor1", "actor2")

ACLED_PLOVER: dict[str, str | None] = {
    "Battles": "ASSAULT",
    "Explosions/Remote violence": "ASSAULT",
    "Violence against civilians": "ASSAULT",
    "Protests": "PROTEST",
    "Riots": "PROTEST",
    "Strategic developments": None,
}
"""ACLED event type -> PLOVER type (strategic developments go by sub-event type)."""

STRATEGIC_PLOVER: dict[str, str] = {
    "Agreement": "AGREE",
    "Arrests": "COERCE",
    "Non-violent transfer of territory": "CONCEDE",
}

_SPAN = re.compile(r"\s*\(\d{4}-\d{0,4}\)\s*$")
_WRAPPED = re.compile(r"^.*\((?P<country>[^()]+)\)\s*$")


def acled_date(text: str) -> date | None:
    """An ACLED event date: ``2022-01-05`` (current exports) or ``05 January 2022`` (older).

    >>> acled_date("05 January 2022"), acled_date("2022-01-05"), acled_date("5/1/22")
    (datetime.date(2022, 1, 5), datetime.date(2022, 1, 5), None)
    """
    for fmt in ("%Y-%m-%d", "%d %B %Y"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def actor_country(name: str) -> str | None:
    """The country an ACLED actor name points to, as written.

    >>> actor_country("Military Forces of Kazakhstan (2019-)")
    'Kazakhstan'
    >>> actor_country("Protesters (Kyrgyzstan)")
    'Kyrgyzstan'
    >>> actor_country("Unidentified Armed Group") is None
    True
    """
    text = _SPAN.sub("", name.strip())
    wrapped = _WRAPPED.match(text)
    if wrapped:
        return wrapped["country"].strip()
    if " of " in text:
        return text.rsplit(" of ", 1)[1].strip()
    return None


def acled_row(gazetteer: Gazetteer) -> Any:
    """The record mapper for ACLED exports."""

    @lru_cache(maxsize=50_000)
    def resolve(name: str, on: date) -> str | None:
        country = actor_country(name) if name else None
        return gazetteer.resolve(country, on) if country else None

    def row(record: dict[str, str], line: int) -> dict[str, Any] | str:
        event_id = record["event_id_cnty"].strip()
        if not event_id:
            return "event_id_cnty: empty"
        day = acled_date(record["event_date"])
        if day is None:
            return f"event_date: {record['event_date'].strip()!r} is not a date"
        kind = record["event_type"].strip()
        if kind not in ACLED_PLOVER:
            return f"event_type: {kind!r} is not an ACLED event type"
        plover = ACLED_PLOVER[kind] or STRATEGIC_PLOVER.get(
            (record.get("sub_event_type") or "").strip()
        )
        a1, a2 = record["actor1"].strip(), record["actor2"].strip()
        return {
            "event_id": f"{ORIGIN}:{event_id}",
            "date": day,
            "source_actor": resolve(a1, day),
            "target_actor": resolve(a2, day),
            "source_raw": a1 or None,
            "target_raw": a2 or None,
            "cameo": None,
            "plover": plover,
            "quad_class": PLOVER_QUAD[plover] if plover else None,
            "goldstein": None,
            "origin": ORIGIN,
        }

    return row


def ingest_acled(
    store: Store, path: str | Path, progress: ProgressFn | None = None
) -> list[IngestReport]:
    """Load an ACLED CSV export (plain, .gz or .zip) into ``events``; records with an empty id,
    a bad date or an unknown event type are quarantined with their line."""
    return ingest_table(
        store, path, ORIGIN, ",", REQUIRED, acled_row(Gazetteer.from_registry()), progress
    )
