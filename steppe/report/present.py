"""The report's opening: the latest period with enough data, each focal state's position in it
from the 2018–2024 data, and how current each source is ("data as of")."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from steppe.domain.codes import FOCAL_STATES
from steppe.indicators.headline import SERIES, headlines
from steppe.report.svg import Point, multi_line_chart
from steppe.store import Store, read

MIN_DAYS = SERIES[0].min_n
"""A quarter heads the report only with GDELT data on at least this many days (2024Q1, which
stops on 23 February with 54 days, does not): the rule of :func:`steppe.indicators.headline.
headlines`, which every headline view uses."""
PARTNERS = ("RUS", "CHN", "EU", "USA", "TUR")


def headline_period(store: Store, states: Iterable[str] = FOCAL_STATES) -> str | None:
    """The quarter of the report's "Now" table: the earliest of the focal states' headline
    periods (:func:`~steppe.indicators.headline.headlines`, one rule for every view) when the
    headline series is the GDELT interaction channel, so every state is shown in a quarter its
    headline reaches; ``None`` without interaction data.

    >>> with Store(":memory:") as s:
    ...     headline_period(s) is None
    True
    """
    heads = [
        h
        for h in headlines(store, states)
        if h.period is not None and h.period_start is not None and h.series == SERIES[0].label
    ]
    return min(heads, key=lambda h: h.period_start).period if heads else None  # type: ignore[arg-type,return-value]


def _value(rows: list[dict[str, Any]], period: str) -> dict[str, Any] | None:
    return next((r for r in rows if r["period"] == period and r["value"] is not None), None)


def _year_before(period: str) -> str:
    return f"{int(period[:4]) - 1}{period[4:]}"


def present_rows(store: Store, period: str) -> list[dict[str, Any]]:
    """Per focal state in ``period``: the interaction multivector index and the shares of
    positive interaction with Russia, China, the EU, the US and Turkey (each with its 90 %
    interval and ``n`` days), and Russia's share a year earlier."""
    out = []
    for code in FOCAL_STATES:
        index = _value(read.indicators(store, "multivector", code, "interaction"), period)
        if index is None:
            continue
        shares = {}
        for p in PARTNERS:
            shares[p] = _value(read.indicators(store, "interaction_share", code, p), period)
        before = _value(
            read.indicators(store, "interaction_share", code, "RUS"), _year_before(period)
        )
        out.append({"code": code, "index": index, "shares": shares, "rus_before": before})
    return out


def _latest(store: Store, name: str, actor: str, partner: str | None) -> dict[str, Any] | None:
    rows = [
        r
        for r in read.indicators(store, name, actor, partner)
        if r["partner"] == partner and r["value"] is not None
    ]
    return rows[-1] if rows else None


def latest_levers(store: Store) -> list[dict[str, Any]]:
    """Per focal state, the latest value of each slower-moving lever with its period: trade
    shares with Russia and China (and their basis), EU exports, the remittance share from
    Russia, remittances as % of GDP, migrants in Russia, and the BSV UN ideal point (from
    final-passage votes, the variant that reaches 2024)."""
    out = []
    bsv = {
        (r["country"], int(r["year"])): r
        for r in store.query(
            "SELECT country, year, ideal_point, q05, q95 FROM ideal_points_reference "
            "WHERE variant = 'fp' AND ideal_point IS NOT NULL"
        )
    }
    for code in FOCAL_STATES:
        years = sorted(y for c, y in bsv if c == code)
        ideal = bsv[(code, years[-1])] | {"year": years[-1]} if years else None
        row = {
            "code": code,
            "trade_rus": _latest(store, "trade_share", code, "RUS"),
            "trade_chn": _latest(store, "trade_share", code, "CHN"),
            "eu_exports": _latest(store, "eu_exports", code, "EU"),
            "remit_rus": _latest(store, "remittance_share", code, "RUS"),
            "remit_gdp": _latest(store, "remittances_gdp", code, None),
            "migrants_rus": _latest(store, "migrant_stock", code, "RUS"),
            "ideal": ideal,
        }
        if any(v for k, v in row.items() if k != "code"):
            out.append(row)
    return out


def interaction_charts(store: Store) -> list[str]:
    """Per focal state: the quarterly shares of its positive GDELT interaction with Russia,
    China, the EU, the US and Turkey."""
    charts = []
    for code in FOCAL_STATES:
        series = {
            p: [
                Point(r["period_start"], r["value"], r["lo"], r["hi"])
                for r in read.indicators(store, "interaction_share", code, p)
                if r["value"] is not None
            ]
            for p in PARTNERS
        }
        if any(series.values()):
            charts.append(
                multi_line_chart(
                    {k: v for k, v in series.items() if v},
                    y_range=(0.0, 1.0),
                    title=f"{code} — share of positive GDELT interaction, by quarter",
                )
            )
    return charts


def sources_as_of(store: Store) -> list[dict[str, Any]]:
    """Every source with its coverage ("data as of" = its last date), rows, last fetch and
    load, licence and note."""
    return read.sources(store)
