"""Time a public implementation of the BDM model (published-code variant) looped over runs.

The public implementation is NOT part of Steppe: fetch a snapshot of
github.com/dmasad/bdm-scholz-expected-utility-model (the Python 3 fork of
jmckib/bdm-scholz-expected-utility-model; the model code is the same) somewhere outside the
repository and point ``--repo`` at it. This harness draws the benchmark's inputs with Steppe,
rescales each run's positions to span 0-100 exactly (the public code divides distances by the
range of the positions, Steppe by the dimension's scale; on such inputs both divide by 100),
runs the public model run by run and Steppe's engine on the same inputs, and prints the time per
run of each, the speed-up and whether the medians agree round by round.

    .venv/bin/python benchmarks/public_bdm.py --repo /tmp/bdm-fork [--runs 2] [--rounds 20]
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from steppe.scenarios.montecarlo import draw_inputs, run_inputs

sys.path.insert(0, str(Path(__file__).resolve().parent))
from simulate import scenario  # the benchmark's own scenario


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repo", required=True, help="folder holding bdm_scholz_model.py")
    ap.add_argument("--runs", type=int, default=2, help="runs of the public code to time")
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--actors", type=int, default=12)
    ap.add_argument("--engine-runs", type=int, default=10_000)
    args = ap.parse_args()
    sys.path.insert(0, args.repo)
    public: Any = importlib.import_module("bdm_scholz_model")

    scen = scenario(args.rounds, args.actors)
    inputs = draw_inputs(scen, args.engine_runs, seed=1)  # type: ignore[arg-type]
    x = inputs.position[:, :, 0]
    lo, hi = x.min(axis=1, keepdims=True), x.max(axis=1, keepdims=True)
    pos = inputs.position.copy()
    pos[:, :, 0] = (x - lo) / (hi - lo) * 100.0
    inputs = dataclasses.replace(inputs, position=pos)

    t0 = time.perf_counter()
    batch = run_inputs(scen, inputs)  # type: ignore[arg-type]
    engine = time.perf_counter() - t0

    meds = []
    t0 = time.perf_counter()
    for k in range(args.runs):
        data = [
            {"Actor": f"A{i}", "Capability": c, "Salience": s, "Position": p}
            for i, (p, c, s) in enumerate(
                zip(pos[k, :, 0], inputs.capability[k], inputs.salience[k, :, 0], strict=True)
            )
        ]
        model = public.BDMScholzModel(data, verbose=False)
        med = [model.median_position()]
        for _ in range(args.rounds):
            model.update_risk_aversions()
            model.update_positions()
            med.append(model.median_position())
        meds.append(med)
    per_run = (time.perf_counter() - t0) / args.runs
    agree = np.allclose(np.array(meds), batch.outcome[: args.runs, :, 0], atol=1e-6)
    scaled = per_run * args.engine_runs
    print(f"BDM published-code: {args.actors} actors x {args.rounds} rounds")
    print(f"public code (dmasad fork of jmckib), {args.runs} runs timed: {per_run:.2f} s per run")
    print(f"  scaled to {args.engine_runs} runs: {scaled:,.0f} s")
    print(f"Steppe engine, {args.engine_runs} runs at once: {engine:.2f} s")
    print(f"speed-up: {scaled / engine:,.0f}x   medians agree round by round: {agree}")


if __name__ == "__main__":
    main()
