from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import steppe
from steppe.coding import Coder
from tests.coding_events import bundled_coder

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("STEPPE_SHARED", ROOT.parent / "shared")) / "data"
CASES = Path(__file__).resolve().parent / "cases"


@pytest.fixture
def store() -> Iterator[steppe.Store]:
    """An in-memory store with the packaged registry installed."""
    with steppe.Store(":memory:") as s:
        steppe.install_registry(s)
        yield s


@pytest.fixture
def shared() -> Path:
    """``../shared/data``; tests that read it skip cleanly when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared/data is not present")
    return SHARED


@pytest.fixture(autouse=True, scope="session")
def _own_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The test run's own user cache folder (the compiled gazetteer), for the tests and the
    commands they start, instead of the user's ``~/.cache/steppe``."""
    before = os.environ.get("STEPPE_CACHE_DIR")
    os.environ["STEPPE_CACHE_DIR"] = str(tmp_path_factory.mktemp("steppe-cache"))
    yield
    if before is None:
        os.environ.pop("STEPPE_CACHE_DIR", None)
    else:
        os.environ["STEPPE_CACHE_DIR"] = before


@pytest.fixture
def coder() -> Coder:
    """The coder with the bundled dictionaries, shared by the session (modules that code with
    other dictionaries define their own ``coder``)."""
    return bundled_coder()
