"""Layer 2: the DuckDB store, its migrations and the Ibis backend over it."""

from steppe.store import read
from steppe.store.connection import Store, default_db_path, scalar
from steppe.store.sources import SourceCoverage, list_sources, record_source

__all__ = [
    "SourceCoverage",
    "Store",
    "default_db_path",
    "list_sources",
    "read",
    "record_source",
    "scalar",
]
