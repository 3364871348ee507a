"""The analysis-prose gold set and its evaluation (``steppe eval coder --prose``)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from steppe.cli import app
from steppe.coding.evaluate import EvaluationInputError
from steppe.coding.prose import (
    GoldEvent,
    ProseRecord,
    StoredEvent,
    evaluate_prose,
    match,
    read_prose_gold,
)
from steppe.registry import data_path, load_country_names
from steppe.registry.loader import load_actors

from .conftest import CASES

GOLD = CASES / "prose_gold" / "prose_gold.jsonl"
HARD_KINDS = {
    "hypothetical",
    "framing",
    "past",
    "collective",
    "venue",
    "multilateral",
    "title",
    "future",
    "speech",
}


def test_gold_set_is_large_split_by_document_hash_and_covers_the_hard_kinds() -> None:
    records = read_prose_gold(GOLD)
    raw = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    assert len(records) >= 150
    for r in raw:
        digest = hashlib.sha256(f"{r['corpus']}:{r['record']}".encode()).digest()
        assert r["split"] == ("dev" if digest[0] % 2 == 0 else "test"), r["id"]
    by_split = {s: [r for r in records if r.split == s] for s in ("dev", "test")}
    assert min(len(v) for v in by_split.values()) >= 60
    kinds = {k for r in records for k in r.kinds}
    assert kinds >= HARD_KINDS
    assert any(e.modality == "hypothetical" for r in records for e in r.events)
    # framing sentences carry no event
    assert all(not r.events for r in records if "framing" in r.kinds)
    # every coded actor is one Steppe can store: the registry's, or a state of the COW list
    # (countries.csv) the registry does not describe ("MLI" in batch 6)
    codes = {a.code for a in load_actors()} | set(load_country_names().values())
    assert {x for r in records for e in r.events for x in (e.source, e.target)} <= codes


def test_news_records_point_back_to_their_source(shared: Path) -> None:
    import csv

    path = shared / "news_central_asia_migration" / "central_asia_migration_news.dev70.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = {r["row_id"]: r for r in csv.DictReader(f)}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r["corpus"] == "news_central_asia_migration":
            row = rows[r["record"]]
            assert r["text"] in row["paragraph"], r["id"]
            if r["date_source"] == "date_from_url":
                assert r["date"] == row["date_from_url"], r["id"]
            else:  # an item without date_from_url, dated by the full date in its URL's path
                assert r["date_source"] == "url_path" and not row["date_from_url"].strip(), r["id"]
                y, m, d = r["date"].split("-")
                forms = (f"/{y}{m}{d}/", f"/{y}/{m}/{d}", f"/{y}-{m}-{d}")
                assert any(f in row["url"] for f in forms), r["id"]
        else:
            headline = r["corpus"] == "news_headlines_kazakhstan_2022"
            expected = "headline_timestamp" if headline else "session_opening"
            assert r["date_source"] == expected, r["id"]


def test_mutual_meeting_matches_either_direction_once() -> None:
    gold = [GoldEvent("TJK", "RUS", "CONSULT", mutual=True)]
    both = {("RUS", "TJK", "CONSULT", "asserted"), ("TJK", "RUS", "CONSULT", "asserted")}
    pairs, extra = match(gold, both)
    assert len(pairs) == 1 and not extra
    pairs, extra = match([GoldEvent("TJK", "RUS", "CONSULT")], both)
    assert len(pairs) == 1 and extra == {("RUS", "TJK", "CONSULT", "asserted")}


def test_hypothetical_stored_as_asserted_is_a_miss_and_counted() -> None:
    record = ProseRecord(
        "x",
        "Moscow could answer the bloc by cutting gas supplies.",
        "2025-11-20",
        "dev",
        (GoldEvent("RUS", "CAM", "SANCTION", modality="hypothetical"),),
        ("hypothetical",),
    )
    stored = {"x": [StoredEvent("RUS", "CAM", "SANCTION", "asserted", None, "161")]}
    result = evaluate_prose([record], stored)
    assert result.events.tp == 0 and result.events.fp == 1 and result.events.fn == 1
    assert result.hypothetical_as_asserted == 1
    assert result.error_classes == {"modality": 1}
    right = {"x": [StoredEvent("RUS", "CAM", "SANCTION", "hypothetical", None, "161")]}
    assert evaluate_prose([record], right).events.f1 == 1.0


def test_framing_sentence_with_events_is_spurious_and_comments_are_ignored() -> None:
    record = ProseRecord("f", "The CSTO faces a test of its relevance.", "2025-01-01", "dev")
    stored = {
        "f": [
            StoredEvent("RUS", "CSTO", "ACCUSE", "asserted", None, "111"),
            StoredEvent("RUS", "CSTO", "", "asserted", None, "010"),
            StoredEvent("RUS", "", "ACCUSE", "asserted", None, "111"),
        ]
    }
    result = evaluate_prose([record], stored)
    assert result.error_classes == {"spurious": 1}
    assert result.events.fp == 1 and result.one_sided == 1


def test_malformed_gold_line_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "gold.jsonl"
    good = GOLD.read_text(encoding="utf-8").splitlines()[0]
    bad.write_text(good + "\n{not json\n", encoding="utf-8")
    with pytest.raises(EvaluationInputError, match=r"gold\.jsonl line 2"):
        read_prose_gold(bad)
    undated = json.loads(good) | {"date": ""}
    bad.write_text(json.dumps(undated) + "\n", encoding="utf-8")
    with pytest.raises(EvaluationInputError, match="no date"):
        read_prose_gold(bad)


def test_eval_coder_prose_runs_the_user_path_on_the_committed_test_part() -> None:
    result = CliRunner().invoke(
        app,
        [
            "eval",
            "coder",
            "--prose",
            str(GOLD),
            "--split",
            "test",
            "--dictionaries",
            str(data_path("dictionaries")),  # the bundled PETRARCH2 files: no ../shared needed
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    test_part = [r for r in read_prose_gold(GOLD) if r.split == "test"]
    assert out["split"] == "test" and out["sentences"] == len(test_part)
    assert out["gold_events"] == sum(len(r.events) for r in test_part)
    ev = out["events"]
    assert ev["tp"] + ev["fn"] == out["gold_events"]
    assert 0.0 <= ev["f1"] <= 1.0
    assert sum(out["error_classes"].values()) == len(test_part)
    assert {d["split"] for d in out["records_detail"]} == {"test"}


def test_eval_coder_prose_rejects_an_unknown_split() -> None:
    result = CliRunner().invoke(app, ["eval", "coder", "--prose", str(GOLD), "--split", "x"])
    assert result.exit_code != 0
    assert "unknown split 'x'" in result.output
