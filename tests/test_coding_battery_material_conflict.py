"""Battery (issue 14): threats, force posture, coercion and violence in the region's prose.

CAMEO roots 13 (THREATEN), 15 (EXHIBIT FORCE POSTURE: MOBILIZE), 17 (COERCE), 18-20 (ASSAULT,
FIGHT, mass violence) as they are written in the region's diplomatic news, in UN General Debate
speeches (a speaker: "we", "our country", "our cities" are the speaking state) and in Russian
headlines in English translation ("Kyrgyzstan: ..."). Expected codings follow the annotation
guide (docs/prose_annotation_guide.md): one event per dyad as (source, target, PLOVER,
modality); officials, police, troops and citizens take their state's code; a conditional threat
of one's own force is THREATEN asserted; what the text only supposes is hypothetical, what it
announces future, what it keeps distance from reported, what it denies negated - never
asserted. A mutual act (a clash, an exchange of fire) matches either direction. Sentences are
written for this test in our own wording, not copied from any article or the gold set.
"""

from __future__ import annotations

import pytest

from steppe.coding import Coder
from tests.coding_events import Event
from tests.coding_events import events as _events

Key = Event


def _scored(events: set[Key]) -> set[Key]:
    """What the prose evaluation scores: events with both sides and a PLOVER category."""
    return {e for e in events if e[0] and e[1] and e[2]}


def _mutual(a: str, b: str, plover: str, modality: str = "asserted") -> Key:
    """A mutual act of ``a`` and ``b``: matched in either direction (see `_has`)."""
    return ("~" + a, b, plover, modality)


def _has(events: set[Key], key: Key) -> bool:
    if key[0].startswith("~"):
        a, b = key[0][1:], key[1]
        return (a, b, *key[2:]) in events or (b, a, *key[2:]) in events
    return key in events


def x(sentence: str, speaker: str | None, present: set[Key], absent: set[Key], why: str) -> object:
    """A case the coder does not get right and no general fix reaches yet."""
    return pytest.param(
        sentence,
        speaker,
        present,
        absent,
        marks=pytest.mark.xfail(reason=why, strict=True),
        id=sentence[:60],
    )


A, N, H, F, R = "asserted", "negated", "hypothetical", "future", "reported"

# (sentence, speaker, events that must be stored, events that must not be)
THREATS = [
    # 130 "Threaten, not specified below" / 1312 "Threaten to boycott, embargo, or sanction"
    (
        "Moscow threatened Bishkek with a ban on Kyrgyz agricultural imports.",
        None,
        {("RUS", "KGZ", "THREATEN", A)},
        set(),
    ),
    (
        "Azerbaijani President Ilham Aliyev threatened Armenia with a new military operation.",
        None,
        {("AZE", "ARM", "THREATEN", A)},
        {("AZE", "ARM", "ASSAULT", A)},
    ),
    # passive with "by"
    (
        "Kyrgyzstan was threatened with sanctions by the United States.",
        None,
        {("USA", "KGZ", "THREATEN", A)},
        {("KGZ", "USA", "THREATEN", A)},
    ),
    # headline style, present tense
    (
        "Moscow threatens Dushanbe with restrictions on migrants",
        None,
        {("RUS", "TJK", "THREATEN", A)},
        set(),
    ),
    # 130 warnings "against" an act of the addressee
    (
        "Azerbaijan warned Armenia against provocations on the border.",
        None,
        {("AZE", "ARM", "THREATEN", A)},
        set(),
    ),
    (
        "Russia warned Kazakhstan against joining the Western sanctions.",
        None,
        {("RUS", "KAZ", "THREATEN", A)},
        set(),
    ),
    (
        "Zakharova warned Yerevan against rapprochement with NATO",
        None,
        {("RUS", "ARM", "THREATEN", A)},
        set(),
    ),
    (
        "Iran warned Azerbaijan that it would not tolerate changes to the borders in the region.",
        None,
        {("IRN", "AZE", "THREATEN", A)},
        set(),
    ),
    (
        "The Russian Foreign Ministry warned Kazakhstan that it would respond to any "
        "discrimination against Russian speakers.",
        None,
        {("RUS", "KAZ", "THREATEN", A)},
        set(),
    ),
    # 139 "Give ultimatum"
    (
        "Baku issued an ultimatum to Yerevan over the withdrawal of troops.",
        None,
        {("AZE", "ARM", "THREATEN", A)},
        set(),
    ),
    (
        "Azerbaijan gave Armenia an ultimatum to withdraw its forces from Karabakh.",
        None,
        {("AZE", "ARM", "THREATEN", A)},
        {("ARM", "AZE", "RETREAT", A)},
    ),
    # the threatened act is the threat's content, not an act that took place
    (
        "The Kremlin threatened to expel Tajik migrants who fail the language exam.",
        None,
        {("RUS", "TJK", "THREATEN", A)},
        {("RUS", "TJK", "COERCE", A)},
    ),
    (
        "Moscow threatened to cut gas supplies to Kyiv.",
        None,
        {("RUS", "UKR", "THREATEN", A)},
        {("RUS", "UKR", "SANCTION", A)},
    ),
    # a warning stating its condition is a threat, asserted (the guide, section 3)
    (
        "Lavrov warned Baku of consequences if it continues to obstruct the corridor.",
        None,
        {("RUS", "AZE", "THREATEN", A)},
        {("RUS", "AZE", "THREATEN", H)},
    ),
    (
        "We will be forced to take retaliatory measures against Armenia if the occupation "
        "continues.",
        "AZE",
        {("AZE", "ARM", "THREATEN", A)},
        {("AZE", "ARM", "THREATEN", H)},
    ),
    (
        # the threatened side is named only in the condition ('if Armenia continues')
        "If Armenia continues its provocations, Azerbaijan will be compelled to respond with "
        "force.",
        None,
        {("AZE", "ARM", "THREATEN", A)},
        set(),
    ),
    (
        "Azerbaijan continues to threaten Armenia with the use of force.",
        "ARM",
        {("AZE", "ARM", "THREATEN", A)},
        set(),
    ),
    ("Baku threatened Yerevan with a new war", None, {("AZE", "ARM", "THREATEN", A)}, set()),
    (
        "Russia threatened to retaliate against Kazakhstan.",
        None,
        {("RUS", "KAZ", "THREATEN", A)},
        {("RUS", "KAZ", "ASSAULT", A)},
    ),
    (
        "Kyrgyzstan threatened to close the border with Kazakhstan if the trucks were not let "
        "through.",
        None,
        {("KGZ", "KAZ", "THREATEN", A)},
        {("KGZ", "KAZ", "COERCE", A), ("KGZ", "KAZ", "THREATEN", H)},
    ),
    # negated and hypothetical threats
    (
        "Tajikistan did not threaten Kyrgyzstan.",
        None,
        {("TJK", "KGZ", "THREATEN", N)},
        {("TJK", "KGZ", "THREATEN", A)},
    ),
    (
        "Analysts say Moscow might threaten Astana with trade restrictions.",
        None,
        {("RUS", "KAZ", "THREATEN", H)},
        {("RUS", "KAZ", "THREATEN", A)},
    ),
]

FORCE_POSTURE = [
    # 154 "Mobilize or increase armed forces"
    (
        "Armenia mobilized its reservists against Azerbaijan.",
        None,
        {("ARM", "AZE", "MOBILIZE", A)},
        set(),
    ),
    (
        "Tajikistan massed troops and heavy weapons on the border with Kyrgyzstan.",
        None,
        {("TJK", "KGZ", "MOBILIZE", A)},
        {("TJK", "KGZ", "ASSAULT", A)},
    ),
    # 152 "Increase military alert status" with no other party: no dyad
    ("Kazakhstan put its troops on high alert.", None, set(), set()),
]

COERCION = [
    # 174 "Expel or deport individuals"
    (
        "Russian authorities deported 450 citizens of Tajikistan last month.",
        None,
        {("RUS", "TJK", "COERCE", A)},
        set(),
    ),
    ("Russia deported dozens of Uzbek migrants.", None, {("RUS", "UZB", "COERCE", A)}, set()),
    (
        "Uzbekistan deported Russian citizens who evaded mobilization.",
        None,
        {("UZB", "RUS", "COERCE", A)},
        set(),
    ),
    (
        "Russian authorities expelled a Kazakh journalist.",
        None,
        {("RUS", "KAZ", "COERCE", A)},
        set(),
    ),
    # 173 "Arrest, detain, or charge with legal action"
    (
        "Police in Moscow detained a citizen of Kyrgyzstan.",
        None,
        {("RUS", "KGZ", "COERCE", A)},
        set(),
    ),
    (
        "Kyrgyz citizens were detained by Russian police in Yekaterinburg.",
        None,
        {("RUS", "KGZ", "COERCE", A)},
        {("KGZ", "RUS", "COERCE", A)},
    ),
    (
        "Migrants from Tajikistan were detained in a raid by Russian police.",
        None,
        {("RUS", "TJK", "COERCE", A)},
        set(),
    ),
    (
        "Tajik authorities arrested a Russian citizen in Dushanbe.",
        None,
        {("TJK", "RUS", "COERCE", A)},
        set(),
    ),
    (
        "Uzbekistan has detained a Russian blogger for insulting the president.",
        None,
        {("UZB", "RUS", "COERCE", A)},
        set(),
    ),
    (
        "Russian security forces detained a group of Tajik nationals suspected of the attack.",
        None,
        {("RUS", "TJK", "COERCE", A)},
        {("RUS", "TJK", "ASSAULT", A), ("TJK", "RUS", "ASSAULT", A)},
    ),
    (
        "A court in Moscow sentenced a citizen of Uzbekistan to ten years in prison.",
        None,
        {("RUS", "UZB", "COERCE", A)},
        set(),
    ),
    (
        "Azerbaijan detained Armenian civilians at the checkpoint.",
        "ARM",
        {("AZE", "ARM", "COERCE", A)},
        set(),
    ),
    (
        "The Ministry of Internal Affairs of Russia deported more than 200 natives of Tajikistan",
        None,
        {("RUS", "TJK", "COERCE", A)},
        set(),
    ),
    (
        "Kyrgyz border guards detained two citizens of Tajikistan for illegal border crossing",
        None,
        {("KGZ", "TJK", "COERCE", A)},
        set(),
    ),
    # the FSB (registry alias: Russia's Federal Security Service)
    (
        "The FSB detained a citizen of Kyrgyzstan who was preparing a terrorist attack in Moscow",
        None,
        {("RUS", "KGZ", "COERCE", A)},
        {("KGZ", "RUS", "ASSAULT", A)},
    ),
    ("Russia's FSB arrested two Tajik nationals.", None, {("RUS", "TJK", "COERCE", A)}, set()),
    (
        "Tajikistan expelled a correspondent of Russian television.",
        None,
        {("TJK", "RUS", "COERCE", A)},
        set(),
    ),
    # 1711 "Confiscate property": passports of migrants
    (
        "Russian police confiscated the passports of Uzbek workers.",
        None,
        {("RUS", "UZB", "COERCE", A)},
        set(),
    ),
    (
        "Russian Interior Ministry officers seized passports of migrants from Kyrgyzstan.",
        None,
        {("RUS", "KGZ", "COERCE", A)},
        set(),
    ),
    # 172 "Impose administrative sanctions": entry bans, refusals of entry, border closures
    ("Russia banned entry to 20 Tajik migrants.", None, {("RUS", "TJK", "COERCE", A)}, set()),
    (
        "Russia has banned entry for 12,000 citizens of Kyrgyzstan.",
        None,
        {("RUS", "KGZ", "COERCE", A)},
        set(),
    ),
    (
        "The Russian border guards denied entry to citizens of Tajikistan.",
        None,
        {("RUS", "TJK", "COERCE", A)},
        {("RUS", "TJK", "PROTEST", A)},
    ),
    (
        "Russian border guards turned back hundreds of Kyrgyz migrants at the border.",
        None,
        {("RUS", "KGZ", "COERCE", A)},
        {("RUS", "KGZ", "SUPPORT", A)},
    ),
    (
        "Russia imposed an entry ban on the Kyrgyz journalist.",
        None,
        {("RUS", "KGZ", "COERCE", A)},
        set(),
    ),
    (
        "Kazakhstan has banned the entry of Russian propagandists.",
        None,
        {("KAZ", "RUS", "COERCE", A)},
        set(),
    ),
    (
        "Uzbekistan closed its border with Tajikistan.",
        None,
        {("UZB", "TJK", "COERCE", A)},
        set(),
    ),
    ("Uzbekistan closes border with Afghanistan", None, {("UZB", "AFG", "COERCE", A)}, set()),
    (
        "Turkmenistan closed its border with Iran because of the pandemic.",
        None,
        {("TKM", "IRN", "COERCE", A)},
        set(),
    ),
    (
        "The border with Tajikistan was closed by Uzbekistan.",
        None,
        {("UZB", "TJK", "COERCE", A)},
        {("TJK", "UZB", "COERCE", A)},
    ),
    # 192 "Occupy territory" (the 2021 CAMEO -> PLOVER table: COERCE)
    (
        "Armenia occupied the territories of Azerbaijan for almost thirty years.",
        None,
        {("ARM", "AZE", "COERCE", A)},
        set(),
    ),
    (
        "For almost thirty years Armenia occupied our territories.",
        "AZE",
        {("ARM", "AZE", "COERCE", A)},
        set(),
    ),
    (
        "Russian troops have occupied Ukrainian territory since 2014.",
        None,
        {("RUS", "UKR", "COERCE", A)},
        set(),
    ),
    ("Russia invaded Ukraine in February 2022.", None, {("RUS", "UKR", "COERCE", A)}, set()),
    # modality of coercion
    (
        "Russia reportedly detained several citizens of Uzbekistan in Moscow.",
        None,
        {("RUS", "UZB", "COERCE", R)},
        {("RUS", "UZB", "COERCE", A)},
    ),
    (
        "Russia might deport thousands of Tajik migrants next year.",
        None,
        {("RUS", "TJK", "COERCE", H)},
        {("RUS", "TJK", "COERCE", A)},
    ),
    x(
        "Russia will deport the detained Uzbek migrants next week.",
        None,
        {("RUS", "UZB", "COERCE", F)},
        {("RUS", "UZB", "COERCE", A), ("RUS", "UZB", "THREATEN", F)},
        "the guide (section 3) keeps a future non-cooperative act in its category with "
        "modality future; the coder stores the 2016 manual's THREATEN for it, and "
        "tests/test_coding_onepath.py pins that the stored category is the 2016 one ('said it "
        "would blockade the border': THREATEN) - a decision for the lead, not a battery fix",
    ),
    # what must hold either way: an announced deportation is not stored as one that happened
    (
        "Russia will deport the detained Uzbek migrants next week.",
        None,
        set(),
        {("RUS", "UZB", "COERCE", A), ("RUS", "UZB", "THREATEN", A)},
    ),
    (
        "Kyrgyzstan may close its border with Kazakhstan if the trade dispute continues.",
        None,
        {("KGZ", "KAZ", "COERCE", H)},
        {("KGZ", "KAZ", "COERCE", A), ("KGZ", "KAZ", "THREATEN", A)},
    ),
    (
        "Uzbekistan will not close its border with Tajikistan, the ministry said.",
        None,
        set(),
        {("UZB", "TJK", "COERCE", A), ("UZB", "TJK", "THREATEN", A)},
    ),
    (
        "Russian police did not detain the Kyrgyz activists.",
        None,
        {("RUS", "KGZ", "COERCE", N)},
        {("RUS", "KGZ", "COERCE", A)},
    ),
    (
        "Russia was reported to have deported dozens of Uzbek migrants.",
        None,
        {("RUS", "UZB", "COERCE", R)},
        {("RUS", "UZB", "COERCE", A)},
    ),
    (
        "Kazakhstan did not deport the Russians who fled mobilization.",
        None,
        {("KAZ", "RUS", "COERCE", N)},
        {("KAZ", "RUS", "COERCE", A)},
    ),
    # a refusal to coerce is REJECT, not the coercion
    (
        "Kazakhstan refused to extradite Russians who fled mobilization.",
        None,
        {("KAZ", "RUS", "REJECT", A)},
        {("KAZ", "RUS", "COERCE", A)},
    ),
    # headline: the state before the colon is where the deportation happened (its agent)
    x(
        "Russia: 300 citizens of Tajikistan deported in a month",
        None,
        {("RUS", "TJK", "COERCE", A)},
        set(),
        "a headline's leading 'Russia:' is read as a topic, not as the place of an agentless "
        "deportation; the legal-passive rule looks only for 'in'/'from' phrases",
    ),
]

VIOLENCE = [
    # 190 "Use conventional military force" / 194 artillery / 195 aerial weapons
    ("Tajik forces shelled Kyrgyz villages.", None, {("TJK", "KGZ", "ASSAULT", A)}, set()),
    (
        "Azerbaijani troops attacked Armenian positions.",
        None,
        {("AZE", "ARM", "ASSAULT", A)},
        set(),
    ),
    (
        "Armenian armed forces fired on Azerbaijani positions in the Tovuz district.",
        None,
        {("ARM", "AZE", "ASSAULT", A)},
        set(),
    ),
    (
        "Azerbaijan launched a military offensive against Armenia.",
        None,
        {("AZE", "ARM", "ASSAULT", A)},
        set(),
    ),
    (
        "The Armed Forces of Azerbaijan shelled the positions of the Armenian army",
        None,
        {("AZE", "ARM", "ASSAULT", A)},
        set(),
    ),
    (
        "Azerbaijani troops killed three Armenian soldiers.",
        None,
        {("AZE", "ARM", "ASSAULT", A)},
        set(),
    ),
    (
        "Armenian soldiers were killed by Azerbaijani fire.",
        None,
        {("AZE", "ARM", "ASSAULT", A)},
        {("ARM", "AZE", "ASSAULT", A)},
    ),
    ("Russian drones attacked Kyiv overnight.", None, {("RUS", "UKR", "ASSAULT", A)}, set()),
    (
        "Russia launched missile strikes on Ukraine.",
        None,
        {("RUS", "UKR", "ASSAULT", A)},
        {("RUS", "UKR", "PROTEST", A)},
    ),
    (
        "Russian forces attacked Ukrainian cities with drones.",
        None,
        {("RUS", "UKR", "ASSAULT", A)},
        set(),
    ),
    (
        "Ukraine struck Russian airfields with drones.",
        None,
        {("UKR", "RUS", "ASSAULT", A)},
        set(),
    ),
    (
        "Azerbaijan shot down an Armenian drone over Nakhchivan.",
        None,
        {("AZE", "ARM", "ASSAULT", A)},
        set(),
    ),
    (
        "Tajik military opened fire on Kyrgyz border guards.",
        None,
        {("TJK", "KGZ", "ASSAULT", A)},
        {("TJK", "KGZ", "SUPPORT", A)},
    ),
    (
        "Kyrgyzstan: Tajik military opened fire on Kyrgyz border guards",
        None,
        {("TJK", "KGZ", "ASSAULT", A)},
        {("TJK", "KGZ", "SUPPORT", A)},
    ),
    # a clash is mutual: one event, either direction
    (
        "Kyrgyz and Tajik border guards clashed near the village of Kok-Tash.",
        None,
        {_mutual("KGZ", "TJK", "ASSAULT")},
        set(),
    ),
    (
        "Tajikistan and Kyrgyzstan exchanged fire on the border.",
        None,
        {_mutual("TJK", "KGZ", "ASSAULT")},
        set(),
    ),
    # headline style: the clash as the subject noun
    (
        "Clashes broke out between Kyrgyz and Tajik border guards.",
        None,
        {_mutual("KGZ", "TJK", "ASSAULT")},
        set(),
    ),
    # 180 "Use unconventional violence": terrorist attacks
    (
        "Armenia committed terrorist attacks against Azerbaijani civilians.",
        "AZE",
        {("ARM", "AZE", "ASSAULT", A)},
        set(),
    ),
    # speeches: "our country", "our villages", "our cities" are the speaking state
    (
        "Tajikistan attacked our country in September 2022.",
        "KGZ",
        {("TJK", "KGZ", "ASSAULT", A)},
        set(),
    ),
    (
        "Our villages were shelled by the Tajik military.",
        "KGZ",
        {("TJK", "KGZ", "ASSAULT", A)},
        set(),
    ),
    ("Russia attacked our country in February 2022.", "UKR", {("RUS", "UKR", "ASSAULT", A)}, set()),
    (
        "Armenian forces shelled our cities with ballistic missiles.",
        "AZE",
        {("ARM", "AZE", "ASSAULT", A)},
        set(),
    ),
    (
        "Armenia planted thousands of mines on our lands.",
        "AZE",
        {("ARM", "AZE", "ASSAULT", A)},
        set(),
    ),
    x(
        "Azerbaijan attacked the sovereign territory of Armenia in September 2022.",
        "ARM",
        {("AZE", "ARM", "ASSAULT", A)},
        set(),
        "Phoenix.agents.txt lists SOVEREIGN as a head of state (~GOV): the adjective in 'the "
        "sovereign territory of Armenia' becomes an uncoded agent taken as the target; the "
        "agent dictionary has no way to withdraw an entry",
    ),
    (
        "Azerbaijan attacked the territory of Armenia in September 2022.",
        "ARM",
        {("AZE", "ARM", "ASSAULT", A)},
        set(),
    ),
    # modality of violence
    (
        "According to unconfirmed reports, Tajik troops shelled a Kyrgyz border post.",
        None,
        {("TJK", "KGZ", "ASSAULT", R)},
        {("TJK", "KGZ", "ASSAULT", A)},
    ),
    (
        "Tajik troops are said to have shelled Kyrgyz positions.",
        None,
        {("TJK", "KGZ", "ASSAULT", R)},
        {("TJK", "KGZ", "ASSAULT", A)},
    ),
    (
        "Tajik troops are believed to have shelled Kyrgyz positions.",
        None,
        {("TJK", "KGZ", "ASSAULT", R)},
        {("TJK", "KGZ", "ASSAULT", A)},
    ),
    (
        "The Tajik side opened fire on our border guards.",
        "KGZ",
        {("TJK", "KGZ", "ASSAULT", A)},
        set(),
    ),
    (
        "Kyrgyz border guards allegedly opened fire on Tajik citizens.",
        None,
        {("KGZ", "TJK", "ASSAULT", R)},
        {("KGZ", "TJK", "ASSAULT", A)},
    ),
    (
        "Russia could strike Ukrainian energy facilities again this winter.",
        None,
        {("RUS", "UKR", "ASSAULT", H)},
        {("RUS", "UKR", "ASSAULT", A)},
    ),
    # an accusation of shelling: the accusation is the act, the shelling a claim
    (
        "Armenia accused Azerbaijan of shelling its villages.",
        None,
        {("ARM", "AZE", "ACCUSE", A)},
        {("AZE", "ARM", "ASSAULT", A)},
    ),
    (
        "Tajikistan accused Kyrgyzstan of shelling the village of Vorukh",
        None,
        {("TJK", "KGZ", "ACCUSE", A)},
        {("KGZ", "TJK", "ASSAULT", A)},
    ),
    (
        "Kyrgyzstan accused Tajikistan of attacking its border villages.",
        None,
        {("KGZ", "TJK", "ACCUSE", A)},
        {("TJK", "KGZ", "ASSAULT", A)},
    ),
]

NO_EVENT = [
    # vague source ("terrorists" without a country): no dyad
    ("Terrorists attacked a concert hall near Moscow.", None, set(), set()),
    # a warning of a danger is a comment (CAMEO 012), not a threat
    ("Moscow warned of a growing terrorist threat in Central Asia.", None, set(), set()),
    # framing and background: conflict named only as a noun phrase
    (
        "The shelling of Kyrgyz villages by Tajik forces in 2022 remains a source of tension.",
        None,
        set(),
        set(),
    ),
    (
        "The war in Ukraine has changed the security situation in Central Asia.",
        None,
        set(),
        set(),
    ),
    # concern is a comment (CAMEO 012)
    (
        "Tokayev expressed concern over the clashes on the Kyrgyz-Tajik border.",
        None,
        set(),
        set(),
    ),
    # a negated attack with no named target
    ("Our country has never attacked its neighbours.", "AZE", set(), set()),
    # a blockade of a place that is no actor
    ("Azerbaijan blocked the Lachin corridor.", None, set(), set()),
]

CASES = THREATS + FORCE_POSTURE + COERCION + VIOLENCE + NO_EVENT


def _id(case: object) -> str | None:
    return case[0][:60] if isinstance(case, tuple) else None


@pytest.mark.parametrize(("sentence", "speaker", "present", "absent"), CASES, ids=_id)
def test_material_conflict_battery(
    coder: Coder, sentence: str, speaker: str | None, present: set[Key], absent: set[Key]
) -> None:
    got = _events(coder, sentence, speaker)
    missing = {k for k in present if not _has(got, k)}
    assert not missing, f"missing {sorted(missing)}; coded {sorted(got)}"
    wrong = {k for k in absent if _has(got, k)}
    assert not wrong, f"must not code {sorted(wrong)}; coded {sorted(got)}"
    if not present and not absent:
        assert not _scored(got), f"no event expected; coded {sorted(_scored(got))}"


def test_battery_size() -> None:
    assert len(CASES) >= 60
