"""Reading Steppe's packaged data files."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from importlib import resources
from pathlib import Path

from steppe.domain.errors import RegistryError


def data_path(*parts: str) -> Path:
    """Path of a file shipped in ``steppe/data``.

    >>> data_path("registry", "actors.csv").name
    'actors.csv'
    """
    return Path(str(resources.files("steppe").joinpath("data", *parts)))


def read_rows(*parts: str) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line_number, row)`` of a packaged CSV file, values stripped."""
    path = data_path(*parts)
    if not path.exists():
        raise RegistryError(f"missing packaged data file {path}")
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        for row in reader:
            yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}


def parse_date(value: str, where: str) -> date | None:
    """An ISO date or ``None`` for an empty field; a clear error otherwise."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise RegistryError(f"{where}: bad date {value!r}") from exc
