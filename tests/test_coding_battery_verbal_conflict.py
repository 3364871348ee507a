"""Battery (issue 14): CAMEO roots 07-12 and 16 as PLOVER AID, CONCEDE, RETREAT, REQUEST,
ACCUSE, REJECT and SANCTION in the region's news, UN General Debate speeches (a speaker:
"we", "my Government") and Russian headlines in English translation ("Zakharova: ...").

Each sentence was written for this battery (not copied from an article or the gold set) and
coded by docs/prose_annotation_guide.md: officials and capitals take their state's code, the
CSTO acting as itself is CSTO, appeals ("called on", "urged") are REQUEST, an ambassador
summoned is ACCUSE, CAMEO 16 (sanctions, expulsions, halted talks or trade) is SANCTION,
peacekeepers deployed are AID and withdrawn RETREAT, future RETREAT keeps its category with
modality future, and framing, statistics, venues and comments give no event. ``present``
tuples must be coded; ``absent`` tuples must not be."""

from __future__ import annotations

import pytest

from steppe.coding import Coder
from tests.coding_events import Event
from tests.coding_events import events as _events

Key = Event


def _dyads(events: set[Key]) -> set[Key]:
    """The events Steppe stores as dyads: both sides coded and a PLOVER category."""
    return {e for e in events if e[0] and e[1] and e[2]}


A = "asserted"


def _xfail(reason: str, *values: object) -> object:
    return pytest.param(*values, marks=pytest.mark.xfail(reason=reason, strict=True))


CASES = [
    # --- AID (07): aid, loans, grants, supplies; 074 peacekeeping
    ("Russia sent 50 tonnes of humanitarian aid to Kyrgyzstan after the floods.", None,
     {("RUS", "KGZ", "AID", A)}, {("RUS", "KGZ", "COOPERATE", A)}),
    ("Japan provided Tajikistan with a grant of 10 million dollars for water supply projects.",
     None, {("JPN", "TJK", "AID", A)}, set()),
    ("China donated 200,000 doses of vaccine to Kyrgyzstan.", None,
     {("CHN", "KGZ", "AID", A)}, set()),
    ("Kazakhstan delivered 5,000 tonnes of grain to Afghanistan as humanitarian assistance.",
     None, {("KAZ", "AFG", "AID", A)}, set()),
    ("Humanitarian aid was delivered to Tajikistan by the United Arab Emirates.", None,
     {("ARE", "TJK", "AID", A)}, set()),
    ("The European Union allocated 3 million euros in humanitarian aid to Kyrgyzstan.", None,
     {("EU", "KGZ", "AID", A)}, {("EU", "KGZ", "COOPERATE", A)}),
    ("China provided a loan of 700 million dollars to Kyrgyzstan.", None,
     {("CHN", "KGZ", "AID", A)}, set()),
    ("Kazakhstan and Uzbekistan sent humanitarian aid to Afghanistan.", None,
     {("KAZ", "AFG", "AID", A), ("UZB", "AFG", "AID", A)}, set()),
    ("Turkey sent rescue teams and humanitarian aid to Kyrgyzstan after the earthquake.", None,
     {("TUR", "KGZ", "AID", A)}, set()),
    ("Lukashenko: Belarus sent humanitarian aid to Kyrgyzstan.", None,
     {("BLR", "KGZ", "AID", A)}, set()),
    # future aid is an intent: AGREE (guide section 3)
    ("The United States will provide 20 million dollars to Uzbekistan for border security.",
     None, {("USA", "UZB", "AGREE", A)}, {("USA", "UZB", "AID", A)}),
    ("CSTO peacekeepers were deployed to Kazakhstan at the request of President Tokayev.", None,
     {("CSTO", "KAZ", "AID", A)}, set()),
    ("The CSTO sent a peacekeeping contingent to Kazakhstan in January 2022.", None,
     {("CSTO", "KAZ", "AID", A)}, set()),
    ("The CSTO could send peacekeepers to Kyrgyzstan if the situation worsens.", None,
     {("CSTO", "KGZ", "AID", "hypothetical")}, {("CSTO", "KGZ", "AID", A)}),
    ("We have sent humanitarian aid to Afghanistan, including food and medicine.", "KAZ",
     {("KAZ", "AFG", "AID", A)}, set()),
    ("Our country has allocated 2 million dollars to UNICEF for Afghanistan.", "KAZ",
     {("KAZ", "UN", "AID", A)}, set()),
    ("Humanitarian aid from China has arrived in Tajikistan.", None,
     {("CHN", "TJK", "AID", A)}, set()),
    # --- RETREAT / CONCEDE (08)
    ("Russia and the CSTO began withdrawing their peacekeepers from Kazakhstan.", None,
     {("RUS", "KAZ", "RETREAT", A), ("CSTO", "KAZ", "RETREAT", A)},
     {("CSTO", "KAZ", "SANCTION", A)}),
    ("The CSTO completed the withdrawal of its peacekeeping forces from Kazakhstan.", None,
     {("CSTO", "KAZ", "RETREAT", A)}, set()),
    ("The CSTO will withdraw its peacekeepers from Kazakhstan within ten days.", None,
     {("CSTO", "KAZ", "RETREAT", "future")}, {("CSTO", "KAZ", "THREATEN", A)}),
    ("Russian peacekeepers left Kazakhstan on Wednesday.", None,
     {("RUS", "KAZ", "RETREAT", A)}, {("RUS", "KAZ", "CONSULT", A)}),
    ("Tokayev announced that the CSTO peacekeepers would leave Kazakhstan within ten days.",
     None, set(), {("CSTO", "KAZ", "AGREE", A), ("CSTO", "KAZ", "CONSULT", A)}),
    ("Kyrgyzstan released two Tajik border guards detained last week.", None,
     {("KGZ", "TJK", "RETREAT", A)}, set()),
    ("Kazakhstan released the detained Kyrgyz citizens.", None,
     {("KAZ", "KGZ", "RETREAT", A)}, set()),
    ("Uzbekistan will release the detained Tajik nationals.", None,
     {("UZB", "TJK", "RETREAT", "future")}, set()),
    ("The Tajik authorities handed over the detained Kyrgyz citizens to Kyrgyzstan.", None,
     {("TJK", "KGZ", "RETREAT", A)}, set()),
    ("Kazakhstan lifted the ban on the export of fuel to Kyrgyzstan.", None,
     {("KAZ", "KGZ", "CONCEDE", A)}, set()),
    ("Turkmenistan eased entry restrictions for citizens of Uzbekistan.", None,
     {("TKM", "UZB", "CONCEDE", A)}, set()),
    ("The United States lifted sanctions against the Uzbek cotton industry.", None,
     {("USA", "UZB", "CONCEDE", A)}, set()),
    # --- REQUEST (appeals 02 and demands 10)
    ("Uzbekistan called on Afghanistan to form an inclusive government.", None,
     {("UZB", "AFG", "REQUEST", A)}, set()),
    ("The UN Secretary-General urged Kyrgyzstan and Tajikistan to resolve the border dispute "
     "peacefully.", None, {("UN", "KGZ", "REQUEST", A), ("UN", "TJK", "REQUEST", A)}, set()),
    ("Kyrgyzstan asked Russia for military assistance.", None,
     {("KGZ", "RUS", "REQUEST", A)}, set()),
    ("Kyrgyzstan asked the CSTO to send peacekeepers in 2010.", None,
     {("KGZ", "CSTO", "REQUEST", A)}, {("CSTO", "KGZ", "AID", A)}),
    # the requested act has not happened: no event of its own
    ("Uzbekistan urged Russia and Ukraine to resume negotiations.", None,
     {("UZB", "RUS", "REQUEST", A), ("UZB", "UKR", "REQUEST", A)},
     {("RUS", "UKR", "CONSULT", A), ("UKR", "RUS", "CONSULT", A)}),
    ("Tajikistan demanded that Kyrgyzstan withdraw its troops from the border.", None,
     {("TJK", "KGZ", "REQUEST", A)}, set()),
    ("Zakharova: Moscow calls on Washington to stop interfering in Central Asia.", None,
     {("RUS", "USA", "REQUEST", A)}, set()),
    ("Lavrov urged Kazakhstan and Kyrgyzstan to settle the dispute through dialogue.", None,
     {("RUS", "KAZ", "REQUEST", A), ("RUS", "KGZ", "REQUEST", A)}, set()),
    ("Mirziyoyev called on Afghanistan to ensure the security of the border.", None,
     {("UZB", "AFG", "REQUEST", A)}, set()),
    ("Kyrgyzstan demands an apology from Tajikistan.", None,
     {("KGZ", "TJK", "REQUEST", A)}, set()),
    ("Russia asked Kazakhstan to extradite the former official.", None,
     {("RUS", "KAZ", "REQUEST", A)}, set()),
    ("We urge the Russian Federation and Ukraine to resume negotiations.", "KAZ",
     {("KAZ", "RUS", "REQUEST", A), ("KAZ", "UKR", "REQUEST", A)},
     {("RUS", "UKR", "CONSULT", A), ("UKR", "RUS", "CONSULT", A)}),
    ("My Government calls on Tajikistan to return to the negotiating table.", "KGZ",
     {("KGZ", "TJK", "REQUEST", A)}, set()),
    ("We demand that Tajikistan compensate the damage caused to our citizens.", "KGZ",
     {("KGZ", "TJK", "REQUEST", A)}, {("TJK", "KGZ", "ACCUSE", A)}),
    ("My country has repeatedly appealed to the United Nations for assistance in demining.",
     "TJK", {("TJK", "UN", "REQUEST", A)}, set()),
    # --- ACCUSE (11 disapprove, 114 complain officially)
    ("Kyrgyzstan accused Tajikistan of violating the ceasefire.", None,
     {("KGZ", "TJK", "ACCUSE", A)}, set()),
    ("Tajikistan was accused by Kyrgyzstan of violating the ceasefire.", None,
     {("KGZ", "TJK", "ACCUSE", A)}, {("TJK", "KGZ", "ACCUSE", A)}),
    ("Bishkek accused Dushanbe of preparing an aggression.", None,
     {("KGZ", "TJK", "ACCUSE", A)}, set()),
    ("The Tajik Foreign Ministry accused the Kyrgyz side of violating the ceasefire.", None,
     {("TJK", "KGZ", "ACCUSE", A)}, set()),
    ("Russia criticized the United States for its sanctions policy.", None,
     {("RUS", "USA", "ACCUSE", A)}, {("RUS", "USA", "SUPPORT", A)}),
    ("The European Union criticized Turkmenistan for its human rights record.", None,
     {("EU", "TKM", "ACCUSE", A)}, set()),
    ("Kyrgyz Foreign Minister Jeenbek Kulubaev criticized the Tajik side for the escalation.",
     None, {("KGZ", "TJK", "ACCUSE", A)}, set()),
    ("Zakharova criticized the decision of Kazakhstan to close the Russian cultural centre.",
     None, {("RUS", "KAZ", "ACCUSE", A)}, set()),
    ("Uzbekistan protested to Kazakhstan over the detention of its citizens.", None,
     {("UZB", "KAZ", "ACCUSE", A)}, {("UZB", "KAZ", "SUPPORT", A)}),
    ("Zakharova: Russia protests to Kazakhstan over the detention of a Russian journalist.",
     None, {("RUS", "KAZ", "ACCUSE", A)}, {("RUS", "KAZ", "SUPPORT", A)}),
    ("The Kyrgyz Foreign Ministry expressed a strong protest to the Tajik side.", None,
     {("KGZ", "TJK", "ACCUSE", A)}, {("KGZ", "TJK", "PROTEST", A)}),
    ("Kyrgyzstan sent a note of protest to Tajikistan.", None,
     {("KGZ", "TJK", "ACCUSE", A)}, set()),
    ("Astana hands a protest note to the Russian ambassador.", None,
     {("KAZ", "RUS", "ACCUSE", A)}, set()),
    # an ambassador summoned to complain is ACCUSE, not CONSULT (guide section 3)
    ("The Foreign Ministry of Kyrgyzstan summoned the Ambassador of Tajikistan to protest the "
     "shelling.", None, {("KGZ", "TJK", "ACCUSE", A)}, {("KGZ", "TJK", "CONSULT", A)}),
    ("Kazakhstan summoned the Russian ambassador over remarks by a Russian lawmaker.", None,
     {("KAZ", "RUS", "ACCUSE", A)}, {("KAZ", "RUS", "CONSULT", A)}),
    ("Moscow summoned the Kyrgyz ambassador.", None,
     {("RUS", "KGZ", "ACCUSE", A)}, {("RUS", "KGZ", "CONSULT", A)}),
    ("Peskov called the statement of the Kyrgyz deputy a provocation.", None,
     {("RUS", "KGZ", "ACCUSE", A)}, set()),
    _xfail("'unfriendly' ends in -ly, which the naming-statement check does not take for a "
           "complement (adverbs end so too); the telephone-call reading wins",
           "Peskov called the new US sanctions against Kyrgyz banks unfriendly.", None,
           {("RUS", "USA", "ACCUSE", A)}, {("RUS", "USA", "CONSULT", A)}),
    ("My Government condemns the annexation of Crimea by Russia.", "KAZ",
     {("KAZ", "RUS", "ACCUSE", A)}, set()),
    ("We strongly condemn the aggression of Tajikistan against our country.", "KGZ",
     {("KGZ", "TJK", "ACCUSE", A)}, set()),
    _xfail("the victim's nationality ('the Russian embassy') is taken for the target of the "
           "condemnation", "Zakharova: Moscow condemns the attack on the Russian embassy in "
           "Bishkek.", None, set(), {("RUS", "RUS", "ACCUSE", A), ("RUS", "KGZ", "ACCUSE", A)}),
    # --- REJECT (12)
    ("Tajikistan rejected the claims of Kyrgyzstan as groundless.", None,
     {("TJK", "KGZ", "REJECT", A)}, set()),
    ("Dushanbe rejects Bishkek's accusations.", None, {("TJK", "KGZ", "REJECT", A)}, set()),
    ("The Kremlin rejected the criticism from Tashkent.", None,
     {("RUS", "UZB", "REJECT", A)}, set()),
    ("Turkmenistan declined the invitation to join the CSTO.", None,
     {("TKM", "CSTO", "REJECT", A)}, set()),
    ("Uzbekistan rejected the proposal of Russia to create a gas union.", None,
     {("UZB", "RUS", "REJECT", A)}, set()),
    ("The CSTO refused to send peacekeepers to Kyrgyzstan in 2010.", None,
     {("CSTO", "KGZ", "REJECT", A)}, {("CSTO", "KGZ", "AID", A)}),
    ("Kyrgyzstan's request for military assistance was rejected by the CSTO.", None,
     {("CSTO", "KGZ", "REJECT", A)}, set()),
    ("Tajikistan has once again rejected our proposal to hold talks.", "KGZ",
     {("TJK", "KGZ", "REJECT", A)}, set()),
    # --- SANCTION (16) and trade restrictions
    ("Russia expelled two Kazakh diplomats.", None, {("RUS", "KAZ", "SANCTION", A)}, set()),
    ("Kazakhstan expelled a Ukrainian diplomat.", None, {("KAZ", "UKR", "SANCTION", A)}, set()),
    ("Astana expelled the Russian military attache.", None,
     {("KAZ", "RUS", "SANCTION", A)}, {("KAZ", "RUS", "COERCE", A)}),
    ("Kazakhstan recalled its ambassador from Kyiv for consultations.", None,
     {("KAZ", "UKR", "SANCTION", A)}, set()),
    ("Russia banned imports of Kyrgyz dairy products.", None,
     {("RUS", "KGZ", "SANCTION", A)}, set()),
    ("Russia suspended imports of Kazakh wheat.", None, {("RUS", "KAZ", "SANCTION", A)}, set()),
    ("Kazakhstan has halted exports of grain to Kyrgyzstan.", None,
     {("KAZ", "KGZ", "SANCTION", A)}, set()),
    ("Kazakhstan suspended the export of fuel to Kyrgyzstan and Tajikistan.", None,
     {("KAZ", "KGZ", "SANCTION", A), ("KAZ", "TJK", "SANCTION", A)}, set()),
    ("Russia imposed restrictions on imports of Uzbek fruit.", None,
     {("RUS", "UZB", "SANCTION", A)}, {("RUS", "UZB", "COERCE", A)}),
    ("Kyrgyzstan closed its border with Kazakhstan to trucks.", None,
     {("KGZ", "KAZ", "SANCTION", A)}, {("KGZ", "KAZ", "COERCE", A)}),
    ("The United States imposed sanctions on Kyrgyz companies.", None,
     {("USA", "KGZ", "SANCTION", A)}, set()),
    ("Sanctions were imposed on Kyrgyz banks by the United States Treasury.", None,
     {("USA", "KGZ", "SANCTION", A)}, set()),
    ("The United Kingdom imposed sanctions on two Kyrgyz companies over exports to Russia.",
     None, {("GBR", "KGZ", "SANCTION", A)}, set()),
    ("Uzbekistan suspended its membership in the CSTO.", None,
     {("UZB", "CSTO", "SANCTION", A)}, set()),
    ("Tajikistan cancelled the visit of the Kyrgyz delegation.", None,
     {("TJK", "KGZ", "SANCTION", A)}, set()),
    ("Kyrgyzstan halted talks with Tajikistan on the border.", None,
     {("KGZ", "TJK", "SANCTION", A)}, set()),
    ("Turkmenistan cut off gas supplies to Iran.", None, {("TKM", "IRN", "SANCTION", A)}, set()),
    ("Russia reduced gas deliveries to Uzbekistan.", None,
     {("RUS", "UZB", "SANCTION", A)}, set()),
    ("Kazakhstan did not impose sanctions on Russia.", None,
     {("KAZ", "RUS", "SANCTION", "negated")}, {("KAZ", "RUS", "SANCTION", A)}),
    ("Analysts say Russia may reduce its gas deliveries to Uzbekistan.", None,
     {("RUS", "UZB", "SANCTION", "hypothetical")}, {("RUS", "UZB", "SANCTION", A)}),
    ("Kyrgyzstan has reportedly expelled a Chinese journalist.", None, set(),
     {("KGZ", "CHN", "SANCTION", A), ("KGZ", "CHN", "COERCE", A)}),
]  # fmt: skip


NO_EVENT = [
    # framing, statistics, comments, venues, noun phrases, vague recipients
    ("Russia remains the largest provider of humanitarian aid to Kyrgyzstan.", None),
    ("Russia is Kyrgyzstan's main creditor.", None),
    ("The sanctions remain a major burden for the economies of the region.", None),
    ("If the West imposes new sanctions, Kazakhstan could suffer.", None),
    ("The Uzbek Foreign Ministry expressed concern over the shelling.", None),
    ("Kazakhstan condemned the terrorist attack in Moscow.", None),
    ("The CSTO summit was held in Yerevan.", None),
    ("We call on all parties to the conflict to cease hostilities.", "TJK"),
    ("My Government urges the international community to increase humanitarian assistance to "
     "Afghanistan.", "KGZ"),
    ("The expulsion of the Kazakh diplomats will harm relations, the expert said.", None),
    # a denial is CAMEO 016 (a comment); what it denies is not asserted
    ("The Kazakh Foreign Ministry denied the reports that Kazakhstan would send troops to "
     "Ukraine.", None),
    ("Tajikistan denied that its troops had shelled Kyrgyz villages.", None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "speaker", "present", "absent"), CASES)
def test_battery_verbal_conflict(
    coder: Coder, text: str, speaker: str | None, present: set[Key], absent: set[Key]
) -> None:
    got = _events(coder, text, speaker)
    assert present <= got, f"missing {present - got}; coded {got}"
    assert not (absent & got), f"coded {absent & got}"


@pytest.mark.parametrize(("text", "speaker"), NO_EVENT)
def test_battery_verbal_conflict_no_event(coder: Coder, text: str, speaker: str | None) -> None:
    assert not _dyads(_events(coder, text, speaker))
