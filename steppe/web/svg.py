"""Server-rendered SVG for the dashboard: the regional map and the tie network. No script,
no external geometry: the map uses the bundled Natural Earth shapes."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from functools import cache
from html import escape
from typing import Any

from steppe.registry import data_path

MAP_BOUNDS = (26.0, 22.0, 96.0, 58.0)  # lon_min, lat_min, lon_max, lat_max


@cache
def _features() -> list[dict[str, Any]]:
    with data_path("geo", "central_asia_50m.geojson").open(encoding="utf-8") as fh:
        return list(json.load(fh)["features"])


def colour(value: float | None) -> str:
    """Sequential blue scale for values in [0, 1]; grey for no value.

    >>> colour(0.0), colour(1.0), colour(None)
    ('#e8eff9', '#1c4b96', '#d5d8dc')
    """
    if value is None or math.isnan(value):
        return "#d5d8dc"
    v = min(max(value, 0.0), 1.0)
    lo, hi = (0xE8, 0xEF, 0xF9), (0x1C, 0x4B, 0x96)
    r, g, b = (round(a + (c - a) * v) for a, c in zip(lo, hi, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def region_map(
    values: Mapping[str, float | None],
    labels: Mapping[str, str],
    *,
    capitals: Sequence[tuple[str, float, float]] = (),
    width: int = 900,
) -> str:
    """The region with each focal state filled by its value; hover text from ``labels``."""
    lon0, lat0, lon1, lat1 = MAP_BOUNDS
    kx = math.cos(math.radians((lat0 + lat1) / 2))
    scale = width / ((lon1 - lon0) * kx)
    height = round((lat1 - lat0) * scale)

    def xy(lon: float, lat: float) -> str:
        return f"{(lon - lon0) * kx * scale:.1f},{(lat1 - lat) * scale:.1f}"

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-label="Map of Central Asia" id="region-map">'
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
        fill = colour(values.get(code)) if focal else "#f1f2f4"
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
