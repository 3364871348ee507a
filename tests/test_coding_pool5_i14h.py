"""Pool round 5 (issue 14, helper i14h): constructions found by reading the coder's output on
unlabelled migration-news and partner-speech sentences. Each sentence is written for this test
(none is copied from the pool or the gold set); the expectations follow
docs/prose_annotation_guide.md: a statement of need is no demand, expecting a named entity to
act asks it to, "made it clear" and "strike a balance" and "taking into account" are no acts,
a request's own condition leaves the request asserted, a concessive clause's "may" makes
nothing hypothetical, "its citizens" told to act are the state's own, and a person detained
"in the Russian city of ..." is detained by Russia's authorities."""

from __future__ import annotations

import pytest

from steppe.coding import Coder
from tests.coding_events import NO_EVENT, Event, Expected, case, check

RQ, AG, S, CO, CN, AS = "REQUEST", "AGREE", "SUPPORT", "COERCE", "CONCEDE", "ASSAULT"
ASR, HYP = "asserted", "hypothetical"


CASES = [
    # "we need X" / "we need to": CAMEO.2.0.txt's DEMAND block (100), a statement of necessity
    case(
        "We need a stronger United Nations that can respond to crises in our region.",
        "KGZ",
        NO_EVENT,
    ),
    case(
        "Today we need to cooperate closely drawing on the principles of the Charter of the "
        "United Nations.",
        "KGZ",
        NO_EVENT,
    ),
    # "expect X to VERB": a request to X, not an intent (030)
    case(
        "We expect the European Union to lift its restrictions on our exports.",
        "UZB",
        [("UZB", "EU", RQ, ASR)],
        [("UZB", "EU", AG, ASR)],
    ),
    case(
        "Kazakhstan expects Russia to resume grain deliveries next month.",
        None,
        [("KAZ", "RUS", RQ, ASR)],
        [("KAZ", "RUS", AG, ASR)],
    ),
    # idioms that CAMEO.2.0.txt's verbs read as yielding, attacking or seizing
    case(
        "Uzbekistan made it clear that the Eurasian Economic Union was not its priority.",
        None,
        NO_EVENT,
    ),
    case(
        "It is vital that we strike the right balance between the interests of Russia and the "
        "interests of China.",
        "KAZ",
        NO_EVENT,
    ),
    case(
        "The Russian side explained the new registration rules to the Kyrgyz delegation, "
        "taking into account the number of Kyrgyz citizens working in Russia.",
        None,
        NO_EVENT,
    ),
    # a request's condition is what is asked: the request is made (asserted)
    case(
        "The Tajik Foreign Ministry advised Tajik citizens to avoid travel to Russia unless "
        "necessary.",
        None,
        [("TJK", "TJK", RQ, ASR)],
        [("TJK", "TJK", RQ, HYP)],
    ),
    # a condition on the asking itself (no infinitive before it) keeps it conditional
    case(
        "Kazakhstan will ask Russia for help if the situation on the border worsens.",
        None,
        [("KAZ", "RUS", RQ, HYP)],
        [("KAZ", "RUS", RQ, ASR)],
    ),
    # "its citizens" told to act: the state addresses its own citizens
    case(
        "Kyrgyzstan called on its citizens to refrain from travel to Russia if possible.",
        None,
        [("KGZ", "KGZ", RQ, ASR)],
        [("KGZ", "KGZ", RQ, HYP)],
    ),
    # a concessive clause concedes any circumstance; "which is why" starts a clause
    case(
        "Whatever obstacles may arise, Turkmenistan will continue to support the United Nations.",
        "TKM",
        [("TKM", "UN", AG, ASR)],
        [("TKM", "UN", AG, HYP)],
    ),
    case(
        "Peace can only be built together, which is why Turkmenistan strongly supports the "
        "initiative of the Secretary-General.",
        "TKM",
        [("TKM", "UN", S, ASR)],
        [("TKM", "UN", S, HYP)],
    ),
    # a passive arrest "in the <adjective> city of": that state's authorities act
    case(
        "Twelve Tajik migrants were apprehended in the Russian city of Kazan.",
        None,
        [("RUS", "TJK", CO, ASR)],
        [("TJK", "RUS", CO, ASR), ("TJK", "TJK", CO, ASR)],
    ),
    # the subject before ", alongside …," acts, not the last companion named
    case(
        "Kazakhstan, alongside partners such as Kyrgyzstan and Tajikistan, has signed a "
        "memorandum with the European Union.",
        None,
        [("KAZ", "EU", S, ASR)],
        [("TJK", "EU", S, ASR)],
    ),
    # "with X later joining them": X is the subject of the absolute, not the target
    case(
        "Kazakhstan and Uzbekistan abstained in the vote, with Kyrgyzstan later joining them.",
        None,
        [],
        [("KAZ", "KGZ", CN, ASR), ("KAZ", "KGZ", "CONSULT", ASR)],
    ),
    # the speaker's own possessive is not the target of the support it states
    case(
        "I reaffirm Kazakhstan's firm support for the Secretary-General's reform agenda.",
        "KAZ",
        [("KAZ", "UN", S, ASR)],
        [("KAZ", "KAZ", S, ASR)],
    ),
    # "the Assembly" addressed in a General Debate speech is the UN's
    case(
        "I call on the Assembly to adopt the draft resolution without a vote.",
        "KGZ",
        [("KGZ", "UN", RQ, ASR)],
    ),
    # the Member States of an organisation are states, not the organisation
    case(
        "Kazakhstan has established diplomatic relations with all Member States of the United "
        "Nations.",
        "KAZ",
        NO_EVENT,
    ),
    case(
        "Kyrgyzstan has established diplomatic relations with 150 States Members of the United "
        "Nations.",
        "KGZ",
        NO_EVENT,
    ),
    # learning from events and introducing rules are no meetings (CAMEO.2.0.txt's 040)
    case("We must learn from the tragedies of Afghanistan and Syria.", "KAZ", NO_EVENT),
    case(
        "Russia introduced new registration rules for citizens of Tajikistan.",
        None,
        [],
        [("RUS", "TJK", "CONSULT", ASR)],
    ),
    # "further" after a verb is no auxiliary: "supports" stays the verb
    case(
        "Uzbekistan firmly supports further integration within the Shanghai Cooperation "
        "Organisation.",
        "UZB",
        [("UZB", "SCO", S, ASR)],
    ),
    # "expect that X will …": a request to X
    case(
        "We expect that Russia will guarantee the rights of our labour migrants.",
        "UZB",
        [("UZB", "RUS", RQ, ASR)],
    ),
    # "free of charge" is no concession (CAMEO.2.0.txt's FREE, 080)
    case(
        "We are ready to supply our wheat, free of charge, to Afghanistan.",
        "UZB",
        [("UZB", "AFG", AG, ASR)],
        [("UZB", "AFG", CN, ASR)],
    ),
    # a word of a multi-word actor name is no pattern word ("Collective Security …": &SECURITY)
    case("We need a stronger Collective Security Treaty Organization.", "UZB", NO_EVENT),
    # ombudsmen are their state's officials
    case(
        "The ombudsman of Kyrgyzstan sent a letter to the ombudsman of Russia.",
        None,
        [("KGZ", "RUS", "CONSULT", ASR)],
    ),
    # "Korea" in its own speech is the Republic of Korea
    case(
        "Korea will increase its contributions to the United Nations.",
        "KOR",
        [("KOR", "UN", AG, ASR)],
    ),
    # hosting an organisation's meeting: the host is a participant (participant -> org only)
    case(
        "Next year we will host the Shanghai Cooperation Organisation summit in Astana.",
        "KAZ",
        [("KAZ", "SCO", AG, ASR)],
        [("SCO", "KAZ", AG, ASR)],
    ),
    # a request received from X is X's request
    case(
        "Tajikistan has received an official appeal from Afghanistan for humanitarian aid.",
        None,
        [("AFG", "TJK", RQ, ASR)],
    ),
    # standing with or beside X supports X (as "stand by"); "stands ready to" does not
    case("Kyrgyzstan stands firmly with the people of Kazakhstan.", None, [("KGZ", "KAZ", S, ASR)]),
    case(
        "Kazakhstan stands ready to work with Russia on water issues.",
        None,
        [],
        [("KAZ", "RUS", S, ASR)],
    ),
    case(
        "These are the principles that Kazakhstan has stood up for in its partnership with the "
        "European Union.",
        "KAZ",
        [],
        [("KAZ", "EU", S, ASR)],
    ),
    # "together with other SCO member States": the members, not the organisation
    case(
        "Together with other SCO member States, Kyrgyzstan strives to strengthen regional "
        "security.",
        "KGZ",
        [],
        [("KGZ", "SCO", AG, ASR)],
    ),
    # a declaration's opening participle: the parties of the treaty it names do not act
    case(
        "Highly valuing the Treaty on Eternal Friendship between Uzbekistan and Kyrgyzstan of 1996",
        None,
        NO_EVENT,
    ),
    # counting on X to act asks X to
    case(
        "We count on the Collective Security Treaty Organization to respond quickly to any threat.",
        "TJK",
        [("TJK", "CSTO", RQ, ASR)],
    ),
]


@pytest.mark.parametrize(("text", "speaker", "present", "absent"), CASES)
def test_pool5_i14h(
    coder: Coder, text: str, speaker: str | None, present: Expected, absent: list[Event]
) -> None:
    check(coder, text, speaker, present, absent)
