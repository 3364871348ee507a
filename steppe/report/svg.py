"""Small, dependency-free SVG charts for the offline report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape


@dataclass(frozen=True)
class Point:
    x: date
    y: float
    lo: float | None = None
    hi: float | None = None
    label: str = ""


def _segments(points: Sequence[Point], max_gap_days: int) -> list[list[Point]]:
    """Split a sorted series where consecutive points are further apart than ``max_gap_days``,
    so that a line never bridges periods without data."""
    out: list[list[Point]] = []
    for p in points:
        if out and (p.x - out[-1][-1].x).days <= max_gap_days:
            out[-1].append(p)
        else:
            out.append([p])
    return out


def line_chart(
    points: Sequence[Point],
    *,
    title: str,
    width: int = 640,
    height: int = 200,
    y_min: float = 0.0,
    y_max: float = 1.0,
    x_range: tuple[date, date] | None = None,
    max_gap_days: int = 100,
) -> str:
    """An SVG line chart with an optional uncertainty band, as markup (labels escaped). The
    chart scales to its container's width; ``x_range`` lets several charts share an axis.

    >>> svg = line_chart([Point(date(2020, 1, 1), 0.5)], title="<b>")
    >>> svg.startswith("<svg") and "&lt;b&gt;" in svg
    True
    """
    pad_l, pad_r, pad_t, pad_b = 36, 10, 22, 24
    inner_w, inner_h = width - pad_l - pad_r, height - pad_t - pad_b
    pts = sorted(points, key=lambda p: p.x)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMidYMid meet" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
    )
    if not pts:
        return head + (
            f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" '
            'class="empty">no data</text></svg>'
        )
    first, last = x_range or (pts[0].x, pts[-1].x)
    x0, x1 = first.toordinal(), last.toordinal()
    span = max(x1 - x0, 1)

    def sx(d: date) -> float:
        return pad_l + (d.toordinal() - x0) / span * inner_w if x1 > x0 else pad_l + inner_w / 2

    def sy(v: float) -> float:
        v = min(max(v, y_min), y_max)
        return pad_t + (1 - (v - y_min) / (y_max - y_min)) * inner_h

    parts = [head]
    for tick in (y_min, (y_min + y_max) / 2, y_max):
        y = sy(tick)
        parts.append(
            f'<line x1="{pad_l}" x2="{width - pad_r}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
        )
        parts.append(
            f'<text x="{pad_l - 4}" y="{y + 4:.1f}" text-anchor="end" class="tick">{tick:g}</text>'
        )
    years = list(range(first.year + (first.month > 1 or first.day > 1), last.year + 1))
    step = max(1, len(years) // 8)
    for yr in years[::step]:
        parts.append(
            f'<text x="{sx(date(yr, 1, 1)):.1f}" y="{height - 6}" text-anchor="middle" '
            f'class="tick">{yr}</text>'
        )
    for seg in _segments(pts, max_gap_days):
        band = [p for p in seg if p.lo is not None and p.hi is not None]
        if len(band) > 1:
            upper = " ".join(f"{sx(p.x):.1f},{sy(p.hi or 0):.1f}" for p in band)
            lower = " ".join(f"{sx(p.x):.1f},{sy(p.lo or 0):.1f}" for p in reversed(band))
            parts.append(f'<polygon points="{upper} {lower}" class="band"/>')
        elif band:
            p = band[0]
            parts.append(
                f'<line x1="{sx(p.x):.1f}" x2="{sx(p.x):.1f}" y1="{sy(p.lo or 0):.1f}" '
                f'y2="{sy(p.hi or 0):.1f}" class="whisker"/>'
            )
        if len(seg) > 1:
            coords = " ".join(f"{sx(p.x):.1f},{sy(p.y):.1f}" for p in seg)
            parts.append(f'<polyline points="{coords}" class="line"/>')
    for p in pts:
        tip = escape(p.label or f"{p.x.isoformat()}: {p.y:.3f}")
        parts.append(
            f'<circle cx="{sx(p.x):.1f}" cy="{sy(p.y):.1f}" r="2.5" class="dot">'
            f"<title>{tip}</title></circle>"
        )
    parts.append(f'<text x="{pad_l}" y="14" class="title">{escape(title)}</text></svg>')
    return "".join(parts)
