"""Pool round 2 (issue 14, helper i14k): constructions found by reading the coder's output on
unlabelled UN General Debate speech sentences (partners' and the Central Asian states'). Each
sentence is written for this test (none is copied from the pool or the gold set); the
expectations follow docs/prose_annotation_guide.md and the CAMEO code descriptions quoted in
steppe/data/dictionaries/steppe.verbs.txt's "pool round 2 (helper i14k)" section.

- In a speech, an event from the speaking state to itself where one side is its first person
  ("I hope that we will be elected", "I thank all who support Georgia", "what unites us") is
  the speaker's words about itself, no act (guide, section 1: comments are no events).
- A state named after "the conflict / crisis / situation in (and around)" is where it is, no
  party to what the clause does about it, and so are the other states of the list ("the
  conflicts in Syria, Libya and Ukraine", "the conflicts in African countries, such as Mali and
  Chad"); "the parties to the conflict in X" still stand for X.
- "Latin America", "South America", "Central America" are regions, not the United States.
- The official long forms of states outside the registry ("Democratic People's Republic of
  Korea", "Syrian Arab Republic", "Viet Nam") name the state, as the COW names do.
- Facing a situation, a choice or conflicts meets no one (CAMEO.2.0.txt files FACE under 040).
- Supporting a party's call for an act endorses it (051), not an intent (032).
- Support provided to or for a recipient is aid (070), not praise (051).
- A speech's "I wish to thank / congratulate / commend X" (or the speaking state's own name
  wishing so) performs the praise (051), as "I would like to thank" does; wishing to cooperate
  stays an intent (AGREE).
- In a speech, "the President of the General Assembly" and "the Secretary General" (no hyphen)
  are the UN's officials; the session of the General Assembly stays a venue.
- Appreciation expressed or reiterated for a party's work or efforts, gratitude extended or
  conveyed to a party, and tribute paid to a party are praise (051).
- "would like to help / cooperate with / meet X" is an intent (AGREE), "would like to thank X"
  the thanks given in speaking (051).
- Sharing a party's position or view, and standing alongside a party, endorse it (051);
  "stands behind the attacks on X" supports no one.
- "Allow me, on behalf of …, to pay tribute to X": the speaker's formula, the act follows.
- A participle between a preposition and a state ("in occupied Ukraine") is an adjective: no
  occupation by the clause's subject.
- A joint act whose object names no actor ("organise a business forum together with X") is
  directed at its partner named with "with".
- A verb form right after "any", "every", "each", "another", "my" or "your" is a noun ("in any
  conflict with X"); "X constitutes a milestone" is a copula, no cooperation (060).
- Recognising a party's right to act endorses it (051), it hosts no visit (043).
"""

from __future__ import annotations

import pytest

from steppe.coding import Coder
from tests.coding_events import NO_EVENT, Event, Expected, case, check

AG, C, S, K, AC, R, AS = (
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "ACCUSE", "REQUEST", "ASSAULT"
)  # fmt: skip
ASR = "asserted"


CASES = [
    # --- a speaking state does not act on itself in its own words ---------------------------
    case(
        "I hope that by next year we will be in a position to report real progress.",
        "LVA",
        NO_EVENT,
        [("LVA", "LVA", R, ASR)],
    ),
    case("I thank all who love and support Moldova.", "MDA", [], [("MDA", "MDA", S, ASR)]),
    # ... the speaker's acts toward others stay
    case("We thank the Secretary-General for his leadership.", "TKM", [("TKM", "UN", S, ASR)]),
    # --- the place of a conflict is no party ---------------------------------------------------
    case(
        "We are confronting terrorism in relation to the conflicts in Mali, Niger and Chad.",
        "FRA",
        [],
        [("FRA", "MLI", AS, ASR), ("FRA", "NER", AS, ASR), ("FRA", "TCD", AS, ASR)],
    ),
    case(
        "Today we still face a brutal conflict in and around Ukraine.",
        "CHE",
        [],
        [("CHE", "UKR", C, ASR)],
    ),
    case(
        "We call for a just resolution to the conflicts in African countries, such as Mali, "
        "Chad and the Niger.",
        "IRL",
        [],
        [("IRL", "MLI", R, ASR), ("IRL", "TCD", R, ASR), ("IRL", "NER", R, ASR)],
    ),
    case("Kazakhstan praised partners such as Russia and China.", None, [("KAZ", "RUS", S, ASR)]),
    # ... while a named addressee stays one
    case(
        "Kazakhstan urged Azerbaijan to settle the conflict in the region peacefully.",
        None,
        [("KAZ", "AZE", R, ASR)],
    ),
    # --- a continent is no state -----------------------------------------------------------
    case(
        "Kazakhstan offers its partnership to the nations of Latin America and Africa.",
        None,
        [],
        [("KAZ", "USA", AG, ASR)],
    ),
    case("Kazakhstan praised America for its help.", None, [("KAZ", "USA", S, ASR)]),
    # --- official long forms of states outside the registry ------------------------------------
    case(
        "We firmly condemn the Democratic People's Republic of Korea for its missile launches.",
        "JPN",
        [("JPN", "PRK", AC, ASR)],
    ),
    case(
        "Kazakhstan condemned the missile launches of the Democratic People’s Republic of Korea.",
        None,
        [("KAZ", "PRK", AC, ASR)],
    ),
    case("Uzbekistan praised Viet Nam for its rice exports.", None, [("UZB", "VNM", S, ASR)]),
]


CASES += [
    # --- facing is no meeting -------------------------------------------------------------
    case(
        "Today we face a difficult choice between the Eurasian Economic Union and the "
        "European Union.",
        "KAZ",
        [],
        [("KAZ", "EAEU", C, ASR), ("KAZ", "EU", C, ASR)],
    ),
    case(
        "We face a situation in which Russia and China compete for influence.",
        "KGZ",
        [],
        [("KGZ", "RUS", C, ASR), ("KGZ", "CHN", C, ASR)],
    ),
    # --- supporting a call endorses it ------------------------------------------------------
    case(
        "We strongly support Kazakhstan's call for a world free of nuclear weapons.",
        "KGZ",
        [("KGZ", "KAZ", S, ASR)],
        [("KGZ", "KAZ", AG, ASR)],
    ),
    # --- support provided is aid ------------------------------------------------------------
    case(
        "Turkey has provided support to Kyrgyzstan for its new hospitals.",
        None,
        [("TUR", "KGZ", "AID", ASR)],
        [("TUR", "KGZ", S, ASR)],
    ),
    case(
        "Russia provided financial support to Tajikistan last year.",
        None,
        [("RUS", "TJK", "AID", ASR)],
    ),
    # --- a speaker's wish to praise is the praise -------------------------------------------
    case(
        "I wish to thank the Government of Kazakhstan for its hospitality.",
        "TJK",
        [("TJK", "KAZ", S, ASR)],
        [("TJK", "KAZ", AG, ASR)],
    ),
    case("We wish to deepen our ties with China.", "TKM", [("TKM", "CHN", AG, ASR)]),
    case(
        "Kazakhstan wishes to thank Turkey for its help.",
        "KAZ",
        [("KAZ", "TUR", S, ASR)],
        [("KAZ", "TUR", AG, ASR)],
    ),
    case("Kazakhstan wants to praise Russia.", None, [("KAZ", "RUS", AG, ASR)]),
]

CASES += [
    # --- the UN's officials in a speech ---------------------------------------------------
    case(
        "We would like to express our gratitude to the President of the General Assembly "
        "for his able leadership.",
        "UZB",
        [("UZB", "UN", S, ASR)],
    ),
    case(
        "We support the Secretary General's proposals on peacekeeping.",
        "TJK",
        [("TJK", "UN", S, ASR)],
    ),
    case(
        "Our President spoke at the seventy-fifth session of the General Assembly.",
        "KGZ",
        [],
        [("KGZ", "UN", C, ASR)],
    ),
    # --- appreciation, gratitude and tribute to a party ---------------------------------------
    case(
        "Kazakhstan reiterated its appreciation for the mediation efforts of Turkey.",
        None,
        [("KAZ", "TUR", S, ASR)],
    ),
    case(
        "We extend our gratitude to Switzerland for hosting the talks.",
        "TKM",
        [("TKM", "CHE", S, ASR)],
    ),
    case(
        "Tokayev paid tribute to Putin for his role in the talks.",
        None,
        [("KAZ", "RUS", S, ASR)],
    ),
]

CASES += [
    # --- a wish to cooperate is an intent ---------------------------------------------------
    case(
        "We would like to help Afghanistan rebuild its economy.",
        "KAZ",
        [("KAZ", "AFG", AG, ASR)],
        [("KAZ", "AFG", "AID", ASR)],
    ),
    case(
        "We would also like to cooperate with Turkmenistan on the Caspian.",
        "UZB",
        [("UZB", "TKM", AG, ASR)],
        [("UZB", "TKM", S, ASR)],
    ),
    case("I would like to thank Uzbekistan for its support.", "KGZ", [("KGZ", "UZB", S, ASR)]),
    # --- sharing a position, standing alongside ---------------------------------------------
    case(
        "Kazakhstan shares the view of China on the border question.",
        None,
        [("KAZ", "CHN", S, ASR)],
    ),
    case(
        "We have always stood alongside the people of Afghanistan.",
        "TJK",
        [("TJK", "AFG", S, ASR)],
    ),
    case("Moscow stands behind the attacks on Ukraine.", None, [], [("RUS", "UKR", S, ASR)]),
]

CASES += [
    case(
        "Allow me, on behalf of the Government of Latvia, to pay tribute to the "
        "Secretary-General for his service.",
        "LVA",
        [("LVA", "UN", S, ASR)],
        [("UN", "LVA", "CONCEDE", ASR)],
    ),
    case(
        "We condemn the sham elections held in occupied Azerbaijan.",
        "TUR",
        [],
        [("TUR", "AZE", "COERCE", ASR)],
    ),
    case(
        "Russia will not allow Kazakhstan to join NATO.",
        None,
        [("RUS", "KAZ", "REJECT", "negated")],
    ),
]

CASES += [
    case(
        "Next year we will organise a business forum together with Kazakhstan.",
        "KGZ",
        [("KGZ", "KAZ", AG, ASR)],
    ),
]

CASES += [
    case(
        "We believe that outside interference in any conflict with Tajikistan must be avoided.",
        "KGZ",
        [],
        [("KGZ", "TJK", AS, ASR), ("TJK", "KGZ", AS, ASR)],
    ),
    case(
        "As we all know, this year constitutes a milestone for our Organization as we mark its "
        "fiftieth anniversary.",
        "EST",
        [],
        [("EST", "UN", K, ASR)],
    ),
]

CASES += [
    case(
        "We fully recognize Armenia’s right to self-defence.",
        "GEO",
        [("GEO", "ARM", S, ASR)],
        [("ARM", "GEO", C, ASR)],
    ),
]


@pytest.mark.parametrize(("text", "speaker", "present", "absent"), CASES)
def test_pool6_i14k(
    coder: Coder, text: str, speaker: str | None, present: Expected, absent: list[Event]
) -> None:
    check(coder, text, speaker, present, absent)
