"""GDELT event files from GDELT's servers or a mirror, verified, then ingested.

GDELT publishes what it has as file lists:

* 2.0 (every 15 minutes since 2015-02-18): ``gdeltv2/masterfilelist.txt`` (everything) and
  ``gdeltv2/lastupdate.txt`` (the newest batch), lines ``size md5 url``; the event files are
  ``YYYYMMDDHHMMSS.export.CSV.zip`` (the mentions and GKG files on the same lists are skipped).
* 1.0 (daily since 2013-04-01, before that ``YYYYMM.zip`` months and ``YYYY.zip`` years):
  ``events/filesizes`` (``size name``) and ``events/md5sums`` (``md5  name``, as ``md5sum``
  writes).

Each selected file is downloaded by a bounded pool of workers (resuming a partial download),
checked against the listed size and MD5, and only then ingested by
:func:`steppe.ingest.gdelt.ingest_gdelt`, one file at a time by the single writer while the
workers fetch the next ones. A file that fails its check, or that ingest cannot read, is
refused: its reason goes to ``fetch_files`` and ``quarantine`` and none of its rows load. The
store records each ingested file, so a rerun after an interruption (even ``kill -9``) skips
what was done, keeps the verified files in the download cache and ingests nothing twice.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from steppe.domain.errors import FetchError, HttpStatusError
from steppe.fetch.http import Http, Policy, save_if_changed
from steppe.fetch.state import (
    FileRecord,
    file_states,
    record_files,
    save_validators,
    validators,
)
from steppe.ingest.gdelt import ingest_gdelt_files
from steppe.store import Store
from steppe.store.sources import record_event_sources, record_source

GDELT_LICENCE = "GDELT Project terms: free and open for any use; cite the GDELT Project"

GDELT_BASES = {
    1: "http://data.gdeltproject.org/events/",
    2: "http://data.gdeltproject.org/gdeltv2/",
}
"""Where GDELT publishes each version's file lists and files."""

LISTS = {1: ("filesizes", "md5sums"), 2: ("masterfilelist.txt", "lastupdate.txt")}
"""The file lists of each version, by name."""

_V2_EVENTS = re.compile(r"^(\d{14})\.export\.CSV\.zip$")
_V1_EVENTS = re.compile(r"^(\d{8})\.export\.CSV\.zip$|^(\d{6})\.zip$|^(\d{4})\.zip$")


@dataclass(frozen=True)
class RemoteFile:
    """One event file a list names: its name, URL (or mirror path), size and MD5 as listed,
    and the days it covers."""

    name: str
    url: str
    size: int | None
    md5: str | None
    first: date
    last: date


def covered_days(name: str, version: int) -> tuple[date, date] | None:
    """The first and last day an event file covers, from its name; ``None`` for a file that is
    not an event file of ``version``.

    >>> covered_days("20240131234500.export.CSV.zip", 2)
    (datetime.date(2024, 1, 31), datetime.date(2024, 1, 31))
    >>> covered_days("201302.zip", 1)
    (datetime.date(2013, 2, 1), datetime.date(2013, 2, 28))
    >>> covered_days("20240131234500.mentions.CSV.zip", 2) is None
    True
    """
    if version == 2:
        m = _V2_EVENTS.match(name)
        if not m:
            return None
        day = datetime.strptime(m[1][:8], "%Y%m%d").date()
        return day, day
    m = _V1_EVENTS.match(name)
    if not m:
        return None
    if m[1]:
        day = datetime.strptime(m[1], "%Y%m%d").date()
        return day, day
    if m[2]:
        first = datetime.strptime(m[2], "%Y%m").date()
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return first, date.fromordinal(following.toordinal() - 1)
    year = int(m[3])
    return date(year, 1, 1), date(year, 12, 31)


@dataclass(frozen=True)
class Listing:
    """The event files a source lists, and the list lines that could not be read."""

    files: list[RemoteFile]
    unreadable: list[str] = field(default_factory=list)


def parse_master_list(lines: Iterable[str], base: str, list_name: str) -> Listing:
    """Event files named by GDELT 2.0 list lines ``size md5 url``; other files are skipped,
    lines that do not parse are reported with their number.

    >>> listing = parse_master_list(
    ...     ["150383 297a16b493de7cf6ca809a7cc31d0b93 "
    ...      "http://data.gdeltproject.org/gdeltv2/20150218230000.export.CSV.zip",
    ...      "318084 bb27f78ba45f69a17ea6ed7755e9f8ff "
    ...      "http://data.gdeltproject.org/gdeltv2/20150218230000.mentions.CSV.zip",
    ...      "garbage"], "http://mirror.example/gdeltv2/", "masterfilelist.txt")
    >>> [(f.name, f.size, f.url) for f in listing.files]
    [('20150218230000.export.CSV.zip', 150383, 'http://mirror.example/gdeltv2/20150218230000.export.CSV.zip')]
    >>> listing.unreadable
    ["masterfilelist.txt line 3: expected 'size md5 url'"]
    """
    files, bad = [], []
    for number, line in enumerate(lines, 1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 3 or not parts[0].isdigit() or not _is_md5(parts[1]):
            bad.append(f"{list_name} line {number}: expected 'size md5 url'")
            continue
        name = parts[2].rsplit("/", 1)[-1]
        days = covered_days(name, 2)
        if days is None:
            continue
        files.append(RemoteFile(name, base + name, int(parts[0]), parts[1].lower(), *days))
    return Listing(files, bad)


def parse_v1_lists(sizes: Iterable[str], md5s: Iterable[str], base: str) -> Listing:
    """Event files of GDELT 1.0 from ``filesizes`` (``size name``) and ``md5sums``
    (``md5  name``); a file missing from either list is kept without that check's value and
    refused when it comes to be verified.

    >>> listing = parse_v1_lists(
    ...     ["1049 20240101.export.CSV.zip", "9 GDELT.MASTERREDUCEDV2.1979-2013.zip"],
    ...     ["d41d8cd98f00b204e9800998ecf8427e  20240101.export.CSV.zip"],
    ...     "http://data.gdeltproject.org/events/")
    >>> [(f.name, f.size, f.md5) for f in listing.files]
    [('20240101.export.CSV.zip', 1049, 'd41d8cd98f00b204e9800998ecf8427e')]
    """
    size_of: dict[str, int] = {}
    md5_of: dict[str, str] = {}
    bad = []
    for number, line in enumerate(sizes, 1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 2 or not parts[0].isdigit():
            bad.append(f"filesizes line {number}: expected 'size name'")
            continue
        size_of[parts[1]] = int(parts[0])
    for number, line in enumerate(md5s, 1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 2 or not _is_md5(parts[0]):
            bad.append(f"md5sums line {number}: expected 'md5  name'")
            continue
        md5_of[parts[1].lstrip("*")] = parts[0].lower()
    files = []
    for name in sorted(size_of.keys() | md5_of.keys()):
        days = covered_days(name, 1)
        if days is not None:
            files.append(RemoteFile(name, base + name, size_of.get(name), md5_of.get(name), *days))
    return Listing(files, bad)


def _is_md5(text: str) -> bool:
    return len(text) == 32 and all(c in "0123456789abcdefABCDEF" for c in text)


def file_md5(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def verify(path: Path, size: int | None, md5: str | None) -> str | None:
    """Why ``path`` does not match its listed size and MD5, or ``None`` when it does. A file
    listed without a size or an MD5 cannot be verified and is refused.

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "x"
    >>> _ = f.write_bytes(b"abc")
    >>> verify(f, 3, "900150983cd24fb0d6963f7d28e17f72") is None
    True
    >>> verify(f, 4, "900150983cd24fb0d6963f7d28e17f72")
    'size mismatch: listed 4 bytes, got 3'
    """
    if size is None or md5 is None:
        return "not verifiable: the file list gives no " + ("size" if size is None else "MD5")
    got = path.stat().st_size
    if got != size:
        return f"size mismatch: listed {size} bytes, got {got}"
    found = file_md5(path)
    if found != md5:
        return f"MD5 mismatch: listed {md5}, got {found}"
    return None


@dataclass(frozen=True)
class FileOutcome:
    """What became of one selected file: ``ingested``; ``refused`` (it failed its size or MD5
    check, could not be read, or the server answered 4xx: nothing of it loaded, and asking
    again will not help until the list changes); or ``failed`` (timeouts, 5xx or no
    connection after the retries: worth another run)."""

    name: str
    status: str
    reason: str | None = None
    loaded: int = 0
    duplicate: int = 0
    quarantined: int = 0
    downloaded: int = 0


@dataclass(frozen=True)
class FetchReport:
    r"""The outcome of one fetch.

    >>> r = FetchReport("gdelt2", date(2024, 1, 1), date(2024, 1, 1), 3, 1,
    ...     (FileOutcome("a", "ingested", loaded=10, downloaded=2048),
    ...      FileOutcome("b", "refused", "MD5 mismatch")))
    >>> print(r.summary().replace("; ", ";\n").replace(": ", ":\n"))
    gdelt2 2024-01-01..2024-01-01:
    3 files listed, 1 already ingested, 1 ingested, 1 refused, 0 failed;
    10 rows loaded / 0 duplicate / 0 quarantined;
    0.00 MB downloaded
    """

    source: str
    since: date
    until: date
    selected: int
    already: int
    outcomes: tuple[FileOutcome, ...]
    unreadable: tuple[str, ...] = ()
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def ok(self) -> bool:
        """True when every selected file is now ingested."""
        return self.count("ingested") + self.already == self.selected

    def summary(self) -> str:
        rows = [sum(getattr(o, k) for o in self.outcomes) for k in ("loaded", "duplicate")]
        bad = sum(o.quarantined for o in self.outcomes)
        mb = sum(o.downloaded for o in self.outcomes) / 1e6
        return (
            f"{self.source} {self.since}..{self.until}: {self.selected} files listed, "
            f"{self.already} already ingested, {self.count('ingested')} ingested, "
            f"{self.count('refused')} refused, {self.count('failed')} failed; "
            f"{rows[0]} rows loaded / {rows[1]} duplicate / {bad} quarantined; "
            f"{mb:.2f} MB downloaded"
        )


OutcomeFn = Callable[[FileOutcome], None]
"""Called as each file is settled (for a progress display)."""


def default_cache(db: str | Path) -> Path:
    """The download cache beside a store: ``<store stem>-cache``.

    >>> default_cache("/data/steppe.duckdb").as_posix()
    '/data/steppe-cache'
    """
    path = Path(db)
    return path.with_name(path.stem + "-cache")


def fetch_gdelt(
    store: Store,
    version: int,
    since: date,
    until: date | None = None,
    mirror: str | Path | None = None,
    focal: bool = False,
    cache: str | Path | None = None,
    policy: Policy | None = None,
    on_file: OutcomeFn | None = None,
    batch: int = 256,
) -> FetchReport:
    """Fetch the GDELT ``version`` (1 or 2) event files covering ``since``..``until``
    (inclusive; default today), verify each against the list's size and MD5, and ingest it.

    ``mirror`` is a base URL, or a local folder holding the file lists with the files beside
    them (read in place, no copy). ``focal`` keeps only rows naming a registry actor.
    ``cache`` (default beside the store) keeps the file lists and downloaded files; a rerun
    re-uses them. Raises :class:`NetworkError` in one line when the source cannot be reached
    and :class:`FetchError` when its list cannot be read; a file that fails is recorded and the
    rest go on. Files that arrive together are ingested together, up to ``batch`` files in one
    scan and transaction (each keeps its own report, log row and quarantine lines).

    >>> import tempfile, pathlib, zipfile, hashlib
    >>> from steppe.ingest.synth import write_gdelt
    >>> from steppe.store.reference import install_registry
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> tsv = write_gdelt(folder / "20240101000000.export.CSV", rows=20, seed=3, version=2)
    >>> with zipfile.ZipFile(folder / (tsv.name + ".zip"), "w") as z:
    ...     z.write(tsv, tsv.name)
    >>> data = (folder / (tsv.name + ".zip")).read_bytes()
    >>> _ = (folder / "masterfilelist.txt").write_text(
    ...     f"{len(data)} {hashlib.md5(data).hexdigest()} http://x/{tsv.name}.zip\\n")
    >>> with Store(":memory:") as s:
    ...     _ = install_registry(s)
    ...     report = fetch_gdelt(s, 2, date(2024, 1, 1), date(2024, 1, 1), mirror=folder,
    ...                          cache=folder / "cache")
    ...     (report.count("ingested"), report.outcomes[0].loaded)
    (1, 20)
    """
    if version not in GDELT_BASES:
        raise FetchError(f"GDELT version {version}: expected 1 or 2")
    until = until or date.today()
    if until < since:
        raise FetchError(f"--until {until} is before --since {since}")
    source = f"gdelt{version}"
    started = time.perf_counter()
    cache_dir = Path(cache) if cache is not None else default_cache(store.path) / source
    local = Path(mirror) if mirror is not None and not _is_url(str(mirror)) else None
    base = GDELT_BASES[version] if mirror is None else str(mirror).rstrip("/") + "/"
    if local is not None and not local.is_dir():
        raise FetchError(f"--mirror {local}: no such folder")
    policy = policy or Policy()
    with Http(policy) as http:
        listing = _listing(store, http, version, base, local, cache_dir)
        chosen = [f for f in listing.files if f.last >= since and f.first <= until]
        done = file_states(store, source)
        todo = [f for f in chosen if done.get(f.name) != ("ingested", f.md5)]
        outcomes = []
        pool = ThreadPoolExecutor(policy.workers, thread_name_prefix="steppe-fetch")
        try:
            remaining = {pool.submit(_obtain, http, f, local, cache_dir): f for f in todo}
            while remaining:
                # ingest whatever has arrived (up to a batch) while the pool fetches the rest:
                # slow downloads are ingested one by one, fast ones in large batches
                finished, _ = wait(remaining, return_when=FIRST_COMPLETED)
                arrived = [(remaining.pop(job), job.result()) for job in finished]
                for start in range(0, len(arrived), batch):
                    settled = _settle(store, source, arrived[start : start + batch], focal)
                    outcomes += settled
                    for outcome in settled:
                        if on_file is not None:
                            on_file(outcome)
        finally:
            # on an interruption, drop the queued downloads instead of finishing them
            pool.shutdown(wait=True, cancel_futures=True)
    report = FetchReport(
        source,
        since,
        until,
        len(chosen),
        len(chosen) - len(todo),
        tuple(outcomes),
        tuple(listing.unreadable),
        time.perf_counter() - started,
    )
    record_source(
        store,
        f"fetch:{source}",
        "fetch",
        GDELT_LICENCE,
        title=f"GDELT {version}.0 event files",
        fetched_at=datetime.now(),
        location=str(local) if local is not None else base,
        note=report.summary(),
    )
    record_event_sources(store, {source: GDELT_LICENCE})
    return report


def _is_url(text: str) -> bool:
    return re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", text) is not None


def _listing(
    store: Store, http: Http, version: int, base: str, local: Path | None, cache_dir: Path
) -> Listing:
    names = LISTS[version]
    paths: dict[str, Path] = {}
    for name in names:
        if local is not None:
            path = local / name
            if not path.exists():
                if name == "lastupdate.txt":
                    continue
                raise FetchError(f"--mirror {local}: no {name} in the folder")
        else:
            path = cache_dir / "lists" / name
            url = base + name
            try:
                changed, found = save_if_changed(http, url, path, validators(store, url))
            except FetchError:
                if name == "lastupdate.txt":
                    continue  # the master list alone is enough
                raise
            if changed:
                save_validators(store, url, found)
        paths[name] = path
    if version == 1:
        with (
            paths["filesizes"].open(encoding="utf-8", errors="replace") as sizes,
            paths["md5sums"].open(encoding="utf-8", errors="replace") as md5s,
        ):
            return parse_v1_lists(sizes, md5s, base)
    files: dict[str, RemoteFile] = {}
    unreadable: list[str] = []
    for name, path in paths.items():
        # the real master list has hundreds of thousands of lines: read as a stream
        with path.open(encoding="utf-8", errors="replace") as fh:
            listing = parse_master_list(fh, base, name)
        files.update((f.name, f) for f in listing.files)
        unreadable += listing.unreadable
    return Listing(sorted(files.values(), key=lambda f: f.name), unreadable)


@dataclass(frozen=True)
class _Obtained:
    path: Path | None
    status: str = "ok"
    reason: str | None = None
    downloaded: int = 0


def _obtain(http: Http, remote: RemoteFile, local: Path | None, cache_dir: Path) -> _Obtained:
    """The verified local copy of ``remote`` (runs on a worker thread)."""
    if local is not None:
        path = local / remote.name
        if not path.exists():
            return _Obtained(None, "failed", f"not in the mirror folder {local}")
        reason = verify(path, remote.size, remote.md5)
        return _Obtained(None, "refused", reason) if reason else _Obtained(path)
    target = cache_dir / remote.name
    if target.exists():
        if verify(target, remote.size, remote.md5) is None:
            return _Obtained(target)
        target.unlink()
    try:
        moved = http.download(remote.url, target, remote.size)
    except HttpStatusError as exc:
        # listed but not served (GDELT's lists name a few files it never published): asking
        # again next time will not help, so it is refused rather than failed
        return _Obtained(None, "refused", f"{exc} (listed, not served)")
    except FetchError as exc:
        return _Obtained(None, "failed", str(exc))
    reason = verify(target, remote.size, remote.md5)
    if reason:
        target.unlink()
        return _Obtained(None, "refused", reason, moved)
    return _Obtained(target, downloaded=moved)


def _settle(
    store: Store, source: str, arrived: list[tuple[RemoteFile, _Obtained]], focal: bool
) -> list[FileOutcome]:
    """Ingest the verified files that arrived (in one batch) and record every file's fate."""
    verified = [got.path for _, got in arrived if got.path is not None]
    loaded = ingest_gdelt_files(store, verified, source, focal) if verified else {}
    outcomes, records = [], []
    for remote, got in arrived:
        if got.path is None:
            outcome = FileOutcome(remote.name, got.status, got.reason, downloaded=got.downloaded)
        else:
            result = loaded[got.path]
            if isinstance(result, str):
                outcome = FileOutcome(remote.name, "refused", result, downloaded=got.downloaded)
            else:
                outcome = FileOutcome(
                    remote.name,
                    "ingested",
                    loaded=sum(r.loaded for r in result),
                    duplicate=sum(r.duplicate for r in result),
                    quarantined=sum(r.quarantined for r in result),
                    downloaded=got.downloaded,
                )
        outcomes.append(outcome)
        records.append(
            FileRecord(
                remote.name,
                remote.url,
                remote.size,
                remote.md5,
                outcome.status,
                outcome.reason,
                (outcome.loaded, outcome.duplicate, outcome.quarantined),
            )
        )
    record_files(store, source, records)
    return outcomes
