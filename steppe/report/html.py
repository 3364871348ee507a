"""The self-contained HTML report: one offline file, no external request."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, datetime
from html import escape
from importlib import metadata
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from steppe.domain.codes import FOCAL_STATES, POLES
from steppe.indicators.headline import headline_series, headlines
from steppe.indicators.support import MAX_WIDTH, MIN_N
from steppe.report.present import (
    MIN_DAYS,
    headline_period,
    interaction_charts,
    latest_levers,
    present_rows,
    sources_as_of,
)
from steppe.report.svg import (
    Point,
    fan_chart,
    line_chart,
    multi_line_chart,
    paths_chart,
    tornado_chart,
)
from steppe.store import Store, read

ATTRIBUTION = (
    "Bundled event sample: ICEWS coded event data (Boschee et al., Harvard Dataverse) as "
    "distributed in the ICEWS05-15 temporal knowledge-graph benchmark (García-Durán, Dumančić & "
    "Niepert 2018; BSD-3-Clause). CAMEO codes: Schrodt (2012); Goldstein (1992) weights; "
    "CAMEO→PLOVER: Open Event Data Alliance (CC BY-SA 4.0). UN General Assembly roll calls: "
    "Voeten, Strezhnev & Bailey, United Nations General Assembly Voting Data (CC0). See "
    "steppe/data/SOURCES.md."
)

METHOD_NOTE = (
    "M = 1 − (H − 1/8) / (1 − 1/8), where H is the Herfindahl concentration of a state's "
    "cooperative events (CAMEO quad classes 1–2) across eight poles: Russia, China, the EU (and "
    "its members while members), the US, Turkey, Iran, the region (other focal states, the "
    "Consultative Meeting) and other. 1 = cooperation spread evenly over all poles; 0 = all "
    "with one. Partial pooling: a period's pole shares are drawn from Dirichlet(n_k + c·q_k), "
    "centred on the state's own long-run shares q_k with c = 10 pseudo-events (empirical Bayes, "
    "Gelman et al. 2013, Bayesian Data Analysis §5), so a quarter with one event no longer reads "
    "as total dependence. Point = posterior median; band = 90 % credible interval; n = the "
    f"period's cooperative events. Hollow grey points are sparse (n < {MIN_N} or an interval "
    f"wider than {MAX_WIDTH}): shown, never a headline. Source: the store's events (bundled: "
    "ICEWS, Boschee et al.)."
)

_SPARSE = (
    f"Sparse (hollow, grey): n < {MIN_N}, or on a 0–1 scale an interval wider than {MAX_WIDTH}."
)

DEFINITIONS: dict[str, str] = {
    "multivector": METHOD_NOTE,
    "pole_share": "Each pole's share of the state's cooperative events (CAMEO quad 1–2) in the "
    "period, partially pooled toward its long-run shares: (n_k + c·q_k) / (n + c), c = 10; "
    "interval: 90 % Beta posterior. n = the period's cooperative events. Source: events. "
    + _SPARSE,
    "coop_share": "Partner's share of the state's cooperative events (CAMEO quad 1–2) in the "
    "year, partially pooled toward the state's long-run partner shares: (n_ab + c·q_b) / "
    "(N_a + c), c = 10; interval: 90 % Beta posterior. n = N_a, the state's cooperative events "
    "that year. Source: events. " + _SPARSE,
    "coop_asymmetry": "Partner's share of the state's cooperation minus the state's share of "
    "the partner's (Keohane & Nye 1977). Source: events.",
    "vote_agreement": "1 − mean |vote_a − vote_b| / 2 over the UN General Assembly roll calls "
    "both cast a vote on that year (yes = 1, abstain = ½, no = 0); n = roll calls. Source: "
    "Voeten, Strezhnev & Bailey UNGA voting data (CC0). " + _SPARSE,
    "s_score": "Signorino & Ritter (1999) S-score of the two states' votes per year; n = "
    "roll calls. Source: UNGA voting data.",
    "kappa": "Cohen's kappa of the two states' votes per year (Häge 2011); n = roll calls. "
    "Source: UNGA voting data.",
    "ideal_point": "Steppe's one-dimensional ideal point per state and year (a dynamic "
    "item-response model of the roll calls; higher = closer to the US-led position), with its "
    "90 % interval; n = votes cast. Checked against Bailey, Strezhnev & Voeten. Source: UNGA "
    "voting data.",
    "split_vote": "On roll calls where the two poles voted differently (yes/abstain/no), the "
    "share of the state's votes that sided with the first pole (its vote equal to that "
    "pole's, or nearer to it on yes = 1, abstain = ½, no = 0); partner names the pair (e.g. "
    "RUS-USA). Interval: Jeffreys 90 %; n = split roll calls the state voted on. Source: UNGA "
    "voting data. " + _SPARSE,
    "cohesion_events": "Intra-regional share of the focal states' cooperative events per year. "
    "Source: events.",
    "cohesion_votes": "Mean pairwise UN vote agreement among the focal states per year. "
    "Source: UNGA voting data.",
    "cohesion_igo": "Mean number of IGOs shared by pairs of focal states (COW IGO data).",
    "cohesion_orgs": "Organisations and formats with all six focal states as members (registry).",
    "capability_share": "Share of the summed CINC of the focal states and the five powers "
    "(COW National Material Capabilities).",
    "trade_share": "Partner's share of the state's total trade (imports + exports) per year.",
    "trade_hhi": "Herfindahl concentration of the state's trade across partners per year.",
    "trade_asymmetry": "Partner's share of the state's trade minus the state's share of the "
    "partner's.",
    "alert": "Change points (PELT) in a state's yearly alignment and dependence series.",
}
"""Each indicator's definition (formula, source, what n counts), shown one click away."""


def signed(value: float | None) -> str:
    """A signed change as a reader reads it: thousands separated, no exponent, decimals only
    where the size needs them.

    >>> [signed(v) for v in (5890.4, -1000.0, 0.1234, 2.5, None)]
    ['+5,890', '-1,000', '+0.123', '+2.50', '']
    """
    if value is None:
        return ""
    if abs(value) >= 100:
        return f"{value:+,.0f}"
    if abs(value) >= 1:
        return f"{value:+.2f}"
    return f"{value:+.3f}"


def template_environment(folder: str) -> Environment:
    """Jinja templates packaged under ``steppe/<folder>``, autoescaped: every value from the
    store (names, sentences, titles) is untrusted text."""
    env = Environment(
        loader=PackageLoader("steppe", folder),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["signed"] = signed
    return env


_env = template_environment("report/templates")


def _version() -> str:
    try:
        return metadata.version("steppe")
    except metadata.PackageNotFoundError:
        return "unknown"


POWERS = ("RUS", "CHN", "USA")


def _points(rows: list[dict[str, Any]]) -> list[Point]:
    return [Point(r["period_start"], r["value"]) for r in rows if r["value"] is not None]


def support_points(rows: list[dict[str, Any]]) -> list[Point]:
    """Chart points of an indicator series with their interval, n and sparse flag."""
    return [
        Point(
            r["period_start"],
            r["value"],
            r["lo"],
            r["hi"],
            f"{r['period']}: {r['value']:.3f}"
            + (f" [{r['lo']:.2f}–{r['hi']:.2f}]" if r["lo"] is not None else "")
            + f" (n={r['n']}{', sparse' if r['sparse'] else ''})",
            sparse=bool(r["sparse"]),
        )
        for r in rows
        if r["value"] is not None
    ]


def portfolio_rows(store: Store, freq: str = "year") -> list[dict[str, Any]]:
    """The partner portfolio: each focal state's pooled pole shares per period, in time order
    (state by state, oldest period first), with the period's events and sparse flag."""
    by_key: dict[tuple[str, date], dict[str, Any]] = {}
    for r in read.indicators(store, "pole_share", freq=freq):
        row = by_key.setdefault(
            (r["actor"], r["period_start"]),
            {"actor": r["actor"], "period": r["period"], "n": r["n"], "sparse": True, "shares": {}},
        )
        row["shares"][r["partner"]] = r["value"]
        row["sparse"] = bool(r["n"] is None or r["n"] < MIN_N)
    order = {c: i for i, c in enumerate(FOCAL_STATES)}
    return [
        by_key[k] for k in sorted(by_key, key=lambda k: (order.get(k[0], len(order)), k[0], k[1]))
    ]


def alignment_charts(store: Store) -> list[dict[str, str]]:
    """Per focal state: its UN ideal point beside Russia's, China's and the US's, and its vote
    agreement with each of them, by year."""
    out = []
    powers = {p: _points(read.indicators(store, "ideal_point", actor=p)) for p in POWERS}
    for code in FOCAL_STATES:
        own = _points(read.indicators(store, "ideal_point", actor=code))
        if not own:
            continue
        agree = {
            p: _points(read.indicators(store, "vote_agreement", actor=code, partner=p))
            for p in POWERS
        }
        first = min(p.x for p in own)
        out.append(
            {
                "code": code,
                "ideal": multi_line_chart(
                    {
                        code: own,
                        **{p: [q for q in pts if q.x >= first] for p, pts in powers.items()},
                    },
                    title=f"{code} — UN General Assembly ideal point (Steppe's estimate)",
                ),
                "agreement": multi_line_chart(
                    {f"with {p}": pts for p, pts in agree.items()},
                    y_range=(0.0, 1.0),
                    title=f"{code} — vote agreement (1 − mean distance / 2)",
                ),
            }
        )
    return out


def cohesion_charts(store: Store) -> list[str]:
    """The six as a group (actor CA6): vote cohesion and intra-regional event share, and the
    number of organisations and formats all six belong to."""
    shares = {
        "vote agreement among the six": _points(read.indicators(store, "cohesion_votes", "CA6")),
        "intra-regional share of cooperative events": _points(
            read.indicators(store, "cohesion_events", "CA6")
        ),
    }
    charts = []
    if any(shares.values()):
        charts.append(
            multi_line_chart(
                {k: v for k, v in shares.items() if v},
                y_range=(0.0, 1.0),
                title="Regional cohesion (CA6)",
            )
        )
    orgs = _points(read.indicators(store, "cohesion_orgs", "CA6"))
    if orgs:
        charts.append(
            multi_line_chart(
                {"organisations with all six as members": orgs},
                title="Shared memberships of the six",
            )
        )
    return charts


def channel_charts(store: Store) -> list[str]:
    """Per focal state: the multivector index by channel — events, votes (split-vote
    alignment), trade and combined per year; GDELT interaction per quarter — adequately
    supported values only."""
    charts = []
    for code in FOCAL_STATES:
        rows = read.indicators(store, "multivector", actor=code)
        wanted = {
            "events": (None, "year"),
            "interaction": ("interaction", "quarter"),
            "votes": ("votes", "year"),
            "trade": ("trade", "year"),
            "combined": ("combined", "year"),
        }
        series = {
            ch: [
                Point(r["period_start"], r["value"])
                for r in rows
                if (r["partner"], r["freq"]) == key and r["value"] is not None and not r["sparse"]
            ]
            for ch, key in wanted.items()
        }
        # the combined line breaks where the channels it averages change: a level change
        # there is the mix changing, not the state
        combined = sorted(
            (r["period_start"], _channels_of(r["method"]))
            for r in rows
            if r["partner"] == "combined" and r["value"] is not None and not r["sparse"]
        )
        cuts = [
            d for (d, ch), (_, before) in zip(combined[1:], combined, strict=False) if ch != before
        ]
        if any(series.values()):
            charts.append(
                multi_line_chart(
                    {k: v for k, v in series.items() if v},
                    y_range=(0.0, 1.0),
                    title=f"{code} — multivector index by channel (adequate periods)",
                    breaks={"combined": cuts},
                )
            )
    return charts


def _channels_of(method: str | None) -> str:
    """The channel list a combined value's ``method`` names ("mean of channels: events (n=33),
    votes (n=79); ..." -> "events, votes").

    >>> _channels_of("mean of channels: events (n=33), votes (n=79); 90 % interval")
    'events, votes'
    """
    text = (method or "").removeprefix("mean of channels: ").split(";")[0]
    return ", ".join(part.split(" (")[0].strip() for part in text.split(","))


def split_vote_charts(store: Store) -> list[str]:
    """Per focal state: the share of its votes siding with each pole on split roll calls."""
    charts = []
    for code in FOCAL_STATES:
        rows = read.indicators(store, "split_vote", actor=code)
        series = {
            f"with {p}": [
                Point(r["period_start"], r["value"])
                for r in rows
                if r["partner"] == p and r["value"] is not None and not r["sparse"]
            ]
            for p in ("RUS", "USA", "CHN", "EU")
        }
        if any(series.values()):
            charts.append(
                multi_line_chart(
                    {k: v for k, v in series.items() if v},
                    y_range=(0.0, 1.0),
                    title=f"{code} — side taken on split UN votes (RUS–USA, CHN–EU)",
                )
            )
    return charts


def cooperation_charts(store: Store) -> list[str]:
    """Per focal state: each pole's pooled share of its cooperative events (``coop_share``
    with RUS, CHN, USA, EU, TUR, IRN), by year; sparse values hollow and grey, never joined."""
    charts = []
    for code in FOCAL_STATES:
        series = {}
        for p in ("RUS", "CHN", "USA", "EU", "TUR", "IRN"):
            rows = [
                r
                for r in read.indicators(store, "coop_share", actor=code, partner=p)
                if r["value"] is not None
            ]
            if any(not r["sparse"] for r in rows):
                series[p] = support_points(rows)
        if series:
            charts.append(
                multi_line_chart(
                    series,
                    y_range=(0.0, 1.0),
                    title=f"{code} — partner's share of its cooperative events (pooled)",
                )
            )
    return charts


def dependence_charts(store: Store) -> list[dict[str, str]]:
    """Per focal state: the share of its trade with Russia and China, by year."""
    out = []
    for code in FOCAL_STATES:
        shares = {
            f"{p}": _points(read.indicators(store, "trade_share", actor=code, partner=p))
            for p in ("RUS", "CHN", "TUR", "IRN")
        }
        if any(shares.values()):
            out.append(
                {
                    "code": code,
                    "chart": multi_line_chart(
                        {k: v for k, v in shares.items() if v},
                        y_range=(0.0, 1.0),
                        title=f"{code} — share of trade with each partner (basis per year)",
                    ),
                }
            )
    return out


def scenario_charts(run: dict[str, Any]) -> list[str]:
    """Charts for a stored scenario run, per issue dimension: the fan chart and every actor's
    path (median and 5-95 % band over runs), with the shock rounds marked on both."""
    outcome = json.loads(run["outcome"]) if isinstance(run["outcome"], str) else run["outcome"]
    shocks = [
        (int(sh["round"]), (f"{sh['name']} ({sh['label']})" if sh.get("name") else sh["label"]))
        for sh in outcome.get("shocks", [])
    ]
    charts = []
    for dim in outcome["dimensions"]:
        lines = [
            (t["name"], float(t["value"]))
            for t in outcome.get("thresholds", [])
            if t.get("dimension") == dim
        ]
        y_range = tuple(outcome["dimension_scale"][dim])
        charts.append(
            fan_chart(
                outcome["rounds_index"],
                outcome["outcome_median"][dim],
                outcome["outcome_q05"][dim],
                outcome["outcome_q95"][dim],
                y_range=y_range,
                thresholds=lines,
                shocks=shocks,
                mean=outcome.get("mean_median", {}).get(dim),
                title=f"{run['scenario']} — {dim} (median voter, 5–95 %; dashed: mean)",
            )
        )
        if outcome.get("path_median"):
            charts.append(
                paths_chart(
                    outcome["rounds_index"],
                    {
                        a: (
                            outcome["path_median"][a][dim],
                            outcome["path_q05"][a][dim],
                            outcome["path_q95"][a][dim],
                        )
                        for a in outcome["path_median"]
                    },
                    y_range=y_range,
                    shocks=shocks,
                    outcome=outcome["outcome_median"][dim],
                    title=f"{run['scenario']} — {dim}: actors' positions (median, 5–95 %)",
                )
            )
    charts.extend(sensitivity_charts(outcome, str(run["scenario"])))
    return charts


def sensitivity_charts(outcome: dict[str, Any], name: str, top: int = 12) -> list[str]:
    """Tornado charts of a run's one-at-a-time sensitivity (if it has one): the final outcome
    per dimension and each threshold probability, the ``top`` widest swings."""
    rows = outcome.get("sensitivity") or []
    if not rows:
        return []
    n = outcome.get("sensitivity_runs")
    note = f"one at a time, {n} runs" if n else "one at a time"
    charts = []
    for dim in outcome["dimensions"]:
        bars = sorted(
            ((f"{r['actor']} {r['field']}", r["outcome"][dim]["low"], r["outcome"][dim]["high"])
             for r in rows),
            key=lambda b: -abs(b[2] - b[1]),
        )[:top]  # fmt: skip
        charts.append(
            tornado_chart(
                bars,
                rows[0]["outcome"][dim]["base"],
                title=f"{name} — what moves the final {dim} ({note})",
            )
        )
    for thr in rows[0]["thresholds"]:
        bars = sorted(
            ((f"{r['actor']} {r['field']}", r["thresholds"][thr]["low"],
              r["thresholds"][thr]["high"]) for r in rows),
            key=lambda b: -abs(b[2] - b[1]),
        )[:top]  # fmt: skip
        base = rows[0]["thresholds"][thr]["base"]
        if all(lo == base and hi == base for _, lo, hi in bars):  # an empty chart says nothing
            charts.append(
                f'<p class="small">{escape(name)} — P({escape(thr)}) is {100 * base:.0f} % '
                "with every input lowered and raised one at a time: no input moves it.</p>"
            )
            continue
        charts.append(
            tornado_chart(
                bars,
                base,
                x_range=(0.0, 1.0),
                title=f"{name} — what moves P({thr}) ({note})",
            )
        )
    return charts


def sensitivity_table(outcome: dict[str, Any]) -> list[dict[str, Any]]:
    """The sensitivity rows of a run flattened for a table: actor, field, change, and per
    dimension and threshold the values with the input lowered and raised."""
    out = []
    for r in outcome.get("sensitivity") or []:
        cells = [f"{d}: {v['low']:.1f} / {v['high']:.1f}" for d, v in r["outcome"].items()] + [
            f"P({k}): {v['low']:.2f} / {v['high']:.2f}" for k, v in r["thresholds"].items()
        ]
        out.append(
            {"actor": r["actor"], "field": r["field"], "change": r["change"],
             "swing": r["swing"], "cells": cells}
        )  # fmt: skip
    return out


def scenario_sections(store: Store) -> list[dict[str, Any]]:
    """The latest run of each scenario with its fan charts, thresholds and final positions."""
    latest: dict[str, dict[str, Any]] = {}
    for run in read.scenario_runs(store, limit=200):
        latest.setdefault(run["scenario"], run)
    sections = []
    for name, run in sorted(latest.items()):
        outcome = json.loads(run["outcome"])
        sections.append(
            {
                "name": name,
                "run_id": run["run_id"],
                "seed": run["seed"],
                "model": outcome.get("model"),
                "runs": outcome.get("runs"),
                "charts": scenario_charts(run),
                "thresholds": outcome.get("threshold_probability", {}),
                "sensitivity": sensitivity_table(outcome),
                "sensitivity_runs": outcome.get("sensitivity_runs"),
                "positions": [
                    {
                        "actor": a,
                        "dimension": d,
                        "median": v,
                        "q05": outcome["final_position_q05"][a][d],
                        "q95": outcome["final_position_q95"][a][d],
                    }
                    for a, dims in outcome["final_position_median"].items()
                    for d, v in dims.items()
                ],
            }
        )
    return sections


def report_context(store: Store) -> dict[str, Any]:
    """Everything the report shows, as plain data (also useful to test the numbers)."""
    actors = {a["code"]: a for a in read.actors(store)}
    today = date.today()
    series = defaultdict(list)
    for row in read.indicators(store, "multivector", freq="quarter"):
        if row["partner"] is None:  # the events channel; trade and votes have partners
            series[row["actor"]].append(row)
    heads = {h.actor: h for h in headlines(store)}
    starts = [r["period_start"] for rows in series.values() for r in rows]
    x_range = (min(starts), max(starts)) if starts else None
    countries = []
    for code in FOCAL_STATES:
        a = actors.get(code) or {
            "code": code,
            "name": code,
            "iso3": None,
            "cow_code": None,
            "cameo": None,
            "lat": None,
            "lon": None,
        }
        current = [
            m["org"] for m in read.memberships(store, actor=code, on=today) if m["role"] == "member"
        ]
        rows = series.get(code, [])
        countries.append(
            {
                **a,
                "current": current,
                "headline": heads.get(code),
                "periods": len(rows),
                "sparse_periods": sum(1 for r in rows if r["sparse"]),
                "chart": line_chart(
                    support_points(rows), title=f"{a['name']} — multivector index", x_range=x_range
                ),
            }
        )
    portfolio = portfolio_rows(store, "year")
    focal_memberships = [m for m in read.memberships(store) if m["member"] in FOCAL_STATES]
    info = read.summary(store)
    headline = headline_period(store)
    return {
        "headline": headline,
        "headline_min_days": MIN_DAYS,
        "present": present_rows(store, headline) if headline else [],
        "levers": latest_levers(store),
        "sources": sources_as_of(store),
        "interaction": interaction_charts(store),
        "title": "Steppe — Central Asia realignment report",
        "version": _version(),
        "generated": datetime.now().strftime("%Y-%m-%d %H:%M"),
        "store_path": store.path,
        "schema_version": info["schema_version"],
        "event_total": info["tables"]["events"],
        "quarantined": info["tables"]["quarantine"],
        "countries": countries,
        "poles": list(POLES),
        "portfolio": portfolio,
        "memberships": focal_memberships,
        "origins": read.event_origins(store),
        "modalities": read.event_modalities(store),
        "files": read.ingest_log(store),
        "method_note": METHOD_NOTE,
        "min_n": MIN_N,
        "definitions": DEFINITIONS,
        "max_width": MAX_WIDTH,
        "attribution": ATTRIBUTION,
        "alignment": alignment_charts(store),
        "dependence": dependence_charts(store),
        "cooperation": cooperation_charts(store),
        "scenarios": scenario_sections(store),
        "alerts": read.alerts(store, limit=ALERTS_SHOWN),
        "alerts_total": len(read.alerts(store)),
        "headlines": list(heads.values()),
        "headline_by_state": heads,
        "headline_series": headline_series(store),
        "cohesion": cohesion_charts(store),
        "pressure": {c: read.pressure(store, c) for c in FOCAL_STATES},
        "channels": channel_charts(store),
        "split_votes": split_vote_charts(store),
    }


ALERTS_SHOWN = 30
"""Alerts listed in the report (the newest; ``steppe alerts`` lists all)."""


def write_report(store: Store, path: str | Path) -> Path:
    """Render the report from the store to ``path`` (one self-contained HTML file).

    >>> import tempfile, pathlib
    >>> with Store(":memory:") as s:
    ...     out = write_report(s, pathlib.Path(tempfile.mkdtemp()) / "r.html")
    >>> "<html" in out.read_text()
    True
    """
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    html = _env.get_template("report.html.j2").render(**report_context(store))
    out.write_text(html, encoding="utf-8")
    return out
