"""A spatial model of politics in the manner of KTAB's SMP, vectorised over runs.

KTAB (the KAPSARC Toolkit for Behavioral Analysis; Wise, Lester et al., KAPSARC 2015-2017,
MIT licence; ``examples/smp`` and its documentation "The KTAB Spatial Model of Politics")
models actors with a capability and, on one or several dimensions, a position and a salience.
Steppe implements the same ingredients in a simpler, deterministic form; the equations below
are Steppe's (labels S1-S7) and the differences from KTAB are listed in docs/scenarios.md.

Positions are normalised to [0, 1] per dimension (``z = (x - min) / (max - min)``); saliences
``s_kd`` are in [0, 1]. Arrays keep a leading run axis: ``z`` is ``(runs, actors, dims)``.

(S1) Distance and utility (KTAB: salience-weighted Euclidean distance, risk-neutral value):
     ``d_k(a, b) = sqrt(sum_d s_kd (a_d - b_d)^2 / sum_d s_kd)`` and
     ``u_k(a) = 1 - d_k(z_k, a)``.
(S2) Influence (KTAB "capability x salience"): ``w_k = c_k * mean_d s_kd``.
(S3) Votes (KTAB VotingRule "Prop"): ``v_k(i:j) = w_k (u_k(z_i) - u_k(z_j))``.
(S4) Pairwise victory (KTAB VictoryProbModel "Linear" with every actor joining the coalition
     it prefers, the "Condorcet" contest): ``P[i>j] = S_ij / (S_ij + S_ji)`` with coalition
     strength ``S_ij = sum_k max(0, v_k(i:j))``; 1/2 for a tie with no votes.
(S5) Winning probabilities (KTAB PCE models): ``conditional``: ``p_i ∝ prod_{j≠i} P[i>j]``;
     ``markov``: the stationary distribution of the chain in which a random challenger i
     displaces the current winning position j with probability ``P[i>j]``.
(S6) Expected outcome: ``z̄ = sum_i p_i z_i`` (reported on the dimensions' scales).
(S7) Moves (KTAB: each actor targets the actor it expects to gain most from challenging, and
     the pair adopts a power-weighted compromise): with ``Δ_ij = u_i(z_i) - u_i(z_j)``,
     i's expected gain from challenging j is ``G_ij = P[i>j] p_j Δ_ij - P[j>i] p_i Δ_ij``
     (if i wins, j's probability mass moves to i's position; if i loses, i's moves to j's).
     i targets ``j* = argmax_j G_ij`` when ``G > 0``; the bargain is
     ``b_ij = (P[i>j] w_i z_i + P[j>i] w_j z_j) / (P[i>j] w_i + P[j>i] w_j)``. Every actor
     that is party to one or more bargains (as challenger or target) adopts the one it values
     most (``u_k(b)``); the others stay.

>>> import numpy as np
>>> z = np.array([[[0.0], [0.5], [1.0]]]); w = np.array([[1.0, 1.0, 1.0]])
>>> sal = np.ones((1, 3, 1))
>>> p = victory_matrix(z, sal, w)
>>> winning_probabilities(p, "conditional").round(3).tolist()  # the centre wins most
[[0.214, 0.571, 0.214]]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from steppe.domain.errors import ScenarioError

F = NDArray[np.float64]
B = NDArray[np.bool_]

PCE_MODELS = ("conditional", "markov")


def utilities(z: F, sal: F, points: F) -> F:
    """``U[.., k, m] = u_k(points_m)`` (S1) for points shaped ``(runs, m, dims)``.

    >>> import numpy as np
    >>> z = np.array([[[0.0, 0.0]]]); sal = np.array([[[1.0, 0.0]]])
    >>> utilities(z, sal, np.array([[[0.3, 1.0]]])).round(2).tolist()  # dim 2 does not count
    [[[0.7]]]
    """
    ssum = sal.sum(axis=-1)[..., :, None]
    diff2 = (z[..., :, None, :] - points[..., None, :, :]) ** 2  # [k, m, d]
    num = np.einsum("...kd,...kmd->...km", sal, diff2)
    d = np.sqrt(num / np.where(ssum > 0, ssum, 1.0))
    return np.asarray(1.0 - d)


def victory_matrix(z: F, sal: F, w: F, active: B | None = None) -> F:
    """``P[.., i, j]``: probability that i's position beats j's (S3-S4)."""
    n = z.shape[-2]
    act = np.ones(n, dtype=bool) if active is None else active
    u = utilities(z, sal, z)  # u[k, i]
    ww = w * act
    v = u[..., :, :, None] - u[..., :, None, :]  # [k, i, j] = u_k(i) - u_k(j)
    s_ij = np.einsum("...k,...kij->...ij", ww, np.maximum(v, 0.0))
    s_ji = np.swapaxes(s_ij, -1, -2)
    tot = s_ij + s_ji
    p = np.where(tot > 0, s_ij / np.where(tot > 0, tot, 1.0), 0.5)
    p = np.where(np.eye(n, dtype=bool), 0.0, p)
    return np.asarray(p)


def winning_probabilities(p: F, pce: str = "conditional", active: B | None = None) -> F:
    """Each position's probability of prevailing (S5), ``(runs, actors)``.

    >>> import numpy as np
    >>> p = np.array([[[0.0, 0.8], [0.2, 0.0]]])
    >>> winning_probabilities(p, "markov").round(3).tolist()
    [[0.8, 0.2]]
    """
    n = p.shape[-1]
    act = np.ones(n, dtype=bool) if active is None else active
    pair = act[:, None] & act[None, :] & ~np.eye(n, dtype=bool)
    if pce == "conditional":
        logp = np.where(pair, np.log(np.clip(p, 1e-300, 1.0)), 0.0).sum(axis=-1)
        logp = np.where(act, logp, -np.inf)
        logp = logp - logp.max(axis=-1, keepdims=True)
        e = np.exp(logp)
        return np.asarray(e / e.sum(axis=-1, keepdims=True))
    if pce == "markov":
        m = max(int(act.sum()) - 1, 1)
        trans = np.where(pair, p, 0.0) / m  # trans[i, j]: from j to i
        stay = 1.0 - trans.sum(axis=-2)
        trans = trans + np.eye(n) * stay[..., None, :]
        pi = np.broadcast_to(act / act.sum(), p.shape[:-1]).copy()
        for _ in range(200):
            pi = np.einsum("...ij,...j->...i", trans, pi)
        return np.asarray(pi / pi.sum(axis=-1, keepdims=True))
    raise ScenarioError(f"unknown PCE model {pce!r}; expected one of {PCE_MODELS}")


@dataclass(frozen=True)
class SMPRound:
    """The quantities of one SMP round."""

    victory: F
    """``P[i>j]`` (S4)"""
    prob: F
    """winning probabilities ``p_i`` (S5)"""
    outcome: F
    """expected outcome ``z̄`` on the [0, 1] scales (S6), ``(runs, dims)``"""
    target: NDArray[np.int64]
    """each actor's chosen target (itself when it challenges nobody) (S7)"""
    new_z: F
    """positions after the round (S7)"""


def smp_round(z: F, c: F, sal: F, active: B | None = None, pce: str = "conditional") -> SMPRound:
    """One round of the spatial model (S1-S7).

    >>> import numpy as np
    >>> z = np.array([[[0.0], [0.4], [1.0]]]); c = np.array([[1.0, 2.0, 1.0]])
    >>> rnd = smp_round(z, c, np.ones((1, 3, 1)))
    >>> rnd.outcome.round(3).tolist(), rnd.new_z[..., 0].round(3).tolist()
    ([[0.405]], [[0.343, 0.343, 0.486]])
    """
    n = z.shape[-2]
    act = np.ones(n, dtype=bool) if active is None else active
    w = c * sal.mean(axis=-1) * act
    vic = victory_matrix(z, sal, w, act)
    prob = winning_probabilities(vic, pce, act)
    outcome = np.einsum("...i,...id->...d", prob, z)
    u = utilities(z, sal, z)  # u[i, j] = u_i(z_j)
    delta = np.diagonal(u, axis1=-2, axis2=-1)[..., :, None] - u
    vt = np.swapaxes(vic, -1, -2)
    gain = vic * prob[..., None, :] * delta - vt * prob[..., :, None] * delta
    pair = act[:, None] & act[None, :] & ~np.eye(n, dtype=bool)
    gain = np.where(pair, gain, -np.inf)
    tgt = np.argmax(gain, axis=-1)
    best = np.take_along_axis(gain, tgt[..., None], axis=-1)[..., 0]
    has = (best > 1e-12) & act
    zt = np.take_along_axis(z, tgt[..., None].repeat(z.shape[-1], -1), axis=-2)
    p_win = np.take_along_axis(vic, tgt[..., None], axis=-1)[..., 0]
    p_lose = np.take_along_axis(vt, tgt[..., None], axis=-1)[..., 0]
    wt = np.take_along_axis(w, tgt, axis=-1)
    a = (p_win * w)[..., None]
    b = (p_lose * wt)[..., None]
    bargain = np.where(a + b > 0, (a * z + b * zt) / np.where(a + b > 0, a + b, 1.0), z)
    idx = np.arange(n)
    party = (has[..., None, :]) & (
        (idx[:, None] == idx[None, :]) | (tgt[..., None, :] == idx[:, None])
    )  # party[k, i]: k is party to challenger i's bargain
    ub = utilities(z, sal, bargain)  # ub[k, i] = u_k(b_i)
    ub = np.where(party, ub, -np.inf)
    choice = np.argmax(ub, axis=-1)
    any_party = party.any(axis=-1)
    chosen = np.take_along_axis(bargain, choice[..., None].repeat(z.shape[-1], -1), -2)
    new_z = np.where(any_party[..., None], chosen, z)
    return SMPRound(vic, prob, outcome, np.where(has, tgt, idx), np.asarray(new_z))
