"""Pool round 7 (issue 14, helper i14n): constructions found by reading the coder's output on
unlabelled UN General Debate sentences. Each sentence is written for this test (none is copied
from the pool or the gold set); the expectations follow docs/prose_annotation_guide.md:

- an appeal's addressee after adverbs between "call" and its particle ("we call once again on
  X", "call strongly upon X") is whom the appeal is made to, as in "call on X";
- offering condolences (CAMEO 018) is a comment, not the promise the verb "offer" names;
- "the Organization of/for <Name>" is another organisation's name, not the UN of a speech;
- fighting or combating a scourge (terrorism, a pandemic, poverty) attacks no one, also
  "together with" a partner;
- another party's future act that the speaker trusts, is confident or has no doubt will come is
  expected, not reported;
- a conflictual act on "the Charter of the United Nations" is not directed at the UN (a
  commitment to it stays support of the UN);
- hearing a party say something, moving into a period of time, leaving a party alone or
  behind and "visa-free travel" are no meetings and no occupation;
- the actor after the "that" of a fact or a statement ("draw attention to the fact that X
  has …", "I would like to stress that X has …") is the subject of the clause, not the object
  of the "to" before;
- an appeal to a group of addressees that singles one out ("all parties, including X,") is
  addressed to that one;
- "the General Assembly" called on, thanked or appealed to in a speech is the UN's organ;
- praise or endorsement of work done, given or put forward "by" a party ("the efforts made in
  Afghanistan by Kazakhstan") targets that party, not the place or beneficiary before "by";
  welcoming assistance provided "to" a party is praise, not the party's visit;
- conferring a responsibility on a party grants it, no consultation; struggling to do
  something is no fight;
- an act another verb enables or allows ("will enable A and B to agree") is possible, not
  reported (hypothetical);
- a word that differs from a registry name only in its final vowel ("Franco", "France") is
  another word, not a misspelling of the name;
- a participle with a "by" phrase right after an actor named with "in"/"of" ("villages in
  Ukraine destroyed by Russian shelling") describes the noun before the preposition (a reduced
  relative clause): the "by" phrase is the doer, the state named the one acted on;
- a speech's "X must A, B and C": the obligation covers each coordinated act, none of which
  X is reported to do;
- "efforts/measures/steps aimed at …" says what an action is for, no intent of the subject;
- supporting a party by providing or sending something is aid (AID), not an endorsement;
- calling out to a party appeals to it; hosting refugees is no visit; being open to dialogue
  with a party is an intent to meet (AGREE), not a meeting."""

from __future__ import annotations

import pytest

from steppe.coding import Coder
from tests.coding_events import NO_EVENT, Event, Expected, case, check, mutual

RQ, AS, AG, S = "REQUEST", "ASSAULT", "AGREE", "SUPPORT"
ASR = "asserted"


CASES = [
    # an appeal with adverbs before its particle: the addressee after "on"/"upon"
    case(
        "We call once again on Armenia to return to the negotiating table.",
        "AZE",
        [("AZE", "ARM", RQ, ASR)],
    ),
    case(
        "Kazakhstan calls urgently upon Afghanistan to protect the rights of women.",
        "KAZ",
        [("KAZ", "AFG", RQ, ASR)],
    ),
    case(
        "We therefore call firmly on China to release the detained journalists.",
        "DEU",
        [("DEU", "CHN", RQ, ASR)],
    ),
    # the adverbs do not make a topic an addressee for verbs that are no appeal
    case(
        "Our delegation reported extensively on Tajikistan last year.",
        "KGZ",
        NO_EVENT,
    ),
    # condolences offered: a comment (CAMEO 018), no AGREE
    case(
        "Allow me to offer our heartfelt condolences to the people of Turkey after the floods.",
        "UZB",
        NO_EVENT,
        [("UZB", "TUR", AG, ASR)],
    ),
    case(
        "Uzbekistan offers its deepest condolences to the Government of Afghanistan.",
        "UZB",
        NO_EVENT,
        [("UZB", "AFG", AG, ASR)],
    ),
    # an offer of something else stays an offer
    case(
        "Uzbekistan offers its assistance to the Government of Afghanistan.",
        "UZB",
        [("UZB", "AFG", AG, ASR)],
    ),
    # "the Organization of/for <Name>": not the United Nations
    case(
        "We welcome the Organization of Islamic Cooperation's decision to open an office.",
        "TKM",
        NO_EVENT,
        [("TKM", "UN", S, ASR)],
    ),
    case(
        "Kyrgyzstan thanks the Organization for its support of our mountain initiative.",
        "KGZ",
        [("KGZ", "UN", S, ASR)],
    ),
    # fighting a scourge: no use of force, also with a partner
    case(
        "Tajikistan combats drug trafficking and terrorism on the Afghan border.",
        "TJK",
        NO_EVENT,
        [("TJK", "AFG", AS, ASR)],
    ),
    case(
        "We will continue to fight the pandemic together with the European Union.",
        "KAZ",
        NO_EVENT,
        [("KAZ", "EU", "THREATEN", ASR), ("EU", "KAZ", "THREATEN", ASR)],
    ),
    case(
        "Uzbekistan fights terrorism and corruption together with India.",
        "UZB",
        NO_EVENT,
    ),
    # fighting an armed party is still a fight
    case(
        "The Azerbaijani army fought Armenian troops near the border.",
        None,
        [("AZE", "ARM", AS, ASR)],
    ),
    # another party's expected future act: not reported as done
    case(
        "We trust that China and Kyrgyzstan will sign the railway agreement this year.",
        "UZB",
        NO_EVENT,
        [("CHN", "KGZ", S, ASR), ("KGZ", "CHN", S, ASR)],
    ),
    case(
        "I have no doubt that Russia will offer its help to Kyrgyzstan.",
        "TJK",
        NO_EVENT,
        [("RUS", "KGZ", AG, ASR)],
    ),
    # the speaker's own confident intent stays its intent
    case(
        "We are confident that we will deepen our cooperation with Turkey.",
        "AZE",
        [("AZE", "TUR", AG, ASR)],
    ),
]


CASES += [
    # the Charter: a text, for conflictual acts
    case(
        "Armenia violated the Charter of the United Nations and undermined the UN Charter.",
        "AZE",
        NO_EVENT,
        [("ARM", "UN", "SANCTION", ASR), ("ARM", "UN", "ACCUSE", ASR)],
    ),
    case(
        "Uzbekistan reaffirms its firm commitment to the Charter of the United Nations.",
        "UZB",
        [("UZB", "UN", S, ASR)],
    ),
    # hearing a statement: no meeting with its speaker
    case(
        "We were pleased to hear President Mirziyoyev say that the borders are settled.",
        "KGZ",
        NO_EVENT,
        [("KGZ", "UZB", "CONSULT", ASR)],
    ),
    # moving into a period: no occupation (192)
    case(
        "As Tajikistan moves into a new decade of reforms with the help of the United Nations, "
        "we remain optimistic.",
        "TJK",
        NO_EVENT,
        [("TJK", "UN", "COERCE", ASR)],
    ),
    case(
        "Russian troops moved into Ukraine last year.",
        None,
        [("RUS", "UKR", "COERCE", ASR)],
    ),
    # leaving a party alone or behind: no visit
    case(
        "Kyrgyzstan will never leave Afghanistan alone.",
        "KGZ",
        NO_EVENT,
        [("KGZ", "AFG", "REJECT", "negated")],
    ),
    case(
        "No landlocked State, Turkmenistan included, may be left behind by the United Nations.",
        "TKM",
        NO_EVENT,
    ),
    # "visa-free travel": a noun, no visit
    case(
        "Kazakhstan and Uzbekistan agreed on a new border crossing, with visa-free travel "
        "for their citizens.",
        None,
        [],
        [("KAZ", "UZB", "CONSULT", ASR), ("UZB", "KAZ", "CONSULT", ASR)],
    ),
]


CASES += [
    # the "that" of a fact or a statement opens a clause with its own subject
    case(
        "I must draw the attention of the Assembly to the fact that Armenia has shelled "
        "villages of Azerbaijan again.",
        "AZE",
        [("ARM", "AZE", AS, ASR)],
        [("AZE", "AZE", AS, ASR)],
    ),
    case(
        "I would like to stress that Russia has bombed Ukraine's power plants.",
        "LTU",
        [("RUS", "UKR", AS, ASR)],
    ),
    # one addressee singled out of a group
    case(
        "I call on all neighbouring States, including Uzbekistan, to open their borders.",
        "AFG",
        [("AFG", "UZB", RQ, ASR)],
    ),
    case(
        "We urge all parties, in particular Armenia, to refrain from provocations.",
        "KAZ",
        [("KAZ", "ARM", RQ, ASR)],
    ),
    # an actor inside what is asked is not the addressee
    case(
        "We call on all States to lift the restrictions on trade, including those on Iran.",
        "TKM",
        [],
        [("TKM", "IRN", RQ, ASR)],
    ),
    # the General Assembly addressed
    case(
        "I call upon the General Assembly to adopt the resolution on glaciers.",
        "TJK",
        [("TJK", "UN", RQ, ASR)],
    ),
    case(
        "Let me thank the General Assembly for electing Kyrgyzstan to the Human Rights Council.",
        "KGZ",
        [("KGZ", "UN", S, ASR)],
    ),
]


CASES += [
    # calling out to a party: an appeal, no telephone call
    case(
        "I call out to the Security Council: act before it is too late.",
        "KGZ",
        [("KGZ", "UN", RQ, ASR)],
        [("KGZ", "UN", "CONSULT", ASR), ("UN", "KGZ", "CONSULT", ASR)],
    ),
    # hosting refugees: no visit of the refugees' state
    case(
        "Kazakhstan has hosted thousands of Afghan refugees since 2021.",
        "KAZ",
        NO_EVENT,
        [("AFG", "KAZ", "CONSULT", ASR)],
    ),
    case(
        "Iran hosts refugees displaced by the war in Afghanistan.",
        None,
        NO_EVENT,
    ),
    # open to dialogue with a party: willingness to meet (AGREE), no meeting
    case(
        "Tajikistan remains open to dialogue with Kyrgyzstan on the border.",
        "TJK",
        [("TJK", "KGZ", AG, ASR)],
        [("TJK", "KGZ", "CONSULT", ASR), ("KGZ", "TJK", "CONSULT", ASR)],
    ),
]


CASES += [
    # the doer of the work praised
    case(
        "We commend the efforts made in Afghanistan by Uzbekistan.",
        "KGZ",
        [("KGZ", "UZB", S, ASR)],
        [("KGZ", "AFG", S, ASR)],
    ),
    case(
        "Let me express our appreciation for the work done on Tajikistan's glaciers by the "
        "United Nations.",
        "TJK",
        [("TJK", "UN", S, ASR)],
    ),
    case(
        "We support the regional water initiative proposed by Kazakhstan.",
        "KGZ",
        [("KGZ", "KAZ", S, ASR)],
    ),
    # welcoming assistance to a party: praise, not a visit
    case(
        "Turkmenistan welcomes the humanitarian assistance provided to Afghanistan by Japan.",
        "TKM",
        [("TKM", "JPN", S, ASR)],
        [("AFG", "TKM", "CONSULT", ASR), ("TKM", "AFG", "CONSULT", ASR)],
    ),
    # a welcome to a place stays a visit
    case(
        "We welcomed the President of Turkey to Ashgabat in May.",
        "TKM",
        [("TUR", "TKM", "CONSULT", ASR)],
    ),
]


CASES += [
    # conferring on a party: no consultation; conferring with one stays a meeting
    case(
        "The Charter confers on the Security Council the main responsibility for peace, and "
        "Kazakhstan respects that.",
        "KAZ",
        NO_EVENT,
        [("KAZ", "UN", "CONSULT", ASR), ("UN", "KAZ", "CONSULT", ASR)],
    ),
    case(
        "Mirziyoyev conferred with Tokayev by telephone.",
        None,
        [mutual("UZB", "KAZ", "CONSULT")],
    ),
    # struggling to do something: no fight with whoever comes after "with"
    case(
        "Tajikistan struggles to repair its roads with the funds of the Asian Development Bank "
        "and of China.",
        "TJK",
        NO_EVENT,
        [("TJK", "CHN", AS, ASR), ("CHN", "TJK", AS, ASR)],
    ),
]


CASES += [
    # an enabled act: hypothetical, never asserted
    case(
        "Confidence-building measures will allow Tajikistan and Kyrgyzstan to agree on the border.",
        "TJK",
        [("TJK", "KGZ", AG, "hypothetical")],
        [("TJK", "KGZ", AG, ASR), ("KGZ", "TJK", AG, ASR)],
    ),
]


CASES += [
    # a surname one vowel away from a state's name: no actor
    case(
        "The Spanish Government has praised the removal of Franco from the valley.",
        "ESP",
        NO_EVENT,
        [("ESP", "FRA", S, ASR)],
    ),
    # a misspelt name is still found
    case(
        "Kazakstan signed a transit agreement with Russia.",
        None,
        [mutual("KAZ", "RUS", S)],
    ),
]


CASES += [
    # a reduced passive after a place: the "by" phrase does it to that place's state
    case(
        "Last winter we saw schools in Kharkiv and hospitals in Ukraine destroyed by Russian "
        "missiles.",
        "LTU",
        [("RUS", "UKR", AS, ASR)],
        [("UKR", "RUS", AS, ASR)],
    ),
    case(
        "Our envoy visited villages of Tajikistan attacked by Kyrgyz troops.",
        "TJK",
        [("KGZ", "TJK", AS, ASR)],
        [("TJK", "KGZ", AS, ASR)],
    ),
    # a main verb after its subject stays the subject's act
    case(
        "Soldiers of Azerbaijan attacked Armenian positions.",
        None,
        [("AZE", "ARM", AS, ASR)],
    ),
]


CASES += [
    # coordinated acts share the speaker's "must"
    case(
        "Armenia must end its provocations, withdraw its forces from our land and return "
        "the hostages.",
        "AZE",
        NO_EVENT,
        [("ARM", "AZE", "RETREAT", ASR)],
    ),
    case(
        "Russia must stop the bombing and withdraw its army from Ukraine.",
        "EST",
        NO_EVENT,
        [("RUS", "UKR", "RETREAT", ASR)],
    ),
    # a new subject after "and" is not under the obligation
    case(
        "Armenia must withdraw, and Azerbaijan restored its sovereignty over Karabakh.",
        "AZE",
        [],
        [("ARM", "AZE", "RETREAT", ASR)],
    ),
]


CASES += [
    # "aimed at" after a noun of action: no intent of the sentence's subject
    case(
        "Uzbekistan has taken part in all regional efforts aimed at rebuilding the economy of "
        "Afghanistan.",
        "UZB",
        NO_EVENT,
        [("UZB", "AFG", AG, ASR)],
    ),
    # the verb with its own subject stays an intent
    case(
        "Kazakhstan aims to deepen its partnership with Kyrgyzstan.",
        "KAZ",
        [("KAZ", "KGZ", AG, ASR)],
    ),
]


CASES += [
    # support given by providing something: aid
    case(
        "Uzbekistan supports Afghanistan by supplying electricity and wheat at low prices.",
        "UZB",
        [("UZB", "AFG", "AID", ASR)],
        [("UZB", "AFG", S, ASR)],
    ),
    # support alone stays support
    case(
        "Uzbekistan firmly supports the sovereignty of Afghanistan.",
        "UZB",
        [("UZB", "AFG", S, ASR)],
    ),
]


@pytest.mark.parametrize(("text", "speaker", "present", "absent"), CASES)
def test_pool7_i14n(
    coder: Coder, text: str, speaker: str | None, present: Expected, absent: list[Event]
) -> None:
    check(coder, text, speaker, present, absent)
