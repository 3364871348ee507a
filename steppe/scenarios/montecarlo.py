"""Monte Carlo: draw a scenario's inputs, run every run at once, sweep parameters x seeds.

All randomness comes from one ``numpy.random.default_rng(seed)``: inputs are drawn in a fixed
order (each actor's capability, positions and saliences in file order, then the shocks'
values), ``runs`` values per field at a time, so the same scenario and seed always give the
same numbers and different seeds give different ones. The models themselves are deterministic;
all runs go through them together as arrays shaped ``(runs, actors)`` (in chunks of
``chunk`` runs to bound memory).

>>> from steppe.scenarios.schema import parse_scenario
>>> s = parse_scenario({"name": "toy", "rounds": 3, "dimensions": [{"name": "x"}], "actors": [
...     {"code": "A", "capability": {"dist": "uniform", "low": 1, "high": 2},
...      "position": {"x": 20}, "salience": {"x": 0.8}},
...     {"code": "B", "capability": 1, "position": {"x": 80}, "salience": {"x": 0.5}}]})
>>> a, b = draw_inputs(s, runs=4, seed=1), draw_inputs(s, runs=4, seed=1)
>>> bool((a.capability == b.capability).all()), a.capability.shape
(True, (4, 2))
>>> bool((draw_inputs(s, runs=4, seed=2).capability != a.capability).any())
True
>>> run_batch(s, runs=4, seed=1).outcome.shape   # runs x (rounds + 1) x dimensions
(4, 4, 1)
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from steppe.domain.errors import ScenarioError
from steppe.scenarios.bdm import BDMRules, bdm_round, median_voter
from steppe.scenarios.results import SimulationResult, summarise
from steppe.scenarios.schema import (
    ActorSpec,
    Beta,
    Distribution,
    Normal,
    Scenario,
    Triangular,
    Uniform,
    parse_scenario,
)
from steppe.scenarios.smp import SMPParams, assess, smp_round

F = NDArray[np.float64]
Progress = Callable[[float], None]


def draw(
    value: float | Distribution, rng: np.random.Generator, runs: int, lo: float, hi: float
) -> F:
    """``runs`` draws of a number or distribution, clipped to ``[lo, hi]``.

    >>> import numpy as np
    >>> draw(5.0, np.random.default_rng(0), 3, 0, 10).tolist()
    [5.0, 5.0, 5.0]
    >>> v = draw(Beta(dist="beta", a=2, b=2, low=10, high=20), np.random.default_rng(0), 1000,
    ...          0, 100)
    >>> bool(10 <= v.min() and v.max() <= 20)
    True
    """
    if isinstance(value, Normal):
        out = rng.normal(value.mean, value.sd, runs)
    elif isinstance(value, Uniform):
        out = rng.uniform(value.low, value.high, runs)
    elif isinstance(value, Triangular):
        if value.low == value.high:
            out = np.full(runs, value.low)
        else:
            out = rng.triangular(value.low, value.mode, value.high, runs)
    elif isinstance(value, Beta):
        out = value.low + (value.high - value.low) * rng.beta(value.a, value.b, runs)
    else:
        out = np.full(runs, float(value))
    return np.asarray(np.clip(out, lo, hi), dtype=np.float64)


@dataclass(frozen=True)
class DrawnShock:
    """A shock with its value drawn for every run."""

    round: int
    kind: str  # change | add_actor | remove_actor
    actor: int
    field: str | None
    dims: tuple[int, ...]
    op: str
    value: F  # (runs,)


@dataclass(frozen=True)
class Inputs:
    """Drawn inputs of every run. Actors added by shocks are included, inactive at first."""

    actors: tuple[str, ...]
    dimensions: tuple[str, ...]
    lows: F  # (dims,)
    highs: F  # (dims,)
    capability: F  # (runs, actors)
    position: F  # (runs, actors, dims), on the dimensions' scales
    salience: F  # (runs, actors, dims), in [0, 1]
    active: NDArray[np.bool_]  # (actors,) at round 0
    shocks: tuple[DrawnShock, ...]


def draw_inputs(scenario: Scenario, runs: int, seed: int) -> Inputs:
    """Draw every actor's inputs and every shock's value for ``runs`` runs from ``seed``."""
    for i, m in enumerate(scenario.measured):
        if m.position is None:
            raise ScenarioError(
                f"{scenario.name}: measured[{i}] ({m.actor} {m.dimension} from {m.indicator}) "
                "is not resolved: it needs a store (steppe.scenarios.resolve_measured)"
            )
    rng = np.random.default_rng(seed)
    dims = scenario.dimensions
    specs: list[ActorSpec] = list(scenario.actors)
    for sh in sorted(scenario.shocks, key=lambda s: s.round):
        if sh.add_actor is not None:
            specs.append(sh.add_actor)
    codes = tuple(a.code for a in specs)
    n, nd = len(specs), len(dims)
    cap = np.empty((runs, n))
    pos = np.empty((runs, n, nd))
    sal = np.empty((runs, n, nd))
    for i, a in enumerate(specs):
        cap[:, i] = draw(a.capability, rng, runs, 0.0, np.inf)
        for d, dim in enumerate(dims):
            pos[:, i, d] = draw(a.position[dim.name], rng, runs, dim.min, dim.max)
        for d, dim in enumerate(dims):
            sal[:, i, d] = draw(a.salience[dim.name], rng, runs, 0.0, 1.0)
    active = np.zeros(n, dtype=bool)
    active[: len(scenario.actors)] = True
    shocks: list[DrawnShock] = []
    names = scenario.dimension_names
    for sh in sorted(scenario.shocks, key=lambda s: s.round):
        if sh.add_actor is not None:
            shocks.append(
                DrawnShock(
                    sh.round,
                    "add_actor",
                    codes.index(sh.add_actor.code),
                    None,
                    (),
                    "",
                    np.zeros(runs),
                )
            )
        elif sh.remove_actor is not None:
            shocks.append(
                DrawnShock(
                    sh.round,
                    "remove_actor",
                    codes.index(sh.remove_actor),
                    None,
                    (),
                    "",
                    np.zeros(runs),
                )
            )
        else:
            op, val = sh.op
            dsel = tuple(range(nd)) if sh.dimension is None else (names.index(sh.dimension),)
            assert sh.actor is not None
            shocks.append(
                DrawnShock(
                    sh.round,
                    "change",
                    codes.index(sh.actor),
                    sh.field,
                    dsel,
                    op,
                    draw(val, rng, runs, -np.inf, np.inf),
                )
            )
    lows = np.array([d.min for d in dims], dtype=np.float64)
    highs = np.array([d.max for d in dims], dtype=np.float64)
    return Inputs(codes, names, lows, highs, cap, pos, sal, active, tuple(shocks))


@dataclass(frozen=True)
class Batch:
    """Raw output of a batch of runs."""

    actors: tuple[str, ...]
    dimensions: tuple[str, ...]
    outcome: F  # (runs, rounds + 1, dims): the forecast at round 0 and after every round
    final_position: F  # (runs, actors, dims)
    active: NDArray[np.bool_]  # (actors,) at the end
    mean: F  # (runs, rounds + 1, dims): capability x salience weighted mean of active actors
    paths: F  # (runs, rounds + 1, actors, dims): every actor's position, round 0 first
    active_path: NDArray[np.bool_]  # (rounds + 1, actors): who takes part in each round


def _apply(op: str, old: F, value: F) -> F:
    if op == "set":
        return value
    if op == "add":
        return old + value
    return old * value


def _apply_shock(
    sh: DrawnShock, z: F, c: F, s: F, active: NDArray[np.bool_], lows: F, span: F, sl: slice
) -> None:
    """Apply one shock in place; positions are changed on the dimension's own scale."""
    if sh.kind == "add_actor":
        active[sh.actor] = True
    elif sh.kind == "remove_actor":
        active[sh.actor] = False
    elif sh.field == "capability":
        c[:, sh.actor] = np.maximum(_apply(sh.op, c[:, sh.actor], sh.value[sl]), 0.0)
    elif sh.field == "position":
        for d in sh.dims:
            x = lows[d] + span[d] * z[:, sh.actor, d]
            x = np.clip(_apply(sh.op, x, sh.value[sl]), lows[d], lows[d] + span[d])
            z[:, sh.actor, d] = (x - lows[d]) / span[d]
    else:
        for d in sh.dims:
            s[:, sh.actor, d] = np.clip(_apply(sh.op, s[:, sh.actor, d], sh.value[sl]), 0, 1)


def _forecast(model: str, z: F, c: F, s: F, active: NDArray[np.bool_], prm: SMPParams | None) -> F:
    """The outcome forecast on [0, 1] scales: BDM median voter per dimension, SMP expected
    outcome over the distinct positions (smp.py K12)."""
    if model == "bdm":
        return np.stack(
            [median_voter(z[..., d], c * s[..., d], active) for d in range(z.shape[-1])], -1
        )
    return assess(z, c, s, active, prm).outcome


def _weighted_mean(z: F, c: F, s: F, active: NDArray[np.bool_]) -> F:
    """Capability x salience weighted mean position of the active actors, per dimension."""
    w = c[..., None] * s * active[:, None]
    tot = w.sum(axis=-2)
    return np.asarray((w * z).sum(axis=-2) / np.where(tot > 0, tot, 1.0))


def _settle_allocator() -> None:
    # glibc's malloc raises its mmap and trim thresholds once a block it mmapped (over 128 KB)
    # is freed. Until then the rounds' ~1 MB temporaries make it hand the top of the heap back
    # to the OS and fault it in again on every allocation, a third of a 10,000-run batch's time.
    block = np.empty(1 << 19)  # 4 MB
    del block


def run_inputs(
    scenario: Scenario,
    inputs: Inputs,
    progress: Progress | None = None,
    chunk: int = 128,
    seed: int | None = None,
) -> Batch:
    """Run the scenario's model on drawn inputs, every run at once (in chunks). ``seed``
    (default: the scenario's) drives SMP's Stochastic state transitions only."""
    runs, n_act, nd = inputs.position.shape
    _settle_allocator()
    rounds = scenario.rounds
    prm = SMPParams.from_params(scenario.params) if scenario.model == "smp" else None
    rules = (
        BDMRules.from_params(scenario.params, f"{scenario.name}: params")
        if scenario.model == "bdm"
        else None
    )
    gen = np.random.default_rng([scenario.seed if seed is None else seed, 1])
    q = float(scenario.params.get("q", 1.0))
    span = inputs.highs - inputs.lows
    outcome = np.empty((runs, rounds + 1, nd))
    mean = np.empty((runs, rounds + 1, nd))
    paths = np.empty((runs, rounds + 1, n_act, nd))
    active_path = np.zeros((rounds + 1, n_act), dtype=bool)
    final = np.empty_like(inputs.position)
    active_end = inputs.active.copy()
    starts = list(range(0, runs, chunk))
    steps = len(starts) * rounds
    done = 0
    for start in starts:
        sl = slice(start, min(start + chunk, runs))
        z = (inputs.position[sl] - inputs.lows) / span  # work on [0, 1]
        c = inputs.capability[sl].copy()
        s = inputs.salience[sl].copy()
        active = inputs.active.copy()
        outcome[sl, 0] = _forecast(scenario.model, z, c, s, active, prm)
        mean[sl, 0] = _weighted_mean(z, c, s, active)
        paths[sl, 0] = z
        active_path[0] = active
        for t in range(1, rounds + 1):
            for sh in inputs.shocks:
                if sh.round == t:
                    _apply_shock(sh, z, c, s, active, inputs.lows, span, sl)
            if scenario.model == "bdm":
                for d in range(nd):
                    z[..., d] = bdm_round(z[..., d], c, s[..., d], 1.0, active, q, rules).new_x
            else:
                z = smp_round(z, c, s, active, prm, seed=gen).new_z
            outcome[sl, t] = _forecast(scenario.model, z, c, s, active, prm)
            mean[sl, t] = _weighted_mean(z, c, s, active)
            paths[sl, t] = z
            active_path[t] = active
            done += 1
            if progress is not None:
                progress(done / steps)
        final[sl] = z
        active_end = active
    outcome = outcome * span + inputs.lows
    mean = mean * span + inputs.lows
    paths = paths * span + inputs.lows
    final = final * span + inputs.lows
    return Batch(
        inputs.actors, inputs.dimensions, outcome, final, active_end, mean, paths, active_path
    )


def run_batch(
    scenario: Scenario,
    runs: int | None = None,
    seed: int | None = None,
    progress: Progress | None = None,
) -> Batch:
    """Draw inputs and run them: ``runs`` and ``seed`` default to the scenario's."""
    n = scenario.runs if runs is None else runs
    if n < 1:
        raise ScenarioError(f"{scenario.name}: runs must be >= 1, not {n}")
    sd = scenario.seed if seed is None else seed
    return run_inputs(scenario, draw_inputs(scenario, n, sd), progress, seed=sd)


def with_params(scenario: Scenario, params: Mapping[str, Any]) -> Scenario:
    """A copy of ``scenario`` with parameters replaced. Keys: ``rounds``, ``runs``, ``model``,
    a model parameter (``q``, ``pce``), or ``CODE.capability``, ``CODE.position.DIM``,
    ``CODE.salience.DIM`` (a number or a distribution mapping).

    >>> from steppe.scenarios.schema import parse_scenario
    >>> s = parse_scenario({"name": "t", "dimensions": [{"name": "x"}], "actors": [
    ...     {"code": "A", "capability": 1, "position": {"x": 0}, "salience": {"x": 1}},
    ...     {"code": "B", "capability": 1, "position": {"x": 9}, "salience": {"x": 1}}]})
    >>> t = with_params(s, {"rounds": 4, "B.position.x": 50, "q": 0.5})
    >>> t.rounds, t.actors[1].position["x"], t.params["q"]
    (4, 50.0, 0.5)
    """
    data = scenario.model_dump(mode="python")
    for key, value in params.items():
        parts = key.split(".")
        if key in ("rounds", "runs", "model", "seed"):
            data[key] = value
        elif len(parts) == 1:
            data["params"][key] = value
        else:
            actors = [a for a in data["actors"] if a["code"] == parts[0]]
            if not actors or parts[1] not in ("capability", "position", "salience"):
                raise ScenarioError(f"{scenario.name}: unknown sweep parameter {key!r}")
            if parts[1] == "capability":
                actors[0]["capability"] = value
            elif len(parts) == 3:
                actors[0][parts[1]][parts[2]] = value
            else:
                raise ScenarioError(f"{scenario.name}: {key!r} needs a dimension")
    return parse_scenario(data, f"{scenario.name} (sweep)")


def _one(
    scenario: Scenario, combo: dict[str, Any], seed: int, runs: int | None
) -> SimulationResult:
    s = with_params(scenario, combo) if combo else scenario
    n = s.runs if runs is None else runs
    return summarise(s, run_batch(s, n, seed), seed=seed, runs=n, overrides=combo)


def sweep(
    scenario: Scenario,
    params: Mapping[str, Sequence[Any]],
    seeds: Sequence[int],
    runs: int | None = None,
    backend: str = "serial",
    n_workers: int = 2,
) -> list[SimulationResult]:
    """Simulate every combination of ``params`` values (a Cartesian product) with every seed;
    results come in the order of ``itertools.product(*params.values())`` x ``seeds``.

    ``backend="dask"`` runs the combinations on a local Dask cluster
    (``LocalCluster(host="127.0.0.1", dashboard_address=None, n_workers=n_workers)``; Dask is
    an optional dependency).

    >>> from steppe.scenarios.schema import parse_scenario
    >>> s = parse_scenario({"name": "t", "rounds": 2, "dimensions": [{"name": "x"}], "actors": [
    ...     {"code": "A", "capability": 1, "position": {"x": 0}, "salience": {"x": 1}},
    ...     {"code": "B", "capability": 2, "position": {"x": 90}, "salience": {"x": 1}}]})
    >>> res = sweep(s, {"A.capability": [1, 5]}, seeds=[1, 2], runs=5)
    >>> [(r.params["A.capability"], r.seed) for r in res]
    [(1, 1), (1, 2), (5, 1), (5, 2)]
    """
    keys = list(params)
    combos = [dict(zip(keys, vals, strict=True)) for vals in itertools.product(*params.values())]
    jobs = [(combo, seed) for combo in combos for seed in seeds]
    if backend == "serial":
        return [_one(scenario, combo, seed, runs) for combo, seed in jobs]
    if backend == "dask":
        try:
            import dask.distributed as distributed
        except ImportError as exc:
            raise ScenarioError("backend='dask' needs dask[distributed] installed") from exc
        LocalCluster: Any = distributed.LocalCluster  # untyped library
        Client: Any = distributed.Client
        with (
            LocalCluster(
                host="127.0.0.1",
                dashboard_address=None,
                n_workers=n_workers,
                threads_per_worker=1,
                processes=True,
            ) as cluster,
            Client(cluster) as client,
        ):
            futures = [
                client.submit(_one, scenario, combo, seed, runs, pure=False) for combo, seed in jobs
            ]
            return list(client.gather(futures))
    raise ScenarioError(f"unknown backend {backend!r}; expected 'serial' or 'dask'")
