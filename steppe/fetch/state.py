"""What fetchers remember in the store: each remote file's fate (``fetch_files``) and the
validators of conditional GETs (``http_cache``)."""

from __future__ import annotations

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


def record_file(
    store: Store,
    source: str,
    name: str,
    url: str,
    size: int | None,
    md5: str | None,
    status: str,
    reason: str | None = None,
    counts: tuple[int, int, int] = (0, 0, 0),
) -> None:
    """Record (replacing any earlier record) what became of one remote file; a file refused or
    failed also goes to ``quarantine`` with its reason, where ``steppe quarantine`` shows it."""
    with store.transaction() as con:
        con.execute(
            "INSERT OR REPLACE INTO fetch_files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())",
            [source, name, url, size, md5, status, reason, *counts],
        )
        if status in ("refused", "failed") and reason:
            row = {
                "origin": f"fetch:{source}",
                "file": url,
                "record": None,
                "reason": f"{status}: {reason}",
                "raw": None,
                "at": datetime.now(),
            }
            con.register("_steppe_refused", pa.Table.from_pylist([row], schema=QUARANTINE_SCHEMA))
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
