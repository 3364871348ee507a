"""Layers import downward only; the public API is exactly what we intend; docs stay honest."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import steppe
from steppe.cli import app

PKG = Path(steppe.__file__).parent
ROOT = PKG.parent
LAYERS = {
    "domain": 0,
    "registry": 1,
    "data": 1,
    "store": 2,
    "ingest": 3,
    "fetch": 3,
    "coding": 4,
    "indicators": 5,
    "scenarios": 6,
    "report": 7,
    "web": 7,
    "pipeline": 8,
    "update": 8,
    "cli": 8,
    "__init__": 8,
}


def layer_of(module: str) -> int | None:
    parts = module.split(".")
    if parts[0] != "steppe":
        return None
    if len(parts) == 1:
        return LAYERS["__init__"]
    return LAYERS.get(parts[1])


def test_layers_import_downward_only() -> None:
    violations = []
    for path in PKG.rglob("*.py"):
        rel = path.relative_to(ROOT).with_suffix("")
        module = ".".join(rel.parts).removesuffix(".__init__")
        own = layer_of(module) if module != "steppe" else 8
        assert own is not None, module
        for node in ast.walk(ast.parse(path.read_text())):
            targets = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module]
            for target in targets:
                other = layer_of(target)
                if other is not None and other > own:
                    violations.append(f"{module} (layer {own}) imports {target} ({other})")
    assert not violations, "\n".join(violations)


def _package(module: str) -> str:
    """The top-level part of Steppe a module belongs to (``steppe.ingest.gdelt`` -> ingest)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def private_cross_imports(source: str, module: str) -> list[str]:
    """Imports in ``source`` (the text of ``module``) that reach a private name (``_x``, not a
    dunder) or a private module of another part of Steppe.

    >>> private_cross_imports("from steppe.ingest.reference import _load_bsv", "steppe.coding")
    ['steppe.coding imports steppe.ingest.reference._load_bsv']
    >>> private_cross_imports("from steppe.ingest.base import _digest", "steppe.ingest.gdelt")
    []
    """

    def private(name: str) -> bool:
        return name.startswith("_") and not name.startswith("__")

    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] != "steppe" or _package(name) == _package(module):
                continue
            if any(private(p) for p in parts[1:]):
                found.append(f"{module} imports {name}")
    return found


def test_no_private_names_across_layers() -> None:
    violations = []
    for path in PKG.rglob("*.py"):
        rel = path.relative_to(ROOT).with_suffix("")
        module = ".".join(rel.parts).removesuffix(".__init__")
        violations += private_cross_imports(path.read_text(), module)
    assert not violations, "\n".join(violations)


def test_the_private_import_check_catches_the_old_wall_breaks() -> None:
    # the two walls issue 16 found broken: a private loader and the web's own ingest route
    old = "from steppe.ingest.reference import _load_bsv"
    assert private_cross_imports(old, "steppe.indicators.idealpoints")
    app_source = (PKG / "web" / "app.py").read_text()
    assert "steppe.ingest.gdelt" not in app_source and "steppe.ingest.icews" not in app_source
    assert "ingest_event_files" in app_source


NETWORK_MODULES = ("httpx", "socket", "urllib.request", "http.client", "requests", "aiohttp")


def test_only_fetchers_open_sockets() -> None:
    """Nothing outside steppe/fetch imports a network client (the web server is a server)."""
    offenders = []
    for path in PKG.rglob("*.py"):
        rel = path.relative_to(PKG)
        if rel.parts[0] == "fetch":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [
                f"{rel}: {n}"
                for n in names
                if n.split(".")[0] in NETWORK_MODULES or n in NETWORK_MODULES
            ]
    assert not offenders, offenders


def test_public_api_is_pinned() -> None:
    assert sorted(steppe.__all__) == sorted(
        [
            "BACKENDS",
            "DEMO_EVENTS",
            "EVENT_FORMATS",
            "FOCAL_STATES",
            "POLES",
            "Actor",
            "Alias",
            "DemoResult",
            "Engine",
            "FetchError",
            "FetchReport",
            "Gazetteer",
            "Headline",
            "IndicatorError",
            "IngestError",
            "IngestReport",
            "LakeSync",
            "Leader",
            "Membership",
            "NetworkError",
            "Period",
            "Registry",
            "RegistryError",
            "SchemaVersionError",
            "StageError",
            "SteppeError",
            "Store",
            "StoreError",
            "UnknownFormatError",
            "__version__",
            "data_path",
            "default_db_path",
            "default_lake_path",
            "fetch_gdelt",
            "headlines",
            "ingest_events",
            "install_registry",
            "is_remote",
            "measure",
            "multivector_index",
            "multivector_table",
            "open_engine",
            "read",
            "run_demo",
            "sync_lake",
            "write_gdelt",
            "write_news",
            "write_report",
        ]
    )
    for name in steppe.__all__:
        assert hasattr(steppe, name), name


def _commands() -> list[str]:
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    for group in app.registered_groups:
        sub = group.typer_instance
        assert sub is not None
        names += [
            f"{group.name} {c.name or c.callback.__name__}"  # type: ignore[union-attr]
            for c in sub.registered_commands
        ]
    return names


def test_every_cli_command_is_documented_and_has_an_example() -> None:
    readme = (ROOT / "README.md").read_text()
    for name in _commands():
        assert f"steppe {name}" in readme, f"README does not document 'steppe {name}'"
    for command in app.registered_commands:
        assert "Example:" in (command.callback.__doc__ or ""), command.name


def test_packaged_data_is_attributed() -> None:
    sources = (PKG / "data" / "SOURCES.md").read_text()
    for path in (PKG / "data").rglob("*"):
        if path.is_file() and path.name != "SOURCES.md":
            rel = path.relative_to(PKG / "data").as_posix()
            assert f"`{rel}`" in sources, f"{rel} is not in steppe/data/SOURCES.md"


def test_no_network_references_in_package() -> None:
    pattern = re.compile(r"https?://(cdn|unpkg|cdnjs|fonts\.googleapis)")
    for path in PKG.rglob("*"):
        if path.is_file() and path.suffix in (".py", ".j2", ".html", ".js", ".css"):
            assert not pattern.search(path.read_text()), path
