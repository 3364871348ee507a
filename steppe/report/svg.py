"""Small, dependency-free SVG charts for the offline report."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
    sparse: bool = False


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
        # sparse points: hollow and grey, so the eye reads them as thin support
        style = (
            'class="dot sparse" fill="#ffffff" stroke="#9aa5b1" stroke-width="1.2"'
            if p.sparse
            else 'class="dot"'
        )
        parts.append(
            f'<circle cx="{sx(p.x):.1f}" cy="{sy(p.y):.1f}" r="2.8" {style}>'
            f"<title>{tip}</title></circle>"
        )
    if any(p.sparse for p in pts):
        x0 = width - pad_r - 200
        parts.append(
            f'<circle cx="{x0}" cy="10" r="2.8" class="dot"/>'
            f'<text x="{x0 + 6}" y="13" class="tick">adequate</text>'
            f'<circle cx="{x0 + 64}" cy="10" r="2.8" fill="#ffffff" '
            'stroke="#9aa5b1" stroke-width="1.2"/>'
            f'<text x="{x0 + 70}" y="13" class="tick">sparse (thin support)</text>'
        )
    parts.append(f'<text x="{pad_l}" y="14" class="title">{escape(title)}</text></svg>')
    return "".join(parts)


PALETTE = ("#2f6fdd", "#c0392b", "#d68910", "#1e8449", "#7d3c98", "#566573")


def multi_line_chart(
    series: Mapping[str, Sequence[Point]],
    *,
    title: str,
    width: int = 640,
    height: int = 210,
    y_range: tuple[float, float] | None = None,
    x_range: tuple[date, date] | None = None,
    max_gap_days: int = 400,
) -> str:
    """Several labelled series on one axis (colours from :data:`PALETTE`), with a legend.

    >>> svg = multi_line_chart({"KAZ": [Point(date(2000, 1, 1), 0.1)],
    ...                         "RUS": [Point(date(2001, 1, 1), -0.3)]}, title="t")
    >>> svg.count("<polyline") + svg.count("<circle"), "RUS" in svg
    (2, True)
    """
    pts = [p for s in series.values() for p in s]
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    )
    if not pts:
        return head + (
            f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" class="empty">'
            "no data</text></svg>"
        )
    lo, hi = y_range or (min(p.y for p in pts), max(p.y for p in pts))
    if hi <= lo:
        lo, hi = lo - 1, hi + 1
    first, last = x_range or (min(p.x for p in pts), max(p.x for p in pts))
    pad_l, pad_r, pad_t, pad_b = 40, 10, 34, 24
    inner_w, inner_h = width - pad_l - pad_r, height - pad_t - pad_b
    span = max(last.toordinal() - first.toordinal(), 1)

    def sx(d: date) -> float:
        return pad_l + (d.toordinal() - first.toordinal()) / span * inner_w

    def sy(v: float) -> float:
        return pad_t + (1 - (min(max(v, lo), hi) - lo) / (hi - lo)) * inner_h

    parts = [head]
    for tick in (lo, (lo + hi) / 2, hi):
        parts.append(
            f'<line x1="{pad_l}" x2="{width - pad_r}" y1="{sy(tick):.1f}" y2="{sy(tick):.1f}" '
            f'class="grid"/><text x="{pad_l - 4}" y="{sy(tick) + 4:.1f}" text-anchor="end" '
            f'class="tick">{tick:.2g}</text>'
        )
    years = list(range(first.year + 1, last.year + 1))
    for yr in years[:: max(1, len(years) // 8)]:
        parts.append(
            f'<text x="{sx(date(yr, 1, 1)):.1f}" y="{height - 6}" text-anchor="middle" '
            f'class="tick">{yr}</text>'
        )
    legend_x = float(pad_l)
    for i, (label, points) in enumerate(series.items()):
        colour = PALETTE[i % len(PALETTE)]
        ordered = sorted(points, key=lambda p: p.x)
        for seg in _segments(ordered, max_gap_days):
            if len(seg) > 1:
                coords = " ".join(f"{sx(p.x):.1f},{sy(p.y):.1f}" for p in seg)
                parts.append(
                    f'<polyline points="{coords}" fill="none" stroke="{colour}" '
                    f'stroke-width="1.5"><title>{escape(label)}</title></polyline>'
                )
            else:
                p = seg[0]
                parts.append(
                    f'<circle cx="{sx(p.x):.1f}" cy="{sy(p.y):.1f}" r="2" fill="{colour}">'
                    f"<title>{escape(label)}</title></circle>"
                )
        parts.append(
            f'<rect x="{legend_x}" y="22" width="10" height="3" fill="{colour}"/>'
            f'<text x="{legend_x + 13}" y="27" class="tick">{escape(label)}</text>'
        )
        legend_x += 14 + 7 * len(label) + 12
    parts.append(f'<text x="{pad_l}" y="14" class="title">{escape(title)}</text></svg>')
    return "".join(parts)


def fan_chart(
    rounds: Sequence[int],
    median: Sequence[float],
    q05: Sequence[float],
    q95: Sequence[float],
    *,
    title: str,
    y_range: tuple[float, float],
    thresholds: Sequence[tuple[str, float]] = (),
    width: int = 640,
    height: int = 220,
) -> str:
    """A scenario fan chart: median outcome per round with its 5-95 % band and threshold lines.

    >>> svg = fan_chart([0, 1], [50, 55], [40, 45], [60, 65], title="x", y_range=(0, 100),
    ...                 thresholds=[("robust", 60)])
    >>> "robust" in svg and "<polygon" in svg
    True
    """
    lo, hi = y_range
    pad_l, pad_r, pad_t, pad_b = 40, 130, 22, 26
    inner_w, inner_h = width - pad_l - pad_r, height - pad_t - pad_b
    last = max(rounds[-1], 1) if rounds else 1

    def sx(r: float) -> float:
        return pad_l + r / last * inner_w

    def sy(v: float) -> float:
        return pad_t + (1 - (min(max(v, lo), hi) - lo) / (hi - lo)) * inner_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}" class="fan">'
        f"<title>{escape(title)}</title>"
    ]
    for tick in (lo, (lo + hi) / 2, hi):
        parts.append(
            f'<line x1="{pad_l}" x2="{pad_l + inner_w}" y1="{sy(tick):.1f}" y2="{sy(tick):.1f}" '
            f'class="grid"/><text x="{pad_l - 4}" y="{sy(tick) + 4:.1f}" text-anchor="end" '
            f'class="tick">{tick:g}</text>'
        )
    for r in rounds[:: max(1, len(rounds) // 10)]:
        parts.append(
            f'<text x="{sx(r):.1f}" y="{height - 8}" text-anchor="middle" class="tick">{r}</text>'
        )
    upper = " ".join(f"{sx(r):.1f},{sy(v):.1f}" for r, v in zip(rounds, q95, strict=True))
    lower = " ".join(
        f"{sx(r):.1f},{sy(v):.1f}" for r, v in reversed(list(zip(rounds, q05, strict=True)))
    )
    parts.append(f'<polygon points="{upper} {lower}" class="band"/>')
    coords = " ".join(f"{sx(r):.1f},{sy(v):.1f}" for r, v in zip(rounds, median, strict=True))
    parts.append(f'<polyline points="{coords}" class="line"/>')
    for name, value in thresholds:
        parts.append(
            f'<line x1="{pad_l}" x2="{pad_l + inner_w}" y1="{sy(value):.1f}" y2="{sy(value):.1f}" '
            f'class="threshold"/><text x="{pad_l + inner_w + 4}" y="{sy(value) + 4:.1f}" '
            f'class="tick">{escape(name)}</text>'
        )
    parts.append(f'<text x="{pad_l}" y="14" class="title">{escape(title)}</text></svg>')
    return "".join(parts)
