"""Steppe: model and measure geopolitical realignment in Central Asia.

The public names load on first use (a module-level ``__getattr__``), so ``import steppe`` and the
``steppe`` command start without loading DuckDB, Ibis or the indicator layers.

>>> import steppe
>>> with steppe.Store(":memory:") as store:
...     _ = steppe.install_registry(store)
...     reports = steppe.ingest_events(store, [steppe.data_path(*steppe.DEMO_EVENTS)], "icews")
...     _ = steppe.measure(store)
...     len(steppe.read.indicators(store, "multivector", actor="KAZ")) > 10
True
"""

from __future__ import annotations

from importlib import import_module as _import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names as the type checker and readers see them
    from steppe.domain.codes import FOCAL_STATES, POLES
    from steppe.domain.errors import (
        FetchError,
        IndicatorError,
        IngestError,
        NetworkError,
        RegistryError,
        SchemaVersionError,
        SteppeError,
        StoreError,
        UnknownFormatError,
    )
    from steppe.domain.models import Actor, Alias, Leader, Membership, Period
    from steppe.fetch import FetchReport, fetch_gdelt
    from steppe.indicators.headline import Headline, headlines
    from steppe.indicators.multivector import multivector_index, multivector_table
    from steppe.ingest.base import IngestReport
    from steppe.ingest.synth import write_gdelt, write_news
    from steppe.pipeline import (
        DEMO_EVENTS,
        EVENT_FORMATS,
        DemoResult,
        StageError,
        ingest_events,
        measure,
        run_demo,
    )
    from steppe.registry import Gazetteer, Registry, data_path
    from steppe.report import write_report
    from steppe.store import Store, default_db_path, read
    from steppe.store.engine import BACKENDS, Engine, open_engine
    from steppe.store.lake import LakeSync, default_lake_path, is_remote, sync_lake
    from steppe.store.reference import install_registry

# public name -> the module that defines it (imported on first access)
_WHERE: dict[str, str] = {
    "FOCAL_STATES": "steppe.domain.codes",
    "POLES": "steppe.domain.codes",
    "FetchError": "steppe.domain.errors",
    "NetworkError": "steppe.domain.errors",
    "IndicatorError": "steppe.domain.errors",
    "IngestError": "steppe.domain.errors",
    "RegistryError": "steppe.domain.errors",
    "SchemaVersionError": "steppe.domain.errors",
    "SteppeError": "steppe.domain.errors",
    "StoreError": "steppe.domain.errors",
    "UnknownFormatError": "steppe.domain.errors",
    "Actor": "steppe.domain.models",
    "Alias": "steppe.domain.models",
    "Leader": "steppe.domain.models",
    "Membership": "steppe.domain.models",
    "Period": "steppe.domain.models",
    "FetchReport": "steppe.fetch",
    "fetch_gdelt": "steppe.fetch",
    "Headline": "steppe.indicators.headline",
    "headlines": "steppe.indicators.headline",
    "multivector_index": "steppe.indicators.multivector",
    "multivector_table": "steppe.indicators.multivector",
    "IngestReport": "steppe.ingest.base",
    "write_gdelt": "steppe.ingest.synth",
    "write_news": "steppe.ingest.synth",
    "DEMO_EVENTS": "steppe.pipeline",
    "EVENT_FORMATS": "steppe.ingest.events",
    "DemoResult": "steppe.pipeline",
    "StageError": "steppe.pipeline",
    "ingest_events": "steppe.pipeline",
    "measure": "steppe.pipeline",
    "run_demo": "steppe.pipeline",
    "Gazetteer": "steppe.registry",
    "Registry": "steppe.registry",
    "data_path": "steppe.registry",
    "write_report": "steppe.report",
    "Store": "steppe.store",
    "default_db_path": "steppe.store",
    "read": "steppe.store",
    "BACKENDS": "steppe.store.engine",
    "Engine": "steppe.store.engine",
    "open_engine": "steppe.store.engine",
    "LakeSync": "steppe.store.lake",
    "default_lake_path": "steppe.store.lake",
    "is_remote": "steppe.store.lake",
    "sync_lake": "steppe.store.lake",
    "install_registry": "steppe.store.reference",
}

__version__: str


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("steppe")
    except metadata.PackageNotFoundError:  # running from a source tree without install
        return "0.0.0"


def __getattr__(name: str) -> Any:
    """Load a public name from its module on first access (then cache it here)."""
    module = _WHERE.get(name)
    if name == "__version__":
        value: Any = _version()
    elif module is None:
        raise AttributeError(f"module 'steppe' has no attribute {name!r}")
    else:
        value = getattr(_import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE) | {"__version__"})


__all__ = [
    "BACKENDS",
    "DEMO_EVENTS",
    "EVENT_FORMATS",
    "FOCAL_STATES",
    "POLES",
    "Actor",
    "Alias",
    "DemoResult",
    "Engine",
    "FetchError",
    "FetchReport",
    "Gazetteer",
    "Headline",
    "IndicatorError",
    "IngestError",
    "IngestReport",
    "LakeSync",
    "Leader",
    "Membership",
    "NetworkError",
    "Period",
    "Registry",
    "RegistryError",
    "SchemaVersionError",
    "StageError",
    "SteppeError",
    "Store",
    "StoreError",
    "UnknownFormatError",
    "__version__",
    "data_path",
    "default_db_path",
    "default_lake_path",
    "fetch_gdelt",
    "headlines",
    "ingest_events",
    "install_registry",
    "is_remote",
    "measure",
    "multivector_index",
    "multivector_table",
    "open_engine",
    "read",
    "run_demo",
    "sync_lake",
    "write_gdelt",
    "write_news",
    "write_report",
]
