"""Sixth prose round (issue 14, the lead): constructions found by reading the coder's output on
the last unlabelled development-half news sentences and headlines. Each sentence is written for
this test (none is copied from a pool or the gold set); the expectations follow
docs/prose_annotation_guide.md.

- An intention, a desire or an intent stated, announced, expressed or voiced "to strengthen
  relations / ties with X" (or to cooperate with X) is an intent to cooperate: PLOVER AGREE,
  "indicate willingness or commitment to cooperate" (CAMEO 030), whatever verb states it;
  "his / her / their" after a stating verb is the subject's own.
- A plural verb form after a preposition and one or two lowercase words ("recruited for
  terrorist attacks in Russia") is a noun: the clause's subject does not attack.
- A phrase after "despite", "notwithstanding" or "regardless" is the circumstance, not the
  verb's object ("supported the pipeline despite the losses of local firms").
- "I would once again like to urge X": the appeal is made in speaking, as with "would like to"
  (asserted, not future).
- In a speech "the Organization" is the UN, but "the Organization of (the) Islamic
  Cooperation" is another organisation's name.
- A capital before "Memorandum" names a document ("the Budapest Memorandum"), not the state.
- An aggression or air strikes conducted against a state are a use of force (CAMEO 190, 195),
  not CONDUCT's cooperation (060).
- A name with a plural "s" ("the Americas") is a region, not the state a typo-tolerant match
  gives it.
- A sentence-opening "Once …" clause is a condition: its act is hypothetical.
"""

from __future__ import annotations

import pytest

from steppe.coding import Coder
from tests.coding_events import Event, Expected, case, check

AG, S, AS, R, REJ, AID, K = (
    "AGREE", "SUPPORT", "ASSAULT", "REQUEST", "REJECT", "AID", "COOPERATE"
)  # fmt: skip
ASR = "asserted"

CASES = [
    # --- an intention or desire to cooperate, stated ------------------------------------------
    case(
        "Lavrov stated his intention to deepen ties with Uzbekistan during the visit",
        None,
        [("RUS", "UZB", AG, ASR)],
        [("RUS", "UZB", S, ASR)],
    ),
    case(
        "Baku expressed its intention to strengthen relations with Astana in energy",
        None,
        [("AZE", "KAZ", AG, ASR)],
        [("AZE", "KAZ", S, ASR)],
    ),
    case(
        "Dushanbe voiced its desire to expand cooperation with Beijing on water",
        None,
        [("TJK", "CHN", AG, ASR)],
    ),
    # relations alone, with nothing to improve, are no cooperation stated
    case(
        "Ankara confirmed its intention to review relations with Tehran",
        None,
        [],
        [("TUR", "IRN", AG, ASR)],
    ),
    # --- a plural after a preposition and its modifiers is a noun -------------------------------
    case(
        "Uzbeks were warned against recruitment for terrorist attacks in Kazakhstan.",
        None,
        [],
        [("UZB", "KAZ", AS, ASR)],
    ),
    case(
        "Tajik citizens were cautioned about involvement in armed attacks in Afghanistan.",
        None,
        [],
        [("TJK", "AFG", AS, ASR)],
    ),
    # ... a verb with its subject right before it is still a verb
    case("Kyrgyzstan attacks Tajik positions in Batken", None, [("KGZ", "TJK", AS, ASR)]),
    # --- what an act is done in spite of is not its object ------------------------------------
    case(
        "Germany backed the pipeline despite the objections of Polish officials",
        None,
        [],
        [("DEU", "POL", S, ASR)],
    ),
    case("Moscow supported Minsk despite the sanctions", None, [("RUS", "BLR", S, ASR)]),
    # --- a performative appeal with an adverb before "like" ----------------------------------
    case(
        "I would once again like to urge Azerbaijan to release the detained soldiers.",
        "ARM",
        [("ARM", "AZE", R, ASR)],
        [("ARM", "AZE", R, "future")],
    ),
    # --- "the Organization of ..." names another organisation ---------------------------------
    case(
        "We appreciate the efforts of the Organization of Islamic Cooperation in Afghanistan.",
        "PAK",
        [],
        [("PAK", "UN", S, ASR)],
    ),
    case("We thank the Organization for its work in Afghanistan.", "PAK", [("PAK", "UN", S, ASR)]),
    # --- a capital naming a document -------------------------------------------------------
    case(
        "Let me be clear: we failed the test of the Budapest Memorandum.",
        "UKR",
        [],
        [("UKR", "HUN", REJ, ASR)],
    ),
    # --- an aggression conducted ------------------------------------------------------------
    case(
        "In 2020 Armenia conducted a brutal and unprovoked aggression against Azerbaijan.",
        "AZE",
        [("ARM", "AZE", AS, ASR)],
        [("ARM", "AZE", K, ASR)],
    ),
    case(
        "Russian forces conducted air strikes against Ukrainian towns.",
        None,
        [("RUS", "UKR", AS, ASR)],
    ),
    # --- "the Americas" ---------------------------------------------------------------------
    case(
        "We honour the veterans of the Americas, Europe and Asia who fought fascism.",
        "POL",
        [],
        [("POL", "USA", S, ASR)],
    ),
    # --- "Once ..., ...": a condition -------------------------------------------------------
    case(
        "Once a border treaty with Tajikistan is signed, the valley will be calmer.",
        "KGZ",
        [],
        [("KGZ", "TJK", K, ASR), ("TJK", "KGZ", K, ASR)],
    ),
]


@pytest.mark.parametrize(("text", "speaker", "present", "absent"), CASES)
def test_sixth_round_lead_construction(
    coder: Coder, text: str, speaker: str | None, present: Expected, absent: list[Event]
) -> None:
    check(coder, text, speaker, present, absent)
