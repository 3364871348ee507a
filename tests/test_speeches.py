"""UN General Debate speeches: the ``ungdc`` field mapping, dates from the session table, and
what the coded speeches say about the speakers' partners."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

import steppe
from steppe.cli import app
from steppe.coding import code_documents
from steppe.indicators.speeches import partners_table, stated_partners
from steppe.ingest.news import ingest_news
from steppe.ingest.ungdc import UNGDC_FIELDS, general_debates, session_dates
from steppe.registry import data_path

SPEECHES = data_path("speeches", "ungdc_focal_2015_2024.jsonl.gz")


def _speeches(*iso3: str) -> list[dict[str, object]]:
    with gzip.open(SPEECHES, "rt", encoding="utf-8") as f:
        return [r for r in map(json.loads, f) if not iso3 or r["iso3"] in iso3]


def test_session_table_covers_the_bundled_speeches_and_debates_are_a_week_in_september() -> None:
    debates = general_debates()
    assert {int(str(r["session"])) for r in _speeches()} <= set(debates)
    for session, (first, last, source) in debates.items():
        assert first.year == session + 1945 and first.month == 9
        assert 0 < (last - first).days <= 9 and source


def test_ingest_dates_each_speech_by_its_general_debate(store: steppe.Store) -> None:
    reports = ingest_news(store, [SPEECHES], jsonl_fields=UNGDC_FIELDS, date_lookup=session_dates())
    assert reports[0].loaded == len(_speeches()) and not reports[0].quarantined
    rows = store.con.execute(
        "SELECT source, CAST(published_at AS DATE), url FROM documents"
    ).fetchall()
    for source, day, url in rows:
        session = int(str(url).split("_")[-2])
        assert day == general_debates()[session][0], url
        assert str(url).split("/")[-1].startswith(str(source) + "_")
    assert ("KAZ", date(2022, 9, 20)) in {(r[0], r[1]) for r in rows}


def test_a_session_not_in_the_table_gets_no_date(tmp_path: Path) -> None:
    feed = tmp_path / "speeches.jsonl"
    records = [
        {"iso3": "KAZ", "session": 77, "source_path": "KAZ_77_2022.txt", "text": "Speech A."},
        {"iso3": "KGZ", "session": 99, "source_path": "KGZ_99_2044.txt", "text": "Speech B."},
    ]
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    result = CliRunner().invoke(
        app, ["--db", str(db), "ingest", "news", str(feed), "--mapping", "ungdc", "--json"]
    )
    assert result.exit_code == 0, result.output
    with steppe.Store(db, read_only=True) as store:
        dated = dict(
            store.con.execute("SELECT source, CAST(published_at AS DATE) FROM documents").fetchall()
        )
    assert dated == {"KAZ": date(2022, 9, 20), "KGZ": None}


def test_unknown_mapping_fails_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["--db", str(tmp_path / "s.duckdb"), "ingest", "news", str(SPEECHES), "--mapping", "x"]
    )
    assert result.exit_code != 0
    assert "unknown field mapping 'x'" in result.output


def test_coded_speeches_name_the_speakers_partners(store: steppe.Store, tmp_path: Path) -> None:
    feed = tmp_path / "aze.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in _speeches("AZE")) + "\n", encoding="utf-8")
    ingest_news(store, [feed], jsonl_fields=UNGDC_FIELDS, date_lookup=session_dates())
    assert code_documents(store, data_path("dictionaries")) > 0
    rows = stated_partners(store, ["AZE"])
    assert rows and {r["speaker"] for r in rows} == {"AZE"}
    assert all(2015 <= r["year"] <= 2024 and r["partner"] != "AZE" for r in rows)
    armenia = [r for r in rows if r["partner"] == "ARM"]
    assert sum(r["conflictual"] for r in armenia) > sum(r["cooperative"] for r in armenia)
    assert all(r["requests"] >= 0 and r["other"] >= 0 for r in rows)
    table = partners_table(rows, ["AZE"])
    assert table.splitlines()[2].startswith("| AZE | ") and "ARM" in table
