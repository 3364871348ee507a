"""Split-vote alignment: on the UN roll calls where two poles vote differently, which side a
state takes.

Plain vote agreement sits near 1 for every pair of states (most resolutions pass by consensus
or near it), so it says little about which way a state leans. Split-vote alignment looks only
at the roll calls that divide the poles. For a pole pair (A, B) and year *t*, a roll call is a
**split** when both A and B voted (yes, abstain or no; absent is not a vote) and their votes
differ. On each split roll call a state *s* voted on, it **sides with A** when its vote equals
A's, **with B** when it equals B's, and with **neither** otherwise (e.g. it abstained when A
said yes and B no). With :math:`k_A, k_B, k_0` such counts over the *n* split roll calls:

* ``split_vote`` partner A (``method`` names the pair) — :math:`p_A = k_A / n`, and partner B
  :math:`p_B = k_B / n`; each with its Jeffreys 90 % interval (Beta(k + ½, n − k + ½); Brown,
  Cai & DasGupta 2001) and ``n``.
* ``multivector`` partner ``votes`` — the votes channel of the multivector index, now the
  balance between the rival poles: :math:`M = 1 - \\overline{|p_A - p_B|}`, the mean over the
  pairs with split roll calls that year. 1 = the state sides with each pole equally often (or
  stays neutral); 0 = always with one pole. Value = posterior median of M under
  Dirichlet(:math:`k_A + ½, k_B + ½, k_0 + ½`) per pair, ``lo``/``hi`` = 5th/95th percentiles
  (2,000 draws, fixed seed), ``n`` = the split votes counted.

Pairs (:data:`PAIRS`): Russia vs the United States, and China vs the EU majority. The **EU
majority** on a roll call is the vote cast by more than half of the EU member states (members
on that day, from ``memberships``) that voted; without such a majority the EU has no position
on that roll call. Values with n < 10 or an interval wider than 0.5 are ``sparse``
(:mod:`steppe.indicators.support`).

Example (hand-checked in ``tests/test_splitvote.py`` on A/RES/ES-11/1, 2 March 2022, and
A/RES/ES-10/22, 12 December 2023): on ES-11/1 Russia voted no and the US yes; Kazakhstan
abstained (neither side), while China's abstention against the EU's yes made it a China–EU
split on which Kazakhstan sided with China.

>>> side(1, 3, 1), side(1, 3, 3), side(1, 3, 2), side(1, 1, 1)
('A', 'B', 'neither', None)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pyarrow as pa

from steppe.domain.codes import FOCAL_STATES
from steppe.indicators.support import beta_interval, is_sparse
from steppe.store import Store

PAIRS: tuple[tuple[str, str], ...] = (("RUS", "USA"), ("CHN", "EU"))
"""Pole pairs whose split roll calls are counted (A, B)."""

STATES: tuple[str, ...] = (*FOCAL_STATES, "TUR", "IRN")
"""States whose sides are measured: the focal states and the two regional powers."""

DRAWS = 2000


@dataclass(frozen=True)
class SplitCount:
    """A state's sides on one pole pair's split roll calls in a year."""

    actor: str
    a: str
    b: str
    year: int
    n: int
    k_a: int
    k_b: int

    @property
    def k_0(self) -> int:
        """Split roll calls on which the state sided with neither pole."""
        return self.n - self.k_a - self.k_b


def side(a: int, b: int, vote: int) -> str | None:
    """Which side ``vote`` takes on a roll call where pole A voted ``a`` and pole B ``b``
    (1 yes, 2 abstain, 3 no): ``'A'``, ``'B'``, ``'neither'``, or ``None`` if A and B agree
    (not a split roll call)."""
    if a == b:
        return None
    return "A" if vote == a else "B" if vote == b else "neither"


_POLE_VOTES = """
WITH rc AS (SELECT rcid, date FROM rollcalls),
eu AS (
    SELECT v.rcid, v.vote, count(*) AS c, sum(count(*)) OVER (PARTITION BY v.rcid) AS total
    FROM votes v JOIN rc USING (rcid)
    JOIN memberships m ON m.member = v.country AND m.org = 'EU' AND m.role = 'member'
        AND (m.start_date IS NULL OR m.start_date <= rc.date)
        AND (m.end_date IS NULL OR rc.date <= m.end_date)
    GROUP BY v.rcid, v.vote
)
SELECT rcid, 'EU' AS pole, vote FROM eu WHERE c * 2 > total
UNION ALL
SELECT rcid, country AS pole, vote FROM votes WHERE list_contains(?, country)
"""


def split_counts(
    store: Store, pairs: Iterable[tuple[str, str]] = PAIRS, states: Iterable[str] = STATES
) -> list[SplitCount]:
    """Per state, pair and year: ``n`` split roll calls the state voted on, and ``k_a``,
    ``k_b``, ``k_0`` (sided with A, with B, with neither). Sorted by state, pair, year."""
    pairs = tuple(pairs)
    states = list(states)
    poles = sorted({p for pair in pairs for p in pair if p != "EU"})
    pair_rows = [{"a": a, "b": b} for a, b in pairs]
    if not pair_rows:
        return []
    with store.transaction() as con:
        con.register("_steppe_pairs", pa.Table.from_pylist(pair_rows))
        try:
            rows = con.execute(
                f"""
                WITH pv AS ({_POLE_VOTES}),
                splits AS (
                    SELECT p.a, p.b, x.rcid, x.vote AS va, y.vote AS vb
                    FROM _steppe_pairs p
                    JOIN pv x ON x.pole = p.a JOIN pv y ON y.pole = p.b AND y.rcid = x.rcid
                    WHERE x.vote <> y.vote
                )
                SELECT v.country AS actor, s.a, s.b, year(r.date) AS year,
                       count(*) AS n,
                       count(*) FILTER (WHERE v.vote = s.va) AS k_a,
                       count(*) FILTER (WHERE v.vote = s.vb) AS k_b
                FROM splits s JOIN votes v ON v.rcid = s.rcid
                JOIN rollcalls r ON r.rcid = s.rcid
                WHERE list_contains(?, v.country)
                GROUP BY ALL ORDER BY actor, a, b, year
                """,
                [poles, states],
            ).fetchall()
        finally:
            con.unregister("_steppe_pairs")
    return [
        SplitCount(str(actor), str(a), str(b), int(year), int(n), int(ka), int(kb))
        for actor, a, b, year, n, ka, kb in rows
    ]


def balance_draws(
    counts: list[tuple[int, int, int]], draws: int = DRAWS, seed: int = 0
) -> tuple[float, float, float]:
    """Posterior median and 90 % interval of :math:`1 - \\overline{|p_A - p_B|}` over pairs,
    each pair's (k_A, k_B, k_0) under Dirichlet(k + ½).

    >>> v, lo, hi = balance_draws([(10, 10, 0)], seed=1)
    >>> lo <= v <= hi and v > 0.7
    True
    >>> round(balance_draws([(40, 0, 0)], seed=1)[0], 2)
    0.03
    """
    rng = np.random.default_rng(seed)
    gaps = []
    for ka, kb, k0 in counts:
        alpha = np.array([ka, kb, k0], dtype=float) + 0.5
        g = rng.standard_gamma(alpha, size=(draws, 3))
        p = g / g.sum(axis=1, keepdims=True)
        gaps.append(np.abs(p[:, 0] - p[:, 1]))
    values = 1.0 - np.mean(gaps, axis=0)
    lo, mid, hi = np.quantile(values, [0.05, 0.5, 0.95])
    return float(mid), float(lo), float(hi)


def compute_split_votes(store: Store, seed: int = 0) -> int:
    """Store ``split_vote`` shares and the votes channel of the multivector index (partner
    ``votes``) per state and year; replaces both. Returns the rows written.

    >>> with Store(":memory:") as s:
    ...     compute_split_votes(s)
    0
    """
    counts = split_counts(store)
    rows: list[dict[str, object]] = []
    by_state_year: dict[tuple[str, int], list[tuple[int, int, int]]] = {}
    for c in counts:
        for pole, k in ((c.a, c.k_a), (c.b, c.k_b)):
            rows.append(
                _row(
                    "split_vote",
                    c.actor,
                    pole,
                    c.year,
                    beta_interval(k, c.n),
                    c.n,
                    f"share of votes siding with {pole} on {c.a}-{c.b} split roll calls "
                    "(UNGA; Jeffreys 90 %); year",
                )
            )
        by_state_year.setdefault((c.actor, c.year), []).append((c.k_a, c.k_b, c.k_0))
    for i, ((actor, year), pair_counts) in enumerate(sorted(by_state_year.items())):
        rows.append(
            _row(
                "multivector",
                actor,
                "votes",
                year,
                balance_draws(pair_counts, seed=seed + i),
                sum(sum(c) for c in pair_counts),
                "1 - mean |p_A - p_B| over split roll calls of "
                + ", ".join(f"{a}-{b}" for a, b in PAIRS)
                + " (posterior median, Dirichlet(k + 1/2)); year",
            )
        )
    schema = pa.schema(
        [
            ("name", pa.string()),
            ("actor", pa.string()),
            ("partner", pa.string()),
            ("year", pa.int32()),
            ("value", pa.float64()),
            ("lo", pa.float64()),
            ("hi", pa.float64()),
            ("n", pa.int64()),
            ("sparse", pa.bool_()),
            ("method", pa.string()),
        ]
    )
    table = pa.Table.from_pylist(rows, schema=schema)
    with store.transaction() as con:
        con.execute(
            "DELETE FROM indicators WHERE name = 'split_vote' "
            "OR (name = 'multivector' AND partner = 'votes')"
        )
        con.register("_steppe_split", table)
        try:
            con.execute(
                "INSERT INTO indicators (name, actor, partner, freq, period, period_start, "
                "value, lo, hi, n, sparse, method, computed_at) SELECT name, actor, partner, "
                "'year', CAST(year AS VARCHAR), make_date(year, 1, 1), value, lo, hi, n, "
                "sparse, method, ? FROM _steppe_split",
                [datetime.now()],
            )
        finally:
            con.unregister("_steppe_split")
    return len(rows)


def _row(
    name: str,
    actor: str,
    partner: str,
    year: int,
    estimate: tuple[float, float, float],
    n: int,
    method: str,
) -> dict[str, object]:
    value, lo, hi = estimate
    return {
        "name": name,
        "actor": actor,
        "partner": partner,
        "year": year,
        "value": value,
        "lo": lo,
        "hi": hi,
        "n": n,
        "sparse": is_sparse(n, lo, hi),
        "method": method,
    }
