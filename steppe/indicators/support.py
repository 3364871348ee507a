"""Support rules: how many observations stand behind an indicator value, how uncertain it is,
and when it is too thin to show as a headline or to raise an alert.

Every value in ``indicators`` carries ``n`` (the observations it rests on: events, roll calls,
votes), an interval ``lo``–``hi`` that contains the point value, its frequency ``freq``
(``quarter``, ``year``, ``month``; one stored series per frequency) and a ``sparse`` flag.

**The sparse rule.** A value is *sparse* when

* ``n < MIN_N`` (10 observations) where ``n`` counts observations (:data:`COUNT_RULE`:
  events, roll calls, votes, days), or
* for indicators on the unit scale (shares, agreement, the multivector index), its interval is
  wider than ``MAX_WIDTH`` (0.5, half of the scale).

Sparse values are kept (an analyst can still look at them, drawn hollow or grey) but are never
a headline figure and never the source of an alert.

**Partial pooling of event shares.** A state's pole shares in a period with a handful of
events are mostly noise: one event gives a share of 1 and a multivector index of 0. Following
the empirical-Bayes treatment of multinomial counts (Gelman et al. 2013, *Bayesian Data
Analysis*, 3rd ed., §5.1–5.3 and §23.2 on Dirichlet–multinomial models), the pole shares
:math:`\\theta` of state *s* in period *t* get a Dirichlet prior centred on the state's own
long-run shares :math:`q_k` (all its periods at that frequency together) with concentration
``CONCENTRATION`` = :math:`c` = 10 pseudo-events:

.. math::

    q_k = \\frac{N_k + 1/K}{N + 1}, \\qquad
    \\theta \\mid n \\sim \\mathrm{Dirichlet}(n_k + c\\, q_k)

(:math:`N_k` = the state's events with pole *k* over all periods, :math:`N = \\sum_k N_k`; the
1/K term, Perks' prior, keeps every :math:`q_k > 0`). The posterior mean share is
:math:`\\hat p_k = (n_k + c q_k) / (n + c)`: a period with n = 10 events sits halfway between
its raw shares and the long-run shares; with n = 100 it is 91 % its own. Interval: the 5th and
95th percentiles of the posterior.

>>> is_sparse(9, 0.4, 0.6)
True
>>> is_sparse(40, 0.1, 0.7)
True
>>> is_sparse(40, 0.3, 0.6)
False
>>> [round(float(x), 3) for x in pooled_shares([1, 0], [30, 10])]  # (1 + 10 * 30.5/41) / 11
[0.767, 0.233]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import stats

from steppe.store import Store

MIN_N = 10
"""Fewer observations than this make a value sparse."""

MAX_WIDTH = 0.5
"""A unit-scale value whose interval is wider than this is sparse."""

CONCENTRATION = 10.0
"""Prior weight, in pseudo-events, of a state's long-run pole shares."""

LEVEL = 0.90
"""Coverage of the stored intervals."""

FREQUENCIES: tuple[str, ...] = ("quarter", "year", "month")

UNIT_SCALE: tuple[str, ...] = (
    "multivector",
    "pole_share",
    "coop_share",
    "vote_agreement",
    "split_vote",
    "cohesion_events",
    "cohesion_votes",
    "trade_share",
)
"""Indicators on [0, 1] to which the interval-width rule applies."""

COUNT_RULE: tuple[str, ...] = (
    "multivector",
    "pole_share",
    "coop_share",
    "coop_asymmetry",
    "vote_agreement",
    "s_score",
    "kappa",
    "ideal_point",
    "split_vote",
    "cohesion_events",
    "interaction_share",
    "interaction_pos",
    "interaction_neg",
)
"""Indicators whose ``n`` counts observations (events, roll calls, votes, days), to which the
count rule applies. Elsewhere ``n`` counts something else — partner states averaged, sources,
member pairs — and the figures are reported totals (trade, remittances, memberships,
capabilities), not samples: those values are sparse only by the width rule. The trade channel
of the multivector index (``n`` = partners) is left out of the count rule likewise."""


def is_sparse(
    n: int | None,
    lo: float | None = None,
    hi: float | None = None,
    unit_scale: bool = True,
    min_n: int = MIN_N,
    max_width: float = MAX_WIDTH,
) -> bool:
    """The sparse rule for one value (see the module docstring). Unknown ``n`` is sparse.

    >>> is_sparse(None)
    True
    >>> is_sparse(12, -1.0, 1.5, unit_scale=False)  # ideal points: only the count rule
    False
    """
    if n is None or n < min_n:
        return True
    if unit_scale and lo is not None and hi is not None:
        return bool(hi - lo > max_width)
    return False


def long_run_prior(
    long_run: Sequence[float] | np.ndarray, concentration: float = CONCENTRATION
) -> np.ndarray:
    """Dirichlet prior :math:`c\\,q_k` from a state's long-run counts per category (last axis).

    >>> [round(float(x), 3) for x in long_run_prior([3, 1], 4.0)]
    [2.8, 1.2]
    """
    counts = np.asarray(long_run, dtype=float)
    k = counts.shape[-1]
    q = (counts + 1.0 / k) / (counts.sum(axis=-1, keepdims=True) + 1.0)
    return np.asarray(concentration * q)


def pooled_shares(
    counts: Sequence[float] | np.ndarray,
    long_run: Sequence[float] | np.ndarray,
    concentration: float = CONCENTRATION,
) -> np.ndarray:
    """Posterior mean shares :math:`(n_k + c q_k) / (n + c)` (last axis = categories)."""
    alpha = np.asarray(counts, dtype=float) + long_run_prior(long_run, concentration)
    return np.asarray(alpha / alpha.sum(axis=-1, keepdims=True))


def share_intervals(
    alpha: np.ndarray, level: float = LEVEL
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Posterior mean, lower and upper ``level`` bounds of each share under Dirichlet(alpha)
    (each margin is Beta(alpha_k, alpha_0 - alpha_k)). In the rare very skewed margin whose
    mean falls outside the equal-tailed interval, the interval is widened to the mean, so the
    point always lies inside.

    >>> m, lo, hi = share_intervals(np.array([[5.0, 5.0]]))
    >>> float(m[0, 0]), bool(lo[0, 0] < 0.5 < hi[0, 0])
    (0.5, True)
    """
    total = alpha.sum(axis=-1, keepdims=True)
    rest = np.broadcast_to(total, alpha.shape) - alpha
    mean = alpha / total
    tail = (1.0 - level) / 2.0
    lo = stats.beta.ppf(tail, alpha, rest)
    hi = stats.beta.ppf(1.0 - tail, alpha, rest)
    return mean, np.minimum(lo, mean), np.maximum(hi, mean)


def beta_interval(k: int, n: int, level: float = LEVEL) -> tuple[float, float, float]:
    """Share ``k / n`` with its Jeffreys interval (Beta(k + ½, n − k + ½) quantiles; Brown,
    Cai & DasGupta 2001), widened to contain the share at the edges k = 0 and k = n.

    >>> p, lo, hi = beta_interval(3, 4)
    >>> p, round(lo, 3), round(hi, 3)
    (0.75, 0.349, 0.954)
    """
    if n <= 0:
        raise ValueError("a share needs n > 0")
    p = k / n
    tail = (1.0 - level) / 2.0
    lo = float(stats.beta.ppf(tail, k + 0.5, n - k + 0.5))
    hi = float(stats.beta.ppf(1.0 - tail, k + 0.5, n - k + 0.5))
    return p, min(lo, p), max(hi, p)


FREQ_SQL = (
    "CASE WHEN regexp_matches(period, '^[0-9]{4}Q[1-4]$') THEN 'quarter' "
    "WHEN regexp_matches(period, '^[0-9]{4}-[0-9]{2}$') THEN 'month' "
    "WHEN regexp_matches(period, '^[0-9]{4}$') THEN 'year' END"
)
"""SQL deriving an indicator row's frequency from the form of its period."""


def finalise_support(store: Store) -> int:
    """Fill ``freq`` (from the period's form) and ``sparse`` (by the rule above, from ``n`` and
    the interval) on every indicator row a writer left them NULL on; returns the rows set.
    Writers that know better (the pooled multivector) set both themselves.

    >>> with Store(":memory:") as s:
    ...     finalise_support(s)
    0
    """
    unit, counted = list(UNIT_SCALE), list(COUNT_RULE)
    with store.transaction() as con:
        before = con.execute(
            "SELECT count(*) FROM indicators WHERE freq IS NULL OR sparse IS NULL"
        ).fetchall()[0][0]
        con.execute(f"UPDATE indicators SET freq = {FREQ_SQL} WHERE freq IS NULL")
        con.execute(
            "UPDATE indicators SET sparse = coalesce((list_contains(?, name) "
            "AND coalesce(partner, '') <> 'trade' AND (n IS NULL OR n < ?)) "
            "OR (list_contains(?, name) AND lo IS NOT NULL AND hi IS NOT NULL AND hi - lo > ?), "
            "false) WHERE sparse IS NULL",
            [counted, MIN_N, unit, MAX_WIDTH],
        )
    return int(before)
