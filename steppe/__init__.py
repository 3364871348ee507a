"""Steppe: model and measure geopolitical realignment in Central Asia.

>>> import steppe
>>> with steppe.Store(":memory:") as store:
...     _ = steppe.install_registry(store)
...     reports = steppe.ingest_events(store, [steppe.data_path(*steppe.DEMO_EVENTS)], "icews")
...     _ = steppe.measure(store)
...     len(steppe.read.indicators(store, "multivector", actor="KAZ")) > 10
True
"""

from importlib import metadata as _metadata

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

try:
    __version__ = _metadata.version("steppe")
except _metadata.PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0"

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
