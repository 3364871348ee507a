"""CLI start-up: `steppe --help` and `steppe resolve NAME` against importing typer and rich
alone, each in a fresh interpreter, measured in the same run (median of --repeat runs).

    python benchmarks/cli_startup.py               # 15 runs of each
    python benchmarks/cli_startup.py --repeat 3    # quick check

Target: each command within 2x the baseline (`python -c "import typer, rich.console"`).

Steppe's modules are byte-compiled first, as `pip install` does and as any first run does
(typer's and rich's already are): with PYTHONDONTWRITEBYTECODE set, an editable install would
otherwise recompile steppe/cli.py at every start. `--no-compile` skips that step.
"""

from __future__ import annotations

import argparse
import compileall
import statistics
import subprocess
import sys
import time
from pathlib import Path

BASELINE = "import typer, rich.console"
COMMANDS = {
    "steppe --help": ["--help"],
    "steppe resolve Tokayev": ["resolve", "Tokayev", "--on", "2023-05-01"],
}
CLI = "from steppe.cli import app; app(prog_name='steppe')"
# typer's own floor for reference: a one-command app running (typer builds pydantic adapters
# for its parameters and imports rich.markdown to render help)
FLOOR = (
    "import typer\napp = typer.Typer()\n@app.command()\ndef hello(name: str) -> None:\n"
    "    print(name)\n@app.command()\ndef bye() -> None: ...\napp()"
)


def wall(args: list[str]) -> float:
    """Seconds a fresh interpreter takes to run ``args`` (output discarded)."""
    started = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--no-compile", action="store_true", help="do not byte-compile steppe")
    opts = parser.parse_args()
    if not opts.no_compile:
        import steppe

        compileall.compile_dir(Path(steppe.__file__).parent, quiet=1)
        print("steppe byte-compiled (as pip install does)")
    runs: dict[str, list[float]] = {"baseline": [], "floor --help": [], "floor hello x": []}
    for name in COMMANDS:
        runs[name] = []
    # interleaved, so a burst of load on the shared machine hits every case alike
    for _ in range(opts.repeat):
        runs["baseline"].append(wall([sys.executable, "-c", BASELINE]))
        runs["floor --help"].append(wall([sys.executable, "-c", FLOOR, "--help"]))
        runs["floor hello x"].append(wall([sys.executable, "-c", FLOOR, "hello", "x"]))
        for name, argv in COMMANDS.items():
            runs[name].append(wall([sys.executable, "-c", CLI, *argv]))
    base = statistics.median(runs["baseline"])
    print(f"baseline `{BASELINE}`: {base * 1000:.0f} ms (median of {opts.repeat})")
    for name in ("floor --help", "floor hello x"):
        median = statistics.median(runs[name])
        print(f"bare typer app, {name}: {median * 1000:.0f} ms  ratio {median / base:.2f}")
    for name in COMMANDS:
        median = statistics.median(runs[name])
        print(f"{name}: {median * 1000:.0f} ms  ratio {median / base:.2f}  (target <= 2.00)")


if __name__ == "__main__":
    main()
