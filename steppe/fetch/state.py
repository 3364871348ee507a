"""What fetchers remember in the store: each remote file's fate (``fetch_files``) and the
validators of conditional GETs (``http_cache``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pyarrow as pa

from steppe.ingest.base import QUARANTINE_DEDUP, QUARANTINE_SCHEMA
from steppe.store import Store


def file_states(store: Store, source: str) -> dict[str, tuple[str, str | None]]:
    """``{name: (status, md5)}`` of the files of ``source`` seen before."""
    rows = store.con.execute(
        "SELECT name, status, md5 FROM fetch_files WHERE source = ?", [source]
    ).fetchall()
    return {name: (status, md5) for name, status, md5 in rows}


@dataclass(frozen=True)
class FileRecord:
    """What became of one remote file, as ``fetch_files`` keeps it."""

    name: str
    url: str
    size: int | None
    md5: str | None
    status: str
    reason: str | None = None
    counts: tuple[int, int, int] = (0, 0, 0)


def record_files(store: Store, source: str, records: list[FileRecord]) -> None:
    """Record (replacing earlier records) what became of remote files, in one transaction; a
    file refused or failed also goes to ``quarantine`` with its reason, where ``steppe
    quarantine`` shows it."""
    if not records:
        return
    now = datetime.now()
    refused = [
        {
            "origin": f"fetch:{source}",
            "file": r.url,
            "record": None,
            "reason": f"{r.status}: {r.reason}",
            "raw": None,
            "at": now,
        }
        for r in records
        if r.status in ("refused", "failed") and r.reason
    ]
    table = pa.table(
        {
            "source": [source] * len(records),
            "name": [r.name for r in records],
            "url": [r.url for r in records],
            "size": pa.array([r.size for r in records], pa.int64()),
            "md5": pa.array([r.md5 for r in records], pa.string()),
            "status": [r.status for r in records],
            "reason": pa.array([r.reason for r in records], pa.string()),
            "loaded": [r.counts[0] for r in records],
            "duplicate": [r.counts[1] for r in records],
            "quarantined": [r.counts[2] for r in records],
        }
    )
    with store.transaction() as con:
        con.register("_steppe_files", table)
        try:
            con.execute("INSERT OR REPLACE INTO fetch_files SELECT *, now() FROM _steppe_files")
        finally:
            con.unregister("_steppe_files")
        if refused:
            con.register("_steppe_refused", pa.Table.from_pylist(refused, schema=QUARANTINE_SCHEMA))
            try:
                con.execute(QUARANTINE_DEDUP.format(source="_steppe_refused"))
            finally:
                con.unregister("_steppe_refused")


def validators(store: Store, url: str) -> dict[str, str | None]:
    """The ETag and Last-Modified last seen for ``url``."""
    row = store.con.execute(
        "SELECT etag, last_modified FROM http_cache WHERE url = ?", [url]
    ).fetchone()
    return {"etag": row[0], "last_modified": row[1]} if row else {}


def save_validators(
    store: Store, url: str, found: dict[str, str | None], status: int = 200
) -> None:
    with store.transaction() as con:
        con.execute(
            "INSERT OR REPLACE INTO http_cache VALUES (?, ?, ?, ?, now())",
            [url, found.get("etag"), found.get("last_modified"), status],
        )
