"""ICEWS ingestion: the bundled sample, name resolution, quarantine."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

import steppe
from steppe.ingest.icews import sector_agent

BUNDLED = steppe.data_path(*steppe.DEMO_EVENTS)


def test_bundled_sample_loads_and_resolves(store: steppe.Store) -> None:
    [report] = steppe.ingest_events(store, [BUNDLED], "icews")
    assert (report.loaded, report.quarantined) == (1291, 0)
    resolved = store.query("SELECT count(source_actor) AS s, count(*) AS n FROM events")[0]
    assert resolved["s"] / resolved["n"] > 0.8
    row = store.query(
        "SELECT * FROM events WHERE source_raw = 'Head of Government (Turkmenistan)' LIMIT 1"
    )[0]
    assert (row["source_actor"], row["source_agent"]) == ("TKM", "GOV")
    karimov = store.query(
        "SELECT DISTINCT source_actor FROM events WHERE source_raw = 'Islam Karimov'"
    )
    assert [r["source_actor"] for r in karimov] == ["UZB"]


def test_event_text_maps_to_cameo(store: steppe.Store) -> None:
    steppe.ingest_events(store, [BUNDLED], "icews")
    assert store.query("SELECT count(*) AS n FROM events WHERE cameo IS NULL")[0]["n"] == 0
    consult = store.query("SELECT DISTINCT cameo, quad_class FROM events WHERE cameo = '040'")
    assert consult == [{"cameo": "040", "quad_class": 1}]


def test_malformed_lines(store: steppe.Store, tmp_path: Path) -> None:
    good = gzip.decompress(BUNDLED.read_bytes()).splitlines(keepends=True)[:30]
    bad = [
        b"Kazakhstan\tConsult\tChina\n",  # 3 fields
        b"Kazakhstan\tConsult\tChina\t2014-13-01\n",  # bad date
        b"Kazakhstan\tInvent a new verb\tChina\t2014-01-01\n",  # unknown event text
        b"Kaz\xe9khstan\tConsult\tChina\t2014-01-01\n",  # latin-1 byte
    ]
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"".join(good[:10] + bad + good[10:]))
    [report] = steppe.ingest_events(store, [path], "icews")
    assert (report.loaded, report.quarantined) == (30, 4)
    reasons = {r["record"]: r["reason"] for r in steppe.read.quarantine(store)}
    assert set(reasons) == {11, 12, 13, 14}
    assert "expected 4" in reasons[11]
    assert "bad date" in reasons[12]
    assert "unknown ICEWS event text" in reasons[13]
    assert "UTF-8" in reasons[14]


def test_reingest_is_idempotent(store: steppe.Store, tmp_path: Path) -> None:
    steppe.ingest_events(store, [BUNDLED], "icews")
    plain = tmp_path / "plain.txt"
    plain.write_bytes(gzip.decompress(BUNDLED.read_bytes()))
    report = steppe.ingest_events(store, [plain], "icews")[0]
    assert (report.loaded, report.duplicate) == (0, 1291)
    assert store.count("events") == 1291


def test_sector_agents() -> None:
    assert sector_agent("Cabinet / Council of Ministers / Advisors") == "GOV"
    assert sector_agent("Military Personnel") == "MIL"
    assert sector_agent("Member of Parliament") == "LEG"


@pytest.mark.shared
def test_shared_icews_files(store: steppe.Store, shared: Path) -> None:
    path = shared / "icews_tkg_sample" / "icews_2014_test.txt.gz"
    [report] = steppe.ingest_events(store, [path], "icews")
    assert report.loaded > 8000 and report.quarantined == 0
    kaz = store.query(
        "SELECT count(*) AS n FROM events WHERE 'KAZ' IN (source_actor, target_actor)"
    )[0]["n"]
    assert kaz > 10
