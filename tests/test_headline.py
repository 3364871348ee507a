"""One headline truth: the terminal summary, the report and the dashboard show the same
headline figure for each state, and none of them is sparse."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import steppe
from steppe.cli import app as cli_app
from steppe.report.html import report_context, write_report

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from steppe.web.app import create_app

ROW = re.compile(
    r'<tr data-state="(?P<state>[A-Z]{3})">.*?<td class="num headline-value">(?P<value>[^<]+)'
    r"</td>(?:<td>(?P<period>[^<]+)</td>)?",
    re.S,
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("headline") / "s.duckdb"
    with steppe.Store(path) as store:
        steppe.install_registry(store)
        steppe.ingest_events(store, [steppe.data_path(*steppe.DEMO_EVENTS)], "icews")
        steppe.measure(store, seed=2)
    return path


def _from_html(html: str) -> dict[str, tuple[str, str | None]]:
    return {
        m["state"]: (m["value"].strip(), m["period"] and m["period"].strip())
        for m in ROW.finditer(html)
    }


def test_cli_report_and_dashboard_agree(db: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli_app, ["--db", str(db), "headlines", "--json"])
    assert result.exit_code == 0, result.output
    cli = {r["state"]: r for r in json.loads(result.output)}

    with steppe.Store(db, read_only=True) as store:
        context = {h.actor: h for h in report_context(store)["headlines"]}
        report_html = write_report(store, tmp_path / "r.html").read_text()
    client = TestClient(create_app(db))
    api = {r["state"]: r for r in client.get("/api/overview").json()["headlines"]}
    page = client.get("/").text

    expected = {
        s: (f"{r['value']:.3f}" if r["value"] is not None else "—", r["period"])
        for s, r in cli.items()
    }
    assert set(cli) == set(steppe.FOCAL_STATES)
    assert any(r["value"] is not None for r in cli.values())
    for state, r in cli.items():
        assert (context[state].value, context[state].period) == (r["value"], r["period"])
        assert (api[state]["value"], api[state]["period"]) == (r["value"], r["period"])
    assert _from_html(report_html) == expected
    assert _from_html(page) == expected


def test_headline_is_the_latest_adequately_supported_value(db: Path) -> None:
    with steppe.Store(db, read_only=True) as store:
        for h in steppe.headlines(store):
            rows = [
                r
                for r in steppe.read.indicators(store, "multivector", h.actor, freq="year")
                if r["partner"] is None
            ]
            adequate = [r for r in rows if not r["sparse"]]
            if not adequate:
                assert h.value is None and h.period is None
                continue
            assert (h.period, h.value, h.n) == (
                adequate[-1]["period"],
                adequate[-1]["value"],
                adequate[-1]["n"],
            )
            assert h.lo is not None and h.hi is not None and h.lo <= h.value <= h.hi
            assert h.n is not None and h.n >= 10
            assert h.events == sum(r["n"] for r in rows)
            assert h.latest_period == rows[-1]["period"]
