"""Layer 2: the DuckDB store, its migrations and the Ibis backend over it."""

from steppe.store import read
from steppe.store.connection import Store, default_db_path, scalar

__all__ = ["Store", "default_db_path", "read", "scalar"]
