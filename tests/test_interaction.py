"""GDELT daily dyads (``--kind gdelt-dyads``) and the interaction channel."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

import steppe
from steppe.domain.errors import IngestError
from steppe.indicators.alerts import compute_alerts
from steppe.indicators.interaction import compute_interaction
from steppe.ingest.reference import ingest_reference

DYADS = "gdelt_dyadic_daily_2018_2024/gdelt_daily_dyads_focal.csv.gz"
HEADER = "date,focal_iso3,partner_iso3,edge_weight\n"


def _write(path: Path, body: str) -> Path:
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_shared_dyads_load_map_and_reload(store: steppe.Store, shared: Path) -> None:
    report = ingest_reference(store, "gdelt-dyads", shared / DYADS)
    assert report.loaded == 100_036 and report.quarantined == 0
    # SOURCE.md: on 2022-01-06 (CSTO deployment) KAZ-RUS is 921
    (value,) = store.con.execute(
        "SELECT value FROM ties WHERE channel = 'interaction' AND period = '2022-01-06' "
        "AND a = 'KAZ' AND b = 'RUS'"
    ).fetchone() or (None,)
    assert value == pytest.approx(921, abs=1)
    again = ingest_reference(store, "gdelt-dyads", shared / DYADS)
    assert again.loaded == report.loaded
    assert store.count("ties") == 100_036
    (row,) = steppe.read.sources(store)
    assert row["kind"] == "interaction" and row["rows"] == 100_036
    assert str(row["first_date"]) == "2018-01-01" and str(row["last_date"]) == "2024-02-23"
    assert "GPL-3.0" in row["licence"] and "96 days" in row["note"]


def test_bad_rows_quarantined_good_rows_load(store: steppe.Store, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "dyads.csv",
        "2023-01-02,KAZ,RUS,10.5\n"
        "2023-13-02,KAZ,RUS,1\n"  # line 3: bad date
        "2023-01-02,KAZ,XXX,1\n"  # line 4: unknown partner
        "2023-01-02,KAZ,KAZ,1\n"  # line 5: self-pair
        "2023-01-02,KAZ,RUS,2\n"  # line 6: repeat
        "2023-01-03,KAZ,CHN,abc\n"  # line 7: not a number
        "2023-01-03,KAZ,CHN,-4\n",
    )
    report = ingest_reference(store, "gdelt-dyads", path)
    assert (report.loaded, report.quarantined) == (2, 5)
    reasons = {q["record"]: q["reason"] for q in steppe.read.quarantine(store, 10, report.file)}
    assert sorted(reasons) == [3, 4, 5, 6, 7]
    assert "date" in reasons[3] and "XXX" in reasons[4] and "itself" in reasons[5]
    assert "second row" in reasons[6] and "not a number" in reasons[7]


def test_wrong_layout_refused_store_unchanged(store: steppe.Store, tmp_path: Path) -> None:
    path = tmp_path / "wrong.csv.gz"
    with gzip.open(path, "wt") as fh:
        fh.write("day,focal,partner,weight\n2023-01-01,KAZ,RUS,1\n")
    before = store.count("ties")
    with pytest.raises(IngestError, match=r"wrong\.csv\.gz line 1: .*missing columns"):
        ingest_reference(store, "gdelt-dyads", path)
    assert store.count("ties") == before and store.count("sources") == 0


def test_interaction_indicators_by_hand(store: steppe.Store, tmp_path: Path) -> None:
    # 8 days in 2023Q1 (January): RUS +10 and CHN +10 each day, RUS -5 on every day,
    # DEU (an EU member) +20 on the first day only
    days = [f"2023-01-{d:02d}" for d in range(2, 10)]
    body = "".join(f"{d},KAZ,RUS,10\n{d},KAZ,CHN,10\n" for d in days)
    body += "".join(f"{d},UZB,RUS,-5\n" for d in days) + f"{days[0]},KAZ,DEU,20\n"
    ingest_reference(store, "gdelt-dyads", _write(tmp_path / "d.csv", body))
    assert compute_interaction(store, seed=1, draws=200) > 0
    get = {
        (r["name"], r["actor"], r["partner"], r["period"]): r
        for r in store.query("SELECT * FROM indicators")
    }
    total = 80 + 80 + 20
    rus = get[("interaction_share", "KAZ", "RUS", "2023Q1")]
    assert rus["value"] == pytest.approx(80 / total) and rus["n"] == 8
    assert rus["lo"] <= rus["value"] <= rus["hi"]
    assert get[("interaction_share", "KAZ", "EU", "2023Q1")]["value"] == pytest.approx(20 / total)
    shares = [80 / total, 80 / total, 20 / total]
    hhi = sum(s * s for s in shares)
    index = get[("multivector", "KAZ", "interaction", "2023Q1")]
    assert index["value"] == pytest.approx(1 - (hhi - 1 / 8) / (1 - 1 / 8))
    # negative weight is kept apart: UZB has no positive weight, hence no index or share
    assert ("multivector", "UZB", "interaction", "2023Q1") not in get
    neg = get[("interaction_neg", "UZB", "RUS", "2023-01")]
    assert neg["value"] == pytest.approx(40.0) and neg["n"] == 8
    assert get[("interaction_pos", "UZB", "RUS", "2023-01")]["value"] == 0.0
    assert get[("interaction_pos", "KAZ", "EU", "2023-01")]["value"] == pytest.approx(20.0)
    # recomputing replaces
    n = store.count("indicators")
    compute_interaction(store, seed=1, draws=200)
    assert store.count("indicators") == n


def test_alerts_read_the_monthly_series(store: steppe.Store, tmp_path: Path) -> None:
    # 24 months of KAZ-RUS positive weight: 10 a day, then 40 a day from month 13
    rows = []
    for m in range(24):
        year, month = 2020 + m // 12, m % 12 + 1
        level = 10 if m < 12 else 40
        rows += [f"{year}-{month:02d}-{d:02d},KAZ,RUS,{level + (d % 3)}\n" for d in range(1, 11)]
    ingest_reference(store, "gdelt-dyads", _write(tmp_path / "m.csv", "".join(rows)))
    compute_interaction(store, draws=100)
    compute_alerts(store)
    alerts = store.query(
        "SELECT * FROM alerts WHERE actor = 'KAZ' AND partner = 'RUS' AND kind = 'shift' "
        "AND series = 'interaction_pos with RUS'"
    )
    assert [str(a["date"]) for a in alerts] == ["2021-01-01"]
    assert alerts[0]["magnitude"] > 0 and alerts[0]["freq"] == "month"
