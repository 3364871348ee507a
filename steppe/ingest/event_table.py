"""What the header-row event readers share (POLECAT, ACLED): open a delimited file with a header
(plain, .gz or .zip), check the columns a format needs, turn each record into a canonical event
row or a quarantine reason, and load the rows idempotently (file digest, then event id)."""

from __future__ import annotations

import csv
import gzip
import io
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from steppe.domain.errors import IngestError
from steppe.ingest.base import (
    QUARANTINE_DEDUP,
    QUARANTINE_SCHEMA,
    IngestReport,
    ProgressFn,
    already_ingested,
    append_events,
    file_digest,
    log_ingest,
    readable,
    remove_new_duplicates,
    skipped_report,
)
from steppe.store import Store, scalar

PLOVER_QUAD: dict[str, int] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), 2),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}
"""PLOVER's sixteen event types and their quad class (1 verbal cooperation, 2 material
cooperation, 3 verbal conflict, 4 material conflict), as the PLOVER manual groups them."""

RowFn = Callable[[dict[str, str], int], dict[str, Any] | str]
"""Maps one record (column -> text) and its line number to an event row or a reason."""

BATCH = 50_000


def _records(path: Path, delimiter: str) -> Iterator[tuple[list[str], int, dict[str, str]]]:
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    with opener(path, "rb") as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
        reader = csv.reader(text, delimiter=delimiter)
        header = next(reader, None)
        if not header:
            raise IngestError(f"{path}: empty file")
        names = [h.strip() for h in header]
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            yield names, reader.line_num, dict(zip(names, values, strict=False))


def ingest_table(
    store: Store,
    path: str | Path,
    origin: str,
    delimiter: str,
    required: tuple[str, ...],
    row: RowFn,
    progress: ProgressFn | None = None,
) -> list[IngestReport]:
    """Load a header-row event file with ``row`` mapping each record; a file lacking a
    ``required`` column is refused, a record ``row`` rejects is quarantined with its line."""
    reports = []
    with readable(Path(path)) as members:
        for display, member in members:
            reports.append(
                _ingest_one(store, display, member, origin, delimiter, required, row, progress)
            )
    return reports


def _ingest_one(
    store: Store,
    display: str,
    path: Path,
    origin: str,
    delimiter: str,
    required: tuple[str, ...],
    row: RowFn,
    progress: ProgressFn | None,
) -> IngestReport:
    started, t0 = datetime.now(), time.perf_counter()
    digest = file_digest(path)
    if already_ingested(store, digest, origin):
        return skipped_report(store, display, origin, digest)
    rows: list[dict[str, Any]] = []
    bad: list[dict[str, Any]] = []
    good = 0
    con = store.con
    records = _records(path, delimiter)
    with store.transaction():
        first_rowid = int(scalar(con, "SELECT coalesce(max(rowid) + 1, 0) FROM events"))
        before = int(scalar(con, "SELECT count(*) FROM events"))
        checked = False
        for names, line, record in records:
            if not checked:
                missing = [c for c in required if c not in names]
                if missing:
                    raise IngestError(
                        f"{display} line 1: not a {origin} file, missing columns {missing}"
                    )
                checked = True
            if len(record) != len(names) or None in record.values():
                reason: dict[str, Any] | str = (
                    f"{len(record)} fields, expected {len(names)} (the header's)"
                )
            else:
                reason = row(record, line)
            if isinstance(reason, str):
                raw = delimiter.join(record.values())
                bad.append(
                    {
                        "origin": origin,
                        "file": display,
                        "record": line,
                        "reason": reason,
                        "raw": raw[:2000],
                        "at": datetime.now(),
                    }
                )
                continue
            rows.append(reason)
            good += 1
            if len(rows) >= BATCH:
                append_events(con, rows)
                rows = []
        if not checked:
            raise IngestError(f"{display}: no records after the header")
        append_events(con, rows)
        remove_new_duplicates(con, first_rowid)
        loaded = int(scalar(con, "SELECT count(*) FROM events")) - before
        if bad:
            con.register("_steppe_bad", pa.Table.from_pylist(bad, schema=QUARANTINE_SCHEMA))
            con.execute(QUARANTINE_DEDUP.format(source="_steppe_bad"))
            con.unregister("_steppe_bad")
    if progress:
        progress(1.0)
    report = IngestReport(
        display, origin, loaded, good - loaded, len(bad), seconds=time.perf_counter() - t0
    )
    log_ingest(store, report, digest, started)
    return report


def country_codes(store: Store) -> dict[str, str]:
    """Raw actor codes (ISO3/CAMEO) -> registry codes."""
    return dict(store.con.execute("SELECT raw, min(code) FROM actor_codes GROUP BY raw").fetchall())
