"""The registry reads like a gazetteer of real cases."""

from __future__ import annotations

from datetime import date

import pytest

from steppe import Gazetteer, Registry
from steppe.domain.codes import FOCAL_STATES
from steppe.registry import normalise


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_registry()


@pytest.mark.parametrize(
    ("name", "on", "code"),
    [
        ("the Kremlin", None, "RUS"),
        ("Kremlin", None, "RUS"),
        ("Moscow", None, "RUS"),
        ("Beijing", None, "CHN"),
        ("Tashkent", None, "UZB"),
        ("Baku", None, "AZE"),
        ("Brussels", None, "EU"),
        ("Bishkek", None, "KGZ"),
        ("Dushanbe", None, "TJK"),
        ("Ashgabat", None, "TKM"),
        ("Kyrgyz", None, "KGZ"),
        ("Kazakh", None, "KAZ"),
        ("Uzbek", None, "UZB"),
        ("Azerbaijani", None, "AZE"),
        ("Turkmen", None, "TKM"),
        ("Kyrgyzstan", None, "KGZ"),
        ("Kirghizia", None, "KGZ"),
        ("O'zbekiston", None, "UZB"),
        ("Türkiye", None, "TUR"),
        ("Russia's", None, "RUS"),
        ("People's Republic of China", None, "CHN"),
        ("Eurasian Economic Union", None, "EAEU"),
        ("Tokayev", date(2023, 5, 1), "KAZ"),
        ("Tokaev", date(2023, 5, 1), "KAZ"),
        ("Kassym-Jomart Tokayev", date(2020, 1, 1), "KAZ"),
        ("Nazarbayev", date(2010, 6, 1), "KAZ"),
        ("Mirziyoyev", date(2018, 1, 1), "UZB"),
        ("Berdimuhamedow", date(2010, 1, 1), "TKM"),
        ("Berdymukhamedov", date(2023, 1, 1), "TKM"),
        ("Aliyev", date(2015, 1, 1), "AZE"),
        ("Aliev", date(2015, 1, 1), "AZE"),
        ("İlham Əliyev", date(2015, 1, 1), "AZE"),
        ("Putin", date(2014, 3, 1), "RUS"),
        ("Lavrov", date(2020, 1, 1), "RUS"),
        ("Xi Jinping", date(2019, 1, 1), "CHN"),
        ("Erdogan", date(2019, 1, 1), "TUR"),
        ("John Kerry", date(2014, 3, 1), "USA"),
        ("Tokayev", date(2015, 1, 1), "KAZ"),  # Senate chair: an `official` row
        ("Lukashenko", date(2020, 9, 1), "BLR"),
        ("Zakharova", date(2022, 3, 1), "RUS"),
        ("Peskov", date(2023, 6, 1), "RUS"),
        ("Zhao Lijian", date(2021, 6, 1), "CHN"),
        ("Guterres", date(2024, 1, 1), "UN"),
        ("Amir Khan Muttaqi", date(2023, 1, 1), "AFG"),
        ("Nur-Sultan", date(2020, 1, 1), "KAZ"),
        ("Astana", date(2023, 1, 1), "KAZ"),
        ("Almaty", date(1995, 1, 1), "KAZ"),
    ],
)
def test_resolves(gaz: Gazetteer, name: str, on: date | None, code: str) -> None:
    assert gaz.resolve(name, on) == code


@pytest.mark.parametrize(
    ("name", "on"),
    [
        # in no Kazakh office: UN Office at Geneva 2011-2013 (as Senate chair 2013-2019 he is an
        # `official` row and resolves)
        ("Tokayev", date(2012, 1, 1)),
        ("Mirziyoyev", date(2000, 1, 1)),
        ("Nur-Sultan", date(2023, 1, 1)),  # renamed back to Astana on 2022-09-17
        ("Astana", date(2020, 1, 1)),
        ("Atlantis", None),
    ],
)
def test_does_not_resolve(gaz: Gazetteer, name: str, on: date | None) -> None:
    assert gaz.resolve(name, on) is None


def test_leader_alias_follows_terms(gaz: Gazetteer) -> None:
    terms = [m.valid for m in gaz.matches("Putin")]
    assert any(t.contains(date(2001, 1, 1)) for t in terms)  # president
    assert any(t.contains(date(2010, 1, 1)) for t in terms)  # prime minister


def test_normalise_folds_case_diacritics_and_articles() -> None:
    assert normalise("The  KREMLIN") == "kremlin"
    assert normalise("Türkmenistan") == "turkmenistan"
    assert normalise("Azərbaycan") == "azerbaycan"


def test_registry_is_consistent_and_sourced() -> None:
    reg = Registry.load()
    reg.check()
    codes = {a.code for a in reg.actors}
    assert set(FOCAL_STATES) <= codes
    assert {
        "RUS",
        "CHN",
        "USA",
        "EU",
        "TUR",
        "IRN",
        "EAEU",
        "CSTO",
        "SCO",
        "CIS",
        "OTS",
        "CAM",
        "BRI",
        "CICA",
    } <= codes
    assert all(a.source for a in reg.actors)
    assert all(a.source for a in reg.aliases)
    assert all(m.source for m in reg.memberships)
    assert all(ldr.source for ldr in reg.leaders)


def test_cross_codes_join_the_datasets() -> None:
    reg = Registry.load()
    cow = {a.code: a.cow_code for a in reg.actors}
    assert (cow["KAZ"], cow["KGZ"], cow["UZB"], cow["TJK"], cow["TKM"], cow["AZE"]) == (
        705,
        703,
        704,
        702,
        701,
        373,
    )
    assert (cow["RUS"], cow["CHN"], cow["USA"], cow["TUR"], cow["IRN"]) == (365, 710, 2, 640, 630)
    cameo = reg.cameo_codes()
    assert cameo["KAZ"] == "KAZ" and cameo["RUS"] == "RUS"


def test_memberships_have_dates_and_roles() -> None:
    reg = Registry.load()
    azerbaijan_cam = [m for m in reg.memberships if m.member == "AZE" and m.org == "CAM"]
    assert azerbaijan_cam and azerbaijan_cam[0].period.start == date(2025, 11, 16)
    uk_eu = [m for m in reg.memberships if m.member == "GBR" and m.org == "EU"]
    assert uk_eu and uk_eu[0].period.end == date(2020, 1, 31)
    kgz_eaeu = [m for m in reg.memberships if m.member == "KGZ" and m.org == "EAEU"]
    assert kgz_eaeu and kgz_eaeu[0].role == "member"
    assert {m.role for m in reg.memberships} <= {"member", "observer", "partner"}
    for m in reg.memberships:
        if m.period.start and m.period.end:
            assert m.period.start <= m.period.end


def test_other_states_resolve_to_iso3(gaz: Gazetteer) -> None:
    """States outside the registry resolve by their COW name to ISO3, as GDELT keeps them."""
    assert gaz.resolve("Thailand") == "THA"
    assert gaz.resolve("Australia") == "AUS"
    assert gaz.resolve("Kazakhstan") == "KAZ"  # the registry's own alias wins
    assert [m.kind for m in gaz.matches("Thailand")] == ["country"]


def test_places_name_their_state_and_collide_with_nothing(gaz: Gazetteer) -> None:
    """Sub-national places (kind ``place``) resolve to their state; none shares its surface
    form with another alias of any kind or with a place of another state."""
    reg = Registry.load()
    places = [a for a in reg.aliases if a.kind == "place"]
    assert all(a.source for a in places)
    by_key: dict[str, set[tuple[str, str]]] = {}
    for a in reg.aliases:
        by_key.setdefault(normalise(a.alias), set()).add((a.code, a.kind))
    for a in places:
        kinds = by_key[normalise(a.alias)]
        if a.alias == "Almaty":  # the former capital: its capital alias ends when the place starts
            assert kinds == {("KAZ", "place"), ("KAZ", "capital")}
            continue
        assert kinds == {(a.code, "place")}, a.alias
    day = date(2024, 5, 1)
    for name, code in [
        ("Yekaterinburg", "RUS"),
        ("Sverdlovsk Oblast", "RUS"),
        ("Sverdlovsk region", "RUS"),
        ("St. Petersburg", "RUS"),
        ("Samarqand", "UZB"),
        ("Farg'ona", "UZB"),
        ("Osh region", "KGZ"),
        ("Khujand", "TJK"),
        ("Mary velayat", "TKM"),
        ("Shymkent", "KAZ"),
        ("Urumqi", "CHN"),
    ]:
        assert gaz.resolve(name, day) == code, name
    assert [m.kind for m in gaz.matches("Yekaterinburg")] == ["place"]
    assert [m.kind for m in gaz.matches("Almaty", date(1995, 1, 1))] == ["capital"]
    assert [m.kind for m in gaz.matches("Almaty", day)] == ["place"]
    # first names, common words, places of two states and ones whose sovereignty is disputed
    for name in ("Mary", "Perm", "Ganja", "Khorgos", "Petropavlovsk", "Badakhshan", "Crimea"):
        assert not gaz.matches(name), name
    # dated: Kazakhstan's regions formed on 8 June 2022; Azerbaijan's control of Shusha
    assert gaz.resolve("Abai region", date(2022, 1, 1)) is None
    assert gaz.resolve("Abai region", day) == "KAZ"
    assert gaz.resolve("Shusha", date(2015, 1, 1)) is None
