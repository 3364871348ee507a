"""Pool round 6 (issue 14, helper i14l): constructions found by reading the coder's output on
unlabelled UN General Debate sentences. Each sentence is written for this test (none is copied
from the pool or the gold set); the expectations follow docs/prose_annotation_guide.md:

- a speaking state acts on no one when the other side is itself as a whole ("trust in us", "my
  country", its own name);
- taking over a seat from a state, joining a council, serving on it and seeking election to it
  are no events;
- praising an entity for what it did, welcoming its commitment or decision or an agreement
  between two others, respect expressed to it and appreciation of its work are one-way SUPPORT,
  not a welcome to a place, mutual praise or an intent; "I wish to thank" thanks, and so does
  "I want to take this opportunity to commend";
- registry names of up to ten words are found; North Korea's UN name is North Korea, not the
  Republic of Korea; a speech's "Secretary General" is the UN's;
- "is clear" is no concession, MEAN refers, "the outrageous bombing" is a noun;
- a participle's "by" phrase after a noun is a reduced relative clause's agent, not an act on
  the sentence's subject; a phrase between commas after the subject describes it;
- "we all should" and "should be supported by all of us" exhort, they report no act."""

from __future__ import annotations

import pytest

from steppe.coding import Coder
from tests.coding_events import NO_EVENT, Event, Expected, case, check

S, CN, CO, AG = "SUPPORT", "CONSULT", "COOPERATE", "AGREE"
ASR = "asserted"


CASES = [
    # a speech's act toward the speaking state itself: no dyad
    case(
        "I thank the Member States for the support they have given us.",
        "KGZ",
        NO_EVENT,
    ),
    case(
        "Let me thank all Member States that voted for my country last June.",
        "TJK",
        NO_EVENT,
    ),
    case("I refuse to accept that we must stay silent.", "UZB", NO_EVENT),
    case(
        "I am honoured Kazakhstan stands first among the donors of the regional water fund.",
        "KAZ",
        NO_EVENT,
    ),
    # taking over from a state: a succession, no seizure (171)
    case(
        "Next January we assume the chair of the Council of Foreign Ministers, taking over "
        "from Tajikistan.",
        "UZB",
        NO_EVENT,
    ),
    # joining a council as a member, serving on it: no meeting (040), no cooperation (060)
    case(
        "When Kyrgyzstan joins the Security Council as a non-permanent member next year, it "
        "will listen.",
        "KGZ",
        NO_EVENT,
    ),
    case("Turkmenistan has served on the Executive Board of UNICEF twice.", None, NO_EVENT),
    case(
        "Kazakhstan joined the talks with Russia.",
        None,
        [("KAZ", "RUS", CN, ASR)],
    ),
    # praise FOR an act and a welcomed commitment: SUPPORT, not a welcome to a place (043)
    case(
        "We commend the Government of Uzbekistan for opening its markets to Afghan traders.",
        "KAZ",
        [("KAZ", "UZB", S, ASR)],
        [("UZB", "KAZ", CN, ASR), ("KAZ", "UZB", CN, ASR)],
    ),
    case(
        "Tajikistan welcomes the decision of Kyrgyzstan to return to the border talks.",
        None,
        [("TJK", "KGZ", S, ASR)],
        [("KGZ", "TJK", CN, ASR), ("TJK", "KGZ", CN, ASR)],
    ),
    case(
        "We welcome the commitment of the European Union to green hydrogen projects.",
        "KAZ",
        [("KAZ", "EU", S, ASR)],
        [("EU", "KAZ", CN, ASR), ("KAZ", "EU", CN, ASR)],
    ),
    # registry names longer than six words ("Organisation for Security and Co-operation in
    # Europe", "Conference on Interaction and Confidence-Building Measures in Asia")
    case(
        "Uzbekistan signed a memorandum of understanding with the Organization for Security "
        "and Cooperation in Europe.",
        None,
        [("UZB", "OSCE", S, ASR)],
    ),
    case(
        "We thank the Organisation for Security and Co-operation in Europe for its help in "
        "the electoral reform.",
        "KGZ",
        [("KGZ", "OSCE", S, ASR)],
    ),
    case(
        "Mirziyoyev met the Secretary General of the Conference on Interaction and Confidence "
        "Building Measures in Asia.",
        None,
        [("UZB", "CICA", CN, ASR)],
    ),
    # welcoming an agreement or relations BETWEEN two others: one-way SUPPORT to each
    case(
        "Kyrgyzstan welcomes the announcement of restored diplomatic relations between Armenia "
        "and Azerbaijan.",
        None,
        [("KGZ", "ARM", S, ASR), ("KGZ", "AZE", S, ASR)],
        [("ARM", "KGZ", S, ASR), ("AZE", "KGZ", S, ASR)],
    ),
    case(
        "We welcome the new agreement to restore direct flights between Tajikistan and Kyrgyzstan.",
        "UZB",
        [("UZB", "TJK", S, ASR), ("UZB", "KGZ", S, ASR)],
        [("TJK", "UZB", CN, ASR), ("KGZ", "UZB", CN, ASR)],
    ),
    # North Korea by its UN name, its abbreviation and its capital: PRK, not "Republic of
    # Korea" (KOR)
    case(
        "Kazakhstan urges the Democratic People's Republic of Korea to return to the "
        "negotiating table.",
        None,
        [("KAZ", "PRK", "REQUEST", ASR)],
        [("KAZ", "KOR", "REQUEST", ASR)],
    ),
    case(
        "We call on Pyongyang to stop its missile launches.",
        "MNG",
        [("MNG", "PRK", "REQUEST", ASR)],
    ),
    case("Japan protested to the DPRK again.", None, [("JPN", "PRK", "ACCUSE", ASR)]),
    # "clear" after "be" is an adjective, not CAMEO.2.0.txt's CLEAR (080, a concession)
    case("Uzbekistan was clear about its position on Afghanistan.", None, NO_EVENT),
    case(
        "Kazakhstan is clear in its criticism of Russia.",
        None,
        [],
        [("KAZ", "RUS", "CONCEDE", ASR)],
    ),
    # a participle after a noun with a "by" phrase (reduced relative): the agent acts toward
    # no one named; the speaker who mentions it is no party
    case(
        "We are worried about the military exercises being conducted by Russia near our border.",
        "KAZ",
        NO_EVENT,
    ),
    case(
        "We have to move forward with the reforms proposed by the European Union.",
        "KGZ",
        NO_EVENT,
    ),
    # the clause's own passive keeps its subject as the target
    case(
        "Armenia was attacked by Azerbaijan.",
        None,
        [("AZE", "ARM", "ASSAULT", ASR)],
    ),
    # MEAN signifies or refers, no intent (CAMEO.2.0.txt's INTEND block, 030)
    case("By partners I mean the European Union and China.", "KAZ", NO_EVENT),
    case("What we mean by that is the Russian Federation.", "UZB", NO_EVENT),
    # respect expressed TO an entity, appreciation FOR its work: praise (051)
    case(
        "Let me express my respect to the Russian Federation for its support of our schools.",
        "TJK",
        [("TJK", "RUS", S, ASR)],
        [("TJK", "RUS", AG, ASR)],
    ),
    case(
        "We express our appreciation for the work of the Government of Kazakhstan in the "
        "Aral Sea basin.",
        "UZB",
        [("UZB", "KAZ", S, ASR)],
    ),
    case("We express our appreciation for the opportunity to speak here.", "UZB", NO_EVENT),
    # a verb form after a determiner and an "-ous" adjective is a noun: no attack by the speaker
    case(
        "We join many states in condemning the outrageous bombing of the power station in Ukraine.",
        "KAZ",
        [],
        [("KAZ", "UKR", "ASSAULT", ASR)],
    ),
    case(
        "We deplore the outrageous bombing of the hospital in Afghanistan last week.",
        "KAZ",
        [],
        [("", "AFG", "ASSAULT", ASR)],
    ),
    # "the Secretary General" unhyphenated in a speech is the UN's, as "Secretary-General"
    case(
        "We thank the Secretary General for his report on the Aral Sea.",
        "UZB",
        [("UZB", "UN", S, ASR)],
    ),
    case(
        "We thank the CSTO Secretary General for his visit to Dushanbe.",
        "TJK",
        [("TJK", "CSTO", S, ASR)],
        [("TJK", "UN", S, ASR)],
    ),
    # a candidacy (seeking election or a seat) is no intent to cooperate (030)
    case(
        "We are seeking a non-permanent seat on the Security Council for 2027-2028.",
        "KAZ",
        NO_EVENT,
    ),
    case(
        "Tajikistan is seeking election to the Security Council for the first time.",
        "TJK",
        NO_EVENT,
    ),
    case("Uzbekistan seeks help from China.", None, [("UZB", "CHN", "REQUEST", ASR)]),
    # a speaker's duty with "we all" or "by all of us" exhorts, it reports no act
    case("We all should support the peace process in Afghanistan.", "UZB", NO_EVENT),
    case(
        "The proposal of Kazakhstan should be supported by all of us.",
        "KGZ",
        NO_EVENT,
    ),
    # a descriptive phrase between commas after the subject ("itself a ...", "as a ...")
    case(
        "Kazakhstan, itself a victim of nuclear testing, has consistently supported Japan.",
        None,
        [("KAZ", "JPN", S, ASR)],
    ),
    case(
        "Kyrgyzstan, as a mountainous country, supports the glacier initiative of Tajikistan.",
        None,
        [("KGZ", "TJK", S, ASR)],
    ),
    # "I wish to thank" / "we want to commend" thank and commend (051), as "I would like to"
    case(
        "I wish to thank the Government of Japan for its support of our schools.",
        "TJK",
        [("TJK", "JPN", S, ASR)],
        [("TJK", "JPN", AG, ASR)],
    ),
    case(
        "We want to commend Uzbekistan for reopening its border crossings.",
        "KGZ",
        [("KGZ", "UZB", S, ASR)],
        [("KGZ", "UZB", AG, ASR)],
    ),
    case("Kazakhstan wants to strengthen ties with Turkey.", None, [("KAZ", "TUR", AG, ASR)]),
    case(
        "I want to take this opportunity to commend Kazakhstan for hosting the talks.",
        "KGZ",
        [("KGZ", "KAZ", S, ASR)],
    ),
    # a welcome of a visitor to a place keeps CAMEO.2.0.txt's 043
    case(
        "Kazakhstan welcomed the Chinese president to Astana.",
        None,
        [("CHN", "KAZ", CN, ASR)],
    ),
]


@pytest.mark.parametrize(("text", "speaker", "present", "absent"), CASES)
def test_pool6_i14l(
    coder: Coder, text: str, speaker: str | None, present: Expected, absent: list[Event]
) -> None:
    check(coder, text, speaker, present, absent)
