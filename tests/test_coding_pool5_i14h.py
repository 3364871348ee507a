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
from tests.coding_events import NO_EVENT, Event
from tests.coding_events import events as _events

RQ, AG, S, CO, CN, AS = "REQUEST", "AGREE", "SUPPORT", "COERCE", "CONCEDE", "ASSAULT"
ASR, HYP = "asserted", "hypothetical"


def case(
    text: str,
    speaker: str | None,
    present: list[Event] | str,
    absent: list[Event] | None = None,
) -> object:
    return pytest.param(text, speaker, present, absent or [], id=text[:60])


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
]


@pytest.mark.parametrize(("text", "speaker", "present", "absent"), CASES)
def test_pool5_i14h(
    coder: Coder,
    text: str,
    speaker: str | None,
    present: list[Event] | str,
    absent: list[Event],
) -> None:
    got = _events(coder, text, speaker)
    if present == NO_EVENT:
        dyads = {e for e in got if e[0] and e[1] and e[2]}
        assert not dyads, f"no-event sentence coded {dyads}"
        return
    assert isinstance(present, list)
    for want in present:
        assert want in got, f"missing {want} in {got}"
    for bad in absent:
        assert bad not in got, f"unexpected {bad} in {got}"
