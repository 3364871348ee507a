"""Actor paths: every actor's position per round is kept with the run and drawn, with the
shock rounds marked on every chart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from steppe.report.html import scenario_charts
from steppe.scenarios import load_scenario, simulate, store_run
from steppe.scenarios.schema import parse_scenario
from steppe.store import Store

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"


def _toy() -> dict[str, object]:
    return {
        "name": "toy",
        "rounds": 5,
        "runs": 40,
        "seed": 2,
        "dimensions": [{"name": "x"}],
        "actors": [
            {"code": "A", "capability": 3, "position": {"x": 80}, "salience": {"x": 0.9}},
            {"code": "B", "capability": 1, "position": {"x": 10}, "salience": {"x": 0.5}},
            {
                "code": "C",
                "capability": 2,
                "position": {"x": {"dist": "uniform", "low": 30, "high": 50}},
                "salience": {"x": 0.7},
            },
        ],
        "shocks": [
            {"round": 2, "add_actor": {"code": "D", "capability": 1, "position": {"x": 60},
                                       "salience": {"x": 0.6}}},
            {"round": 3, "actor": "A", "field": "capability", "multiply": 0.5},
            {"round": 4, "remove_actor": "B"},
        ],
    }  # fmt: skip


def test_paths_have_every_round_and_respect_membership() -> None:
    r = simulate(parse_scenario(_toy()))
    for a in r.actors:
        assert len(r.path_median[a]["x"]) == r.rounds + 1
    assert r.path_median["D"]["x"][:2] == (None, None) and r.path_median["D"]["x"][2] == 60.0
    assert r.path_median["B"]["x"][4:] == (None, None)
    assert r.path_median["A"]["x"][0] == 80.0
    for a in ("A", "C"):  # the band holds the median
        for lo, med, hi in zip(
            r.path_q05[a]["x"], r.path_median[a]["x"], r.path_q95[a]["x"], strict=True
        ):
            assert lo is not None and hi is not None and med is not None
            assert lo <= med <= hi
    assert [s["round"] for s in r.shocks] == [2, 3, 4]
    assert r.shocks[1]["label"] == "A capability x 0.5"


def test_paths_stored_with_the_run_and_drawn_with_shock_marks() -> None:
    r = simulate(parse_scenario(_toy()))
    with Store(":memory:") as st:
        store_run(st, r)
        row = st.query("SELECT scenario, outcome FROM scenario_runs")[0]
    stored = json.loads(row["outcome"])
    assert stored["path_median"]["C"]["x"] == list(r.path_median["C"]["x"])
    charts = scenario_charts(row)
    assert len(charts) == 2  # the fan chart and the paths chart
    for svg in charts:
        assert svg.count('<g class="shock">') == 3
        assert "round 3: A capability x 0.5" in svg
    assert all(f">{a}</text>" in charts[1] for a in "ABCD")


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.stem)
def test_example_charts_mark_every_shock(path: Path) -> None:
    scen = load_scenario(path)
    r = simulate(scen, runs=30)
    charts = scenario_charts({"scenario": r.scenario, "outcome": r.outcome()})
    rounds = {sh.round for sh in scen.shocks}
    for svg in charts:
        assert svg.count('<g class="shock">') == len(rounds)
