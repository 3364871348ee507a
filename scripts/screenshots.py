"""Screenshots of the report and every dashboard page into docs/screenshots, from a store built
by `make demo` (out/steppe.duckdb, out/report.html), in Debian's headless Chromium.

    .venv/bin/python scripts/screenshots.py [--db out/steppe.duckdb] [--report out/report.html]

Prints, per page, any text cut at its chart's edge, any table wider than its container (or a
page wider than the window) and any request that left 127.0.0.1.
"""

from __future__ import annotations

import argparse
import socket
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from steppe.web import create_app
from steppe.web.browser import CHROMIUM_ARGS, chromium_path

PAGES = (
    ("/", "overview"),
    ("/country/KAZ", "country"),
    ("/network?min_events=2", "network"),
    ("/events", "events"),
    ("/scenarios", "scenarios"),
)
REPORT_SECTIONS = (
    "now",
    "sources",
    "countries",
    "multivector",
    "portfolio",
    "alignment",
    "channels",
    "split-votes",
    "alerts",
    "pressure",
    "dependence",
    "cooperation",
    "scenarios",
)
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


OVERFLOW_JS = """() => {
  const bad = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + 1) {
    bad.push(`page ${doc.scrollWidth} > ${doc.clientWidth}`);
  }
  for (const t of document.querySelectorAll('table')) {
    const r = t.getBoundingClientRect(), p = t.parentElement.getBoundingClientRect();
    if (r.right > p.right + 1) bad.push(`table ${Math.round(r.width)} > ${Math.round(p.width)}`);
  }
  return bad;
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=Path("out/steppe.duckdb"))
    parser.add_argument("--report", type=Path, default=Path("out/report.html"))
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    browser_path = chromium_path()
    if not browser_path:
        raise SystemExit("Debian's chromium is not installed (scripts/install-browser.sh)")
    args.out.mkdir(parents=True, exist_ok=True)
    app = create_app(args.db, scenarios_dir=Path("scenarios"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=list(CHROMIUM_ARGS))
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        outside: list[str] = []
        page.on(
            "request",
            lambda r: None if r.url.startswith((base, "file:", "data:")) else outside.append(r.url),
        )
        for path, name in PAGES:
            page.goto(base + path, wait_until="networkidle")
            page.screenshot(path=str(args.out / f"{name}.png"), full_page=True)
            print(name, "clipped:", page.evaluate(CLIPPED_JS))
            print(name, "overflowing:", page.evaluate(OVERFLOW_JS))
        page.goto(args.report.resolve().as_uri(), wait_until="load")
        print("report clipped:", page.evaluate(CLIPPED_JS))
        print("report overflowing:", page.evaluate(OVERFLOW_JS))
        for section in REPORT_SECTIONS:
            heading = page.locator(f"#{section}")
            if not heading.count():
                continue
            heading.scroll_into_view_if_needed()
            page.evaluate(f"document.getElementById('{section}').scrollIntoView()")
            page.screenshot(path=str(args.out / f"report-{section}.png"))
        print("requests off 127.0.0.1:", outside)
        browser.close()
    server.should_exit = True
    app.state.store.close()


if __name__ == "__main__":
    main()
