"""Reported trade (``--kind eurostat-trade`` / ``national-trade``): partner, flow, unit and
currency kept; EUR and USD never added; indicators to 2023 for the states covered."""

from __future__ import annotations

from pathlib import Path

import pytest

import steppe
from steppe.domain.errors import IngestError
from steppe.indicators import trade as T
from steppe.ingest.reference import ingest_reference
from steppe.ingest.trade_files import CONVERTED_EUR

TRADE = "eurostat_national_trade_centralasia"
NATIONAL_HEADER = "REPORTER,PARTNER,PRODUCT,FLOW,STAT_PROCEDURE,PERIOD,VALUE_IN_EUR\n"


def _national(path: Path, rows: list[tuple[str, str, str, str]]) -> Path:
    body = "".join(f"Kazakhstan,{p},TOTAL,{f},NORMAL,{y},{v}\n" for p, f, y, v in rows)
    path.write_text(NATIONAL_HEADER + body, encoding="utf-8")
    return path


def test_national_imports_shares_by_hand(store: steppe.Store, tmp_path: Path) -> None:
    path = _national(
        tmp_path / "kaz_imports.csv",
        [
            ("World", "IMPORT", "Y2023", "100"),
            ("Russian Federation", "IMPORT", "Y2023", "30"),
            ("China", "IMPORT", "Y2023", "20"),
            ("Germany", "IMPORT", "Y2023", "10"),
            ("Asia", "IMPORT", "Y2023", "55"),  # an aggregate: skipped, not a partner
            ("Narnia", "IMPORT", "Y2023", "1"),  # line 7: unknown -> quarantine
            ("China", "IMPORT", "Y2023", "20"),  # line 8: the same row again -> quarantine
            ("Turkey", "IMPORT", "2023x", "1"),  # line 9: bad period
            ("Iran", "IMPORT", "Y2023", "-3"),  # line 10: negative
        ],
    )
    report = ingest_reference(store, "national-trade", path, unit=CONVERTED_EUR)
    assert (report.loaded, report.quarantined) == (4, 4)
    lines = sorted(q["record"] for q in steppe.read.quarantine(store, 10, report.file))
    assert lines == [7, 8, 9, 10]
    units = {r["unit"] for r in store.query("SELECT DISTINCT unit FROM ties")}
    assert units == {CONVERTED_EUR}
    rows = {(r["name"], r["partner"]): r for r in T.trade_indicators(store)}
    assert rows[("trade_share", "RUS")]["value"] == pytest.approx(0.30)  # of the World total
    assert rows[("trade_share", "CHN")]["value"] == pytest.approx(0.20)
    assert rows[("trade_hhi", None)]["value"] == pytest.approx(0.3**2 + 0.2**2 + 0.1**2)
    method = rows[("trade_share", "RUS")]["method"]
    assert "imports reported by KAZ" in method and "world total" in method
    assert rows[("trade_share", "RUS")]["n"] == 3
    (cov,) = T.trade_coverage(store)
    assert (cov["actor"], cov["first"], cov["last"]) == ("KAZ", 2023, 2023)
    # a reload replaces
    ingest_reference(store, "national-trade", path, unit=CONVERTED_EUR)
    assert store.count("ties") == 4


def test_eur_and_usd_never_added(store: steppe.Store, tmp_path: Path) -> None:
    eur = _national(
        tmp_path / "eur.csv",
        [("Russian Federation", "IMPORT", "Y2023", "30"), ("China", "IMPORT", "Y2023", "70")],
    )
    usd = tmp_path / "uzbekistan_imports_by_partner_thousand_usd.csv"
    usd.write_text(
        "Code,Klassifikator,Klassifikator_ru,Klassifikator_en,2023\n"
        "643,Rossiya,Россия,Russia,1000\n156,Xitoy,Китай,China,1000\n",
        encoding="utf-8",
    )
    ingest_reference(store, "national-trade", eur)
    ingest_reference(store, "national-trade", usd)
    rows = {(r["actor"], r["partner"]): r for r in T.trade_indicators(store) if r["partner"]}
    assert rows[("KAZ", "RUS")]["value"] == pytest.approx(0.3)
    assert rows[("UZB", "RUS")]["value"] == pytest.approx(0.5)
    assert "thousand USD" in rows[("UZB", "RUS")]["method"]
    assert "EUR" in rows[("KAZ", "RUS")]["method"]


def test_statuz_needs_a_flow_in_its_name(store: steppe.Store, tmp_path: Path) -> None:
    path = tmp_path / "uzbekistan_trade.csv"
    path.write_text("Code,Klassifikator_en,2023\n643,Russia,1\n", encoding="utf-8")
    with pytest.raises(IngestError, match="exports' or 'imports'"):
        ingest_reference(store, "national-trade", path)


def test_wrong_layout_and_unit_misuse(store: steppe.Store, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("reporter,partner,value\nA,B,1\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"x\.csv line 1: not a Eurostat trade file"):
        ingest_reference(store, "eurostat-trade", path)
    with pytest.raises(IngestError, match="national-trade only"):
        ingest_reference(store, "eurostat-trade", path, unit="USD")
    assert store.count("ties") == 0


def test_shared_trade_reaches_2023_and_eurostat_2024(store: steppe.Store, shared: Path) -> None:
    folder = shared / TRADE
    for name in (
        "national_kazakhstan_imports_by_partner_yearly_eur.csv",
        "national_kyrgyz_imports_by_partner_yearly_eur.csv",
        "uzbekistan_exports_by_partner_2010_2023_thousand_usd.csv",
        "uzbekistan_imports_by_partner_2010_2023_thousand_usd.csv",
    ):
        ingest_reference(store, "national-trade", folder / name)
    report = ingest_reference(
        store, "eurostat-trade", folder / "eurostat_eu_member_monthly_trade_2019_2024.csv.gz"
    )
    assert report.quarantined == 0 and report.loaded > 12_000
    assert T.compute_trade_indicators(store) > 500
    cov = {r["actor"]: r for r in T.trade_coverage(store)}
    assert set(cov) == {"KAZ", "KGZ", "UZB"}
    assert all(c["last"] == 2023 for c in cov.values())
    assert cov["UZB"]["first"] == 2010 and "exports+imports" in cov["UZB"]["basis"]
    kaz = {
        r["period"]: r["value"] for r in steppe.read.indicators(store, "trade_share", "KAZ", "RUS")
    }
    # Kazakhstan's statistics: imports from Russia 15.7 of 56.5 bn EUR in 2023
    assert kaz["2023"] == pytest.approx(15.74489 / 56.46008, rel=1e-3)
    eu = steppe.read.indicators(store, "eu_exports", "KGZ", "EU")
    assert max(r["period"] for r in eu) == "2024-08"
    by = {r["period"]: r["value"] for r in eu}
    assert by["2023-06"] > 5 * by["2021-06"]  # EU exports to Kyrgyzstan after 2022


def test_two_values_for_one_flow_keep_neither(store: steppe.Store, tmp_path: Path) -> None:
    path = _national(
        tmp_path / "kaz_imports.csv",
        [
            ("World", "IMPORT", "Y2023", "100"),
            ("China", "IMPORT", "Y2023", "20"),  # line 3
            ("China", "IMPORT", "Y2023", "21"),  # line 4: which is right cannot be known
        ],
    )
    report = ingest_reference(store, "national-trade", path, unit=CONVERTED_EUR)
    assert (report.loaded, report.quarantined) == (1, 2)
    got = {q["record"]: q["reason"] for q in steppe.read.quarantine(store, 10)}
    assert set(got) == {3, 4} and "disagree: 20 (line 3) and 21 (line 4); neither kept" in got[4]
    assert not store.query("SELECT 1 FROM ties WHERE b = 'KAZ' AND a = 'CHN'")


def test_packaged_eurostat_annual_reads_its_french_2016_labels(store: steppe.Store) -> None:
    from steppe.registry.files import data_path

    path = data_path("trade", "eurostat_eu27_annual_exports_by_partner_2010_2023.csv.gz")
    report = ingest_reference(store, "eurostat-trade", path)
    # 2016 is labelled in French ("Afrique du Sud", "Tchéquie"); every label maps but the two
    # rows that give Guinea two values (125.7 M EUR, about Guinea-Bissau's level, and 901.4 M)
    assert report.quarantined == 2
    reasons = {q["reason"] for q in steppe.read.quarantine(store, 10)}
    assert reasons == {
        "rows for EU->GIN 2016 (trade_exports) disagree: 125,725,547 (line 1764) and "
        "901,357,072 (line 1827); neither kept"
    }
    by_year = {
        r["period"]: r["n"]
        for r in store.query(
            "SELECT period, count(*) AS n FROM ties WHERE a = 'EU' GROUP BY period"
        )
    }
    assert by_year["2016"] >= by_year["2015"] - 2
