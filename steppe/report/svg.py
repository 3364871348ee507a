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


def line_chart(
    points: Sequence[Point],
    *,
    title: str,
    width: int = 640,
    height: int = 200,
    y_min: float = 0.0,
    y_max: float = 1.0,
) -> str:
    """An SVG line chart with an optional uncertainty band, as markup (labels escaped).

    >>> svg = line_chart([Point(date(2020, 1, 1), 0.5)], title="<b>")
    >>> svg.startswith("<svg") and "&lt;b&gt;" in svg
    True
    """
    pad_l, pad_r, pad_t, pad_b = 36, 10, 22, 24
    inner_w, inner_h = width - pad_l - pad_r, height - pad_t - pad_b
    pts = sorted(points, key=lambda p: p.x)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>"
    )
    if not pts:
        return head + (
            f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" '
            'class="empty">no data</text></svg>'
        )
    x0, x1 = pts[0].x.toordinal(), pts[-1].x.toordinal()
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
    years = sorted({p.x.year for p in pts})
    step = max(1, len(years) // 8)
    for yr in years[::step]:
        x = sx(date(yr, 1, 1)) if date(yr, 1, 1) >= pts[0].x else sx(pts[0].x)
        parts.append(
            f'<text x="{x:.1f}" y="{height - 6}" text-anchor="middle" class="tick">{yr}</text>'
        )
    band = [p for p in pts if p.lo is not None and p.hi is not None]
    if band:
        upper = " ".join(f"{sx(p.x):.1f},{sy(p.hi):.1f}" for p in band)  # type: ignore[arg-type]
        lower = " ".join(f"{sx(p.x):.1f},{sy(p.lo):.1f}" for p in reversed(band))  # type: ignore[arg-type]
        parts.append(f'<polygon points="{upper} {lower}" class="band"/>')
    parts.append(
        '<polyline points="'
        + " ".join(f"{sx(p.x):.1f},{sy(p.y):.1f}" for p in pts)
        + '" class="line"/>'
    )
    for p in pts:
        tip = escape(p.label or f"{p.x.isoformat()}: {p.y:.3f}")
        parts.append(
            f'<circle cx="{sx(p.x):.1f}" cy="{sy(p.y):.1f}" r="2.5" class="dot">'
            f"<title>{tip}</title></circle>"
        )
    parts.append(f'<text x="{pad_l}" y="14" class="title">{escape(title)}</text></svg>')
    return "".join(parts)
