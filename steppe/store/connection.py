"""The DuckDB store: one writer connection, named migrations, an Ibis view of the same data."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import duckdb

from steppe.domain.errors import SchemaVersionError, StoreError
from steppe.store.migrations import MIGRATIONS

if TYPE_CHECKING:
    from ibis.backends.duckdb import Backend as IbisDuckDB

DEFAULT_DB = "steppe.duckdb"


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Any:
    """The first column of the first row of a query (``None`` for no rows). Fetches every row:
    DuckDB refuses new work on a connection while an earlier result is only partly read."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0][0] if rows else None


def default_db_path() -> Path:
    """The store path: ``$STEPPE_DB`` or ``./steppe.duckdb``."""
    return Path(os.environ.get("STEPPE_DB", DEFAULT_DB))


class Store:
    """A Steppe store: a DuckDB database holding the canonical tables.

    One ``Store`` opened read-write is the single writer; DuckDB itself refuses a second
    read-write process. Writes inside the process go through :meth:`transaction`, which holds
    a lock so that threads never interleave their writes.

    >>> with Store(":memory:") as store:
    ...     store.schema_version() == MIGRATIONS[-1].version
    True
    """

    def __init__(
        self,
        path: str | Path = DEFAULT_DB,
        *,
        read_only: bool = False,
        memory_limit: str | None = None,
    ) -> None:
        self.path = str(path)
        self.read_only = read_only
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        config: dict[str, Any] = {}
        if memory_limit:
            config["memory_limit"] = memory_limit
        try:
            self.con = duckdb.connect(self.path, read_only=read_only, config=config)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc
        # progress is tracked (query_progress) but drawn by Steppe's own bars, not DuckDB's
        self.con.execute("SET enable_progress_bar = true")
        self.con.execute("SET enable_progress_bar_print = false")
        self._lock = threading.RLock()
        self._ibis: IbisDuckDB | None = None
        if not read_only:
            self.migrate()

    @classmethod
    def _view(cls, con: duckdb.DuckDBPyConnection, path: str) -> Store:
        view = cls.__new__(cls)
        view.path, view.read_only, view.con = path, True, con
        view._lock, view._ibis = threading.RLock(), None
        return view

    def cursor(self) -> Store:
        """A read-only view of this store on its own DuckDB cursor: views read in parallel
        (the web server gives each request one). Close it when done."""
        return Store._view(self.con.cursor(), self.path)

    # -- lifecycle -------------------------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- schema ----------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply pending migrations in order; return the names applied."""
        with self._lock:
            self.con.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP)"
            )
            done = {
                v for (v,) in self.con.execute("SELECT version FROM schema_migrations").fetchall()
            }
            newest = max((m.version for m in MIGRATIONS), default=0)
            if done and max(done) > newest:
                raise SchemaVersionError(
                    f"{self.path}: schema version {max(done)} is newer than this Steppe ({newest})"
                )
            applied = []
            for migration in MIGRATIONS:
                if migration.version in done:
                    continue
                with self.transaction():
                    self.con.execute(migration.sql)
                    self.con.execute(
                        "INSERT INTO schema_migrations VALUES (?, ?, now())",
                        [migration.version, migration.name],
                    )
                applied.append(migration.name)
            return applied

    def schema_version(self) -> int:
        return int(scalar(self.con, "SELECT coalesce(max(version), 0) FROM schema_migrations"))

    # -- access ----------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Run writes atomically under the writer lock."""
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only")
        with self._lock:
            self.con.execute("BEGIN TRANSACTION")
            try:
                yield self.con
            except BaseException:
                self.con.execute("ROLLBACK")
                raise
            self.con.execute("COMMIT")

    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Run a read query with bound parameters and return rows as dicts."""
        with self._lock:
            cur = self.con.execute(sql, params or [])
            names = [d[0] for d in cur.description or []]
            return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def count(self, table: str) -> int:
        if table not in self.tables():
            raise StoreError(f"no table {table!r} in {self.path}")
        return int(scalar(self.con, f'SELECT count(*) FROM "{table}"'))

    def tables(self) -> list[str]:
        return [r[0] for r in self.con.execute("SHOW TABLES").fetchall()]

    def ibis(self) -> IbisDuckDB:
        """An Ibis backend over this store's connection (indicator code uses only this)."""
        if self._ibis is None:
            import ibis

            self._ibis = ibis.duckdb.from_connection(self.con)
        return self._ibis
