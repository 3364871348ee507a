"""Split-vote alignment, checked by hand on two real roll calls: A/RES/ES-11/1 (2 March 2022,
Russia's aggression against Ukraine) and A/RES/ES-10/22 (12 December 2023, humanitarian
ceasefire in Gaza), from ../shared/data/kaartmaker_unga_es11_1_es10_22_votes (AGPL: read by
this test only, never bundled)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

import steppe
from steppe.indicators.splitvote import compute_split_votes, side, split_counts
from steppe.store.reference import insert_rows

FOLDER = "kaartmaker_unga_es11_1_es10_22_votes"
FILES = {
    1: ("russia_ceasefire_world_ukraine_votes.csv", date(2022, 3, 2)),
    2: ("israel_ceasefire_world_palestine_votes.csv", date(2023, 12, 12)),
}
VOTE = {"IN FAVOR": 1, "ABSTENTION": 2, "AGAINST": 3}  # ABSENT is no vote
# kaartmaker's map names that differ from the COW/ISO table's
NAMES = {"Czechia": "CZE", "Turkey": "TUR", "Republic of Serbia": "SRB"}


def _codes() -> dict[str, str]:
    path = steppe.data_path("reference", "countries.csv")
    with path.open(encoding="utf-8") as fh:
        codes = {r["name"]: r["iso3"] for r in csv.DictReader(fh) if r["iso3"]}
    return codes | NAMES


@pytest.fixture
def resolutions(store: steppe.Store, shared: Path) -> steppe.Store:
    codes = _codes()
    rollcalls, votes = [], []
    for rcid, (name, day) in FILES.items():
        rollcalls.append({"rcid": rcid, "date": day, "source": f"kaartmaker {name}"})
        with (shared / FOLDER / name).open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                code = codes.get(row["NAME_EN"])
                if code and row["vote"] in VOTE:
                    votes.append({"rcid": rcid, "country": code, "vote": VOTE[row["vote"]]})
    insert_rows(store, "rollcalls", rollcalls)
    insert_rows(store, "votes", votes)
    return store


def _rows(store: steppe.Store) -> dict[tuple[str, str, str], dict[str, object]]:
    return {
        (r["actor"], r["partner"], r["period"]): r
        for r in store.query(
            "SELECT * FROM indicators WHERE name = 'split_vote' OR partner = 'votes'"
        )
    }


def test_sides_on_es11_1_and_es10_22_by_hand(resolutions: steppe.Store) -> None:
    counts = {(c.actor, c.a, c.year): c for c in split_counts(resolutions)}
    # ES-11/1: Russia no, US yes -> a RUS-USA split. Kazakhstan, Kyrgyzstan, Tajikistan
    # abstained (neither side); Uzbekistan, Turkmenistan, Azerbaijan were absent (no vote).
    for state in ("KAZ", "KGZ", "TJK"):
        c = counts[(state, "RUS", 2022)]
        assert (c.n, c.k_a, c.k_b, c.k_0) == (1, 0, 0, 1)
    for state in ("UZB", "TKM", "AZE"):
        assert (state, "RUS", 2022) not in counts
    # Turkey voted yes with the US; Iran abstained
    assert (counts[("TUR", "RUS", 2022)].k_b, counts[("IRN", "RUS", 2022)].k_0) == (1, 1)
    # China abstained while the EU members voted yes: a CHN-EU split; the three abstainers
    # sided with China, Turkey with the EU
    for state in ("KAZ", "KGZ", "TJK"):
        c = counts[(state, "CHN", 2022)]
        assert (c.n, c.k_a, c.k_b) == (1, 1, 0)
    assert counts[("TUR", "CHN", 2022)].k_b == 1
    # ES-10/22: Russia yes, US no -> a split; every focal state that voted said yes (Russia's
    # side). China and the EU majority (17 of 27 yes; Austria and Czechia no) both said yes:
    # no CHN-EU split in 2023.
    for state in ("KAZ", "KGZ", "TJK", "UZB", "AZE"):
        c = counts[(state, "RUS", 2023)]
        assert (c.n, c.k_a, c.k_b) == (1, 1, 0)
    assert not [c for c in counts.values() if c.a == "CHN" and c.year == 2023]


def test_stored_shares_votes_channel_and_support(resolutions: steppe.Store) -> None:
    written = compute_split_votes(resolutions)
    rows = _rows(resolutions)
    assert written == len(rows)
    kaz_rus_2023 = rows[("KAZ", "RUS", "2023")]
    assert (kaz_rus_2023["value"], kaz_rus_2023["n"]) == (1.0, 1)
    assert rows[("KAZ", "USA", "2023")]["value"] == 0.0
    assert rows[("KAZ", "CHN", "2022")]["value"] == 1.0
    assert rows[("KAZ", "RUS", "2022")]["value"] == 0.0  # abstained: neither side
    for r in rows.values():
        assert r["lo"] <= r["value"] <= r["hi"]
        assert r["sparse"] is True  # one or two roll calls: far below the support rule
        assert r["freq"] == "year"
    votes_2022 = rows[("KAZ", "votes", "2022")]
    assert votes_2022["n"] == 2  # one RUS-USA and one CHN-EU split vote
    assert compute_split_votes(resolutions) == written  # replaces, never duplicates
    assert len(_rows(resolutions)) == written


def test_side_rule() -> None:
    assert side(3, 1, 2) == "neither"
    assert side(2, 1, 2) == "A"
    assert side(2, 2, 1) is None
