"""Pool round (issue 14, helper i14j): constructions found by reading the coder's output on
unlabelled UN General Debate speech sentences of the region's partners. Each sentence is
written for this test (none is copied from the pool or the gold set); the expectations follow
docs/prose_annotation_guide.md and the CAMEO code descriptions quoted in
steppe/data/dictionaries/steppe.verbs.txt's "pool round (helper i14j)" section.

- A compound subject does not praise, endorse or pledge support to its own members: "A and B
  support X" is A and B each supporting X (CAMEO 051 "Praise or endorse", 032 "Express intent
  to provide diplomatic cooperation such as policy support" go one way), while meetings,
  signings and cooperation stay joint acts.
- Alternatives ("Mali or Lebanon") do nothing together.
- Studying the feasibility of a step is considering it (014, a comment), not an investigation.
- "take the floor / the lead / office / a role / into account" seizes nothing (CAMEO.2.0.txt's
  TAKE sits in the APPREHEND block, 171; main's fourth-round "OVERRIDE TAKE" block covers it).
- Commitments met are no meeting; targets submitted to the UN are no yielding (080).
- "thanks to X" names a cause, not thanks.
- A bare verb form before "agreement(s)" or "zone" is a compound noun ("free trade agreements").
- Strengthening cooperation, partnerships, ties or relations with X is 050 (as CAMEO.2.0.txt's
  BOOST block codes expanding cooperation); in the future it is AGREE.
- Intensifying or stepping up an occupation is 192 "Occupy territory", not cooperation.
- In a speech, "I reiterate Portugal's commitment to X": the speaker's possessive is no target.
- "X believes that it is essential to ..." is an opinion about what should be done (a comment).
- "to further strengthen", "to both continue and strengthen": the infinitive after an adverb,
  and the second of two coordinated infinitives, are the intent's content, no act of their own.
- "We discuss cooperation between A and B": the parties named with "between" after a verb of
  discussion are its topic unless the source is one of them.
- What the speaker hopes or wishes that others do is no act of theirs (the hoping may be an
  appeal).
- Approaching a session, an anniversary or an issue is no arrival (040).
- "X is committed to continuing its support to UN operations" is an intent (AGREE), not
  CAMEO.2.0.txt's "committed … operations" (062, COMMIT sits with CARRY_OUT); "together with X,
  we support Y" supports Y, not X (the partner of a joint act only).
- "A, B, C and the member states of D": "and" closes the list of A, B and C even when the
  last item is too long to join it (each of A, B and C is addressed).
- "X's act …, which we condemn / support": with no object of its own, the verb of an object
  relative clause is directed at the doer of the act it refers back to (the first actor of the
  sentence that is no prepositional object, not the victim "against Ukraine").
- "we need X" states a need, no demand on X; "needs X to do …" stays a demand (CAMEO.2.0.txt's
  DEMAND block, 100).
- A speech's "we must / should / ought to <act>" exhorts, it reports no act of the speaking
  state; others' duties ("Russia must withdraw") are left to the verbs that state them.
- A condemned harmful act named with an uncoded doer and its victim ("the attacks of the
  Taliban on Tajikistan") is not held against the victim.
- A standard cited ("based on the United Nations Charter", "in accordance with the
  resolutions of the UN") is no target of the act.
- Rules, laws, norms or obligations broken are 128 "Defy norms, law", not the DESTROY block's
  190; a crisis, challenges or difficulties overcome are no defeat of anyone.
- "pressing" right before a need, an issue or a problem is an adjective, no demand.
- A relative clause's antecedent is its subject: "the victims of the floods that devastated X"
  has the floods, no actor, as subject (not the clause's speaker).
"""

from __future__ import annotations

import pytest

from steppe.coding import Coder
from tests.coding_events import NO_EVENT, Event, Expected, case, check, mutual

AG, C, S, K, AC, CO, TH = (
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "ACCUSE", "COERCE", "THREATEN"
)  # fmt: skip
ASR = "asserted"


CASES = [
    # --- a compound subject endorses together, it does not endorse itself -------------------
    case(
        "Kazakhstan and the European Union firmly stand by the Paris Agreement.",
        None,
        NO_EVENT,
        [("KAZ", "EU", S, ASR), ("EU", "KAZ", S, ASR)],
    ),
    case(
        "Finland and the EU fully support the implementation of the Secretary-General's appeal "
        "for a humanitarian truce.",
        "FIN",
        [("FIN", "UN", S, ASR), ("EU", "UN", S, ASR)],
        [("FIN", "EU", S, ASR), ("EU", "FIN", S, ASR)],
    ),
    case(
        "Uzbekistan and Turkey praised the reforms of the Shanghai Cooperation Organisation.",
        None,
        [("UZB", "SCO", S, ASR), ("TUR", "SCO", S, ASR)],
        [("UZB", "TUR", S, ASR), ("TUR", "UZB", S, ASR)],
    ),
    # joint acts stay joint
    case(
        "Tajikistan and China signed a memorandum on water resources.",
        None,
        [mutual("TJK", "CHN", S)],
    ),
    case("Kyrgyzstan and Kazakhstan held talks on the border.", None, [mutual("KGZ", "KAZ", C)]),
    # --- alternatives are no compound ------------------------------------------------------
    case(
        "States such as Armenia or Georgia have held free elections with outside help.",
        None,
        NO_EVENT,
    ),
    # --- considering a policy option -------------------------------------------------------
    case(
        "Turkmenistan is examining the feasibility of a free trade zone with Iran and Turkey.",
        None,
        NO_EVENT,
        [("TKM", "IRN", AC, ASR), ("TKM", "TUR", AC, ASR)],
    ),
    case(
        "Our Government is exploring the possibility of a new pipeline with China.",
        "KAZ",
        NO_EVENT,
        [("KAZ", "CHN", AC, ASR)],
    ),
    # ... while a real investigation stays one
    case(
        "Kyrgyz prosecutors are examining the conduct of the Tajik border guards.",
        None,
        [("KGZ", "TJK", AC, ASR)],
    ),
    # --- "take" with no seizure ------------------------------------------------------------
    case(
        "Uzbekistan will take the lead in the regional dialogue with the European Union.",
        None,
        NO_EVENT,
        [("UZB", "EU", TH, "future"), ("UZB", "EU", CO, ASR)],
    ),
    case(
        "Kazakhstan took the floor at the session of the Eurasian Economic Union.",
        None,
        [],
        [("KAZ", "EAEU", CO, ASR)],
    ),
    case(
        "We will take into account the concerns of the Russian Federation.",
        "TJK",
        [],
        [("TJK", "RUS", TH, "future")],
    ),
    case(
        "Azerbaijan took office as chair of the Commonwealth of Independent States.",
        None,
        [],
        [("AZE", "CIS", CO, ASR)],
    ),
    # --- commitments met, targets submitted ------------------------------------------------
    case(
        "We are meeting our CSTO commitment to keep a battalion on standby.",
        "KGZ",
        [],
        [("KGZ", "CSTO", AG, ASR), ("KGZ", "CSTO", C, ASR)],
    ),
    case(
        "Next month we will submit to the United Nations our updated emission targets.",
        "UZB",
        [],
        [("UZB", "UN", "CONCEDE", "future")],
    ),
    # --- "thanks to" is a cause ------------------------------------------------------------
    case(
        "The valley has stayed calm, thanks largely to the CSTO peacekeepers.",
        "TJK",
        [],
        [("TJK", "CSTO", S, ASR)],
    ),
    case("Tokayev thanked Mirziyoyev for his help.", None, [("KAZ", "UZB", S, ASR)]),
    # --- a compound noun is no verb --------------------------------------------------------
    case(
        "Azerbaijan is discussing free trade agreements with Kazakhstan and Uzbekistan.",
        None,
        [],
        [("AZE", "KAZ", K, ASR), ("AZE", "UZB", K, ASR)],
    ),
]


CASES += [
    # --- strengthening cooperation ---------------------------------------------------------
    case(
        "We shall strengthen our partnerships with the European Union and the OSCE "
        "in the years ahead.",
        "KAZ",
        [("KAZ", "EU", AG, ASR)],
    ),
    case(
        "Tajikistan will reinforce its cooperation with China in border security.",
        None,
        [("TJK", "CHN", AG, ASR)],
    ),
    case(
        "Last year Uzbekistan strengthened its ties with South Korea.",
        None,
        [("UZB", "KOR", S, ASR)],
    ),
    case(
        "Russia has strengthened the fortifications along its border with Georgia.",
        None,
        [],
        [("RUS", "GEO", S, ASR), ("RUS", "GEO", AG, ASR)],
    ),
    # --- an occupation stepped up ----------------------------------------------------------
    case(
        "Armenia has intensified its occupation of the districts around the region, the "
        "minister said.",
        "AZE",
        [],
        [("ARM", "AZE", K, ASR)],
    ),
    case(
        "Since the spring, Russia has stepped up the occupation of Ukrainian land.",
        None,
        [("RUS", "UKR", CO, ASR)],
        [("RUS", "UKR", K, ASR)],
    ),
    # --- the speaker's own possessive ------------------------------------------------------
    case(
        "Let me reiterate Kyrgyzstan's firm commitment to the Shanghai Cooperation Organisation.",
        "KGZ",
        [("KGZ", "SCO", AG, ASR)],
    ),
    # --- an opinion about what is needed ---------------------------------------------------
    case(
        "Turkey believes that it is vital to protect the Afghan people from hunger.",
        "TUR",
        NO_EVENT,
    ),
    case(
        "We are convinced that it is necessary to support Iran in its fight against drugs.",
        "TKM",
        NO_EVENT,
    ),
    # ... while a belief about what someone did keeps the act
    case("We believe that Azerbaijan attacked Armenia.", "IRN", [("AZE", "ARM", "ASSAULT", ASR)]),
    # --- infinitives after adverbs, coordinated infinitives --------------------------------
    case(
        "Kazakhstan seeks to further expand its cooperation with the countries of Central Asia.",
        None,
        [("KAZ", "UZB", AG, ASR)],
        [("KAZ", "UZB", S, ASR)],
    ),
    case(
        "We note the willingness of our Government to both maintain and strengthen "
        "cooperation with the European Union.",
        "TJK",
        [("TJK", "EU", AG, ASR)],
        [("TJK", "EU", S, ASR)],
    ),
]


CASES += [
    # --- the topic of a discussion ---------------------------------------------------------
    case(
        "This week we are discussing the future of trade between China and the European Union.",
        "TKM",
        [],
        [("TKM", "CHN", C, ASR), ("TKM", "EU", C, ASR), ("CHN", "TKM", C, ASR)],
    ),
    case(
        "The Uzbek minister talked about cooperation between Uzbekistan and Russia.",
        None,
        [("UZB", "RUS", C, ASR)],
    ),
    # --- hopes and wishes ------------------------------------------------------------------
    case(
        "We hope that the United Nations provides Afghanistan with humanitarian aid.",
        "TJK",
        [("TJK", "UN", "REQUEST", ASR)],
        [("UN", "AFG", "AID", ASR)],
    ),
    case(
        "I sincerely wish that China and India settle their border dispute.",
        "KGZ",
        NO_EVENT,
        [mutual("CHN", "IND", AG)[0], mutual("CHN", "IND", AG)[1]],
    ),
    # --- approaching a session -------------------------------------------------------------
    case(
        "Our delegation approaches this session of the United Nations with great hope.",
        "UZB",
        NO_EVENT,
    ),
    # --- a relative clause's own subject ---------------------------------------------------
    case(
        "We send our sympathy to the families of the victims of the storms that have hit "
        "Turkey and the floods that have struck Iran.",
        "KAZ",
        [],
        [("KAZ", "TUR", "ASSAULT", ASR), ("KAZ", "IRN", "ASSAULT", ASR), ("TUR", "IRN", S, ASR)],
    ),
]


CASES += [
    # --- "committed to" an act, "together with" a co-supporter -----------------------------
    case(
        "Kazakhstan remains committed to continuing its support to the CSTO peacekeeping "
        "operations.",
        None,
        [("KAZ", "CSTO", AG, ASR)],
        [("KAZ", "CSTO", K, ASR), ("CSTO", "KAZ", K, ASR)],
    ),
    case(
        "The militants committed crimes against Kyrgyz citizens.",
        None,
        [("", "KGZ", "ASSAULT", ASR)],
    ),
    case(
        "Together with Turkey, we firmly support the peace plan for the South Caucasus.",
        "AZE",
        [],
        [("AZE", "TUR", S, ASR)],
    ),
    case(
        "Together with our Central Asian partners, we are committed to expanding trade.",
        "UZB",
        [("UZB", "KAZ", AG, ASR)],
    ),
]


CASES += [
    # --- a list closed by a long last item -------------------------------------------------
    case(
        "We urge the leading powers, notably Russia, China, the United States and the member "
        "states of the European Union, to resume arms control talks.",
        "KAZ",
        [("KAZ", "RUS", "REQUEST", ASR), ("KAZ", "CHN", "REQUEST", ASR)],
    ),
]


CASES += [
    # --- the object of a relative clause ---------------------------------------------------
    case(
        "Armenia's shelling of the villages along the border with Azerbaijan is a grave breach "
        "of the ceasefire, which we firmly condemn.",
        "TUR",
        [("TUR", "ARM", AC, ASR)],
        [("TUR", "AZE", AC, ASR)],
    ),
    case(
        "Uzbekistan's proposal on the Aral Sea, which we fully support, deserves attention.",
        "TKM",
        [("TKM", "UZB", S, ASR)],
    ),
    case(
        "The attack on Tajikistan, which we condemn, was carried out by unknown gunmen.",
        "KGZ",
        [],
        [("KGZ", "TJK", AC, ASR)],
    ),
]


CASES += [
    # --- a need stated ---------------------------------------------------------------------
    case(
        "Whatever its flaws, we still need the Shanghai Cooperation Organisation.",
        "KGZ",
        NO_EVENT,
    ),
    case(
        "Afghanistan needs steady support from its neighbours in Central Asia.",
        None,
        NO_EVENT,
    ),
    case(
        "Moscow needs Dushanbe to hand over the two suspects.",
        None,
        [("RUS", "TJK", "REQUEST", ASR)],
    ),
]


CASES += [
    # --- a speech's exhortation ------------------------------------------------------------
    case("We must prevent Iran from acquiring a nuclear weapon.", "KAZ", NO_EVENT),
    case(
        "We should strongly support the efforts of the United Nations in Yemen.",
        "TKM",
        NO_EVENT,
    ),
    # a condemnation said as a duty still condemns
    case(
        "We must strongly condemn Russia's strikes on Ukrainian cities.",
        "KGZ",
        [("KGZ", "RUS", AC, ASR)],
    ),
    # ... while what the speaking state does is coded
    case(
        "We support the mediation of the United Nations in Yemen.",
        "TKM",
        [("TKM", "UN", S, ASR)],
    ),
]


CASES += [
    # --- the victim of a condemned act -----------------------------------------------------
    case(
        "We condemn the attacks of the Taliban on Tajikistan.",
        "KGZ",
        [],
        [("KGZ", "TJK", AC, ASR)],
    ),
]


CASES += [
    # --- a standard cited ------------------------------------------------------------------
    case(
        "We are resolved to contribute to a fair world order based on the United Nations Charter.",
        "UZB",
        NO_EVENT,
    ),
    case(
        "We will keep helping Afghanistan in accordance with the resolutions of the United "
        "Nations.",
        "KAZ",
        [("KAZ", "AFG", AG, ASR)],
        [("KAZ", "UN", AG, ASR)],
    ),
]


CASES += [
    # --- rules broken, difficulties overcome -----------------------------------------------
    case(
        "Turkmenistan accused Afghanistan of breaking the rules of the border regime.",
        None,
        [],
        [("AFG", "TKM", "ASSAULT", ASR)],
    ),
    case("Armenia broke its obligations to Azerbaijan.", None, [("ARM", "AZE", "REJECT", ASR)]),
    case(
        "We overcame the economic difficulties with the help of Kazakhstan.",
        "KGZ",
        [],
        [("KGZ", "KAZ", TH, ASR), ("KGZ", "KAZ", "ASSAULT", ASR)],
    ),
    case(
        "Together with Uzbekistan we will overcome the consequences of the drought.",
        "TJK",
        [],
        [("TJK", "UZB", "ASSAULT", "future"), ("TJK", "UZB", AG, ASR)],
    ),
]


CASES += [
    # --- "pressing" as an adjective --------------------------------------------------------
    case(
        "If we are to keep the trust of our peoples, the most urgent and pressing need is "
        "reform of the Shanghai Cooperation Organisation.",
        "KGZ",
        NO_EVENT,
    ),
    case(
        "Russia pressed Kazakhstan to extradite the suspects.",
        None,
        [("RUS", "KAZ", "REQUEST", ASR)],
    ),
]


@pytest.mark.parametrize(("text", "speaker", "present", "absent"), CASES)
def test_pool5_i14j(
    coder: Coder, text: str, speaker: str | None, present: Expected, absent: list[Event]
) -> None:
    check(coder, text, speaker, present, absent)
