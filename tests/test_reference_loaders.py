"""Reference loaders: UN votes (bundled and shared), BSV, COW trade / alliances / IGOs, NMC."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

import steppe
from steppe.domain.errors import IngestError, UnknownFormatError
from steppe.ingest.reference import CountryCodes, bundled_unvotes, ingest_reference

BSV = "unga_ideal_points_bsv/IdealpointsJuly2025.csv"
COW = "cow_atop_alliances_igo_trade"


def _snapshot(store: steppe.Store) -> dict[str, int]:
    tables = ("rollcalls", "votes", "ties", "capabilities", "ideal_points_reference")
    return {t: store.count(t) for t in (*tables, "quarantine")}


def test_bundled_unvotes_load_without_shared(store: steppe.Store) -> None:
    seen: list[float] = []
    report = ingest_reference(store, "unvotes", bundled_unvotes(), seen.append)
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)
    assert len(seen) >= 4  # start, read, each of the two tables written, done
    assert report.quarantined == 0
    assert store.count("votes") == 870_109
    assert store.count("rollcalls") == 6_203
    per = {
        r["country"]: r["n"]
        for r in store.query("SELECT country, count(*) AS n FROM votes GROUP BY 1")
    }
    assert per["KAZ"] == 2_394 and per["AZE"] == 2_251 and per["UZB"] == 1_720
    assert len(per) == 200 - 1  # the FRG and (unified) Germany share DEU
    sizes = sum(p.stat().st_size for p in bundled_unvotes().iterdir())
    assert sizes < 5_000_000


def test_bundled_copy_equals_shared_votes(store: steppe.Store, shared: Path) -> None:
    ingest_reference(store, "unvotes", shared / "unvotes")
    a = store.query("SELECT vote, count(*) AS n FROM votes GROUP BY 1 ORDER BY 1")
    assert [r["n"] for r in a] == [693_664, 110_897, 65_548]
    ingest_reference(store, "unvotes", bundled_unvotes())
    assert store.query("SELECT vote, count(*) AS n FROM votes GROUP BY 1 ORDER BY 1") == a
    assert store.query("SELECT count(*) AS n FROM rollcalls WHERE me")[0]["n"] > 500


def test_country_codes_registry_first() -> None:
    codes = CountryCodes.load()
    assert codes.from_iso2("KZ") == "KAZ" and codes.from_iso2("YD") == "YMD"
    assert codes.from_cow(373) == "AZE" and codes.from_cow(260) == "DEU"
    assert codes.from_cow(267) == "COW267"


@pytest.mark.parametrize(
    ("kind", "path", "table", "rows"),
    [
        ("bsv", BSV, "ideal_points_reference", 33_890),
        ("nmc", f"{COW}/cow_nmc.csv", "capabilities", 17_121),
        ("cow-igo", f"{COW}/cow_igo_ndy_focal_subset.csv.gz", "ties", 28_595),
        ("cow-trade", f"{COW}/cow_trade_ndy_focal_subset.csv.gz", "ties", 34_873),
        ("atop", f"{COW}/atop_alliance_focal_subset.csv.gz", "ties", 22_816),
        ("cow-alliance", f"{COW}/cow_alliance_focal_subset.csv.gz", "ties", 4_848),
    ],
)
def test_shared_loaders_idempotent(
    store: steppe.Store, shared: Path, kind: str, path: str, table: str, rows: int
) -> None:
    first = ingest_reference(store, kind, shared / path)
    assert first.loaded == rows == store.count(table)
    again = ingest_reference(store, kind, shared / path)
    assert again.loaded == rows == store.count(table)
    assert store.query("SELECT count(*) AS n FROM quarantine")[0]["n"] == first.quarantined


def test_shared_values(store: steppe.Store, shared: Path) -> None:
    ingest_reference(store, "cow-trade", shared / COW / "cow_trade_ndy_focal_subset.csv.gz")
    ingest_reference(store, "bsv", shared / BSV)
    ingest_reference(store, "atop", shared / COW / "atop_alliance_focal_subset.csv.gz")
    # KAZ(705)-RUS(365) 2010: flow1 = RUS imports from KAZ, flow2 = KAZ imports from RUS
    flows = store.query(
        "SELECT a, b, value FROM ties WHERE channel = 'trade_flow' AND period = '2010' "
        "AND ((a = 'KAZ' AND b = 'RUS') OR (a = 'RUS' AND b = 'KAZ')) ORDER BY a"
    )
    assert [(r["a"], r["b"]) for r in flows] == [("KAZ", "RUS"), ("RUS", "KAZ")]
    point = store.query(
        "SELECT ideal_point FROM ideal_points_reference "
        "WHERE country = 'KAZ' AND year = 2022 AND variant = 'all'"
    )
    assert point[0]["ideal_point"] == pytest.approx(-0.989, abs=1e-3)
    assert (
        store.query(
            "SELECT count(*) AS n FROM ties WHERE channel = 'alliance_defense' AND period = '2010' "
            "AND a = 'RUS' AND b = 'KAZ'"
        )[0]["n"]
        == 1
    )


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_wrong_layout_is_refused_and_store_unchanged(store: steppe.Store, tmp_path: Path) -> None:
    before = _snapshot(store)
    bad = _write(tmp_path / "nmc.csv", "ccode,year,cinc\n2,1816,0.03\n")
    with pytest.raises(IngestError, match=r"nmc.csv line 1: not a COW NMC file; missing"):
        ingest_reference(store, "nmc", bad)
    assert _snapshot(store) == before
    with pytest.raises(UnknownFormatError):
        ingest_reference(store, "wto", bad)


def test_truncated_gzip_is_refused(store: steppe.Store, tmp_path: Path) -> None:
    body = "ccode1,ccode2,year,dyadigos\n" + "".join(
        f"2,365,{y},{y % 50}\n" for y in range(1900, 2000)
    )
    data = gzip.compress(body.encode())
    partial = tmp_path / "igo.csv.gz"
    partial.write_bytes(data[: len(data) // 2])
    before = _snapshot(store)
    with pytest.raises(IngestError, match=r"igo\.csv\.gz after line"):
        ingest_reference(store, "cow-igo", partial)
    assert _snapshot(store) == before


def test_bad_rows_quarantined_with_line_and_reason(store: steppe.Store, tmp_path: Path) -> None:
    f = _write(
        tmp_path / "trade.csv",
        "ccode1,ccode2,year,flow1,flow2\n"
        "705,365,2010,1.5,2.5\n"
        "705,365,20x0,1,1\n"
        "705,365,2011,abc,1\n"
        "705,365\n"
        "705,710,2011,,3\n",
    )
    report = ingest_reference(store, "cow-trade", f)
    assert (report.loaded, report.quarantined) == (3, 3)
    rows = steppe.read.quarantine(store, file=str(f))
    assert {(r["record"], r["reason"]) for r in rows} == {
        (3, 'year: "20x0" is not an integer'),
        (4, 'flow1: "abc" is not a number'),
        (5, "2 columns, expected 5"),
    }
    report = ingest_reference(store, "cow-trade", f)  # reload replaces, never duplicates
    assert store.count("ties") == 3 and store.count("quarantine") == 3


def test_unvotes_rows_checked(store: steppe.Store, tmp_path: Path) -> None:
    _write(
        tmp_path / "un_roll_calls.csv",
        (
            "rcid,session,importantvote,date,unres,amend,para,short,descr\n"
            "1,50,0,1995-10-01,R/50/1,0,0,A,a\n2,50,1,1995-11-01,R/50/2,0,0,B,b\n"
        ),
    )
    votes = _write(
        tmp_path / "un_votes.csv",
        (
            "rcid,country,country_code,vote\n1,Kazakhstan,KZ,yes\n1,Russia,RU,no\n"
            "2,Kazakhstan,KZ,maybe\n2,Atlantis,QQ,yes\n3,Russia,RU,yes\n1,Russia,RU,yes\n"
            "2,Namibia,NA,abstain\n"
        ),
    )
    report = ingest_reference(store, "unvotes", votes)
    assert report.quarantined == 4
    reasons = [r["reason"] for r in steppe.read.quarantine(store)]
    assert any('"maybe" is not yes, abstain or no' in r for r in reasons)
    assert any('unknown country "QQ"' in r for r in reasons)
    assert any("rcid 3 has no roll call" in r for r in reasons)
    assert any("second vote of RUS on rcid 1" in r for r in reasons)
    assert store.query("SELECT country, vote FROM votes ORDER BY rcid, country") == [
        {"country": "KAZ", "vote": 1},
        {"country": "RUS", "vote": 3},
        {"country": "NAM", "vote": 2},
    ]
