"""Pool round 7 (issue 14, helper i14m): constructions found by reading the coder's output on
unlabelled UN General Debate sentences. Each sentence is written for this test (none is copied
from the pool or the gold set); the expectations follow docs/prose_annotation_guide.md:

- the European Union speaks in the General Debate as the states do: its "we" is the EU;
- a speech's first person joined by "and" to a named actor is one compound subject with it
  ("President X and I met", "my country and Y signed"): a joint act pairs the two;
- meeting "at the" summit or at the start of a month is a meeting held (CONSULT), not an
  intent to meet; a future one is AGREE;
- "demonstrated that" shows a fact, no protest; hosting refugees receives private persons, no
  visit; acting in solidarity with a party supports it;
- a verb coordinated with "we must ..." shares the duty: an exhortation, no act;
- a question reports no act; "X is to visit Y" is scheduled (future: AGREE for a visit); a
  clause of its own tense after "while"/"that" is not the main clause's future; "be direct" is
  the adjective; the examples after ", including" are partners; being open to talks or to
  cooperation with a party is an offer (AGREE); "neither ... nor" turns praise;
- a subject pronoun after an opening phrase with no comma ("In this regard we welcome ...")
  is the subject, not the object of the phrase's preposition;
- evidence shared with a party goes one way; defending a party's sovereignty is verbal
  support (052), not military protection (074); a truce or ceasefire "in" a state locates it;
- a word one final letter off a country's name ("Franco") is not the country; joining a
  party's initiative or call endorses it; supporting a party with weapons or aid gives aid;
  what "we hope" another will do ("that" left out) is no act of theirs;
- the body whose charter or resolutions a standard cites ("in accordance with the resolutions
  of the Security Council") is no target; counting on a party's support asks it;
- a conditional threat with no object is made to the actor of its "if" clause;
- a party grateful, thankful or indebted to another (or for its support) thanks it;
  humanitarian cargo or supplies sent, shipped or dispatched to a party are aid;
- Kim Jong Un is North Korea's leader."""

from __future__ import annotations

from datetime import date

import pytest

from steppe.coding import Coder
from steppe.coding.coder import speaker_of
from tests.coding_events import NO_EVENT, Event, Expected, case, check, mutual

S, CN, AG, AID, PR = "SUPPORT", "CONSULT", "AGREE", "AID", "PROTEST"
ASR = "asserted"


CASES = [
    # the EU's own speech: "we" is the EU
    case(
        "We fully support the Secretary-General's plan for reforming the peace operations.",
        "EU",
        [("EU", "UN", S, ASR)],
    ),
    case("We support the mediation efforts of Kazakhstan.", "EU", [("EU", "KAZ", S, ASR)]),
    # the speaker's first person in a compound with a named actor
    case(
        "Last month President Mirziyoyev and I met in Dushanbe to discuss the water issues.",
        "TJK",
        [mutual("TJK", "UZB", CN)],
    ),
    case(
        "My country and Turkmenistan signed a treaty on the delimitation of the border.",
        "UZB",
        [mutual("UZB", "TKM", S)],
    ),
    case(
        "Kazakhstan and my country agreed to build a new railway line.",
        "KGZ",
        [mutual("KGZ", "KAZ", AG)],
    ),
    case(
        "We travelled to Kazakhstan and I signed the accord there.",
        "KGZ",
        [],
        [("KGZ", "KAZ", S, ASR), ("KAZ", "KGZ", S, ASR)],
    ),
    case(
        "We condemned Russia and we imposed sanctions on Belarus.",
        "LTU",
        [("LTU", "BLR", "SANCTION", ASR)],
        [("RUS", "BLR", "SANCTION", ASR)],
    ),
    # "met at the ...": a meeting held, not an intent to meet
    case(
        "Tokayev met Erdogan at the summit of Turkic states.",
        None,
        [mutual("KAZ", "TUR", CN)],
        [("KAZ", "TUR", AG, ASR), ("TUR", "KAZ", AG, ASR)],
    ),
    case(
        "The foreign ministers of Uzbekistan and China met at the end of last week.",
        None,
        [mutual("UZB", "CHN", CN)],
    ),
    case(
        "Japarov and Rahmon will meet at the border next month.",
        None,
        [mutual("KGZ", "TJK", AG)],
    ),
    # DEMONSTRATE + "that": a fact shown, no street protest
    case(
        "We demonstrated that last year together with the Government of Finland.",
        "TUR",
        [],
        [("TUR", "FIN", PR, ASR)],
    ),
    # hosting refugees: no visit
    case(
        "Iran is host to nearly four million Afghan refugees.",
        None,
        NO_EVENT,
    ),
    case("For decades Pakistan has hosted Afghan refugees.", None, NO_EVENT),
    # acting in solidarity with a party: SUPPORT
    case(
        "Kazakhstan has acted in full solidarity with the people of Turkey after the earthquake.",
        None,
        [("KAZ", "TUR", S, ASR)],
    ),
    # a verb coordinated with "we must ...": an exhortation, no act
    case(
        "We must change our approach and give Afghanistan more room to rebuild.",
        "UZB",
        NO_EVENT,
    ),
    case("We have to stay together, and help Afghanistan rebuild.", "UZB", NO_EVENT),
    case(
        "We must stay united, and we sent humanitarian aid to Afghanistan last winter.",
        "UZB",
        [("UZB", "AFG", AID, ASR)],
    ),
    # a question asks; it says nothing happened
    case(
        "Shall we stand aside while Armenia plants new mines on our land?",
        "AZE",
        NO_EVENT,
    ),
    case("Why did Kazakhstan refuse to host the Russian base?", None, NO_EVENT),
    # "is/are to" + verb: a scheduled act (future; a future visit is AGREE)
    case(
        "Mirziyoyev is to visit Ashgabat on Thursday.",
        None,
        [("UZB", "TKM", AG, ASR)],
        [("UZB", "TKM", CN, ASR)],
    ),
    case("Our goal is to expand trade with China.", "KGZ", [], [("KGZ", "CHN", AG, ASR)]),
    # a subordinate clause with its own tense after "will": not the main clause's future
    case(
        "We will never forget that Armenia attacked Azerbaijani villages in 1992.",
        "AZE",
        [("ARM", "AZE", "ASSAULT", ASR)],
    ),
    case(
        "No one will be safe while Russia is shelling Ukrainian cities.",
        "LTU",
        [("RUS", "UKR", "ASSAULT", ASR)],
        [("RUS", "UKR", "ASSAULT", "future")],
    ),
    # the examples after ", including" are the partners named
    case(
        "Turkmenistan is ready to work with every neighbour, including Iran and Uzbekistan, "
        "to resolve the dispute.",
        None,
        [("TKM", "IRN", AG, ASR), ("TKM", "UZB", AG, ASR)],
    ),
    # open to talks or to cooperation with a party: an offer (AGREE), no meeting held
    case(
        "We remain open to negotiations with Armenia without preconditions.",
        "AZE",
        [("AZE", "ARM", AG, ASR)],
        [("AZE", "ARM", CN, ASR)],
    ),
    case(
        "Tajikistan is open to discussing the water quotas with Uzbekistan.",
        None,
        [("TJK", "UZB", AG, ASR)],
    ),
    case("The market of Kyrgyzstan is open.", None, NO_EVENT),
    # "neither ... nor" turns a word of praise
    case(
        "Armenia declared that Azerbaijan is neither a reliable nor a legitimate partner.",
        None,
        [],
        [("ARM", "AZE", S, ASR)],
    ),
    # an opening phrase with no comma, then the subject pronoun: "we"/"I" is the subject
    case(
        "In this regard we welcome the initiative of Turkmenistan on transport corridors.",
        "KGZ",
        [("KGZ", "TKM", S, ASR)],
    ),
    case(
        "On that occasion I commended the work of the Secretary-General.",
        "TJK",
        [("TJK", "UN", S, ASR)],
    ),
    case(
        "In that spirit we signed a road map with Kazakhstan last spring.",
        "UZB",
        [mutual("UZB", "KAZ", S)],
    ),
    # evidence or intelligence shared WITH a party: one way
    case(
        "Tajikistan has shared its evidence with the United Nations.",
        None,
        [("TJK", "UN", "COOPERATE", ASR)],
        [("UN", "TJK", "COOPERATE", ASR)],
    ),
    # protecting a party's sovereignty: verbal defence (SUPPORT), no military protection
    case(
        "Turkey is defending the territorial integrity of Azerbaijan.",
        None,
        [("TUR", "AZE", S, ASR)],
        [("TUR", "AZE", AID, ASR)],
    ),
    case(
        "We protect the sovereignty and independence of Afghanistan in every forum.",
        "UZB",
        [("UZB", "AFG", S, ASR)],
        [("UZB", "AFG", AID, ASR)],
    ),
    # a truce or ceasefire "in" a state: the place, not a party
    case(
        "We will keep backing the ceasefire in Libya brokered by the United Nations.",
        "TUR",
        [],
        [("TUR", "LBY", AG, ASR)],
    ),
    # a person's name one letter off a country's name is not the country
    case(
        "Spain removed Franco from the basilica.",
        "ESP",
        [],
        [("ESP", "FRA", "COERCE", ASR)],
    ),
    # joining a party's initiative or call endorses it (no meeting)
    case(
        "Tajikistan joined the initiative of the United Nations on water diplomacy.",
        None,
        [("TJK", "UN", S, ASR)],
        [("TJK", "UN", CN, ASR)],
    ),
    # supporting a party with weapons or humanitarian assistance gives aid
    case(
        "Poland supports Ukraine with weapons.",
        None,
        [("POL", "UKR", AID, ASR)],
    ),
    case(
        "Uzbekistan supported Afghanistan with humanitarian assistance last winter.",
        None,
        [("UZB", "AFG", AID, ASR)],
    ),
    # what "we hope" another will do, "that" left out: a wish, not their act
    case(
        "We hope the United Nations will help Afghanistan rebuild its economy.",
        "TKM",
        [],
        [("UN", "AFG", AID, ASR), ("UN", "AFG", AG, ASR)],
    ),
    # a standard cited through its charter or resolutions: the body is no target
    case(
        "We support a political solution in accordance with the resolutions of the Security "
        "Council.",
        "KGZ",
        [],
        [("KGZ", "UN", S, ASR)],
    ),
    case(
        "Kazakhstan supports a political solution within the framework of the Charter of the "
        "United Nations.",
        None,
        [],
        [("KAZ", "UN", S, ASR)],
    ),
    case(
        "We support a political solution in line with the relevant Security Council resolutions.",
        "AZE",
        [],
        [("AZE", "UN", S, ASR)],
    ),
    # counting or relying on a party's support asks it (REQUEST, the party the target)
    case(
        "We count on the support of the United Nations for our water initiative.",
        "TJK",
        [("TJK", "UN", "REQUEST", ASR)],
    ),
    case(
        "Kyrgyzstan counts on Russia's support for its bid.",
        None,
        [("KGZ", "RUS", "REQUEST", ASR)],
    ),
    # a conditional threat is directed at the actor of its condition
    case(
        "If Armenia attacks our villages again, we will strike back.",
        "AZE",
        [("AZE", "ARM", "THREATEN", ASR)],
    ),
    case(
        "If Tajikistan closes the border again, Kyrgyzstan will retaliate.",
        None,
        [("KGZ", "TJK", "THREATEN", ASR)],
    ),
    # ... but "not as yet" still negates, and an "until" clause under "will" is no fact
    case(
        "Armenia has not as yet withdrawn its troops from Azerbaijan.",
        None,
        [("ARM", "AZE", "RETREAT", "negated")],
    ),
    case(
        "We will not rest until Russia has withdrawn its troops from Ukraine.",
        "UKR",
        [],
        [("RUS", "UKR", "RETREAT", ASR)],
    ),
    # grateful, thankful or indebted to a party: thanks (SUPPORT)
    case(
        "We are grateful to Japan for the new hospital in Karakalpakstan.",
        "UZB",
        [("UZB", "JPN", S, ASR)],
    ),
    case("Tajikistan remains deeply thankful to India.", None, [("TJK", "IND", S, ASR)]),
    case(
        "We are grateful for the support of the European Union.",
        "KGZ",
        [("KGZ", "EU", S, ASR)],
    ),
    case("I am grateful to be here today.", "TKM", NO_EVENT),
    # humanitarian cargo or supplies sent, shipped or dispatched: humanitarian aid
    case(
        "Turkmenistan sent a large humanitarian cargo to Afghanistan in March.",
        None,
        [("TKM", "AFG", AID, ASR)],
    ),
    case(
        "Kazakhstan dispatched humanitarian aid to Syria after the earthquake.",
        None,
        [("KAZ", "SYR", AID, ASR)],
        [("KAZ", "SYR", "COOPERATE", ASR)],
    ),
    # "be direct": the adjective, no material cooperation
    case(
        "I will be direct about the rivalry between China and the United States.",
        "KAZ",
        NO_EVENT,
    ),
]


@pytest.mark.parametrize(("text", "speaker", "present", "absent"), CASES)
def test_pool7_i14m(
    coder: Coder, text: str, speaker: str | None, present: Expected, absent: list[Event]
) -> None:
    check(coder, text, speaker, present, absent)


def test_eu_speaks_as_a_speaker() -> None:
    """A General Debate speech stored with source "EU" is coded as the EU's speech."""
    assert speaker_of("EU") == "EU"
    assert speaker_of("KAZ") == "KAZ"
    assert speaker_of("Reuters") is None


def test_kim_jong_un_is_north_korea(coder: Coder) -> None:
    """Kim Jong Un (the DPRK's leader since December 2011) is North Korea's."""
    check(
        coder,
        "Trump met Kim Jong-un in Singapore.",
        None,
        [("USA", "PRK", CN, ASR)],
        [],
        on=date(2018, 6, 12),
    )
