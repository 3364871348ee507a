"""Remittances and migrant stocks (``--kind remittances``) and migration dependence."""

from __future__ import annotations

from pathlib import Path

import pytest

import steppe
from steppe.domain.errors import IngestError
from steppe.indicators.migration import compute_migration
from steppe.ingest.reference import ingest_reference

KNOMAD = "knomad_bilateral_remittance_migration_2021"


def test_remittance_shares_by_hand(store: steppe.Store, tmp_path: Path) -> None:
    path = tmp_path / "bilateral_remittance_estimates_2021_long.csv"
    path.write_text(
        "sending_country,receiving_country,remittances_usd_millions\n"
        "Russian Federation,Kyrgyz Republic,75\n"
        "Germany,Kyrgyz Republic,20\n"
        "Turkey,Kyrgyz Republic,0.5\n"
        "WORLD,Kyrgyz Republic,100\n"
        "Atlantis,Kyrgyz Republic,3\n"  # line 6: unknown -> quarantine
        "Germany,Kyrgyz Republic,x\n",  # line 7: not a number
        encoding="utf-8",
    )
    report = ingest_reference(store, "remittances", path)
    assert (report.loaded, report.quarantined) == (4, 2)
    assert compute_migration(store) > 0
    rows = {
        (r["name"], r["partner"]): r
        for r in store.query("SELECT * FROM indicators WHERE actor = 'KGZ'")
    }
    assert rows[("remittance_share", "RUS")]["value"] == pytest.approx(0.75)
    assert rows[("remittance_share", "RUS")]["n"] == 3
    assert rows[("remittance_share", "RUS")]["period"] == "2021"
    assert ("remittance_share", "TUR") not in rows  # under 1 %, not RUS
    assert rows[("remittances_from", "DEU")]["value"] == pytest.approx(20.0)
    assert "model estimates" in rows[("remittance_share", "RUS")]["method"]


def test_knomad_year_comes_from_the_file_name(store: steppe.Store, tmp_path: Path) -> None:
    path = tmp_path / "stocks.csv"
    path.write_text(
        "origin_country,destination_country,migrant_stock\nTajikistan,Russia,10\n",
        encoding="utf-8",
    )
    with pytest.raises(IngestError, match="cannot tell the year"):
        ingest_reference(store, "remittances", path)
    wrong = tmp_path / "remit_2021.csv"
    wrong.write_text("from,to,usd\nA,B,1\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"remit_2021\.csv line 1: not a remittance file"):
        ingest_reference(store, "remittances", wrong)
    assert store.count("ties") == 0


def test_shared_knomad_and_wdi(store: steppe.Store, shared: Path) -> None:
    for name in (
        "bilateral_remittance_estimates_2021_long.csv",
        "bilateral_migrant_stocks_2021_long.csv",
    ):
        report = ingest_reference(store, "remittances", shared / KNOMAD / name)
        assert report.loaded > 10_000
    wdi = ingest_reference(
        store, "remittances", shared / "wdi_remittances_panel_kgz_tjk_uzb" / "panel.csv"
    )
    assert (wdi.loaded, wdi.quarantined) == (46, 0)
    compute_migration(store)

    def value(name: str, actor: str, partner: str | None, period: str) -> float:
        rows = steppe.read.indicators(store, name, actor, partner)
        (row,) = [r for r in rows if r["period"] == period and r["partner"] == partner]
        return float(row["value"])

    # SOURCE.md: RUS->TJK 2,307 US$ m; 1.15m UZB-born and 0.59m KGZ-born migrants in Russia
    assert value("remittances_from", "TJK", "RUS", "2021") == pytest.approx(2306.76, abs=0.01)
    assert value("migrant_stock", "UZB", "RUS", "2021") == pytest.approx(1_146_175)
    assert value("migrant_stock", "KGZ", "RUS", "2021") == pytest.approx(591_025)
    assert 0.7 < value("remittance_share", "TJK", "RUS", "2021") < 0.85
    assert value("remittances_gdp", "TJK", None, "2024") == pytest.approx(47.89)
    sources = {r["name"]: r for r in steppe.read.sources(store)}
    assert sources["remittances:panel.csv"]["last_date"].year == 2024
    assert all(r["licence"].startswith("CC BY 4.0") for r in sources.values())
