"""``steppe update``: keep a store current in one scheduled command.

Stages, in order, each reported in one line: fetch (the sources the configuration names: GDELT
files, news feeds; each hands its files to ingest) → ingest (what the fetches loaded) → code
(new documents into events) → measure (every indicator) → alerts. A run starts where the last
successful one started (state in ``update_runs``), so nothing is fetched twice and an
interrupted or failed run is simply caught up by the next. A lock file beside the store keeps
two updates from running at once.

The configuration is a small YAML file::

    gdelt:
      version: 2          # 1 or 2
      start: 2024-05-01   # first day fetched by the first run
      filter: focal       # or all
      mirror: null        # base URL or folder (default: GDELT's servers)
    feeds: default        # 'default' (the packaged list), a feed-list path, or omit
    code: true            # code new documents into events
    dictionaries: null    # PETRARCH dictionaries folder for the coder (default: bundled)
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from steppe.coding import code_documents
from steppe.domain.errors import FetchError, SteppeError
from steppe.fetch.feeds import fetch_feeds
from steppe.fetch.gdelt import fetch_gdelt
from steppe.fetch.http import Policy
from steppe.pipeline import measure
from steppe.store import Store, scalar
from steppe.store.reference import install_registry


class UpdateLocked(SteppeError):
    """Another ``steppe update`` holds the store's lock."""


@dataclass(frozen=True)
class Stage:
    """One stage's outcome: its name, whether it succeeded and its summary line."""

    name: str
    ok: bool
    line: str


@dataclass(frozen=True)
class UpdateReport:
    """The stages of one run, and where the run started from.

    >>> r = UpdateReport(None, (Stage("fetch gdelt", True, "4 files"),))
    >>> r.ok, r.lines()
    (True, ['fetch gdelt: 4 files'])
    """

    since: date | None
    stages: tuple[Stage, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return all(s.ok for s in self.stages)

    def lines(self) -> list[str]:
        return [f"{s.name}: {s.line if s.ok else 'FAILED: ' + s.line}" for s in self.stages]


def load_config(path: str | Path) -> dict[str, Any]:
    """The update configuration in ``path``, checked.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "u.yaml"
    >>> _ = p.write_text("gdelt: {version: 2, start: 2024-05-01}\\nfeeds: default\\n")
    >>> load_config(p)["gdelt"]["start"]
    datetime.date(2024, 5, 1)
    """
    path = Path(path)
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise SteppeError(f"{path}: cannot read the update configuration ({exc})") from exc
    if not isinstance(config, dict):
        raise SteppeError(f"{path}: expected a mapping (gdelt:, feeds:, code:)")
    unknown = set(config) - {"gdelt", "feeds", "code", "dictionaries"}
    if unknown:
        raise SteppeError(f"{path}: unknown keys {sorted(unknown)}")
    gdelt = config.get("gdelt")
    if gdelt is not None:
        if not isinstance(gdelt, dict) or gdelt.get("version", 2) not in (1, 2):
            raise SteppeError(f"{path}: gdelt: needs version 1 or 2")
        if gdelt.get("filter", "focal") not in ("focal", "all"):
            raise SteppeError(f"{path}: gdelt.filter: expected focal or all")
        start = gdelt.get("start")
        if start is not None and not isinstance(start, date):
            raise SteppeError(f"{path}: gdelt.start: expected a date YYYY-MM-DD")
    return config


@contextmanager
def update_lock(db: str | Path) -> Iterator[Path]:
    """Hold ``<store>.update.lock`` for the duration; raises :class:`UpdateLocked` (naming the
    holder's process id) when another update holds it. The lock is released by the kernel when
    the holder exits, even after ``kill -9``."""
    lock = Path(str(db) + ".update.lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            raise UpdateLocked(
                f"another steppe update is running on {db} (pid {holder}; lock {lock})"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield lock
    finally:
        os.close(fd)


def last_success(store: Store) -> datetime | None:
    """When the last successful update started."""
    value = scalar(store.con, "SELECT max(started) FROM update_runs WHERE ok")
    return value if isinstance(value, datetime) else None


def run_update(
    store: Store,
    config: dict[str, Any],
    policy: Policy | None = None,
    on_stage: Callable[[Stage], None] | None = None,
    today: date | None = None,
) -> UpdateReport:
    """Run every stage the configuration asks for (see the module docstring) and record the
    run. A stage that fails is reported and the later stages still run on what the store has;
    the run then counts as failed and the next run starts from the same point.
    """
    started = datetime.now()
    previous = last_success(store)
    since = previous.date() if previous else None
    stages: list[Stage] = []

    def add(stage: Stage) -> None:
        stages.append(stage)
        if on_stage is not None:
            on_stage(stage)

    if not store.count("actors"):
        install_registry(store)
    events_before = store.count("events")
    docs_before = store.count("documents")

    gdelt = config.get("gdelt")
    if gdelt is not None:
        first = since or gdelt.get("start")
        if first is None:
            add(Stage("fetch gdelt", False, "the first run needs gdelt.start (YYYY-MM-DD)"))
        else:
            try:
                # GDELT 1.0 publishes a day's file the next morning: look one day back too
                fetched = fetch_gdelt(
                    store,
                    int(gdelt.get("version", 2)),
                    first - timedelta(days=1) if since else first,
                    today,
                    mirror=gdelt.get("mirror"),
                    focal=gdelt.get("filter", "focal") == "focal",
                    policy=policy,
                )
                add(Stage("fetch gdelt", not fetched.count("failed"), fetched.summary()))
            except SteppeError as exc:
                add(Stage("fetch gdelt", False, str(exc)))
    feeds = config.get("feeds")
    if feeds:
        try:
            outcomes = fetch_feeds(store, None if feeds == "default" else feeds, policy=policy)
            failed = [o for o in outcomes if o.status == "failed"]
            new = sum(o.loaded for o in outcomes)
            line = f"{len(outcomes)} feeds, {new} documents loaded"
            if failed:
                line += "; failed: " + "; ".join(o.summary() for o in failed)
            add(Stage("fetch feeds", not failed, line))
        except (FetchError, SteppeError) as exc:
            add(Stage("fetch feeds", False, str(exc)))
    add(
        Stage(
            "ingest",
            True,
            f"{store.count('events') - events_before} events and "
            f"{store.count('documents') - docs_before} documents added",
        )
    )
    if config.get("code", True):
        try:
            written = code_documents(store, config.get("dictionaries"))
            add(Stage("code", True, f"{written} events coded from new documents"))
        except SteppeError as exc:
            add(Stage("code", False, str(exc)))
    try:
        counts = measure(store)
        add(Stage("measure", True, ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))))
    except SteppeError as exc:
        add(Stage("measure", False, str(exc)))
    alerts = int(scalar(store.con, "SELECT count(*) FROM indicators WHERE name = 'alert'") or 0)
    add(Stage("alerts", True, f"{alerts} realignment alerts in the store"))
    report = UpdateReport(since, tuple(stages))
    with store.transaction() as con:
        con.execute(
            "INSERT INTO update_runs VALUES (?, now(), ?, ?, ?)",
            [
                started,
                report.ok,
                previous,
                json.dumps([s.__dict__ for s in stages], ensure_ascii=False),
            ],
        )
    return report
