"""Hybrid-pressure index: per focal state, power and month, what the power does to the state and
what the state's press writes about each lever of pressure.

Two components, kept side by side (they have different units, so they are not summed):

- ``pressure_acts`` (from ``events``): the number of conflictual and coercive acts of the power
  toward the state — events with the power as source and the state as target in quad classes
  3-4 (verbal and material conflict: PLOVER ACCUSE, REJECT, THREATEN, PROTEST, SANCTION,
  MOBILIZE, COERCE, ASSAULT ...) or PLOVER THREATEN, SANCTION, COERCE, ASSAULT — plus PROTEST
  events with the state as source and the power as target (protests by the state's population
  naming the power). Events are counted as :mod:`steppe.indicators.scope` says (by default
  asserted events at document time: negated, hypothetical, announced and reported events are
  not counted).
  ``n`` = every event between the two that month (either direction); a row is stored for each
  month with ``n > 0``; the interval is the exact (Garwood) 90 % Poisson interval of the count.
- ``pressure_text_<lever>`` (from ``documents``), levers ``energy``, ``protests``, ``cyber``,
  ``migrants`` (migrants and remittances): a geopolitical-risk style text measure after Caldara &
  Iacoviello (2022): the share of the month's documents naming the state that also name a
  threat term (:data:`THREAT_TERMS`) and a term of the lever (:data:`LEVER_TERMS`); with
  ``partner`` = a power, the document must name that power too; ``partner`` empty: any or no
  power. ``n`` = documents naming the state that month (dated documents only; the date is
  ``published_at``); the interval is the Jeffreys 90 % interval of the share. A state is named
  by its registry name or an alias of kind name, translit, demonym, capital or seat (leaders
  are left out: a leader's name dates the text to a term, which the documents do not check).

Term lists are matched case-insensitively on word starts (``sanction`` matches "sanctions",
"sanctioned"); a trailing ``$`` pins a whole word (``gas$`` does not match "gasket").

Reference: Caldara, D. & Iacoviello, M. (2022) "Measuring Geopolitical Risk", American Economic
Review 112(4): 1194-1225 (the index counts articles with words of threat and act categories, as
a share of all articles).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime

import pyarrow as pa
from scipy.stats import beta, chi2

from steppe.domain.codes import FOCAL_STATES
from steppe.indicators.alerts import counted_sql
from steppe.indicators.support import is_sparse
from steppe.store import Store

POWERS: tuple[str, ...] = ("RUS", "CHN", "USA", "EU", "TUR", "IRN")
"""The powers whose pressure is measured."""

COERCIVE_PLOVER: tuple[str, ...] = ("THREATEN", "SANCTION", "COERCE", "ASSAULT")
"""PLOVER categories counted whatever their quad class."""

THREAT_TERMS: tuple[str, ...] = (
    "threat",
    "threaten",
    "pressur",
    "coerc",
    "blackmail",
    "intimidat",
    "retaliat",
    "sanction",
    "ultimatum",
    "warn",
    "destabili",
    "interfer",
    "hybrid war",
    "subversi",
    "disinformation",
    "propaganda",
    "provocat",
    "punish",
    "leverage",
    "weaponi",
)
"""Threat and coercion words (the GPR "threat" categories narrowed to pressure on a state)."""

LEVER_TERMS: dict[str, tuple[str, ...]] = {
    "energy": (
        "energy",
        "gas$",
        "natural gas",
        "oil$",
        "fuel",
        "petrol",
        "diesel",
        "electricity",
        "power grid",
        "pipeline",
        "gazprom",
        "transneft",
        "coal$",
        "tariff",
    ),
    "protests": (
        "protest",
        "demonstrat",
        "rally$",
        "rallied",
        "rallies",
        "riot",
        "unrest",
        "uprising",
        "colour revolution",
        "color revolution",
        "mass gathering",
        "opposition activist",
    ),
    "cyber": (
        "cyber",
        "hacker",
        "hacked",
        "hacking",
        "ddos",
        "malware",
        "ransomware",
        "phishing",
        "data breach",
        "botnet",
    ),
    "migrants": (
        "migrant",
        "migration",
        "remittance",
        "labour migra",
        "labor migra",
        "guest worker",
        "gastarbeiter",
        "work permit",
        "deport",
        "expel",
        "expulsion",
        "entry ban",
        "diaspora",
    ),
}
"""Terms of each lever: energy prices and supply, protests, cyber, migrants and remittances."""

STATE_ALIAS_KINDS: tuple[str, ...] = ("name", "translit", "demonym", "capital", "seat")

PressureRow = tuple[str, str, str | None, str, date, float, float, float, int, str]
"""(name, actor, partner, period, period_start, value, lo, hi, n, method)."""


def term_pattern(terms: Iterable[str]) -> re.Pattern[str]:
    """One case-insensitive pattern matching any term at a word start (``$``: whole word).

    >>> p = term_pattern(["sanction", "gas$"])
    >>> [bool(p.search(t)) for t in ("New sanctions", "gasket", "gas prices", "unsanctioned")]
    [True, False, True, False]
    """
    parts = []
    for term in sorted(set(terms), key=len, reverse=True):
        whole = term.endswith("$")
        body = r"\s+".join(re.escape(w) for w in term.rstrip("$").split())
        parts.append(body + (r"\b" if whole else ""))
    return re.compile(r"\b(?:" + "|".join(parts) + ")", re.IGNORECASE)


THREAT = term_pattern(THREAT_TERMS)
LEVERS = {lever: term_pattern(terms) for lever, terms in LEVER_TERMS.items()}


def garwood(count: int, level: float = 0.9) -> tuple[float, float]:
    """Exact two-sided Poisson interval for a count.

    >>> [round(x, 3) for x in garwood(0)], [round(x, 3) for x in garwood(5)]
    ([0.0, 2.996], [1.97, 10.513])
    """
    a = (1.0 - level) / 2.0
    lo = 0.0 if count == 0 else float(chi2.ppf(a, 2 * count)) / 2.0
    return lo, float(chi2.ppf(1.0 - a, 2 * count + 2)) / 2.0


def jeffreys(k: int, n: int, level: float = 0.9) -> tuple[float, float]:
    """Jeffreys interval of a share ``k / n`` (Beta(k + ½, n − k + ½) quantiles; the ends are
    0 and 1 when ``k`` is 0 or ``n``).

    >>> [round(x, 3) for x in jeffreys(0, 10)], [round(x, 3) for x in jeffreys(3, 10)]
    ([0.0, 0.171], [0.117, 0.558])
    """
    a = (1.0 - level) / 2.0
    lo = 0.0 if k == 0 else float(beta.ppf(a, k + 0.5, n - k + 0.5))
    hi = 1.0 if k == n else float(beta.ppf(1.0 - a, k + 0.5, n - k + 0.5))
    return lo, hi


def actor_patterns(store: Store, codes: Sequence[str]) -> dict[str, re.Pattern[str]]:
    """A pattern per actor from its registry name and its aliases of :data:`STATE_ALIAS_KINDS`."""
    names: dict[str, set[str]] = defaultdict(set)
    for r in store.query(
        "SELECT code, name FROM actors WHERE code IN (SELECT unnest(?))", [list(codes)]
    ):
        names[r["code"]].add(r["name"])
    for r in store.query(
        "SELECT code, alias FROM aliases WHERE code IN (SELECT unnest(?)) "
        "AND kind IN (SELECT unnest(?))",
        [list(codes), list(STATE_ALIAS_KINDS)],
    ):
        names[r["code"]].add(r["alias"])
    out = {}
    for code, found in names.items():
        terms = [n + "$" for n in found if len(n) > 2]
        if terms:
            out[code] = term_pattern(terms)
    return out


def _month(d: date) -> tuple[str, date]:
    return f"{d.year:04d}-{d.month:02d}", date(d.year, d.month, 1)


def acts_rows(
    store: Store, states: Sequence[str] = FOCAL_STATES, powers: Sequence[str] = POWERS
) -> list[PressureRow]:
    """``pressure_acts`` rows (see the module docstring)."""
    day, counted = counted_sql(store)
    rows = store.query(
        "SELECT CASE WHEN source_actor IN (SELECT unnest(?)) THEN source_actor "
        "ELSE target_actor END AS power, "
        "CASE WHEN source_actor IN (SELECT unnest(?)) THEN target_actor "
        "ELSE source_actor END AS state, "
        f"CAST(date_trunc('month', {day}) AS DATE) AS month, count(*) AS n, "
        "count(*) FILTER (WHERE (source_actor IN (SELECT unnest(?)) AND (quad_class IN (3, 4) "
        "OR plover IN (SELECT unnest(?)))) OR (source_actor IN (SELECT unnest(?)) "
        "AND plover = 'PROTEST')) AS acts "
        "FROM events WHERE ((source_actor IN (SELECT unnest(?)) AND target_actor IN "
        "(SELECT unnest(?))) OR (source_actor IN (SELECT unnest(?)) AND target_actor IN "
        "(SELECT unnest(?)))) " + counted + "GROUP BY ALL ORDER BY state, power, month",
        [
            list(powers),
            list(powers),
            list(powers),
            list(COERCIVE_PLOVER),
            list(states),
            list(powers),
            list(states),
            list(states),
            list(powers),
        ],
    )
    method = (
        "acts of the power toward the state in quad classes 3-4 or PLOVER "
        + "/".join(COERCIVE_PLOVER)
        + ", plus PROTEST by the state naming the power; n = all their events; "
        "90% exact Poisson interval; source events"
    )
    out: list[PressureRow] = []
    for r in rows:
        period, start = _month(r["month"])
        lo, hi = garwood(int(r["acts"]))
        out.append(
            (
                "pressure_acts",
                r["state"],
                r["power"],
                period,
                start,
                float(r["acts"]),
                lo,
                hi,
                int(r["n"]),
                method,
            )
        )
    return out


def text_rows(
    store: Store, states: Sequence[str] = FOCAL_STATES, powers: Sequence[str] = POWERS
) -> list[PressureRow]:
    """``pressure_text_<lever>`` rows (see the module docstring)."""
    patterns = actor_patterns(store, [*states, *powers])
    docs = store.query(
        "SELECT published_at, coalesce(title, '') || ' ' || coalesce(text, '') AS body "
        "FROM documents WHERE published_at IS NOT NULL"
    )
    named: dict[tuple[str, date], int] = defaultdict(int)
    hits: dict[tuple[str, str | None, str, date], int] = defaultdict(int)
    for doc in docs:
        body = doc["body"]
        in_doc = [s for s in states if s in patterns and patterns[s].search(body)]
        if not in_doc:
            continue
        _, month = _month(doc["published_at"])
        threat = THREAT.search(body) is not None
        levers = [lv for lv, p in LEVERS.items() if threat and p.search(body)]
        by = [p for p in powers if p in patterns and patterns[p].search(body)] if levers else []
        for state in in_doc:
            named[(state, month)] += 1
            for lever in levers:
                for partner in (None, *by):
                    hits[(state, partner, lever, month)] += 1
    out: list[PressureRow] = []
    for (state, month), n in sorted(named.items()):
        period, start = _month(month)
        for lever in LEVERS:
            for partner in (None, *powers):
                k = hits.get((state, partner, lever, month), 0)
                if partner is not None and k == 0:
                    continue
                lo, hi = jeffreys(k, n)
                out.append(
                    (
                        f"pressure_text_{lever}",
                        state,
                        partner,
                        period,
                        start,
                        k / n,
                        lo,
                        hi,
                        n,
                        f"share of documents naming the state{' and the power' if partner else ''}"
                        f" with a threat term and a {lever} term (GPR-style, Caldara & "
                        "Iacoviello 2022); n = documents naming the state; 90% Jeffreys "
                        "interval; source documents",
                    )
                )
    return out


def compute_pressure(
    store: Store, states: Sequence[str] = FOCAL_STATES, powers: Sequence[str] = POWERS
) -> int:
    """Replace the ``pressure_acts`` and ``pressure_text_*`` rows of ``indicators`` (monthly,
    ``sparse`` by :func:`steppe.indicators.support.is_sparse`: fewer than 10 events or
    documents, or a share's interval wider than 0.5); returns the rows written.

    >>> from steppe.store.reference import install_registry
    >>> with Store(":memory:") as s:
    ...     _ = install_registry(s)
    ...     compute_pressure(s)
    0
    """
    rows = [*acts_rows(store, states, powers), *text_rows(store, states, powers)]
    cols = ["name", "actor", "partner", "period", "period_start", "value", "lo", "hi", "n"]
    types = [pa.string()] * 4 + [pa.date32()] + [pa.float64()] * 3 + [pa.int64()]
    tbl = pa.table(
        {
            c: pa.array([r[i] for r in rows], t)
            for i, (c, t) in enumerate(zip(cols, types, strict=True))
        }
        | {
            "method": pa.array([r[9] for r in rows], pa.string()),
            "sparse": pa.array(
                [is_sparse(r[8], r[6], r[7], unit_scale=r[0] != "pressure_acts") for r in rows],
                pa.bool_(),
            ),
        }
    )
    freq = _has_freq(store)
    with store.transaction() as con:
        con.execute("DELETE FROM indicators WHERE name LIKE 'pressure_%'")
        con.register("_steppe_pressure", tbl)
        try:
            con.execute(
                f"INSERT INTO indicators ({', '.join(cols)}, method, computed_at"
                + (", freq, sparse" if freq else "")
                + f") SELECT {', '.join(cols)}, method, ?"
                + (", 'month', sparse" if freq else "")
                + " FROM _steppe_pressure",
                [datetime.now()],
            )
        finally:
            con.unregister("_steppe_pressure")
    return len(rows)


def _has_freq(store: Store) -> bool:
    return bool(
        store.query(
            "SELECT 1 FROM information_schema.columns WHERE table_name = 'indicators' "
            "AND column_name = 'freq'"
        )
    )
