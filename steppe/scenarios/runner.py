"""Simulate a scenario and keep the result in the store.

>>> from steppe.scenarios.schema import parse_scenario
>>> s = parse_scenario({"name": "toy", "rounds": 3, "runs": 50, "seed": 7,
...     "dimensions": [{"name": "x", "meaning": "0 = no, 100 = yes"}],
...     "thresholds": [{"name": "yes", "dimension": "x", "op": ">=", "value": 50}],
...     "actors": [
...         {"code": "A", "capability": 3, "position": {"x": 80}, "salience": {"x": 0.9}},
...         {"code": "B", "capability": 1, "position": {"x": 10}, "salience": {"x": 0.5}},
...         {"code": "C", "capability": {"dist": "uniform", "low": 0.5, "high": 3},
...          "position": {"x": 40}, "salience": {"x": 0.7}}]})
>>> r = simulate(s)
>>> r.outcome_median["x"][0], r.threshold_probability == simulate(s).threshold_probability
(80.0, True)
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

from steppe.domain.errors import ScenarioError
from steppe.scenarios.montecarlo import Progress, run_batch
from steppe.scenarios.results import SimulationResult, summarise
from steppe.scenarios.schema import MAX_SEED, Scenario, scale_problem
from steppe.store import Store
from steppe.store.reference import insert_rows

__all__ = ["SimulationResult", "simulate", "store_run"]


def simulate(
    scenario: Scenario,
    runs: int | None = None,
    seed: int | None = None,
    progress: Progress | None = None,
) -> SimulationResult:
    """Run the scenario's Monte Carlo (``runs`` and ``seed`` default to the scenario's) and
    summarise it. ``progress``, if given, is called with the fraction done (0..1)."""
    n = scenario.runs if runs is None else runs
    sd = scenario.seed if seed is None else seed
    problem = scale_problem(scenario, n)
    if problem:
        raise ScenarioError(f"{scenario.name}: {problem}")
    if not 0 <= sd <= MAX_SEED:
        raise ScenarioError(f"{scenario.name}: seed {sd} is outside 0..{MAX_SEED}")
    batch = run_batch(scenario, n, sd, progress)
    if progress is not None:
        progress(1.0)
    return summarise(scenario, batch, seed=sd, runs=n)


def store_run(store: Store, result: SimulationResult) -> str:
    """Write one row into ``scenario_runs`` and return its ``run_id``.

    >>> from steppe.scenarios.schema import parse_scenario
    >>> from steppe.store import Store
    >>> s = parse_scenario({"name": "toy", "rounds": 1, "runs": 5, "seed": 7,
    ...     "dimensions": [{"name": "x"}], "actors": [
    ...         {"code": "A", "capability": 1, "position": {"x": 80}, "salience": {"x": 1}},
    ...         {"code": "B", "capability": 1, "position": {"x": 10}, "salience": {"x": 1}}]})
    >>> r = simulate(s)
    >>> with Store(":memory:") as st:
    ...     rid = store_run(st, r)
    ...     st.query("SELECT scenario, seed FROM scenario_runs")
    [{'scenario': 'toy', 'seed': 7}]
    """
    run_id = uuid.uuid4().hex
    insert_rows(
        store,
        "scenario_runs",
        [
            {
                "run_id": run_id,
                "scenario": result.scenario,
                "seed": result.seed,
                "params": json.dumps(dict(result.params), sort_keys=True, default=str),
                "outcome": json.dumps(result.outcome(), sort_keys=True, default=str),
                "created_at": datetime.now(UTC).replace(tzinfo=None),
            }
        ],
    )
    return run_id
