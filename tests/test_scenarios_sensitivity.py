"""One-at-a-time sensitivity: each actor's position, capability and salience perturbed on the
same draws; tornado charts and tables in the report and the dashboard."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from steppe.cli import app
from steppe.report.html import scenario_charts, sensitivity_table
from steppe.scenarios import sensitivity, simulate, store_run, with_sensitivity
from steppe.scenarios.schema import Scenario, parse_scenario
from steppe.store import Store


def _scenario(**extra: Any) -> Scenario:
    data: dict[str, Any] = {
        "name": "dominant",
        "rounds": 3,
        "runs": 30,
        "seed": 4,
        "dimensions": [{"name": "x"}],
        "thresholds": [{"name": "above 25", "dimension": "x", "op": ">=", "value": 25}],
        "actors": [
            {"code": "A", "capability": 10, "position": {"x": 20}, "salience": {"x": 1.0}},
            {
                "code": "B",
                "capability": {"dist": "uniform", "low": 0.5, "high": 1},
                "position": {"x": 80},
                "salience": {"x": 0.5},
            },
        ],
    }
    data.update(extra)
    return parse_scenario(data)


def test_dominant_actor_position_moves_outcome_and_threshold() -> None:
    rows = sensitivity(_scenario())
    assert {(r["actor"], r["field"]) for r in rows} == {
        (a, f) for a in "AB" for f in ("position", "capability", "salience")
    }
    top = rows[0]  # widest swing first
    assert (top["actor"], top["field"]) == ("A", "position")
    x = top["outcome"]["x"]
    assert (x["base"], x["low"], x["high"], x["swing"]) == (20.0, 10.0, 30.0, 20.0)
    thr = top["thresholds"]["above 25"]
    assert (thr["base"], thr["low"], thr["high"]) == (0.0, 0.0, 1.0)
    # B is outweighed whatever its inputs: no swing
    assert all(r["swing"] == 0 for r in rows if r["actor"] == "B")


def test_same_draws_as_the_simulation() -> None:
    s = _scenario()
    base = simulate(s)
    rows = sensitivity(s, runs=s.runs, seed=s.seed)
    assert rows[0]["outcome"]["x"]["base"] == base.outcome_median["x"][-1]


def test_stored_and_drawn_as_tornado_with_table(tmp_path: Path) -> None:
    s = _scenario()
    r = with_sensitivity(simulate(s), s, runs=10)
    with Store(":memory:") as st:
        store_run(st, r)
        row = st.query("SELECT scenario, outcome FROM scenario_runs")[0]
    outcome = json.loads(row["outcome"])
    assert outcome["sensitivity_runs"] == 10 and len(outcome["sensitivity"]) == 6
    charts = scenario_charts(row)
    tornados = [c for c in charts if 'class="tornado"' in c]
    assert len(tornados) == 2  # the outcome on x, and P(above 25)
    assert "A position" in tornados[0] and "what moves P(above 25)" in tornados[1]
    table = sensitivity_table(outcome)
    assert table[0]["actor"] == "A" and table[0]["cells"][0] == "x: 10.0 / 30.0"


def test_cli_sensitivity_json(tmp_path: Path) -> None:
    path = tmp_path / "dominant.yaml"
    s = _scenario()
    path.write_text(json.dumps(s.model_dump(mode="json")), encoding="utf-8")  # JSON is YAML
    res = CliRunner().invoke(
        app,
        ["simulate", str(path), "--sensitivity", "--sensitivity-runs", "8", "--json", "--no-store"],
        env={"STEPPE_DB": str(tmp_path / "s.duckdb")},
    )
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["sensitivity_runs"] == 8 and out["sensitivity"][0]["actor"] == "A"
    text = CliRunner().invoke(
        app, ["simulate", str(path), "--sensitivity", "--no-store"],
        env={"STEPPE_DB": str(tmp_path / "s.duckdb")},
    )  # fmt: skip
    assert text.exit_code == 0 and "Sensitivity at the final round" in text.stdout


def test_report_and_dashboard_show_paths_shocks_and_tornado(tmp_path: Path) -> None:
    import steppe
    from steppe.report import write_report

    s = _scenario(shocks=[{"round": 2, "actor": "A", "field": "capability", "multiply": 0.5}])
    r = with_sensitivity(simulate(s), s, runs=10)
    db = tmp_path / "r.duckdb"
    with Store(db) as st:
        steppe.install_registry(st)
        store_run(st, r)
        html = write_report(st, tmp_path / "report.html").read_text(encoding="utf-8")
    for page in [html, _dashboard(db)]:
        assert 'class="fan"' in page and 'class="paths"' in page and 'class="tornado"' in page
        assert "round 2: A capability x 0.5" in page  # the shock, marked on the charts
        assert "Sensitivity, one input at a time (10 runs)" in page


def _dashboard(db: Path) -> str:
    import pytest

    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from steppe.web import create_app

    with TestClient(create_app(db)) as c:
        res = c.get("/scenarios")
        assert res.status_code == 200
        return str(res.text)


def test_a_threshold_no_input_moves_gets_a_sentence_not_an_empty_chart() -> None:
    from steppe.report.html import sensitivity_charts

    flat = {"base": 0.0, "low": 0.0, "high": 0.0}
    moved = {"base": 0.4, "low": 0.2, "high": 0.9}
    outcome = {
        "dimensions": ["x"],
        "sensitivity_runs": 10,
        "sensitivity": [
            {
                "actor": "A",
                "field": "position",
                "outcome": {"x": {"base": 50.0, "low": 40.0, "high": 60.0}},
                "thresholds": {"talking <shop>": flat, "above 25": moved},
            }
        ],
    }
    charts = sensitivity_charts(outcome, "s")
    assert sum('class="tornado"' in c for c in charts) == 2  # x and P(above 25)
    (note,) = [c for c in charts if 'class="tornado"' not in c]
    assert "P(talking &lt;shop&gt;) is 0 %" in note and "no input moves it" in note
