"""BDM and SMP on hand-checked cases; Monte Carlo determinism; shocks; thresholds; store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import steppe
from steppe.domain.errors import ScenarioError
from steppe.scenarios.bdm import (
    bdm_round,
    expected_utilities,
    median_voter,
    risk_exponents,
    win_probability,
)
from steppe.scenarios.montecarlo import draw_inputs, run_batch, sweep
from steppe.scenarios.runner import simulate, store_run
from steppe.scenarios.schema import Scenario, load_scenario, parse_scenario
from steppe.scenarios.smp import SMPParams, pce, smp_round, winning_probabilities

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "scenarios").glob("*.yaml"))


def scenario(**extra: Any) -> Scenario:
    base: dict[str, Any] = {
        "name": "t",
        "rounds": 4,
        "runs": 200,
        "seed": 3,
        "dimensions": [{"name": "x"}],
        "actors": [
            {"code": "A", "capability": 3, "position": {"x": 20}, "salience": {"x": 0.8}},
            {
                "code": "B",
                "capability": {"dist": "uniform", "low": 1, "high": 4},
                "position": {"x": 70},
                "salience": {"x": 0.6},
            },
            {
                "code": "C",
                "capability": 2,
                "position": {"x": {"dist": "normal", "mean": 90, "sd": 5}},
                "salience": {"x": 0.9},
            },
        ],
    }
    base.update(extra)
    return parse_scenario(base)


# -- BDM by hand ------------------------------------------------------------------------------
def test_median_voter_three_actors_by_hand() -> None:
    # weights c*s: 2, 1, 2.5 at 0, 40, 100. D(0) = 40 + 250 = 290; D(40) = 80 + 150 = 230;
    # D(100) = 200 + 60 = 260 -> 40 beats both others pairwise.
    x = np.array([[0.0, 40.0, 100.0]])
    assert median_voter(x, np.array([[2.0, 1.0, 2.5]])).tolist() == [40.0]
    # a heavy extreme actor (weight > half the total) is the median
    assert median_voter(x, np.array([[6.0, 1.0, 2.5]])).tolist() == [0.0]


def test_median_voter_is_condorcet_winner_on_random_cases() -> None:
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 100, (200, 7))
    w = rng.uniform(0.1, 1, (200, 7))
    med = median_voter(x, w)
    for r in range(200):
        j = int(np.flatnonzero(x[r] == med[r])[0])
        for k in range(7):
            votes = (w[r] * (np.abs(x[r] - x[r, k]) - np.abs(x[r] - x[r, j]))).sum()
            assert votes >= -1e-9


def test_probability_of_success_by_hand() -> None:
    # x = (0, 10, 4), w = (1, 1, 2). Pair (0 vs 10): votes 10, -10, 2*(6-4)=4 -> 14/24
    p = win_probability(np.array([[0.0, 10.0, 4.0]]), np.array([[1.0, 1.0, 2.0]]))
    assert p[0, 0, 1] == pytest.approx(14 / 24)
    assert p[0, 0, 1] + p[0, 1, 0] == pytest.approx(1.0)
    assert p[0, 2, 1] == pytest.approx(18 / 24)


def test_expected_utility_by_hand() -> None:
    # risk-neutral (r = 1): U_s = 2d, U_f = -2d, U_sq = 0; d = 1 between the two actors.
    x = np.array([[0.0, 100.0]])
    s = np.array([[1.0, 0.5]])
    p = win_probability(x, s)  # actor 0 votes 1 * 100 for itself, actor 1 0.5 * 100 against
    assert p[0, 0, 1] == pytest.approx(2 / 3)
    a, b = expected_utilities(x, s, p, np.ones((1, 2)), 100.0)
    # EU^0(0->1) = s_1 (P_01 U_s + (1 - P_01) U_f) + (1 - s_1) U_s = 0.5 (4/3 - 2/3) + 1
    assert a[0, 0, 1] == pytest.approx(4 / 3)
    # EU^0(1->0) = s_0 (P_10 U_s + (1 - P_10) U_f) = 2/3 - 4/3
    assert b[0, 0, 1] == pytest.approx(-2 / 3)


def test_risk_exponents_bounds() -> None:
    rng = np.random.default_rng(1)
    x = rng.uniform(0, 100, (50, 6))
    s = rng.uniform(0.1, 1, (50, 6))
    _, r = risk_exponents(x, s, win_probability(x, s), 100.0, np.ones(6, bool))
    assert r.min() >= 0.5 - 1e-12 and r.max() <= 2 + 1e-12
    assert np.isclose(r.min(axis=1), 0.5).all() and np.isclose(r.max(axis=1), 2.0).all()


def test_bdm_positions_stay_within_hull() -> None:
    rng = np.random.default_rng(2)
    x = rng.uniform(0, 100, (100, 8))
    c = rng.uniform(0.1, 1, (100, 8))
    s = rng.uniform(0.1, 1, (100, 8))
    new = bdm_round(x, c, s, 100.0).new_x
    assert (new >= x.min(axis=1, keepdims=True) - 1e-9).all()
    assert (new <= x.max(axis=1, keepdims=True) + 1e-9).all()


def test_inactive_actor_has_no_influence() -> None:
    x = np.array([[0.0, 40.0, 100.0]])
    w = np.array([[2.0, 1.0, 2.5]])
    assert median_voter(x, w, np.array([True, False, True])).tolist() == [100.0]


# -- SMP ----------------------------------------------------------------------------------------
def test_smp_symmetric_case() -> None:
    z = np.array([[[0.0], [0.5], [1.0]]])
    sal = np.ones((1, 3, 1))
    w = np.ones((1, 3))
    prob = winning_probabilities(z, w, sal)
    assert prob[0, 0] == pytest.approx(prob[0, 2])
    assert prob[0].sum() == pytest.approx(1.0)
    assert winning_probabilities(z, np.array([[1.0, 2.0, 1.0]]), sal)[0, 1] > prob[0, 1]
    markov = winning_probabilities(z, w, sal, params=SMPParams(pce="markov"))
    assert markov[0].sum() == pytest.approx(1.0)
    rnd = smp_round(z, w, sal)
    assert rnd.outcome[0, 0] == pytest.approx(0.5)


def test_smp_stochastic_is_seeded() -> None:
    rng = np.random.default_rng(3)
    z, c, sal = rng.random((4, 6, 2)), rng.random((4, 6)) + 0.5, rng.random((4, 6, 2))
    prm = SMPParams(transitions="stochastic")
    a = smp_round(z, c, sal, params=prm, seed=7).new_z
    assert np.array_equal(a, smp_round(z, c, sal, params=prm, seed=7).new_z)
    assert not np.array_equal(a, smp_round(z, c, sal, params=prm, seed=8).new_z)


def test_smp_unknown_pce() -> None:
    with pytest.raises(ScenarioError, match="unknown PCE"):
        pce(np.ones((1, 2, 2)), "borda")
    with pytest.raises(ScenarioError, match="unknown SMP voting"):
        SMPParams.from_params({"voting": "borda"})


# -- Monte Carlo ----------------------------------------------------------------------------------
def test_same_seed_same_numbers_different_seed_differs() -> None:
    s = scenario()
    a, b, c = draw_inputs(s, 100, 5), draw_inputs(s, 100, 5), draw_inputs(s, 100, 6)
    assert np.array_equal(a.capability, b.capability)
    assert np.array_equal(a.position, b.position)
    assert not np.array_equal(a.capability, c.capability)
    assert simulate(s, seed=5) == simulate(s, seed=5)
    assert simulate(s, seed=5).final_position_q95 != simulate(s, seed=6).final_position_q95


def test_chunking_does_not_change_results() -> None:
    from steppe.scenarios.montecarlo import run_inputs

    s = scenario()
    inp = draw_inputs(s, 50, 1)
    assert np.array_equal(run_inputs(s, inp, chunk=7).outcome, run_inputs(s, inp).outcome)


def test_shocks_add_remove_and_change() -> None:
    s = scenario(
        rounds=3,
        shocks=[
            {"round": 1, "actor": "C", "field": "capability", "multiply": 0.0},
            {
                "round": 2,
                "add_actor": {
                    "code": "D",
                    "capability": 50,
                    "position": {"x": 5},
                    "salience": {"x": 1},
                },
            },
            {"round": 3, "remove_actor": "B"},
        ],
    )
    r = simulate(s, runs=20)
    assert r.actors == ("A", "B", "C", "D")
    assert r.active_at_end == ("A", "C", "D")
    # D's weight (50) exceeds everyone else's together: its position wins from round 2 on
    assert r.outcome_median["x"][2] == pytest.approx(5.0)
    assert r.outcome_median["x"][3] == pytest.approx(5.0)


def test_position_shock_on_scale() -> None:
    s = scenario(
        rounds=1,
        dimensions=[{"name": "x", "min": 10, "max": 20}],
        actors=[
            {"code": "A", "capability": 9, "position": {"x": 12}, "salience": {"x": 1}},
            {"code": "B", "capability": 1, "position": {"x": 18}, "salience": {"x": 0.1}},
        ],
        shocks=[{"round": 1, "actor": "A", "field": "position", "set": 15}],
    )
    r = simulate(s, runs=3)
    assert r.outcome_median["x"] == (12.0, 15.0)


def test_thresholds_probability() -> None:
    s = scenario(
        rounds=1,
        thresholds=[
            {"name": "always", "dimension": "x", "op": ">=", "value": 0},
            {"name": "never", "dimension": "x", "op": ">", "value": 100},
        ],
    )
    r = simulate(s, runs=30)
    assert r.threshold_probability == {"always": 1.0, "never": 0.0}


def test_progress_reports_fractions() -> None:
    seen: list[float] = []
    simulate(scenario(), runs=10, progress=seen.append)
    assert seen[-1] == 1.0 and all(0 <= f <= 1 for f in seen) and seen == sorted(seen)


def test_result_fields_for_fan_chart() -> None:
    r = simulate(scenario(), runs=100)
    assert r.rounds_index == (0, 1, 2, 3, 4)
    for q in (r.outcome_q05, r.outcome_median, r.outcome_q95):
        assert len(q["x"]) == 5
    assert all(
        lo <= m <= hi
        for lo, m, hi in zip(
            r.outcome_q05["x"], r.outcome_median["x"], r.outcome_q95["x"], strict=True
        )
    )
    json.dumps(r.to_dict())


def test_sweep_params_and_seeds() -> None:
    res = sweep(scenario(), {"rounds": [1, 2], "A.capability": [1, 10]}, seeds=[1, 2], runs=10)
    assert [(r.rounds, r.params["A.capability"], r.seed) for r in res] == [
        (1, 1, 1),
        (1, 1, 2),
        (1, 10, 1),
        (1, 10, 2),
        (2, 1, 1),
        (2, 1, 2),
        (2, 10, 1),
        (2, 10, 2),
    ]
    with pytest.raises(ScenarioError, match="unknown sweep parameter"):
        sweep(scenario(), {"Z.capability": [1]}, seeds=[1])
    with pytest.raises(ScenarioError, match="unknown backend"):
        sweep(scenario(), {}, seeds=[1], backend="ray")


def test_sweep_dask_backend() -> None:
    pytest.importorskip("dask.distributed")
    serial = sweep(scenario(), {"A.capability": [1, 10]}, seeds=[1], runs=10)
    dask = sweep(scenario(), {"A.capability": [1, 10]}, seeds=[1], runs=10, backend="dask")
    assert dask == serial


def test_runs_must_be_positive() -> None:
    with pytest.raises(ScenarioError, match="runs must be >= 1"):
        run_batch(scenario(), runs=0)


# -- store ------------------------------------------------------------------------------------
def test_store_run_writes_a_row(store: steppe.Store) -> None:
    r = simulate(scenario(), runs=10)
    run_id = store_run(store, r)
    rows = store.query("SELECT * FROM scenario_runs")
    assert len(rows) == 1 and rows[0]["run_id"] == run_id
    assert rows[0]["scenario"] == "t" and rows[0]["seed"] == 3
    assert json.loads(rows[0]["params"])["runs"] == 10
    assert json.loads(rows[0]["outcome"])["outcome_median"]["x"] == list(r.outcome_median["x"])


# -- examples ---------------------------------------------------------------------------------
def test_examples_exist() -> None:
    assert {p.stem for p in EXAMPLES} >= {
        "forum_institutionalisation",
        "trans_caspian_corridor",
        "water_sharing",
        "russian_hybrid_pressure",
    }


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_loads_and_simulates(path: Path) -> None:
    s = load_scenario(path)
    assert s.thresholds and s.notes
    r = simulate(s, runs=50)
    assert set(r.threshold_probability) == {t.name for t in s.thresholds}
    for d in s.dimensions:
        assert all(d.min <= v <= d.max for v in r.outcome_median[d.name])
