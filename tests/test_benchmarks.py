"""Every benchmark script still runs (tiny sizes; figures are not checked here: the scripts
print them against their baselines, see benchmarks/README.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"


def run(script: str, *args: str) -> str:
    out = subprocess.run(
        [sys.executable, str(BENCH / script), *args], capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return out.stdout


def test_ingest_benchmark_runs() -> None:
    out = run("ingest_gdelt.py", "--rows", "3000", "--repeat", "1")
    assert "ratio steppe/pandas" in out and "peak memory" in out


def test_serve_benchmark_runs() -> None:
    pytest.importorskip("fastapi")
    out = run("serve.py", "--events", "3000", "--seconds", "1", "--clients", "2")
    assert "/api/events" in out and " 0\n" in out.split("target:")[0]


def test_simulate_benchmark_runs() -> None:
    out = run("simulate.py", "--runs", "40", "--rounds", "3", "--loop-runs", "2")
    assert "speed-up" in out and "agree on the subset: True" in out


def test_coder_benchmark_runs(shared: Path) -> None:
    out = run(
        "coder.py",
        *("--documents", "8", "--repeat", "1", "--no-shared"),
        *("--dictionaries", str(shared / "petrarch2_dictionaries")),
    )
    assert "steppe coder:" in out and "target >= 2,000 sentences/s" in out
    assert "ratio steppe/spaCy" in out or "baseline skipped" in out


def test_scale_benchmark_runs(tmp_path: Path) -> None:
    out = run("scale.py", "--sizes", "20000,60000", "--spark-sizes", "", "--dir", str(tmp_path))
    assert "rows/s" in out and "growth exponent" in out
    rows = [line.split() for line in out.splitlines() if line.strip().startswith(("20,000", "60,"))]
    assert len(rows) == 2 and all(float(r[4].replace(",", "")) > 0 for r in rows)


def test_fetch_benchmark_runs() -> None:
    out = run("fetch.py", "--days", "1", "--rows", "50")
    assert "ratio baseline/steppe" in out and "96 files, 0 refused, 0 failed" in out


def test_alerts_eval_runs() -> None:
    out = run("alerts_eval.py", "--series", "3")
    assert "false spike" in out and len(out.splitlines()) == 7  # 3 noise models x 2 freqs
    assert "weights" in out
