"""Orchestration: the stages in order, each error named with its stage."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from steppe.domain.errors import IngestError, SteppeError, UnknownFormatError
from steppe.indicators.multivector import compute_multivector
from steppe.ingest.base import IngestReport, ProgressFn
from steppe.ingest.gdelt import FORMATS as GDELT_FORMATS
from steppe.ingest.gdelt import ingest_gdelt
from steppe.ingest.icews import ingest_icews
from steppe.registry import data_path
from steppe.report import write_report
from steppe.store import Store
from steppe.store.maintenance import optimize_events
from steppe.store.reference import install_registry

EVENT_FORMATS: tuple[str, ...] = ("gdelt1", "gdelt2", "icews", "gdelt-csv")
DEMO_EVENTS = ("events", "icews_central_asia_2005_2015.tsv.gz")


class StageError(SteppeError):
    """A pipeline stage failed; the message starts with the stage's name."""


def ingest_events(
    store: Store,
    paths: Iterable[str | Path],
    fmt: str,
    progress: Callable[[str], ProgressFn] | None = None,
) -> list[IngestReport]:
    """Ingest event files of one format; returns one report per file (or zip member).

    ``progress``, if given, is called with each file's name and returns the callback that
    receives that file's completed fraction.

    >>> from steppe.store import Store
    >>> with Store(":memory:") as s:
    ...     _ = install_registry(s)
    ...     [r.loaded for r in ingest_events(s, [data_path(*DEMO_EVENTS)], "icews")]
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
        else:
            reports += ingest_icews(store, path, callback)
    return reports


def measure(
    store: Store, freq: str = "quarter", method: str = "hhi", seed: int = 0
) -> dict[str, int]:
    """Compute every indicator Steppe has and store them; returns rows written per indicator.
    Also stores the events newest first (once per change), which keeps listings fast."""
    try:
        optimize_events(store)
        return {"multivector": compute_multivector(store, freq=freq, method=method, seed=seed)}
    except SteppeError as exc:
        raise StageError(f"measure: {exc}") from exc


@dataclass(frozen=True)
class DemoResult:
    store_path: Path
    report_path: Path
    ingested: list[IngestReport] = field(default_factory=list)
    indicators: dict[str, int] = field(default_factory=dict)


def run_demo(
    out: str | Path = "out", progress: Callable[[str], ProgressFn] | None = None, seed: int = 0
) -> DemoResult:
    """The main job: a fresh store from the bundled registry and event sample, the
    indicators, and ``out/report.html``."""
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    db = out_dir / "steppe.duckdb"
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    with Store(db) as store:
        try:
            install_registry(store)
        except SteppeError as exc:
            raise StageError(f"registry: {exc}") from exc
        sample = out_dir / DEMO_EVENTS[1]
        shutil.copyfile(data_path(*DEMO_EVENTS), sample)
        try:
            reports = ingest_events(store, [sample], "icews", progress)
        except IngestError as exc:
            raise StageError(f"ingest: {exc}") from exc
        counts = measure(store, seed=seed)
        try:
            report = write_report(store, out_dir / "report.html")
        except (OSError, SteppeError) as exc:
            raise StageError(f"report: {exc}") from exc
    return DemoResult(db, report, reports, counts)
