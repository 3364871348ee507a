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
