"""Server-rendered SVG for the dashboard: the regional map and the tie network. No script,
no external geometry: the map uses the bundled Natural Earth shapes."""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Mapping, Sequence
from functools import cache
from html import escape
from typing import Any

from steppe.registry import data_path

MAP_BOUNDS = (26.0, 22.0, 96.0, 58.0)  # lon_min, lat_min, lon_max, lat_max


@cache
def _features() -> list[dict[str, Any]]:
    with data_path("geo", "central_asia_50m.geojson").open(encoding="utf-8") as fh:
        return list(json.load(fh)["features"])


def colour(value: float | None, lo: float = 0.0, hi: float = 1.0) -> str:
    """Sequential blue scale for values in [lo, hi]; grey for no value. The lowest value is
    a clear light blue (ColorBrewer Blues' third step), so it never reads as "no value".

    >>> colour(0.0), colour(1.0), colour(None), colour(5.0, 0.0, 10.0) == colour(0.5)
    ('#c6dbef', '#1c4b96', '#d5d8dc', True)
    """
    if value is None or math.isnan(value):
        return "#d5d8dc"
    v = min(max((value - lo) / (hi - lo) if hi > lo else 0.5, 0.0), 1.0)
    start, end = (0xC6, 0xDB, 0xEF), (0x1C, 0x4B, 0x96)
    r, g, b = (round(a + (c - a) * v) for a, c in zip(start, end, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def value_range(values: Sequence[float]) -> tuple[float, float]:
    """The colour scale's range for values not on [0, 1]: their min and max (0–1 if none).

    >>> value_range([-0.4, 1.2]), value_range([])
    ((-0.4, 1.2), (0.0, 1.0))
    """
    if not values:
        return 0.0, 1.0
    lo, hi = min(values), max(values)
    return (lo, hi) if hi > lo else (lo - 0.5, hi + 0.5)


def region_map(
    values: Mapping[str, float | None],
    labels: Mapping[str, str],
    *,
    capitals: Sequence[tuple[str, float, float]] = (),
    width: int = 900,
    sparse: Collection[str] = (),
    scale: tuple[float, float] = (0.0, 1.0),
    legend: str = "",
) -> str:
    """The region with each focal state filled by its value on a sequential scale (a colour
    bar with the scale's ends is drawn in the corner); states in ``sparse`` are hatched grey;
    hover text from ``labels``."""
    lon0, lat0, lon1, lat1 = MAP_BOUNDS
    kx = math.cos(math.radians((lat0 + lat1) / 2))
    k = width / ((lon1 - lon0) * kx)
    height = round((lat1 - lat0) * k)

    def xy(lon: float, lat: float) -> str:
        return f"{(lon - lon0) * kx * k:.1f},{(lat1 - lat) * k:.1f}"

    lo, hi = scale
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-label="Map of Central Asia" id="region-map">'
        '<defs><pattern id="sparse-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#eceef1"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#b8c0c8" stroke-width="2"/></pattern>'
        '<linearGradient id="scale-gradient" x1="0" x2="1" y1="0" y2="0">'
        + "".join(f'<stop offset="{i / 4:.2f}" stop-color="{colour(i / 4)}"/>' for i in range(5))
        + "</linearGradient></defs>"
    ]
    for feature in _features():
        code = feature["properties"]["code"]
        geom = feature["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        path = " ".join(
            "M" + " L".join(xy(lon, lat) for lon, lat in ring) + " Z"
            for poly in polys
            for ring in poly
        )
        focal = code in values
        if code in sparse:
            fill = "url(#sparse-hatch)"
        else:
            fill = colour(values.get(code), lo, hi) if focal else "#f1f2f4"
        label = escape(labels.get(code, feature["properties"]["name"]))
        parts.append(
            f'<path d="{path}" fill="{fill}" class="{"focal" if focal else "land"}" '
            f'data-code="{escape(code)}"><title>{label}</title></path>'
        )
    for name, lat, lon in capitals:
        x, y = xy(lon, lat).split(",")
        parts.append(
            f'<circle cx="{x}" cy="{y}" r="3" class="capital"><title>{escape(name)}</title>'
            f'</circle><text x="{float(x) + 5:.1f}" y="{float(y) - 4:.1f}" class="place">'
            f"{escape(name)}</text>"
        )
    # the colour bar, bottom left, over the sea/desert margin
    bx, by, bw = 16, height - 58, 220
    parts.append(
        f'<g class="scale"><rect x="{bx - 8}" y="{by - 22}" width="{bw + 120}" height="62" '
        'fill="#ffffff" opacity="0.85" rx="4"/>'
        f'<text x="{bx}" y="{by - 8}" class="place">{escape(legend)}</text>'
        f'<rect x="{bx}" y="{by}" width="{bw}" height="12" fill="url(#scale-gradient)" '
        'stroke="#9aa5b1" stroke-width="0.5"/>'
        f'<text x="{bx}" y="{by + 26}" class="place">{lo:.3g}</text>'
        f'<text x="{bx + bw}" y="{by + 26}" class="place" text-anchor="end">{hi:.3g}</text>'
        f'<rect x="{bx + bw + 12}" y="{by}" width="14" height="12" fill="url(#sparse-hatch)" '
        'stroke="#9aa5b1" stroke-width="0.5"/>'
        f'<text x="{bx + bw + 30}" y="{by + 10}" class="place">sparse</text>'
        f'<rect x="{bx + bw + 12}" y="{by + 16}" width="14" height="12" fill="#d5d8dc" '
        'stroke="#9aa5b1" stroke-width="0.5"/>'
        f'<text x="{bx + bw + 30}" y="{by + 26}" class="place">no value</text></g>'
    )
    parts.append("</svg>")
    return "".join(parts)


def network_graph(
    ties: Sequence[Mapping[str, Any]], names: Mapping[str, str], size: int = 640
) -> str:
    """Actors on a circle; green edges for cooperation, red for conflict, width by count."""
    nodes = sorted({t["a"] for t in ties} | {t["b"] for t in ties})
    if not nodes:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} 80" width="100%">'
            '<text x="20" y="40" class="empty">no ties between registry actors in this period'
            "</text></svg>"
        )
    c, r = size / 2, size / 2 - 60
    pos = {
        n: (
            c + r * math.cos(2 * math.pi * i / len(nodes) - math.pi / 2),
            c + r * math.sin(2 * math.pi * i / len(nodes) - math.pi / 2),
        )
        for i, n in enumerate(nodes)
    }
    top = max(max(t["cooperation"], t["conflict"]) for t in ties) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        'width="100%" role="img" aria-label="Network of ties" id="network">'
    ]
    for t in ties:
        (x1, y1), (x2, y2) = pos[t["a"]], pos[t["b"]]
        for kind, offset in (("cooperation", -2.0), ("conflict", 2.0)):
            n = t[kind]
            if not n:
                continue
            w = 0.6 + 7 * n / top
            tip = escape(f"{t['a']}–{t['b']}: {n} {kind} events")
            parts.append(
                f'<line x1="{x1 + offset:.1f}" y1="{y1 + offset:.1f}" x2="{x2 + offset:.1f}" '
                f'y2="{y2 + offset:.1f}" class="edge {kind}" stroke-width="{w:.1f}">'
                f"<title>{tip}</title></line>"
            )
    for n, (x, y) in pos.items():
        parts.append(
            f'<g class="node" data-code="{escape(n)}"><circle cx="{x:.1f}" cy="{y:.1f}" r="14">'
            f"<title>{escape(names.get(n, n))}</title></circle>"
            f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle">{escape(n)}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
