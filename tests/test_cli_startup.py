"""The CLI starts fast: `import steppe` loads nothing, and `steppe.cli`, `steppe --help` and
`steppe resolve` load no heavy layer (figures: benchmarks/cli_startup.py)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import steppe

# third-party packages and Steppe layers that must not load before a command needs them
HEAVY = (
    "duckdb",
    "ibis",
    "pyarrow",
    "pandas",
    "numpy",
    "scipy",
    "ruptures",
    "yaml",
    "fastapi",
    "uvicorn",
    "steppe.store",
    "steppe.ingest",
    "steppe.coding",
    "steppe.indicators",
    "steppe.scenarios",
    "steppe.report",
    "steppe.web",
    "steppe.pipeline",
)

PROBE = """
import json, sys
argv = sys.argv[1:]
if argv:
    from steppe.cli import app
    try:
        app(argv, prog_name="steppe")
    except SystemExit as exc:
        assert not exc.code, exc.code
else:
    import steppe.cli
sys.stdout = sys.__stdout__
print(json.dumps(sorted(sys.modules)))
"""


def loaded_after(*argv: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return set(json.loads(out.stdout.splitlines()[-1]))


def heavy_in(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


@pytest.mark.parametrize(
    "argv",
    [(), ("--help",), ("resolve", "Tokayev", "--on", "2023-05-01"), ("ingest", "--help")],
    ids=["import", "help", "resolve", "ingest-help"],
)
def test_cli_loads_no_heavy_module(argv: tuple[str, ...]) -> None:
    assert heavy_in(loaded_after(*argv)) == []


def test_import_steppe_loads_only_the_package() -> None:
    out = subprocess.run(
        [sys.executable, "-c", "import json, sys, steppe; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert [m for m in json.loads(out.stdout) if m.startswith("steppe")] == ["steppe"]


def test_every_public_name_still_resolves() -> None:
    for name in steppe.__all__:
        assert getattr(steppe, name) is not None, name
    assert set(dir(steppe)) >= set(steppe.__all__)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = steppe.nope
