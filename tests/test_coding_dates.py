"""Dates never invented (issue 14, item 3): month and year dates keep their precision, the
``--date`` fallback is recorded and counted, undated documents are quarantined by
``steppe code`` rather than dated today."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import steppe
from steppe.cli import app


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "s.duckdb"
    monkeypatch.setenv("STEPPE_DB", str(path))
    return path


def _jsonl(folder: Path, records: list[dict[str, str]]) -> Path:
    path = folder / "news.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


RECORDS = [
    {"paragraph": "Tokayev met Mirziyoyev in Tashkent.", "date": "2024-11"},
    {"paragraph": "Kazakhstan criticized Russia over gas prices.", "date": "2023"},
    {"paragraph": "Tajikistan praised China for new loans."},
]


def test_precision_and_fallback_on_ingest(db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(
        app, ["ingest", "news", str(_jsonl(tmp_path, RECORDS)), "--date", "2024-05"]
    )
    assert res.exit_code == 0, res.output
    assert "1 documents dated by fallback (--date)" in res.output
    with steppe.Store(db) as s:
        rows = s.query(
            "SELECT text, CAST(published_at AS DATE) AS day, date_precision, dated_by "
            "FROM documents ORDER BY text"
        )
    by_text = {r["text"][:10]: r for r in rows}
    assert (by_text["Tokayev me"]["date_precision"], by_text["Tokayev me"]["dated_by"]) == (
        "month",
        "document",
    )
    assert by_text["Kazakhstan"]["date_precision"] == "year"
    assert (by_text["Tajikista" + "n"]["date_precision"], by_text["Tajikistan"]["dated_by"]) == (
        "month",
        "fallback",
    )


def test_code_quarantines_undated_then_codes_with_date(
    db: Path, tmp_path: Path, shared: Path
) -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["ingest", "news", str(_jsonl(tmp_path, RECORDS))])
    assert res.exit_code == 0 and "1 documents without a date" in res.output
    folder = str(shared / "petrarch2_dictionaries")
    res = runner.invoke(app, ["code", "--dictionaries", folder, "--json"])
    assert res.exit_code == 0, res.output
    assert "1 documents have no date and were not coded" in res.output
    with steppe.Store(db) as s:
        (q,) = s.query("SELECT reason FROM quarantine WHERE origin = 'coder'")
        assert "no publication date" in q["reason"]
        days = {r["date"].year for r in s.query("SELECT date FROM events")}
        assert days <= {2023, 2024}
    res = runner.invoke(app, ["code", "--dictionaries", folder, "--date", "2022-03-04"])
    assert res.exit_code == 0, res.output
    assert "1 documents without a date of their own were dated 2022-03-04" in res.output
    res = runner.invoke(app, ["code", "--dictionaries", folder, "--date", "March 2022"])
    assert res.exit_code == 1 and "bad --date" in res.output
