"""The dashboard in a real headless Chromium (Debian's, via Playwright): pages load without
console errors or requests off 127.0.0.1, filters change the rows, payloads stay text, the map
renders. Set STEPPE_SCREENSHOTS=1 to refresh docs/screenshots/."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
playwright = pytest.importorskip("playwright.sync_api")
from steppe.web.browser import CHROMIUM_ARGS, chromium_path  # noqa: E402

CHROMIUM = chromium_path() or ""
if not CHROMIUM:
    pytest.skip(
        "Debian's chromium is not installed (scripts/install-browser.sh)", allow_module_level=True
    )

import uvicorn  # noqa: E402

from steppe.web import create_app  # noqa: E402
from tests.web_fixtures import build_store  # noqa: E402

SHOTS = Path(__file__).parent.parent / "docs" / "screenshots"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = build_store(tmp_path_factory.mktemp("browser") / "b.duckdb")
    app = create_app(db, scenarios_dir=Path(__file__).parent.parent / "scenarios")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)
    app.state.store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        yield b
        b.close()


class Watched:
    def __init__(self, browser: Any, base: str) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.base, self.errors, self.outside = base, [], []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", self._request)

    def _request(self, request: Any) -> None:
        if not request.url.startswith(self.base + "/"):
            self.outside.append(request.url)

    def open(self, path: str) -> Any:
        self.page.goto(self.base + path, wait_until="networkidle")
        return self.page


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/", "overview"),
        ("/country/KAZ", "country"),
        ("/network?min_events=2", "network"),
        ("/events", "events"),
        ("/scenarios", "scenarios"),
    ],
)
def test_page_loads_clean(server: str, browser: Any, path: str, name: str) -> None:
    w = Watched(browser, server)
    page = w.open(path)
    assert page.locator("h1").count() == 1
    assert w.errors == [] and w.outside == []
    if os.environ.get("STEPPE_SCREENSHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)
    page.close()


def test_map_renders_focal_states(server: str, browser: Any) -> None:
    w = Watched(browser, server)
    page = w.open("/")
    assert page.locator("#region-map path").count() >= 15
    assert page.locator("#region-map path.focal").count() == 6
    fills = {
        page.locator(f'#region-map path[data-code="{c}"]').get_attribute("fill")
        for c in ("KAZ", "UZB", "KGZ")
    }
    assert fills and "#f1f2f4" not in fills
    box = page.locator("#region-map").bounding_box()
    assert box and box["width"] > 500 and box["height"] > 200
    with page.expect_navigation():
        page.select_option("select[name=freq]", "quarter")
    assert "freq=quarter" in page.url
    with page.expect_navigation():
        page.select_option("select[name=period]", "2010Q2")
    assert "period=2010Q2" in page.url and w.errors == []


def test_filters_change_rows(server: str, browser: Any) -> None:
    w = Watched(browser, server)
    page = w.open("/events")
    all_rows = page.locator("#events tbody tr").count()
    page.fill("input[name=actor]", "TKM")
    page.fill("input[name=partner]", "CHN")
    with page.expect_navigation():
        page.click("#event-filters button[type=submit]")
    rows = page.locator("#events tbody tr")
    assert 0 < rows.count() < all_rows
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td")
        assert {cells.nth(1).inner_text(), cells.nth(2).inner_text()} == {"TKM", "CHN"}
    assert w.errors == [] and w.outside == []


def test_payloads_are_shown_as_text(server: str, browser: Any) -> None:
    w = Watched(browser, server)
    page = w.open("/events?q=astana+went")
    cell = page.locator("#events tbody tr td.sentence").first
    assert "<script>window.__pwned = 1</script>" in cell.inner_text()
    assert '<img src=x onerror="window.__pwned = 2">' in cell.inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#events img").count() == 0
    page = w.open("/country/KAZ")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert w.errors == [] and w.outside == []


def test_pagination_moves_on(server: str, browser: Any) -> None:
    w = Watched(browser, server)
    page = w.open("/events?actor=KAZ&limit=10")
    first = page.locator("#events tbody tr td").first.inner_text()
    with page.expect_navigation():
        page.click("#next-page")
    assert "after=" in page.url and page.locator("#events tbody tr").count() == 10
    assert page.locator("#events tbody tr td").first.inner_text() <= first


CLIPPED_JS = """() => {
  const bad = [];
  for (const svg of document.querySelectorAll('svg[viewBox]')) {
    const [x0, y0, w, h] = svg.getAttribute('viewBox').trim().split(/[ ,]+/).map(Number);
    for (const t of svg.querySelectorAll('text')) {
      const b = t.getBBox();
      if (!b.width) continue;
      if (b.x < x0 - 0.5 || b.y < y0 - 0.5 || b.x + b.width > x0 + w + 0.5
          || b.y + b.height > y0 + h + 0.5) bad.push(t.textContent);
    }
  }
  return bad;
}"""


@pytest.mark.parametrize("path", ["/", "/country/KAZ", "/country/TJK", "/scenarios"])
def test_no_label_is_cut_at_a_chart_edge(server: str, browser: Any, path: str) -> None:
    w = Watched(browser, server)
    page = w.open(path)
    assert page.evaluate(CLIPPED_JS) == []
    assert w.errors == []


def test_overview_defaults_and_orders(server: str, browser: Any) -> None:
    w = Watched(browser, server)
    page = w.open("/")
    periods = page.locator("select[name=period] option").all_inner_texts()
    assert periods == sorted(periods, reverse=True)  # one frequency, newest first
    assert len({len(p) for p in periods}) == 1  # never years and quarters mixed
    chosen = page.locator("select[name=period] option[selected]").inner_text()
    support = page.locator("#values tbody td:last-child").all_inner_texts()
    assert "adequate" in support, f"default period {chosen} has no adequate value"
    assert page.locator("#region-map .scale").count() == 1  # the colour scale
    # headline cells never show a sparse value: each is a number or a dash
    for cell in page.locator("#headlines td.headline-value").all_inner_texts():
        assert cell == "—" or float(cell) >= 0
    dates = page.locator("#alerts tbody tr td:first-child").all_inner_texts()
    assert dates == sorted(dates, reverse=True)


def test_country_portfolio_newest_first_with_definitions(server: str, browser: Any) -> None:
    w = Watched(browser, server)
    page = w.open("/country/KAZ")
    years = page.locator("#portfolio tbody tr td:first-child").all_inner_texts()
    assert years and years == sorted(years, reverse=True)
    charts = page.locator(".chart").count()
    assert charts > 0 and page.locator(".chart details.def").count() == charts
    assert page.locator("circle.sparse").count() > 0  # thin quarters drawn hollow


def test_report_tables_fit_the_page(browser: Any, tmp_path: Path) -> None:
    """The report's "data as of" table (long source names, licences and notes without spaces)
    and the ingest table stay inside the page at a laptop's width."""
    import steppe
    from steppe.store.sources import record_source

    with steppe.Store(tmp_path / "r.duckdb") as store:
        steppe.install_registry(store)
        long = "remittances:bilateral_remittance_estimates_2021_long_focal_states_by_partner.csv"
        record_source(
            store,
            long,
            "migration",
            "CC-BY-4.0(World-Bank-KNOMAD-bilateral-remittance-matrix-estimates)",
            note="x" * 120,
            rows=1_234_567,
        )
        report = steppe.write_report(store, tmp_path / "r.html")
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    page.goto(report.resolve().as_uri(), wait_until="load")
    overflow = page.evaluate(
        """() => [...document.querySelectorAll('table')].filter(t =>
             t.getBoundingClientRect().right > t.parentElement.getBoundingClientRect().right + 1
           ).length + (document.documentElement.scrollWidth > window.innerWidth ? 100 : 0)"""
    )
    page.close()
    assert overflow == 0
