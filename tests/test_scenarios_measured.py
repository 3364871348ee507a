"""Starting positions from measured data: an indicator in the store, mapped as the scenario file
states, shown with the result; nothing falls back silently."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from steppe.cli import app
from steppe.domain.errors import ScenarioError
from steppe.scenarios import load_scenario, resolve_measured, simulate
from steppe.scenarios.schema import Normal
from steppe.store import Store

ROOT = Path(__file__).resolve().parent.parent
UNGA = ROOT / "scenarios" / "measured" / "russian_hybrid_pressure_unga.yaml"
POINTS = {  # ideal points by year (illustrative values written into a real store)
    "2015": {"RUS": 0.2, "KAZ": -0.4, "UZB": -0.43, "KGZ": -0.54, "TJK": -0.56, "TKM": -0.59},
    "2019": {"RUS": 0.18, "KAZ": -0.6, "UZB": -0.39, "KGZ": -0.78, "TJK": -0.62, "TKM": -0.66},
}


def _fill(store: Store) -> None:
    with store.transaction() as con:
        for period, values in POINTS.items():
            for actor, v in values.items():
                con.execute(
                    "INSERT INTO indicators (name, actor, partner, period, period_start, value, "
                    "method, computed_at) VALUES ('ideal_point', ?, NULL, ?, ?, ?, 'test', ?)",
                    [actor, period, date(int(period), 1, 1), v, datetime(2026, 1, 1)],
                )


def test_positions_from_ideal_point_distance() -> None:
    scen = load_scenario(UNGA)
    assert {m.actor for m in scen.measured} == {"KAZ", "UZB", "KGZ", "TJK", "TKM"}
    with pytest.raises(ScenarioError, match=r"measured\[0\] .* is not resolved"):
        simulate(scen, runs=5)
    with Store(":memory:") as st:
        _fill(st)
        resolved = resolve_measured(scen, st)
        rebased = resolve_measured(scen, st, period="2015")
    kaz = next(m for m in resolved.measured if m.actor == "KAZ")
    # |-0.6 - 0.18| = 0.78 on map 0..2 -> 100..0: 100 - 0.78 * 50 = 61
    assert (kaz.value, kaz.reference, kaz.position) == (0.78, 0.18, 61.0)
    spec = next(a for a in resolved.actors if a.code == "KAZ").position["alignment_with_russia"]
    assert isinstance(spec, Normal) and (spec.mean, spec.sd) == (61.0, 5.0)
    kaz15 = next(m for m in rebased.measured if m.actor == "KAZ")
    assert kaz15.period == "2015" and kaz15.position == pytest.approx(100 - 0.6 * 50)
    r = simulate(resolved, runs=50)
    assert r.measured[0]["actor"] == "KAZ" and r.measured[0]["position"] == 61.0
    assert r.measured[0]["map"] == {"from": [0.0, 2.0], "to": [100.0, 0.0]}


def test_missing_value_names_the_entry() -> None:
    with Store(":memory:") as st:
        _fill(st)
        with pytest.raises(ScenarioError, match=r"measured\[0\]: no 'ideal_point' value .* '2010'"):
            resolve_measured(load_scenario(UNGA), st, period="2010")


def test_cli_reads_the_store_and_shows_the_mapping(tmp_path: Path) -> None:
    db = tmp_path / "m.duckdb"
    with Store(db) as st:
        _fill(st)
    env = {"STEPPE_DB": str(db)}
    res = CliRunner().invoke(app, ["simulate", str(UNGA), "--runs", "20", "--json"], env=env)
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert [m["actor"] for m in out["measured"]] == ["KAZ", "UZB", "KGZ", "TJK", "TKM"]
    text = CliRunner().invoke(app, ["simulate", str(UNGA), "--runs", "20", "--period", "2015"],
                              env=env)  # fmt: skip
    assert text.exit_code == 0, text.output
    assert "Starting positions from measured data" in text.stdout and "2015" in text.stdout
    bad = CliRunner().invoke(app, ["simulate", str(UNGA), "--period", "1900"], env=env)
    assert bad.exit_code == 1 and "no 'ideal_point' value for KAZ in period '1900'" in bad.output


def test_split_vote_alignment_from_bundled_un_votes() -> None:
    import steppe
    from steppe.indicators.splitvote import compute_split_votes
    from steppe.ingest.reference import bundled_unvotes, ingest_reference
    from steppe.scenarios import parse_scenario

    scen = parse_scenario(
        {
            "name": "split",
            "dimensions": [{"name": "alignment_with_russia"}],
            "actors": [
                {"code": "KAZ", "capability": 1, "salience": {"alignment_with_russia": 1}},
                {"code": "RUS", "capability": 1, "position": {"alignment_with_russia": 95},
                 "salience": {"alignment_with_russia": 1}},
            ],
            "measured": [
                {"actor": "KAZ", "dimension": "alignment_with_russia", "indicator": "split_vote",
                 "partner": "RUS", "period": "2019", "map": {"from": [0, 1], "to": [0, 100]}}
            ],
        }
    )  # fmt: skip
    with Store(":memory:") as st:
        steppe.install_registry(st)
        ingest_reference(st, "unvotes", bundled_unvotes())
        compute_split_votes(st)
        stored = st.query(
            "SELECT value FROM indicators WHERE name = 'split_vote' AND actor = 'KAZ' "
            "AND partner = 'RUS' AND period = '2019'"
        )[0]["value"]
        m = resolve_measured(scen, st).measured[0]
    assert 0 < stored < 1 and m.value == pytest.approx(stored, abs=1e-6)
    assert m.position == pytest.approx(100 * stored, abs=1e-4) and m.partner == "RUS"
