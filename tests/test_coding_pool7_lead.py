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
- "working with its allies to impose costs on Russia": past a "with" phrase and an infinitive
  of purpose, a pattern's target is the purpose's object, not the partner.
- A speech's "we have to …" (and a verb coordinated with it) exhorts, as "we must …" does.
- "will spare no effort to …" is no negation.
- Attention called to a matter is no call (CAMEO.2.0.txt's CALL, 036); hearing someone say
  something or hearing voices is no consultation (its HEAR, 040).
- An aggression or attacks escalated against a state are force (190), not a threat (138).
- DEMONSTRATE with an object or a "that" clause shows something; only alone is it a protest.
- A base verb form after "is/are/am/was/were/be/been" is an adjective or noun ("if I am free",
  "is host to refugees"), unless its participle is the same word ("was hit by").
- Cases or proceedings initiated or brought against an actor are a lawsuit (CAMEO 115);
  partnering with an actor is material cooperation (060).
- An agreement named before a passive "concluded"/"reached" between two parties codes as the
  active does ("agreements were concluded between Kyrgyzstan and Tajikistan").
- "reiterate the support of the Czech Republic for Ukraine": after a stating verb the actor
  after "support of" owns the stance; the stance's object is the target ("appreciate the
  contribution of the UN" still praises the UN).
- What a speaker trusts others will do is a wish (as "we hope that …"), no act of theirs.
"""

from __future__ import annotations

import pytest

from steppe.coding import Coder
from tests.coding_events import NO_EVENT, Event, Expected, case, check, mutual

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
    # --- partners, then a purpose -----------------------------------------------------------
    case(
        "Britain is cooperating with like-minded partners to put pressure on Iran.",
        "GBR",
        [],
        [("GBR", "IRN", K, ASR), ("GBR", "IRN", S, ASR)],
    ),
    case(
        "Uzbekistan cooperates with Kazakhstan to build a new canal.",
        None,
        [("UZB", "KAZ", S, ASR)],
    ),
    # --- "we have to" -----------------------------------------------------------------------
    case(
        "We have to sustain and expand the work of United Nations peacekeeping missions.",
        "EST",
        NO_EVENT,
    ),
    case("We have supported Afghanistan for years.", "EST", [("EST", "AFG", S, ASR)]),
    # --- "spare no effort" ------------------------------------------------------------------
    case(
        "Kazakhstan will spare no effort to assist Afghanistan in rebuilding its economy.",
        "KAZ",
        [],
        [("KAZ", "AFG", AID, "negated"), ("KAZ", "AFG", AG, "negated")],
    ),
    # --- attention called, voices heard ------------------------------------------------------
    case(
        "Let me call attention to the fate of Afghan women and girls.",
        "TJK",
        [],
        [("TJK", "AFG", AG, ASR), ("AFG", "TJK", AG, ASR)],
    ),
    case(
        "We often hear Moscow say that it wants peace.",
        "EST",
        [],
        [("EST", "RUS", "CONSULT", ASR)],
    ),
    # --- force escalated ----------------------------------------------------------------------
    case(
        "Azerbaijan escalated its aggression against Armenia last September.",
        "ARM",
        [("AZE", "ARM", AS, ASR)],
        [("AZE", "ARM", "THREATEN", ASR)],
    ),
    # --- demonstrating a quality --------------------------------------------------------------
    case(
        "Uzbekistan has demonstrated its position on the war between Russia and Ukraine.",
        "UZB",
        [],
        [("UZB", "RUS", "PROTEST", ASR), ("UZB", "UKR", "PROTEST", ASR)],
    ),
    case(
        "Kyrgyz students demonstrated outside the Chinese embassy.",
        None,
        [("KGZ", "CHN", "PROTEST", ASR)],
    ),
    # --- a base form after "to be" ------------------------------------------------------------
    case(
        "Kazakhstan is host to thousands of refugees from Afghanistan.",
        None,
        [],
        [("AFG", "KAZ", "CONSULT", ASR), ("KAZ", "AFG", "CONSULT", ASR)],
    ),
    case("The Kyrgyz post was hit by Tajik fire.", None, [("TJK", "KGZ", AS, ASR)]),
    # --- lawsuits, partnering ----------------------------------------------------------------
    case(
        "Azerbaijan has brought two cases against Armenia before the International Court.",
        "AZE",
        [("AZE", "ARM", "ACCUSE", ASR)],
    ),
    case(
        "Tashkent initiated proceedings against the Kazakh carrier last month.",
        None,
        [("UZB", "KAZ", "ACCUSE", ASR)],
    ),
    case(
        "Uzbekistan is partnering with Japan to modernise its railways.",
        "UZB",
        [("UZB", "JPN", K, ASR)],
    ),
    case("Our partners with the longest history include Japan.", "UZB", NO_EVENT),
    # --- agreements in the passive ------------------------------------------------------------
    case(
        "Last year three agreements were concluded between Uzbekistan and Tajikistan.",
        None,
        [mutual("UZB", "TJK", S)],
    ),
    case(
        "An agreement was reached between Baku and Yerevan on the border commission.",
        None,
        [mutual("AZE", "ARM", AG)],
    ),
    # --- whose stance ------------------------------------------------------------------------
    case(
        "I reaffirm the full support of Lithuania for the sovereignty of Moldova.",
        "LTU",
        [("LTU", "MDA", S, ASR)],
    ),
    case(
        "We highly appreciate the contribution of the United Nations to our independence.",
        "TJK",
        [("TJK", "UN", S, ASR)],
    ),
    case(
        "We trust that an agreement will be reached between the EU and the UK before long.",
        "HRV",
        NO_EVENT,
    ),
]


@pytest.mark.parametrize(("text", "speaker", "present", "absent"), CASES)
def test_sixth_round_lead_construction(
    coder: Coder, text: str, speaker: str | None, present: Expected, absent: list[Event]
) -> None:
    check(coder, text, speaker, present, absent)
