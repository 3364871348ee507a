"""Error rates of the alert detectors (``steppe.indicators.alerts``) on seeded noise.

For each noise model (Gaussian N(0, 1); Poisson counts with mean 20; log-normal weights like
the monthly GDELT interaction series, median 400 and log-scale sd 0.45) and frequency (96
months; 40 quarters), ``evaluate_detectors`` draws ``--series`` series three times: pure
noise (false alarms: share of series with any spike / any shift alert), noise with one
injected spike of 6 sd (detected: a spike alert at that exact period) and noise with one
mean step of 2 sd (detected: a shift alert within 2 periods; "exact": at that period). The
detectors run exactly as ``steppe measure`` runs them (``scan``), the support rule and the
minimum-magnitude rule included; ``--no-minimum`` switches the minimum-magnitude rule off
(to show what it costs and saves).

    .venv/bin/python benchmarks/alerts_eval.py [--series 200] [--seed 0] [--spike-size 6]
        [--noise gaussian|poisson|weights ...] [--no-minimum] [--json]
"""

from __future__ import annotations

import argparse
import json
import time

from steppe.indicators import alerts
from steppe.indicators.alerts import NOISE_MODELS, evaluate_detectors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--spike-size", type=float, default=6.0, help="injected spike, in sd")
    parser.add_argument("--noise", choices=NOISE_MODELS, action="append")
    parser.add_argument("--no-minimum", action="store_true", help="minimum-magnitude rule off")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.no_minimum:
        alerts.MIN_FACTOR, alerts.MIN_WEIGHT, alerts.MIN_CHANGE = 0.0, 0.0, {}
    rows = []
    for noise in args.noise or NOISE_MODELS:
        for freq, length in (("month", 96), ("quarter", 40)):
            start = time.perf_counter()
            rates = evaluate_detectors(
                noise, args.series, length, freq, spike_size=args.spike_size, seed=args.seed
            )
            rows.append(
                {"noise": noise, "freq": freq, "seconds": round(time.perf_counter() - start, 1)}
                | rates.as_dict()
            )
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print("noise     freq     n   false spike  false shift  spike det.  shift det. (exact)")
    for r in rows:
        print(
            f"{r['noise']:<9} {r['freq']:<8} {r['length']:<3} {r['false_spike_rate']:>11.3f}"
            f"  {r['false_shift_rate']:>11.3f}  {r['spike_detection']:>10.3f}"
            f"  {r['shift_detection']:>10.3f} ({r['shift_within']:.3f})"
        )


if __name__ == "__main__":
    main()
