"""The ``steppe`` command: a thin layer over the public API. Each command opens the store,
calls one API function and prints the result (a rich table, or JSON with ``--json``)."""

from __future__ import annotations

import copy
import inspect
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

import steppe
from steppe.domain.errors import SteppeError

if TYPE_CHECKING:
    from steppe.ingest.base import ProgressFn

# Nothing heavier than typer, rich and the standard library is imported at module level: `import
# steppe` is lazy and every command imports the layers it needs, so `--help` starts fast (a test in
# tests/test_cli_startup.py guards the import graph).


class _LazyTyper(typer.Typer):
    """The root app, which builds only what a command line needs.

    Typer builds the click command of every one of Steppe's ~30 commands (reading each
    signature) before it parses anything: ~20 ms of a start-up budget of ~150. Called as the
    ``steppe`` program, this app builds the one command or group the command line names; for
    the overview (``steppe``, ``steppe --help``) it lists the commands without building their
    parameters. A word that names no command gets the whole app, so click's error and its
    suggestions are the same. What Typer builds otherwise (``typer.testing``, the docs) is the
    full app, and tests/test_cli_startup.py checks that both print the same.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        argv = kwargs.get("args", args[0] if args else None)
        words = list(sys.argv[1:] if argv is None else argv)
        return typer.Typer.__call__(self._for(words), *args, **kwargs)

    def _for(self, argv: list[str]) -> typer.Typer:
        word = _command_word(argv)
        if word is None:
            return _listing(self)
        for info in self.registered_commands:
            if _name_of(info) == word:
                return _only(self, [info], [])
        for group in self.registered_groups:
            if group.name == word:
                return _only(self, [], [group])
        return self


class _RootGroup(typer.core.TyperGroup):
    """The root click group; building it defers Typer's parameter conversion (see below)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        _defer_conversion()
        super().__init__(*args, **kwargs)


def _defer_conversion() -> None:
    """Make Typer build a parameter's converter when a value needs one, and convert ``str``
    values (without a ``parser``) as Typer's own converter does, by keeping the string.

    Typer (0.2x) builds a pydantic adapter for every parameter it processes, even one left
    unset, and importing pydantic is ~60 ms, a third of `steppe resolve`'s start-up. Every
    value that is not a plain string still goes through Typer's converter, errors included,
    so the change is invisible but for the time. A Typer without this internal hook (older or
    newer) is left as it is."""
    found = getattr(typer.core, "build_runtime_param", None)
    if found is None or getattr(found, "deferred", False):
        return
    try:
        from typer._coercion import RuntimeParam
    except ImportError:  # pragma: no cover - another Typer keeps its own conversion
        return
    build: Callable[[Any], Any] = found

    @dataclass(frozen=True)
    class Deferred(RuntimeParam):
        descriptor: Any = None

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            plain = self.annotation is str and self.parameter_info.parser is None
            if plain and isinstance(value, str):
                return value
            return build(self.descriptor)._coerce_value(value, param=param, ctx=ctx)

    def deferred(descriptor: Any) -> Any:
        return Deferred(descriptor.parameter_info, descriptor.annotation, descriptor)

    setattr(deferred, "deferred", True)  # noqa: B010 - marks the hook as installed
    setattr(typer.core, "build_runtime_param", deferred)  # noqa: B010 - see the docstring


# the root options that take no value (every other root option takes one)
_ROOT_FLAGS = frozenset({"--help"})


def _command_word(argv: Sequence[str]) -> str | None:
    """The first word of ``argv`` that is not a root option or its value (the command name).

    >>> _command_word(["--db", "x.duckdb", "resolve", "Tokayev"])
    'resolve'
    >>> _command_word(["--help"]) is None
    True
    """
    i = 0
    while i < len(argv):
        word = argv[i]
        if word == "--":
            return argv[i + 1] if i + 1 < len(argv) else None
        if not word.startswith("-"):
            return word
        i += 1 if ("=" in word or word in _ROOT_FLAGS) else 2
    return None


def _name_of(info: Any) -> str:
    return str(info.name or typer.main.get_command_name(info.callback.__name__))


def _only(app_: typer.Typer, commands: list[Any], groups: list[Any]) -> typer.Typer:
    """A copy of ``app_`` holding only ``commands`` and ``groups`` (root options kept)."""
    lite = copy.copy(app_)
    lite.registered_commands, lite.registered_groups = commands, groups
    return lite


def _listing(app_: typer.Typer) -> typer.Typer:
    """A copy of ``app_`` whose commands have their name and help but no parameters: enough
    to list them, cheap to build."""
    commands = []
    for info in app_.registered_commands:
        stub = copy.copy(info)
        stub.name = _name_of(info)
        if stub.help is None:
            stub.help = inspect.getdoc(info.callback)
        stub.callback = _listed
        commands.append(stub)
    groups = []
    for group in app_.registered_groups:
        stub_group = copy.copy(group)
        if group.typer_instance is not None:
            stub_group.typer_instance = _listing(group.typer_instance)
        groups.append(stub_group)
    return _only(app_, commands, groups)


def _listed() -> None:
    """Stands in for a command in the overview; never runs."""


app = _LazyTyper(
    help="Steppe: model and measure geopolitical realignment in Central Asia.",
    cls=_RootGroup,
    no_args_is_help=True,
    add_completion=False,
)
ingest_app = typer.Typer(help="Load data into the store.", no_args_is_help=True)
synth_app = typer.Typer(help="Write deterministic synthetic input files.", no_args_is_help=True)
eval_app = typer.Typer(help="Check Steppe against published results.", no_args_is_help=True)
app.add_typer(ingest_app, name="ingest")
app.add_typer(synth_app, name="synth")
fetch_app = typer.Typer(
    help="Download live sources (verified, resumable, polite) and ingest them.",
    no_args_is_help=True,
)
app.add_typer(eval_app, name="eval")
app.add_typer(fetch_app, name="fetch")

console = Console()
err = Console(stderr=True)
_state: dict[str, Path] = {}

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


_engine_opts: dict[str, str | None] = {}


@app.callback()
def main(
    db: Annotated[
        Path | None, typer.Option("--db", envvar="STEPPE_DB", help="Store path (env STEPPE_DB).")
    ] = None,
    backend: Annotated[
        str,
        typer.Option(
            "--backend",
            envvar="STEPPE_BACKEND",
            help="Where event indicators run: duckdb or spark (env STEPPE_BACKEND).",
        ),
    ] = "duckdb",
    spark_master: Annotated[
        str,
        typer.Option(
            "--spark-master",
            envvar="STEPPE_SPARK_MASTER",
            help="Spark master URL, e.g. spark://host:7077 (env STEPPE_SPARK_MASTER).",
        ),
    ] = "local[*]",
    lake: Annotated[
        str | None,
        typer.Option(
            "--lake",
            envvar="STEPPE_LAKE",
            help="Parquet lake folder or URL for events and ties (env STEPPE_LAKE; "
            "with --backend spark the default is <store stem>-lake beside the store).",
        ),
    ] = None,
) -> None:
    """Steppe command line. Global options: --db PATH (default ./steppe.duckdb), --backend
    duckdb|spark, --spark-master URL, --lake DIR."""
    if db is not None:
        _state["db"] = db
    # the default backend needs no check: importing the engine module would load pyarrow
    if backend != "duckdb" and backend not in steppe.BACKENDS:
        _fail(f"--backend {backend!r}: expected one of {', '.join(steppe.BACKENDS)}")
    if backend == "spark" and lake is None:
        lake = str(steppe.default_lake_path(_db_path()))
    _engine_opts.update(backend=backend, spark_master=spark_master, lake=lake)


def _db_path() -> Path:
    """The store path the global options name (``--db``, ``$STEPPE_DB`` or the default)."""
    return _state.get("db") or steppe.default_db_path()


@contextmanager
def _engine(store: steppe.Store) -> Iterator[steppe.Engine]:
    """The engine the global options name, closed (a Spark session stopped) afterwards."""
    try:
        engine = steppe.open_engine(
            store,
            _engine_opts.get("backend") or "duckdb",
            lake=_engine_opts.get("lake"),
            spark_master=_engine_opts.get("spark_master"),
        )
    except SteppeError as exc:
        _fail(str(exc))
    try:
        yield engine
    finally:
        engine.close()


def _sync_lake(store: steppe.Store) -> None:
    """Bring the lake (when one is named) up to date with the store after an ingest."""
    lake = _engine_opts.get("lake")
    if not lake:
        return
    if steppe.is_remote(lake):
        err.print(f"lake {lake} is remote: not written (Steppe writes only local lakes)")
        return
    for change in steppe.sync_lake(store, lake):
        err.print(change.summary(), highlight=False)


@contextmanager
def _store(read_only: bool = False) -> Iterator[steppe.Store]:
    path = _db_path()
    if read_only and not path.exists():
        _fail(f"no store at {path}; run 'steppe ingest' or 'steppe demo' first")
    try:
        store = steppe.Store(path, read_only=read_only)
    except SteppeError as exc:
        _fail(str(exc))
    try:
        yield store
    except SteppeError as exc:
        _fail(str(exc))
    finally:
        store.close()


def _fail(message: str) -> None:
    err.print(f"[red]error:[/red] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(1)


T = TypeVar("T")


def _checked(run: Callable[[], T]) -> T:
    """``run()``, with a Steppe or file error turned into a one-line failure."""
    try:
        return run()
    except (SteppeError, OSError) as exc:
        _fail(str(exc))
        raise


def _print_json(value: Any) -> None:
    import json

    sys.stdout.write(json.dumps(value, default=_json_default, ensure_ascii=False) + "\n")


def _json_default(value: Any) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def _emit(
    rows: Sequence[dict[str, Any]], as_json: bool, columns: Sequence[str], title: str | None = None
) -> None:
    if as_json:
        _print_json(list(rows))
        return
    table = Table(title=title, show_lines=False)
    for col in columns:
        table.add_column(col)
    for row in rows:
        table.add_row(
            *(
                ""
                if row.get(c) is None
                else f"{row[c]:.4f}"
                if isinstance(row.get(c), float)
                else str(row[c])
                for c in columns
            )
        )
    console.print(table)


@contextmanager
def _progress() -> Iterator[Callable[[str], ProgressFn]]:
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        console=err,
        transient=False,
        disable=not err.is_terminal,
    )

    def for_file(name: str) -> ProgressFn:
        task = bar.add_task(Path(name).name, total=1.0)
        return lambda fraction: bar.update(task, completed=fraction)

    with bar:
        yield for_file


@contextmanager
def _stages() -> Iterator[Callable[[str], None]]:
    """A spinner naming the running stage, with the time elapsed (on a terminal only)."""
    if not err.is_terminal:
        yield lambda _name: None
        return
    started = time.perf_counter()
    with err.status("starting") as status:
        yield lambda name: status.update(f"{name} ({time.perf_counter() - started:.0f} s)")


@app.command()
def actors(
    kind: Annotated[
        str | None, typer.Option(help="state, power, bloc, organisation or format")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """List actors with their ISO3, CAMEO and COW codes.

    Example: steppe actors --kind power --json
    """
    with _store() as store:
        if not store.count("actors"):
            steppe.install_registry(store)
        rows = steppe.read.actors(store, kind)
    _emit(
        rows,
        as_json,
        ["code", "name", "kind", "iso3", "cameo", "cow_code", "pole", "region"],
        "Actors",
    )


@app.command()
def memberships(
    actor: Annotated[str | None, typer.Option(help="member code")] = None,
    org: Annotated[str | None, typer.Option(help="organisation code")] = None,
    on: Annotated[str | None, typer.Option(help="only those in force on YYYY-MM-DD")] = None,
    as_json: JsonOpt = False,
) -> None:
    """List memberships with role and dates.

    Example: steppe memberships --actor KAZ --on 2024-01-01
    """
    day = _parse_date(on) if on else None
    with _store() as store:
        if not store.count("actors"):
            steppe.install_registry(store)
        rows = steppe.read.memberships(store, actor=actor, org=org, on=day)
    _emit(rows, as_json, ["member", "org", "role", "start_date", "end_date"], "Memberships")


@app.command()
def resolve(
    name: str,
    on: Annotated[str | None, typer.Option(help="date YYYY-MM-DD")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Resolve a name (country, demonym, capital, leader...) to an actor code.

    Example: steppe resolve "Tokayev" --on 2023-05-01
    """
    gaz = steppe.Gazetteer.from_registry()
    day = _parse_date(on) if on else None
    rows = [{"name": name, "on": day, "code": gaz.resolve(name, day)}] + [
        {
            "name": m.alias,
            "on": day,
            "code": m.code,
            "kind": m.kind,
            "from": m.valid.start,
            "to": m.valid.end,
        }
        for m in gaz.matches(name, day)
    ]
    if as_json:
        _emit(rows[:1] + rows[1:], True, [])
        return
    console.print(f"{name!r} -> [bold]{rows[0]['code'] or 'unresolved'}[/bold]")
    _emit(rows[1:], False, ["name", "code", "kind", "from", "to"], "Matches")


@ingest_app.command("events")
def ingest_events(
    files: Annotated[list[Path], typer.Argument(help="files (.gz and .zip too)")],
    fmt: Annotated[
        str, typer.Option("--format", help="gdelt1, gdelt2, icews, gdelt-csv, polecat or acled")
    ] = "gdelt1",
    as_json: JsonOpt = False,
) -> None:
    """Ingest event files; malformed rows go to quarantine, re-runs add nothing.

    Example: steppe ingest events --format gdelt1 20240101.export.CSV.zip
    """
    lake = _engine_opts.get("lake")
    if lake and steppe.is_remote(lake):
        err.print(f"lake {lake} is remote: not written (Steppe writes only local lakes)")
    with _store() as store:
        with _progress() as progress:
            reports = steppe.ingest_events(
                store,
                files,
                fmt,
                progress,
                lake=lake,
                on_lake=lambda change: err.print(change.summary(), highlight=False),
            )
        _print_reports(store, reports, as_json, "line", "")


@ingest_app.command("reference")
def ingest_reference(
    kind: Annotated[
        str,
        typer.Option(
            help="unvotes, bsv, cow-trade, atop, cow-alliance, cow-igo, nmc, gdelt-dyads, "
            "eurostat-trade, national-trade or remittances"
        ),
    ],
    path: Annotated[
        Path | None, typer.Argument(help="file or folder (unvotes: bundled if omitted)")
    ] = None,
    licence: Annotated[
        str | None, typer.Option(help="licence to record in 'steppe sources' (default: stated)")
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(help="national-trade: the unit and currency to record (default: the file's)"),
    ] = None,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="replace the rows loaded before even when the file brings fewer",
        ),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Load a reference dataset (UN votes, ideal points, trade, alliances, IGOs, capabilities).

    Example: steppe ingest reference --kind cow-trade cow_trade_ndy_focal_subset.csv.gz
    """
    from steppe.ingest.reference import bundled_unvotes
    from steppe.ingest.reference import ingest_reference as load

    if path is None:
        if kind != "unvotes":
            _fail(f"--kind {kind} needs a PATH (only the UN votes are bundled)")
        path = bundled_unvotes()
    with _store() as store:
        if not store.count("actors"):
            steppe.install_registry(store)
        with _progress() as progress:
            report = load(
                store,
                kind,
                path,
                progress(str(path)),
                licence=licence,
                unit=unit,
                replace=replace,
            )
        samples = steppe.read.quarantine(store, 3, report.file) if report.quarantined else []
        _sync_lake(store)
    if as_json:
        _emit([report.__dict__], True, [])
        return
    console.print(report.summary(), highlight=False, soft_wrap=True)
    for q in samples:
        err.print(f"  {report.file} line {q['record']}: {q['reason']}", highlight=False)


@ingest_app.command("news")
def ingest_news(
    paths: Annotated[
        list[Path],
        typer.Argument(help="files or folders (.txt .html .jsonl .csv RSS/Atom, .gz, .zip)"),
    ],
    date: Annotated[
        str | None,
        typer.Option(
            help="publication date for documents that carry none (YYYY-MM-DD, YYYY-MM or YYYY)"
        ),
    ] = None,
    jsonl_field: Annotated[
        list[str] | None,
        typer.Option(help="ROLE=FIELD for JSONL/CSV records; roles text, title, url, date, source"),
    ] = None,
    mapping: Annotated[
        str | None,
        typer.Option(
            help="a named field mapping: 'ungdc' (UN General Debate speeches, dated by their "
            "session's general debate)"
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Ingest news documents; each is deduplicated by its normalised text, unreadable ones are
    quarantined with the reason. --mapping ungdc reads UN General Debate Corpus records (text,
    iso3 as the source, the session's general-debate opening day as the date).

    Example: steppe ingest news feeds/ articles.jsonl --jsonl-field text=body --date 2024-05-01
    """
    from steppe.ingest.news import ingest_news as load

    fields: dict[str, str] = {}
    lookup = None
    if mapping is not None:
        from steppe.ingest.ungdc import mapping as named_mapping

        fields, lookup = _checked(lambda: named_mapping(mapping))
    for item in jsonl_field or []:
        role, sep, name = item.partition("=")
        if not sep or not role or not name:
            _fail(f"--jsonl-field {item!r}: expected ROLE=FIELD, e.g. text=body")
        fields[role] = name
    with _store() as store:
        with _progress() as progress:
            reports = load(
                store,
                paths,
                jsonl_fields=fields or None,
                date=date,
                progress=progress("news"),
                date_lookup=lookup,
            )
        from steppe.store.sources import record_documents_source

        record_documents_source(store)
        _print_reports(store, reports, as_json, "record", "documents ")


@synth_app.command("gdelt")
def synth_gdelt(
    out: Path,
    rows: Annotated[int, typer.Option(min=1)] = 10_000,
    seed: int = 0,
    version: Annotated[int, typer.Option(min=1, max=2)] = 1,
) -> None:
    """Write a deterministic synthetic GDELT 1.0 or 2.0 file (.gz if the name says so).

    Example: steppe synth gdelt --rows 100000 --seed 7 /tmp/synthetic.tsv
    """
    path = steppe.write_gdelt(out, rows=rows, seed=seed, version=version)
    console.print(f"wrote {rows} GDELT {version}.0 rows to {path}", highlight=False)


@synth_app.command("news")
def synth_news(
    out: Path,
    documents: Annotated[int, typer.Option(min=1)] = 1_000,
    seed: int = 0,
) -> None:
    """Write deterministic synthetic English news articles about the region's actors as JSON
    Lines (.gz if the name says so), for 'steppe ingest news' and 'steppe code'.

    Example: steppe synth news --documents 5000 --seed 7 /tmp/news.jsonl
    """
    path = steppe.write_news(out, documents=documents, seed=seed)
    console.print(f"wrote {documents} synthetic articles to {path}", highlight=False)


@fetch_app.command("gdelt")
def fetch_gdelt(
    since: Annotated[str, typer.Option(help="first day (YYYY-MM-DD)")],
    version: Annotated[int, typer.Option("--version", min=1, max=2, help="GDELT 1 or 2")] = 2,
    until: Annotated[str | None, typer.Option(help="last day, inclusive (default today)")] = None,
    mirror: Annotated[
        str | None,
        typer.Option(help="base URL, or a folder holding the file list with the files beside it"),
    ] = None,
    filter_: Annotated[
        str,
        typer.Option("--filter", help="focal: keep rows naming a registry actor; all: every row"),
    ] = "focal",
    cache: Annotated[
        Path | None, typer.Option(help="download cache (default <store stem>-cache/ beside it)")
    ] = None,
    workers: Annotated[int, typer.Option(min=1, max=16, help="concurrent downloads")] = 6,
    rate: Annotated[
        float, typer.Option(min=0, help="requests per second to one host; 0: no limit")
    ] = 4.0,
    retries: Annotated[int, typer.Option(min=0, help="further attempts after a failure")] = 4,
    timeout: Annotated[float, typer.Option(min=0.1, help="seconds to connect or read")] = 30.0,
    as_json: JsonOpt = False,
) -> None:
    """Fetch GDELT event files for a date range from GDELT (or a mirror), check each against
    the published size and MD5, and ingest it; a rerun resumes where the last one stopped.
    Exits 1 when a file failed after the retries (timeouts, 5xx, no connection); refused
    files (checksum, unreadable, 404) are reported and kept in quarantine.

    Example: steppe fetch gdelt --version 2 --since 2024-05-01 --until 2024-05-02
    """
    from steppe.fetch import Policy
    from steppe.fetch import fetch_gdelt as fetch

    if filter_ not in ("focal", "all"):
        _fail(f"--filter {filter_!r}: expected focal or all")
    first, last = _parse_date(since), _parse_date(until) if until else None
    policy = Policy(
        rate=rate or None, retries=retries, timeout=timeout, workers=workers, backoff=1.0
    )
    with _store() as store:
        if not store.count("actors"):
            steppe.install_registry(store)

        def note(outcome: Any) -> None:
            if outcome.status != "ingested":
                err.print(
                    f"  {outcome.name}: {outcome.status}: {outcome.reason}",
                    highlight=False,
                    soft_wrap=True,
                )

        report = fetch(
            store,
            version,
            first,
            last,
            mirror=mirror,
            focal=filter_ == "focal",
            cache=cache,
            policy=policy,
            on_file=note,
        )
        _sync_lake(store)
    if as_json:
        _print_json({**report.__dict__, "outcomes": [o.__dict__ for o in report.outcomes]})
    else:
        for line in report.unreadable[:3]:
            err.print(f"  {line}", highlight=False)
        console.print(report.summary(), highlight=False, soft_wrap=True)
    if report.count("failed"):
        raise typer.Exit(1)


@fetch_app.command("feeds")
def fetch_feeds(
    feeds: Annotated[
        Path | None,
        typer.Argument(help="feed list (YAML: feeds: [{name, url, language}]; default bundled)"),
    ] = None,
    pages: Annotated[
        bool, typer.Option("--pages/--no-pages", help="read each item's article page")
    ] = True,
    max_page_mb: Annotated[float, typer.Option(min=0.01, help="cap on one page, in MB")] = 5.0,
    rate: Annotated[
        float, typer.Option(min=0, help="requests per second to one host; 0: no limit")
    ] = 1.0,
    retries: Annotated[int, typer.Option(min=0, help="further attempts after a failure")] = 2,
    timeout: Annotated[float, typer.Option(min=0.1, help="seconds to connect or read")] = 20.0,
    as_json: JsonOpt = False,
) -> None:
    """Fetch news feeds (RSS/Atom) and their article pages into the documents table:
    conditional GET, robots.txt honoured, a per-host rate limit, pages capped in size.
    Exits 1 when a feed failed.

    Example: steppe fetch feeds my_feeds.yaml --max-page-mb 2
    """
    from steppe.fetch import Policy
    from steppe.fetch.feeds import fetch_feeds as fetch

    policy = Policy(rate=rate or None, retries=retries, timeout=timeout, workers=2)
    with _store() as store:
        outcomes = fetch(
            store, feeds, policy=policy, max_page_bytes=int(max_page_mb * 1e6), pages=pages
        )
    if as_json:
        _print_json([o.__dict__ for o in outcomes])
    else:
        for outcome in outcomes:
            console.print(outcome.summary(), highlight=False, soft_wrap=True)
    if any(o.status == "failed" for o in outcomes):
        raise typer.Exit(1)


@app.command()
def update(
    config: Annotated[Path, typer.Argument(help="update configuration (YAML: gdelt, feeds, code)")],
    rate: Annotated[
        float, typer.Option(min=0, help="requests per second to one host; 0: no limit")
    ] = 4.0,
    retries: Annotated[int, typer.Option(min=0, help="further attempts after a failure")] = 4,
) -> None:
    """Fetch the configured sources, ingest, code, measure and list alerts, starting where the
    last successful update started; one line per stage; exits 1 if a stage failed. Two updates
    never run at once on one store (a lock file beside it).

    Example: steppe update docs/update.example.yaml
    """
    from steppe.fetch import Policy
    from steppe.update import load_config, run_update, update_lock

    def show(stage: Any) -> None:
        line = stage.line if stage.ok else f"[red]FAILED[/red]: {escape(stage.line)}"
        console.print(f"{stage.name}: {line}", highlight=False, soft_wrap=True)

    settings = _checked(lambda: load_config(config))
    path = _state.get("db", steppe.default_db_path())
    try:
        with update_lock(path), _store() as store:
            report = run_update(
                store, settings, Policy(rate=rate or None, retries=retries), on_stage=show
            )
    except SteppeError as exc:
        _fail(str(exc))
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def code(
    dictionaries: Annotated[
        Path | None,
        typer.Option(help="folder of PETRARCH/CAMEO dictionaries (env STEPPE_DICTIONARIES)"),
    ] = None,
    ner: Annotated[
        bool,
        typer.Option(
            "--ner", help="add spaCy's NER to find actors the gazetteer misses (nlp extra)"
        ),
    ] = False,
    date: Annotated[
        str | None,
        typer.Option(
            help="date for documents that carry none (YYYY-MM-DD, YYYY-MM or YYYY); "
            "without it they are quarantined, not coded"
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Code the documents not yet coded into events (who did what to whom, CAMEO and PLOVER,
    Goldstein, modality and time), each linked to its document and sentence. A document
    without a date takes --date or is quarantined with the reason (never today's date).
    --ner adds the optional statistical layer (pip install 'steppe[nlp]'; several times
    slower).

    Example: steppe code --dictionaries ../shared/data/petrarch2_dictionaries
    """
    from steppe.coding import code_documents, coding_summary
    from steppe.coding.coder import CodingRun
    from steppe.coding.statistical import require_nlp

    runs: list[CodingRun] = []
    with _store() as store:
        if ner:
            require_nlp()
        with _progress() as progress:
            written = _checked(
                lambda: code_documents(
                    store, dictionaries, progress=progress("coding"), ner=ner, date=date, run=runs
                )
            )
        summary = coding_summary(store)
        from steppe.store.sources import record_event_sources

        record_event_sources(store)
    fallback = sum(r.dated_by_fallback for r in runs)
    undated = sum(r.quarantined_undated for r in runs)
    result = {
        "events_written": written,
        "documents": summary.documents,
        "coded": summary.coded,
        "coder_events": summary.events,
        "dated_by_fallback": fallback,
        "undated_quarantined": undated,
        "inferred_sources": summary.inferred_sources,
        "inferred_targets": summary.inferred_targets,
    }
    if fallback:
        err.print(
            f"warning: {fallback} documents without a date of their own were dated {date} "
            "(--date fallback)",
            highlight=False,
        )
    if undated:
        err.print(
            f"warning: {undated} documents have no date and were not coded: quarantined "
            "(steppe quarantine; code them with --date)",
            highlight=False,
        )
    if summary.inferred_sources:
        err.print(
            f"note: {summary.inferred_sources} coder events have an inferred source (a passive "
            "arrest, release or deportation: the state where it happened, else the person's "
            "own; source_raw says which)",
            highlight=False,
        )
    if summary.inferred_targets:
        err.print(
            f"note: {summary.inferred_targets} coder events have an inferred target state (a "
            "local resident acted on: the acting authorities'; target_raw says so)",
            highlight=False,
        )
    if as_json:
        _print_json(result)
        return
    console.print(
        f"{written} events written; {summary.coded} of {summary.documents} documents "
        f"coded; {summary.events} coder events in the store",
        highlight=False,
    )


@app.command()
def events(
    actor: Annotated[str | None, typer.Option(help="actor code (either side)")] = None,
    partner: Annotated[str | None, typer.Option(help="the other side")] = None,
    since: Annotated[str | None, typer.Option(help="from YYYY-MM-DD")] = None,
    until: Annotated[str | None, typer.Option(help="to YYYY-MM-DD")] = None,
    origin: Annotated[str | None, typer.Option(help="gdelt1, gdelt2, icews, coder, ...")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 50,
    as_json: JsonOpt = False,
) -> None:
    """List events, newest first, each with the sentence (and document) that produced it.

    Example: steppe events --actor KAZ --since 2024-01-01 --json
    """
    with _store(read_only=True) as store:
        rows = steppe.read.events(
            store,
            limit=limit,
            actor=actor,
            partner=partner,
            since=_parse_date(since) if since else None,
            until=_parse_date(until) if until else None,
            origin=origin,
        )
    for r in rows:
        r["text"] = r["sentence"] or f"{r['source_raw']} -> {r['target_raw']}"
    if as_json:
        _print_json(rows)
        return
    _events_table(rows)


def _events_table(rows: list[dict[str, Any]]) -> None:
    """Events as a table whose text column keeps most of the width and wraps whole words:
    the other columns are compact (actors as "KAZ→RUS", codes as "042 CONSULT")."""
    table = Table(title="Events", show_lines=True, expand=True)
    table.add_column("date", no_wrap=True)
    table.add_column("actors", no_wrap=True)
    table.add_column("code", no_wrap=False, max_width=14)
    table.add_column("how", no_wrap=False, max_width=12)
    table.add_column("origin", no_wrap=True)
    table.add_column("text", ratio=1, min_width=30, overflow="fold")
    for r in rows:
        how = " ".join(
            str(x)
            for x in (r.get("modality"), r.get("event_time"))
            if x and x not in ("asserted", "document")
        )
        table.add_row(
            str(r["date"]),
            f"{r['source_actor'] or '?'}→{r['target_actor'] or '?'}",
            " ".join(str(x) for x in (r["cameo"], r["plover"]) if x),
            how or "asserted",
            str(r["origin"]),
            escape(str(r["text"])),
        )
    console.print(table)


@app.command()
def measure(
    freq: Annotated[str, typer.Option(help="quarter or year")] = "quarter",
    method: Annotated[str, typer.Option(help="hhi or entropy")] = "hhi",
    seed: int = 0,
    all_events: Annotated[
        bool,
        typer.Option(
            "--all-events",
            help="count negated, hypothetical, future, reported and past events too",
        ),
    ] = False,
) -> None:
    """Compute the indicators from the store's events and store them. Event indicators run
    on the global --backend (duckdb or spark) over the --lake when one is named, and count
    asserted events at their document's time unless --all-events is given.

    Example: steppe measure --freq year --method entropy
    """
    with _store() as store, _engine(store) as engine, _stages() as on_stage:
        counts = steppe.measure(
            store,
            freq=freq,
            method=method,
            seed=seed,
            engine=engine,
            on_stage=on_stage,
            all_events=all_events,
        )
    for name, n in counts.items():
        console.print(f"{name}: {n} rows", highlight=False)


@app.command()
def optimize(
    force: Annotated[bool, typer.Option(help="rewrite even if already sorted")] = False,
) -> None:
    """Store the events newest first so that listings stay fast (measure does this too).

    Example: steppe optimize
    """
    from steppe.store.maintenance import optimize_events

    with _store() as store:
        done = optimize_events(store, force=force)
    console.print("events rewritten newest first" if done else "events already in order")


@app.command()
def indicators(
    name: Annotated[str, typer.Option(help="indicator name, e.g. multivector")] = "multivector",
    actor: Annotated[str | None, typer.Option(help="actor code")] = None,
    partner: Annotated[str | None, typer.Option(help="partner or pole")] = None,
    freq: Annotated[str | None, typer.Option(help="quarter, year or month (default: all)")] = None,
    as_json: JsonOpt = False,
) -> None:
    """List stored indicator values with their interval, n, frequency and sparse flag.

    Example: steppe indicators --name multivector --actor KAZ --freq year --json
    """
    with _store(read_only=True) as store:
        rows = steppe.read.indicators(store, name, actor, partner, freq)
        if not rows and name not in steppe.read.indicator_names(store):
            _fail(
                f"no indicator {name!r} in the store; run 'steppe measure' "
                f"(known: {', '.join(steppe.read.indicator_names(store)) or 'none'})"
            )
    if not as_json:
        rows = [r | {"sparse": "sparse" if r["sparse"] else ""} for r in rows]
    _emit(
        rows,
        as_json,
        ["actor", "partner", "freq", "period", "value", "lo", "hi", "n", "sparse"],
        name,
    )


@app.command()
def simulate(
    file: Annotated[
        Path, typer.Argument(help="scenario YAML, a BDM table (CSV) or a KTAB CSV/XML input")
    ],
    runs: Annotated[int | None, typer.Option(min=1, help="Monte Carlo runs")] = None,
    seed: Annotated[int | None, typer.Option(help="random seed (default: the file's)")] = None,
    model: Annotated[str | None, typer.Option(help="bdm or smp (default: the file's)")] = None,
    variant: Annotated[
        str | None,
        typer.Option(help="BDM variant: published-code (default), text or replication"),
    ] = None,
    rounds: Annotated[int | None, typer.Option(min=1, help="rounds (default: the file's)")] = None,
    period: Annotated[
        str | None,
        typer.Option(help="period for the file's measured inputs (default: the file's)"),
    ] = None,
    sensitivity: Annotated[
        bool,
        typer.Option(
            "--sensitivity",
            help="also perturb each actor's position, capability and salience one at a time",
        ),
    ] = False,
    sensitivity_runs: Annotated[
        int | None, typer.Option(min=1, help="runs per perturbed input (default: --runs)")
    ] = None,
    store_result: Annotated[
        bool, typer.Option("--store/--no-store", help="save the run in scenario_runs")
    ] = True,
    as_json: JsonOpt = False,
) -> None:
    """Run a scenario: outcome per round (median voter position with its 5-95 % band and the
    weighted mean), threshold probabilities, every actor's position per round.

    A CSV is read as a BDM table (header Actor/Stakeholder, Capability/Resources, Position,
    Salience) or a KTAB SMP file, told apart by its header.

    A scenario's measured inputs (starting positions from indicators, e.g. the ideal-point
    distance to Russia) are read from the store; --period re-bases them on another period.

    --sensitivity re-runs the scenario with each actor's position (±10 % of the scale),
    capability (x0.75, x1.25) and salience (±0.1) changed one at a time, on the same draws, and
    shows how far each moves the final outcome and each threshold probability.

    Example: steppe simulate scenarios/forum_institutionalisation.yaml --runs 2000 --seed 7
    """
    from steppe.scenarios import load_scenario, read_ktab_xml, read_table, store_run, with_params
    from steppe.scenarios import simulate as run

    try:
        reader = {".csv": read_table, ".xml": read_ktab_xml}.get(file.suffix.lower())
        scenario = reader(file) if reader else load_scenario(file)
        changes: dict[str, Any] = {}
        if model is not None:
            changes["model"] = model
        if rounds is not None:
            changes["rounds"] = rounds
        if variant is not None:
            if (model or scenario.model) != "bdm":
                _fail(f"{file.name}: --variant applies to the bdm model only")
            changes["variant"] = variant
        if changes:
            scenario = with_params(scenario, changes)
        if scenario.measured:
            from steppe.scenarios import resolve_measured

            with _store(read_only=True) as store:
                scenario = resolve_measured(scenario, store, period)
        with _progress() as progress:
            result = run(scenario, runs=runs, seed=seed, progress=progress(file.name))
        if sensitivity:
            from steppe.scenarios.sensitivity import with_sensitivity

            result = with_sensitivity(result, scenario, sensitivity_runs)
    except SteppeError as exc:
        _fail(str(exc))
        raise
    run_id = None
    if store_result:
        with _store() as store:
            run_id = store_run(store, result)
    if as_json:
        _print_json(result.to_dict() | {"run_id": run_id})
        return
    variant_note = f", variant {result.params.get('variant', 'published-code')}"
    console.print(
        f"{result.scenario}: {result.model}"
        + (variant_note if result.model == "bdm" else "")
        + f", {result.runs} runs x {result.rounds} rounds, seed {result.seed}"
        + (f", stored as {run_id}" if run_id else ""),
        highlight=False,
    )
    shocks: dict[int, list[str]] = {}
    for sh in result.shocks:
        shocks.setdefault(int(sh["round"]), []).append(str(sh["label"]))
    for dim in result.dimensions:
        rows = [
            {
                "round": r,
                "median": result.outcome_median[dim][i],
                "q05": result.outcome_q05[dim][i],
                "q95": result.outcome_q95[dim][i],
                "weighted mean": result.mean_median[dim][i],
                "shocks": "; ".join(shocks.get(r, [])) or None,
            }
            for i, r in enumerate(result.rounds_index)
        ]
        _emit(
            rows,
            False,
            ["round", "median", "q05", "q95", "weighted mean", "shocks"],
            f"Outcome: {dim} (median voter position over runs; band 5-95 %)",
        )
        per_table = max(1, (console.width - 9) // 9)  # fit the terminal: split the actors
        for k in range(0, len(result.actors), per_table):
            group = result.actors[k : k + per_table]
            paths = Table(
                title=f"Positions by round: {dim} (median over runs; bands in --json)"
                if k == 0
                else None,
                show_lines=False,
            )
            paths.add_column("round")
            for a in group:
                paths.add_column(a, overflow="fold", min_width=6)
            for i, r in enumerate(result.rounds_index):
                cells = [result.path_median[a][dim][i] for a in group]
                paths.add_row(str(r), *("" if v is None else f"{v:.4g}" for v in cells))
            console.print(paths)
    if result.threshold_probability:
        _emit(
            [{"threshold": k, "probability": v} for k, v in result.threshold_probability.items()],
            False,
            ["threshold", "probability"],
            "Thresholds at the final round",
        )
    if result.measured:
        from steppe.scenarios import measured_rows

        mrows = [
            {
                "actor": m["actor"],
                "source": f"{m['indicator']} {m['basis']} {m['period']}",
                "value": m["value"],
                "map": m["map"],
                "position": m["position"],
                "sd": m["spread"],
            }
            for m in measured_rows(scenario)
        ]
        _emit(mrows, False, list(mrows[0]), "Starting positions from measured data")
    if result.sensitivity:
        sens_rows: list[dict[str, Any]] = []
        for srow in result.sensitivity:
            row: dict[str, Any] = {"actor": srow["actor"], "field": srow["field"]}
            row["change"] = srow["change"]
            for d, v in srow["outcome"].items():
                row[f"{d} lowered / raised"] = f"{v['low']:.2f} / {v['high']:.2f}"
            for k, v in srow["thresholds"].items():
                row[f"P({k})"] = f"{v['low']:.3f} / {v['high']:.3f}"
            sens_rows.append(row)
        base = result.sensitivity[0]
        basis = ", ".join(f"{d} {v['base']:.2f}" for d, v in base["outcome"].items())
        basis += "".join(f", P({k}) {v['base']:.3f}" for k, v in base["thresholds"].items())
        _emit(
            sens_rows,
            False,
            list(sens_rows[0]),
            f"Sensitivity at the final round, one input at a time ({result.sensitivity_runs} "
            f"runs; unperturbed: {basis}); widest swing first",
        )
    _emit(
        [
            {
                "actor": a,
                "dimension": d,
                "median": result.final_position_median[a][d],
                "q05": result.final_position_q05[a][d],
                "q95": result.final_position_q95[a][d],
            }
            for a in result.final_position_median
            for d in result.final_position_median[a]
        ],
        False,
        ["actor", "dimension", "median", "q05", "q95"],
        "Final positions",
    )


@eval_app.command("ktab")
def eval_ktab(ref_log: Path, input_path: Path, as_json: JsonOpt = False) -> None:
    """Compare Steppe's spatial model with a KTAB reference log for the same input.

    Example: steppe eval ktab 20170530_ref-dummyData_3Dim.txt.gz dummyData_3Dim.csv
    """
    from steppe.scenarios import eval_ktab as evaluate

    result = _checked(lambda: evaluate(ref_log, input_path))
    if as_json:
        _print_json(result)
        return
    console.print(
        f"mean absolute difference: final positions {result['mae_position']:.2f} "
        f"points; final win probabilities {result['mae_probability_points']:.2f} "
        f"points (target <= 2: {'met' if result['within_target'] else 'missed'})",
        highlight=False,
    )


@eval_app.command("forecast")
def eval_forecast(
    bsv: Annotated[Path, typer.Option(help="BSV ideal points file (csv or csv.gz)")],
    train_until: Annotated[int, typer.Option(help="last training year")] = 2019,
    horizon: Annotated[int, typer.Option(min=1, max=10)] = 5,
    as_json: JsonOpt = False,
) -> None:
    """Back-test the alignment forecast: train on years up to --train-until, score the next
    --horizon years against BSV ideal points with CRPS and 90% coverage, beside persistence
    and linear-trend baselines.

    Example: steppe eval forecast --train-until 2019 --bsv IdealpointsJuly2025.csv --json
    """
    from steppe.indicators.forecast import eval_forecast as evaluate

    with _store(read_only=True) as store:
        result = _checked(lambda: evaluate(store, bsv, train_until, horizon))
    if as_json:
        _print_json(result)
        return
    a, b = result["years"]
    _emit(
        [
            {"method": m, "CRPS": s["crps"], "90% coverage": s["coverage"], "n": s["n"]}
            for m, s in result["scores"].items()
        ],
        False,
        ["method", "CRPS", "90% coverage", "n"],
        f"Forecasts for {a}-{b} against BSV (trained to {result['train_until']})",
    )
    t = result["targets"]
    console.print(
        f"CRPS model/persistence {result['crps_ratio_to_persistence']:.3f} (target <= 0.9: "
        f"{'met' if t['crps_met'] else 'missed'}); coverage "
        f"{result['scores']['model']['coverage']:.3f} (target 0.85-0.95: "
        f"{'met' if t['coverage_met'] else 'missed'})",
        highlight=False,
    )


@eval_app.command("ideal-points")
def eval_ideal_points(
    bsv: Annotated[Path, typer.Option(help="BSV ideal points file (csv or csv.gz)")],
    as_json: JsonOpt = False,
) -> None:
    """Correlate Steppe's ideal points with the Bailey-Strezhnev-Voeten estimates.

    Example: steppe eval ideal-points --bsv IdealpointsJuly2025.csv
    """
    from steppe.indicators.idealpoints import eval_ideal_points as evaluate
    from steppe.ingest.reference import bundled_unvotes
    from steppe.ingest.reference import ingest_reference as load

    with _store() as store:
        if not store.count("votes"):
            if not store.count("actors"):
                steppe.install_registry(store)
            load(store, "unvotes", bundled_unvotes())
        result = _checked(lambda: evaluate(store, bsv))
    if as_json:
        _print_json(result)
        return
    console.print(
        f"Pearson r over {result['country_years']:,} country-years: {result['r_overall']:.3f}",
        highlight=False,
    )
    _emit(
        [{"state": k, "r": v} for k, v in result["r_within"].items()],
        False,
        ["state", "r"],
        "Within each focal state's series",
    )


@eval_app.command("coder")
def eval_coder(
    petrarch: Annotated[
        Path | None, typer.Option(help="PETRARCH2 validation XML (dictionaries beside it)")
    ] = None,
    plover: Annotated[Path | None, typer.Option(help="PLOVER gold-standard JSON")] = None,
    dictionaries: Annotated[
        Path | None,
        typer.Option(help="where to find dictionaries not beside the file / the CAMEO ones"),
    ] = None,
    actors: Annotated[
        bool,
        typer.Option(
            "--actors/--no-actors",
            help="PLOVER: add the dictionaries' actor files to the registry (world news)",
        ),
    ] = True,
    parse: Annotated[
        bool, typer.Option("--parse/--no-parse", help="use the records' Treebank parses")
    ] = True,
    prose: Annotated[
        Path | None,
        typer.Option(help="analysis-prose gold set (JSON Lines), coded through ingest + code"),
    ] = None,
    split: Annotated[str, typer.Option(help="prose gold set part: dev, test or all")] = "test",
    as_json: JsonOpt = False,
) -> None:
    """Score the event coder on gold-standard records: precision, recall and F1 for (source,
    target, CAMEO) triples, CAMEO roots and actors, and PLOVER category accuracy; --prose
    scores events (source, target, PLOVER category, modality) on analysis prose, ingested and
    coded as 'steppe ingest news' and 'steppe code' do; --json adds every record's error class.

    Example: steppe eval coder --prose tests/cases/prose_gold/prose_gold.jsonl --split test
    """
    from steppe.coding.evaluate import eval_coder as evaluate

    prose_result = None
    if prose is not None:
        from steppe.coding.prose import eval_prose

        prose_result = _checked(lambda: eval_prose(prose, split, dictionaries))
        if petrarch is None and plover is None:
            if as_json:
                _print_json(prose_result.as_dict())
            else:
                _print_prose(prose_result)
            return
    result = _checked(
        lambda: evaluate(petrarch, plover, dictionaries, use_parse=parse, actors=actors)
    )
    if as_json:
        out = result.as_dict()
        if prose_result is not None:
            out["prose"] = prose_result.as_dict()
        _print_json(out)
        return
    if prose_result is not None:
        _print_prose(prose_result)
    for line in result.problems:
        err.print(f"[yellow]skipped:[/yellow] {line}", highlight=False, soft_wrap=True)
    rows = [
        {"measure": name, "precision": s.precision, "recall": s.recall, "f1": s.f1}
        | {"n": s.tp + s.fn}
        for name, s in (
            ("(source, target, CAMEO)", result.triples),
            ("CAMEO root", result.roots),
            ("actors", result.actors),
        )
        if s is not None
    ]
    _emit(rows, False, ["measure", "precision", "recall", "f1", "n"], f"{result.records} records")
    if result.category_accuracy is not None:
        console.print(
            f"PLOVER category accuracy {result.category_accuracy:.3f} over "
            f"{result.category_records} records (2021 names: "
            f"{result.category_accuracy_2021 or 0:.3f})",
            highlight=False,
        )
    console.print(
        "error classes: " + ", ".join(f"{k} {v}" for k, v in result.error_classes.items()),
        highlight=False,
    )


@eval_app.command("agreement")
def eval_agreement(
    first: Path,
    second: Path,
    split: Annotated[str, typer.Option(help="gold set part: dev, test or all")] = "all",
    as_json: JsonOpt = False,
) -> None:
    """How far two independent annotations of the same prose gold sentences agree, scored as
    the coder is scored (events as source, target, PLOVER category, modality; actors alone;
    category on shared dyads; Cohen's kappa for event / no event): the ceiling for a coder
    scored against one annotator.

    Example (in tests/cases/prose_gold):
    steppe eval agreement prose_gold.jsonl prose_gold_second.jsonl --split dev
    """
    from steppe.coding.prose import annotator_agreement

    result = _checked(lambda: annotator_agreement(first, second, split))
    if as_json:
        _print_json(result.as_dict())
        return
    _emit_event_scores(
        result,
        f"second annotation against the first, {result.split}: {result.sentences} sentences "
        f"annotated by both ({result.not_in_second} not in the second), "
        f"{result.first_events} and {result.second_events} events",
    )
    kappa = "-" if result.sentence_kappa is None else f"{result.sentence_kappa:.3f}"
    category = "-" if result.category_agreement is None else f"{result.category_agreement:.3f}"
    console.print(
        f"category on shared dyads {category}; event / no event: agreement "
        f"{result.sentence_agreement:.3f}, Cohen's kappa {kappa}",
        highlight=False,
    )


def _emit_event_scores(result: Any, title: str) -> None:
    """The events and actors rows (precision, recall, F1, n) of a prose score."""
    rows = [
        {"measure": name, "precision": sc.precision, "recall": sc.recall, "f1": sc.f1}
        | {"n": sc.tp + sc.fn}
        for name, sc in (
            ("events (source, target, PLOVER, modality)", result.events),
            ("actors (source, target)", result.actors),
        )
    ]
    _emit(rows, False, ["measure", "precision", "recall", "f1", "n"], title)


def _print_prose(result: Any) -> None:
    _emit_event_scores(result, f"prose gold set, {result.split}: {result.sentences} sentences")
    agree = {
        "category": result.category_agreement,
        "modality": result.modality_agreement,
        "event time": result.event_time_agreement,
    }
    console.print(
        "on events with the right actors: "
        + ", ".join(f"{k} {v:.3f}" if v is not None else f"{k} -" for k, v in agree.items())
        + f"; hypothetical stored as asserted: {result.hypothetical_as_asserted}"
        + f"; one-sided events not scored: {result.one_sided}",
        highlight=False,
    )
    console.print(
        "error classes: " + ", ".join(f"{k} {v}" for k, v in result.error_classes.items()),
        highlight=False,
    )
    for note in result.notes:
        err.print(f"[yellow]note:[/yellow] {note}", highlight=False, soft_wrap=True)


@app.command()
def alerts(
    actor: Annotated[str | None, typer.Option(help="focal state code, e.g. KAZ")] = None,
    partner: Annotated[str | None, typer.Option(help="partner code, e.g. RUS")] = None,
    since: Annotated[str | None, typer.Option(help="from YYYY-MM-DD")] = None,
    kind: Annotated[str | None, typer.Option(help="spike or shift")] = None,
    as_json: JsonOpt = False,
) -> None:
    """List alerts, newest first: spikes (far outside a series' trailing median/MAD baseline)
    and shifts (PELT change points) in the focal states' monthly and quarterly event series,
    monthly interaction ties and yearly vote and trade series (computed by 'steppe measure').

    Example: steppe alerts --actor KAZ --kind shift --since 2010-01-01 --json
    """
    if kind is not None and kind not in ("spike", "shift"):
        err.print(f"[red]error:[/red] --kind must be spike or shift, not {kind!r}")
        raise typer.Exit(2)
    day = _parse_date(since) if since else None
    with _store(read_only=True) as store:
        rows = steppe.read.alerts(store, actor, partner, day, kind)
    _emit(
        rows,
        as_json,
        ["date", "actor", "partner", "kind", "direction", "magnitude", "series", "freq", "n"],
        "Alerts, newest first (method and baseline: --json)",
    )


@app.command()
def forecast(
    indicator: Annotated[str, typer.Option(help="yearly indicator")] = "ideal_point",
    partner: Annotated[str | None, typer.Option(help="partner, for dyadic indicators")] = None,
    horizon: Annotated[int, typer.Option(min=1, max=20, help="years ahead")] = 5,
    until: Annotated[int | None, typer.Option(help="use years up to this one only")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Predictive distributions of each focal state's alignment 1 to --horizon years ahead
    (local-level model; mean, sd and 90% interval).

    Example: steppe forecast --indicator ideal_point --horizon 5 --json
    """
    from steppe.indicators.forecast import forecast_alignment

    with _store(read_only=True) as store:
        rows = _checked(lambda: forecast_alignment(store, indicator, partner, horizon, until))
    _emit(
        [r.as_dict() for r in rows],
        as_json,
        ["actor", "year", "horizon", "mean", "sd", "lo", "hi", "n"],
        f"Forecast of {indicator}{' with ' + partner if partner else ''} (90% interval)",
    )


@app.command()
def quarantine(
    limit: Annotated[int, typer.Option(min=1)] = 50,
    file: Annotated[str | None, typer.Option(help="only this file")] = None,
    as_json: JsonOpt = False,
) -> None:
    """List quarantined records with file, line and reason.

    Example: steppe quarantine --limit 10
    """
    with _store(read_only=True) as store:
        rows = steppe.read.quarantine(store, limit, file)
    _emit(rows, as_json, ["file", "record", "reason"], "Quarantine")


@app.command()
def sources(as_json: JsonOpt = False) -> None:
    """List every source in the store with the dates its data cover, rows, last fetch, last
    load and licence: how current each part of the picture is ("data as of").

    Example: steppe sources --json
    """
    with _store(read_only=True) as store:
        rows = steppe.read.sources(store)
    if as_json:
        _print_json(rows)
        return
    shown = [
        r
        | {
            "data": f"{r['first_date'] or '?'} .. {r['last_date'] or '?'}",
            "fetched": r["last_fetched"].strftime("%Y-%m-%d %H:%M") if r["last_fetched"] else "",
            "loaded": r["last_loaded"].strftime("%Y-%m-%d %H:%M") if r["last_loaded"] else "",
            "licence": r["licence"] or "not stated",
        }
        for r in rows
    ]
    _emit(
        shown,
        False,
        ["name", "kind", "data", "rows", "fetched", "loaded", "licence"],
        "Sources (data as of the last date)",
    )


@app.command()
def info(as_json: JsonOpt = False) -> None:
    """Show the store's schema version, table sizes and events by origin (with dates).

    Example: steppe info --json
    """
    with _store(read_only=True) as store:
        summary = steppe.read.summary(store)
        origins = steppe.read.event_origins(store)
    if as_json:
        _print_json(summary | {"event_origins": origins})
        return
    console.print(f"{summary['path']} (schema v{summary['schema_version']})", highlight=False)
    _emit([{"table": t, "rows": n} for t, n in summary["tables"].items()], False, ["table", "rows"])
    _emit(
        [{**o, "first": str(o["first"]), "last": str(o["last"])} for o in origins],
        False,
        ["origin", "events", "first", "last"],
        "Events by origin",
    )


@app.command()
def report(
    out: Annotated[Path, typer.Option(help="HTML file to write")] = Path("out/report.html"),
) -> None:
    """Write the self-contained HTML report from the store.

    Example: steppe report --out out/report.html
    """
    with _store(read_only=True) as store:
        path = steppe.write_report(store, out)
    console.print(f"wrote {path}", highlight=False)


@app.command()
def demo(
    out: Annotated[Path, typer.Option(help="output folder")] = Path("out"), seed: int = 0
) -> None:
    """Run the main job on bundled data: fresh store, indicators, out/report.html.

    Example: steppe demo --out out/
    """
    try:
        with _progress() as progress:
            folder = Path("scenarios")
            result = steppe.run_demo(
                out, progress, seed=seed, scenarios=folder if folder.is_dir() else None
            )
    except SteppeError as exc:
        _fail(str(exc))
    for r in result.ingested:
        console.print(r.summary(), highlight=False, soft_wrap=True)
    from steppe.report.present import headline_period, present_rows

    with steppe.Store(result.store_path, read_only=True) as store:
        sources = steppe.read.sources(store)
        headline = headline_period(store)
        present = present_rows(store, headline) if headline else []
        heads = [h.as_row() for h in steppe.headlines(store)]
    _emit(
        [
            {
                "source": s["name"],
                "from": str(s["first_date"] or ""),
                "data as of": str(s["last_date"] or ""),
                "rows": s["rows"],
                "licence": s["licence"] or "not stated",
            }
            for s in sources
        ],
        False,
        ["source", "from", "data as of", "rows", "licence"],
        "Sources (coverage of each)",
    )
    if headline:
        _emit(
            [
                {
                    "state": r["code"],
                    **{
                        p: f"{100 * v['value']:.0f} % [{100 * v['lo']:.0f}-{100 * v['hi']:.0f}]"
                        if v
                        else ""
                        for p, v in r["shares"].items()
                    },
                    "days": r["index"]["n"],
                }
                for r in present
            ],
            False,
            ["state", "RUS", "CHN", "EU", "USA", "TUR", "days"],
            f"{headline}: share of positive GDELT interaction (90 % interval)",
        )
    _show_headlines(heads, False)
    console.print(f"store: {result.store_path}\nreport: {result.report_path}", highlight=False)


HEADLINE_COLUMNS = ("state", "period", "value", "lo", "hi", "n", "latest_data")


def _print_headlines(store: steppe.Store, as_json: bool) -> None:
    _show_headlines([h.as_row() for h in steppe.headlines(store)], as_json)


def _show_headlines(rows: list[dict[str, Any]], as_json: bool) -> None:
    if as_json:
        _print_json(rows)
        return
    _emit(
        [
            {
                **r,
                "latest_data": f"{r['latest_data']}{' (thin)' if r['latest_sparse'] else ''}"
                if r["latest_data"]
                else None,
            }
            for r in rows
        ],
        False,
        HEADLINE_COLUMNS,
        f"Headline: {rows[0]['series'] if rows else 'multivector index'} — latest period with "
        "adequate support (1 = balanced across poles)",
    )


@app.command()
def headlines(as_json: JsonOpt = False) -> None:
    """Each focal state's headline figure: its multivector index in the latest period with
    adequate support (GDELT interaction per quarter with data on >= 60 days when loaded, else
    cooperative events per year with >= 10 events; never a sparse value), with its 90 %
    interval, n and the latest period with any data. The same figures as the demo summary, the
    report and the dashboard.

    Example: steppe headlines --json
    """
    with _store(read_only=True) as store:
        _print_headlines(store, as_json)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="interface to bind")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    token: Annotated[
        str | None,
        typer.Option(envvar="STEPPE_TOKEN", help="allow writes with this token (env STEPPE_TOKEN)"),
    ] = None,
    scenarios: Annotated[Path, typer.Option(help="folder of scenario YAML files")] = Path(
        "scenarios"
    ),
    workers: Annotated[int, typer.Option(min=1, max=32, help="processes (read-only only)")] = 1,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            help="a further Host name the server answers to (repeatable; '*' for any); "
            "others get 421, against DNS rebinding"
        ),
    ] = None,
) -> None:
    """Serve the dashboard (read-only unless a token is set) on 127.0.0.1 by default. It
    answers only requests addressed to 127.0.0.1, localhost, ::1, the --host and each
    --allow-host name.

    Example: steppe serve --port 8000
    """
    import uvicorn

    from steppe.web import create_app

    path = _db_path()
    if not path.exists():
        _fail(f"no store at {path}; run 'steppe demo' or 'steppe ingest' first")
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"[yellow]warning:[/yellow] serving on {host}, reachable from other machines")
    names = [*(allow_host or []), host]
    hosts = None if "*" in names else (*names, "127.0.0.1", "localhost", "::1")
    os.environ["STEPPE_WEB_HOSTS"] = "*" if hosts is None else ",".join(hosts)
    if workers > 1:
        if token:
            _fail("--workers needs a read-only server: one process writes, never several")
        os.environ["STEPPE_DB"] = str(path.resolve())
        os.environ["STEPPE_SCENARIOS"] = str(scenarios.resolve()) if scenarios.is_dir() else ""
        uvicorn.run(
            "steppe.web.app:app_from_env",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="warning",
        )
        return
    try:
        app_ = create_app(
            path,
            token=token,
            scenarios_dir=scenarios if scenarios.is_dir() else None,
            lake=_engine_opts.get("lake"),
            hosts=hosts,
        )
    except SteppeError as exc:  # e.g. the store is being written by another process
        _fail(str(exc))
    uvicorn.run(app_, host=host, port=port, log_level="warning")


def _print_reports(
    store: steppe.Store, reports: Sequence[steppe.IngestReport], as_json: bool, unit: str, noun: str
) -> None:
    """Each file's counts, up to three quarantined records with their reasons, and the total."""
    if as_json:
        _emit([r.__dict__ for r in reports], True, [])
        return
    for r in reports:
        console.print(r.summary(), highlight=False, soft_wrap=True)
        if not r.quarantined or r.skipped:
            continue
        for q in steppe.read.quarantine(store, 3, r.file):
            where = f" {unit} {q['record']}" if q["record"] is not None else ""
            err.print(f"  {r.file}{where}: {q['reason']}", highlight=False, soft_wrap=True)
        if r.quarantined > 3:
            err.print(
                f"  ... {r.quarantined - 3} more: steppe quarantine --file '{r.file}'",
                highlight=False,
                soft_wrap=True,
            )
    total = [sum(getattr(r, k) for r in reports) for k in ("loaded", "duplicate", "quarantined")]
    console.print(
        f"{total[0]} {noun}loaded / {total[1]} duplicate / {total[2]} quarantined", highlight=False
    )
    fallback = sum(r.dated_by_fallback for r in reports)
    undated = sum(r.undated for r in reports)
    if fallback:
        err.print(f"warning: {fallback} {noun}dated by fallback (--date)", highlight=False)
    if undated:
        err.print(
            f"warning: {undated} {noun}without a date: steppe code quarantines them unless "
            "given --date",
            highlight=False,
        )


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        _fail(f"bad date {text!r}: expected YYYY-MM-DD")
        raise


if __name__ == "__main__":
    app()
