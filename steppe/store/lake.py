"""The Parquet lake: the store's ``events`` and ``ties`` as Hive-partitioned Parquet datasets,
which DuckDB and Spark both read.

Layout (``lake`` is a directory, by default ``<store stem>-lake`` beside the DuckDB file)::

    lake/events/year=2015/month=3/data_0.parquet   events, one partition per month of ``date``
    lake/ties/year=2010/data_0.parquet              ties, one partition per year of ``period``
    lake/<table>/_steppe_manifest.json              what Steppe wrote: a fingerprint per partition

Month partitions rather than day ones: a decade is 120 directories instead of 3,650, and a
month of full GDELT (a few million rows) is a well-sized Parquet file; both engines still skip
whole months when a query filters on dates. The partition columns (``year``, ``month``) are
derived; the files keep every canonical column, so a partition read back is the store's rows.

:func:`sync_lake` makes the lake match the store and is idempotent: it fingerprints each
partition of the store (row count and the sum of the rows' hashes), rewrites only the partitions
whose fingerprint differs from the manifest, removes the partitions it wrote earlier that the
store no longer has, and leaves partitions it did not write alone (a lake may also be filled by
other tools). A re-ingested file adds no rows to the store, so it rewrites nothing here either.
Each rewritten partition is staged in ``lake/.staging`` and moved into place whole; the manifest
is written last, so an interrupted sync is completed by the next one.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from steppe.domain.errors import StoreError
from steppe.store.connection import Store

LAKE_TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "events": (("year", "year(date)"), ("month", "month(date)")),
    "ties": (("year", "coalesce(TRY_CAST(left(period, 4) AS INTEGER), 0)"),),
}
"""Each lake table with its partition columns and the SQL that derives them from a row."""

MANIFEST = "_steppe_manifest.json"


@dataclass(frozen=True)
class LakeSync:
    """What :func:`sync_lake` did to one table: partitions rewritten and removed, rows written."""

    table: str
    written: tuple[str, ...]
    removed: tuple[str, ...]
    rows: int

    def summary(self) -> str:
        """One line for people.

        >>> LakeSync("events", ("year=2015/month=1",), (), 12).summary()
        'lake events: 1 partitions rewritten (12 rows), 0 removed'
        """
        return (
            f"lake {self.table}: {len(self.written)} partitions rewritten ({self.rows} rows), "
            f"{len(self.removed)} removed"
        )


def default_lake_path(db: str | Path) -> Path:
    """The lake used when none is named: ``<stem>-lake`` beside the store file.

    >>> default_lake_path("out/steppe.duckdb").as_posix()
    'out/steppe-lake'
    """
    path = Path(db)
    return path.with_name(f"{path.stem}-lake")


def is_remote(lake: str | Path) -> bool:
    """Whether the lake is a URL (``s3a://``, ``hdfs://``, ``abfss://`` ...) rather than a
    local directory. Steppe writes only local lakes; engines read both.

    >>> is_remote("s3a://bucket/steppe-lake"), is_remote("/data/steppe-lake")
    (True, False)
    """
    return "://" in str(lake)


def table_uri(lake: str | Path, table: str) -> str:
    """The dataset's root as a path or URL (what Spark reads).

    >>> table_uri("s3a://bucket/lake/", "events")
    's3a://bucket/lake/events'
    """
    return f"{str(lake).rstrip('/')}/{table}"


def table_glob(lake: str | Path, table: str) -> str:
    """The glob of the dataset's Parquet files (what DuckDB reads): one directory level per
    partition column, so staging folders and the manifest never match.

    >>> table_glob("lake", "events")
    'lake/events/year=*/month=*/*.parquet'
    """
    levels = "/".join(f"{col}=*" for col, _ in _partitioning(table))
    return f"{table_uri(lake, table)}/{levels}/*.parquet"


def has_table(lake: str | Path, table: str) -> bool:
    """Whether a local lake holds at least one Parquet file of ``table`` (remote lakes are
    assumed to: only Spark can look)."""
    if is_remote(lake):
        return True
    root = Path(lake) / table
    depth = len(_partitioning(table))
    return root.is_dir() and any(root.glob("/".join(["*"] * depth) + "/*.parquet"))


def sync_lake(
    store: Store, lake: str | Path, tables: tuple[str, ...] = ("events", "ties")
) -> list[LakeSync]:
    """Bring the lake's ``tables`` up to date with the store; returns what changed per table.

    >>> import tempfile
    >>> from datetime import date
    >>> from steppe.store.reference import insert_rows
    >>> lake = Path(tempfile.mkdtemp()) / "lake"
    >>> with Store(":memory:") as s:
    ...     row = {"event_id": "e1", "date": date(2015, 1, 2), "cameo": "042", "origin": "t"}
    ...     _ = insert_rows(s, "events", [row])
    ...     sync_lake(s, lake)[0].summary()
    ...     sync_lake(s, lake)[0].written  # nothing changed: nothing rewritten
    'lake events: 1 partitions rewritten (1 rows), 0 removed'
    ()
    """
    if is_remote(lake):
        raise StoreError(
            f"{lake}: Steppe writes only a local lake; copy a local one there "
            "(e.g. with 'hadoop distcp' or 'aws s3 sync') or fill it with Spark"
        )
    return [_sync_table(store, Path(lake), table) for table in tables]


def _partitioning(table: str) -> tuple[tuple[str, str], ...]:
    if table not in LAKE_TABLES:
        raise StoreError(f"no lake table {table!r}; expected one of {tuple(LAKE_TABLES)}")
    return LAKE_TABLES[table]


def _sync_table(store: Store, lake: Path, table: str) -> LakeSync:
    parts = _partitioning(table)
    cols = [c for c, _ in parts]
    derived = ", ".join(f"{sql} AS {col}" for col, sql in parts)
    key = " || '/' || ".join(f"'{col}=' || {col}" for col in cols)
    fingerprints = {
        str(k): f"{n}:{h}"
        for k, n, h in store.con.execute(
            f"SELECT {key} AS k, count(*), sum(CAST(hash(r) AS HUGEINT)) FROM "
            f"(SELECT {derived}, t AS r FROM {table} t) GROUP BY ALL"
        ).fetchall()
    }
    root = lake / table
    manifest_path = root / MANIFEST
    old: dict[str, str] = {}
    if manifest_path.is_file():
        try:
            old = dict(json.loads(manifest_path.read_text())["partitions"])
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreError(f"{manifest_path}: unreadable lake manifest ({exc})") from exc
    changed = sorted(k for k, fp in fingerprints.items() if old.get(k) != fp)
    gone = sorted(k for k in old if k not in fingerprints)
    rows = 0
    if changed:
        rows = _write_partitions(store, lake, table, derived, key, changed)
    for k in gone:
        shutil.rmtree(root / k, ignore_errors=True)
        with contextlib.suppress(OSError):  # the year folder, once its last month is gone
            (root / k).parent.rmdir()
    if changed or gone or not manifest_path.is_file():
        root.mkdir(parents=True, exist_ok=True)
        tmp = root / f".{MANIFEST}.{uuid.uuid4().hex}"
        tmp.write_text(json.dumps({"partitions": dict(sorted(fingerprints.items()))}, indent=0))
        os.replace(tmp, manifest_path)
    return LakeSync(table, tuple(changed), tuple(gone), rows)


def _write_partitions(
    store: Store, lake: Path, table: str, derived: str, key: str, changed: list[str]
) -> int:
    """Write the ``changed`` partitions to a staging folder, then move each into place."""
    cols = [c for c, _ in _partitioning(table)]
    staging = lake / ".staging" / f"{table}-{uuid.uuid4().hex}"
    staging.parent.mkdir(parents=True, exist_ok=True)
    path = str(staging).replace("'", "''")
    try:
        with store.transaction() as con:
            con.execute("CREATE OR REPLACE TEMP TABLE _steppe_parts (k VARCHAR)")
            con.executemany("INSERT INTO _steppe_parts VALUES (?)", [[k] for k in changed])
            rows = con.execute(
                f"COPY (SELECT * FROM (SELECT *, {derived} FROM {table}) "
                f"WHERE {key} IN (SELECT k FROM _steppe_parts)) TO '{path}' "
                f"(FORMAT parquet, PARTITION_BY ({', '.join(cols)}))"
            ).fetchall()
            con.execute("DROP TABLE _steppe_parts")
        for k in changed:
            target = lake / table / k
            if target.exists():
                shutil.rmtree(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / k, target)
    except OSError as exc:
        raise StoreError(f"cannot write the lake at {lake}: {exc}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return int(rows[0][0]) if rows else 0
