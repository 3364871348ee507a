"""`steppe update` end to end against a real HTTP server on 127.0.0.1 (GDELT files and a feed):
stages, incremental reruns, a failing stage, the lock."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import steppe
from steppe.update import update_lock
from tests.httpserver import Site, serve
from tests.test_fetch_feeds import news_site
from tests.test_fetch_gdelt import ROWS, v2_site

STAGES = ["fetch gdelt", "fetch feeds", "ingest", "code", "measure", "alerts"]


def cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "steppe.cli", "--db", str(db), "update", *args],
        capture_output=True,
        text=True,
        timeout=600,
    )


def config(tmp: Path, url: str, mirror: str) -> Path:
    feeds = tmp / "feeds.yaml"
    feeds.write_text(f"feeds:\n  - name: Local Outlet\n    url: {url}feed.xml\n")
    path = tmp / "update.yaml"
    path.write_text(
        f"gdelt:\n  version: 2\n  start: 2024-01-01\n  filter: all\n  mirror: {mirror}\n"
        f"feeds: {feeds}\ncode: true\n"
    )
    return path


def test_update_runs_every_stage_then_catches_up_incrementally(tmp_path: Path) -> None:
    site = v2_site(tmp_path)
    db = tmp_path / "s.duckdb"
    with serve(site) as url:
        site.files.update(news_site(url).files)
        conf = config(tmp_path, url, url + "gdeltv2/")
        first = cli(db, str(conf), "--rate", "0")
        assert first.returncode == 0, first.stdout + first.stderr
        lines = first.stdout.strip().splitlines()
        assert [line.split(":")[0] for line in lines] == STAGES
        assert "5 ingested" in lines[0]
        assert "3 documents loaded" in lines[1]
        files_served = len([h for h in site.hits if h.path.endswith(".zip")])
        second = cli(db, str(conf), "--rate", "0")
    assert second.returncode == 0, second.stdout + second.stderr
    out = second.stdout.strip().splitlines()
    assert "0 ingested" in out[0] and "unchanged" not in out[0]
    assert out[2] == "ingest: 0 events and 0 documents added"
    assert len([h for h in site.hits if h.path.endswith(".zip")]) == files_served
    with steppe.Store(db) as store:
        assert store.count("events") >= 5 * ROWS
        runs = store.query("SELECT ok, since FROM update_runs ORDER BY started")
        assert [r["ok"] for r in runs] == [True, True]
        assert runs[0]["since"] is None and runs[1]["since"] is not None


def test_failing_stage_exits_non_zero_and_is_not_a_success(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = tmp_path / "s.duckdb"
    site = Site()
    with serve(site) as url:
        site.files.update(news_site(url).files)
        conf = config(tmp_path, url, f"http://127.0.0.1:{port}/gdeltv2/")
        done = cli(db, str(conf), "--rate", "0", "--retries", "0")
    assert done.returncode == 1
    lines = done.stdout.strip().splitlines()
    assert lines[0].startswith("fetch gdelt: FAILED: cannot reach 127.0.0.1")
    assert [line.split(":")[0] for line in lines] == STAGES  # the later stages still ran
    with steppe.Store(db) as store:
        assert store.query("SELECT ok FROM update_runs") == [{"ok": False}]


def test_two_updates_never_run_at_once(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    conf = tmp_path / "update.yaml"
    conf.write_text("code: false\n")
    with update_lock(db):
        done = cli(db, str(conf))
    assert done.returncode == 1
    assert "another steppe update is running" in done.stderr
    assert done.stderr.strip().count("\n") == 0
