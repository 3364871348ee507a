"""Pool round (issue 14, helper i14i): constructions of UN General Debate speech sentences that
the coder read wrongly in an unlabelled pool of partner states' speeches. Each sentence is
written for this test (none is copied from the pool or the gold set); the expectations follow
docs/prose_annotation_guide.md: light verbs, anniversaries, difficulties faced or overcome,
roles served and exhortations ("Let us ...") are no acts, a speaker's need of an entity demands
nothing of it (section 1, comments, framing and proposals); a relation "between X and Y" that a
third party builds, an actor inside a relative clause on the object and a word of an
organisation's name give no target or category (section 2); defending, standing with, thanking
and working with a named entity are SUPPORT and COOPERATE (section 3). Expectations that a
dyad is present are checked; so are the dyads that must be absent."""

from __future__ import annotations

import pytest

from steppe.coding import Coder
from tests.coding_events import NO_EVENT, Event, Expected, case, check

AG, S, RQ, CO, AC, AI, K = "AGREE", "SUPPORT", "REQUEST", "COERCE", "ACCUSE", "AID", "COOPERATE"
ASR = "asserted"


CASES = [
    # --- TAKE as a light verb (CAMEO 171 "Seize or damage property" is no reading) ----------
    case(
        "Kazakhstan took its seat in the United Nations in March 1992.",
        None,
        NO_EVENT,
    ),
    case(
        "We have taken a decision to admit 50 Afghan students to our universities.",
        "UZB",
        [],
        [("UZB", "AFG", CO, ASR)],
    ),
    case(
        "Tajikistan takes a keen interest in the water projects of the European Union.",
        None,
        NO_EVENT,
    ),
    case(
        "Kyrgyzstan will take advantage of the summit to deepen its ties with China.",
        None,
        [],
        [("KGZ", "CHN", CO, ASR)],
    ),
    case(
        "Kazakh police took three Russian activists into custody in Almaty.",
        None,
        [("KAZ", "RUS", CO, ASR)],
    ),
    # --- NEED of an entity is no demand of it (CAMEO 100 "Demand") ---------------------------
    case("In these times, we need the United Nations more than ever.", "TKM", NO_EVENT),
    case(
        "Our region needs a strong and united Shanghai Cooperation Organisation.", "UZB", NO_EVENT
    ),
    case(
        "We need Russia to withdraw its troops from the border without delay.",
        "AZE",
        [("AZE", "RUS", RQ, ASR)],
    ),
    # --- anniversaries celebrated, commemorated or mourned (CAMEO 017 "symbolic act") --------
    case(
        "This year we celebrate 30 years since our admission to the United Nations.",
        "UZB",
        NO_EVENT,
    ),
    case(
        "Next month we will commemorate eighty years since the founding of the Organization "
        "of the United Nations.",
        "KAZ",
        NO_EVENT,
    ),
    case(
        "In August we mourned forty years since the Soviet invasion of Afghanistan.",
        "TJK",
        NO_EVENT,
    ),
    # --- FACE a difficulty, "when it comes to" (CAMEO 040 "Consult" is no reading) ----------
    case(
        "When we face a regional crisis, the Collective Security Treaty Organization should be "
        "the first place we turn to.",
        "KAZ",
        NO_EVENT,
    ),
    case(
        "The threats we are facing today require a united Shanghai Cooperation Organisation.",
        "KGZ",
        NO_EVENT,
    ),
    case(
        "We have no time to lose when it comes to reforming the Eurasian Economic Union.",
        "KAZ",
        NO_EVENT,
    ),
    # --- DEFEND an entity's role or principles: 052 "Defend verbally" (SUPPORT), not 074 --
    case(
        "Uzbekistan firmly defends the coordinating role of the United Nations.",
        None,
        [("UZB", "UN", S, ASR)],
        [("UZB", "UN", AI, ASR)],
    ),
    # --- STAND WITH an entity: 051 "Praise or endorse" ------------------------------------
    case(
        "Throughout those years we stood with the people of Afghanistan.",
        "TJK",
        [("TJK", "AFG", S, ASR)],
    ),
    # --- appreciation expressed TO an entity is thanks (051), not a comment (013) ---------
    case(
        "Let me express our deep appreciation to China and Kazakhstan for their humanitarian help.",
        "KGZ",
        [("KGZ", "CHN", S, ASR), ("KGZ", "KAZ", S, ASR)],
    ),
    # --- OVERCOME a difficulty (CAMEO 190 "Use conventional military force" is no reading) --
    case(
        "We must overcome this obstacle, and the Shanghai Cooperation Organisation is the tool "
        "to do so.",
        "TKM",
        NO_EVENT,
    ),
    # --- SERVE AS a role: no cooperation (060) -------------------------------------------
    case(
        "Kazakhstan served as a non-permanent member of the United Nations Security Council.",
        None,
        NO_EVENT,
    ),
    # --- honoured to speak; addressing the Assembly "for the Nth time" is no visit ----------
    case(
        "I am honoured to address the United Nations General Assembly for the third time.",
        "UZB",
        NO_EVENT,
    ),
    # --- UN entities written as their short names take the UN's code (guide section 2) ------
    case(
        "We will continue to support the work of UN-Women in Central Asia.",
        "KAZ",
        [("KAZ", "UN", AG, ASR)],
    ),
    case(
        "Kyrgyzstan welcomed the new programme of UNRWA.",
        None,
        [("KGZ", "UN", S, ASR)],
    ),
    # --- cooperation "between X and Y" built by a third party: X and Y are its parties -----
    case(
        "We will deepen cooperation between the Shanghai Cooperation Organisation and the "
        "Commonwealth of Independent States.",
        "KGZ",
        [],
        [("KGZ", "SCO", AG, ASR), ("KGZ", "CIS", AG, ASR), ("KGZ", "SCO", K, ASR)],
    ),
    case(
        "Tajikistan wants to build a new relationship between Russia and the European Union.",
        None,
        [],
        [("TJK", "RUS", K, ASR), ("TJK", "EU", K, ASR), ("TJK", "RUS", AG, ASR)],
    ),
    case(
        "Kazakhstan will deepen its cooperation with China.",
        None,
        [("KAZ", "CHN", AG, ASR)],
    ),
    # --- WORK WITH a named entity: 060 "Engage in material cooperation" ------------------
    case(
        "This year we worked closely with Kazakhstan on the new transit corridor.",
        "AZE",
        [("AZE", "KAZ", K, ASR)],
    ),
    case(
        "Uzbekistan is working with the European Union on water management.",
        None,
        [("UZB", "EU", K, ASR)],
    ),
    case(
        "Kyrgyzstan will work with China to open the new railway.",
        None,
        [("KGZ", "CHN", AG, ASR)],
    ),
    case("Turkmenistan has worked for peace in Afghanistan for decades.", None, NO_EVENT),
    # --- "Let us ...": a suggestion to the audience (CAMEO 014, a comment); "let me" is done --
    case(
        "Let us join hands with the Shanghai Cooperation Organisation to fight poverty.",
        "KGZ",
        NO_EVENT,
    ),
    case(
        "Let us support the new initiative of the Secretary-General of the United Nations.",
        "TJK",
        NO_EVENT,
    ),
    case(
        "Let me express our deep appreciation to Turkey for its help after the earthquake.",
        "TJK",
        [("TJK", "TUR", S, ASR)],
    ),
    # --- improving an entity's own working is no cooperation with it (060) ----------------
    case(
        "Last year Kazakhstan improved the working methods of the Collective Security Treaty "
        "Organization.",
        "KAZ",
        NO_EVENT,
    ),
    case(
        "Kyrgyzstan is enhancing the overall efforts of the Shanghai Cooperation Organisation.",
        None,
        NO_EVENT,
    ),
    case(
        "Kazakhstan and Uzbekistan have improved their relations.",
        None,
        [("KAZ", "UZB", AG, ASR)],
    ),
    case(
        "The challenges we are facing at home and abroad call for a strong Eurasian Economic "
        "Union.",
        "KAZ",
        [],
        [("KAZ", "EAEU", AG, ASR), ("EAEU", "KAZ", AG, ASR)],
    ),
    # --- a word of an organisation's name is no pattern word ("Security", "Cooperation") ---
    case(
        "We all need a Security Council that is more representative and transparent.",
        "TKM",
        NO_EVENT,
    ),
    case(
        "Uzbekistan welcomed the report of the Collective Security Treaty Organization.",
        None,
        [("UZB", "CSTO", S, ASR)],
    ),
    # --- a relative clause on the object says what the object does, not whom the act is to --
    case(
        "We must find a solution that provides for a stable Afghanistan enjoying good relations "
        "with Uzbekistan and Tajikistan.",
        "KAZ",
        [],
        [("KAZ", "AFG", AG, ASR), ("KAZ", "UZB", AG, ASR), ("KAZ", "TJK", AG, ASR)],
    ),
    case(
        "Kyrgyzstan will find a solution with Tajikistan on the border.",
        None,
        [("KGZ", "TJK", AG, ASR)],
    ),
]


@pytest.mark.parametrize(("text", "speaker", "present", "absent"), CASES)
def test_pool5_i14i(
    coder: Coder, text: str, speaker: str | None, present: Expected, absent: list[Event]
) -> None:
    check(coder, text, speaker, present, absent)
