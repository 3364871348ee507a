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
from steppe.indicators.headline import adequate, headline_series
from steppe.ingest.reference import ingest_reference
from steppe.report.html import report_context, write_report

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from steppe.web.app import create_app

ROW = re.compile(
    r'<tr data-state="(?P<state>[A-Z]{3})">.*?<td class="num headline-value">(?P<value>[^<]+)'
    r"</td>(?:<td>(?P<period>[^<]+)</td>)?",
    re.S,
)


@pytest.fixture(scope="module", params=["events", "events+interaction"])
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled event sample alone (the events channel heads), and with the bundled GDELT
    dyads (the interaction channel heads, as in the demo)."""
    path = tmp_path_factory.mktemp("headline") / "s.duckdb"
    with steppe.Store(path) as store:
        steppe.install_registry(store)
        steppe.ingest_events(store, [steppe.data_path(*steppe.DEMO_EVENTS)], "icews")
        if request.param == "events+interaction":
            gdelt = steppe.data_path("gdelt", "gdelt_daily_dyads_focal.csv.gz")
            ingest_reference(store, "gdelt-dyads", gdelt)
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
        series = headline_series(store)
        interaction = store.query("SELECT 1 FROM ties WHERE channel = 'interaction' LIMIT 1")
        assert series.partner == ("interaction" if interaction else None)
        for h in steppe.headlines(store):
            rows = [
                r
                for r in steppe.read.indicators(store, "multivector", h.actor, freq=series.freq)
                if r["partner"] == series.partner
            ]
            good = [r for r in rows if adequate(r, series)]
            if not good:
                assert h.value is None and h.period is None
                continue
            assert (h.period, h.value, h.n) == (
                good[-1]["period"],
                good[-1]["value"],
                good[-1]["n"],
            )
            assert not good[-1]["sparse"] and h.n is not None and h.n >= series.min_n
            assert h.lo is not None and h.hi is not None and h.lo <= h.value <= h.hi
            assert h.latest_period == rows[-1]["period"]
