"""Validation: Steppe's SMP against KTAB's reference logs; BDM first-round quantities.

``eval_ktab`` reads a log written by KTAB's ``smpc`` (the "History of actor positions over
time" and "History of actors' winning probabilities" tables at its end), runs Steppe's SMP on
the same input for the same number of steps and compares, per actor, the final positions
(mean absolute difference on the 0-100 scale) and the final winning probabilities (mean
absolute difference in percentage points).

``bdm_first_round`` computes, for a BDM table such as the ten-member European Community
example of Scholz, Calbert & Smith (2011), the first-round quantities the paper tabulates:
median voter position, weighted mean, risk exponents and the expected-utility matrices.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from typing import Any

import numpy as np

from steppe.domain.errors import ScenarioError
from steppe.scenarios.bdm import BDMRules, bdm_round
from steppe.scenarios.formats import read_bdm_table, read_ktab_csv, read_ktab_xml
from steppe.scenarios.ktab_prng import KtabPRNG
from steppe.scenarios.montecarlo import draw_inputs
from steppe.scenarios.schema import Scenario
from steppe.scenarios.smp import SMPParams, accommodation_matrix, assess, smp_round

TARGET_POINTS = 2.0

_POS = re.compile(r"^(?P<actor>[^,]+), (?P<dim>[^:]+):\s+(?P<vals>[-\d.\s]+)$")
_PROB = re.compile(r"^(?P<actor>[^,]+), prob :\s+(?P<vals>[-\d.\s]+)$")


def _text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ScenarioError(f"{path.name}: cannot read: {exc.strerror}") from None
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    return raw.decode("utf-8", errors="replace")


def read_ktab_log(path: str | Path) -> dict[str, Any]:
    """The position and winning-probability histories at the end of a KTAB SMP log:
    ``{"positions": {actor: {dim: [...]}}, "probabilities": {actor: [...]}, "states": n,
    "seed": KTAB's PRNG seed or None, "queues": per turn, {actor k: [(initiator, receiver),
    ...]} in the order of k's bargain queue, "resolve_order": per turn, the actors in the order
    their bargains were resolved (each draws one PRNG number)}``."""
    p = Path(path)
    lines = _text(p).splitlines()
    try:
        start = max(i for i, ln in enumerate(lines) if ln.startswith("History of actor positions"))
    except ValueError:
        raise ScenarioError(f"{p.name}: no 'History of actor positions' table") from None
    positions: dict[str, dict[str, list[float]]] = {}
    probs: dict[str, list[float]] = {}
    for ln in lines[start + 1 :]:
        ln = ln.strip()
        if m := _PROB.match(ln):
            probs[m["actor"].strip()] = [float(v) for v in m["vals"].split()]
        elif m := _POS.match(ln):
            positions.setdefault(m["actor"].strip(), {})[m["dim"].strip()] = [
                float(v) for v in m["vals"].split()
            ]
    if not positions or not probs:
        raise ScenarioError(f"{p.name}: empty history tables")
    states = len(next(iter(probs.values())))
    queues: list[dict[int, list[tuple[int, int]]]] = []
    for ln in lines:
        if ln.startswith("Bargains to be resolved"):
            queues.append({})
        elif (m := re.match(r"^Bargains involving actor\s+(\d+):(.*)$", ln)) and queues:
            pairs = re.findall(r"\[\d+,\s*(\d+):(\d+)\]", m[2])
            queues[-1][int(m[1])] = [(int(a), int(b)) for a, b in pairs]
    resolve: list[list[int]] = []
    for ln in lines:
        if ln.startswith("Bargains to be resolved"):
            resolve.append([])
        elif (m := re.match(r"^Doing scalarPCE for the \d+ bargains of actor\s+(\d+)", ln)) and (
            resolve
        ):
            resolve[-1].append(int(m[1]))
    seeds = [m[1] for ln in lines if (m := re.match(r"^Using PRNG seed:\s*(\d+)", ln))]
    seed = int(seeds[-1]) if seeds else None
    return {
        "positions": positions,
        "probabilities": probs,
        "states": states,
        "seed": seed,
        "queues": queues,
        "resolve_order": resolve,
    }


class _ReplayPRNG(KtabPRNG):
    """KTAB's PRNG with the draws of each call handed to actors in a logged order (KTAB's
    threads resolved actors' bargains, and so drew numbers, in varying order)."""

    def __init__(self, seed: int, orders: list[list[int]]) -> None:
        super().__init__(seed)
        self._orders = list(orders)
        self._call = 0

    def random(self, shape: tuple[int, ...]) -> np.ndarray[Any, Any]:
        draws = super().random(shape)
        if self._call < len(self._orders) and len(shape) == 2 and shape[0] == 1:
            order = self._orders[self._call]
            if sorted(order) == list(range(shape[1])):
                out = np.empty(shape)
                out[0, order] = draws[0]
                draws = out
        self._call += 1
        return draws


def _read_input(path: Path, rounds: int) -> Scenario:
    if path.suffix.lower() == ".xml":
        return read_ktab_xml(path, rounds)
    return read_ktab_csv(path, rounds)


def eval_ktab(ref_log: str | Path, input_path: str | Path, seed: int = 0) -> dict[str, Any]:
    """Compare Steppe's SMP with a KTAB reference log; see the module docstring.

    Returns ``{"scenario", "actors", "steps", "mae_position", "mae_probability_points",
    "mae_initial_probability_points", "target_points", "within_target", "per_actor"}``.
    """
    log = read_ktab_log(ref_log)
    steps = int(log["states"]) - 1
    scen = _read_input(Path(input_path), max(steps, 1))
    dims = scen.dimension_names
    codes = scen.actor_codes
    missing = [c for c in codes if c not in log["positions"]]
    if missing:
        raise ScenarioError(f"{Path(ref_log).name}: no history for {', '.join(missing)}")
    inputs = draw_inputs(scen, 1, 0)
    prm = SMPParams.from_params(scen.params)
    span = inputs.highs - inputs.lows
    c, sal = inputs.capability, inputs.salience
    pos = inputs.position.copy()
    ref_dims0 = list(next(iter(log["positions"].values())))
    overrides: list[str] = []
    for i, code in enumerate(codes):
        for j, d in enumerate(ref_dims0):
            logged = log["positions"][code][d][0]
            if abs(logged - pos[0, i, j]) > 0.05 + 1e-9:  # the log prints one decimal
                overrides.append(f"{code}.{dims[j]}: {pos[0, i, j]:g} -> {logged:g}")
                pos[0, i, j] = logged
    z = (pos - inputs.lows) / span
    ideal = z
    spec = scen.params.get("ideal_adjustment")
    acc = None if spec is None else accommodation_matrix(str(spec), codes)
    p0 = assess(z, c, sal, None, prm).prob[0]
    rng: KtabPRNG | int = seed
    if log["seed"] is not None:
        rng = _ReplayPRNG(int(log["seed"]), log["resolve_order"])
    n = len(codes)
    for t in range(steps):
        queue = None
        if t < len(log["queues"]) and prm.transitions == "stochastic":
            queue = np.full((n, n + 1), float(2 * n))
            for k, pairs in log["queues"][t].items():
                for place, (a, b) in enumerate(pairs):
                    queue[k, n if a == b else a] = place
        rnd = smp_round(z, c, sal, None, prm, ideal=ideal, accommodation=acc, seed=rng, queue=queue)
        z, ideal = rnd.new_z, rnd.new_ideal
    p_end = assess(z, c, sal, None, prm, ideal).prob[0]
    final = z * span + inputs.lows
    per_actor: dict[str, Any] = {}
    pos_err: list[float] = []
    prob_err: list[float] = []
    prob0_err: list[float] = []
    ref_dims = list(next(iter(log["positions"].values())))
    for i, code in enumerate(codes):
        ref_pos = [log["positions"][code][d][-1] for d in ref_dims]
        ours = [float(final[0, i, j]) for j in range(len(dims))]
        ref_p = log["probabilities"][code][-1]
        pos_err.extend(abs(a - b) for a, b in zip(ours, ref_pos, strict=True))
        prob_err.append(100 * abs(float(p_end[i]) - ref_p))
        prob0_err.append(100 * abs(float(p0[i]) - log["probabilities"][code][0]))
        per_actor[code] = {
            "ktab_position": ref_pos,
            "steppe_position": [round(v, 2) for v in ours],
            "ktab_probability": ref_p,
            "steppe_probability": round(float(p_end[i]), 4),
            "ktab_initial_probability": log["probabilities"][code][0],
            "steppe_initial_probability": round(float(p0[i]), 4),
        }
    mae_pos = float(np.mean(pos_err))
    mae_prob = float(np.mean(prob_err))
    return {
        "scenario": scen.name,
        "actors": len(codes),
        "steps": steps,
        "mae_position": round(mae_pos, 2),
        "mae_probability_points": round(mae_prob, 2),
        "mae_initial_probability_points": round(float(np.mean(prob0_err)), 2),
        "target_points": TARGET_POINTS,
        "within_target": mae_pos <= TARGET_POINTS,
        "transitions": prm.transitions,
        "input_overrides": overrides,
        "per_actor": per_actor,
    }


def bdm_first_round(
    table: str | Path | Scenario, q: float = 1.0, variant: str = "published-code"
) -> dict[str, Any]:
    """First-round BDM quantities of a table (a path read by ``read_bdm_table``, or a
    one-dimension ``bdm`` scenario with point values): ``median`` and ``mean`` positions,
    per-actor ``risk`` exponents r_i and ``security`` levels, and the matrices
    ``eu_challenge[i][j] = EU^i(i→j)`` and ``eu_challenged[i][j] = EU^i(j→i)``, plus each
    actor's ``new_position`` after the round, under the model ``variant`` (bdm.py, B3-B9).

    >>> from steppe.scenarios.schema import parse_scenario
    >>> s = parse_scenario({"name": "t", "dimensions": [{"name": "x", "min": 4, "max": 10}],
    ...     "actors": [
    ...         {"code": "A", "capability": 1, "position": {"x": 4}, "salience": {"x": 1}},
    ...         {"code": "B", "capability": 1, "position": {"x": 10}, "salience": {"x": 0.5}},
    ...         {"code": "C", "capability": 1, "position": {"x": 7}, "salience": {"x": 0.8}}]})
    >>> bdm_first_round(s)["median"]
    7.0
    """
    scen = table if isinstance(table, Scenario) else read_bdm_table(table)
    if len(scen.dimensions) != 1:
        raise ScenarioError(f"{scen.name}: bdm_first_round needs exactly one dimension")
    inputs = draw_inputs(scen, 1, 0)
    x = inputs.position[..., 0]
    span = float(inputs.highs[0] - inputs.lows[0])
    rules = BDMRules.from_params({"variant": variant}, "bdm_first_round")
    rnd = bdm_round(x, inputs.capability, inputs.salience[..., 0], span, q=q, rules=rules)
    codes = inputs.actors

    def mat(m: np.ndarray[Any, Any]) -> dict[str, dict[str, float]]:
        return {a: {b: round(float(m[0, i, j]), 4) for j, b in enumerate(codes)}
                for i, a in enumerate(codes)}  # fmt: skip

    return {
        "scenario": scen.name,
        "median": float(rnd.median[0]),
        "mean": round(float(rnd.mean[0]), 4),
        "risk": {a: round(float(rnd.risk[0, i]), 4) for i, a in enumerate(codes)},
        "security": {a: round(float(rnd.security[0, i]), 4) for i, a in enumerate(codes)},
        "eu_challenge": mat(rnd.eu_challenge),
        "eu_challenged": mat(rnd.eu_challenged),
        "new_position": {a: round(float(rnd.new_x[0, i]), 4) for i, a in enumerate(codes)},
    }
