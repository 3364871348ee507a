"""`steppe ingest events --format polecat|acled` on small files in the published layouts."""

from __future__ import annotations

from pathlib import Path

import pytest

import steppe
from steppe.domain.errors import IngestError

CASES = Path(__file__).parent / "cases" / "events"


def test_polecat_weekly_file(store: steppe.Store) -> None:
    [report] = steppe.ingest_events(store, [CASES / "polecat_sample.txt"], "polecat")
    assert (report.loaded, report.duplicate, report.quarantined) == (3, 1, 2)
    rows = store.query(
        "SELECT event_id, date, source_actor, target_actor, plover, quad_class, cameo, goldstein "
        "FROM events WHERE origin = 'polecat' ORDER BY date"
    )
    first = rows[0]
    assert first["event_id"] == "polecat:20230518-KAZCHN-1"
    assert (first["source_actor"], first["target_actor"], first["plover"]) == (
        "KAZ",
        "CHN",
        "AGREE",
    )
    assert first["quad_class"] == 1 and first["cameo"] is None and first["goldstein"] is None
    assert rows[1]["plover"] == "COOPERATE" and rows[1]["quad_class"] == 2
    assert rows[2]["target_actor"] == "BRA"  # outside the registry: kept as published
    reasons = [q["reason"] for q in store.query("SELECT reason FROM quarantine ORDER BY record")]
    assert reasons == [
        "Event Type: 'negotiate' is not a PLOVER event type",
        "Event Date: '2023-13-12' is not a YYYY-MM-DD date",
    ]
    [again] = steppe.ingest_events(store, [CASES / "polecat_sample.txt"], "polecat")
    assert again.skipped and store.count("events") == 3


def test_acled_export(store: steppe.Store) -> None:
    [report] = steppe.ingest_events(store, [CASES / "acled_sample.csv"], "acled")
    assert (report.loaded, report.quarantined) == (4, 2)
    rows = {
        r["event_id"]: r
        for r in store.query(
            "SELECT event_id, date, source_actor, target_actor, plover, quad_class "
            "FROM events WHERE origin = 'acled'"
        )
    }
    assert rows["acled:KAZ1001"]["plover"] == "PROTEST"
    assert rows["acled:KAZ1001"]["source_actor"] == "KAZ"
    assert rows["acled:KAZ1002"]["date"].isoformat() == "2022-01-06"  # '06 January 2022'
    assert rows["acled:KAZ1002"]["plover"] == "ASSAULT"
    agreement = rows["acled:KAZ1003"]
    assert (agreement["source_actor"], agreement["target_actor"]) == ("KAZ", "RUS")
    assert (agreement["plover"], agreement["quad_class"]) == ("AGREE", 1)
    base = rows["acled:KAZ1004"]
    assert base["plover"] is None and base["quad_class"] is None  # no PLOVER type: none guessed
    reasons = {
        q["record"]: q["reason"] for q in store.query("SELECT record, reason FROM quarantine")
    }
    assert reasons == {
        6: "event_date: '2022-01-32' is not a date",
        7: "event_type: 'Parades' is not an ACLED event type",
    }


def test_wrong_layout_is_refused_with_file_and_line(store: steppe.Store, tmp_path: Path) -> None:
    bad = tmp_path / "not_acled.csv"
    bad.write_text("id,date,kind\n1,2022-01-01,x\n")
    with pytest.raises(IngestError, match=r"not_acled.csv line 1: not a acled file, missing"):
        steppe.ingest_events(store, [bad], "acled")
    assert store.count("events") == 0
