"""Battery (issue 14): CAMEO roots 03-06 (PLOVER AGREE, CONSULT, SUPPORT, COOPERATE) in the
region's diplomacy. Each sentence is written for this test in the wording of Central Asian,
Russian, Chinese, Turkish and EU diplomatic news, UN General Debate speeches (with a speaker) and
machine-translated Russian headlines; it is not copied from an article or the gold set. Expected
codings follow docs/prose_annotation_guide.md: one event per dyad, a meeting without host and
visitor is *mutual* (either direction), a visit is CONSULT visitor -> host, participants of a
summit or session -> the organisation, future cooperation and offers are AGREE, signing and
ratifying are SUPPORT, framing, statistics and comments give no event."""

from __future__ import annotations

import pytest

from steppe.coding import Coder
from tests.coding_events import NO_EVENT, Event, Expected, case, check
from tests.coding_events import mutual as _mutual

A, C, S, K = "AGREE", "CONSULT", "SUPPORT", "COOPERATE"
ASR = "asserted"

CASES = [
    # --- AGREE (03x): intents, offers, plans, future cooperation and meetings -----------------
    case("Turkmenistan plans to open an embassy in Uzbekistan.", None, [("TKM", "UZB", A, ASR)]),
    case(
        "Tajikistan intends to deepen cooperation with Iran in the field of energy.",
        None,
        [("TJK", "IRN", A, ASR)],
    ),
    case(
        "Tokayev: Kazakhstan is ready to expand cooperation with the European Union.",
        None,
        [("KAZ", "EU", A, ASR)],
    ),
    case(
        "Turkmenistan expressed readiness to supply gas to Uzbekistan.",
        None,
        [("TKM", "UZB", A, ASR)],
    ),
    case(
        "Kazakhstan offered Kyrgyzstan assistance in building a hydropower plant.",
        None,
        [("KAZ", "KGZ", A, ASR)],
    ),
    case(
        "Uzbekistan offered to host the next summit of the Shanghai Cooperation Organization.",
        None,
        [("UZB", "SCO", A, ASR)],
    ),
    case(
        "Kazakhstan invited Kyrgyzstan to join the project.",
        None,
        [("KAZ", "KGZ", A, ASR)],
        [("KAZ", "KGZ", C, ASR)],
    ),
    case(
        "Uzbekistan intends to sign a free trade agreement with the Eurasian Economic Union.",
        None,
        [("UZB", "EAEU", A, ASR)],
    ),
    case(
        "Uzbekistan will join the Eurasian Economic Union as an observer.",
        None,
        [("UZB", "EAEU", A, ASR)],
    ),
    case(
        "Tajikistan is going to join the Eurasian Economic Union.",
        None,
        [("TJK", "EAEU", A, ASR)],
        [("TJK", "EAEU", C, ASR)],
    ),
    case("Kazakhstan and Uzbekistan agreed to build a railway.", None, [_mutual("KAZ", "UZB", A)]),
    case(
        "Kyrgyzstan and Kazakhstan agreed to create a joint venture.",
        None,
        [_mutual("KGZ", "KAZ", A)],
    ),
    case(
        "Russia and Uzbekistan agreed to cooperate in the field of education.",
        None,
        [_mutual("RUS", "UZB", A)],
    ),
    case(
        "Japarov and Rahmon agreed to continue negotiations on the border.",
        None,
        [_mutual("KGZ", "TJK", A)],
    ),
    case(
        "Kazakhstan and China will sign an agreement on visa-free travel.",
        None,
        [_mutual("KAZ", "CHN", A)],
        [("KAZ", "CHN", S, ASR)],
    ),
    case("China will invest 2 billion dollars in Kyrgyzstan.", None, [("CHN", "KGZ", A, ASR)]),
    case(
        "Mirziyoyev will visit France next month.",
        None,
        [("UZB", "FRA", A, ASR)],
        [("UZB", "FRA", C, ASR)],
    ),
    case("Kremlin: Putin will meet Tokayev next week.", None, [_mutual("RUS", "KAZ", A)]),
    case(
        "Uzbekistan and Russia will hold joint military exercises next year.",
        None,
        [_mutual("UZB", "RUS", A)],
    ),
    case(
        "Mirziyoyev accepted the invitation of Putin to visit Moscow.",
        None,
        [("UZB", "RUS", A, ASR)],
    ),
    case(
        "Lavrov: Russia is ready to help Tajikistan strengthen the border with Afghanistan.",
        None,
        [("RUS", "TJK", A, ASR)],
    ),
    case(
        "Russia and Kazakhstan will jointly build a nuclear power plant.",
        None,
        [_mutual("RUS", "KAZ", A)],
        xfail="'build' has no cooperative code in CAMEO.2.0.txt; a joint future project "
        "needs the adverb 'jointly' read as a cooperation marker",
    ),
    case(
        "We are ready to cooperate with Tajikistan in the water sector.",
        "UZB",
        [("UZB", "TJK", A, ASR)],
    ),
    case("My country intends to open an embassy in Kyrgyzstan.", "TKM", [("TKM", "KGZ", A, ASR)]),
    # --- CONSULT (04x): meetings, talks, visits, calls, negotiations, summits ----------------
    case(
        "President Shavkat Mirziyoyev met with Chinese President Xi Jinping in Beijing.",
        None,
        [("UZB", "CHN", C, ASR)],
    ),
    case("Erdogan met with Tokayev.", None, [_mutual("TUR", "KAZ", C)]),
    case("Tokayev held telephone talks with Putin.", None, [_mutual("KAZ", "RUS", C)]),
    case(
        "Tokayev and Mirziyoyev held a telephone conversation.",
        None,
        [_mutual("KAZ", "UZB", C)],
    ),
    case("Mirziyoyev had a phone call with Erdogan.", None, [_mutual("UZB", "TUR", C)]),
    case("Lavrov held talks with his Uzbek counterpart.", None, [_mutual("RUS", "UZB", C)]),
    case(
        "The foreign ministers of Uzbekistan and Tajikistan held consultations.",
        None,
        [_mutual("UZB", "TJK", C)],
    ),
    case(
        "The Ministry of Foreign Affairs of Uzbekistan held political consultations with Pakistan.",
        None,
        [_mutual("UZB", "PAK", C)],
    ),
    case(
        "The heads of state of Kazakhstan and Turkmenistan held talks in Ashgabat.",
        None,
        [("KAZ", "TKM", C, ASR)],
    ),
    case(
        "A meeting between the foreign ministers of Kazakhstan and Russia took place in Moscow.",
        None,
        [("KAZ", "RUS", C, ASR)],
    ),
    case(
        "The Uzbek and Turkmen delegations discussed transit of goods.",
        None,
        [_mutual("UZB", "TKM", C)],
    ),
    case(
        "Kazakhstan and Russia held the first round of negotiations on a new agreement.",
        None,
        [_mutual("KAZ", "RUS", C)],
    ),
    case(
        "Tajikistan and Kyrgyzstan resumed talks on the border.", None, [_mutual("TJK", "KGZ", C)]
    ),
    case(
        "Kyrgyz President Sadyr Japarov paid a state visit to Turkey.",
        None,
        [("KGZ", "TUR", C, ASR)],
    ),
    case("Tokayev paid an official visit to Kyrgyzstan.", None, [("KAZ", "KGZ", C, ASR)]),
    case("The Turkmen Foreign Minister visited Moscow.", None, [("TKM", "RUS", C, ASR)]),
    case("The Chinese Defense Minister visited Dushanbe.", None, [("CHN", "TJK", C, ASR)]),
    case(
        "Chinese President Xi Jinping arrived in Kazakhstan on a state visit.",
        None,
        [("CHN", "KAZ", C, ASR)],
    ),
    case(
        "The Russian Foreign Minister arrived in Bishkek on an official visit.",
        None,
        [("RUS", "KGZ", C, ASR)],
        xfail="a capital after 'arrived in' is read as a venue; the venue rule makes it the "
        "host only when both sides are named",
    ),
    case("Putin received Mirziyoyev in the Kremlin.", None, [("UZB", "RUS", C, ASR)]),
    case("Rahmon received the Chinese Foreign Minister.", None, [("CHN", "TJK", C, ASR)]),
    case(
        "President Japarov received the Ambassador of Turkey.",
        None,
        [("TUR", "KGZ", C, ASR)],
    ),
    case("Rahmon took part in the CSTO summit in Minsk.", None, [("TJK", "CSTO", C, ASR)]),
    case(
        "The Kyrgyz delegation took part in the session of the Eurasian Economic Union.",
        None,
        [("KGZ", "EAEU", C, ASR)],
    ),
    case(
        "The delegation of Uzbekistan participated in the meeting of the SCO Council of Foreign "
        "Ministers.",
        None,
        [("UZB", "SCO", C, ASR)],
    ),
    case(
        "Tokayev attended the summit of the Shanghai Cooperation Organisation in Astana.",
        None,
        [("KAZ", "SCO", C, ASR)],
    ),
    case(
        "The President of Turkmenistan took part in the summit of the Commonwealth of "
        "Independent States.",
        None,
        [("TKM", "CIS", C, ASR)],
    ),
    case(
        "Mirziyoyev took part in the General Assembly of the United Nations.",
        None,
        [("UZB", "UN", C, ASR)],
    ),
    case(
        "Lavrov met with the foreign ministers of Kazakhstan, Kyrgyzstan and Tajikistan.",
        None,
        [("RUS", "KAZ", C, ASR), ("RUS", "KGZ", C, ASR), ("RUS", "TJK", C, ASR)],
    ),
    case(
        "The foreign ministers of Russia, Kazakhstan and Uzbekistan met in the Central "
        "Asia-Russia format.",
        None,
        [("RUS", "C5RU", C, ASR), ("KAZ", "C5RU", C, ASR), ("UZB", "C5RU", C, ASR)],
        xfail="a format named after 'in the ... format' is read as a venue, not the meeting's "
        "organisation",
    ),
    # --- SUPPORT (05x): praise, thanks, welcome, endorsement, signing, ratifying -------------
    case(
        "Mirziyoyev praised the contribution of Russia to the region's security.",
        None,
        [("UZB", "RUS", S, ASR)],
        [("UZB", "RUS", C, ASR)],
    ),
    case("Tokayev thanked Xi Jinping for the assistance.", None, [("KAZ", "CHN", S, ASR)]),
    case("Tokayev thanked the CSTO for its assistance.", None, [("KAZ", "CSTO", S, ASR)]),
    case(
        "Japarov expressed gratitude to Russia for humanitarian assistance.",
        None,
        [("KGZ", "RUS", S, ASR)],
        [("KGZ", "RUS", A, ASR)],
    ),
    case("Tokayev highly appreciated the support of China.", None, [("KAZ", "CHN", S, ASR)]),
    case(
        "The President of Kazakhstan highly praised the level of relations with China.",
        None,
        [("KAZ", "CHN", S, ASR)],
        [("CHN", "KAZ", S, ASR)],
    ),
    case(
        "Kazakhstan welcomed the decision of the European Union to open a regional office.",
        None,
        [("KAZ", "EU", S, ASR)],
    ),
    case(
        "The European Union welcomed the agreement between Kyrgyzstan and Tajikistan on the "
        "border.",
        None,
        [("EU", "KGZ", S, ASR), ("EU", "TJK", S, ASR)],
    ),
    case(
        "In the Kremlin, they welcomed the agreement between Kyrgyzstan and Tajikistan.",
        None,
        [("RUS", "KGZ", S, ASR), ("RUS", "TJK", S, ASR)],
        [("KGZ", "TJK", S, ASR)],
    ),
    case(
        "Russia supported Kazakhstan's bid to join the UN Security Council.",
        None,
        [("RUS", "KAZ", S, ASR)],
    ),
    case(
        "Tajikistan supported the candidacy of Kazakhstan for the UN Human Rights Council.",
        None,
        [("TJK", "KAZ", S, ASR)],
    ),
    case(
        "Mirziyoyev endorsed the proposal of Tokayev to create a water consortium.",
        None,
        [("UZB", "KAZ", S, ASR)],
    ),
    case("Tajikistan supports China's Belt and Road Initiative.", None, [("TJK", "CHN", S, ASR)]),
    case(
        "Mirziyoyev congratulated Tokayev on his re-election.",
        None,
        [("UZB", "KAZ", S, ASR)],
    ),
    case(
        "We welcome the efforts of the United Nations in Afghanistan.",
        "KAZ",
        [("KAZ", "UN", S, ASR)],
    ),
    case(
        "My country supports the initiative of Turkmenistan to hold a conference.",
        "KAZ",
        [("KAZ", "TKM", S, ASR)],
    ),
    case(
        "Kazakhstan and China signed a road map for industrial cooperation.",
        None,
        [_mutual("KAZ", "CHN", S)],
    ),
    case(
        "Turkey and Azerbaijan signed a memorandum on energy cooperation.",
        None,
        [_mutual("TUR", "AZE", S)],
    ),
    case(
        "Kazakhstan and Russia signed an intergovernmental agreement on cooperation in the "
        "field of energy.",
        None,
        [_mutual("KAZ", "RUS", S)],
    ),
    case(
        "An agreement on the demarcation of the border was signed by Kyrgyzstan and Tajikistan.",
        None,
        [_mutual("KGZ", "TJK", S)],
    ),
    case(
        "A memorandum of understanding was signed between Kazakhstan and the European Union.",
        None,
        [_mutual("KAZ", "EU", S)],
    ),
    case("Uzbekistan and Turkmenistan signed 15 documents.", None, [_mutual("UZB", "TKM", S)]),
    case(
        "Uzbekistan and China signed investment agreements worth 5 billion dollars.",
        None,
        [_mutual("UZB", "CHN", S)],
    ),
    case("Tajikistan and China signed an extradition treaty.", None, [_mutual("TJK", "CHN", S)]),
    case(
        "Kazakhstan and Uzbekistan adopted a joint statement.",
        None,
        [_mutual("KAZ", "UZB", S)],
    ),
    case(
        "A joint declaration was adopted by Kazakhstan and the European Union.",
        None,
        [_mutual("KAZ", "EU", S)],
    ),
    case(
        "Uzbekistan ratified the agreement with Kazakhstan on the demarcation of the border.",
        None,
        [("UZB", "KAZ", S, ASR)],
        [("KAZ", "UZB", S, ASR), ("KAZ", "UZB", A, ASR)],
    ),
    case(
        "The parliament of Kyrgyzstan ratified the border agreement with Tajikistan.",
        None,
        [("KGZ", "TJK", S, ASR)],
        [("TJK", "KGZ", S, ASR), ("TJK", "KGZ", A, ASR)],
    ),
    case(
        "The Senate of Kazakhstan ratified the agreement with China on visa-free travel.",
        None,
        [("KAZ", "CHN", S, ASR)],
        [("CHN", "KAZ", S, ASR)],
    ),
    # --- COOPERATE (06x): joint exercises, projects, investment, trade, judicial --------------
    case(
        "Russian and Tajik troops held joint military exercises.",
        None,
        [_mutual("RUS", "TJK", K)],
    ),
    case(
        "Kazakhstan and Kyrgyzstan conducted joint military exercises.",
        None,
        [_mutual("KAZ", "KGZ", K)],
        [("KAZ", "", "MOBILIZE", ASR)],
    ),
    case(
        "China and Tajikistan held joint counter-terrorism exercises.",
        None,
        [_mutual("CHN", "TJK", K)],
    ),
    case(
        "Kyrgyz and Tajik border guards held a joint patrol.",
        None,
        [_mutual("KGZ", "TJK", K)],
    ),
    case(
        "Kyrgyzstan and Uzbekistan launched a joint project to build a hydropower plant.",
        None,
        [_mutual("KGZ", "UZB", K)],
    ),
    case(
        "China invested 500 million dollars in Tajikistan.",
        None,
        [("CHN", "TJK", K, ASR)],
    ),
    case(
        "Kazakhstan extradited a citizen of Uzbekistan at the request of Tashkent.",
        None,
        [("KAZ", "UZB", K, ASR)],
    ),
    case(
        "Kazakhstan and Turkey signed contracts worth 1 billion dollars.",
        None,
        [_mutual("KAZ", "TUR", K)],
    ),
    case(
        "We have launched joint projects with Kazakhstan in agriculture.",
        "KGZ",
        [("KGZ", "KAZ", K, ASR)],
    ),
    # --- second round: speeches, headlines, more verbs and constructions -----------------
    case(
        "We signed an agreement with Kyrgyzstan on the state border.",
        "TJK",
        [_mutual("TJK", "KGZ", S)],
    ),
    case(
        "We thank the Government of Kazakhstan for hosting the conference.",
        "TJK",
        [("TJK", "KAZ", S, ASR)],
    ),
    case(
        "I held talks with the President of Uzbekistan last week.",
        "TJK",
        [_mutual("TJK", "UZB", C)],
    ),
    case(
        "We support the efforts of the Secretary-General to reform the Organization.",
        "TJK",
        [("TJK", "UN", S, ASR)],
    ),
    case(
        "Rahmon and Mirziyoyev signed a treaty on allied relations.",
        None,
        [_mutual("TJK", "UZB", S)],
    ),
    case(
        "Putin: Russia and Kazakhstan will continue military cooperation.",
        None,
        [_mutual("RUS", "KAZ", A)],
    ),
    case(
        "Kazakhstan and Russia agreed to hold a forum of interregional cooperation.",
        None,
        [_mutual("KAZ", "RUS", A)],
    ),
    case(
        "The Turkmen side expressed interest in expanding trade with Kazakhstan.",
        None,
        [("TKM", "KAZ", A, ASR)],
        [("TKM", "KAZ", "ACCUSE", ASR)],
    ),
    case(
        "Lavrov and Wang Yi discussed the situation in Afghanistan.",
        None,
        [_mutual("RUS", "CHN", C)],
        [("RUS", "AFG", C, ASR), ("CHN", "AFG", C, ASR)],
    ),
    case(
        "The meeting of Tokayev and Putin took place in Sochi.",
        None,
        [("KAZ", "RUS", C, ASR)],
    ),
    case(
        "Erdogan will pay an official visit to Uzbekistan in June.",
        None,
        [("TUR", "UZB", A, ASR)],
        [("TUR", "UZB", C, ASR)],
    ),
    case("The Kazakh Foreign Minister will visit Beijing.", None, [("KAZ", "CHN", A, ASR)]),
    case(
        "Japarov and Tokayev are expected to meet in Astana.",
        None,
        [_mutual("KGZ", "KAZ", A)],
        [("KGZ", "KAZ", C, ASR)],
    ),
    case(
        "Kazakhstan and the European Union signed a strategic partnership agreement.",
        None,
        [_mutual("KAZ", "EU", S)],
    ),
    case(
        "Russia and Tajikistan signed a protocol on the extension of the military base.",
        None,
        [_mutual("RUS", "TJK", S)],
    ),
    case(
        "The governments of Kyrgyzstan and Uzbekistan agreed on a water exchange.",
        None,
        [_mutual("KGZ", "UZB", A)],
    ),
    case(
        "Uzbekistan will supply electricity to Afghanistan.",
        None,
        [("UZB", "AFG", A, ASR)],
    ),
    case(
        "Turkmenistan and Afghanistan began construction of the gas pipeline.",
        None,
        [_mutual("TKM", "AFG", K)],
    ),
    case(
        "The Central Bank of Russia and the National Bank of Kazakhstan signed a memorandum.",
        None,
        [_mutual("RUS", "KAZ", S)],
    ),
    case("Kyrgyzstan received a delegation from China.", None, [("CHN", "KGZ", C, ASR)]),
    case(
        "The Chinese ambassador met with the Kyrgyz foreign minister.",
        None,
        [_mutual("CHN", "KGZ", C)],
    ),
    case(
        "Mirziyoyev hosted the President of Azerbaijan in Samarkand.",
        None,
        [("AZE", "UZB", C, ASR)],
    ),
    case(
        "Tokayev voiced support for Uzbekistan's initiative on Afghanistan.",
        None,
        [("KAZ", "UZB", S, ASR)],
    ),
    case(
        "China commended Turkmenistan's policy of neutrality.",
        None,
        [("CHN", "TKM", S, ASR)],
    ),
    case(
        "Tokayev: Kazakhstan highly values its strategic partnership with Russia.",
        None,
        [("KAZ", "RUS", S, ASR)],
    ),
    case(
        "Mirziyoyev: Uzbekistan and Kazakhstan will jointly develop the Trans-Afghan railway.",
        None,
        [_mutual("UZB", "KAZ", A)],
        xfail="'develop' has no cooperative code in CAMEO.2.0.txt; the adverb 'jointly' is not "
        "read as a cooperation marker",
    ),
    case(
        "The Uzbek President arrived in Ankara.",
        None,
        [("UZB", "TUR", C, ASR)],
        xfail="a capital after 'arrived in' is read as a venue; the venue rule makes it the "
        "host only when both sides are named",
    ),
    # guards of the rules above: received things are no guests, passives keep their sides
    case(
        "Kyrgyzstan received Russian helicopters.",
        None,
        [],
        [("RUS", "KGZ", C, ASR), ("KGZ", "RUS", C, ASR)],
    ),
    case(
        "Kazakhstan received Mirziyoyev's proposal positively.",
        None,
        [],
        [("UZB", "KAZ", C, ASR)],
    ),
    case(
        "The joint statement was adopted by Russia and China.",
        None,
        [_mutual("RUS", "CHN", S)],
    ),
    case(
        "Kyrgyzstan and Tajikistan did not hold talks on the border this year.",
        None,
        [],
        [("KGZ", "TJK", C, ASR), ("TJK", "KGZ", C, ASR)],
    ),
    case(
        "The signing of the road map between Kazakhstan and China took place in Beijing.",
        None,
        [_mutual("KAZ", "CHN", S)],
        xfail="a signing named as the subject of 'took place' is not coded; the nominal rule "
        "covers meetings only",
    ),
    # --- no event: framing, statistics, habitual relations, venues, noun phrases, comments ---
    case("Trade between Kazakhstan and Russia grew by 10 percent last year.", None, NO_EVENT),
    case("Trade of Kazakhstan with China fell by 5 percent.", None, NO_EVENT),
    case(
        "Kazakhstan closely cooperates with the United Nations.",
        None,
        NO_EVENT,
        xfail="a habitual relation in the simple present is framing; the coder has no "
        "habitual-aspect rule for cooperation verbs",
    ),
    case("The signing of the agreement will open a new page in relations.", None, NO_EVENT),
    case("The summit of the Central Asia plus Russia format was held in Dushanbe.", None, NO_EVENT),
    case("The SCO summit took place in Astana.", None, NO_EVENT),
    case("The talks were held behind closed doors.", None, NO_EVENT),
    case("The two presidents discussed bilateral cooperation.", None, NO_EVENT),
    case("Kazakhstan has long been a reliable partner of the European Union.", None, NO_EVENT),
    case("Relations between Uzbekistan and Tajikistan have reached a new level.", None, NO_EVENT),
    case("Ministers of the CSTO member states met in Moscow.", None, NO_EVENT),
    # --- modality: hypothetical and negated are stored as such, never asserted -------------
    case(
        "Experts believe that China could invest more in Kyrgyzstan.",
        None,
        [],
        [("CHN", "KGZ", K, ASR), ("CHN", "KGZ", A, ASR)],
    ),
    case(
        "If Russia and Kazakhstan signed the agreement, trade would grow.",
        None,
        [],
        [("RUS", "KAZ", S, ASR), ("KAZ", "RUS", S, ASR)],
    ),
    case(
        "Kazakhstan did not sign the agreement with Russia.",
        None,
        [],
        [("KAZ", "RUS", S, ASR)],
    ),
    case(
        "Uzbekistan refused to join the Eurasian Economic Union.",
        None,
        [("UZB", "EAEU", "REJECT", ASR)],
        [("UZB", "EAEU", A, ASR)],
    ),
]


@pytest.mark.parametrize(("text", "speaker", "present", "absent"), CASES)
def test_cooperation_battery(
    coder: Coder, text: str, speaker: str | None, present: Expected, absent: list[Event]
) -> None:
    check(coder, text, speaker, present, absent)
