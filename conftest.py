"""Session set-up shared by the tests and the doctests in steppe/."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True, scope="session")
def _temporary_files_under_pytest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every ``tempfile.mkdtemp()`` of a test or doctest lands in pytest's own temporary
    folder, which pytest rotates, instead of being left in the system's (issue 16, D12)."""
    before = tempfile.tempdir
    tempfile.tempdir = str(tmp_path_factory.mktemp("tempfile"))
    try:
        yield
    finally:
        tempfile.tempdir = before
