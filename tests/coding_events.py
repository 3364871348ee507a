"""Code one written sentence with the bundled dictionaries, as the prose-rule tests and the
coding batteries do: its events keyed as the prose evaluation keys them."""

from __future__ import annotations

from datetime import date
from functools import cache

from steppe.coding import Coder
from steppe.coding.model import Document
from steppe.registry import data_path

DAY = date(2024, 9, 24)
"""The date the sentences are coded on unless a test gives another (office holders' dates)."""
Event = tuple[str, str, str, str]
"""(source, target, PLOVER category, modality); an empty string for a missing side."""


@cache
def bundled_coder() -> Coder:
    """One coder with the bundled dictionaries for the whole test session."""
    return Coder(data_path("dictionaries"))


def events(coder: Coder, text: str, speaker: str | None = None, on: date = DAY) -> set[Event]:
    """The events ``coder`` codes from ``text`` (a document of one sentence, dated ``on``; a
    General Debate speech of ``speaker`` when given)."""
    return {
        (
            e.source.code if e.source else "",
            e.target.code if e.target else "",
            e.plover or "",
            e.modality,
        )
        for s in coder.code([Document("t", text, on, speaker=speaker)])
        for e in s.events
    }


NO_EVENT = "no event"
"""A battery case's expectation that the sentence codes no dyadic event."""


def mutual(a: str, b: str, category: str, modality: str = "asserted") -> tuple[Event, Event]:
    """A joint act written once in the gold set: either direction matches."""
    return ((a, b, category, modality), (b, a, category, modality))
