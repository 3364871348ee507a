"""The summary of a simulation: outcome fan per dimension, threshold probabilities, actors'
final positions. Built from the raw arrays of :mod:`steppe.scenarios.montecarlo`."""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from steppe.scenarios.schema import Scenario, Shock

if TYPE_CHECKING:
    from steppe.scenarios.montecarlo import Batch

QUANTILES = (0.05, 0.5, 0.95)
OPS: dict[str, Callable[[Any, Any], Any]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
}


@dataclass(frozen=True)
class SimulationResult:
    """What a simulation found. Every mapping is keyed by dimension name (outcomes) or by actor
    code then dimension name (positions); every trajectory has ``rounds + 1`` values (round 0 is
    the forecast from the initial positions).

    The report's fan chart needs ``rounds_index`` (x axis), ``outcome_median``, ``outcome_q05``
    and ``outcome_q95`` (per dimension), ``dimension_scale`` (y axis range) and
    ``threshold_probability`` with ``thresholds`` (horizontal lines).
    """

    scenario: str
    model: str
    seed: int
    runs: int
    rounds: int
    params: Mapping[str, Any]
    dimensions: tuple[str, ...]
    dimension_scale: Mapping[str, tuple[float, float]]
    rounds_index: tuple[int, ...]
    outcome_median: Mapping[str, tuple[float, ...]]
    outcome_q05: Mapping[str, tuple[float, ...]]
    outcome_q95: Mapping[str, tuple[float, ...]]
    thresholds: tuple[Mapping[str, Any], ...]
    threshold_probability: Mapping[str, float]
    actors: tuple[str, ...]
    active_at_end: tuple[str, ...]
    final_position_median: Mapping[str, Mapping[str, float]]
    final_position_q05: Mapping[str, Mapping[str, float]]
    final_position_q95: Mapping[str, Mapping[str, float]]
    notes: tuple[str, ...] = field(default=())
    mean_median: Mapping[str, tuple[float, ...]] = field(default_factory=dict)
    """per dimension and round, the median over runs of the capability x salience weighted
    mean position of the actors taking part"""
    path_median: Mapping[str, Mapping[str, tuple[float | None, ...]]] = field(default_factory=dict)
    """actor -> dimension -> per round, the median over runs of the actor's position (None in
    rounds the actor does not take part in: not yet added, or removed)"""
    path_q05: Mapping[str, Mapping[str, tuple[float | None, ...]]] = field(default_factory=dict)
    path_q95: Mapping[str, Mapping[str, tuple[float | None, ...]]] = field(default_factory=dict)
    shocks: tuple[Mapping[str, Any], ...] = field(default=())
    sensitivity: tuple[Mapping[str, Any], ...] = field(default=())
    """one-at-a-time sensitivity rows (:func:`steppe.scenarios.sensitivity.sensitivity`), if run"""
    sensitivity_runs: int | None = None
    """the runs the sensitivity analysis used (it may use fewer than the simulation)"""
    measured: tuple[Mapping[str, Any], ...] = field(default=())
    """starting positions taken from indicators in the store, with indicator, period, value,
    map and resulting position (:mod:`steppe.scenarios.measured`)"""
    """``{"round", "label", "name"}`` of every shock (label: what changes; name: the file's
    description), for tables and chart marks"""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field."""
        return asdict(self)

    def outcome(self) -> dict[str, Any]:
        """The outcome part (everything but scenario, seed and params), JSON-ready."""
        d = self.to_dict()
        for k in ("scenario", "seed", "params"):
            d.pop(k)
        return d


def _r(v: float) -> float:
    return round(float(v), 6)


def summarise(
    scenario: Scenario,
    batch: Batch,
    seed: int,
    runs: int,
    overrides: Mapping[str, Any] | None = None,
) -> SimulationResult:
    """Quantiles over runs of a batch, and threshold probabilities at the final round."""
    q05, med, q95 = np.quantile(batch.outcome, QUANTILES, axis=0)  # (rounds + 1, dims)
    fq05, fmed, fq95 = np.quantile(batch.final_position, QUANTILES, axis=0)  # (actors, dims)
    pq = np.quantile(batch.paths, QUANTILES, axis=0)  # (3, rounds + 1, actors, dims)
    dims = batch.dimensions
    final = batch.outcome[:, -1, :]
    probs = {}
    for t in scenario.thresholds:
        d = dims.index(t.dimension)
        probs[t.name] = _r(np.mean(OPS[t.op](final[:, d], t.value)))
    params: dict[str, Any] = {
        "model": scenario.model,
        "rounds": scenario.rounds,
        "runs": runs,
        **dict(scenario.params),
        **dict(overrides or {}),
    }
    return SimulationResult(
        scenario=scenario.name,
        model=scenario.model,
        seed=seed,
        runs=runs,
        rounds=scenario.rounds,
        params=params,
        dimensions=dims,
        dimension_scale={d.name: (d.min, d.max) for d in scenario.dimensions},
        rounds_index=tuple(range(scenario.rounds + 1)),
        outcome_median={d: tuple(_r(v) for v in med[:, i]) for i, d in enumerate(dims)},
        outcome_q05={d: tuple(_r(v) for v in q05[:, i]) for i, d in enumerate(dims)},
        outcome_q95={d: tuple(_r(v) for v in q95[:, i]) for i, d in enumerate(dims)},
        thresholds=tuple(t.model_dump() for t in scenario.thresholds),
        threshold_probability=probs,
        actors=batch.actors,
        active_at_end=tuple(a for a, on in zip(batch.actors, batch.active, strict=True) if on),
        final_position_median=_per_actor(batch.actors, dims, fmed),
        final_position_q05=_per_actor(batch.actors, dims, fq05),
        final_position_q95=_per_actor(batch.actors, dims, fq95),
        mean_median={
            d: tuple(_r(v) for v in np.median(batch.mean[:, :, i], axis=0))
            for i, d in enumerate(dims)
        },
        path_median=_paths(batch, pq[1]),
        path_q05=_paths(batch, pq[0]),
        path_q95=_paths(batch, pq[2]),
        shocks=tuple(
            {"round": sh.round, "label": shock_label(sh), "name": sh.name} for sh in scenario.shocks
        ),
        measured=tuple(m.model_dump(mode="json", by_alias=True) for m in scenario.measured),
    )


def shock_label(shock: Shock) -> str:
    """A short description of a shock for tables and chart marks.

    >>> from steppe.scenarios.schema import parse_scenario
    >>> s = parse_scenario({"name": "t", "dimensions": [{"name": "x"}], "actors": [
    ...     {"code": "A", "capability": 1, "position": {"x": 0}, "salience": {"x": 1}},
    ...     {"code": "B", "capability": 1, "position": {"x": 9}, "salience": {"x": 1}}],
    ...     "shocks": [{"round": 2, "actor": "A", "field": "capability", "multiply": 0.8}]})
    >>> shock_label(s.shocks[0])
    'A capability x 0.8'
    """
    if shock.add_actor is not None:
        return f"{shock.add_actor.code} joins"
    if shock.remove_actor is not None:
        return f"{shock.remove_actor} leaves"
    op, val = shock.op
    sign = {"set": "=", "add": "+", "multiply": "x"}.get(op, op)
    value = val if isinstance(val, int | float) else val.model_dump(exclude_none=True)
    if isinstance(value, dict):
        value = (
            "~" + value.pop("dist", "") + "(" + ", ".join(f"{v:g}" for v in value.values()) + ")"
        )
    dim = f" {shock.dimension}" if shock.dimension and shock.field != "capability" else ""
    return f"{shock.actor} {shock.field}{dim} {sign} {value}"


def _paths(
    batch: Batch, arr: np.ndarray[Any, Any]
) -> dict[str, dict[str, tuple[float | None, ...]]]:
    """``arr`` (rounds + 1, actors, dims) as actor -> dimension -> per-round values, None where
    the actor is not taking part."""
    on = batch.active_path
    return {
        a: {
            d: tuple(_r(arr[t, i, j]) if on[t, i] else None for t in range(arr.shape[0]))
            for j, d in enumerate(batch.dimensions)
        }
        for i, a in enumerate(batch.actors)
    }


def _per_actor(
    actors: tuple[str, ...], dims: tuple[str, ...], arr: np.ndarray[Any, Any]
) -> dict[str, dict[str, float]]:
    return {a: {d: _r(arr[i, j]) for j, d in enumerate(dims)} for i, a in enumerate(actors)}
