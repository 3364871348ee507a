"""Every example command in README.md runs as written (issue 16).

Each line that starts with ``steppe `` inside a ```sh block runs, in README order, from the
repository root through ``bash`` (so globs and quotes work as a reader's shell has them),
against one store built by ``steppe demo`` (``STEPPE_DB``). A failure names the README line.
A line ending with ``# not run: <reason>`` is skipped with that reason; a line that reads
``../shared/data`` skips when it is absent; a line that needs an optional extra (Spark, spaCy)
skips when the extra is not installed.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

# Each `steppe measure` line recomputes every indicator of the demo store: about ten minutes in
# all on two cores, so `make test` leaves it to `make test-slow` (which .ci/run runs).
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
NOT_RUN = re.compile(r"#\s*not run:\s*(?P<reason>.+)$")
# a pattern in the command -> the module it needs (an optional extra)
EXTRAS = (
    (re.compile(r"--backend spark|STEPPE_BACKEND=spark"), "pyspark"),
    (re.compile(r"--ner\b"), "spacy"),
)


@dataclass(frozen=True)
class Example:
    line: int
    command: str

    @property
    def id(self) -> str:
        return f"README.md:{self.line}"


def readme_examples(text: str) -> list[Example]:
    """The ``steppe ...`` lines of the ```sh blocks, with their line numbers.

    >>> readme_examples("x\\n```sh\\nsteppe info   # the store\\nls\\n```\\nsteppe no\\n")
    [Example(line=3, command='steppe info   # the store')]
    """
    out, inside = [], False
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if stripped.startswith("```"):
            inside = not inside and stripped in ("```sh", "```bash", "```shell")
            continue
        if inside and stripped.startswith("steppe "):
            out.append(Example(number, stripped))
    return out


EXAMPLES = readme_examples(README.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("readme") / "out"
    subprocess.run(
        [_steppe(), "demo", "--out", str(out)],
        cwd=ROOT,
        env=_env(out / "steppe.duckdb"),
        check=True,
        capture_output=True,
        timeout=1200,
    )
    stores = sorted(out.rglob("*.duckdb"))
    assert stores, f"steppe demo wrote no store under {out}"
    return stores[0]


def _steppe() -> str:
    return str(Path(sys.executable).with_name("steppe"))


def _env(db: Path) -> dict[str, str]:
    env = {**os.environ, "STEPPE_DB": str(db)}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def test_the_readme_has_examples() -> None:
    assert len(EXAMPLES) > 20


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.id for e in EXAMPLES])
def test_readme_example_runs(example: Example, demo_store: Path) -> None:
    skipped = NOT_RUN.search(example.command)
    if skipped:
        pytest.skip(f"{example.id}: not run: {skipped['reason'].strip()}")
    if "../shared/" in example.command and not (ROOT.parent / "shared" / "data").is_dir():
        pytest.skip(f"{example.id}: ../shared/data is not present")
    for pattern, module in EXTRAS:
        if pattern.search(example.command) and importlib.util.find_spec(module) is None:
            pytest.skip(f"{example.id}: needs the optional {module} (not installed)")
    done = subprocess.run(
        ["bash", "-c", example.command],
        cwd=ROOT,
        env=_env(demo_store),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, (
        f"{example.id} failed (exit {done.returncode}): {example.command}\n"
        f"{done.stderr[-2000:] or done.stdout[-2000:]}"
    )
