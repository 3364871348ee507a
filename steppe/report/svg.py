"""Small, dependency-free SVG charts for the offline report."""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping, Sequence
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


def tick_label(value: float, span: float) -> str:
    """A short axis label for ``value`` on an axis spanning ``span``: enough decimals to tell
    the ticks apart, never more than three, no scientific notation for ordinary numbers.

    >>> tick_label(0.200593, 0.4), tick_label(1.0, 1.0), tick_label(-1.25, 3.0)
    ('0.20', '1.00', '-1.2')
    >>> tick_label(2500, 5000), tick_label(1371276014, 1e9)
    ('2,500', '1.37 bn')
    """
    if span <= 0:
        span = abs(value) or 1.0
    decimals = min(3, max(0, 1 - math.floor(math.log10(span / 2))))
    if abs(value) >= 1e9:
        return f"{value / 1e9:.2f} bn"
    if abs(value) >= 1e6:
        return f"{value / 1e6:.1f} m"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.{decimals}f}"


def _label_pad(labels: Sequence[str], minimum: int) -> int:
    """Left padding wide enough for the longest tick label (10 px font, about 6 px a char)."""
    return max(minimum, 6 * max((len(x) for x in labels), default=0) + 10)


def _title(title: str, x: float, width: int) -> str:
    """A chart title at ``x``; one too long for the room left (12 px bold, at most about 7.4 px a
    character) is condensed to fit rather than cut at the edge.

    >>> "textLength" in _title("t" * 200, 40, 640), "textLength" in _title("short", 40, 640)
    (True, False)
    """
    room = width - x - 6
    fit = (
        f' textLength="{room:.0f}" lengthAdjust="spacingAndGlyphs"'
        if 7.4 * len(title) > room
        else ""
    )
    return f'<text x="{x}" y="14" class="title"{fit}>{escape(title)}</text>'


def _year_tick(x: float, y: float, year: int, width: int) -> str:
    """A year label under the x axis, anchored so that it stays inside the chart."""
    anchor = "end" if x + 14 > width - 2 else "start" if x - 14 < 2 else "middle"
    return f'<text x="{x:.1f}" y="{y}" text-anchor="{anchor}" class="tick">{year}</text>'


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


def _split_at(points: list[Point], cuts: Collection[date]) -> list[list[Point]]:
    """Split a sorted series before each point whose date is in ``cuts``."""
    out: list[list[Point]] = []
    for p in points:
        if out and p.x not in cuts:
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
    ticks = [(t, tick_label(t, y_max - y_min)) for t in (y_min, (y_min + y_max) / 2, y_max)]
    pad_l, pad_r, pad_t, pad_b = _label_pad([t for _, t in ticks], 36), 10, 22, 24
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
    for tick, text in ticks:
        y = sy(tick)
        parts.append(
            f'<line x1="{pad_l}" x2="{width - pad_r}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
        )
        parts.append(
            f'<text x="{pad_l - 4}" y="{y + 4:.1f}" text-anchor="end" class="tick">{text}</text>'
        )
    years = list(range(first.year + (first.month > 1 or first.day > 1), last.year + 1))
    step = max(1, len(years) // 8)
    for yr in years[::step]:
        parts.append(_year_tick(sx(date(yr, 1, 1)), height - 6, yr, width))
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
    parts.append(_title(title, pad_l, width) + "</svg>")
    return "".join(parts)


PALETTE = ("#2f6fdd", "#c0392b", "#d68910", "#1e8449", "#7d3c98", "#566573")

FIXED_COLOURS: dict[str, str] = {
    "RUS": "#c0392b",
    "CHN": "#d68910",
    "USA": "#1e8449",
    "EU": "#7d3c98",
    "TUR": "#566573",
    "IRN": "#17a589",
    "events": "#2f6fdd",
    "interaction": "#c0392b",
    "votes": "#7d3c98",
    "trade": "#1e8449",
    "combined": "#1d2733",
}
"""Poles and channels keep one colour in every chart (matched on a label's last word, so
"with RUS" is Russia's red); other series take the palette in order."""


def series_colours(labels: Sequence[str]) -> dict[str, str]:
    """A colour per series label: the fixed colour of its pole or channel, else the next
    palette colour not yet used.

    >>> series_colours(["KAZ", "with RUS", "CHN"])
    {'KAZ': '#2f6fdd', 'with RUS': '#c0392b', 'CHN': '#d68910'}
    """
    fixed = {label: FIXED_COLOURS.get(label.split()[-1]) for label in labels if label}
    used = {c for c in fixed.values() if c}
    free = [c for c in PALETTE if c not in used] or list(PALETTE)
    out: dict[str, str] = {}
    for i, label in enumerate(labels):
        colour = fixed.get(label)
        if colour is None:
            colour = free[0] if free else PALETTE[i % len(PALETTE)]
            free = free[1:] or free
        out[label] = colour
    return out


SPARSE_LEGEND = "hollow: sparse (thin support)"


def multi_line_chart(
    series: Mapping[str, Sequence[Point]],
    *,
    title: str,
    width: int = 640,
    height: int = 210,
    y_range: tuple[float, float] | None = None,
    x_range: tuple[date, date] | None = None,
    max_gap_days: int = 400,
    breaks: Mapping[str, Collection[date]] | None = None,
) -> str:
    """Several labelled series on one axis (colours from :data:`PALETTE`), with a legend.
    Sparse points are drawn hollow and never joined by their series' line; a series' line
    also breaks before each of its dates in ``breaks`` (e.g. where what it combines changes).

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
    ticks = [(t, tick_label(t, hi - lo)) for t in (lo, (lo + hi) / 2, hi)]
    pad_l, pad_r, pad_b = _label_pad([t for _, t in ticks], 40), 10, 24
    # legend entries flow left to right and wrap onto new rows: none is cut at the edge
    legend: list[tuple[float, float]] = []
    lx, ly = float(pad_l), 22.0
    thin = any(p.sparse for p in pts)
    for label in [*series, *([SPARSE_LEGEND] if thin else [])]:
        need = 14 + 6 * len(label) + 12
        if lx + need > width - pad_r and lx > pad_l:
            lx, ly = float(pad_l), ly + 12
        legend.append((lx, ly))
        lx += need
    pad_t = int(ly) + 12
    height += pad_t - 34
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    )
    inner_w, inner_h = width - pad_l - pad_r, height - pad_t - pad_b
    span = max(last.toordinal() - first.toordinal(), 1)

    def sx(d: date) -> float:
        return pad_l + (d.toordinal() - first.toordinal()) / span * inner_w

    def sy(v: float) -> float:
        return pad_t + (1 - (min(max(v, lo), hi) - lo) / (hi - lo)) * inner_h

    parts = [head]
    for tick, text in ticks:
        parts.append(
            f'<line x1="{pad_l}" x2="{width - pad_r}" y1="{sy(tick):.1f}" y2="{sy(tick):.1f}" '
            f'class="grid"/><text x="{pad_l - 4}" y="{sy(tick) + 4:.1f}" text-anchor="end" '
            f'class="tick">{text}</text>'
        )
    years = list(range(first.year + 1, last.year + 1))
    for yr in years[:: max(1, len(years) // 8)]:
        parts.append(_year_tick(sx(date(yr, 1, 1)), height - 6, yr, width))
    colours = series_colours(list(series))
    for i, (label, points) in enumerate(series.items()):
        colour = colours[label]
        # sparse points: hollow and grey (as in line_chart), never joined by the line
        for p in points:
            if p.sparse:
                parts.append(
                    f'<circle cx="{sx(p.x):.1f}" cy="{sy(p.y):.1f}" r="2.5" class="dot sparse" '
                    'fill="#ffffff" stroke="#9aa5b1" stroke-width="1.2">'
                    f"<title>{escape(label)}: {escape(p.label or '')} (sparse)</title></circle>"
                )
        ordered = sorted((p for p in points if not p.sparse), key=lambda p: p.x)
        cuts = set((breaks or {}).get(label, ()))
        pieces = [
            piece for seg in _segments(ordered, max_gap_days) for piece in _split_at(seg, cuts)
        ]
        for seg in pieces:
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
        legend_x, legend_y = legend[i]
        parts.append(
            f'<rect x="{legend_x}" y="{legend_y}" width="10" height="3" fill="{colour}"/>'
            f'<text x="{legend_x + 13}" y="{legend_y + 5}" class="tick">{escape(label)}</text>'
        )
    if thin:
        legend_x, legend_y = legend[-1]
        parts.append(
            f'<circle cx="{legend_x + 5}" cy="{legend_y + 2}" r="2.5" fill="#ffffff" '
            f'stroke="#9aa5b1" stroke-width="1.2"/>'
            f'<text x="{legend_x + 13}" y="{legend_y + 5}" class="tick">{SPARSE_LEGEND}</text>'
        )
    parts.append(_title(title, pad_l, width) + "</svg>")
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
    shocks: Sequence[tuple[int, str]] = (),
    mean: Sequence[float] | None = None,
    width: int = 640,
    height: int = 220,
) -> str:
    """A scenario fan chart: median outcome per round with its 5-95 % band, threshold lines,
    the shock rounds marked (:func:`shock_marks`) and, if given, the weighted mean position as
    a dashed line.

    >>> svg = fan_chart([0, 1], [50, 55], [40, 45], [60, 65], title="x", y_range=(0, 100),
    ...                 thresholds=[("robust", 60)])
    >>> "robust" in svg and "<polygon" in svg
    True
    """
    frame = _RoundFrame(rounds, y_range, width, height, 12, title, "fan")
    pad_l, pad_t, inner_w, inner_h = frame.pad_l, frame.pad_t, frame.inner_w, frame.inner_h
    sx, sy, parts = frame.sx, frame.sy, frame.parts
    upper = " ".join(f"{sx(r):.1f},{sy(v):.1f}" for r, v in zip(rounds, q95, strict=True))
    lower = " ".join(
        f"{sx(r):.1f},{sy(v):.1f}" for r, v in reversed(list(zip(rounds, q05, strict=True)))
    )
    parts.append(f'<polygon points="{upper} {lower}" class="band"/>')
    coords = " ".join(f"{sx(r):.1f},{sy(v):.1f}" for r, v in zip(rounds, median, strict=True))
    parts.append(f'<polyline points="{coords}" class="line"/>')
    if mean is not None:
        dashed = " ".join(f"{sx(r):.1f},{sy(v):.1f}" for r, v in zip(rounds, mean, strict=True))
        parts.append(
            f'<polyline points="{dashed}" fill="none" stroke="#2f6fdd" stroke-width="1.2" '
            f'stroke-dasharray="5 3"><title>weighted mean position (capability × salience; '
            f"median over runs)</title></polyline>"
            f'<text x="{sx(rounds[-1]) - 4:.1f}" y="{sy(mean[-1]) + 12:.1f}" class="tick" '
            f'text-anchor="end" fill="#2f6fdd" stroke="#ffffff" stroke-width="3" '
            f'paint-order="stroke">mean</text>'
        )
    parts.extend(shock_marks(shocks, sx, pad_t, pad_t + inner_h))
    for name, value in thresholds:
        # the label sits inside the plot, right-aligned just above its line: never cut
        y = sy(value)
        label_y = y - 3 if y - 3 > pad_t + 8 else y + 11
        parts.append(
            f'<line x1="{pad_l}" x2="{pad_l + inner_w}" y1="{y:.1f}" y2="{y:.1f}" '
            f'class="threshold"/><text x="{pad_l + inner_w - 4}" y="{label_y:.1f}" '
            f'text-anchor="end" class="tick threshold-label" stroke="#ffffff" '
            f'stroke-width="3" paint-order="stroke">{escape(name)} ({value:g})</text>'
        )
    parts.append(_title(title, pad_l, width) + "</svg>")
    return "".join(parts)


def shock_marks(
    shocks: Sequence[tuple[int, str]], sx: Callable[[float], float], top: float, bottom: float
) -> list[str]:
    """Dashed vertical lines half a round before each shock round (a shock applies at the
    start of its round, so it shows in that round's value), labelled ``⚡N``; hovering gives
    the shocks' descriptions.

    >>> marks = shock_marks([(3, "RUS capability x 0.8"), (3, "AZE joins")], lambda r: r * 10,
    ...                     0, 100)
    >>> len(marks), "RUS capability x 0.8; AZE joins" in marks[0]
    (1, True)
    """
    by_round: dict[int, list[str]] = {}
    for rnd, label in shocks:
        by_round.setdefault(int(rnd), []).append(label)
    out = []
    for rnd, labels in sorted(by_round.items()):
        x = sx(rnd - 0.5)
        text = escape(f"round {rnd}: " + "; ".join(labels))
        out.append(
            f'<g class="shock"><title>{text}</title><line x1="{x:.1f}" x2="{x:.1f}" '
            f'y1="{top:.1f}" y2="{bottom:.1f}" stroke="#7d3c98" stroke-dasharray="2 3" '
            f'stroke-width="1.2"/><text x="{x + 2:.1f}" y="{top + 9:.1f}" class="tick" '
            f'fill="#7d3c98">\u26a1{rnd}</text></g>'
        )
    return out


def paths_chart(
    rounds: Sequence[int],
    series: Mapping[str, tuple[Sequence[float | None], ...]],
    *,
    title: str,
    y_range: tuple[float, float],
    shocks: Sequence[tuple[int, str]] = (),
    outcome: Sequence[float] | None = None,
    width: int = 640,
    height: int = 240,
) -> str:
    """Every actor's position per round: ``series[actor] = (median, q05, q95)`` (None where the
    actor takes no part), a light band per actor, the outcome as a thick grey line, shock
    rounds marked; actors' labels at their last position.

    >>> svg = paths_chart([0, 1, 2], {"RUS": ([80, 70, 60], [75, 65, 55], [85, 75, 65]),
    ...                               "AZE": ([None, 50, 52], [None, 50, 50], [None, 50, 55])},
    ...                   title="t", y_range=(0, 100), shocks=[(1, "AZE joins")])
    >>> svg.count("<polyline"), "AZE joins" in svg, "RUS" in svg
    (2, True, True)
    """
    frame = _RoundFrame(rounds, y_range, width, height, 70, title, "paths")
    pad_l, pad_t, inner_h = frame.pad_l, frame.pad_t, frame.inner_h
    sx, sy, parts = frame.sx, frame.sy, frame.parts
    if outcome is not None:
        coords = " ".join(f"{sx(r):.1f},{sy(v):.1f}" for r, v in zip(rounds, outcome, strict=True))
        parts.append(
            f'<polyline points="{coords}" fill="none" stroke="#9aa5b1" stroke-width="4" '
            f'opacity="0.6"><title>outcome (median voter, median over runs)</title></polyline>'
        )
    label_ys: list[float] = []
    for i, (actor, (med, q05, q95)) in enumerate(series.items()):
        colour = PALETTE[i % len(PALETTE)]
        on = [k for k, v in enumerate(med) if v is not None]
        if not on:
            continue
        pts = [(rounds[k], float(med[k] or 0), float(q05[k] or 0), float(q95[k] or 0)) for k in on]
        upper = " ".join(f"{sx(r):.1f},{sy(h):.1f}" for r, _, _, h in pts)
        lower = " ".join(f"{sx(r):.1f},{sy(lo_):.1f}" for r, _, lo_, _ in reversed(pts))
        if any(h > lo_ for _, _, lo_, h in pts):
            parts.append(f'<polygon points="{upper} {lower}" fill="{colour}" opacity="0.08"/>')
        coords = " ".join(f"{sx(r):.1f},{sy(m):.1f}" for r, m, _, _ in pts)
        parts.append(
            f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="1.4">'
            f"<title>{escape(actor)}</title></polyline>"
        )
        y = sy(pts[-1][1]) + 4
        while any(abs(y - other) < 9 for other in label_ys):
            y += 9
        label_ys.append(y)
        parts.append(
            f'<text x="{sx(pts[-1][0]) + 4:.1f}" y="{y:.1f}" class="tick" fill="{colour}">'
            f"{escape(actor)}</text>"
        )
    parts.extend(shock_marks(shocks, sx, pad_t, pad_t + inner_h))
    parts.append(_title(title, pad_l, width) + "</svg>")
    return "".join(parts)


def tornado_chart(
    bars: Sequence[tuple[str, float, float]],
    base: float,
    *,
    title: str,
    x_range: tuple[float, float] | None = None,
    low_label: str = "input lowered",
    high_label: str = "input raised",
    width: int = 640,
    bar_height: int = 14,
) -> str:
    """A tornado chart: one horizontal bar per ``(label, value_when_lowered,
    value_when_raised)``, drawn from ``base`` (the unperturbed outcome, a vertical line) to each
    value, widest swing on top; lowered in orange, raised in blue.

    >>> svg = tornado_chart([("RUS capability", 40, 55), ("KAZ position", 45, 52)], 50,
    ...                     title="t")
    >>> svg.index("RUS capability") < svg.index("KAZ position"), svg.count("<rect")
    (True, 6)
    """
    rows = sorted(bars, key=lambda b: -abs(b[2] - b[1]))
    pad_l, pad_r, pad_t, pad_b = 150, 20, 36, 24
    height = pad_t + pad_b + max(1, len(rows)) * (bar_height + 4)
    inner_w = width - pad_l - pad_r
    values = [v for _, lo, hi in rows for v in (lo, hi)] + [base]
    lo_x, hi_x = x_range or (min(values), max(values))
    if hi_x <= lo_x:
        lo_x, hi_x = lo_x - 1, hi_x + 1

    def sx(v: float) -> float:
        return pad_l + (min(max(v, lo_x), hi_x) - lo_x) / (hi_x - lo_x) * inner_w

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}" class="tornado">'
        f"<title>{escape(title)}</title>"
    ]
    for tick in (lo_x, (lo_x + hi_x) / 2, hi_x):
        parts.append(
            f'<line x1="{sx(tick):.1f}" x2="{sx(tick):.1f}" y1="{pad_t - 4}" '
            f'y2="{height - pad_b}" class="grid"/><text x="{sx(tick):.1f}" y="{height - 8}" '
            f'text-anchor="middle" class="tick">{tick:.3g}</text>'
        )
    for k, (label, low, high) in enumerate(rows):
        y = pad_t + k * (bar_height + 4)
        for value, colour, which in ((low, "#d68910", low_label), (high, "#2f6fdd", high_label)):
            x0, x1 = sorted((sx(base), sx(value)))
            parts.append(
                f'<rect x="{x0:.1f}" y="{y}" width="{max(x1 - x0, 1.0):.1f}" '
                f'height="{bar_height}" fill="{colour}" opacity="0.8"><title>'
                f"{escape(label)}, {escape(which)}: {value:.4g} (base {base:.4g})</title></rect>"
            )
        parts.append(
            f'<text x="{pad_l - 6}" y="{y + bar_height - 3}" text-anchor="end" class="tick">'
            f"{escape(label)}</text>"
        )
    parts.append(
        f'<line x1="{sx(base):.1f}" x2="{sx(base):.1f}" y1="{pad_t - 6}" y2="{height - pad_b}" '
        f'stroke="#333" stroke-width="1.2"/>'
        f'<rect x="{pad_l}" y="22" width="10" height="6" fill="#d68910"/>'
        f'<text x="{pad_l + 13}" y="28" class="tick">{escape(low_label)}</text>'
        f'<rect x="{pad_l + 110}" y="22" width="10" height="6" fill="#2f6fdd"/>'
        f'<text x="{pad_l + 123}" y="28" class="tick">{escape(high_label)}</text>'
        + _title(title, 8, width)
        + "</svg>"
    )
    return "".join(parts)


class _RoundFrame:
    """The frame the scenario charts share: scales from round and position to pixels, the
    opening ``<svg>``, three grid lines with their values and up to ten round labels."""

    pad_l, pad_t, pad_b = 40, 22, 26

    def __init__(
        self,
        rounds: Sequence[int],
        y_range: tuple[float, float],
        width: int,
        height: int,
        pad_r: int,
        title: str,
        css_class: str,
    ) -> None:
        self.lo, self.hi = y_range
        self.inner_w = width - self.pad_l - pad_r
        self.inner_h = height - self.pad_t - self.pad_b
        self.last = max(rounds[-1], 1) if rounds else 1
        lo, hi, pad_l = self.lo, self.hi, self.pad_l
        self.parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="100%" role="img" aria-label="{escape(title)}" class="{css_class}">'
            f"<title>{escape(title)}</title>"
        ]
        for tick in (lo, (lo + hi) / 2, hi):
            self.parts.append(
                f'<line x1="{pad_l}" x2="{pad_l + self.inner_w}" y1="{self.sy(tick):.1f}" '
                f'y2="{self.sy(tick):.1f}" class="grid"/><text x="{pad_l - 4}" '
                f'y="{self.sy(tick) + 4:.1f}" text-anchor="end" class="tick">{tick:g}</text>'
            )
        for r in rounds[:: max(1, len(rounds) // 10)]:
            self.parts.append(
                f'<text x="{self.sx(r):.1f}" y="{height - 8}" text-anchor="middle" '
                f'class="tick">{r}</text>'
            )

    def sx(self, r: float) -> float:
        return self.pad_l + r / self.last * self.inner_w

    def sy(self, v: float) -> float:
        lo, hi = self.lo, self.hi
        return self.pad_t + (1 - (min(max(v, lo), hi) - lo) / (hi - lo)) * self.inner_h
