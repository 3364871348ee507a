"""Actors an analyst recognises (issue 14, item 5). Each case is a sentence written for the
test in the manner of regional commentary (not copied from an article)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from steppe.coding import Coder
from steppe.coding.actors import forum_members

_CODERS: dict[Path, Coder] = {}
AFTER_TASHKENT = date(2025, 11, 20)
"""After the seventh Consultative Meeting (16 November 2025), where Azerbaijan joined."""


@pytest.fixture
def coder(shared: Path) -> Coder:
    folder = shared / "petrarch2_dictionaries"
    if folder not in _CODERS:
        _CODERS[folder] = Coder(folder)
    return _CODERS[folder]


def _dyads(coder: Coder, text: str, on: date) -> set[tuple[str, str, str]]:
    return {
        (
            e.source.code if e.source else "",
            e.target.code if e.target else "",
            e.cameo,
        )
        for s in coder.code_text(text, on)
        for e in s.events
    }


def _mentions(coder: Coder, text: str, on: date) -> list[tuple[str, str | None]]:
    return [(m.code, m.agent) for s in coder.code_text(text, on) for m in s.mentions]


def test_regional_collectives(coder: Coder) -> None:
    # leaders about their own forum are the Consultative Meeting
    forum = _mentions(coder, "Central Asian leaders adopted a joint declaration.", AFTER_TASHKENT)
    assert forum == [("CAM", None)]
    # states acting one by one are the five states
    dyads = _dyads(
        coder, "The five states condemned Russia over the raids on migrants.", date(2024, 3, 1)
    )
    assert {d[0] for d in dyads if d[1] == "RUS"} == {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
    states = _mentions(coder, "Central Asian states criticized Moscow.", date(2024, 3, 1))
    assert states[0] == ("KAZ/KGZ/TJK/TKM/UZB", None)


def test_multilateral_meeting_one_event_per_participant(coder: Coder) -> None:
    dyads = _dyads(coder, "The region's presidents met in Tashkent.", AFTER_TASHKENT)
    assert dyads == {(c, "CAM", "040") for c in forum_members(AFTER_TASHKENT)}
    assert "AZE" in {d[0] for d in dyads}
    before = _dyads(coder, "The region's presidents met in Tashkent.", date(2024, 9, 1))
    assert "AZE" not in {d[0] for d in before}


def test_titles_and_former_leaders(coder: Coder) -> None:
    assert ("AZE", "KAZ", "040") in _dyads(
        coder, "President Ilham Aliyev met Tokayev in Astana.", AFTER_TASHKENT
    )
    # Nazarbayev left office in March 2019: in January 2022 he is a former leader (CAMEO ELI)
    (m,) = _mentions(coder, "Nazarbayev criticized the protesters.", date(2022, 1, 5))[:1]
    assert m == ("KAZ", "ELI")
    (m,) = _mentions(coder, "Nazarbayev criticized the protesters.", date(2015, 1, 5))[:1]
    assert m == ("KAZ", None)


def test_venues_are_places_not_actors(coder: Coder) -> None:
    dyads = _dyads(
        coder, "The Tashkent meeting welcomed Azerbaijan as a participant.", AFTER_TASHKENT
    )
    assert not any(d[0] == "UZB" for d in dyads)
    dyads = _dyads(coder, "Tokayev met Japarov in Tashkent.", AFTER_TASHKENT)
    assert dyads == {("KAZ", "KGZ", "040")}


def test_vague_phrases_are_no_agent(coder: Coder) -> None:
    assert (
        _mentions(coder, "Multiple actors criticized the new transit rules.", AFTER_TASHKENT) == []
    )
    assert _mentions(
        coder, "Several officials from Kyrgyzstan criticized the rules.", AFTER_TASHKENT
    )


def test_framing_is_not_an_event(coder: Coder) -> None:
    text = "The CSTO is being challenged by shifting loyalties in Tajikistan and Kyrgyzstan."
    assert _dyads(coder, text, AFTER_TASHKENT) == set()
    assert _dyads(coder, "The alliance is being questioned in Dushanbe.", AFTER_TASHKENT) == set()
    # a material act with an unknown perpetrator stays an event
    assert _dyads(coder, "Two Kyrgyz border guards were killed by a roadside bomb.", AFTER_TASHKENT)
