"""The CLI starts fast: `import steppe` loads nothing, and `steppe.cli`, `steppe --help` and
`steppe resolve` load no heavy layer (figures: benchmarks/cli_startup.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

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
    "pydantic",
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


LAZY = "from steppe.cli import app; app(prog_name='steppe')"
# the app as Typer builds it, every command and Typer's own parameter conversion
FULL = (
    "import typer.core, typer.main; from steppe.cli import app; "
    "app.info.cls = typer.core.TyperGroup; typer.main.get_command(app)(prog_name='steppe')"
)


def _run(code: str, argv: tuple[str, ...], tmp_path: Path) -> tuple[int, str, str]:
    env = {**os.environ, "COLUMNS": "100", "STEPPE_DB": str(tmp_path / "none.duckdb")}
    env["STEPPE_CACHE_DIR"] = str(tmp_path / "cache")
    out = subprocess.run(
        [sys.executable, "-c", code, *argv],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    return out.returncode, out.stdout, out.stderr


@pytest.mark.parametrize(
    "argv",
    [
        (),
        ("--help",),
        ("--db", "x.duckdb", "--help"),
        ("resolve", "Tokayev", "--on", "2023-05-01"),
        ("--backend=duckdb", "resolve", "--json", "Astana"),
        ("resolve", "--help"),
        ("ingest",),
        ("ingest", "--help"),
        ("fetch", "gdelt", "--help"),
        ("resolv", "Tokayev"),
        ("ingest", "nosuch"),
        ("--nosuch", "resolve", "x"),
        ("--", "resolve", "x"),
        ("resolve",),
        ("synth", "gdelt", "--rows", "abc", "x.csv"),
        ("synth", "gdelt", "--rows", "0", "x.csv"),
        ("fetch", "gdelt", "--version", "3", "--since", "2024-01-01"),
        ("fetch", "gdelt", "--timeout", "x", "--since", "2024-01-01"),
        ("--db", "", "resolve", "x"),
    ],
    ids=lambda argv: " ".join(argv) or "no-args",
)
def test_the_lazy_app_behaves_as_the_full_one(argv: tuple[str, ...], tmp_path: Path) -> None:
    """`steppe` builds only the command it runs (or stubs for the overview) and converts plain
    strings without pydantic, and prints and exits exactly as the app Typer builds in full."""
    assert _run(LAZY, argv, tmp_path) == _run(FULL, argv, tmp_path)


def test_every_root_option_but_help_takes_a_value() -> None:
    """The lazy app finds the command word by skipping root options and their values: a new
    root flag must be added to _ROOT_FLAGS."""
    import typer.main

    from steppe.cli import _ROOT_FLAGS, app

    group = typer.main.get_command(app)
    flags = {o for p in group.params if getattr(p, "is_flag", False) for o in p.opts}
    assert flags <= _ROOT_FLAGS
