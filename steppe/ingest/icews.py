"""ICEWS events in the benchmark layout (source name, event text, target name, date; tab-
separated, no header), as in the ICEWS14 / ICEWS05-15 files. Names resolve through the
gazetteer on the event's date; event texts map to CAMEO codes through a packaged table."""

from __future__ import annotations

import gzip
import hashlib
import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa

from steppe.domain.errors import IngestError
from steppe.domain.models import EventCode
from steppe.ingest.base import (
    QUARANTINE_DEDUP,
    QUARANTINE_SCHEMA,
    IngestReport,
    ProgressFn,
    already_ingested,
    append_events,
    file_digest,
    log_ingest,
    readable,
    remove_new_duplicates,
    skipped_report,
)
from steppe.registry import Gazetteer, load_event_codes, load_icews_event_texts
from steppe.store import Store, scalar

ORIGIN = "icews"
BATCH = 50_000
_WRAPPED = re.compile(r"^(?P<sector>.+?)\s*\((?P<country>[^()]+)\)$")

# ICEWS sector names -> CAMEO agent codes (CAMEO codebook, actor "type" codes)
SECTOR_AGENTS: tuple[tuple[str, str], ...] = (
    ("police", "COP"),
    ("public security", "COP"),
    ("military", "MIL"),
    ("army", "MIL"),
    ("armed gang", "CRM"),
    ("judiciary", "JUD"),
    ("court", "JUD"),
    ("lawyer", "JUD"),
    ("parliament", "LEG"),
    ("legislat", "LEG"),
    ("congress", "LEG"),
    ("senate", "LEG"),
    ("party", "PTY"),
    ("opposition", "OPP"),
    ("activist", "OPP"),
    ("protester", "OPP"),
    ("media", "MED"),
    ("news", "MED"),
    ("journalist", "MED"),
    ("labor", "LAB"),
    ("business", "BUS"),
    ("company", "BUS"),
    ("refugee", "REF"),
    ("education", "EDU"),
    ("citizen", "CVL"),
    ("villager", "CVL"),
    ("head of government", "GOV"),
    ("head of state", "GOV"),
    ("ministry", "GOV"),
    ("cabinet", "GOV"),
    ("government", "GOV"),
    ("foreign affairs", "GOV"),
    ("authorities", "GOV"),
    ("official", "GOV"),
    ("royal", "GOV"),
    ("ombudsman", "GOV"),
    ("representatives", "GOV"),
    ("director", "GOV"),
)


def sector_agent(sector: str) -> str | None:
    """CAMEO agent code for an ICEWS sector name.

    >>> sector_agent("Head of Government"), sector_agent("Police"), sector_agent("Ufologist")
    ('GOV', 'COP', None)
    """
    low = sector.lower()
    return next((code for key, code in SECTOR_AGENTS if key in low), None)


class ActorResolver:
    """ICEWS actor names -> (actor code, agent code), cached per (name, date)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.resolve = lru_cache(maxsize=200_000)(self._resolve)

    def _name(self, name: str, on: date) -> str | None:
        code = self.gaz.resolve(name, on)
        if code:
            return code
        parts = name.split()
        if len(parts) > 2:  # drop patronymics and middle names: "Dmitry Anatolyevich Medvedev"
            code = self.gaz.resolve(f"{parts[0]} {parts[-1]}", on)
        if (
            not code
            and len(parts) > 1
            and any(m.kind == "leader" for m in self.gaz.matches(parts[-1], on))
        ):
            code = self.gaz.resolve(parts[-1], on)
        return code

    def _resolve(self, name: str, on: date) -> tuple[str | None, str | None]:
        wrapped = _WRAPPED.match(name)
        if wrapped:
            return self._name(wrapped["country"], on), sector_agent(wrapped["sector"])
        return self._name(name, on), None


def _lines(fh: BinaryIO) -> Iterator[tuple[int, bytes]]:
    for number, line in enumerate(fh, start=1):
        yield number, line.rstrip(b"\r\n")


def ingest_icews(
    store: Store, path: str | Path, progress: ProgressFn | None = None
) -> list[IngestReport]:
    """Load ICEWS events (plain, .gz or .zip) into ``events``; malformed lines are quarantined.

    >>> from steppe.store import Store, scalar
    >>> from steppe.store.reference import install_registry
    >>> from steppe.registry import data_path
    >>> with Store(":memory:") as s:
    ...     _ = install_registry(s)
    ...     r = ingest_icews(s, data_path("events", "icews_central_asia_2005_2015.tsv.gz"))
    ...     r[0].loaded > 1000
    True
    """
    lookups: list[_Lookups] = []  # built on the first file that needs them, shared by the rest
    with readable(Path(path)) as members:
        return [
            _ingest_one(store, display, member, progress, lookups) for display, member in members
        ]


@dataclass(frozen=True)
class _Lookups:
    texts: dict[str, str]
    codes: dict[str, EventCode]
    resolver: ActorResolver


def _ingest_one(
    store: Store,
    display: str,
    path: Path,
    progress: ProgressFn | None,
    lookups: list[_Lookups],
) -> IngestReport:
    started, t0 = datetime.now(), time.perf_counter()
    sha = file_digest(path)
    if already_ingested(store, sha, ORIGIN):
        return skipped_report(store, display, ORIGIN, sha)
    if not lookups:
        codes = {c.code: c for c in load_event_codes()}
        lookups.append(
            _Lookups(load_icews_event_texts(), codes, ActorResolver(Gazetteer.from_registry()))
        )
    texts, codes, resolver = lookups[0].texts, lookups[0].codes, lookups[0].resolver
    size = max(path.stat().st_size, 1)
    rows: list[dict[str, Any]] = []
    bad: list[dict[str, Any]] = []
    seen: Counter[str] = Counter()
    good = 0
    con = store.con
    with store.transaction():
        first_rowid = int(scalar(con, "SELECT coalesce(max(rowid) + 1, 0) FROM events"))
        before = int(scalar(con, "SELECT count(*) FROM events"))
        try:
            with path.open("rb") as raw_fh:
                gz = path.suffix.lower() == ".gz"
                stream: BinaryIO = gzip.GzipFile(fileobj=raw_fh) if gz else raw_fh  # type: ignore[assignment]
                for number, line in _lines(stream):
                    if not line.strip():
                        continue
                    parsed = _parse(line, number, display, texts, codes, resolver, seen)
                    if isinstance(parsed, str):
                        bad.append(
                            {
                                "origin": ORIGIN,
                                "file": display,
                                "record": number,
                                "reason": parsed,
                                "raw": line.decode("utf-8", "replace")[:2000],
                                "at": datetime.now(),
                            }
                        )
                        continue
                    rows.append(parsed)
                    good += 1
                    if len(rows) >= BATCH:
                        append_events(con, rows)
                        rows = []
                        if progress:
                            progress(min(raw_fh.tell() / size, 1.0))
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            raise IngestError(f"{display}: cannot read ({exc})") from exc
        if not good:
            _refuse_if_not_icews(display, bad)
        append_events(con, rows)
        remove_new_duplicates(con, first_rowid)
        loaded = int(scalar(con, "SELECT count(*) FROM events")) - before
        if bad:
            con.register("_steppe_bad", pa.Table.from_pylist(bad, schema=QUARANTINE_SCHEMA))
            con.execute(QUARANTINE_DEDUP.format(source="_steppe_bad"))
            con.unregister("_steppe_bad")
        report = IngestReport(
            display, ORIGIN, loaded, good - loaded, len(bad), seconds=time.perf_counter() - t0
        )
        log_ingest(store, report, sha, started, con=con)
    if progress:
        progress(1.0)
    return report


# reasons that say a line does not have the ICEWS layout at all (not: an unknown name or code)
_NOT_ICEWS = ("invalid UTF-8", "expected 4 tab-separated fields", "bad date")


def _refuse_if_not_icews(display: str, bad: list[dict[str, Any]]) -> None:
    """A file with no line in the ICEWS layout (empty, binary, another format) is refused
    with a one-line error instead of loading nothing and quarantining every line."""
    if not bad:
        raise IngestError(f"{display}: empty file, no ICEWS events in it")
    if all(str(b["reason"]).startswith(_NOT_ICEWS) for b in bad):
        first = bad[0]
        raise IngestError(
            f"{display}: not an ICEWS event file (source, event text, target, date; tab-"
            f"separated): none of its {len(bad):,} lines is; line {first['record']}: "
            f"{first['reason']}"
        )


def _parse(
    line: bytes,
    number: int,
    display: str,
    texts: dict[str, str],
    codes: dict[str, Any],
    resolver: ActorResolver,
    seen: Counter[str],
) -> dict[str, Any] | str:
    """A canonical event row, or the reason the line is malformed."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"invalid UTF-8 at byte {exc.start}"
    fields = text.split("\t")
    if len(fields) != 4:
        return f"expected 4 tab-separated fields, found {len(fields)}"
    source, event_text, target, day_text = (f.strip() for f in fields)
    try:
        day = date.fromisoformat(day_text)
    except ValueError:
        return f"bad date {day_text!r} (expected YYYY-MM-DD)"
    cameo = texts.get(event_text)
    if cameo is None or cameo not in codes:
        return f"unknown ICEWS event text {event_text!r}"
    if not source or not target:
        return "empty actor name"
    key = hashlib.sha1(text.encode()).hexdigest()[:20]
    seen[key] += 1
    src, src_agent = resolver.resolve(source, day)
    tgt, tgt_agent = resolver.resolve(target, day)
    code = codes[cameo]
    return {
        "event_id": f"icews:{key}:{seen[key]}",
        "date": day,
        "source_actor": src,
        "target_actor": tgt,
        "source_agent": src_agent,
        "target_agent": tgt_agent,
        "source_raw": source,
        "target_raw": target,
        "cameo": cameo,
        "plover": code.plover,
        "quad_class": code.quad_class,
        "goldstein": code.goldstein,
        "origin": ORIGIN,
        "modality": "asserted",
        "event_time": "document",
        "date_precision": "day",
    }
