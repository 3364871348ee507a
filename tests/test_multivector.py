"""The multivector index on hand-computed cases."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pytest

import steppe
from steppe.indicators.multivector import (
    multivector_index,
    multivector_table,
    pole_share_table,
    posterior_interval,
)
from steppe.store.reference import insert_rows


def ev(i: int, day: date, src: str | None, tgt: str | None, quad: int) -> dict[str, object]:
    return {
        "event_id": f"t:{i}",
        "date": day,
        "source_actor": src,
        "target_actor": tgt,
        "cameo": "042" if quad == 1 else "070" if quad == 2 else "190",
        "quad_class": quad,
        "origin": "test",
    }


Q1 = date(2020, 2, 1)


@pytest.fixture
def hand(store: steppe.Store) -> steppe.Store:
    rows = [
        ev(1, Q1, "KAZ", "RUS", 1),
        ev(2, Q1, "KAZ", "RUS", 1),
        ev(3, Q1, "RUS", "KAZ", 2),
        ev(4, Q1, "CHN", "KAZ", 2),
        ev(5, Q1, "KAZ", "DEU", 1),  # EU member state -> EU pole
        ev(6, Q1, "KAZ", "UZB", 1),  # another focal state -> region (and UZB's too)
        ev(7, Q1, "KAZ", "BRA", 1),  # not in the registry -> other
        ev(8, Q1, "KAZ", "USA", 4),  # conflict: not counted
        ev(9, Q1, "KAZ", "KAZ", 1),  # domestic: not counted
        ev(10, Q1, "KAZ", None, 1),  # no partner: not counted
        ev(11, date(2019, 11, 1), "KAZ", "GBR", 1),  # UK in the EU until 2020-01-31
        ev(12, date(2020, 5, 1), "KAZ", "GBR", 1),  # after Brexit -> other
    ]
    insert_rows(store, "events", rows)
    return store


def test_pure_function_hand_cases() -> None:
    assert multivector_index({"RUS": 5}) == 0.0
    assert multivector_index({p: 2 for p in steppe.POLES}) == pytest.approx(1.0)
    # two poles equal: H = 1/2 -> 1 - (1/2 - 1/8) / (7/8) = 4/7
    assert multivector_index({"RUS": 1, "CHN": 1}) == pytest.approx(4 / 7)
    assert multivector_index({"RUS": 1, "CHN": 1}, "entropy") == pytest.approx(
        math.log(2) / math.log(8)
    )
    with pytest.raises(steppe.IndicatorError):
        multivector_index({})
    with pytest.raises(steppe.IndicatorError):
        multivector_index({"RUS": 1}, "gini")


def test_ibis_index_matches_hand_computation(hand: steppe.Store) -> None:
    rows = multivector_table(hand.ibis()).to_pandas()
    kaz = rows[(rows.actor == "KAZ") & (rows.period == "2020Q1")].iloc[0]
    # RUS 3, CHN 1, EU 1, region 1, other 1: N = 7, H = 13/49
    assert kaz.n == 7
    assert kaz.value == pytest.approx(1 - (13 / 49 - 1 / 8) / (7 / 8))
    uzb = rows[(rows.actor == "UZB") & (rows.period == "2020Q1")].iloc[0]
    assert (uzb.n, uzb.value) == (1, 0.0)


def test_entropy_method(hand: steppe.Store) -> None:
    rows = multivector_table(hand.ibis(), method="entropy").to_pandas()
    kaz = rows[(rows.actor == "KAZ") & (rows.period == "2020Q1")].iloc[0]
    expected = -(3 / 7 * math.log(3 / 7) + 4 * (1 / 7) * math.log(1 / 7)) / math.log(8)
    assert kaz.value == pytest.approx(expected)


def test_eu_membership_follows_dates(hand: steppe.Store) -> None:
    shares = pole_share_table(hand.ibis()).to_pandas()
    kaz = shares[shares.actor == "KAZ"]
    assert kaz[kaz.period == "2019Q4"].partner.tolist() == ["EU"]
    assert kaz[kaz.period == "2020Q2"].partner.tolist() == ["other"]
    q1 = kaz[kaz.period == "2020Q1"].set_index("partner")
    assert q1.loc["RUS", "value"] == pytest.approx(3 / 7)
    assert q1.n.sum() == 7


def test_yearly_frequency(hand: steppe.Store) -> None:
    rows = multivector_table(hand.ibis(), freq="year").to_pandas()
    kaz = rows[rows.actor == "KAZ"].set_index("period")
    assert kaz.loc["2020", "n"] == 8 and kaz.loc["2019", "n"] == 1


def test_measure_stores_values_with_interval(hand: steppe.Store) -> None:
    stages: list[str] = []
    counts = steppe.measure(hand, seed=3, on_stage=stages.append)
    assert stages[:3] == ["measure events order", "measure multivector", "measure dependence"]
    assert "measure cohesion" in stages and "measure votes" not in stages  # no votes loaded
    assert counts["multivector"] == 4  # KAZ 2019Q4, 2020Q1, 2020Q2; UZB 2020Q1
    [row] = [
        r for r in steppe.read.indicators(hand, "multivector", "KAZ") if r["period"] == "2020Q1"
    ]
    assert row["lo"] <= row["value"] <= row["hi"]
    assert "hhi" in row["method"]
    again = steppe.read.indicators(hand, "multivector", "KAZ", freq="quarter")
    steppe.measure(hand, seed=3)
    assert (
        steppe.read.indicators(hand, "multivector", "KAZ", freq="quarter")[1]["lo"]
        == again[1]["lo"]
    )
    events_channel = [
        r for r in steppe.read.indicators(hand, "multivector", freq="quarter") if not r["partner"]
    ]
    assert len(events_channel) == 4
    assert {r["partner"] for r in steppe.read.indicators(hand, "pole_share")} <= set(steppe.POLES)


def test_interval_is_seeded_and_narrows_with_events() -> None:
    few = np.array([[2, 2, 0, 0, 0, 0, 0, 0]])
    many = few * 50
    a, b = posterior_interval(few, seed=9), posterior_interval(few, seed=9)
    assert a[0][0] == b[0][0] and a[1][0] == b[1][0]
    assert posterior_interval(few, seed=10)[0][0] != a[0][0]
    lo_many, hi_many = posterior_interval(many, seed=9)
    assert (hi_many - lo_many)[0] < (a[1] - a[0])[0]
    assert lo_many[0] < 4 / 7 < hi_many[0]


def test_empty_store_gives_no_rows(store: steppe.Store) -> None:
    assert steppe.measure(store)["multivector"] == 0
