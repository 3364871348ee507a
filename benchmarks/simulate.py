"""Benchmark: the vectorised BDM Monte Carlo against a per-run Python loop of the same model
(the default ``published-code`` variant).

10,000 runs x 12 actors x 20 rounds. The vectorised engine runs every run at once
(``run_inputs``). The loop runs the same model run by run in plain Python (lists and floats,
no NumPy), on a subset of runs (``--loop-runs``, default 50), and its time is scaled to all
runs; the script checks that the loop and the engine agree on that subset.

    .venv/bin/python benchmarks/simulate.py [--runs 10000] [--loop-runs 50]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from steppe.scenarios.bdm import SAME_POSITION as SAME
from steppe.scenarios.montecarlo import draw_inputs, run_inputs
from steppe.scenarios.schema import parse_scenario


def scenario(rounds: int, actors: int) -> object:
    return parse_scenario(
        {
            "name": "bench",
            "rounds": rounds,
            "dimensions": [{"name": "x"}],
            "actors": [
                {
                    "code": f"A{i}",
                    "capability": {"dist": "uniform", "low": 1, "high": 10},
                    "position": {"x": {"dist": "uniform", "low": 0, "high": 100}},
                    "salience": {"x": {"dist": "beta", "a": 2, "b": 2}},
                }
                for i in range(actors)
            ],
        }
    )


def loop_run(x: list[float], c: list[float], s: list[float], rounds: int) -> list[float]:
    """One run of the BDM model under the default ``published-code`` variant (B1-B10 of
    steppe.scenarios.bdm) in plain Python; positions on [0, 1]. Returns the median voter after
    each round (round 0 first)."""
    n = len(x)
    w = [c[i] * s[i] for i in range(n)]

    def median(x: list[float]) -> float:
        d = [sum(w[k] * abs(x[k] - x[i]) for k in range(n)) for i in range(n)]
        return x[min(range(n), key=lambda i: d[i])]

    def probs(x: list[float], r: list[float]) -> list[list[float]]:
        e = [[abs(x[k] - x[a]) ** r[k] for a in range(n)] for k in range(n)]
        den = sum(
            w[k] * abs(e[k][a] - e[k][b]) for k in range(n) for a in range(n) for b in range(n)
        )
        p = [[0.0] * n for _ in range(n)]
        for i in range(n):
            for j in range(n):
                if abs(x[i] - x[j]) > SAME and den > 0:
                    p[i][j] = sum(max(0.0, w[k] * (e[k][j] - e[k][i])) for k in range(n)) / den
        return p

    def u(base: float, r: float) -> float:
        return float(2 - 4 * min(max(base, 0.0), 1.0) ** r)

    def eus(
        x: list[float], p: list[list[float]], r: list[float], i: int, j: int
    ) -> tuple[float, float]:
        d = abs(x[i] - x[j])
        us, uf, usq = u(0.5 - 0.5 * d, r[i]), u(0.5 + 0.5 * d, r[i]), u(0.5, r[i])
        a = s[j] * (p[i][j] * us + (1 - p[i][j]) * uf) + (1 - s[j]) * us - usq
        b = s[i] * (p[j][i] * us + (1 - p[j][i]) * uf) + (1 - s[i]) * us - usq
        return a, b

    out = [median(x)]
    ones = [1.0] * n
    for _ in range(rounds):
        p1 = probs(x, ones)
        sec = [sum(eus(x, p1, ones, i, j)[1] for j in range(n) if j != i) for i in range(n)]
        hi, lo = max(sec), min(sec)
        big = [(2 * v - hi - lo) / (hi - lo) if hi - lo > 1e-12 else 0.0 for v in sec]
        r = [(1 - b / 3) / (1 + b / 3) for b in big]
        p = probs(x, r)
        new = list(x)
        for i in range(n):
            conf: tuple[float, float] | None = None  # (|move|, target)
            comp: tuple[float, float] | None = None  # (weighted position, target)
            for j in range(n):
                if j == i or abs(x[i] - x[j]) <= SAME:
                    continue
                a, b = eus(x, p, r, i, j)
                if b > a > 0:
                    if conf is None or abs(x[j] - x[i]) < conf[0]:
                        conf = (abs(x[j] - x[i]), x[j])
                elif b > 0 > a and b > abs(a):
                    key = (abs(a) * x[i] + abs(b) * x[j]) / (abs(a) + abs(b))
                    if comp is None or key < comp[0]:
                        comp = (key, x[i] + (x[j] - x[i]) * abs(a / b))
            if conf is not None:
                new[i] = conf[1]
            elif comp is not None:
                new[i] = comp[1]
        x = new
        out.append(median(x))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=10_000)
    ap.add_argument("--actors", type=int, default=12)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--loop-runs", type=int, default=50)
    args = ap.parse_args()
    scen = scenario(args.rounds, args.actors)
    inputs = draw_inputs(scen, args.runs, seed=1)  # type: ignore[arg-type]

    t0, c0 = time.perf_counter(), time.process_time()
    batch = run_inputs(scen, inputs)  # type: ignore[arg-type]
    vec, vec_cpu = time.perf_counter() - t0, time.process_time() - c0

    m = min(args.loop_runs, args.runs)
    z = inputs.position[:m, :, 0] / 100.0
    t0, c0 = time.perf_counter(), time.process_time()
    loop_out = [
        loop_run(
            z[k].tolist(),
            inputs.capability[k].tolist(),
            inputs.salience[k, :, 0].tolist(),
            args.rounds,
        )
        for k in range(m)
    ]
    loop = (time.perf_counter() - t0) * args.runs / m
    loop_cpu = (time.process_time() - c0) * args.runs / m
    agree = np.allclose(np.array(loop_out) * 100.0, batch.outcome[:m, :, 0], atol=1e-6)

    print(f"BDM Monte Carlo: {args.runs} runs x {args.actors} actors x {args.rounds} rounds")
    print(f"vectorised (NumPy, all runs at once): {vec:8.2f} s wall, {vec_cpu:8.2f} s CPU")
    print(
        f"per-run Python loop ({m} runs timed, scaled to {args.runs}): {loop:8.2f} s wall, "
        f"{loop_cpu:8.2f} s CPU"
    )
    print(
        f"speed-up: {loop / vec:6.1f}x wall, {loop_cpu / vec_cpu:6.1f}x CPU   "
        f"loop and engine agree on the subset: {agree}"
    )
    print("(CPU = this process's CPU time: the fairer figure on a machine shared with others)")


if __name__ == "__main__":
    main()
