"""The HTML report is one offline file that shows the country table, memberships and series."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import steppe
from steppe.store.reference import insert_rows


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.scripts += tag == "script"
        for key, value in attrs:
            if key in ("src", "href") and value:
                self.refs.append(value)


def test_report_is_self_contained(store: steppe.Store, tmp_path: Path) -> None:
    steppe.ingest_events(store, [steppe.data_path(*steppe.DEMO_EVENTS)], "icews")
    steppe.measure(store)
    html = steppe.write_report(store, tmp_path / "r.html").read_text()
    parser = _Refs()
    parser.feed(html)
    assert all(not re.match(r"(https?:)?//", ref) for ref in parser.refs)
    assert "@import" not in html and "url(http" not in html
    for name in (
        "Kazakhstan",
        "Kyrgyzstan",
        "Tajikistan",
        "Turkmenistan",
        "Uzbekistan",
        "Azerbaijan",
    ):
        assert f"{name} — multivector index" in html
    assert "Eurasian Economic Union" in html or "EAEU" in html
    assert html.count("— multivector index</title>") == 6 and "<polyline" in html
    assert "Regional cohesion (CA6)" in html  # from the packaged memberships alone
    # cooperation dependence: pooled partner shares, their sparse years drawn hollow
    assert "share of its cooperative events (pooled)" in html
    section = html[html.index('id="cooperation"') :]
    assert 'class="dot sparse"' in section[: section.index("</div></div>") + 2000]


def test_multi_line_chart_draws_sparse_points_hollow_and_unjoined() -> None:
    from datetime import date

    from steppe.report.svg import SPARSE_LEGEND, Point, multi_line_chart

    pts = [Point(date(2000 + i, 1, 1), 0.1 * i, sparse=i == 2) for i in range(5)]
    svg = multi_line_chart({"RUS": pts}, title="t", y_range=(0.0, 1.0), max_gap_days=800)
    assert svg.count('class="dot sparse"') == 1 and SPARSE_LEGEND in svg
    # the line joins the four adequate points only (the sparse one is not a vertex)
    (line,) = re.findall(r'<polyline points="([^"]+)"', svg)
    assert len(line.split()) == 4
    assert SPARSE_LEGEND not in multi_line_chart({"RUS": pts[:2]}, title="t")
    # a break date splits the line (the combined index where its channels change)
    adequate = [p for p in pts if not p.sparse]
    cut = {"RUS": [adequate[2].x]}
    svg = multi_line_chart({"RUS": adequate}, title="t", max_gap_days=800, breaks=cut)
    assert [len(x.split()) for x in re.findall(r'<polyline points="([^"]+)"', svg)] == [2, 2]


def test_untrusted_text_is_escaped(store: steppe.Store, tmp_path: Path) -> None:
    insert_rows(
        store,
        "ingest_log",
        [
            {
                "file": "<script>alert(1)</script>.tsv",
                "digest": "x",
                "origin": "icews",
                "ok": 1,
                "duplicate": 0,
                "bad": 0,
                "started": "2024-01-01 00:00:00",
                "finished": "2024-01-01 00:00:00",
            }
        ],
    )
    html = steppe.write_report(store, tmp_path / "r.html").read_text()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
