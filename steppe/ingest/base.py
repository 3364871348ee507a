"""What every ingester shares: input files (plain, .gz, .zip), file hashes, the ingest log,
quarantine rows, and the report each run returns."""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import blake3
import duckdb
import pyarrow as pa

from steppe.domain.errors import IngestError
from steppe.domain.limits import exceeded, limit
from steppe.store import Store, scalar

ProgressFn = Callable[[float], None]
"""Called with the fraction (0..1) of the current file done."""


@dataclass(frozen=True)
class IngestReport:
    """Outcome of ingesting one file.

    >>> IngestReport("a.tsv", "gdelt1", 10, 2, 1).summary()
    'a.tsv: 10 loaded / 2 duplicate / 1 quarantined'
    """

    file: str
    origin: str
    loaded: int
    duplicate: int
    quarantined: int
    skipped: bool = False
    seconds: float = 0.0
    dated_by_fallback: int = 0
    """Documents that carried no date and took the ``--date`` fallback."""
    undated: int = 0
    """Documents loaded without any date (``steppe code`` needs ``--date`` for them)."""

    def summary(self) -> str:
        note = " (already ingested)" if self.skipped else ""
        return (
            f"{self.file}: {self.loaded} loaded / {self.duplicate} duplicate / "
            f"{self.quarantined} quarantined{note}"
        )


def file_digest(path: Path) -> str:
    """The BLAKE3 digest of a file's bytes (compressed bytes for .gz), as ``blake3:<hex>``.

    BLAKE3 is a cryptographic hash like SHA-256 but about four times faster on one core, which
    matters because the digest is computed beside the parse on the same two cores.

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> _ = f.write_bytes(b"abc")
    >>> file_digest(f)[:23]
    'blake3:6437b3ac38465133'
    """
    digest = blake3.blake3()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 22):
            digest.update(chunk)
    return f"blake3:{digest.hexdigest()}"


ZIP_PREFIX = "steppe-zip-"
"""Temporary folders holding unpacked zip members are named ``steppe-zip-<pid>-<random>``."""


def remove_stale_unpacks(folder: Path | None = None) -> list[Path]:
    """Remove unpack folders left by Steppe processes that no longer run (a ``kill -9`` during
    a zip ingest skips the clean-up); returns the folders removed.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "steppe-zip-999999999-x").mkdir()
    >>> (root / f"steppe-zip-{os.getpid()}-y").mkdir()
    >>> [p.name for p in remove_stale_unpacks(root)]
    ['steppe-zip-999999999-x']
    """
    root = folder or Path(tempfile.gettempdir())
    removed = []
    for candidate in root.glob(f"{ZIP_PREFIX}*"):
        pid = candidate.name.removeprefix(ZIP_PREFIX).split("-", 1)[0]
        if not pid.isdigit() or _running(int(pid)):
            continue
        shutil.rmtree(candidate, ignore_errors=True)
        removed.append(candidate)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return pid < 2**22  # another user's process (or a nonsense number: not running)
    return True


@contextmanager
def readable(path: Path) -> Iterator[Iterator[tuple[str, Path]]]:
    """The data files inside ``path``: itself for plain and .gz files, the members for .zip.
    Yields ``(display_name, path)`` pairs; a zip's members are unpacked one at a time into a
    temporary folder (each removed before the next, the folder afterwards), so members with
    the same base name in different folders stay apart, and unpacking stops with a one-line
    error when the archive unpacks to more than the ``max_decompressed_mb`` limit."""
    if not path.exists():
        raise IngestError(f"{path}: no such file")
    if not path.is_file():
        raise IngestError(f"{path}: not a file")
    if path.suffix.lower() != ".zip":
        yield iter([(str(path), path)])
        return
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise IngestError(f"{path}: not a readable zip archive ({exc})") from exc
    remove_stale_unpacks()
    tmp = Path(tempfile.mkdtemp(prefix=f"{ZIP_PREFIX}{os.getpid()}-"))
    try:
        with archive:
            yield _members(path, archive, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _members(path: Path, archive: zipfile.ZipFile, tmp: Path) -> Iterator[tuple[str, Path]]:
    budget = limit("max_decompressed_mb") << 20
    for number, info in enumerate(archive.infolist()):
        if info.is_dir():
            continue
        display = f"{path}!{info.filename}"
        # each member in its own folder: a/day.CSV and b/day.CSV must not overwrite each other
        folder = tmp / str(number)
        folder.mkdir()
        target = folder / (Path(info.filename).name or "member")
        try:
            with archive.open(info) as src, target.open("wb") as dst:
                while chunk := src.read(1 << 22):
                    budget -= len(chunk)
                    if budget < 0:
                        raise IngestError(
                            exceeded(
                                "max_decompressed_mb", f"{display}: the archive unpacks to more"
                            )
                        )
                    dst.write(chunk)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, RuntimeError) as exc:
            raise IngestError(f"{display}: cannot unpack ({exc})") from exc
        try:
            yield display, target
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def already_ingested(store: Store, sha: str, origin: str) -> bool:
    return bool(
        scalar(
            store.con,
            "SELECT count(*) FROM ingest_log WHERE digest = ? AND origin = ?",
            [sha, origin],
        )
    )


def seen_file(store: Store, file: str, origin: str) -> bool:
    return bool(
        scalar(
            store.con,
            "SELECT count(*) FROM ingest_log WHERE file = ? AND origin = ?",
            [file, origin],
        )
    )


def skipped_report(store: Store, file: str, origin: str, sha: str) -> IngestReport:
    """The report for a file whose bytes were ingested before: every row a duplicate."""
    rows = scalar(
        store.con,
        "SELECT ok + duplicate FROM ingest_log WHERE digest = ? AND origin = ? "
        "ORDER BY finished LIMIT 1",
        [sha, origin],
    )
    return IngestReport(file, origin, 0, int(rows or 0), 0, skipped=True)


def log_ingest(
    store: Store,
    report: IngestReport,
    sha: str,
    started: datetime,
    con: duckdb.DuckDBPyConnection | None = None,
) -> None:
    """Record a finished load in ``ingest_log``. Loaders pass the connection of their open
    load transaction (``con``), so the log row commits with the rows or not at all: a kill
    between the two would otherwise make the rerun report every row a duplicate."""
    sql = "INSERT INTO ingest_log VALUES (?, ?, ?, ?, ?, ?, ?, now())"
    params = [
        report.file,
        sha,
        report.origin,
        report.loaded,
        report.duplicate,
        report.quarantined,
        started,
    ]
    if con is not None:
        con.execute(sql, params)
        return
    with store.transaction() as tx:
        tx.execute(sql, params)


EVENT_ROW_SCHEMA = pa.schema(
    [
        ("event_id", pa.string()),
        ("date", pa.date32()),
        ("source_actor", pa.string()),
        ("target_actor", pa.string()),
        ("source_agent", pa.string()),
        ("target_agent", pa.string()),
        ("source_raw", pa.string()),
        ("target_raw", pa.string()),
        ("cameo", pa.string()),
        ("plover", pa.string()),
        ("quad_class", pa.int8()),
        ("goldstein", pa.float64()),
        ("origin", pa.string()),
        ("doc_id", pa.string()),
        ("sentence", pa.string()),
        ("confidence", pa.float64()),
        ("modality", pa.string()),
        ("event_time", pa.string()),
        ("event_date", pa.date32()),
        ("date_precision", pa.string()),
    ]
)
"""Columns of ``events`` that row-by-row producers (ICEWS, the coder) fill; missing keys are
NULL."""


DATASET_EVENT = {"modality": "asserted", "event_time": "document", "date_precision": "day"}
"""What a dataset's event row (GDELT, ICEWS, POLECAT, ACLED) is when its producer does not say:
a report of an act that took place on its date. The coder always says."""


def append_events(con: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]) -> None:
    """Append event rows (dicts keyed by :data:`EVENT_ROW_SCHEMA` names) in one Arrow batch;
    callers deduplicate afterwards with :func:`remove_new_duplicates`. Rows without a
    ``modality`` key are dataset rows (:data:`DATASET_EVENT`)."""
    if not rows:
        return
    rows = [r if "modality" in r else {**DATASET_EVENT, **r} for r in rows]
    con.register("_steppe_event_rows", pa.Table.from_pylist(rows, schema=EVENT_ROW_SCHEMA))
    cols = ", ".join(EVENT_ROW_SCHEMA.names)
    try:
        con.execute(f"INSERT INTO events ({cols}) SELECT {cols} FROM _steppe_event_rows")
    finally:
        con.unregister("_steppe_event_rows")


QUARANTINE_SCHEMA = pa.schema(
    [
        ("origin", pa.string()),
        ("file", pa.string()),
        ("record", pa.int64()),
        ("reason", pa.string()),
        ("raw", pa.string()),
        ("at", pa.timestamp("us")),
    ]
)
"""Arrow schema of quarantine rows built in Python."""

QUARANTINE_DEDUP = """
INSERT INTO quarantine
SELECT q.* FROM {source} q
WHERE NOT EXISTS (
    SELECT 1 FROM quarantine o
    WHERE o.file = q.file AND o.record IS NOT DISTINCT FROM q.record AND o.reason = q.reason
)
"""
"""Insert quarantine rows from ``source`` unless the same (file, record, reason) is there."""


def remove_new_duplicates(con: duckdb.DuckDBPyConnection, first_rowid: int) -> int:
    """Delete events appended at or after ``first_rowid`` whose ``event_id`` was already in
    the table, or repeats an earlier appended row; return how many went.

    Appending first and removing afterwards lets DuckDB plan the check between two tables of
    known size, instead of a join against a CSV scan whose size it cannot estimate.
    """
    gone = 0
    if scalar(con, f"SELECT count(*) FROM events WHERE rowid < {first_rowid}"):
        gone += int(
            scalar(
                con,
                f"""
            DELETE FROM events WHERE rowid >= {first_rowid} AND event_id IN (
                SELECT event_id FROM events WHERE rowid < {first_rowid})""",
            )
        )
    if scalar(
        con, f"SELECT count(*) - count(DISTINCT event_id) FROM events WHERE rowid >= {first_rowid}"
    ):
        gone += int(
            scalar(
                con,
                f"""
            DELETE FROM events WHERE rowid IN (
                SELECT rowid FROM (
                    SELECT rowid, row_number() OVER (PARTITION BY event_id ORDER BY rowid) AS k
                    FROM events WHERE rowid >= {first_rowid}) WHERE k > 1)""",
            )
        )
    return gone
