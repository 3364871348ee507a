"""Trade shares, HHI, asymmetry, the trade multivector channel and CINC shares."""

from __future__ import annotations

from pathlib import Path

import pytest

import steppe
from steppe.indicators import trade as T
from steppe.ingest.reference import ingest_reference


def test_hand_computed(store: steppe.Store, tmp_path: Path) -> None:
    f = tmp_path / "trade.csv"
    # KAZ(705)-RUS(365): RUS imports 30 from KAZ, KAZ imports 50 from RUS; KAZ-CHN(710): 10 / 10
    f.write_text(
        "ccode1,ccode2,year,flow1,flow2\n365,705,2010,30,50\n705,710,2010,10,10\n"
        "365,710,2010,100,100\n"
    )
    ingest_reference(store, "cow-trade", f)
    rows = {(r["name"], r["actor"], r["partner"]): r["value"] for r in T.trade_indicators(store)}
    assert rows[("trade_share", "KAZ", "RUS")] == pytest.approx(0.8)  # 80 / 100
    assert rows[("trade_hhi", "KAZ", None)] == pytest.approx(0.8**2 + 0.2**2)
    # RUS: 80 with KAZ, 200 with CHN -> share of KAZ = 80/280
    assert rows[("trade_asymmetry", "KAZ", "RUS")] == pytest.approx(0.8 - 80 / 280)
    # poles RUS 0.8, CHN 0.2 -> 1 - (0.68 - 1/8) / (7/8)
    assert rows[("multivector", "KAZ", "trade")] == pytest.approx(1 - (0.68 - 0.125) / 0.875)
    assert T.compute_trade_indicators(store) == len(T.trade_indicators(store))


def test_no_trade_is_a_clear_error(store: steppe.Store) -> None:
    with pytest.raises(steppe.IndicatorError, match="no trade flows"):
        T.trade_indicators(store)


def test_shared_trade_and_nmc(store: steppe.Store, shared: Path) -> None:
    cow = shared / "cow_atop_alliances_igo_trade"
    ingest_reference(store, "cow-trade", cow / "cow_trade_ndy_focal_subset.csv.gz")
    ingest_reference(store, "nmc", cow / "cow_nmc.csv")
    assert T.compute_trade_indicators(store) > 1000
    share = T.cinc_shares(store, ["RUS", "CHN", "KAZ"], 2010)
    assert sum(share.values()) == pytest.approx(1.0) and share["CHN"] > share["RUS"]
