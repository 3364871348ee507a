"""Pool round 7 (issue 14, helper i14p): constructions found by reading the coder's output on
unlabelled UN General Debate sentences. Each sentence is written for this test (none is copied
from the pool or the gold set); the expectations follow docs/prose_annotation_guide.md:

- gratitude addressed to an entity ("we are grateful to Japan for …") or for its help
  ("thankful for the assistance of China") thanks it: SUPPORT (CAMEO 051);
- a passive with an adverb between "be" and the participle ("is still occupied by", "were
  again shelled by") is the clause's own passive, its subject the target, not a reduced
  relative clause;
- "Latin American", "South American" partners are a region, not the United States;
- contributing to an organisation's peacekeeping aids the organisation, which receives no
  peacekeepers (no CAMEO 0861 back from it);
- encouraging a named party to act urges it: REQUEST (an appeal), not praise;
- humanitarian support or assistance increased or stepped up for a recipient is AID (073);
- "related to" says what a thing concerns (no cooperation, no partner); "face to face" says
  how a meeting is held; Kim Jong Un is North Korea's leader (registry);
- a participle after a plural naming no one ("the countries supporting Israel") is a reduced
  relative clause: its doer is unnamed, not the sentence's subject;
- mourning and grieving are sympathy (018, a comment), not CAMEO.2.0.txt's LAMENT (110);
- pushing forward or pressing on with one's own reform demands nothing of anyone;
- elevating or upgrading relations, ties or a partnership with a party, or raising them to a
  level, improves diplomatic cooperation (050, SUPPORT), as strengthening them does;
- aid, humanitarian cargo or weapons from a state arriving in another is the first state's aid;
- "our X" or "my X" as the object of another state's act ("rejected our proposal", "supported
  our candidacy") is the act toward the speaking state; the speaker's own "my gratitude" is no
  target;
- a pattern's "with +" (or "to +", "against +", "for +", "from +") is what the preposition
  governs, not a place named after a later "in" or "at";
- "issue" is the noun unless a modal, "to" or a subject pronoun comes before it ("the Cyprus
  issue emerged"); "X demonstrates that …" shows, no demonstration (141); commanding respect
  or admiration is no order; "I speak on behalf of X" frames no appraisal of what follows;
- "abiding" without "by" is the adjective ("an abiding commitment"), not compliance (080);
- a verb coordinated after a relative clause ("the hardship that Ukraine faces and stand with
  …") shares the main clause's subject, not the relative clause's;
- facing something is no meeting: FACE's own 040 is dropped (its patterns stay);
- an "if" after the verb conditions it unless a later clause ("that …", ", and we …") holds
  the "if": "we hosted X, and we agreed that … if needed" hosted X."""

from __future__ import annotations

import pytest

from steppe.coding import Coder
from tests.coding_events import NO_EVENT, Event, Expected, case, check, mutual

S, AID, RQ, AG = "SUPPORT", "AID", "REQUEST", "AGREE"
ASR = "asserted"


CASES = [
    # gratitude to or for an entity: thanks (051)
    case(
        "We are deeply grateful to Japan for the equipment it sent to our hospitals.",
        "KGZ",
        [("KGZ", "JPN", S, ASR)],
    ),
    case(
        "I am grateful to the United Nations for organising the regional water forum.",
        "TJK",
        [("TJK", "UN", S, ASR)],
    ),
    case(
        "Our people are thankful for the assistance of China during the floods.",
        "KAZ",
        [("KAZ", "CHN", S, ASR)],
    ),
    case("We are grateful to all our neighbours.", "UZB", NO_EVENT),
    case("We are grateful to be able to speak here.", "TKM", NO_EVENT),
    # a passive with an adverb before the participle: the subject is acted upon
    case(
        "Part of my country is still occupied by Armenia.",
        "AZE",
        [("ARM", "AZE", "COERCE", ASR)],
    ),
    case(
        "Last month Tajik border posts were again shelled by Kyrgyzstan.",
        None,
        [("KGZ", "TJK", "ASSAULT", ASR)],
    ),
    # Latin / South American partners are a region
    case(
        "We cooperate closely with our South American partners on water management.",
        "KAZ",
        NO_EVENT,
        [("KAZ", "USA", "COOPERATE", ASR)],
    ),
    case(
        "Uzbekistan signed a trade memorandum with its Latin American partners.",
        None,
        NO_EVENT,
        [("UZB", "USA", "COOPERATE", ASR), ("UZB", "USA", S, ASR)],
    ),
    case(
        "We work closely with our American partners on border security.",
        "TJK",
        [("TJK", "USA", "COOPERATE", ASR)],
    ),
    # contributing to an organisation's peacekeeping
    case(
        "Kazakhstan has contributed to 5 United Nations peacekeeping missions so far.",
        None,
        [("KAZ", "UN", AID, ASR)],
        [("UN", "KAZ", "RETREAT", ASR)],
    ),
    case(
        "We contribute to United Nations peacekeeping with trained officers.",
        "KAZ",
        [("KAZ", "UN", AID, ASR)],
        [("UN", "KAZ", "RETREAT", ASR)],
    ),
    # encouraging a named party to act: an appeal
    case(
        "Turkey encourages Kyrgyzstan and Tajikistan to complete the delimitation of their border.",
        None,
        [("TUR", "KGZ", RQ, ASR), ("TUR", "TJK", RQ, ASR)],
        [("TUR", "KGZ", S, ASR), ("TUR", "TJK", S, ASR)],
    ),
    case(
        "We encourage the Taliban authorities and Pakistan to keep the crossings open.",
        "UZB",
        [("UZB", "PAK", RQ, ASR)],
        [("UZB", "PAK", S, ASR)],
    ),
    # an "if" in a later clause conditions that clause, not an act already told
    case(
        "Last week we received the Uzbek foreign minister, and we agreed that our experts "
        "will meet again if the water talks stall.",
        "KAZ",
        [("UZB", "KAZ", "CONSULT", ASR)],
        [("UZB", "KAZ", "CONSULT", "hypothetical")],
    ),
    case(
        "We hosted a delegation from Turkmenistan, and we showed that trade can grow if "
        "borders stay open.",
        "UZB",
        [("TKM", "UZB", "CONSULT", ASR)],
    ),
    case(
        "We will receive a delegation from Turkmenistan if the talks succeed.",
        "UZB",
        [],
        [("TKM", "UZB", "CONSULT", ASR), ("TKM", "UZB", "AGREE", ASR)],
    ),
    # "related to" names a topic, not a partner
    case(
        "Kyrgyzstan blocked two draft decisions related to Tajikistan.",
        None,
        [],
        [("", "TJK", "COOPERATE", ASR), ("KGZ", "TJK", "COOPERATE", ASR)],
    ),
    case(
        "The ministers reviewed matters related to water sharing with Uzbekistan.",
        "TKM",
        [],
        [("", "UZB", "AGREE", ASR), ("TKM", "UZB", "AGREE", ASR)],
    ),
    case(
        "Turkmenistan linked its power grid with Uzbekistan.",
        None,
        [("TKM", "UZB", "AGREE", ASR)],
    ),
    # "face to face" says how people meet; Kim Jong Un is North Korea's leader
    case(
        "Our President met Kim Jong Un face to face in Vladivostok.",
        "RUS",
        [("RUS", "PRK", "CONSULT", ASR)],
        [("PRK", "PRK", "CONSULT", ASR)],
    ),
    # a participle after "the countries", "those": its doer is unnamed, not the subject
    case(
        "We stand with the nations helping Moldova through the energy crisis.",
        "EST",
        [],
        [("EST", "MDA", AID, ASR)],
    ),
    case(
        "I appeal to the countries supporting the Taliban to respect the rights of women "
        "in Afghanistan.",
        "TJK",
        [],
        [("TJK", "AFG", S, ASR)],
    ),
    case(
        "Turkey is supporting Azerbaijan.",
        None,
        [("TUR", "AZE", S, ASR)],
    ),
    # mourning is sympathy (018), no complaint (110)
    case(
        "Today we mourn the victims of Russia's strikes on Kharkiv.",
        "LTU",
        [],
        [("LTU", "RUS", "ACCUSE", ASR), ("LTU", "UKR", "ACCUSE", ASR)],
    ),
    case(
        "Kazakhstan grieves with the people of Turkey after the earthquake.",
        None,
        [],
        [("KAZ", "TUR", "ACCUSE", ASR)],
    ),
    # pushing forward with one's own reform demands nothing of anyone
    case(
        "Uzbekistan will push forward with the reform of the United Nations.",
        None,
        [],
        [("UZB", "UN", RQ, "future"), ("UZB", "UN", RQ, ASR)],
    ),
    case(
        "The European Union pushed Kyrgyzstan to close the loopholes.",
        None,
        [("EU", "KGZ", RQ, ASR)],
    ),
    # elevating, upgrading or raising relations to a level improves them (050)
    case(
        "Last year we elevated our relations with Turkmenistan to a strategic partnership.",
        "UZB",
        [("UZB", "TKM", S, ASR)],
    ),
    case(
        "Kyrgyzstan has upgraded its ties with the European Union.",
        None,
        [("KGZ", "EU", S, ASR)],
    ),
    case(
        "The presidents of Kazakhstan and Azerbaijan raised their cooperation to the level of "
        "an alliance.",
        None,
        [mutual("KAZ", "AZE", S)],
    ),
    # aid or weapons from a state arriving in another: the first state's aid
    case(
        "Humanitarian cargo from Kazakhstan arrived in Afghanistan on Monday.",
        None,
        [("KAZ", "AFG", AID, ASR)],
    ),
    case(
        "More weapons from Poland are arriving in Ukraine this week.",
        None,
        [("POL", "UKR", AID, ASR)],
    ),
    # "our X" as the object of another state's act: the act is toward the speaking state
    case(
        "Last year China and Russia supported our candidacy for the Human Rights Council.",
        "KAZ",
        [("CHN", "KAZ", S, ASR), ("RUS", "KAZ", S, ASR)],
    ),
    case(
        "Regrettably, Armenia rejected our peace proposal once more.",
        "AZE",
        [("ARM", "AZE", "REJECT", ASR)],
    ),
    case(
        "I wish to express my deep gratitude to Japan for its help.",
        "TJK",
        [("TJK", "JPN", S, ASR)],
    ),
    case("Water security in our region is our priority.", "UZB", NO_EVENT),
    # "with +": the partner the preposition governs, not a place named after "in"
    case(
        "Kazakhstan works closely with its neighbours in the Shanghai Cooperation "
        "Organisation on security.",
        None,
        [],
        [("KAZ", "SCO", "COOPERATE", ASR)],
    ),
    case(
        "Kazakhstan works closely with the Shanghai Cooperation Organisation on security.",
        None,
        [("KAZ", "SCO", "COOPERATE", ASR)],
    ),
    # "issue" as a noun; "demonstrates that"; "commands respect"; "on behalf of"
    case(
        "The Armenian water issue worries Georgia.",
        None,
        [],
        [("ARM", "GEO", "COOPERATE", ASR)],
    ),
    case(
        "The deal which Turkey reached with the European Union demonstrates that we can trust "
        "diplomacy.",
        "GRC",
        [],
        [("TUR", "GRC", "PROTEST", ASR), ("EU", "GRC", "PROTEST", ASR)],
    ),
    case(
        "The resilience of the people of Ukraine commands the respect of Latvia.",
        None,
        [],
        [("UKR", "LVA", "COOPERATE", ASR)],
    ),
    case(
        "Sadly, I am speaking on behalf of a Member State of the United Nations that is the "
        "victim of brutal and illegal aggression.",
        "UKR",
        [],
        [("UKR", "UN", "ACCUSE", ASR)],
    ),
    case(
        "Russia will issue work permits to Uzbek migrants.",
        None,
        [("RUS", "UZB", AG, ASR)],
    ),
    # "abiding" without "by" is an adjective; "abide by" complies
    case(
        "Kazakhstan has shown its full and abiding commitment to the United Nations.",
        None,
        [],
        [("KAZ", "UN", "CONCEDE", ASR)],
    ),
    case(
        "Uzbekistan abides by the agreement with Kazakhstan.",
        None,
        [("UZB", "KAZ", "CONCEDE", ASR)],
    ),
    # a verb coordinated after a relative clause shares the main clause's subject
    case(
        "We see the suffering that Ukraine faces and stand in solidarity with the Ukrainian "
        "people.",
        "LVA",
        [("LVA", "UKR", S, ASR)],
        [("UKR", "UKR", S, ASR)],
    ),
    case(
        "We know the hardship that Afghanistan faces and will support the Afghan people.",
        "UZB",
        [("UZB", "AFG", AG, ASR)],
        [("AFG", "AFG", AG, ASR)],
    ),
    case(
        "We believe that Russia attacked Ukraine and destroyed its cities.",
        "LTU",
        [("RUS", "UKR", "ASSAULT", ASR)],
    ),
    # facing something is no meeting (FACE's own 040 dropped)
    case(
        "Kyrgyzstan faces a shortage of electricity from Kazakhstan.",
        None,
        [],
        [("KGZ", "KAZ", "CONSULT", ASR)],
    ),
    # humanitarian support or assistance increased for a recipient: aid
    case(
        "This year we have increased our humanitarian support for Afghanistan.",
        "UZB",
        [("UZB", "AFG", AID, ASR)],
        [("UZB", "AFG", "COOPERATE", ASR)],
    ),
    case(
        "Kazakhstan stepped up its humanitarian assistance to Afghanistan in the winter.",
        None,
        [("KAZ", "AFG", AID, ASR)],
    ),
]


@pytest.mark.parametrize(("text", "speaker", "present", "absent"), CASES)
def test_pool7_i14p(
    coder: Coder, text: str, speaker: str | None, present: Expected, absent: list[Event]
) -> None:
    check(coder, text, speaker, present, absent)
