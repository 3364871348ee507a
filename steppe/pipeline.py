"""Orchestration: the stages in order, each error named with its stage."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from steppe.domain.errors import IngestError, SteppeError, UnknownFormatError
from steppe.indicators.alerts import compute_alerts
from steppe.indicators.cohesion import compute_alignment_extras
from steppe.indicators.dependence import compute_event_dependence
from steppe.indicators.idealpoints import compute_ideal_points
from steppe.indicators.multivector import compute_multivector
from steppe.indicators.trade import compute_trade_indicators
from steppe.indicators.votes import compute_vote_indicators
from steppe.ingest.base import IngestReport, ProgressFn
from steppe.ingest.gdelt import FORMATS as GDELT_FORMATS
from steppe.ingest.gdelt import ingest_gdelt
from steppe.ingest.icews import ingest_icews
from steppe.ingest.reference import bundled_unvotes, ingest_reference
from steppe.registry import data_path
from steppe.report import write_report
from steppe.scenarios import load_scenario, simulate, store_run, with_sensitivity
from steppe.store import Store
from steppe.store.engine import Engine
from steppe.store.lake import is_remote, sync_lake
from steppe.store.maintenance import optimize_events
from steppe.store.reference import install_registry
from steppe.store.sources import record_event_sources

EVENT_FORMATS: tuple[str, ...] = ("gdelt1", "gdelt2", "icews", "gdelt-csv")
DEMO_EVENTS = ("events", "icews_central_asia_2005_2015.tsv.gz")
DEMO_SENSITIVITY_RUNS = 200
"""runs per perturbed input in the demo's sensitivity analysis (BDM scenarios)"""


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
    record_event_sources(store)
    return reports


def measure(
    store: Store,
    freq: str = "quarter",
    method: str = "hhi",
    seed: int = 0,
    engine: Engine | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Compute every indicator the store's data allow and store them; returns rows written per
    indicator family. Events give the multivector index, cooperation dependence and regional
    cohesion; UN roll calls give vote agreement, S-scores, kappa and ideal points; trade ties
    give trade shares, concentration and the trade multivector index; change points in those
    series give realignment alerts. Also stores the events newest first (once per change),
    which keeps listings fast.

    The event indicators run on ``engine`` (default: the store's DuckDB; see
    :func:`steppe.open_engine` for Spark and the Parquet lake). When the engine reads a local
    lake and the store holds events, the lake is first brought up to date with the store
    (:func:`steppe.sync_lake`); a store without events uses the lake as it is. The small
    reference-data indicators (votes, trade, alerts) always run in the store. ``on_stage``
    hears the name of each stage as it starts (for a progress display)."""
    stage = "measure"

    def enter(name: str) -> None:
        nonlocal stage
        stage = name
        if on_stage is not None:
            on_stage(name)

    try:
        if engine is not None and engine.lake and not is_remote(engine.lake):
            enter("measure lake")
            if store.count("events") and any(
                r.written or r.removed for r in sync_lake(store, engine.lake)
            ):
                engine.refresh()
        enter("measure events order")
        optimize_events(store)
        enter("measure multivector")
        out = {
            "multivector": compute_multivector(
                store, freq=freq, method=method, seed=seed, engine=engine
            )
        }
        enter("measure dependence")
        out["dependence"] = compute_event_dependence(store, engine)
        if store.count("votes"):
            enter("measure votes")
            out["votes"] = compute_vote_indicators(store)
            enter("measure ideal points")
            out["ideal_point"] = compute_ideal_points(store, seed=seed)
        if store.query("SELECT 1 FROM ties WHERE channel = 'trade_flow' LIMIT 1"):
            enter("measure trade")
            out["trade"] = compute_trade_indicators(store)
        enter("measure cohesion")
        out |= compute_alignment_extras(store, engine)
        if "votes" in out or "trade" in out:
            enter("measure alerts")
            out["alerts"] = compute_alerts(store)
        return out
    except SteppeError as exc:
        raise StageError(f"{stage}: {exc}") from exc


@dataclass(frozen=True)
class DemoResult:
    store_path: Path
    report_path: Path
    ingested: list[IngestReport] = field(default_factory=list)
    indicators: dict[str, int] = field(default_factory=dict)


def run_demo(
    out: str | Path = "out",
    progress: Callable[[str], ProgressFn] | None = None,
    seed: int = 0,
    scenarios: str | Path | None = None,
) -> DemoResult:
    """The main job: a fresh store from the bundled registry, event sample and UN votes, the
    indicators, every scenario in the ``scenarios`` folder (if given), and
    ``out/report.html``."""
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
            reports.append(ingest_reference(store, "unvotes", bundled_unvotes()))
        except IngestError as exc:
            raise StageError(f"ingest: {exc}") from exc
        counts = measure(store, seed=seed)
        runs = []
        for path in sorted(Path(scenarios).glob("*.yaml")) if scenarios else []:
            try:
                scenario = load_scenario(path)
                result = simulate(scenario, seed=seed or None)
                if scenario.model == "bdm":  # SMP's sensitivity takes minutes: on demand only
                    result = with_sensitivity(result, scenario, runs=DEMO_SENSITIVITY_RUNS)
            except SteppeError as exc:
                raise StageError(f"scenarios: {exc}") from exc
            runs.append(store_run(store, result))
        counts["scenario_runs"] = len(runs)
        try:
            report = write_report(store, out_dir / "report.html")
        except (OSError, SteppeError) as exc:
            raise StageError(f"report: {exc}") from exc
    return DemoResult(db, report, reports, counts)
