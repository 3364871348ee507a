"""Benchmark: `steppe fetch gdelt` (download, verify, ingest) against the way popular GDELT
clients work — a sequential loop that downloads each file and parses it with pandas.read_csv.

A local HTTP server (``python -m http.server`` in its own process, 127.0.0.1, a free port)
serves synthetic GDELT 2.0 export files in the published layout: one zip per 15 minutes,
``YYYYMMDDHHMMSS.export.CSV.zip`` holding the 61-column tab-separated file, listed with size and
MD5 in ``masterfilelist.txt``. Default: 30 days, 2,880 files of 1,100 rows (3.2 million rows).

* Steppe: ``steppe.fetch_gdelt`` with ``--filter all`` (every row kept), its default download
  workers (6), no rate limit (the server is local), into a fresh on-disk store: each file is
  checked against the list's size and MD5 and the rows are typed, mapped to registry actors,
  deduplicated and stored.
* Baseline: one ``httpx.Client`` (keep-alive) fetching the files one after the other, each
  parsed by ``pd.read_csv(..., compression="zip", sep="\\t", header=None)``. The baseline keeps
  nothing (clients concatenate the frames; 3.2 million rows would need several GB), checks no
  checksum and stores nothing: it does strictly less work than Steppe.

Each side runs in its own process (peak memory is its own). The ratio is baseline time / Steppe
time; the target is >= 3x with Steppe's peak memory under 1 GB.

    python benchmarks/fetch.py                       # 30 days, 2,880 files
    python benchmarks/fetch.py --days 1 --rows 200   # quick check
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

START = date(2024, 5, 1)

STEPPE = """
import json, resource, sys, time
from datetime import date
import steppe
from steppe.fetch import Policy
url, db, cache, since, until = sys.argv[1:6]
with steppe.Store(db) as store:
    steppe.install_registry(store)
    t = time.perf_counter()
    report = steppe.fetch_gdelt(store, 2, date.fromisoformat(since), date.fromisoformat(until),
                                mirror=url, focal=False, cache=cache,
                                policy=Policy(rate=None))
    seconds = time.perf_counter() - t
    rows = store.count("events")
print(json.dumps({"seconds": seconds, "rows": rows, "files": report.count("ingested"),
                  "workers": Policy().workers,
                  "refused": report.count("refused"), "failed": report.count("failed"),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

BASELINE = """
import io, json, resource, sys, time
import httpx
import pandas as pd
url = sys.argv[1]
t = time.perf_counter()
rows = files = 0
with httpx.Client(timeout=60) as client:
    listing = client.get(url + "masterfilelist.txt").text.split()
    for link in listing[2::3]:
        if not link.endswith(".export.CSV.zip"):
            continue
        name = link.rsplit("/", 1)[-1]
        body = client.get(url + name).content
        df = pd.read_csv(io.BytesIO(body), compression="zip", sep="\\t", header=None)
        rows += len(df)
        files += 1
seconds = time.perf_counter() - t
print(json.dumps({"seconds": seconds, "rows": rows, "files": files,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def make_files(folder: Path, days: int, rows: int, seed: int) -> tuple[int, float]:
    """Write ``days * 96`` zipped exports and their master list; returns (files, MB)."""
    import steppe

    total = days * 96 * rows
    big = folder / "all.tsv"
    steppe.write_gdelt(big, rows=total, seed=seed, version=2)
    lines: list[str] = []
    listing = []
    stamp = datetime(START.year, START.month, START.day)
    size = 0

    def flush() -> None:
        nonlocal stamp, size
        name = stamp.strftime("%Y%m%d%H%M%S") + ".export.CSV"
        path = folder / (name + ".zip")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
            z.writestr(name, "".join(lines))
        data = path.read_bytes()
        size += len(data)
        listing.append(
            f"{len(data)} {hashlib.md5(data).hexdigest()} "
            f"http://data.gdeltproject.org/gdeltv2/{name}.zip"
        )
        lines.clear()
        stamp += timedelta(minutes=15)

    with big.open(encoding="utf-8") as fh:
        for line in fh:
            lines.append(line)
            if len(lines) == rows:
                flush()
    if lines:
        flush()
    big.unlink()
    (folder / "masterfilelist.txt").write_text("\n".join(listing) + "\n")
    return len(listing), size / 1e6


def serve(folder: Path, port: int, latency: float) -> None:
    """The standard library's threading file server on 127.0.0.1, each answer delayed by
    ``latency`` seconds (the round trips a real download pays)."""
    import functools
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            if latency:
                time.sleep(latency)
            super().do_GET()

    handler = functools.partial(Handler, directory=str(folder))
    with ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        server.serve_forever()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run(code: str, *args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--rows", type=int, default=1100, help="rows per 15-minute file")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--latency",
        type=float,
        default=0.0,
        help="seconds the server waits before each answer (0: a mirror on the same machine; "
        "0.1: roughly a request to data.gdeltproject.org from Europe)",
    )
    parser.add_argument("--make", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.port, args.latency)
        return 0
    if args.make:  # the files are written in a child process: Linux keeps a process's peak
        # RSS across fork and exec, so a parent that generated 3 million rows would inflate
        # both measured children's peak memory
        files, mb = make_files(args.make, args.days, args.rows, args.seed)
        print(json.dumps({"files": files, "mb": mb}))
        return 0

    with tempfile.TemporaryDirectory(prefix="steppe-bench-fetch-") as tmp:
        served = Path(tmp) / "gdeltv2"
        served.mkdir()
        t = time.perf_counter()
        made = subprocess.run(
            [sys.executable, __file__, "--make", str(served), "--days", str(args.days),
             "--rows", str(args.rows), "--seed", str(args.seed)],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        written = json.loads(made.stdout.strip().splitlines()[-1])
        files, mb = int(written["files"]), float(written["mb"])
        print(
            f"synthetic GDELT 2.0 exports: {files:,} files x {args.rows:,} rows "
            f"({files * args.rows:,} rows, {mb:,.0f} MB zipped; written in "
            f"{time.perf_counter() - t:.0f} s)"
        )
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, __file__, "--serve", tmp, "--port", str(port),
             "--latency", str(args.latency)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            url = f"http://127.0.0.1:{port}/gdeltv2/"
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.1)
            until = START + timedelta(days=args.days)
            base = run(BASELINE, url)
            mine = run(
                STEPPE,
                url,
                str(Path(tmp) / "bench.duckdb"),
                str(Path(tmp) / "cache"),
                START.isoformat(),
                until.isoformat(),
            )
        finally:
            server.terminate()
            server.wait()
    ratio = base["seconds"] / mine["seconds"]
    print(
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end; "
        f"server latency {args.latency * 1000:.0f} ms per request"
    )
    print(
        f"baseline (sequential httpx + pandas.read_csv): {base['seconds']:.1f} s, "
        f"{base['rows']:,.0f} rows parsed, peak memory {base['peak_mb']:.0f} MB"
    )
    print(
        f"steppe fetch gdelt ({mine['workers']:.0f} workers, verified, ingested): "
        f"{mine['seconds']:.1f} s, "
        f"{mine['rows']:,.0f} rows stored ({mine['files']:,.0f} files, {mine['refused']:.0f} "
        f"refused, {mine['failed']:.0f} failed), peak memory {mine['peak_mb']:.0f} MB"
    )
    ok = ratio >= 3 and mine["peak_mb"] < 1024
    print(
        f"ratio baseline/steppe: {ratio:.2f}x (target >= 3x, peak < 1 GB: "
        f"{'met' if ok else 'NOT met'})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
