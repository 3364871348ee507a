"""The CLI is a thin, scriptable layer: every listing takes --json."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import steppe
from steppe.cli import app

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cli.duckdb"
    monkeypatch.setenv("STEPPE_DB", str(path))
    return path


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_actors_json(db: Path) -> None:
    rows = json.loads(run("actors", "--kind", "power", "--json"))
    assert {r["code"] for r in rows} == {"RUS", "CHN", "USA", "TUR", "IRN"}
    assert db.exists()


def test_resolve(db: Path) -> None:
    rows = json.loads(run("resolve", "Tokayev", "--on", "2023-05-01", "--json"))
    assert rows[0]["code"] == "KAZ"
    assert "unresolved" in run("resolve", "Tokayev", "--on", "2012-01-01")  # UN Geneva then


def test_memberships_on_date(db: Path) -> None:
    rows = json.loads(run("memberships", "--actor", "KGZ", "--on", "2020-01-01", "--json"))
    assert "EAEU" in {r["org"] for r in rows}


def test_ingest_measure_indicators_flow(db: Path, tmp_path: Path) -> None:
    synthetic = tmp_path / "g.tsv.gz"
    assert "wrote 500" in run("synth", "gdelt", "--rows", "500", "--seed", "4", str(synthetic))
    out = run("ingest", "events", "--format", "gdelt1", str(synthetic))
    assert "500 loaded / 0 duplicate / 0 quarantined" in out
    out = run("ingest", "events", "--format", "gdelt1", str(synthetic))
    assert "0 loaded / 500 duplicate / 0 quarantined" in out
    run("measure")
    rows = json.loads(run("indicators", "--name", "multivector", "--actor", "KAZ", "--json"))
    assert rows and all(0 <= r["value"] <= 1 for r in rows)
    info = json.loads(run("info", "--json"))
    assert info["tables"]["events"] == 500


def test_global_db_option(tmp_path: Path) -> None:
    path = tmp_path / "explicit.duckdb"
    run("--db", str(path), "actors", "--json")
    assert path.exists()


def test_bad_input_gives_one_line_error(db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("not\tgdelt\n")
    result = runner.invoke(app, ["ingest", "events", "--format", "gdelt1", str(bad)])
    assert result.exit_code == 1
    assert "bad.tsv line 1: 2 columns; GDELT 1.0 has 57 or 58" in result.stderr
    result = runner.invoke(app, ["indicators", "--name", "nonsense"])
    assert result.exit_code == 1 and "no indicator 'nonsense'" in result.stderr


def test_quarantine_listing(db: Path, tmp_path: Path) -> None:
    path = steppe.write_gdelt(tmp_path / "g.tsv", rows=5, seed=1)
    path.write_bytes(path.read_bytes() + b"1\t2\n")
    assert "5 loaded / 0 duplicate / 1 quarantined" in run(
        "ingest", "events", "--format", "gdelt1", str(path)
    )
    rows = json.loads(run("quarantine", "--json"))
    assert rows[0]["record"] == 6 and "2 columns, expected 58" in rows[0]["reason"]


def test_demo(tmp_path: Path) -> None:
    out = run("demo", "--out", str(tmp_path / "out"))
    assert "1291 loaded" in out and "KAZ" in out
    assert (tmp_path / "out" / "report.html").exists()
    # the present: a headline quarter in 2023/2024 from the bundled GDELT dyads, and every
    # source's coverage printed
    assert "Sources (coverage of each)" in out
    from steppe.report.html import report_context

    with steppe.Store(tmp_path / "out" / "steppe.duckdb", read_only=True) as store:
        context = report_context(store)
        assert context["headline"][:4] in ("2023", "2024")
        kaz = next(r for r in context["present"] if r["code"] == "KAZ")
        for partner in ("RUS", "CHN"):
            share = kaz["shares"][partner]
            assert "GDELT" in share["method"] and share["n"] >= 60
            assert share["period"] == context["headline"]
        kinds = {s["kind"] for s in context["sources"]}
        assert {"events", "votes", "interaction", "trade", "migration", "reference"} <= kinds
        events = next(s for s in context["sources"] if s["name"] == "events:icews")
        assert "biased" in events["note"]
        # the hybrid-pressure text measure: the speeches are documents before `measure` runs
        text = store.query(
            "SELECT count(*) AS c, min(n) AS n FROM indicators WHERE name LIKE 'pressure_text_%'"
        )[0]
        assert text["c"] > 0 and text["n"] >= 1
        levers = [
            t for r in context["pressure"]["KAZ"] for t in r["text"].values() if r["power"] is None
        ]
        assert levers and all(t["n"] > 0 for t in levers)
        # alerts few enough to read: the minimum-magnitude rule on the interaction weights
        monthly = [a for a in steppe.read.alerts(store) if a["series"].startswith("interaction")]
        assert 0 < len(monthly) <= 30
    assert context["headline"] in out  # the headline table's title
    html = (tmp_path / "out" / "report.html").read_text()
    assert context["headline"] in html and "data as of" in html.lower()
    assert "2024-02-23" in html  # the GDELT dyads' last day, in the sources table
    pressure = html[html.index('id="pressure"') : html.index('id="dependence"')]
    assert re.search(r"<td class=\"num\">\d+ / [1-9]\d*</td>", pressure)  # docs / n


def test_serve_binds_loopback_by_default(db: Path) -> None:
    import inspect

    from steppe.cli import serve

    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
    result = runner.invoke(app, ["serve"])
    assert result.exit_code == 1 and "no store at" in result.stderr


SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"


def test_simulate_json_is_deterministic_and_stored(db: Path) -> None:
    path = str(SCENARIOS / "forum_institutionalisation.yaml")
    a = json.loads(run("simulate", path, "--runs", "200", "--seed", "5", "--json"))
    b = json.loads(run("simulate", path, "--runs", "200", "--seed", "5", "--json", "--no-store"))
    assert a["outcome_median"] == b["outcome_median"] and a["run_id"] and b["run_id"] is None
    assert 0 <= a["threshold_probability"]["robust organisation"] <= 1
    info = json.loads(run("info", "--json"))
    assert info["path"].endswith("cli.duckdb")
    with steppe.Store(db, read_only=True) as store:
        assert [r["run_id"] for r in steppe.read.scenario_runs(store)] == [a["run_id"]]


def test_simulate_reports_bad_scenario(db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "name: x\nrounds: 2\ndimensions: [{name: d}]\nactors:\n"
        "  - {code: A, capability: 1, position: {d: 50}, salience: {d: 3}}\n"
        "  - {code: B, capability: 1, position: {d: 20}, salience: {d: 0.5}}\n"
    )
    result = runner.invoke(app, ["simulate", str(bad)])
    assert result.exit_code == 1
    assert "bad.yaml: actors[0].salience.d" in result.stderr


def test_reference_unvotes_and_alignment_indicators(db: Path) -> None:
    out = run("ingest", "reference", "--kind", "unvotes", "--json")
    assert json.loads(out)[0]["quarantined"] == 0
    run("measure")
    rows = json.loads(
        run(
            "indicators", "--name", "vote_agreement", "--actor", "KAZ", "--partner", "RUS", "--json"
        )
    )
    assert rows and rows[0]["period"] == "1992" and all(0 <= r["value"] <= 1 for r in rows)
    alerts = json.loads(run("alerts", "--json"))
    assert alerts and all(
        a["kind"] in ("spike", "shift") and a["actor"] in steppe.FOCAL_STATES for a in alerts
    )
    assert [a["date"] for a in alerts] == sorted((a["date"] for a in alerts), reverse=True)
    assert set(alerts[0]) >= {"actor", "partner", "date", "kind", "direction", "magnitude"}
    shifts = json.loads(run("alerts", "--actor", "KAZ", "--kind", "shift", "--json"))
    assert shifts and {(a["actor"], a["kind"]) for a in shifts} == {("KAZ", "shift")}
    late = json.loads(run("alerts", "--since", "2015-01-01", "--json"))
    assert late and min(a["date"] for a in late) >= "2015-01-01"
    result = runner.invoke(app, ["alerts", "--kind", "bump"])
    assert result.exit_code == 2 and "spike or shift" in result.stderr
    result = runner.invoke(app, ["ingest", "reference", "--kind", "bsv"])
    assert result.exit_code == 1 and "needs a PATH" in result.stderr


@pytest.mark.shared
def test_eval_ktab(db: Path, shared: Path) -> None:
    k = shared / "ktab_examples"
    out = json.loads(
        run(
            "eval",
            "ktab",
            str(k / "reference_outputs" / "20170530_ref-dummyData_3Dim.txt.gz"),
            str(k / "inputs" / "dummyData_3Dim.csv"),
            "--json",
        )
    )
    assert out["mae_position"] >= 0 and "per_actor" in out


def test_ingest_news(db: Path) -> None:
    cases = Path(__file__).resolve().parent / "cases" / "news"
    result = runner.invoke(app, ["ingest", "news", str(cases), "--date", "2024-05-01"])
    assert result.exit_code == 0, result.output
    assert "documents loaded" in result.stdout
    assert "unparseable XML" in result.stderr and "record None" not in result.stderr
    again = runner.invoke(app, ["ingest", "news", str(cases)])
    assert " 0 documents loaded" in " " + again.stdout.splitlines()[-1]
    bad = runner.invoke(app, ["ingest", "news", str(cases), "--jsonl-field", "text"])
    assert bad.exit_code == 1 and "expected ROLE=FIELD" in bad.stderr


def test_events_listing(db: Path) -> None:
    run("demo", "--out", str(db.parent / "demo-out"))
    demo_db = str(db.parent / "demo-out" / "steppe.duckdb")
    rows = json.loads(
        run(
            "--db",
            demo_db,
            "events",
            "--actor",
            "KAZ",
            "--partner",
            "CHN",
            "--since",
            "2014-01-01",
            "--json",
        )
    )
    assert rows and all(r["date"] >= "2014-01-01" for r in rows)
    assert all({r["source_actor"], r["target_actor"]} == {"KAZ", "CHN"} for r in rows)
    assert rows == sorted(rows, key=lambda r: (r["date"], r["event_id"]), reverse=True)


@pytest.mark.shared
def test_code_news(db: Path, shared: Path) -> None:
    run("ingest", "news", str(shared / "news_central_asia_migration"))
    first = json.loads(
        run("code", "--dictionaries", str(shared / "petrarch2_dictionaries"), "--json")
    )
    # undated items are quarantined, never dated by the day they were coded (issue 14)
    assert first["events_written"] > 100 and first["undated_quarantined"] > 0
    assert first["coded"] + first["undated_quarantined"] == first["documents"]
    quarantined = json.loads(run("info", "--json"))["tables"]["quarantine"]
    again = json.loads(
        run("code", "--dictionaries", str(shared / "petrarch2_dictionaries"), "--json")
    )
    assert again["events_written"] == 0
    assert json.loads(run("info", "--json"))["tables"]["quarantine"] == quarantined
    rows = json.loads(run("events", "--origin", "coder", "--limit", "5", "--json"))
    assert rows and all(r["sentence"] and r["doc_id"] for r in rows)
