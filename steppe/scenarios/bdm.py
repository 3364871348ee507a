"""Bueno de Mesquita's expected-utility (group decision) model, vectorised over runs.

The specification follows Scholz, Calbert & Smith (2011), "Unravelling Bueno De Mesquita's
group decision model", *Journal of Theoretical Politics* 23(4): 510-531 (henceforth SCS),
which reconstructs the model of Bueno de Mesquita (1994, "Political forecasting: an expected
utility method", in *European Community Decision Making*, Yale UP; and 1997, "A decision
making model: its structure and form", *International Interactions* 23(3-4)). The equation
labels (B1)-(B9) are Steppe's; each names the SCS section it restates. SCS's own equation
numbers could not be checked offline, so they are not quoted.

Every array has a leading run axis: positions ``x``, capabilities ``c`` and saliences ``s``
are shaped ``(runs, actors)``; pairwise quantities ``(runs, actors, actors)`` with ``[.., i, j]``
read "actor i about actor j". Positions are on one issue dimension with scale width ``span``
(the dimension's ``max - min``); ``d_ij = |x_i - x_j| / span`` is the normalised distance.
``active`` (actors present in this round) masks actors who have not joined or have left.

(B1) Votes (SCS §2, "votes"): actor k's vote for position x_i over x_j is
     ``v_k(i, j) = c_k s_k (|x_k - x_j| - |x_k - x_i|) / span``.
(B2) Median voter position (SCS §2): the position among the actors' positions that wins
     every pairwise contest, ``sum_k v_k(med, j) >= 0`` for all j. Because
     ``sum_k v_k(i, j) = (D_j - D_i) / span`` with ``D_i = sum_k c_k s_k |x_k - x_i|``, the
     Condorcet winner is the position minimising ``D_i`` — the capability-by-salience weighted
     median. Steppe computes it that way (O(n²) instead of O(n³)).
(B3) Probability of success, one of three rules (``probability`` setting, see
     :class:`BDMRules`), all 0 when ``x_i = x_j``:
     ``text`` (SCS §2): ``P_ij = sum_{k: v_k(i,j) > 0} v_k(i,j) / sum_k |v_k(i,j)|``, the
     share of the absolute vote on the pair cast for i, so that ``P_ij + P_ji = 1``;
     ``published-code`` (the code published with SCS's replication, as ported by jmckib and
     dmasad's fork, ``BDMScholzModel.probability``): the same numerator, but each voter's
     distances raised to its current risk exponent, ``v_k(i,j) = c_k s_k (d_kj^r_k -
     d_ki^r_k)``, over the sum of ``|v_k(a, b)|`` for every voter k and every ordered pair of
     actors (a, b) — a much larger denominator, so ``P`` is small;
     ``replication`` (dmasad/BDM_DecisionModel_Replication, ``Actor.calculate_prob``):
     ``max(sum_k v_k(i,j), 0) / sum_k |v_k(i,j)|``.
(B4) Utilities with risk exponent r_i (SCS §3, after BDM 1994):
     ``U_s = 2 - 4 (0.5 - 0.5 d_ij)^r_i`` (success), ``U_f = 2 - 4 (0.5 + 0.5 d_ij)^r_i``
     (failure), ``U_sq = 2 - 4 (0.5)^r_i`` (status quo), and for a changed status quo
     ``U_b = 2 - 4 (0.5 - 0.25 (d_i,med + d_ij))^r_i`` (better) and ``U_w = 2 - 4 (0.5 +
     0.25 (d_i,med + d_ij))^r_i`` (worse).
(B5) Expected utility of i challenging j, as i sees it (SCS §3):
     ``EU^i(i→j) = s_j [P_ij U_s + (1 - P_ij) U_f] + (1 - s_j) U_s
     - Q U_sq - (1 - Q) [T U_b + (1 - T) U_w]``, with ``T = 1`` when
     ``|x_i - x_med| >= |x_i - x_j|`` and ``Q`` the probability that the status quo holds
     (``q``, default 1.0 as in SCS's replication, which removes the last term).
     i's estimate of j's expected utility of challenging i, ``EU^i(j→i)``, is the same formula
     with the roles of i and j swapped and i's own risk exponent (SCS: every estimate is made
     from the perceiving actor's point of view).
(B6) Security level (SCS §3, "risk"): with all ``r = 1``, ``S_i = sum_{j≠i} EU(j→i)``, the
     expected utility the others see in challenging i.
(B7) Risk acceptance and exponent (SCS §3): ``R_i = (2 S_i - S_max - S_min) / (S_max -
     S_min)`` in [-1, 1] and ``r_i = (1 - R_i/3) / (1 + R_i/3)`` in [0.5, 2].
(B8) Offers (SCS §4, BDM's octants), seen by the receiver i for each other actor j with
     ``A = EU^i(i→j)`` and ``B = EU^i(j→i)``: *confrontation* when ``B > A > 0`` (i expects to
     lose a conflict and adopts x_j); *compromise* when ``B > 0 > A`` and ``B > |A|`` (i moves
     the fraction ``|A| / B`` of the way to x_j); *capitulation* when ``B > 0 > A`` and
     ``|A| >= B`` (i adopts x_j; ``capitulation: text``). The published code tests
     ``B < |B|`` for a capitulation, which is never true (``capitulation: published-code``:
     no capitulations). Otherwise j makes i no offer.
(B9) Position update (SCS §4), ``offer_choice`` setting: each actor takes one offer: a
     confrontation if it has any, else a compromise, else a capitulation; within the class,
     ``least-move`` takes the one that moves it least (BDM's and SCS's text);
     ``published-code`` does so for confrontations and capitulations but takes the compromise
     with the smallest ``(|A| x_i + |B| x_j) / (|A| + |B|)`` (SCS's code as ported by jmckib,
     who flags it as a mistake); ``replication`` follows dmasad's replication instead: every j
     with ``EU^j(j→i) > 0`` (j's own estimate, j's risk exponent) sends i an offer, i takes
     the one with the largest ``EU^j(j→i)`` (the nearest on ties) and classifies it with
     ``A = EU^i(i→j)`` and ``U = EU^j(j→i)``: confrontation when ``0 < A < U``, compromise
     (move ``|A| / U``) when ``A < 0`` and ``|A| < U``, capitulation when ``A < 0`` and
     ``|A| > U``. Actors with no offer keep their position. Everything is decided on the
     positions at the start of the round (all actors move together).
(B10) Risk exponents are computed with every ``r = 1`` (B6, B7) and then used for the offers;
     under ``published-code`` the probabilities are recomputed with the new exponents (the
     voters' ``r_k`` enter B3), under the other rules B3 does not depend on ``r``.

Where the peers divide by zero (every security level equal in B7, every actor at one position
in B3) Steppe sets ``R_i = 0`` and ``P = 0``.

>>> import numpy as np
>>> x = np.array([[0.0, 50.0, 100.0]]); c = np.array([[1.0, 1.0, 1.5]]); s = np.ones((1, 3))
>>> median_voter(x, c * s).tolist()   # D = (250, 125, 150): the middle actor wins
[50.0]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from steppe.domain.errors import ScenarioError

F = NDArray[np.float64]
B = NDArray[np.bool_]

SAME_POSITION = 1e-12
"""positions closer than this share of the scale are one position: no contest, no offer (the
peers compare floats exactly, so two actors who reached one point by different arithmetic,
1e-15 apart, would challenge each other over rounding noise)"""


def _utility(base: F, r: F | None) -> F:
    """``2 - 4 base^r`` (B4), with ``base`` clipped into [0, 1]; ``r=None`` means r = 1 (the
    security levels of B6), which skips the power."""
    b = np.clip(base, 0.0, 1.0)
    if r is None:
        return np.asarray(2.0 - 4.0 * b)
    return np.asarray(2.0 - 4.0 * np.power(b, r))


def median_voter(x: F, w: F, active: B | None = None) -> F:
    """The Condorcet-winning position (B2) per run: the actors' position minimising the
    weighted distance ``D_i = sum_k w_k |x_k - x_i|``, with ``w = c * s``.

    >>> import numpy as np
    >>> median_voter(np.array([[4.0, 7.0, 10.0]]), np.array([[24.8, 9.3, 33.6]])).tolist()
    [7.0]
    """
    act = np.ones(x.shape[-1], dtype=bool) if active is None else active
    ww = w * act
    dist = np.abs(x[..., :, None] - x[..., None, :])  # [k, i]
    d = np.einsum("...k,...ki->...i", ww, dist)
    d = np.where(act, d, np.inf)
    idx = np.argmin(d, axis=-1)
    return np.asarray(np.take_along_axis(x, idx[..., None], axis=-1)[..., 0])


PROBABILITY_RULES = ("text", "published-code", "replication")
OFFER_CHOICES = ("least-move", "published-code", "replication")
CAPITULATION_RULES = ("text", "published-code")


@dataclass(frozen=True)
class BDMRules:
    """The rules where the published versions of the model differ (B3, B8, B9).

    ``variant`` presets: ``published-code`` (the default: what the code published with SCS's
    replication computes, as in jmckib/bdm-scholz-expected-utility-model and its dmasad fork,
    whose ``Example.log`` Steppe reproduces), ``text`` (SCS's and BDM's text) and
    ``replication`` (dmasad/BDM_DecisionModel_Replication). Each rule can be set on its own.

    >>> BDMRules.from_params({"variant": "text", "capitulation": "published-code"})
    BDMRules(probability='text', offer_choice='least-move', capitulation='published-code')
    >>> BDMRules.from_params({}).probability
    'published-code'
    """

    probability: str = "published-code"
    offer_choice: str = "published-code"
    capitulation: str = "published-code"

    @classmethod
    def from_params(cls, params: Mapping[str, object], where: str = "params") -> BDMRules:
        """The rules named by a scenario's ``params`` (``variant``, then ``probability``,
        ``offer_choice``, ``capitulation``); a ``ScenarioError`` names a bad value."""
        name = str(params.get("variant", DEFAULT_VARIANT))
        if name not in VARIANTS:
            raise ScenarioError(f"{where}.variant: {name!r} is not one of {', '.join(VARIANTS)}")
        base = VARIANTS[name]
        got: dict[str, str] = {}
        for key, allowed in (
            ("probability", PROBABILITY_RULES),
            ("offer_choice", OFFER_CHOICES),
            ("capitulation", CAPITULATION_RULES),
        ):
            value = str(params.get(key, getattr(base, key)))
            if value not in allowed:
                raise ScenarioError(f"{where}.{key}: {value!r} is not one of {', '.join(allowed)}")
            got[key] = value
        return cls(**got)


VARIANTS: dict[str, BDMRules] = {
    "published-code": BDMRules("published-code", "published-code", "published-code"),
    "text": BDMRules("text", "least-move", "text"),
    "replication": BDMRules("replication", "replication", "text"),
}
DEFAULT_VARIANT = "published-code"


def _pair_sums(e: F, w: F) -> tuple[F, F]:
    """``(tot, net)``: ``tot[i, j] = sum_k w_k |e_kj - e_ki|`` and ``net[i, j] = sum_k w_k
    (e_kj - e_ki)`` for voter-by-actor values ``e[k, a]`` (``tot`` is the O(n^3) part of a
    round; it is symmetric, so only the pairs i < j are summed)."""
    n = e.shape[-1]
    lead = e.shape[:-2]
    iu, ju = np.triu_indices(n, 1)
    diff = e[..., ju] - e[..., iu]  # [k, pair] = e_kj - e_ki for i < j
    np.abs(diff, out=diff)
    upper = (w[..., None, :] @ diff)[..., 0, :]
    tot = np.zeros((*lead, n, n))
    tot[..., iu, ju] = upper
    tot[..., ju, iu] = upper
    col = (w[..., None, :] @ e)[..., 0, :]  # E_j = sum_k w_k e_kj
    net = col[..., None, :] - col[..., :, None]
    return tot, np.asarray(net)


def win_probability(
    x: F,
    w: F,
    rule: str = "text",
    r: F | None = None,
    span: float = 1.0,
    active: B | None = None,
) -> F:
    """``P[.., i, j]``: the probability that i's position beats j's (B3) under ``rule``;
    ``r`` (the voters' risk exponents) and ``span`` matter only to ``published-code``, and
    ``active`` only to its denominator (inactive actors' weights must already be 0 in ``w``).

    >>> import numpy as np
    >>> x = np.array([[0.0, 10.0, 4.0]]); w = np.array([[1.0, 1.0, 2.0]])
    >>> win_probability(x, w).round(3).tolist()  # P_01: votes (10, -10, 2*2) -> 14 / 24
    [[[0.0, 0.583, 0.25], [0.417, 0.0, 0.25], [0.75, 0.75, 0.0]]]
    >>> win_probability(x, w, "replication").round(3).tolist()  # max(10 - 10 + 4, 0) / 24
    [[[0.0, 0.167, 0.0], [0.0, 0.0, 0.0], [0.5, 0.5, 0.0]]]
    >>> p = win_probability(x, w, "published-code", span=10.0)  # r = 1: (1 + 0.4) / 12.8
    >>> p.round(3).tolist()
    [[[0.0, 0.109, 0.031], [0.078, 0.0, 0.047], [0.094, 0.141, 0.0]]]
    """
    n = x.shape[-1]
    act = np.ones(n, dtype=bool) if active is None else active
    a = np.abs(x[..., :, None] - x[..., None, :])  # a[k, j] = |x_k - x_j|
    if rule == "published-code":
        e = a / span if r is None else np.power(a / span, r[..., :, None])
        tot, net = _pair_sums(e, w)
        # the sum over voters k and ordered pairs (a, b) of active actors of w_k |e_ka - e_kb|
        # is the sum of tot over those pairs
        if act.all():
            denom = tot.sum(axis=(-1, -2))[..., None, None]
        else:
            both = act[:, None] & act[None, :]
            denom = np.where(both, tot, 0.0).sum(axis=(-1, -2))[..., None, None]
        num = tot + net
        num *= 0.5
    else:
        tot, net = _pair_sums(a, w)
        denom = tot
        num = 0.5 * (tot + net) if rule == "text" else np.maximum(net, 0.0)
    positive = denom > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.divide(num, denom, out=np.zeros(np.broadcast_shapes(num.shape, denom.shape)),
                      where=positive)  # fmt: skip
    p[a <= SAME_POSITION * span] = 0.0  # x_i = x_j: no contest
    return np.asarray(p)


def expected_utilities(
    x: F, s: F, p: F, r: F | None, span: float, q: float = 1.0, xmed: F | None = None
) -> tuple[F, F]:
    """``(A, B)`` with ``A[.., i, j] = EU^i(i→j)`` and ``B[.., i, j] = EU^i(j→i)`` (B5);
    ``r=None`` evaluates them at r = 1.

    >>> import numpy as np
    >>> x = np.array([[0.0, 100.0]]); s = np.array([[1.0, 0.5]]); r = np.ones((1, 2))
    >>> p = win_probability(x, np.array([[1.0, 1.0]]) * s)
    >>> a, b = expected_utilities(x, s, p, r, 100.0)
    >>> a.round(3).tolist()   # i=0 vs j=1: 0.5*(2/3*2 - 1/3*2) + 0.5*2 = 1.333
    [[[0.0, 1.333], [-0.667, 0.0]]]
    """
    d = np.abs(x[..., :, None] - x[..., None, :]) / span  # d[i, j]
    ri = None if r is None else r[..., :, None]
    us = _utility(0.5 - 0.5 * d, ri)
    uf = _utility(0.5 + 0.5 * d, ri)
    usq = _utility(np.full((*d.shape[:-1], 1), 0.5), ri)  # the same for every j
    sj = s[..., None, :]
    si = s[..., :, None]
    pt = np.swapaxes(p, -1, -2)  # pt[i, j] = P_ji
    a = sj * (p * us + (1.0 - p) * uf) + (1.0 - sj) * us - q * usq
    b = si * (pt * us + (1.0 - pt) * uf) + (1.0 - si) * us - q * usq
    if q < 1.0:
        med = median_voter(x, s) if xmed is None else xmed
        dmed = np.abs(x - med[..., None])[..., :, None] / span  # d_i,med
        dmed_j = np.swapaxes(np.broadcast_to(dmed, d.shape), -1, -2)  # d_j,med
        ub_a = _utility(0.5 - 0.25 * (dmed + d), ri)
        uw_a = _utility(0.5 + 0.25 * (dmed + d), ri)
        t_a = (dmed >= d).astype(float)
        a = a - (1.0 - q) * (t_a * ub_a + (1.0 - t_a) * uw_a)
        ub_b = _utility(0.5 - 0.25 * (dmed_j + d), ri)
        uw_b = _utility(0.5 + 0.25 * (dmed_j + d), ri)
        t_b = (dmed_j >= d).astype(float)
        b = b - (1.0 - q) * (t_b * ub_b + (1.0 - t_b) * uw_b)
    eye = np.eye(x.shape[-1], dtype=bool)
    return np.asarray(np.where(eye, 0.0, a)), np.asarray(np.where(eye, 0.0, b))


def risk_exponents(x: F, s: F, p: F, span: float, active: B, q: float = 1.0) -> tuple[F, F]:
    """``(S, r)``: security levels (B6) and risk exponents (B7) of every actor.

    >>> import numpy as np
    >>> x = np.array([[0.0, 50.0, 100.0]]); s = np.ones((1, 3)); act = np.ones(3, bool)
    >>> sec, r = risk_exponents(x, s, win_probability(x, s), 100.0, act)
    >>> r.round(3).tolist()   # the centre is safest (lowest S): risk-averse r = 2
    [[0.5, 2.0, 0.5]]
    """
    if q == 1.0:
        # at r = 1 and Q = 1, U_s = 2 d, U_f = -2 d and U_sq = 0 (B4 with d <= 1), so
        # EU^i(j→i) = 2 d_ij (1 - 2 s_i (1 - P_ji)) — the same as B5, without the powers
        d = np.minimum(np.abs(x[..., :, None] - x[..., None, :]) / span, 1.0)
        pt = np.swapaxes(p, -1, -2)
        b = 2.0 * d * (1.0 - 2.0 * s[..., :, None] * (1.0 - pt))
    else:
        _, b = expected_utilities(x, s, p, None, span, q)  # r = 1
    mask = active[..., None, :] & active[..., :, None]
    sec = np.where(mask, b, 0.0).sum(axis=-1)  # S_i = sum_j EU(j→i)
    smax = np.where(active, sec, -np.inf).max(axis=-1, keepdims=True)
    smin = np.where(active, sec, np.inf).min(axis=-1, keepdims=True)
    width = smax - smin
    with np.errstate(invalid="ignore", divide="ignore"):
        big_r = np.where(width > 1e-12, (2 * sec - smax - smin) / np.where(width > 0, width, 1), 0)
    r = (1.0 - big_r / 3.0) / (1.0 + big_r / 3.0)
    return np.asarray(sec), np.asarray(np.where(active, r, 1.0))


@dataclass(frozen=True)
class BDMRound:
    """The quantities of one BDM round (all arrays keep the run axis)."""

    median: F
    """median voter position before the moves (B2), ``(runs,)``"""
    mean: F
    """capability x salience weighted mean position, ``(runs,)``"""
    prob: F
    """``P_ij`` (B3)"""
    security: F
    """security levels ``S_i`` (B6)"""
    risk: F
    """risk exponents ``r_i`` (B7)"""
    eu_challenge: F
    """``EU^i(i→j)`` (B5)"""
    eu_challenged: F
    """``EU^i(j→i)`` (B5)"""
    offer_kind: NDArray[np.int8]
    """offer j makes i: 0 confrontation, 1 compromise, 2 capitulation, 3 none (B8)"""
    new_x: F
    """positions after the round (B9)"""


def _first_in_class(kind: NDArray[np.int8], key: F) -> tuple[NDArray[np.intp], B]:
    """Per receiver i: the offer j of the lowest class (0 confrontation, 1 compromise,
    2 capitulation; 3 none) with the smallest ``key`` in that class (the first on ties)."""
    best_kind = kind.min(axis=-1, keepdims=True)
    masked = np.where(kind == best_kind, key, np.inf)
    best = np.argmin(masked, axis=-1)
    return np.asarray(best), np.asarray(best_kind[..., 0] < 3)


def _receiver_offers(
    x: F, a: F, b: F, pair: B, rules: BDMRules, span: float
) -> tuple[F, NDArray[np.int8]]:
    """New positions under SCS's receiver-side offers (B8, B9)."""
    xi = x[..., :, None]
    xj = x[..., None, :]
    differ = pair & (np.abs(xi - xj) > SAME_POSITION * span)
    conf = differ & (b > a) & (a > 0)
    yield_ = differ & (b > 0) & (a < 0)
    comp = yield_ & (b > np.abs(a))
    capit = yield_ & ~comp if rules.capitulation == "text" else np.zeros_like(comp)
    kind = np.full(a.shape, 3, dtype=np.int8)
    kind[capit] = 2
    kind[comp] = 1
    kind[conf] = 0
    with np.errstate(invalid="ignore", divide="ignore"):
        frac = np.where(comp, np.abs(a) / np.where(b != 0, b, 1.0), 1.0)
        # adopting x_j must give x_j exactly: x_i + (x_j - x_i) can differ in the last bit,
        # and actors who should share a position would then challenge each other
        target = np.where(comp, xi + frac * (xj - xi), xj)
        key = np.abs(target - xi)
        if rules.offer_choice == "published-code":
            aa, bb = np.abs(a), np.abs(b)
            weighted = (aa * xi + bb * xj) / np.where(aa + bb > 0, aa + bb, 1.0)
            key = np.where(kind == 1, weighted, key)
    best, has = _first_in_class(kind, key)
    moved = np.take_along_axis(target, best[..., None], axis=-1)[..., 0]
    return np.asarray(np.where(has, moved, x)), kind


def _sender_offers(x: F, a: F, pair: B, rules: BDMRules, span: float) -> tuple[F, NDArray[np.int8]]:
    """New positions under the replication's sender-side offers (B9, ``replication``)."""
    xi = x[..., :, None]
    xj = x[..., None, :]
    u = np.swapaxes(a, -1, -2)  # u[i, j] = EU^j(j→i), j's own estimate
    sent = pair & (u > 0) & (np.abs(xj - xi) > SAME_POSITION * span)
    umax = np.where(sent, u, -np.inf).max(axis=-1, keepdims=True)
    top = sent & (u == umax)
    best = np.argmin(np.where(top, np.abs(xj - xi), np.inf), axis=-1)[..., None]
    has = sent.any(axis=-1)
    ui = np.take_along_axis(a, best, axis=-1)[..., 0]
    uj = np.take_along_axis(u, best, axis=-1)[..., 0]
    xo = np.take_along_axis(np.broadcast_to(xj, a.shape), best, axis=-1)[..., 0]
    conf = has & (ui > 0) & (ui < uj)
    comp = has & (ui < 0) & (np.abs(ui) < uj)
    capit = has & (ui < 0) & (np.abs(ui) > uj) & (rules.capitulation == "text")
    with np.errstate(invalid="ignore", divide="ignore"):
        frac = np.where(comp, np.abs(ui) / np.where(uj != 0, uj, 1.0), 1.0)
    kind = np.full(a.shape, 3, dtype=np.int8)
    cls = np.where(conf, 0, np.where(comp, 1, np.where(capit, 2, 3))).astype(np.int8)
    np.put_along_axis(kind, best, cls[..., None], axis=-1)
    new_x = np.where(comp, x + frac * (xo - x), np.where(conf | capit, xo, x))
    return np.asarray(new_x), kind


def bdm_round(
    x: F,
    c: F,
    s: F,
    span: float,
    active: B | None = None,
    q: float = 1.0,
    rules: BDMRules | None = None,
) -> BDMRound:
    """One round of the model on one dimension: B2-B10, under ``rules`` (default:
    ``published-code``).

    >>> import numpy as np
    >>> x = np.array([[0.0, 40.0, 100.0]]); c = np.array([[1.0, 1.0, 1.0]])
    >>> s = np.array([[0.9, 0.5, 0.9]])
    >>> rnd = bdm_round(x, c, s, 100.0, rules=VARIANTS["text"])
    >>> float(rnd.median[0]), rnd.risk.round(2).tolist()
    (40.0, [[2.0, 0.5, 0.77]])
    >>> rnd.offer_kind[0, 1].tolist()   # actor 1 expects to lose confrontations with 0 and 2
    [0, 3, 0]
    >>> rnd.new_x.tolist()              # ... and takes the one that moves it least
    [[0.0, 0.0, 0.0]]
    """
    rl = VARIANTS[DEFAULT_VARIANT] if rules is None else rules
    n = x.shape[-1]
    act = np.ones(n, dtype=bool) if active is None else active
    w = c * s * act
    med = median_voter(x, w, act)
    wsum = w.sum(axis=-1)
    mean = (w * x).sum(axis=-1) / np.where(wsum > 0, wsum, 1.0)
    p = win_probability(x, w, rl.probability, None, span, act)
    sec, r = risk_exponents(x, s, p, span, act, q)
    if rl.probability == "published-code":
        p = win_probability(x, w, rl.probability, r, span, act)
    a, b = expected_utilities(x, s, p, r, span, q, med)
    pair = act[..., :, None] & act[..., None, :] & ~np.eye(n, dtype=bool)
    if rl.offer_choice == "replication":
        new_x, kind = _sender_offers(x, a, pair, rl, span)
    else:
        new_x, kind = _receiver_offers(x, a, b, pair, rl, span)
    new_x = np.where(act, new_x, x)
    return BDMRound(med, mean, p, sec, r, a, b, kind, np.asarray(new_x))
