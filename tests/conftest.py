from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import steppe

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
