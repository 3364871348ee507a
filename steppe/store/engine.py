"""Analytics engines: where the indicator expressions run.

Every event indicator is one Ibis expression built from tables by name (``events``, ``actors``,
``memberships``, ``ties``); an engine supplies those tables and runs an expression to Arrow.
The expressions are the same whichever engine runs them:

* :class:`DuckDBEngine` (the default) — the store's own DuckDB connection. With a lake it reads
  ``events`` and ``ties`` from the lake's Parquet files, otherwise from the store's tables.
* :class:`SparkEngine` — a Spark session (``local[*]`` or a cluster's master URL). ``events``
  and ``ties`` come from the lake (local or ``s3a://``/``hdfs://``); the small reference tables
  (actors, memberships) are sent from the store once per engine.

Results come back as Arrow tables and are written to the store's ``indicators`` table by the
indicator modules, so the store stays the one place results live.
"""

from __future__ import annotations

import gc
import importlib.util
import os
import shutil
import warnings
from abc import ABC, abstractmethod
from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol

import pyarrow as pa

from steppe.domain.errors import StoreError
from steppe.store.connection import Store
from steppe.store.lake import LAKE_TABLES, has_table, is_remote, table_glob, table_uri

if TYPE_CHECKING:
    import ibis.expr.types as ir

BACKENDS: tuple[str, ...] = ("duckdb", "spark")
DEFAULT_SPARK_MASTER = "local[*]"


class TableSource(Protocol):
    """Anything that hands out Ibis tables by name: an :class:`Engine`, or an Ibis backend."""

    def table(self, name: str, /) -> ir.Table: ...


class Engine(ABC):
    """Base class: the tables indicator expressions read, and a way to run them.

    >>> with Store(":memory:") as s, DuckDBEngine(s) as engine:
    ...     engine.to_arrow(engine.table("events").count().as_table()).num_rows
    1
    """

    name = "engine"

    def __init__(self, store: Store, lake: str | os.PathLike[str] | None = None) -> None:
        self.store = store
        self.lake = None if lake is None else str(lake)
        self._tables: dict[str, ir.Table] = {}

    def table(self, name: str, /) -> ir.Table:
        """The table ``name`` as an Ibis table of this engine (cached per engine)."""
        if name not in self._tables:
            self._tables[name] = self._load(name)
        return self._tables[name]

    @abstractmethod
    def to_arrow(self, expr: ir.Table) -> pa.Table:
        """Run ``expr`` and return its rows with the expression's schema."""

    def refresh(self) -> None:
        """Forget the tables handed out so far (after the lake or the store changed)."""
        self._tables.clear()

    def close(self) -> None:  # noqa: B027 - a no-op unless the engine holds something
        """Release what the engine holds (a Spark session it started)."""

    @abstractmethod
    def _load(self, name: str) -> ir.Table:
        """Build the Ibis table ``name`` on this engine."""

    def _columns(self, name: str) -> list[str]:
        return [str(r[0]) for r in self.store.con.execute(f'DESCRIBE "{name}"').fetchall()]

    def _from_lake(self, name: str) -> bool:
        return self.lake is not None and name in LAKE_TABLES and has_table(self.lake, name)

    def __enter__(self) -> Engine:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class DuckDBEngine(Engine):
    """The store's DuckDB connection; ``events`` and ``ties`` from the lake when one is given
    and holds them."""

    name = "duckdb"

    def __init__(self, store: Store, lake: str | os.PathLike[str] | None = None) -> None:
        super().__init__(store, lake)
        if self.lake is not None and is_remote(self.lake):
            raise StoreError(
                f"{self.lake}: the DuckDB engine reads only a local lake "
                "(use --backend spark for object storage)"
            )

    def _load(self, name: str) -> ir.Table:
        con = self.store.ibis()
        if not self._from_lake(name):
            return con.table(name)
        assert self.lake is not None
        cols = ", ".join(f'"{c}"' for c in self._columns(name))
        glob = table_glob(self.lake, name).replace("'", "''")
        view = f"steppe_lake_{name}"
        self.store.con.execute(
            f"CREATE OR REPLACE TEMP VIEW {view} AS SELECT {cols} "
            f"FROM read_parquet('{glob}', hive_partitioning = true)"
        )
        return con.table(view)

    def to_arrow(self, expr: ir.Table) -> pa.Table:
        return expr.to_pyarrow()


def spark_unavailable() -> str | None:
    """Why the Spark engine cannot start here (``None`` when it can): the ``spark`` extra or a
    Java runtime is missing."""
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed: pip install 'steppe[spark]'"
    java_home = os.environ.get("JAVA_HOME")
    if not shutil.which("java") and not (java_home and os.path.exists(f"{java_home}/bin/java")):
        return "no Java runtime (java not on PATH, JAVA_HOME unset): install a JRE 17"
    return None


def spark_session(
    master: str = DEFAULT_SPARK_MASTER,
    app_name: str = "steppe",
    conf: Mapping[str, str] | None = None,
) -> Any:
    """A Spark session for ``master``. A local master (``local``, ``local[N]``, ``local[*]``)
    binds the driver to 127.0.0.1, has no web UI and uses few shuffle partitions; ``conf``
    overrides any setting (``spark-defaults.conf`` in ``$SPARK_CONF_DIR`` applies too)."""
    reason = spark_unavailable()
    if reason:
        raise StoreError(f"the spark backend is unavailable: {reason}")
    from pyspark.sql import SparkSession

    settings = {
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.session.timeZone": "UTC",
    }
    if master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        settings |= {
            "spark.driver.host": "127.0.0.1",
            "spark.driver.bindAddress": "127.0.0.1",
            "spark.sql.shuffle.partitions": str(2 * (os.cpu_count() or 2)),
        }
    settings |= dict(conf or {})
    builder = SparkSession.builder.master(master).appName(app_name)
    for key, value in settings.items():
        builder = builder.config(key, value)
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # py4j and the JVM raise many kinds; all mean "no session"
        raise StoreError(f"cannot start Spark ({master}): {str(exc).splitlines()[0]}") from exc
    session.sparkContext.setLogLevel("ERROR")
    return session


class SparkEngine(Engine):
    """A Spark session; ``events`` and ``ties`` read from the lake's Parquet datasets, the
    other tables sent from the store. ``session`` is an existing SparkSession, or ``None`` for
    the process's active session if there is one, else a new one for ``master``. Only a
    session the engine started is stopped on :meth:`close`."""

    name = "spark"

    def __init__(
        self,
        store: Store,
        lake: str | os.PathLike[str] | None,
        session: Any = None,
        master: str = DEFAULT_SPARK_MASTER,
        conf: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(store, lake)
        import ibis

        if session is None and not spark_unavailable():
            from pyspark.sql import SparkSession

            session = SparkSession.getActiveSession()
        self._own = session is None
        self.session = spark_session(master, conf=conf) if session is None else session
        self.con = ibis.pyspark.connect(self.session)

    def _load(self, name: str) -> ir.Table:
        view = f"steppe_{name}"
        cols = self._columns(name)
        if self._from_lake(name):
            assert self.lake is not None
            uri = table_uri(self.lake, name)
            try:
                df = self.session.read.option("basePath", uri).parquet(uri).select(*cols)
            except Exception as exc:  # the JVM's AnalysisException and friends
                raise StoreError(f"{uri}: {str(exc).splitlines()[0]}") from exc
        else:
            data = self.store.con.sql(f'SELECT * FROM "{name}"').to_arrow_table()
            df = self.session.createDataFrame(data)
        df.createOrReplaceTempView(view)
        return self.con.table(view)

    def to_arrow(self, expr: ir.Table) -> pa.Table:
        schema = expr.schema().to_pyarrow()
        df = self.session.sql(self.con.compile(expr))
        # PySpark leaves the result socket to the garbage collector, which warns about it
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            table = df.toArrow()
            gc.collect()
        if table.num_rows == 0:
            return schema.empty_table()
        return table.rename_columns(schema.names).cast(schema)

    def refresh(self) -> None:
        for name in self._tables:
            self.session.catalog.dropTempView(f"steppe_{name}")
        super().refresh()

    def close(self) -> None:
        if self._own:
            self.session.stop()


def open_engine(
    store: Store,
    backend: str = "duckdb",
    lake: str | os.PathLike[str] | None = None,
    spark_master: str | None = None,
    spark_conf: Mapping[str, str] | None = None,
) -> Engine:
    """The engine for ``backend`` (``duckdb`` or ``spark``) over ``store`` and ``lake``.

    >>> with Store(":memory:") as s, open_engine(s) as engine:
    ...     engine.name
    'duckdb'
    >>> with Store(":memory:") as s:
    ...     open_engine(s, "polars")
    Traceback (most recent call last):
    ...
    steppe.domain.errors.StoreError: unknown backend 'polars'; expected one of ('duckdb', 'spark')
    """
    if backend == "duckdb":
        return DuckDBEngine(store, lake)
    if backend == "spark":
        if lake is None:
            raise StoreError("the spark backend reads events from a lake: give a lake directory")
        return SparkEngine(
            store, lake, master=spark_master or DEFAULT_SPARK_MASTER, conf=spark_conf
        )
    raise StoreError(f"unknown backend {backend!r}; expected one of {BACKENDS}")
