"""Event files of any supported format into the store: the one entry point the pipeline, the
CLI and the dashboard's upload share, so each load also records the event sources and keeps a
local Parquet lake in step with the store."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from steppe.domain.errors import UnknownFormatError
from steppe.ingest.acled import ingest_acled
from steppe.ingest.base import IngestReport, ProgressFn
from steppe.ingest.gdelt import FORMATS as GDELT_FORMATS
from steppe.ingest.gdelt import ingest_gdelt
from steppe.ingest.icews import ingest_icews
from steppe.ingest.polecat import ingest_polecat
from steppe.store import Store
from steppe.store.lake import LakeSync, is_remote, sync_lake
from steppe.store.reference import install_registry
from steppe.store.sources import record_event_sources

EVENT_FORMATS: tuple[str, ...] = ("gdelt1", "gdelt2", "icews", "gdelt-csv", "polecat", "acled")


def ingest_event_files(
    store: Store,
    paths: Iterable[str | Path],
    fmt: str,
    progress: Callable[[str], ProgressFn] | None = None,
    lake: str | Path | None = None,
    on_lake: Callable[[LakeSync], None] | None = None,
) -> list[IngestReport]:
    """Ingest event files of one format; returns one report per file (or zip member).

    Installs the registry on an empty store, records each event origin's coverage in
    ``sources`` and, when ``lake`` names a local folder, brings its events and ties up to date
    (``on_lake`` hears each table's change; a remote lake is left alone: Steppe writes only
    local lakes). ``progress``, if given, is called with each file's name and returns the
    callback that receives that file's completed fraction.

    Example:

    >>> from steppe.registry import data_path
    >>> with Store(":memory:") as s:
    ...     [r.loaded for r in ingest_event_files(s, [data_path("events",
    ...         "icews_central_asia_2005_2015.tsv.gz")], "icews")]
    [1291]
    """
    if fmt not in EVENT_FORMATS:
        raise UnknownFormatError(f"unknown event format {fmt!r}; expected one of {EVENT_FORMATS}")
    if not store.count("actors"):
        install_registry(store)
    reports: list[IngestReport] = []
    for path in paths:
        callback = progress(str(path)) if progress else None
        if fmt in GDELT_FORMATS:
            reports += ingest_gdelt(store, path, fmt, callback)
        elif fmt == "polecat":
            reports += ingest_polecat(store, path, callback)
        elif fmt == "acled":
            reports += ingest_acled(store, path, callback)
        else:
            reports += ingest_icews(store, path, callback)
    record_event_sources(store)
    if lake is not None and not is_remote(lake):
        for change in sync_lake(store, lake):
            if on_lake is not None:
                on_lake(change)
    return reports
