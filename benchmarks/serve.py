"""Load benchmark: the events API and page under 50 concurrent clients for 30 s, against a
store of 1,000,000 synthetic events, everything on 127.0.0.1. Reports p50/p95 latency and
errors per endpoint, and the overview page's load time in headless Chromium when installed.

    python benchmarks/serve.py                       # 1,000,000 events, 50 clients, 30 s
    python benchmarks/serve.py --events 50000 --seconds 5 --clients 10   # quick check
    python benchmarks/serve.py --mix uncached   # every request a filter never seen before

The ``cached`` mix (default) repeats filters as a team's dashboard traffic does, so the
server's query cache answers many; ``uncached`` gives every request its own date window, so
none is answered from the cache: the cost of the queries themselves.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

import httpx

SERVER = """
import sys, uvicorn
from steppe.web import create_app
db, port, cache, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
app = create_app(db, cache_size=cache, threads=threads or None)
uvicorn.run(app, host="127.0.0.1", port=port, log_level="error")
"""
FOCAL = ["KAZ", "KGZ", "TJK", "TKM", "UZB", "AZE"]
PARTNERS = ["RUS", "CHN", "USA", "TUR", "IRN", "DEU"]


def build_store(folder: Path, events: int) -> Path:
    import steppe

    db = folder / "load.duckdb"
    src = steppe.write_gdelt(folder / "events.tsv", rows=events, seed=11)
    with steppe.Store(db) as store:
        steppe.install_registry(store)
        steppe.ingest_events(store, [src], "gdelt1")
        steppe.measure(store)
    src.unlink()
    return db


def request_for(rng: random.Random, uncached: bool = False) -> tuple[str, str, dict[str, str]]:
    """A realistic mix: first pages and deeper pages of filtered event lists, and the page.
    ``uncached``: each request also gets its own date window (a filter never seen before)."""
    if uncached:
        name, path, base = request_for(rng)
        start = date(2015, 1, 1) + timedelta(days=rng.randrange(0, 2000))
        until = start + timedelta(days=rng.randrange(30, 1500))
        return name, path, base | {"since": start.isoformat(), "until": until.isoformat()}
    kind = rng.random()
    params: dict[str, str] = {"actor": rng.choice(FOCAL), "limit": "50"}
    if kind < 0.3:
        params["partner"] = rng.choice(PARTNERS)
    elif kind < 0.5:
        params["quad_class"] = str(rng.randint(1, 4))
    elif kind < 0.6:
        params["since"], params["until"] = "2018-01-01", "2018-12-31"
    if rng.random() < 0.25:
        return "page", "/events", params
    return "api", "/api/events", params


Get = Callable[[str, dict[str, str], bool], Awaitable[tuple[bool, str | None]]]
"""One request: (path, params, whether to read the JSON's ``next`` cursor) -> (ok, cursor)."""


async def drive(
    get: Get,
    until: float,
    seed: int,
    results: dict[str, list[float]],
    errors: dict[str, int],
    uncached: bool,
) -> None:
    """One client's loop: the request mix until ``until``, deeper pages through the cursor."""
    rng = random.Random(seed)
    cursor: str | None = None
    while time.perf_counter() < until:
        name, path, params = request_for(rng, uncached)
        if cursor and name == "api" and rng.random() < 0.3:
            params["after"] = cursor  # a deeper page of the previous filter
        t = time.perf_counter()
        ok, nxt = await get(path, params, name == "api")
        if ok and name == "api":
            cursor = nxt
        results[name].append(time.perf_counter() - t)
        if not ok:
            errors[name] += 1


async def client(
    base: str,
    until: float,
    seed: int,
    results: dict[str, list[float]],
    errors: dict[str, int],
    uncached: bool = False,
) -> None:
    """:func:`drive` with httpx's async client."""
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:

        async def get(path: str, params: dict[str, str], api: bool) -> tuple[bool, str | None]:
            try:
                r = await http.get(path, params=params)
            except httpx.HTTPError:
                return False, None
            ok = r.status_code == 200
            return ok, r.json().get("next") if ok and api else None

        await drive(get, until, seed, results, errors, uncached)


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    """One HTTP/1.1 response from a keep-alive connection: (status, body)."""
    status = int((await reader.readline()).split()[1])
    length, chunked = 0, False
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "content-length":
            length = int(value)
        elif name.lower() == "transfer-encoding" and "chunked" in value:
            chunked = True
    if not chunked:
        return status, await reader.readexactly(length)
    body = b""
    while size := int((await reader.readline()).strip(), 16):
        body += await reader.readexactly(size)
        await reader.readline()
    await reader.readline()
    return status, body


async def raw_client(
    port: int,
    until: float,
    seed: int,
    results: dict[str, list[float]],
    errors: dict[str, int],
    uncached: bool = False,
) -> None:
    """:func:`drive` over one keep-alive connection written by hand: a load generator that
    costs the shared cores a fraction of httpx's async client."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    conn: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = [(reader, writer)]

    async def get(path: str, params: dict[str, str], api: bool) -> tuple[bool, str | None]:
        reader, writer = conn[0]
        writer.write(
            f"GET {path}?{urlencode(params)} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()
        )
        try:
            status, body = await _read_response(reader)
        except (OSError, ValueError, asyncio.IncompleteReadError):
            writer.close()
            conn[0] = await asyncio.open_connection("127.0.0.1", port)
            return False, None
        ok = status == 200
        return ok, json.loads(body).get("next") if ok and api else None

    try:
        await drive(get, until, seed, results, errors, uncached)
    finally:
        conn[0][1].close()


def overview_load_seconds(base: str) -> float | None:
    from steppe.web.browser import CHROMIUM_ARGS, chromium_path

    chromium = chromium_path()
    if not chromium:
        return None
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=list(CHROMIUM_ARGS))
        page = browser.new_page()
        page.goto(base + "/", wait_until="load")  # warm-up
        times = []
        for _ in range(5):
            t = time.perf_counter()
            page.goto(base + "/", wait_until="load")
            page.wait_for_selector("#region-map path.focal")
            times.append(time.perf_counter() - t)
        browser.close()
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--cache-size", type=int, default=4096, help="0 disables the query cache")
    ap.add_argument(
        "--threads",
        type=int,
        default=1,
        help="DuckDB threads per query (the server's default: 1; 0: one per core)",
    )
    ap.add_argument("--workers", type=int, default=1, help="server processes (read-only)")
    ap.add_argument(
        "--mix",
        choices=("cached", "uncached"),
        default="cached",
        help="uncached: a distinct filter per request, so the query cache never answers",
    )
    ap.add_argument(
        "--store", type=Path, help="reuse a store built by an earlier run (--keep-store)"
    )
    ap.add_argument("--keep-store", type=Path, help="copy the built store here for --store")
    ap.add_argument(
        "--client",
        choices=("raw", "httpx"),
        default="raw",
        help="load generator: hand-written keep-alive HTTP/1.1 (light) or httpx's async client",
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="steppe-serve-") as tmp:
        t = time.perf_counter()
        if args.store:
            db = args.store
            print(f"store: {db} (reused)")
        else:
            db = build_store(Path(tmp), args.events)
            print(
                f"store: {args.events:,} synthetic events built in {time.perf_counter() - t:.0f} s"
            )
            if args.keep_store:
                import shutil

                shutil.copy(db, args.keep_store)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if args.workers > 1:  # several read-only processes, started as `steppe serve` does
            env = dict(os.environ, STEPPE_WEB_CACHE=str(args.cache_size))
            cmd = [
                sys.executable,
                "-m",
                "steppe.cli",
                "--db",
                str(db),
                "serve",
                "--port",
                str(port),
                "--workers",
                str(args.workers),
            ]
            server = subprocess.Popen(cmd, env=env)
        else:
            server = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    SERVER,
                    str(db),
                    str(port),
                    str(args.cache_size),
                    str(args.threads),
                ]
            )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.time() + 60
            while time.time() < deadline:
                try:
                    if httpx.get(base + "/api/overview", timeout=5).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
            import threading

            import psutil

            proc, rss = psutil.Process(server.pid), [0]
            start_rss = proc.memory_info().rss
            sampling = threading.Event()

            def sample() -> None:  # the server's memory, twice a second
                while not sampling.wait(0.5):
                    with contextlib.suppress(psutil.Error):
                        rss[0] = max(
                            rss[0],
                            sum(
                                p.memory_info().rss for p in [proc, *proc.children(recursive=True)]
                            ),
                        )

            threading.Thread(target=sample, daemon=True).start()
            results: dict[str, list[float]] = {"api": [], "page": []}
            errors = {"api": 0, "page": 0}
            until = time.perf_counter() + args.seconds

            async def run() -> None:
                uncached = args.mix == "uncached"
                await asyncio.gather(
                    *(
                        raw_client(port, until, i, results, errors, uncached)
                        if args.client == "raw"
                        else client(base, until, i, results, errors, uncached)
                        for i in range(args.clients)
                    )
                )

            asyncio.run(run())
            sampling.set()
            end_rss = proc.memory_info().rss
            overview = overview_load_seconds(base)
        finally:
            server.terminate()
            server.wait(10)
    print(
        f"{args.clients} clients for {args.seconds:.0f} s on 127.0.0.1; {args.mix} mix; query "
        f"cache {args.cache_size or 'off'}; DuckDB threads {args.threads or 'one per core'}; "
        f"{args.client} client"
    )
    print(f"{'endpoint':22}{'requests':>10}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}")
    for name, label in (("api", "/api/events"), ("page", "/events (HTML)")):
        lat = sorted(results[name])
        if not lat:
            continue
        p50 = lat[len(lat) // 2] * 1000
        p95 = lat[int(len(lat) * 0.95)] * 1000
        print(f"{label:22}{len(lat):>10,}{p50:>9.0f}{p95:>9.0f}{errors[name]:>8}")
    api = sorted(results["api"])
    p95 = api[int(len(api) * 0.95)] * 1000 if api else float("nan")
    print(
        f"server memory: {start_rss / 2**20:,.0f} MB before, peak {rss[0] / 2**20:,.0f} MB, "
        f"{end_rss / 2**20:,.0f} MB after"
    )
    goal = 500 if args.mix == "uncached" else 300
    print(
        f"target: /api/events p95 < {goal} ms with zero errors: "
        f"{'met' if p95 < goal and not sum(errors.values()) else 'MISSED'} ({p95:.0f} ms)"
    )
    if overview is not None:
        print(
            f"overview page loaded and map drawn in {overview * 1000:.0f} ms (median of 5; "
            f"target < 1000 ms: {'met' if overview < 1 else 'MISSED'})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
