"""What moves a scenario's outcome: each shock's effect and one-at-a-time sensitivity.

Both compare runs on the *same* drawn inputs (common random numbers): the inputs are drawn once
from the seed, then changed in one respect only, so a difference is the change's effect and not
a different draw.

* :func:`shock_effects` re-runs the scenario without each shock in turn (and without any), and
  reports each shock's effect on the final outcome and on every threshold probability.
* :func:`sensitivity` perturbs each actor's position, capability and salience down and up, one at
  a time, and reports how far each moves the final outcome (median over runs) and each threshold
  probability — the numbers behind a tornado chart.

>>> from steppe.scenarios.schema import parse_scenario
>>> s = parse_scenario({"name": "t", "rounds": 3, "runs": 20, "dimensions": [{"name": "x"}],
...     "actors": [
...         {"code": "A", "capability": 3, "position": {"x": 70}, "salience": {"x": 0.9}},
...         {"code": "B", "capability": 1, "position": {"x": 10}, "salience": {"x": 0.5}},
...         {"code": "C", "capability": 2, "position": {"x": 40}, "salience": {"x": 0.7}}],
...     "shocks": [{"round": 2, "actor": "A", "field": "capability", "multiply": 0.2}]})
>>> eff = shock_effects(s)
>>> [e["shock"] for e in eff]
['all shocks', 'without: A capability x 0.2']
>>> rows = sensitivity(s)
>>> sorted({(r["actor"], r["field"]) for r in rows})[:2]
[('A', 'capability'), ('A', 'position')]
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import numpy as np

from steppe.scenarios.montecarlo import Batch, Inputs, draw_inputs, run_inputs
from steppe.scenarios.results import OPS, SimulationResult, shock_label
from steppe.scenarios.schema import Scenario

POSITION_STEP = 0.10
"""position perturbation, as a share of the dimension's scale (±10 points on 0-100)"""
CAPABILITY_FACTOR = 0.25
"""capability perturbation, relative (×0.75 and ×1.25)"""
SALIENCE_STEP = 0.10
"""salience perturbation, absolute on 0-1 (clipped)"""


def _summary(scenario: Scenario, batch: Batch) -> dict[str, Any]:
    """Final outcome (median over runs), final weighted mean and threshold probabilities."""
    final = batch.outcome[:, -1, :]
    probs = {}
    for t in scenario.thresholds:
        d = batch.dimensions.index(t.dimension)
        probs[t.name] = round(float(np.mean(OPS[t.op](final[:, d], t.value))), 6)
    return {
        "outcome": {
            d: round(float(np.median(final[:, i])), 6) for i, d in enumerate(batch.dimensions)
        },
        "mean": {
            d: round(float(np.median(batch.mean[:, -1, i])), 6)
            for i, d in enumerate(batch.dimensions)
        },
        "thresholds": probs,
    }


def _runs_seed(scenario: Scenario, runs: int | None, seed: int | None) -> tuple[int, int]:
    return (scenario.runs if runs is None else runs, scenario.seed if seed is None else seed)


def shock_effects(
    scenario: Scenario, runs: int | None = None, seed: int | None = None
) -> list[dict[str, Any]]:
    """The scenario with all its shocks, without each shock in turn, and without any, on the
    same drawn inputs. Each row: ``shock`` (what was left out), ``round``, ``outcome`` and
    ``mean`` (per dimension, final round, median over runs), ``thresholds`` (probabilities), and
    ``effect`` — the row "all shocks" minus this row, i.e. what the left-out shock(s) did."""
    n, sd = _runs_seed(scenario, runs, seed)
    inputs = draw_inputs(scenario, n, sd)
    ordered = sorted(scenario.shocks, key=lambda s: s.round)  # the order of inputs.shocks
    base = _summary(scenario, run_inputs(scenario, inputs, seed=sd))
    rows = [{"shock": "all shocks", "round": None, **base, "effect": None}]
    cases: list[tuple[str, int | None, tuple[int, ...]]] = [
        (f"without: {shock_label(sh)}", sh.round, (i,)) for i, sh in enumerate(ordered)
    ]
    if len(ordered) > 1:
        cases.append(("without any shock", None, tuple(range(len(ordered)))))
    for label, rnd, drop in cases:
        kept = tuple(s for i, s in enumerate(inputs.shocks) if i not in drop)
        changed = dataclasses.replace(inputs, shocks=kept)
        got = _summary(scenario, run_inputs(scenario, changed, seed=sd))
        rows.append({"shock": label, "round": rnd, **got, "effect": _diff(base, got)})
    return rows


def _diff(base: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    return {
        "outcome": {d: round(v - other["outcome"][d], 6) for d, v in base["outcome"].items()},
        "thresholds": {
            k: round(v - other["thresholds"][k], 6) for k, v in base["thresholds"].items()
        },
    }


def _perturbed(inputs: Inputs, actor: int, field: str, sign: int) -> Inputs:
    if field == "position":
        span = inputs.highs - inputs.lows
        pos = inputs.position.copy()
        pos[:, actor, :] = np.clip(
            pos[:, actor, :] + sign * POSITION_STEP * span, inputs.lows, inputs.highs
        )
        return dataclasses.replace(inputs, position=pos)
    if field == "capability":
        cap = inputs.capability.copy()
        cap[:, actor] *= 1.0 + sign * CAPABILITY_FACTOR
        return dataclasses.replace(inputs, capability=cap)
    sal = inputs.salience.copy()
    sal[:, actor, :] = np.clip(sal[:, actor, :] + sign * SALIENCE_STEP, 0.0, 1.0)
    return dataclasses.replace(inputs, salience=sal)


def sensitivity(
    scenario: Scenario,
    runs: int | None = None,
    seed: int | None = None,
    fields: Sequence[str] = ("position", "capability", "salience"),
) -> list[dict[str, Any]]:
    """One-at-a-time sensitivity: for every actor (those added by shocks included) and field,
    the final outcome and threshold probabilities with the field lowered and raised (position
    ±10 % of the scale on every dimension, capability ×0.75 / ×1.25, salience ±0.1), on the same
    drawn inputs as the baseline. Rows are sorted by the largest swing first; each has
    ``actor, field, change, base, low, high, swing`` per dimension and ``thresholds`` with the
    same per threshold."""
    n, sd = _runs_seed(scenario, runs, seed)
    inputs = draw_inputs(scenario, n, sd)
    base = _summary(scenario, run_inputs(scenario, inputs, seed=sd))
    change = {
        "position": f"±{POSITION_STEP:.0%} of the scale",
        "capability": f"×{1 - CAPABILITY_FACTOR:g} / ×{1 + CAPABILITY_FACTOR:g}",
        "salience": f"±{SALIENCE_STEP:g}",
    }
    rows: list[dict[str, Any]] = []
    for i, code in enumerate(inputs.actors):
        for field in fields:
            lo = _summary(scenario, run_inputs(scenario, _perturbed(inputs, i, field, -1), seed=sd))
            hi = _summary(scenario, run_inputs(scenario, _perturbed(inputs, i, field, +1), seed=sd))
            dims = {
                d: {
                    "base": base["outcome"][d],
                    "low": lo["outcome"][d],
                    "high": hi["outcome"][d],
                    "swing": round(abs(hi["outcome"][d] - lo["outcome"][d]), 6),
                }
                for d in base["outcome"]
            }
            thr = {
                k: {
                    "base": v,
                    "low": lo["thresholds"][k],
                    "high": hi["thresholds"][k],
                    "swing": round(abs(hi["thresholds"][k] - lo["thresholds"][k]), 6),
                }
                for k, v in base["thresholds"].items()
            }
            rows.append(
                {
                    "actor": code,
                    "field": field,
                    "change": change[field],
                    "outcome": dims,
                    "thresholds": thr,
                    "swing": max(v["swing"] for v in dims.values()),
                }
            )
    rows.sort(key=lambda r: (-r["swing"], r["actor"], r["field"]))
    return rows


def with_sensitivity(
    result: SimulationResult, scenario: Scenario, runs: int | None = None
) -> SimulationResult:
    """``result`` with the one-at-a-time sensitivity of ``scenario`` attached (same seed;
    ``runs`` defaults to the result's), so that it is stored and drawn with the run.

    >>> from steppe.scenarios.runner import simulate
    >>> from steppe.scenarios.schema import parse_scenario
    >>> s = parse_scenario({"name": "t", "rounds": 2, "runs": 10, "dimensions": [{"name": "x"}],
    ...     "actors": [
    ...         {"code": "A", "capability": 3, "position": {"x": 70}, "salience": {"x": 0.9}},
    ...         {"code": "B", "capability": 1, "position": {"x": 10}, "salience": {"x": 0.5}}]})
    >>> r = with_sensitivity(simulate(s), s, runs=5)
    >>> len(r.sensitivity), r.sensitivity_runs
    (6, 5)
    """
    n = result.runs if runs is None else runs
    rows = sensitivity(scenario, runs=n, seed=result.seed)
    return dataclasses.replace(result, sensitivity=tuple(rows), sensitivity_runs=n)
