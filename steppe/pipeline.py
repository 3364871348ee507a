"""Orchestration: the stages in order, each error named with its stage."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from steppe.coding import code_documents
from steppe.domain.errors import IngestError, SteppeError
from steppe.indicators.alerts import compute_alerts
from steppe.indicators.cohesion import compute_alignment_extras
from steppe.indicators.dependence import compute_event_dependence
from steppe.indicators.idealpoints import compute_ideal_points
from steppe.indicators.interaction import compute_interaction
from steppe.indicators.migration import compute_migration
from steppe.indicators.multivector import compute_multivector
from steppe.indicators.pressure import compute_pressure
from steppe.indicators.scope import all_events as counting_scope
from steppe.indicators.support import finalise_support
from steppe.indicators.trade import compute_trade_indicators
from steppe.indicators.votes import compute_vote_indicators
from steppe.ingest.base import IngestReport, ProgressFn
from steppe.ingest.events import EVENT_FORMATS as EVENT_FORMATS
from steppe.ingest.events import ingest_event_files
from steppe.ingest.news import ingest_news
from steppe.ingest.reference import bundled_unvotes, ingest_reference
from steppe.ingest.ungdc import UNGDC_FIELDS, session_dates
from steppe.registry import data_path
from steppe.report import write_report
from steppe.scenarios import load_scenario, simulate, store_run, with_sensitivity
from steppe.store import Store
from steppe.store.engine import Engine
from steppe.store.lake import LakeSync, is_remote, sync_lake
from steppe.store.maintenance import optimize_events
from steppe.store.reference import install_registry
from steppe.store.sources import (
    record_documents_source,
    record_event_sources,
    record_source,
)

DEMO_EVENTS = ("events", "icews_central_asia_2005_2015.tsv.gz")
DEMO_SENSITIVITY_RUNS = 200
"""runs per perturbed input in the demo's sensitivity analysis (BDM scenarios)"""
DEMO_REFERENCE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("gdelt-dyads", ("gdelt", "gdelt_daily_dyads_focal.csv.gz")),
    ("eurostat-trade", ("trade", "eurostat_eu_member_monthly_trade_2019_2024.csv.gz")),
    ("eurostat-trade", ("trade", "eurostat_eu27_annual_exports_by_partner_2010_2023.csv.gz")),
    ("remittances", ("migration", "bilateral_remittance_estimates_2021_long_focal.csv.gz")),
    ("remittances", ("migration", "bilateral_migrant_stocks_2021_long_focal.csv.gz")),
    ("remittances", ("migration", "wdi_remittances_gdp_kgz_tjk_uzb_2009_2024.csv")),
    ("bsv", ("reference", "bsv", "IdealpointsJuly2025_1991_2024.csv.gz")),
)
"""The bundled reference files the demo loads (kind, path under ``steppe/data``): the data
that reach 2024 (see ``steppe/data/SOURCES.md``)."""
ICEWS_NOTE = (
    "history: ICEWS05-15 knowledge-graph benchmark split (frequent entities only), a biased "
    "sample; not an estimate of any share"
)
DEMO_SPEECHES = ("speeches", "ungdc_focal_2015_2024.jsonl.gz")
"""UN General Debate speeches 2015-2024 of the focal states and the powers (CC0)."""
DEMO_DICTIONARIES = ("dictionaries",)
"""The PETRARCH2 CAMEO verb, agent and discard dictionaries (MIT) the demo codes with."""


class StageError(SteppeError):
    """A pipeline stage failed; the message starts with the stage's name."""


def ingest_events(
    store: Store,
    paths: Iterable[str | Path],
    fmt: str,
    progress: Callable[[str], ProgressFn] | None = None,
    lake: str | Path | None = None,
    on_lake: Callable[[LakeSync], None] | None = None,
) -> list[IngestReport]:
    """Ingest event files of one format; returns one report per file (or zip member). The
    registry is installed on an empty store, the event sources are recorded and a local
    ``lake`` is brought up to date (``on_lake`` hears each change): the CLI and the dashboard's
    upload both go through here.

    ``progress``, if given, is called with each file's name and returns the callback that
    receives that file's completed fraction.

    >>> from steppe.store import Store
    >>> with Store(":memory:") as s:
    ...     _ = install_registry(s)
    ...     [r.loaded for r in ingest_events(s, [data_path(*DEMO_EVENTS)], "icews")]
    [1291]
    """
    return ingest_event_files(store, paths, fmt, progress, lake=lake, on_lake=on_lake)


def measure(
    store: Store,
    freq: str = "quarter",
    method: str = "hhi",
    seed: int = 0,
    engine: Engine | None = None,
    on_stage: Callable[[str], None] | None = None,
    all_events: bool = False,
) -> dict[str, int]:
    """Compute every indicator the store's data allow and store them; returns rows written per
    indicator family. Events give the multivector index, cooperation dependence and regional
    cohesion; UN roll calls give vote agreement, S-scores, kappa and ideal points; trade ties
    give trade shares, concentration and the trade multivector index; spikes and change points
    in the event, interaction-tie, vote and trade series give alerts (``steppe alerts``); events
    and documents give the monthly hybrid-pressure index (``pressure_acts``,
    ``pressure_text_*``). Also stores the events newest first (once per change), which keeps
    listings fast.

    The event indicators run on ``engine`` (default: the store's DuckDB; see
    :func:`steppe.open_engine` for Spark and the Parquet lake). When the engine reads a local
    lake and the store holds events, the lake is first brought up to date with the store
    (:func:`steppe.sync_lake`); a store without events uses the lake as it is. The small
    reference-data indicators (votes, trade, alerts) always run in the store. ``on_stage``
    hears the name of each stage as it starts (for a progress display).

    Each frequency is a series of its own: ``freq`` (quarter, the default, or year) replaces
    only that frequency's event-multivector rows; the yearly series is always computed too (it
    feeds the headline figures and the channel comparison). Last, every row a writer left
    without ``freq`` or ``sparse`` gets them
    (:func:`steppe.indicators.support.finalise_support`). Event indicators
    count asserted events at their document's time; ``all_events`` counts negated,
    hypothetical, future, reported and past events too
    (:mod:`steppe.indicators.scope`)."""
    with counting_scope(all_events):
        return _measure(store, freq, method, seed, engine, on_stage)


def _measure(
    store: Store,
    freq: str,
    method: str,
    seed: int,
    engine: Engine | None,
    on_stage: Callable[[str], None] | None,
) -> dict[str, int]:
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
        if freq != "year":  # the yearly series feeds the headline and the channel comparison
            out["multivector_year"] = compute_multivector(
                store, freq="year", method=method, seed=seed, engine=engine
            )
        enter("measure dependence")
        out["dependence"] = compute_event_dependence(store, engine)
        if store.count("votes"):
            enter("measure votes")
            out["votes"] = compute_vote_indicators(store)
            enter("measure ideal points")
            out["ideal_point"] = compute_ideal_points(store, seed=seed)
        if store.query(
            "SELECT 1 FROM ties WHERE channel IN ('trade_flow', 'trade_exports', "
            "'trade_imports') LIMIT 1"
        ):
            enter("measure trade")
            out["trade"] = compute_trade_indicators(store)
        if store.query("SELECT 1 FROM ties WHERE channel = 'interaction' LIMIT 1"):
            enter("measure interaction")
            out["interaction"] = compute_interaction(store, seed=seed)
        if store.query(
            "SELECT 1 FROM ties WHERE channel IN ('remittances', 'migrant_stock', "
            "'remittances_gdp') LIMIT 1"
        ):
            enter("measure migration")
            out["migration"] = compute_migration(store)
        enter("measure cohesion")
        out |= compute_alignment_extras(store, engine, seed=seed)
        enter("measure hybrid pressure")
        out["pressure"] = compute_pressure(store)
        enter("measure support")
        finalise_support(store)  # before the alerts: sparse values are never alert sources
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
    """The main job: a fresh store from the bundled registry, event sample (2005–2015,
    history), UN votes, and the bundled data reaching 2024 (:data:`DEMO_REFERENCE`: GDELT daily
    dyads, Eurostat trade, KNOMAD remittances and migrant stocks, WDI, BSV ideal points), the
    UN General Debate speeches of the focal states and powers as documents (before the
    indicators: the hybrid-pressure text measure reads them), the indicators, the speeches
    coded into events (after the indicators, which read the event datasets), every scenario in
    the ``scenarios`` folder (if given), and ``out/report.html``."""
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
            record_source(
                store,
                "events:icews",
                "events",
                "BSD-3-Clause (ICEWS05-15 benchmark files)",
                note=ICEWS_NOTE,
            )
            reports.append(ingest_reference(store, "unvotes", bundled_unvotes()))
            for kind, parts in DEMO_REFERENCE:
                path = data_path(*parts)
                callback = progress(str(path)) if progress else None
                reports.append(ingest_reference(store, kind, path, callback))
        except IngestError as exc:
            raise StageError(f"ingest: {exc}") from exc
        try:  # the documents before the indicators: the hybrid-pressure text measure reads them
            reports += ingest_news(
                store,
                [data_path(*DEMO_SPEECHES)],
                jsonl_fields=UNGDC_FIELDS,
                date_lookup=session_dates(),
            )
            record_documents_source(store, "CC0 (UN General Debate Corpus, Harvard Dataverse)")
        except SteppeError as exc:
            raise StageError(f"speeches: {exc}") from exc
        counts = measure(store, seed=seed)
        try:  # coded after the indicators: speech rhetoric is read apart from the event datasets
            counts["speech_events"] = code_documents(store, data_path(*DEMO_DICTIONARIES))
            record_event_sources(store, {"coder": "Steppe's coding of CC0 speeches (MIT)"})
        except SteppeError as exc:
            raise StageError(f"speeches: {exc}") from exc
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
