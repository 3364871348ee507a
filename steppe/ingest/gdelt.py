"""GDELT event files: 1.0 (57/58 columns) and 2.0 (61 columns) tab-separated without header, as
published, and header CSV exports of 1.0 rows. DuckDB parses, types, validates and loads the
file in one streaming pass; rows it cannot type land in ``quarantine`` with line and reason."""

from __future__ import annotations

import bisect
import csv
import re
import shutil
import tempfile
import threading
import time
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import blake3
import duckdb
import pyarrow as pa

from steppe.domain.errors import IngestError, UnknownFormatError
from steppe.domain.limits import exceeded, limit
from steppe.ingest.base import (
    QUARANTINE_DEDUP,
    QUARANTINE_SCHEMA,
    IngestReport,
    ProgressFn,
    already_ingested,
    file_digest,
    log_ingest,
    readable,
    remove_new_duplicates,
    seen_file,
    skipped_report,
)
from steppe.store import Store, scalar

_ACTOR = [
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
]
_GEO_V1 = ["Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long", "FeatureID"]
_GEO_V2 = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
_EVENT = [
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
]


def _columns(geo: list[str]) -> list[str]:
    head = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    actors = [f"Actor{i}{c}" for i in (1, 2) for c in _ACTOR]
    geos = [f"{p}Geo_{c}" for p in ("Actor1", "Actor2", "Action") for c in geo]
    return head + actors + _EVENT + geos + ["DATEADDED"]


GDELT1_COLUMNS: tuple[str, ...] = (*_columns(_GEO_V1), "SOURCEURL")
"""GDELT 1.0 event fields (the 57-column backfiles lack SOURCEURL)."""
GDELT2_COLUMNS: tuple[str, ...] = (*_columns(_GEO_V2), "SOURCEURL")
"""GDELT 2.0 event fields (61)."""

_TYPES = {
    "GLOBALEVENTID": "BIGINT",
    "SQLDATE": "DATE",
    "EventCode": "_steppe_cameo",
    "QuadClass": "TINYINT",
    "GoldsteinScale": "DOUBLE",
    "NumMentions": "INTEGER",
    "AvgTone": "DOUBLE",
}
FORMATS = ("gdelt1", "gdelt2", "gdelt-csv")

_SELECT = """
SELECT 'gdelt:' || r.GLOBALEVENTID AS event_id, r.SQLDATE AS date,
    coalesce({amap}[r.Actor1CountryCode], {amap}[r.Actor1Code], {amap}[r.Actor1KnownGroupCode],
             nullif(r.Actor1CountryCode, '')) AS source_actor,
    coalesce({amap}[r.Actor2CountryCode], {amap}[r.Actor2Code], {amap}[r.Actor2KnownGroupCode],
             nullif(r.Actor2CountryCode, '')) AS target_actor,
    nullif(r.Actor1Type1Code, '') AS source_agent, nullif(r.Actor2Type1Code, '') AS target_agent,
    coalesce(nullif(r.Actor1Code, ''), r.Actor1Name) AS source_raw,
    coalesce(nullif(r.Actor2Code, ''), r.Actor2Name) AS target_raw,
    CAST(r.EventCode AS VARCHAR) AS cameo,
    {plover}[enum_code(r.EventCode) + 1] AS plover,
    coalesce(r.QuadClass, {quad}[enum_code(r.EventCode) + 1]) AS quad_class,
    coalesce(r.GoldsteinScale, {gold}[enum_code(r.EventCode) + 1]) AS goldstein,
    r.NumMentions AS mentions, r.AvgTone AS tone, '{origin}' AS origin,
    NULL::VARCHAR AS doc_id, NULL::VARCHAR AS sentence, NULL::DOUBLE AS confidence,
    {url} AS url, 'asserted' AS modality, 'document' AS event_time, NULL::DATE AS event_date,
    'day' AS date_precision{extra}
FROM {reader} r
"""
"""The canonical projection. Lookups are inline literals indexed by the CAMEO enum rather than
joins: DuckDB cannot estimate a CSV's size and would build its hash table on the file side."""


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _first_lines(path: Path, count: int = 2) -> list[bytes]:
    import gzip

    opener = gzip.open if path.suffix.lower() == ".gz" else open
    try:
        with opener(path, "rb") as fh:
            return [bytes(fh.readline()).rstrip(b"\r\n") for _ in range(count)]
    except (OSError, EOFError) as exc:
        raise IngestError(f"{path}: cannot read ({exc})") from exc


def _csv_fields(line: bytes | str, delimiter: str = ",") -> list[str]:
    text = line.decode("utf-8", "replace") if isinstance(line, bytes) else line
    return next(csv.reader([text], delimiter=delimiter), [])


ROW_NAMES = "_row_name"
"""Name given to an unnamed first column: R's write.csv writes row names with a header one
field shorter than the rows."""


def _layout(fmt: str, path: Path) -> tuple[list[str], str]:
    """Column names and read_csv options for ``fmt`` (column count sniffed from line 1; for
    header CSV exports, an unnamed row-name column is recognised from line 2)."""
    line, second = _first_lines(path)
    return _layout_of(fmt, line, second, path)


def _layout_of(fmt: str, line: bytes, second: bytes, path: Path) -> tuple[list[str], str]:
    """:func:`_layout` from the file's first two lines."""
    if not line:
        raise IngestError(f"{path}: empty file")
    if fmt == "gdelt-csv":
        names = [n.strip() for n in _csv_fields(line)]
        missing = {"GLOBALEVENTID", "SQLDATE", "EventCode", "Actor1CountryCode"} - set(names)
        if missing:
            raise IngestError(f"{path} line 1: not a GDELT CSV export, missing {sorted(missing)}")
        if second and len(_csv_fields(second)) == len(names) + 1:
            names = [ROW_NAMES, *names]
        return names, "delim=',', header=true, quote='\"', escape='\"', nullstr='NA'"
    n = line.count(b"\t") + 1
    if fmt == "gdelt1":
        if n not in (57, 58):
            raise IngestError(f"{path} line 1: {n} columns; GDELT 1.0 has 57 or 58")
        names = list(GDELT1_COLUMNS[:n])
    elif fmt == "gdelt2":
        if n != 61:
            raise IngestError(f"{path} line 1: {n} columns; GDELT 2.0 has 61")
        names = list(GDELT2_COLUMNS)
    else:
        raise UnknownFormatError(f"unknown GDELT format {fmt!r}; expected one of {FORMATS}")
    return names, "delim='\\t', header=false, quote='', escape=''"


def _max_line_bytes() -> int:
    """DuckDB's line-size cap: the ``max_line_kb`` limit (a longer line is quarantined)."""
    return limit("max_line_kb") * 1024


def _reader(path: Path | list[Path], names: list[str], options: str, shift: int = 0) -> str:
    cols = ", ".join(f"{_sql_str(n)}: '{_TYPES.get(n, 'VARCHAR')}'" for n in names)
    if isinstance(path, list):  # several files in one scan, each row naming its file
        files = "[" + ", ".join(_sql_str(str(p)) for p in path) + "]"
        options += ", filename=true, union_by_name=false"
    else:
        files = _sql_str(str(path))
    return (
        f"read_csv({files}, columns={{{cols}}}, {options}, "
        "dateformat='%Y%m%d', auto_detect=false, strict_mode=true, null_padding=false, "
        f"max_line_size={_max_line_bytes() + shift}, "
        "store_rejects=true, rejects_table='_steppe_rejects', rejects_scan='_steppe_scans')"
    )


def _literal_list(values: list[object], sql_type: str) -> str:
    items = ", ".join("NULL" if v is None else _sql_str(str(v)) for v in values)
    return f"CAST([{items}] AS {sql_type}[])"


def _select(
    con: duckdb.DuckDBPyConnection,
    fmt: str,
    path: Path | list[Path],
    names: list[str],
    options: str,
    focal: bool = False,
    with_id_only: bool = False,
    file_column: str | None = None,
    shift: int = 0,
) -> str:
    codes = con.execute(
        "SELECT plover, quad_class, goldstein FROM event_codes ORDER BY code"
    ).fetchall()
    pairs = con.execute(
        "SELECT raw, min(code) FROM actor_codes GROUP BY raw ORDER BY raw"
    ).fetchall()
    amap = "MAP {" + ", ".join(f"{_sql_str(r)}: {_sql_str(c)}" for r, c in pairs) + "}"
    if not pairs:
        amap = "MAP([]::VARCHAR[], []::VARCHAR[])"
    select = _SELECT.format(
        origin=fmt,
        reader=_reader(path, names, options, shift),
        extra=f", {file_column} AS _file"
        if file_column
        else ", r.filename AS _file"
        if isinstance(path, list)
        else "",
        amap=f"({amap})",
        url="r.SOURCEURL" if "SOURCEURL" in names else "NULL::VARCHAR",
        plover=_literal_list([c[0] for c in codes], "VARCHAR"),
        quad=_literal_list([c[1] for c in codes], "TINYINT"),
        gold=_literal_list([c[2] for c in codes], "DOUBLE"),
    )
    where = ["event_id IS NOT NULL"] if with_id_only else []
    if focal:
        known = [c for (c,) in con.execute("SELECT code FROM actors ORDER BY code").fetchall()]
        listed = ", ".join(_sql_str(c) for c in known) or "NULL"
        where.append(f"(source_actor IN ({listed}) OR target_actor IN ({listed}))")
    return f"SELECT * FROM ({select}) WHERE {' AND '.join(where)}" if where else select


_NO_ID = "NOT NULL constraint failed: events.event_id"


def blank_id_lines(path: Path, fmt: str, names: list[str], display: str) -> list[dict[str, Any]]:
    r"""Quarantine rows for the lines of ``path`` that have no GLOBALEVENTID: DuckDB's CSV
    reader reads a line of delimiters alone as a row of NULLs rather than rejecting it (when it
    has at least the layout's columns; a shorter one it rejects for its column count), and an
    empty id field as a NULL id. Only read when a load met such a row; lines over the line
    limit are skipped here (the reader rejects them itself).

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "x.tsv"
    >>> _ = f.write_text("1\ta\tb\n" + "\t" * 9 + "\n\ta\tb\n")
    >>> [(r["record"], r["reason"]) for r in blank_id_lines(f, "gdelt1", ["GLOBALEVENTID",
    ...     "x", "y"], "x.tsv")]
    [(2, 'a line of 10 empty fields'), (3, 'GLOBALEVENTID is empty')]
    """
    import gzip
    import io

    cap = _max_line_bytes()
    column = names.index("GLOBALEVENTID")
    now = datetime.now()
    out: list[dict[str, Any]] = []
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    with opener(path, "rb") as raw:
        number = 0
        while True:
            line = raw.readline(cap + 1)
            if not line:
                break
            number += 1
            if len(line) > cap and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):  # the reader rejects it itself
                    line = raw.readline(1 << 20)
                continue
            if fmt == "gdelt-csv" and number == 1:
                continue
            text = line.decode("utf-8", "replace").rstrip("\r\n")
            if fmt == "gdelt-csv":
                fields = next(csv.reader(io.StringIO(text)), [])
            else:
                fields = text.split("\t")
            if len(fields) >= len(names) and all(not f.strip() for f in fields):
                reason = f"a line of {len(fields)} empty fields"
            elif len(fields) == len(names) and not fields[column].strip():
                reason = "GLOBALEVENTID is empty"
            else:
                continue
            row = {"origin": fmt, "file": display, "record": number, "reason": reason}
            out.append(row | {"raw": text[:4000], "at": now})
    return out


def _quarantine_rows(con: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]) -> None:
    if rows:
        con.register("_steppe_bad", pa.Table.from_pylist(rows, schema=QUARANTINE_SCHEMA))
        con.execute(QUARANTINE_DEDUP.format(source="_steppe_bad"))
        con.unregister("_steppe_bad")


def _run_with_progress(
    con: duckdb.DuckDBPyConnection, sql: str, progress: ProgressFn | None
) -> None:
    if progress is None:
        con.execute(sql)
        return
    done = threading.Event()

    def poll() -> None:
        while not done.wait(0.2):
            pct = con.query_progress()
            if pct >= 0:
                progress(min(pct / 100.0, 1.0))

    watcher = threading.Thread(target=poll, daemon=True)
    watcher.start()
    try:
        con.execute(sql)
    finally:
        done.set()
        watcher.join()
    progress(1.0)


def ingest_gdelt(
    store: Store,
    path: str | Path,
    fmt: str = "gdelt1",
    progress: ProgressFn | None = None,
    focal: bool = False,
) -> list[IngestReport]:
    """Load one GDELT file (plain, .gz or .zip) into ``events``.

    With ``focal``, only rows whose source or target resolves to an actor of the registry are
    kept (the others are read and dropped at parse time; they are not errors).

    Rows are deduplicated on GLOBALEVENTID against the store and within the file; rows that
    do not parse (column count, date, number, unknown CAMEO code, encoding) go to
    ``quarantine``. A file whose bytes were ingested before is skipped.

    >>> from steppe.store import Store, scalar
    >>> from steppe.store.reference import install_registry
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "d.tsv"
    >>> from steppe.ingest.synth import write_gdelt
    >>> _ = write_gdelt(f, rows=50, seed=1)
    >>> with Store(":memory:") as s:
    ...     _ = install_registry(s)
    ...     ingest_gdelt(s, f)[0].loaded
    50
    """
    if fmt not in FORMATS:
        raise UnknownFormatError(f"unknown GDELT format {fmt!r}; expected one of {FORMATS}")
    reports = []
    with readable(Path(path)) as members:
        for display, member in members:
            reports.append(_ingest_one(store, display, member, fmt, progress, focal))
    return reports


class _AlreadyIngested(Exception):
    """Raised inside the load transaction to roll it back when the file's hash is known."""


def _ingest_one(
    store: Store,
    display: str,
    path: Path,
    fmt: str,
    progress: ProgressFn | None,
    focal: bool = False,
) -> IngestReport:
    try:
        return _ingest_file(store, display, path, fmt, progress, focal, None)
    except IngestError as exc:
        if _NO_ID not in str(exc):
            raise
    names, _ = _layout(fmt, path)
    return _ingest_file(
        store, display, path, fmt, progress, focal, blank_id_lines(path, fmt, names, display)
    )


def _ingest_file(
    store: Store,
    display: str,
    path: Path,
    fmt: str,
    progress: ProgressFn | None,
    focal: bool,
    blank: list[dict[str, Any]] | None,
) -> IngestReport:
    """Load one file; ``blank`` (its lines without an id, once a first load met one) are
    quarantined and their NULL rows left out."""
    started, t0 = datetime.now(), time.perf_counter()
    names, options = _layout(fmt, path)
    # Hash on the other core while DuckDB parses; a file name seen before is hashed first, so
    # that re-running an ingest costs one hash and no parse.
    digest: list[str] = []
    hasher = threading.Thread(target=lambda: digest.append(file_digest(path)))
    hasher.start()
    if seen_file(store, display, fmt):
        hasher.join()
        if already_ingested(store, digest[0], fmt):
            return skipped_report(store, display, fmt, digest[0])
    con = store.con
    select = _select(con, fmt, path, names, options, focal, with_id_only=blank is not None)
    # a session setting, set and reset outside the transaction: a RESET inside an aborted
    # transaction fails and would hide the real error (a truncated .gz, an open quote)
    con.execute("SET preserve_insertion_order = false")
    try:
        with store.transaction():
            con.execute(
                "CREATE OR REPLACE TYPE _steppe_cameo AS ENUM "
                "(SELECT code FROM event_codes ORDER BY code)"
            )
            before = _scalar(con, "SELECT count(*) FROM events")
            first_rowid = _scalar(con, "SELECT coalesce(max(rowid) + 1, 0) FROM events")
            try:
                _run_with_progress(con, f"INSERT INTO events {select}", progress)
            except duckdb.Error as exc:
                raise IngestError(f"{display}: {str(exc).splitlines()[0]}") from exc
            implausible = _quarantine_implausible(con, fmt, display, first_rowid)
            good = _scalar(con, "SELECT count(*) FROM events") - before
            hasher.join()
            if already_ingested(store, digest[0], fmt):
                raise _AlreadyIngested
            removed = remove_new_duplicates(con, first_rowid)
            bad = _quarantine_rejects(con, fmt, display, names, "," if fmt == "gdelt-csv" else "\t")
            _quarantine_rows(con, blank or [])
            bad += implausible + len(blank or [])
            report = IngestReport(
                display, fmt, good - removed, removed, bad, seconds=time.perf_counter() - t0
            )
            log_ingest(store, report, digest[0], started, con=con)
    except _AlreadyIngested:
        return skipped_report(store, display, fmt, digest[0])
    finally:
        con.execute("RESET preserve_insertion_order")
        hasher.join()
        for table in ("_steppe_rejects", "_steppe_scans"):
            con.execute(f"DROP TABLE IF EXISTS {table}")
        con.execute("DROP TYPE IF EXISTS _steppe_cameo")
    return report


EARLIEST_EVENT = "1900-01-01"
"""Event dates before this (or after today) are not dates of reported events: quarantined."""

_IMPLAUSIBLE = (
    "CASE WHEN date > current_date THEN 'SQLDATE ' || date || ' is in the future' "
    f"WHEN date < DATE '{EARLIEST_EVENT}' THEN 'SQLDATE ' || date || ' is before {EARLIEST_EVENT}' "
    "WHEN isnan(tone) OR isinf(tone) THEN 'AvgTone ' || tone || ' is not a finite number' "
    "WHEN isnan(goldstein) OR isinf(goldstein) OR abs(goldstein) > 10 "
    "THEN 'GoldsteinScale ' || goldstein || ' is outside -10..10' END"
)


def _quarantine_implausible(
    con: duckdb.DuckDBPyConnection, fmt: str, display: str, first_rowid: int
) -> int:
    """Move rows that parsed but cannot be true (a date in the future or before 1900, a
    non-finite AvgTone, a Goldstein score outside -10..10) from the rows just inserted into
    ``quarantine`` with the reason and the GLOBALEVENTID (the line is not known after the
    parse); returns how many."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _steppe_implausible AS "
        f"SELECT rowid AS rid, event_id, {_IMPLAUSIBLE} AS reason FROM events "
        "WHERE rowid >= ? AND reason IS NOT NULL",
        [first_rowid],
    )
    try:
        n = _scalar(con, "SELECT count(*) FROM _steppe_implausible")
        if n:
            con.execute(
                "INSERT INTO quarantine SELECT ?, ?, "
                "NULL, reason, "
                "'GLOBALEVENTID ' || replace(event_id, 'gdelt:', ''), now() "
                "FROM _steppe_implausible",
                [fmt, display],
            )
            con.execute("DELETE FROM events WHERE rowid IN (SELECT rid FROM _steppe_implausible)")
        return n
    finally:
        con.execute("DROP TABLE IF EXISTS _steppe_implausible")


_CAST = re.compile(r'Could not convert string "(?P<value>.*)" to \'(?P<type>[A-Z]+)')
_TYPE_WORDS = {
    "DATE": "a YYYYMMDD date",
    "BIGINT": "an integer",
    "INTEGER": "an integer",
    "TINYINT": "an integer",
    "DOUBLE": "a number",
    "ENUM": "a CAMEO event code",
}


def reject_reason(
    error_type: str, message: str, csv_line: str, names: list[str], delimiter: str
) -> str:
    r"""A one-line reason for a line DuckDB's CSV reader rejected.

    DuckDB names the wrong column for cast errors when only some columns are read, so the
    column is found by locating the offending value in the raw line.

    >>> reject_reason("CAST", 'Could not convert string "2015-13" to \'DATE\'',
    ...               "1\t2015-13", ["GLOBALEVENTID", "SQLDATE"], "\t")
    'SQLDATE: "2015-13" is not a YYYYMMDD date'
    """
    cast = _CAST.search(message)
    if error_type == "CAST" and cast:
        value = cast["value"]
        fields = csv_line.split(delimiter)
        typed = [i for i, n in enumerate(names) if n in _TYPES and i < len(fields)]
        column = next((names[i] for i in typed if fields[i].strip('"') == value), "a column")
        return f'{column}: "{value}" is not {_TYPE_WORDS.get(cast["type"], cast["type"])}'
    if error_type in ("MISSING COLUMNS", "TOO MANY COLUMNS"):
        found = (
            len(_csv_fields(csv_line, delimiter))
            if delimiter == ","
            else (csv_line.count(delimiter) + 1)
        )
        return f"{found} columns, expected {len(names)} ({error_type.lower()})"
    if error_type == "INVALID ENCODING":
        return "invalid UTF-8 byte sequence"
    if error_type == "LINE SIZE OVER MAXIMUM":
        size = re.search(r"Actual Size:\s*(\d+)", message)
        what = f"line of {int(size[1]):,} bytes" if size else "line too long"
        return exceeded("max_line_kb", f"{what}, not read")
    return f"{error_type.lower()}: {message.splitlines()[0]}"


def _quarantine_rejects(
    con: duckdb.DuckDBPyConnection, origin: str, display: str, names: list[str], delimiter: str
) -> int:
    """Move the CSV reader's rejected lines into ``quarantine`` (one row per line); return how
    many lines were rejected."""
    rows = con.execute(
        "SELECT line, error_type, error_message, csv_line FROM _steppe_rejects ORDER BY line, "
        "error_type NOT IN ('MISSING COLUMNS', 'TOO MANY COLUMNS'), "
        "error_type != 'INVALID ENCODING', column_idx NULLS LAST"
    ).fetchall()
    by_line: dict[int, dict[str, Any]] = {}
    now = datetime.now()
    for line, error_type, message, csv_line in rows:
        if line in by_line:
            continue
        by_line[line] = {
            "origin": origin,
            "file": display,
            "record": line,
            "reason": reject_reason(error_type, message or "", csv_line or "", names, delimiter),
            "raw": (csv_line or "")[:4000],
            "at": now,
        }
    _quarantine_rows(con, list(by_line.values()))
    return len(by_line)


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    return int(scalar(con, sql) or 0)


def ingest_gdelt_files(
    store: Store, paths: list[Path], fmt: str = "gdelt2", focal: bool = False
) -> dict[Path, list[IngestReport] | str]:
    """Load many GDELT files of one format in one scan and one transaction — what a fetch of
    thousands of 15-minute files needs, where a transaction per file would cost more than the
    parse. Each file still gets its own report, ``ingest_log`` row (by digest: a file ingested
    before is skipped) and quarantine rows naming it and its line. A file that cannot be read
    (not a zip, wrong layout) maps to the reason instead; the others still load. If the
    combined scan fails, the files are loaded one by one so that the failure stays with its
    file.

    >>> from steppe.store.reference import install_registry
    >>> from steppe.ingest.synth import write_gdelt
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> files = [write_gdelt(d / f"{i}.tsv", rows=30, seed=i, version=2) for i in (1, 2)]
    >>> _ = (d / "bad.tsv").write_text("only\\tthree\\tcolumns\\n")
    >>> with Store(":memory:") as s:
    ...     _ = install_registry(s)
    ...     out = ingest_gdelt_files(s, [*files, d / "bad.tsv"], "gdelt2")
    >>> [r[0].loaded for r in list(out.values())[:2]], list(out.values())[2]
    ([30, 30], 'line 1: 3 columns; GDELT 2.0 has 61')
    """
    if fmt not in FORMATS:
        raise UnknownFormatError(f"unknown GDELT format {fmt!r}; expected one of {FORMATS}")
    out: dict[Path, list[IngestReport] | str] = {}
    with tempfile.TemporaryDirectory(prefix="steppe-batch-") as tmp:
        if fmt in _TAB_FORMATS:
            combined = _combine([Path(p) for p in paths], fmt, Path(tmp))
            if combined is not None and not _known_digests(store, combined.digests(), fmt):
                batch = _combined_or_none(store, combined, fmt, focal)
                if batch is not None:
                    for path, report in batch:
                        out.setdefault(path, [])
                        reports = out[path]
                        assert isinstance(reports, list)
                        reports.append(report)
                    return out
            if combined is not None:
                combined.path.unlink(missing_ok=True)
        found: list[tuple[Path, str, Path, list[str], str]] = []
        for number, path in enumerate(paths):
            try:
                members = _extract(Path(path), Path(tmp), number)
                layouts = [(d, m, *_layout(fmt, m)) for d, m in members]
            except IngestError as exc:
                out[path] = str(exc).removeprefix(f"{path}").lstrip(": ") or str(exc)
                continue
            out[path] = []
            found += [(path, d, m, names, options) for d, m, names, options in layouts]
        digests = {member: file_digest(member) for _, _, member, _, _ in found}
        known = _known_digests(store, list(digests.values()), fmt)
        groups: dict[tuple[str, ...], list[tuple[Path, str, Path, str]]] = {}
        options_of: dict[tuple[str, ...], str] = {}
        for path, display, member, names, options in found:
            reports = out[path]
            assert isinstance(reports, list)
            if digests[member] in known:
                reports.append(skipped_report(store, display, fmt, digests[member]))
                continue
            groups.setdefault(tuple(names), []).append((path, display, member, digests[member]))
            options_of[tuple(names)] = options
        for key, group in groups.items():
            try:
                batch = _ingest_batch(store, group, fmt, list(key), options_of[key], focal)
            except IngestError:
                batch = []
                for path, display, member, _ in group:
                    try:
                        batch.append((path, _ingest_one(store, display, member, fmt, None, focal)))
                    except IngestError as exc:
                        out[path] = str(exc)
            for path, report in batch:
                reports = out[path]
                if isinstance(reports, list):
                    reports.append(report)
    return out


def _extract(path: Path, tmp: Path, number: int) -> list[tuple[str, Path]]:
    """The data files of ``path`` as ``(display name, local path)``: itself, or the members of
    a zip extracted under ``tmp`` (one folder for a whole batch)."""
    if not path.is_file():
        raise IngestError(f"{path}: no such file")
    if path.suffix.lower() != ".zip":
        return [(str(path), path)]
    try:
        with zipfile.ZipFile(path) as archive:
            out = []
            for index, info in enumerate(archive.infolist()):
                if info.is_dir():
                    continue
                target = tmp / f"{number}-{index}-{Path(info.filename).name}"
                with archive.open(info) as src, target.open("wb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 22)
                out.append((f"{path}!{info.filename}", target))
            return out
    except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
        raise IngestError(f"{path}: not a readable zip archive ({exc})") from exc


def _known_digests(store: Store, digests: list[str], origin: str) -> set[str]:
    if not digests:
        return set()
    table = pa.table({"digest": digests})
    store.con.register("_steppe_digests", table)
    try:
        rows = store.con.execute(
            "SELECT DISTINCT l.digest FROM ingest_log l JOIN _steppe_digests d USING (digest) "
            "WHERE l.origin = ?",
            [origin],
        ).fetchall()
    finally:
        store.con.unregister("_steppe_digests")
    return {r[0] for r in rows}


def _ingest_batch(
    store: Store,
    group: list[tuple[Path, str, Path, str]],
    fmt: str,
    names: list[str],
    options: str,
    focal: bool,
    combined: _Combined | None = None,
) -> list[tuple[Path, IngestReport]]:
    """Load ``group`` (zip or file, display name, member file, digest) in one scan and one
    transaction: of the member files, or (``combined``) of the one file holding them all, each
    line led by its member's number."""
    started, t0 = datetime.now(), time.perf_counter()
    con = store.con
    members = [member for _, _, member, _ in group]
    display_of = {str(member): display for _, display, member, _ in group}
    if combined is None:
        select = _select(con, fmt, members, names, options, focal)
    else:
        select = _select(
            con,
            fmt,
            combined.path,
            [MEMBER_COLUMN, *names],
            options,
            focal,
            file_column=f"CAST(r.{MEMBER_COLUMN} AS VARCHAR)",
            shift=len(_member_prefix(0)),
        )
    counts: dict[str, tuple[int, int]] = {}
    bad: dict[str, int] = {}
    out: list[tuple[Path, IngestReport, str]] = []
    try:
        with store.transaction():
            con.execute("SET preserve_insertion_order = false")
            con.execute(
                "CREATE OR REPLACE TYPE _steppe_cameo AS ENUM "
                "(SELECT code FROM event_codes ORDER BY code)"
            )
            try:
                con.execute(
                    "CREATE TEMP TABLE _steppe_batch AS "
                    f"SELECT *, row_number() OVER () AS _k FROM ({select})"
                )
            except duckdb.Error as exc:
                raise IngestError(f"batch of {len(group)}: {str(exc).splitlines()[0]}") from exc
            finally:
                con.execute("RESET preserve_insertion_order")
            implausible = _quarantine_batch_implausible(con, fmt, display_of)
            con.execute(
                """CREATE TEMP TABLE _steppe_dup AS
                SELECT _k FROM _steppe_batch WHERE event_id IN (SELECT event_id FROM events)
                UNION
                SELECT _k FROM (SELECT _k, row_number() OVER (PARTITION BY event_id ORDER BY _k)
                                AS n FROM _steppe_batch) WHERE n > 1"""
            )
            try:
                con.execute(
                    "INSERT INTO events SELECT * EXCLUDE (_file, _k) FROM _steppe_batch "
                    "WHERE _k NOT IN (SELECT _k FROM _steppe_dup)"
                )
            except duckdb.ConstraintException as exc:  # a line without an id: file by file
                raise IngestError(f"batch of {len(group)}: {str(exc).splitlines()[0]}") from exc
            for file, total, dup in con.execute(
                "SELECT b._file, count(*), count(d._k) FROM _steppe_batch b "
                "LEFT JOIN _steppe_dup d USING (_k) GROUP BY b._file"
            ).fetchall():
                counts[str(file)] = (int(total), int(dup))
            if combined is None:
                bad = _quarantine_batch_rejects(con, fmt, display_of, names)
            else:
                bad = _quarantine_combined_rejects(con, fmt, combined, names)
            seconds = (time.perf_counter() - t0) / max(len(group), 1)
            for path, display, member, digest in group:
                total, dup = counts.get(str(member), (0, 0))
                wrong = bad.get(str(member), 0) + implausible.get(str(member), 0)
                report = IngestReport(display, fmt, total - dup, dup, wrong, seconds=seconds)
                out.append((path, report, digest))
            _log_many(con, out, started)
    finally:
        for table in ("_steppe_rejects", "_steppe_scans", "_steppe_batch", "_steppe_dup"):
            con.execute(f"DROP TABLE IF EXISTS {table}")
        con.execute("DROP TYPE IF EXISTS _steppe_cameo")
    return [(path, report) for path, report, _ in out]


def _quarantine_batch_implausible(
    con: duckdb.DuckDBPyConnection, origin: str, display_of: dict[str, str]
) -> dict[str, int]:
    """Move the batch's rows that parsed but cannot be true (as :func:`_quarantine_implausible`
    does for one file) into ``quarantine`` under their own file's name; returns the count per
    file."""
    rows = con.execute(
        f"SELECT _k, _file, event_id, {_IMPLAUSIBLE} AS reason FROM _steppe_batch "
        "WHERE reason IS NOT NULL"
    ).fetchall()
    if not rows:
        return {}
    now = datetime.now()
    _quarantine_rows(
        con,
        [
            {
                "origin": origin,
                "file": display_of.get(str(file), str(file)),
                "record": None,
                "reason": reason,
                "raw": "GLOBALEVENTID " + str(event_id).removeprefix("gdelt:"),
                "at": now,
            }
            for _, file, event_id, reason in rows
        ],
    )
    con.register("_steppe_wrong", pa.table({"k": [r[0] for r in rows]}))
    try:
        con.execute("DELETE FROM _steppe_batch WHERE _k IN (SELECT k FROM _steppe_wrong)")
    finally:
        con.unregister("_steppe_wrong")
    per_file: dict[str, int] = {}
    for _, file, _, _ in rows:
        per_file[str(file)] = per_file.get(str(file), 0) + 1
    return per_file


def _log_many(
    con: duckdb.DuckDBPyConnection,
    done: list[tuple[Path, IngestReport, str]],
    started: datetime,
) -> None:
    """``ingest_log`` rows for a batch, written in its transaction (so a file is logged exactly
    when its rows are in)."""
    now = datetime.now()
    table = pa.table(
        {
            "file": [r.file for _, r, _ in done],
            "digest": [d for _, _, d in done],
            "origin": [r.origin for _, r, _ in done],
            "ok": [r.loaded for _, r, _ in done],
            "duplicate": [r.duplicate for _, r, _ in done],
            "bad": [r.quarantined for _, r, _ in done],
            "started": [started] * len(done),
            "finished": [now] * len(done),
        }
    )
    con.register("_steppe_log", table)
    try:
        con.execute("INSERT INTO ingest_log SELECT * FROM _steppe_log")
    finally:
        con.unregister("_steppe_log")


def _has_rejects(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the scan left a rejects table (it makes one only when a line was rejected)."""
    return bool(
        con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = '_steppe_rejects'"
        ).fetchall()[0][0]
    )


def _quarantine_batch_rejects(
    con: duckdb.DuckDBPyConnection, origin: str, display_of: dict[str, str], names: list[str]
) -> dict[str, int]:
    """The batch scan's rejected lines into ``quarantine``, each under its own file's name;
    returns the rejected-line count per file path."""
    if not _has_rejects(con):
        return {}
    rows = con.execute(
        "SELECT s.file_path, r.line, r.error_type, r.error_message, r.csv_line "
        "FROM _steppe_rejects r JOIN _steppe_scans s USING (scan_id, file_id) "
        "ORDER BY s.file_path, r.line, r.error_type NOT IN ('MISSING COLUMNS', "
        "'TOO MANY COLUMNS'), r.error_type != 'INVALID ENCODING', r.column_idx NULLS LAST"
    ).fetchall()
    seen: dict[tuple[str, int], dict[str, Any]] = {}
    now = datetime.now()
    delimiter = "," if origin == "gdelt-csv" else "\t"
    for file_path, line, error_type, message, csv_line in rows:
        key = (str(file_path), int(line))
        if key in seen:
            continue
        seen[key] = {
            "origin": origin,
            "file": display_of.get(str(file_path), str(file_path)),
            "record": line,
            "reason": reject_reason(error_type, message or "", csv_line or "", names, delimiter),
            "raw": (csv_line or "")[:4000],
            "at": now,
        }
    _quarantine_rows(con, list(seen.values()))
    per_file: dict[str, int] = {}
    for file_path, _ in seen:
        per_file[file_path] = per_file.get(file_path, 0) + 1
    return per_file


_TAB_FORMATS = ("gdelt1", "gdelt2")
MEMBER_COLUMN = "_steppe_member"
"""The column a combined batch file leads each line with: the number of its member file."""
_TYPES[MEMBER_COLUMN] = "INTEGER"


def _member_prefix(number: int) -> bytes:
    """What leads each line of member ``number`` in a combined file: of one width for every
    member, so that the line-size cap can be raised by exactly that much."""
    return b"%06d\t" % number


@dataclass(frozen=True)
class _Member:
    path: Path
    display: str
    digest: str
    first_line: int  # lines of the combined file before this member's
    lines: int


@dataclass(frozen=True)
class _Combined:
    """The members of a batch of zips in one file, each line led by its member's number."""

    path: Path
    names: list[str]
    options: str
    members: list[_Member]

    def digests(self) -> list[str]:
        return [m.digest for m in self.members]

    @property
    def starts(self) -> list[int]:
        return [m.first_line + 1 for m in self.members]


def _combine(paths: list[Path], fmt: str, folder: Path) -> _Combined | None:
    """The zips' members in one file of ``folder`` (one scan costs DuckDB far less than a
    scan of thousands of small files), or ``None`` when the batch does not qualify and must
    go the general way: a path that is not a readable zip, a member whose layout is not the
    first one's or cannot be read, or bytes whose meaning a leading column could change (a
    carriage return, an empty line, a first line over 4 MB). Each member's digest is taken
    from the bytes as they are unpacked, as :func:`file_digest` takes it from the file."""
    target = folder / "combined.tsv"
    members: list[_Member] = []
    layout: tuple[list[str], str] | None = None
    lines = 0
    try:
        with target.open("wb") as out:
            for path in paths:
                if path.suffix.lower() != ".zip" or not path.is_file():
                    return None
                with zipfile.ZipFile(path) as archive:
                    for info in archive.infolist():
                        if info.is_dir():
                            continue
                        with archive.open(info) as src:
                            copied = _copy_numbered(src, out, len(members))
                        if copied is None or len(members) >= 1_000_000:
                            return None
                        count, first, digest = copied
                        found = _layout_of(fmt, first, b"", path)
                        if layout is None:
                            layout = found
                        elif found[0] != layout[0]:
                            return None
                        display = f"{path}!{info.filename}"
                        members.append(_Member(path, display, digest, lines, count))
                        lines += count
    except (OSError, zipfile.BadZipFile, EOFError, zlib.error, IngestError):
        return None
    if layout is None:
        return None
    return _Combined(target, layout[0], layout[1], members)


def _copy_numbered(
    src: Any, out: Any, number: int, size: int = 1 << 22
) -> tuple[int, bytes, str] | None:
    r"""Copy ``src`` to ``out`` (read ``size`` bytes at a time) with the member prefix of
    ``number`` before every line; returns the line count, the first line and the BLAKE3 digest
    of the bytes read, or ``None`` (what was written is not to be used) when the bytes hold a
    carriage return or an empty line, are empty, or the first line is longer than ``size``.

    >>> import io
    >>> out = io.BytesIO()
    >>> _copy_numbered(io.BytesIO(b"a\tb\nc\td"), out, 7)[:2], out.getvalue()
    ((2, b'a\tb'), b'000007\ta\tb\n000007\tc\td\n')
    >>> _copy_numbered(io.BytesIO(b"a\n\nb\n"), io.BytesIO(), 0) is None
    True
    """
    prefix = _member_prefix(number)
    newline = b"\n" + prefix
    hasher = blake3.blake3()
    count, first, at_start = 0, b"", True
    while chunk := src.read(size):
        hasher.update(chunk)
        if b"\r" in chunk or b"\n\n" in chunk or (at_start and chunk[:1] == b"\n"):
            return None
        if not count and not first:
            first, found, _ = chunk.partition(b"\n")
            if not found and len(chunk) == size:
                return None
        if at_start:
            out.write(prefix)
        body = chunk.replace(b"\n", newline)
        lines = (len(body) - len(chunk)) // len(prefix)
        at_start = chunk[-1:] == b"\n"
        # a chunk ending a line ends with the next line's prefix: written with that line
        out.write(memoryview(body)[: len(body) - len(prefix)] if at_start else body)
        count += lines
    if not at_start:
        out.write(b"\n")
        count += 1
    if not count:
        return None
    return count, first, f"blake3:{hasher.hexdigest()}"


def _ingest_combined(
    store: Store, combined: _Combined, fmt: str, focal: bool
) -> list[tuple[Path, IngestReport]]:
    group = [(m.path, m.display, Path(str(i)), m.digest) for i, m in enumerate(combined.members)]
    try:
        return _ingest_batch(
            store, group, fmt, combined.names, combined.options, focal, combined=combined
        )
    finally:
        combined.path.unlink(missing_ok=True)


def _combined_or_none(
    store: Store, combined: _Combined, fmt: str, focal: bool
) -> list[tuple[Path, IngestReport]] | None:
    """The combined batch loaded, or ``None`` when its scan failed: the transaction rolled
    back and the general path, file by file, loads the files and places the failure."""
    try:
        return _ingest_combined(store, combined, fmt, focal)
    except IngestError:
        return None


def _quarantine_combined_rejects(
    con: duckdb.DuckDBPyConnection, origin: str, combined: _Combined, names: list[str]
) -> dict[str, int]:
    """The combined scan's rejected lines into ``quarantine``, each under its member's name
    and its line number in the member, without the leading member number; returns the
    rejected-line count per member (keyed as the batch keys them)."""
    if not _has_rejects(con):
        return {}
    rows = con.execute(
        "SELECT line, error_type, error_message, csv_line FROM _steppe_rejects ORDER BY line, "
        "error_type NOT IN ('MISSING COLUMNS', 'TOO MANY COLUMNS'), "
        "error_type != 'INVALID ENCODING', column_idx NULLS LAST"
    ).fetchall()
    starts = combined.starts
    index = {id(m): i for i, m in enumerate(combined.members)}
    seen: dict[int, dict[str, Any]] = {}
    per_member: dict[str, int] = {}
    now = datetime.now()
    for line, error_type, message, csv_line in rows:
        if int(line) in seen:
            continue
        member = combined.members[bisect.bisect_left(starts, int(line) + 1) - 1]
        own = int(line) - member.first_line
        raw = (csv_line or "").partition("\t")[2]
        seen[int(line)] = {
            "origin": origin,
            "file": member.display,
            "record": own,
            "reason": reject_reason(
                error_type, _unshift(error_type, message or ""), raw, names, "\t"
            ),
            "raw": raw[:4000],
            "at": now,
        }
        key = str(index[id(member)])
        per_member[key] = per_member.get(key, 0) + 1
    _quarantine_rows(con, list(seen.values()))
    return per_member


def _unshift(error_type: str, message: str) -> str:
    """DuckDB's message for an over-long line of the combined file, with the line's size as
    it is in its member (without the leading member number)."""
    if error_type != "LINE SIZE OVER MAXIMUM":
        return message
    shift = len(_member_prefix(0))
    return re.sub(
        r"(Actual Size:\s*)(\d+)", lambda m: f"{m[1]}{int(m[2]) - shift}", message, count=1
    )
