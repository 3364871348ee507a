"""Benchmark: every dyad-year UN vote agreement and S-score, 1946-2019, Steppe vs pandas.

Steppe's side (``steppe.indicators.votes.dyad_year_scores``) reads the votes from the store and
gets every dyad-year's sufficient statistics (common votes, summed distance, marginal vote
shares) with two BLAS matrix products per year (``dyad_year_stats``), then agreement, S and
kappa. The pandas side is the straightforward self-merge of the votes on
the roll call (one year at a time: the all-years merge is ~70 M rows) followed by a group-by
mean of the vote distance. Both read the bundled votes (870,109 votes, 200 countries); each side
runs in its own process so that peak memory is its own; the numbers are checked to agree.

    python benchmarks/votes.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

STEPPE = """
import json, resource, time
import steppe
from steppe.ingest.reference import bundled_unvotes, ingest_reference
from steppe.indicators.votes import dyad_year_scores
with steppe.Store(":memory:") as store:
    steppe.install_registry(store)
    ingest_reference(store, "unvotes", bundled_unvotes())
    t = time.perf_counter()
    scores = dyad_year_scores(store, 1946, 2019)
    seconds = time.perf_counter() - t
agree = scores.column("vote_agreement").to_numpy()
print(json.dumps({"seconds": seconds, "dyad_years": scores.num_rows, "sum": float(agree.sum()),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

PANDAS = """
import json, resource, time
import pandas as pd
from steppe.ingest.reference import bundled_unvotes
folder = bundled_unvotes()
votes = pd.read_parquet(folder / "votes.parquet")
calls = pd.read_parquet(folder / "rollcalls.parquet", columns=["rcid", "date"])
t = time.perf_counter()
calls["year"] = pd.to_datetime(calls["date"]).dt.year
v = votes.merge(calls[["rcid", "year"]], on="rcid")
v = v[(v.year >= 1946) & (v.year <= 2019)]
parts = []
for year, g in v.groupby("year"):
    m = g.merge(g, on=["rcid", "year"], suffixes=("_a", "_b"))
    m = m[m.country_a < m.country_b]
    m["d"] = (m.vote_a.astype(int) - m.vote_b.astype(int)).abs()
    r = m.groupby(["year", "country_a", "country_b"]).d.agg(["mean", "size"]).reset_index()
    r["agreement"] = 1 - r["mean"] / 2
    r["s_score"] = 1 - r["mean"]
    parts.append(r)
out = pd.concat(parts)
seconds = time.perf_counter() - t
print(json.dumps({"seconds": seconds, "dyad_years": len(out), "sum": float(out.agreement.sum()),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


SINGLE_THREAD = {k: "1" for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
"""Both sides run with one BLAS thread: the per-year products are small (about 190 x 200), and
on a shared 2-core machine a threaded BLAS made Steppe's side 5-10x slower, not faster. pandas'
side does not use BLAS, so the setting only makes the comparison one core against one core."""


def run(code: str) -> dict[str, float]:
    env = {**os.environ, **SINGLE_THREAD}
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> int:
    ours = run(STEPPE)
    base = run(PANDAS)
    same = ours["dyad_years"] == base["dyad_years"] and abs(ours["sum"] - base["sum"]) < 1e-6
    print(
        f"dyad-years: {int(ours['dyad_years']):,} (pandas {int(base['dyad_years']):,}); "
        f"same numbers: {same}"
    )
    print(f"steppe: {ours['seconds']:.2f} s, peak {ours['peak_mb']:.0f} MB")
    print(f"pandas: {base['seconds']:.2f} s, peak {base['peak_mb']:.0f} MB")
    print(f"speed-up: {base['seconds'] / ours['seconds']:.1f}x")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
