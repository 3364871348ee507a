"""Code one written sentence with the bundled dictionaries, as the prose-rule tests and the
coding batteries do: its events keyed as the prose evaluation keys them."""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest

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


Expected = list[Event | tuple[Event, Event]] | str
"""A case's events that must be coded (a pair from :func:`mutual`: either one), or
:data:`NO_EVENT`."""


def case(
    text: str,
    speaker: str | None,
    present: Expected,
    absent: list[Event] | None = None,
    xfail: str | None = None,
) -> object:
    """One parametrised case (text, speaker, present, absent): a strict expected failure with
    its reason when ``xfail`` is given."""
    marks = [pytest.mark.xfail(reason=xfail, strict=True)] if xfail else []
    return pytest.param(text, speaker, present, absent or [], marks=marks, id=text[:60])


def check(
    coder: Coder,
    text: str,
    speaker: str | None,
    present: Expected,
    absent: list[Event],
    on: date = DAY,
) -> None:
    """Assert that ``text`` (dated ``on``) codes every ``present`` event (or no dyad at all
    for :data:`NO_EVENT`) and none of ``absent``."""
    got = events(coder, text, speaker, on)
    if present == NO_EVENT:
        dyads = {e for e in got if e[0] and e[1] and e[2]}
        assert not dyads, f"no-event sentence coded {dyads}"
    else:
        assert isinstance(present, list)
        for want in present:
            if isinstance(want[0], tuple):
                assert any(w in got for w in want), f"missing {want[0]} (either way) in {got}"
            else:
                assert want in got, f"missing {want} in {got}"
    for bad in absent:
        assert bad not in got, f"unexpected {bad} in {got}"
