"""`steppe fetch gdelt` against a real HTTP server on 127.0.0.1 serving synthetic GDELT files in
the published layouts (zipped exports, ``size md5 url`` lists, 1.0 filesizes/md5sums)."""

from __future__ import annotations

import hashlib
import io
import os
import signal
import socket
import subprocess
import sys
import time
import zipfile
from datetime import date
from pathlib import Path

import steppe
from steppe.fetch import Policy, fetch_gdelt
from steppe.ingest.synth import write_gdelt
from tests.httpserver import Site, serve

FAST = Policy(rate=None, retries=3, backoff=0.05, timeout=2.0, workers=3)
ROWS = 40


def gdelt_zip(
    tmp: Path, stamp: str, seed: int, version: int = 2, rows: int = ROWS, foreign: int = 0
) -> bytes:
    """A zipped export as GDELT publishes it, rows made by `steppe synth gdelt`'s writer; the
    first ``foreign`` rows are re-coded to actors outside the registry (Brazil, Argentina)."""
    name = f"{stamp}.export.CSV"
    tsv = write_gdelt(tmp / name, rows=rows, seed=seed, version=version)
    if foreign:
        lines = tsv.read_text().splitlines()
        for i in range(foreign):
            cells = lines[i].split("\t")
            for col, code in ((5, "BRA"), (7, "BRA"), (8, ""), (15, "ARG"), (17, "ARG"), (18, "")):
                cells[col] = code
            lines[i] = "\t".join(cells)
        tsv.write_text("\n".join(lines) + "\n")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(tsv, name)
    tsv.unlink()
    return buf.getvalue()


STAMPS = ["20240101000000", "20240101001500", "20240102000000", "20240102001500"]


def v2_site(
    tmp: Path,
    base: str = "http://data.gdeltproject.org/gdeltv2/",
    foreign: int = 0,
    rows: int = ROWS,
) -> Site:
    """Four 15-minute exports over two days, plus a mentions file on the list (skipped) and a
    file outside the date range."""
    site = Site()
    lines = []
    for i, stamp in enumerate([*STAMPS, "20240105000000"]):
        data = gdelt_zip(tmp, stamp, seed=i + 1, foreign=foreign, rows=rows)
        name = f"{stamp}.export.CSV.zip"
        site.files[f"/gdeltv2/{name}"] = data
        lines.append(f"{len(data)} {hashlib.md5(data).hexdigest()} {base}{name}")
        lines.append(f"123 {'0' * 32} {base}{stamp}.mentions.CSV.zip")
    site.files["/gdeltv2/masterfilelist.txt"] = ("\n".join(lines) + "\n").encode()
    return site


def relist(site: Site, name: str, size: int | None = None, md5: str | None = None) -> None:
    """Change one file's line on the master list."""
    text = site.files["/gdeltv2/masterfilelist.txt"].decode().splitlines()
    out = []
    for line in text:
        s, m, url = line.split()
        if url.endswith("/" + name):
            s, m = str(size) if size is not None else s, md5 or m
        out.append(f"{s} {m} {url}")
    site.files["/gdeltv2/masterfilelist.txt"] = ("\n".join(out) + "\n").encode()


def fetch(store: steppe.Store, url: str, tmp: Path, **kw: object) -> steppe.fetch.FetchReport:
    args: dict[str, object] = {"mirror": url + "gdeltv2/", "cache": tmp / "cache", "policy": FAST}
    args.update(kw)
    return fetch_gdelt(store, 2, date(2024, 1, 1), date(2024, 1, 2), **args)  # type: ignore[arg-type]


def events(store: steppe.Store) -> tuple[int, int]:
    row = store.con.execute("SELECT count(*), count(DISTINCT event_id) FROM events").fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


def test_happy_path_then_rerun_transfers_no_file(tmp_path: Path, store: steppe.Store) -> None:
    site = v2_site(tmp_path)
    with serve(site) as url:
        report = fetch(store, url, tmp_path)
        assert report.selected == 4 and report.count("ingested") == 4, report.summary()
        assert events(store) == (4 * ROWS, 4 * ROWS)
        assert all(h.headers["user-agent"].startswith("Steppe/") for h in site.hits)
        assert not site.requests("/gdeltv2/20240105000000.export.CSV.zip")  # out of range
        assert not any("mentions" in h.path for h in site.hits)
        files_before = len([h for h in site.hits if h.path.endswith(".zip")])
        again = fetch(store, url, tmp_path)
    assert again.already == 4 and not again.outcomes
    assert len([h for h in site.hits if h.path.endswith(".zip")]) == files_before
    # the list itself came back as 304 Not Modified
    assert site.requests("/gdeltv2/masterfilelist.txt")[-1].status == 304
    assert events(store) == (4 * ROWS, 4 * ROWS)


def test_404_500_and_slow_answers_are_retried_or_refused(
    tmp_path: Path, store: steppe.Store
) -> None:
    site = v2_site(tmp_path)
    a, b, c, d = (f"/gdeltv2/{s}.export.CSV.zip" for s in STAMPS)
    site.statuses[a] = [500, 503]  # transient: served on the third attempt
    site.delays[b] = [5.0]  # first answer slower than the 2 s timeout: retried
    site.cut[c] = 1  # body cut off halfway once: resumed with a Range request
    del site.files[d]  # listed but not served: 404
    with serve(site) as url:
        report = fetch(store, url, tmp_path)
    by_name = {o.name: o for o in report.outcomes}
    assert report.count("ingested") == 3, report.summary()
    assert [h.status for h in site.requests(a)] == [500, 503, 200]
    assert len(site.requests(b)) == 2
    assert [h.status for h in site.requests(c)] == [200, 206]
    missing = by_name[Path(d).name]
    assert missing.status == "refused" and "HTTP 404" in (missing.reason or "")
    assert len(site.requests(d)) == 1  # a 404 is final: not asked again
    assert events(store) == (3 * ROWS, 3 * ROWS)
    reasons = store.query("SELECT reason FROM quarantine WHERE origin = 'fetch:gdelt2'")
    assert any("HTTP 404" in r["reason"] for r in reasons)


def test_persistent_server_errors_fail_the_file(tmp_path: Path, store: steppe.Store) -> None:
    site = v2_site(tmp_path)
    a = f"/gdeltv2/{STAMPS[0]}.export.CSV.zip"
    site.statuses[a] = [500] * 10
    with serve(site) as url:
        report = fetch(store, url, tmp_path)
    failed = [o for o in report.outcomes if o.status == "failed"]
    assert [o.name for o in failed] == [Path(a).name]
    assert "HTTP 500 after 4 attempts" in (failed[0].reason or "")
    assert len(site.requests(a)) == 4
    assert not report.ok
    state = store.query("SELECT status FROM fetch_files WHERE name = ?", [Path(a).name])
    assert state == [{"status": "failed"}]


def test_size_or_md5_mismatch_is_refused_and_nothing_ingested(
    tmp_path: Path, store: steppe.Store
) -> None:
    site = v2_site(tmp_path)
    bad_md5, bad_size = (f"{s}.export.CSV.zip" for s in STAMPS[:2])
    relist(site, bad_md5, md5="f" * 32)
    relist(site, bad_size, size=len(site.files[f"/gdeltv2/{bad_size}"]) + 10)
    with serve(site) as url:
        report = fetch(store, url, tmp_path)
    by_name = {o.name: o for o in report.outcomes}
    assert by_name[bad_md5].status == "refused"
    assert (by_name[bad_md5].reason or "").startswith("MD5 mismatch: listed ffff")
    assert by_name[bad_size].reason == (
        f"size mismatch: listed {len(site.files['/gdeltv2/' + bad_size]) + 10} bytes, "
        f"got {len(site.files['/gdeltv2/' + bad_size])}"
    )
    assert events(store) == (2 * ROWS, 2 * ROWS)
    # no row of a refused file was loaded
    loaded = store.query("SELECT DISTINCT file FROM ingest_log")
    assert not any(bad_md5 in r["file"] or bad_size in r["file"] for r in loaded)
    assert not (tmp_path / "cache" / bad_md5).exists()  # a refused download is not cached
    rows = store.query("SELECT name, reason FROM fetch_files WHERE status = 'refused'")
    assert {r["name"] for r in rows} == {bad_md5, bad_size}


def test_truncated_zip_is_refused(tmp_path: Path, store: steppe.Store) -> None:
    site = v2_site(tmp_path)
    name = f"{STAMPS[0]}.export.CSV.zip"
    broken = site.files[f"/gdeltv2/{name}"][:-200]  # published truncated: list matches it
    site.files[f"/gdeltv2/{name}"] = broken
    relist(site, name, size=len(broken), md5=hashlib.md5(broken).hexdigest())
    with serve(site) as url:
        report = fetch(store, url, tmp_path)
    outcome = next(o for o in report.outcomes if o.name == name)
    assert outcome.status == "refused"
    assert "not a readable zip archive" in (outcome.reason or "")
    assert events(store) == (3 * ROWS, 3 * ROWS)


def test_local_mirror_folder(tmp_path: Path, store: steppe.Store) -> None:
    site = v2_site(tmp_path, base="http://gdelt-mirror.internal/gdeltv2/")
    folder = tmp_path / "mirror"
    folder.mkdir()
    for path, data in site.files.items():
        (folder / Path(path).name).write_bytes(data)
    report = fetch_gdelt(
        store, 2, date(2024, 1, 1), date(2024, 1, 2), mirror=folder, cache=tmp_path / "c"
    )
    assert report.count("ingested") == 4, report.summary()
    assert events(store) == (4 * ROWS, 4 * ROWS)
    assert not (tmp_path / "c").exists()  # files are read in place, not copied


def test_focal_filter_keeps_rows_naming_registry_actors(
    tmp_path: Path, store: steppe.Store
) -> None:
    site = v2_site(tmp_path, foreign=5)
    with serve(site) as url:
        report = fetch(store, url, tmp_path, focal=True)
    kept = sum(o.loaded for o in report.outcomes)
    assert kept == 4 * (ROWS - 5)
    codes = {r["code"] for r in store.query("SELECT code FROM actors")}
    rows = store.query("SELECT source_actor, target_actor FROM events")
    assert len(rows) == kept
    assert all(r["source_actor"] in codes or r["target_actor"] in codes for r in rows)


def test_gdelt1_daily_files_with_filesizes_and_md5sums(tmp_path: Path, store: steppe.Store) -> None:
    site = Site()
    sizes, sums = [], []
    for i, day in enumerate(["20240101", "20240102", "20240103"]):
        data = gdelt_zip(tmp_path, day, seed=20 + i, version=1)
        site.files[f"/events/{day}.export.CSV.zip"] = data
        sizes.append(f"{len(data)} {day}.export.CSV.zip")
        sums.append(f"{hashlib.md5(data).hexdigest()}  {day}.export.CSV.zip")
    site.files["/events/filesizes"] = "\n".join(sizes).encode()
    site.files["/events/md5sums"] = "\n".join(sums).encode()
    with serve(site) as url:
        report = fetch_gdelt(
            store,
            1,
            date(2024, 1, 2),
            date(2024, 1, 3),
            mirror=url + "events",
            cache=tmp_path / "cache",
            policy=FAST,
        )
    assert report.count("ingested") == 2, report.summary()
    assert events(store) == (2 * ROWS, 2 * ROWS)
    assert store.query("SELECT DISTINCT origin FROM events") == [{"origin": "gdelt1"}]


def steppe_cli(*args: str, db: Path) -> list[str]:
    return [sys.executable, "-m", "steppe.cli", "--db", str(db), *args]


def test_no_network_is_one_line_error(tmp_path: Path) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = steppe_cli(
        "fetch", "gdelt", "--since", "2024-01-01", "--mirror", f"http://127.0.0.1:{port}/",
        "--retries", "1", db=tmp_path / "s.duckdb",
    )  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"error: cannot reach 127.0.0.1:{port}: cannot connect")


def test_kill_9_during_download_then_rerun_completes_without_duplicates(
    tmp_path: Path,
) -> None:
    site = v2_site(tmp_path, rows=1000)
    site.rate = 100_000  # bytes/s per connection: each file takes about a second
    db = tmp_path / "s.duckdb"
    with serve(site) as url:
        cmd = steppe_cli(
            "fetch", "gdelt", "--since", "2024-01-01", "--until", "2024-01-02",
            "--mirror", url + "gdeltv2/", "--filter", "all", "--workers", "1", "--rate", "0",
            db=db,
        )  # fmt: skip
        child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        # kill once a file has been served whole and the next one is half sent
        while time.monotonic() < deadline:
            zips = [h for h in site.hits if h.path.endswith(".zip")]
            done = [h for h in zips if h.sent == len(site.files[h.path])]
            if len(done) >= 2 and 16384 < zips[-1].sent < len(site.files[zips[-1].path]):
                time.sleep(0.03)  # the client has taken in the first chunks
                break
            time.sleep(0.02)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        assert child.returncode == -signal.SIGKILL
        partial = zips[-1].path
        site.rate = None
        rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        assert rerun.returncode == 0, rerun.stderr
    with steppe.Store(db) as store:
        assert events(store) == (4000, 4000)
        assert store.query("SELECT count(*) AS n FROM fetch_files WHERE status = 'ingested'") == [
            {"n": 4}
        ]
    again = site.requests(partial)
    assert again[-1].headers.get("range", "").startswith("bytes=")  # resumed, not restarted
    for path in {h.path for h in done}:
        whole = [h for h in site.requests(path) if h.sent == len(site.files[path])]
        assert len(whole) == 1, path  # a complete download is never fetched again


def test_bad_rows_in_a_batch_are_quarantined_under_their_own_file(
    tmp_path: Path, store: steppe.Store
) -> None:
    site = v2_site(tmp_path)
    name = f"{STAMPS[2]}.export.CSV"
    tsv = write_gdelt(tmp_path / name, rows=ROWS, seed=3, version=2)
    lines = tsv.read_text().splitlines()
    cells = lines[6].split("\t")
    cells[1] = "20241341"  # SQLDATE: month 13
    lines[6] = "\t".join(cells)
    tsv.write_text("\n".join(lines) + "\n")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.write(tsv, name)
    data = buf.getvalue()
    site.files[f"/gdeltv2/{name}.zip"] = data
    relist(site, name + ".zip", size=len(data), md5=hashlib.md5(data).hexdigest())
    with serve(site) as url:
        report = fetch(store, url, tmp_path, policy=Policy(rate=None, workers=4, backoff=0.05))
    outcome = next(o for o in report.outcomes if o.name == name + ".zip")
    assert (outcome.status, outcome.loaded, outcome.quarantined) == ("ingested", ROWS - 1, 1)
    [bad] = store.query("SELECT file, record, reason FROM quarantine WHERE origin = 'gdelt2'")
    assert bad["file"].endswith(f"{name}.zip!{name}") and bad["record"] == 7
    assert bad["reason"] == 'SQLDATE: "20241341" is not a YYYYMMDD date'
    assert events(store) == (4 * ROWS - 1, 4 * ROWS - 1)


def test_the_command_and_the_api_download_with_the_same_workers() -> None:
    import inspect

    from steppe import cli

    assert inspect.signature(cli.fetch_gdelt).parameters["workers"].default == Policy().workers
