"""Pool round 7 (issue 14, helper i14o): constructions found by reading the coder's output on
unlabelled UN General Debate sentences. Each sentence is written for this test (none is copied
from the pool or the gold set); the expectations follow docs/prose_annotation_guide.md:

- engaging with a named state is talking to it (an intent when "ready to"), engaging in the
  promotion of a settlement is diplomacy, not the use of force;
- "as demonstrated by" shows, it is no protest; recognising a history, a fact or the
  importance of something praises no one; a state "left with" refugees meets no one;
- military aggression carried out against a state is an assault, not military cooperation;
- a state sanctioned by another (active, or passive with "by") is a sanction;
- pursuing dialogue or talks with a named state consults it;
- being grateful to a named entity, or for its assistance, thanks it (SUPPORT; the rule is
  i14m's GRATEFUL_TO, which landed first and covers these cases);
- a vague agent noun before a plural ("terrorist attacks") names an act, not an attacker
  acting, so the speaker who witnessed the attacks is no attacker;
- "the Minsk package", "the Minsk Group" name an arrangement and a format: Minsk is no actor;
- engaging in mediation between two states mediates (CONSULT, CAMEO 045);
- "it" and "they" never stand for the speaker's "I" or "we" ("I believe that, if the war goes
  on, it will threaten X": the war threatens, not the speaker);
- after its own object, a verb coordinated with "and" takes the later phrase ("rejects that
  claim and calls on the UN to act": the UN is asked, not rejected);
- a participle right after the noun of its pattern ("the sanctions imposed on Russia") names
  the act inside a noun phrase: it is not the sentence subject's act;
- "we" and "I" are never the object of a preposition: "it is in this spirit that we support X",
  "in supporting this position I have pursued dialogue with X" have the speaker as source;
- increasing, doubling or tripling one's contribution(s) to a named entity is aid (AID);
- turning a state or its towns into ruins or rubble is the use of force (ASSAULT);
- a condition that opens a coordinated clause after the verb (", and if ...") conditions that
  clause only: the act before it stays asserted;
- the speaker ("we", "I") as the subject of an agentless passive of conflict ("we are blamed
  for", "we were attacked") suffers the act: no source, and never the speaker as the doer;
- a bare verb form after "the" and a singular name ("the Cyprus issue") is the name's noun;
- "internationally recognized" is an adjective, not a recognition; "hit the ground running"
  is an idiom, no use of force;
- a partner named in a fronted "together with" phrase works with the subject (COOPERATE);
- "arms control" is a noun; joining a group of countries is no meeting;
- "the responsibility to protect" names a doctrine, no protection given;
- "our delegation supports": the verb after the speaker's own noun is a verb (the plural-noun
  test after a preposition must not reuse the determiner test's index);
- hosting a conference or a session of a named organisation takes part in its meeting
  (CONSULT toward the organisation), not CAMEO's 053 "rally support";
- in what an appeal asks for, the state in "our border with X" is where, not the addressee;
  closing a border with X still acts on X;
- the International Court of Justice (ICJ), the UN's principal judicial organ, takes the UN's
  code (registry aliases), as UNICEF and the WHO do;
- "A, B, and <no actor>" (a serial comma before a last item that names no actor) still closes
  the list: A and B are both addressed;
- the European Union's General Debate speeches are stored as the EU's: its "we" is the EU (the
  path `steppe code` runs reads a speech's speaker from its source)."""

from __future__ import annotations

import pytest

from steppe.coding import Coder
from steppe.coding.coder import speaker_of
from steppe.coding.prose import ProseRecord, code_through_store
from tests.coding_events import NO_EVENT, Event, Expected, case, check, mutual

S, CN, AG, RQ = "SUPPORT", "CONSULT", "AGREE", "REQUEST"
AS, SA = "ASSAULT", "SANCTION"
ASR = "asserted"


CASES = [
    # engaging with a state talks to it; engaged in promoting a settlement is diplomacy
    case(
        "Uzbekistan stands ready to engage with Afghanistan on the construction of the railway.",
        None,
        [("UZB", "AFG", AG, ASR)],
        [("UZB", "AFG", "THREATEN", ASR), ("UZB", "AFG", AS, ASR)],
    ),
    case(
        "Turkey has engaged with Russia throughout the year.",
        None,
        [("TUR", "RUS", CN, ASR)],
        [("TUR", "RUS", AS, ASR)],
    ),
    case(
        "Kazakhstan has constructively engaged in the promotion of an Afghan peace settlement.",
        None,
        [],
        [("KAZ", "AFG", AS, ASR)],
    ),
    # "as demonstrated by", "is demonstrated by": shown, no protest
    case(
        "Our dedication to peace, as demonstrated by Kazakh officers serving with the United "
        "Nations in Lebanon, remains firm.",
        "KAZ",
        [],
        [("KAZ", "", "PROTEST", ASR)],
    ),
    case(
        "We renew our pledge, as demonstrated by the Kyrgyz troops serving in the UN mission.",
        "KGZ",
        [],
        [("KGZ", "", "PROTEST", ASR), ("KGZ", "", "MOBILIZE", ASR)],
    ),
    case(
        "The value of regional cooperation is demonstrated by the new Uzbek-Tajik railway.",
        None,
        NO_EVENT,
        [("UZB", "", "PROTEST", ASR), ("TJK", "", "PROTEST", ASR)],
    ),
    # recognising a history, a fact or an importance praises no one
    case(
        "We recognize the long and difficult history between Armenia and Azerbaijan.",
        "KAZ",
        NO_EVENT,
    ),
    case(
        "Turkmenistan recognizes the importance of the Bishkek conference.",
        None,
        NO_EVENT,
    ),
    case(
        "We fully recognize the right of Ukraine to defend itself.", "EST", [("EST", "UKR", S, ASR)]
    ),
    # left with refugees: no meeting
    case(
        "After the war Iran was left with three million Afghan refugees.",
        None,
        NO_EVENT,
    ),
    # military aggression carried out against a state: ASSAULT, not military cooperation
    case(
        "In 1993 Armenia carried out military aggression against Azerbaijan.",
        None,
        [("ARM", "AZE", AS, ASR)],
        [("ARM", "AZE", "COOPERATE", ASR), ("AZE", "ARM", "COOPERATE", ASR)],
    ),
    # sanctioned, active and passive
    case("The European Union sanctioned Belarus last year.", None, [("EU", "BLR", SA, ASR)]),
    case(
        "In 2019 Iran was sanctioned by the United States once again.",
        None,
        [("USA", "IRN", SA, ASR)],
    ),
    case("The Council sanctioned the use of force.", None, NO_EVENT),
    # pursuing dialogue or talks with a state
    case(
        "Kazakhstan has pursued dialogue with Kyrgyzstan on the water question.",
        None,
        [("KAZ", "KGZ", CN, ASR)],
    ),
    case(
        "Tajikistan pursued talks with Kyrgyzstan on the border.",
        None,
        [("TJK", "KGZ", CN, ASR)],
    ),
    # grateful to / for a named entity: thanks
    case(
        "We are grateful to the Government of Japan for the new hospital in Khujand.",
        "TJK",
        [("TJK", "JPN", S, ASR)],
    ),
    case(
        "I am deeply grateful for the assistance of the European Union.",
        "KGZ",
        [("KGZ", "EU", S, ASR)],
    ),
    case("We are thankful to Turkey for its hospitality.", "AZE", [("AZE", "TUR", S, ASR)]),
    case(
        "We are grateful to the President of the General Assembly for his guidance.",
        "TKM",
        [("TKM", "UN", S, ASR)],
    ),
    # "terrorist attacks": the speaker who saw them attacked no one
    case(
        "Last year we witnessed a series of terrorist attacks in Pakistan, Iran and Russia.",
        "UZB",
        [],
        [("UZB", "PAK", AS, ASR), ("UZB", "IRN", AS, ASR), ("UZB", "RUS", AS, ASR)],
    ),
    case("Militants attacked a Tajik border post.", None, [], [("", "TJK", "", ASR)]),
    # "the Minsk package", "the Minsk Group": Minsk is no actor
    case(
        "Kyrgyzstan supports the full implementation of the Minsk package.",
        None,
        NO_EVENT,
        [("KGZ", "BLR", S, ASR)],
    ),
    case(
        "Azerbaijan criticised the Minsk Group for its inaction.",
        None,
        [],
        [("AZE", "BLR", "ACCUSE", ASR)],
    ),
    case("Minsk rejected the demands of Lithuania.", None, [("BLR", "LTU", "REJECT", ASR)]),
    # engaged in mediation between two states
    case(
        "Turkmenistan is engaged in mediation between Afghanistan and Pakistan.",
        None,
        [("TKM", "AFG", CN, ASR), ("TKM", "PAK", CN, ASR)],
        [("TKM", "AFG", AS, ASR)],
    ),
    # "it" is not the speaker
    case(
        "I am convinced that, if the drought continues, it will threaten Afghanistan.",
        "UZB",
        [],
        [("UZB", "AFG", "THREATEN", ASR)],
    ),
    case("Iran indicated it would attack Israel.", None, [("IRN", "ISR", "THREATEN", "future")]),
    # "rejects X and calls on Y": Y is asked, not rejected
    case(
        "Kyrgyzstan firmly rejects this accusation and urges the OSCE to verify the facts.",
        None,
        [("KGZ", "OSCE", RQ, ASR)],
        [("KGZ", "OSCE", "REJECT", ASR)],
    ),
    case(
        "Tajikistan condemned and rejected the attack by the Taliban on its border post.",
        None,
        [],
        [("TJK", "TJK", "REJECT", ASR)],
    ),
    # "the sanctions imposed on X": named, not imposed by the subject
    case(
        "Kazakhstan acts strictly in line with the sanctions imposed on Iran.",
        None,
        [],
        [("KAZ", "IRN", SA, ASR)],
    ),
    case(
        "Sanctions were imposed on Belarus by the European Union.",
        None,
        [("EU", "BLR", SA, ASR)],
    ),
    case("The United States imposed sanctions on Iran.", None, [("USA", "IRN", SA, ASR)]),
    # "we"/"I" after a fronted phrase is the subject
    case(
        "It is in this spirit of friendship that we support Turkmenistan.",
        "UZB",
        [("UZB", "TKM", S, ASR)],
    ),
    case(
        "In defending these principles I have pursued talks with Azerbaijan.",
        "ARM",
        [("ARM", "AZE", CN, ASR)],
    ),
    # contributions increased, doubled, tripled: aid
    case(
        "This year Kazakhstan tripled its contributions to the World Health Organization.",
        None,
        [("KAZ", "UN", "AID", ASR)],
    ),
    case(
        "Uzbekistan has increased its contribution to UNICEF.",
        None,
        [("UZB", "UN", "AID", ASR)],
        [("UZB", "UN", "COOPERATE", ASR)],
    ),
    # turned into ruins / rubble: force
    case("Armenia turned Azerbaijani towns into ruins.", None, [("ARM", "AZE", AS, ASR)]),
    # the speaker in an agentless passive of conflict is acted upon
    case(
        "Yet we are accused of the chaos in Afghanistan.",
        "PAK",
        NO_EVENT,
        [("PAK", "AFG", "ACCUSE", ASR)],
    ),
    case(
        "We were attacked by Armenia in 2020.",
        "AZE",
        [("ARM", "AZE", AS, ASR)],
    ),
    case("We are committed to cooperation with India.", "PAK", [("PAK", "IND", AG, ASR)]),
    # "the Cyprus issue": a noun
    case(
        "Turkey wants a just solution to the Cyprus issue.",
        None,
        NO_EVENT,
        [("TUR", "", "COOPERATE", ASR)],
    ),
    # "internationally recognized", "hit the ground running"
    case(
        "Armenia still occupies the internationally recognized territory of Azerbaijan.",
        None,
        [],
        [("ARM", "AZE", S, ASR)],
    ),
    case(
        "The new Kyrgyz ambassador to the United Nations will hit the ground running.",
        None,
        NO_EVENT,
        [("KGZ", "", "THREATEN", "future")],
    ),
    # fronted "together with X ... working"
    case(
        "Together with Uzbekistan we are working on a new railway to Afghanistan.",
        "KAZ",
        [("KAZ", "UZB", "COOPERATE", ASR)],
    ),
    # "arms control", "join a group"
    case(
        "Russia and the United States held talks on arms control.",
        None,
        [mutual("RUS", "USA", CN)],
        [("RUS", "USA", "COOPERATE", ASR), ("USA", "RUS", "COOPERATE", ASR)],
    ),
    case(
        "Soon Finland will join a group of states that are members of NATO and the EU.",
        None,
        NO_EVENT,
    ),
    # "Our delegation supports": a verb
    case(
        "Our delegation supports the proposal of Turkmenistan.",
        "UZB",
        [("UZB", "TKM", S, ASR)],
    ),
    # hosting an organisation's conference or session
    case(
        "Kyrgyzstan hosted the session of the CSTO Collective Security Council.",
        None,
        [("KGZ", "CSTO", CN, ASR)],
        [("KGZ", "CSTO", S, ASR)],
    ),
    case(
        "Tajikistan hosted a conference of the Shanghai Cooperation Organisation.",
        None,
        [("TJK", "SCO", CN, ASR)],
    ),
    # "border with X" inside an appeal: a place
    case(
        "For years I have called for a security belt along our border with Afghanistan.",
        "TJK",
        [],
        [("TJK", "AFG", RQ, ASR)],
    ),
    case("Uzbekistan closed its border with Afghanistan.", None, [("UZB", "AFG", "COERCE", ASR)]),
    # "A, B, and <no actor>": both A and B
    case(
        "We thank Japan, the European Union, and many private donors for their assistance.",
        "KGZ",
        [("KGZ", "JPN", S, ASR), ("KGZ", "EU", S, ASR)],
    ),
    # the ICJ is the UN's organ
    case(
        "The International Court of Justice ordered Armenia to prevent incitement.",
        None,
        [("UN", "ARM", RQ, ASR)],
    ),
    case("The ICJ demanded that Russia withdraw its troops.", None, [("UN", "RUS", RQ, ASR)]),
    # "the responsibility to protect": a doctrine
    case(
        "Our Secretary-General keeps reminding us of our shared responsibility to protect.",
        "NLD",
        [],
        [("NLD", "", "AID", ASR), ("NLD", "UN", "AID", ASR)],
    ),
    # ", and if ..." conditions its own clause only
    case(
        "Armenia shelled Azerbaijan in July, and if mediators had acted, it would have ended.",
        None,
        [("ARM", "AZE", AS, ASR)],
        [("ARM", "AZE", AS, "hypothetical")],
    ),
]


@pytest.mark.parametrize(("text", "speaker", "present", "absent"), CASES)
def test_pool7_i14o(
    coder: Coder, text: str, speaker: str | None, present: Expected, absent: list[Event]
) -> None:
    check(coder, text, speaker, present, absent)


def test_eu_speech_is_the_eus() -> None:
    """A General Debate speech whose source is the EU codes the EU as its "we", through the
    store as `steppe code` does; a news site's source names no speaker."""
    assert speaker_of("EU") == "EU"
    assert speaker_of("akipress") is None
    record = ProseRecord(
        id="u:EU_79:1",
        text="We support the efforts of the United Nations in Afghanistan.",
        date="2024-09-24",
        split="dev",
        speaker="EU",
        source="pool",
    )
    stored, _, _ = code_through_store([record])
    assert {(e.source, e.target, e.plover) for e in stored["u:EU_79:1"]} >= {
        ("EU", "UN", "SUPPORT")
    }
