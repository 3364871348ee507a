"""Benchmark: Steppe's full GDELT 1.0 ingest against pandas.read_csv of the same file alone.

Steppe's side parses, types and validates every row, maps actors to registry codes, loads the
events table of an on-disk store, deduplicates and quarantines. pandas' side only parses the
file into a DataFrame (``pd.read_csv(path, sep="\\t", header=None)``). Each side runs in its own
process (so that peak memory is its own), ``--repeat`` times; the median is reported.

    python benchmarks/ingest_gdelt.py               # 2,000,000 rows
    python benchmarks/ingest_gdelt.py --rows 20000  # quick check
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PANDAS = """
import json, resource, sys, time
import pandas as pd
t = time.perf_counter()
df = pd.read_csv(sys.argv[1], sep="\\t", header=None)
seconds = time.perf_counter() - t
print(json.dumps({"seconds": seconds, "rows": len(df),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

STEPPE = """
import json, resource, sys, time
import steppe
with steppe.Store(sys.argv[2]) as store:
    steppe.install_registry(store)
    t = time.perf_counter()
    [report] = steppe.ingest_events(store, [sys.argv[1]], "gdelt1")
    seconds = time.perf_counter() - t
    rows = store.count("events")
print(json.dumps({"seconds": seconds, "rows": rows, "loaded": report.loaded,
                  "quarantined": report.quarantined,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(code: str, *args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import steppe

    with tempfile.TemporaryDirectory(prefix="steppe-bench-") as tmp:
        path = Path(tmp) / "synthetic.export.CSV"
        t = time.perf_counter()
        steppe.write_gdelt(path, rows=args.rows, seed=args.seed)
        size_mb = path.stat().st_size / 1e6
        print(
            f"synthetic GDELT 1.0 file: {args.rows:,} rows, {size_mb:,.0f} MB "
            f"(written in {time.perf_counter() - t:.1f} s)"
        )
        pandas_runs, steppe_runs = [], []
        for i in range(args.repeat):
            pandas_runs.append(run(PANDAS, str(path)))
            db = Path(tmp) / f"bench-{i}.duckdb"
            steppe_runs.append(run(STEPPE, str(path), str(db)))
            db.unlink()
            Path(str(db) + ".wal").unlink(missing_ok=True)
    p = statistics.median(r["seconds"] for r in pandas_runs)
    s = statistics.median(r["seconds"] for r in steppe_runs)
    p_mem = max(r["peak_mb"] for r in pandas_runs)
    s_mem = max(r["peak_mb"] for r in steppe_runs)
    assert all(r["rows"] == args.rows for r in steppe_runs), steppe_runs
    ratio = s / p
    print(f"{'':34}{'seconds':>9}{'rows/s':>12}{'peak MB':>10}")
    print(f"{'pandas.read_csv (parse only)':34}{p:9.2f}{args.rows / p:12,.0f}{p_mem:10,.0f}")
    print(f"{'steppe ingest (parse..dedupe)':34}{s:9.2f}{args.rows / s:12,.0f}{s_mem:10,.0f}")
    print(
        f"ratio steppe/pandas = {ratio:.2f} (target <= 1.00: {'met' if ratio <= 1 else 'MISSED'}"
        f"); peak memory {s_mem:,.0f} MB (target < 2,048 MB: "
        f"{'met' if s_mem < 2048 else 'MISSED'}); median of {args.repeat} runs each"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
