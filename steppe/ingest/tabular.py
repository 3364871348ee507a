"""What the tabular reference loaders share: a CSV row reader that refuses a wrong layout with
file and line, typed cell parsers that turn a bad cell into a quarantine reason, and the
:class:`Load` a loader hands to :func:`steppe.ingest.reference.ingest_reference`."""

from __future__ import annotations

import csv
import gzip
import io
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from steppe.domain.errors import IngestError


# -- rows -------------------------------------------------------------------------------
class Rows:
    """Rows of a CSV file (plain or .gz) as ``(line, row)``; layout problems raise."""

    def __init__(self, path: Path, required: tuple[str, ...], kind: str) -> None:
        self.path, self.required, self.kind = path, required, kind

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        path = self.path
        if not path.is_file():
            raise IngestError(f"{path}: no such file")
        raw: Any = gzip.open(path, "rb") if path.suffix.lower() == ".gz" else path.open("rb")  # noqa: SIM115 (closed by the with below)
        line = 1
        try:
            with raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as text:
                reader = csv.reader(text)
                header = next(reader, None)
                if not header:
                    raise IngestError(f"{path}: empty file")
                header = [h.strip().strip("\ufeff") for h in header]
                missing = [c for c in self.required if c not in header]
                if missing:
                    raise IngestError(
                        f"{path} line 1: not a {self.kind} file; missing columns {missing}"
                    )
                width = len(header)
                for fields in reader:
                    line = reader.line_num
                    if not fields:
                        continue
                    if len(fields) != width:
                        yield line, {"__error__": f"{len(fields)} columns, expected {width}"}
                        continue
                    yield line, dict(zip(header, fields, strict=True))
        except (OSError, EOFError, UnicodeDecodeError, csv.Error) as exc:
            raise IngestError(f"{path} after line {line}: cannot read ({exc})") from exc


class BadRow(ValueError):
    """A row-level problem: the row goes to quarantine with this reason."""


def integer(row: dict[str, str], col: str, lo: int | None = None, hi: int | None = None) -> int:
    value = row.get(col, "").strip()
    try:
        out = int(float(value)) if value and float(value).is_integer() else int(value)
    except ValueError:
        raise BadRow(f'{col}: "{value}" is not an integer') from None
    if (lo is not None and out < lo) or (hi is not None and out > hi):
        raise BadRow(f"{col}: {out} is outside {lo}..{hi}")
    return out


def number(row: dict[str, str], col: str, missing_below: float | None = None) -> float | None:
    """A number or ``None`` for empty/NA (and, with ``missing_below``, for COW's -9 codes)."""
    value = row.get(col, "").strip()
    if value in ("", "NA", "NaN", "nan", "."):
        return None
    try:
        out = float(value)
    except ValueError:
        raise BadRow(f'{col}: "{value}" is not a number') from None
    if math.isnan(out) or (missing_below is not None and out < missing_below):
        return None
    return out


def flag(row: dict[str, str], col: str) -> bool | None:
    value = row.get(col, "").strip()
    if value in ("", "NA"):
        return None
    if value not in ("0", "1", "0.0", "1.0"):
        raise BadRow(f'{col}: "{value}" is not 0 or 1')
    return value.startswith("1")


YEARS = (1800, 2100)
"""Years a reference row may carry."""


@dataclass
class Load:
    """What one file yields: rows per target table and the quarantined lines."""

    tables: dict[str, pa.Table]
    delete: list[tuple[str, list[Any]]]
    bad: list[tuple[int, str, str]]
    note: str | None = None
    """Anything the ``sources`` row should say about the load (coverage gaps, units)."""


def quarantine_row(bad: list[tuple[int, str, str]], line: int, reason: str, row: Any) -> None:
    raw = ",".join(row.values()) if isinstance(row, dict) else str(row)
    bad.append((line, reason, raw[:4000]))
