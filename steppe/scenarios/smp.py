"""KTAB's Spatial Model of Politics (SMP), re-implemented and vectorised over runs.

Source: KTAB, the KAPSARC Toolkit for Behavioral Analysis (Wise, Lester et al., KAPSARC
2015-2017, MIT licence): ``examples/smp/libsrc/smp.cpp`` and ``smpbcn.cpp`` (SMPState,
bargaining), ``kmodel/libsrc/kmodel.cpp`` (votes, coalitions, PCE, risk) and the reference
logs ``examples/smp/doc/20170530_ref-*.txt``. The equations below were written from reading
that source and checking each printed quantity of the logs; the code is Steppe's. Labels
K1-K12 are Steppe's; the KTAB function is named with each.

Positions ``z`` and ideals ``y`` are on [0, 1] per dimension, saliences ``s_kd`` in [0, 1]
(KTAB reads 0-100 and divides by 100), capabilities ``c_k`` > 0. Arrays keep a leading run
axis: ``z`` is ``(runs, actors, dims)``.

(K1) Distance (``SMPModel::bvDiff``, salience-squared weights, i's saliences):
     ``d_ij = sqrt(sum_d (s_id (y_id - z_jd))^2 / sum_d s_id^2)``.
(K2) Utility with risk attitude R in [-1/2, 1] (``SMPModel::bsUtil``):
     ``u(d, R) = (1 - d)(1 + d R)`` (``(1 - d)(1 + R)`` if round-off makes d > 1).
(K3) Votes (``Model::vote``), with ``Δ = u_k(a) - u_k(b)`` and weight w:
     Prop ``wΔ``; PropCbc ``w(Δ/2 + Δ^3/2)``; Cubic ``wΔ^3``; Binary ``w clip(Δ/1e-8, -1, 1)``;
     PropBin ``w(0.8Δ + 0.2 bin)``; ASymProsp ``wΔ`` if Δ < 0 else ``2wΔ/3``.
(K4) Coalitions (``Model::coalitions``): ``C(a:b) = 1e-8 + sum_k max(0, v_k(a:b))`` and
     victory (``Model::vProb``, VPModel Linear) ``P[a>b] = C(a:b) / (C(a:b) + C(b:a))``,
     ``P[a>a] = 1/2``.
(K5) PCE, probability of each option (``Model::condPCE``, ``markovIncentivePCE``,
     ``markovUniformPCE``): Conditional ``p_a ∝ prod_b P[a>b]``; MarkovIncentive: challenge
     probabilities ``Q[a<-b] ∝ C(a:b) P[a>b]`` (+1e-10 on the diagonal), iterate
     ``q_a = sum_b P[a>b] (p_a Q[b<-a] + p_b Q[a<-b])``, ``p <- (p + q)/2`` to 1e-8;
     MarkovUniform ``q_a = sum_b P[a>b](p_a + p_b)/N`` to 1e-6.
(K6) Risk attitudes (``SMPState::setAllAUtil``, ``Model::bigRfromProb``): with risk-neutral
     utilities ``1 - d_ij`` and weights ``c_k`` (capability only), the PCE over all actors'
     positions gives ``p_i``; BigRRange Mid ``R_i = (3p_i - p_max - 2p_min) / (2(p_max -
     p_min))`` (Min ``(p - p_min)/(p_max - p_min)``, Max ``(2p - p_max - p_min)/(p_max -
     p_min)``). h's estimate of i's attitude (``Model::estNRA``, BigRAdjust OneThird)
     ``R^h_i = (2R_h + R_i)/3`` (Full ``R_i``, TwoThirds ``(R_h + 2R_i)/3``, Half, None
     ``R_h``), and ``U^h[i, j] = u(d_ij, R^h_i)``; ``U^i[i, ·]`` is i's own utility.
(K7) Challenge (``SMPState::probEduChlg`` with h = k = i, ``Actor::vProbLittle``,
     ``Actor::thirdPartyVoteSU``), all from i's estimates ``U = U^i`` and influences
     ``w_k = c_k sum_d s_kd``: principals ``v_i = vote(w_i, U[i,i] - U[i,j])``,
     ``v_j = vote(w_j, U[j,i] - U[j,j])`` form ``A = 1e-10 + pos(v_i) + pos(v_j)``,
     ``B = 1e-10 + neg(v_i) + neg(v_j)``; each third party n first sees the little contest
     ``π_n = A'/(A' + B')`` (A', B' = A, B plus its own ``vote(w_n, U[n,i] - U[n,j])``), then
     votes (SemiCommit) ``vote(w_n, π_n(2U[n,i] + U[n,n]) + (1-π_n) 3U[n,j]
     - π_n 3U[n,i] - (1-π_n)(2U[n,j] + U[n,n]))`` (FullCommit: ``U[n,n]`` replaced by
     ``U[n,i]``/``U[n,j]``; NoCommit: by ``U[n,n]`` in all four); ``P[i>j] = A/(A + B)`` after
     all votes. Expected gain ``EΔU = (1 - S_j) 2U[i,i] + S_j (2P U[i,i] + 2(1-P) U[i,j])
     - U[i,i] - U[i,j]`` with ``S_j = sum_d s_jd``.
(K8) Target (``SMPState::bestChallenge``): the first j (in actor order) with the largest
     ``EΔU > 1e-5``; none otherwise.
(K9) Bargain (``SMPActor::interpolateBrgn``, InterVecBrgn S2P2, BargnModel InitOnlyInterp):
     from i's perspective with ``p = P[i>j]``, per dimension ``a = s_id^2 p^2``,
     ``b = s_jd^2 (1-p)^2``, i is to adopt ``round4(((a + 1e-6) z_id + b z_jd)/(a + b + 1e-6))``
     and j ``round4((a z_id + (b + 1e-6) z_jd)/(a + b + 1e-6))`` (S1P1: powers 1; S2PMax is
     not implemented).
(K10) Bargain resolution (``SMPState::doBCN``): for each actor k, the options are its status
     quo and every bargain it is party to; actor a values an option at the mean over all
     actors' positions of its own utility, with the two parties' positions replaced by the
     bargain's (``u_a(x) = u(d(z_a, x), R_a)`` for the new ones). The PCE (K4-K5, weights c_k,
     the model's voting rule) over k's options picks the bargain: Deterministic the most
     probable (first in KTAB's queue order on ties), Stochastic a draw from it.
(K11) Ideals (``SMPState::newIdeals``): ``y' = A z' + (1 - rowsum A) y`` with KTAB's
     accommodation matrix A (identity by default, so ideals are the positions).
(K12) Winning probabilities (``SMPState::pDist(-1)``, ``SMPModel::showVPHistory``): the PCE
     over the distinct positions (``|z_i - z_j| < 1e-3`` are one), each actor valuing them with
     its own U^i, weights ``c_k``, Proportional votes; an actor's probability is that of its
     position. Steppe's forecast is ``sum_u p_u z_u`` over distinct positions.

>>> import numpy as np
>>> z = np.array([[[0.0], [0.5], [1.0]]]); s = np.ones((1, 3, 1))
>>> c = np.array([[1.0, 2.0, 1.0]])
>>> winning_probabilities(z, c, s).round(3).tolist()  # the strong centre wins most
[[0.275, 0.45, 0.275]]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from steppe.domain.errors import ScenarioError
from steppe.scenarios.ktab_prng import KtabPRNG

F = NDArray[np.float64]
B = NDArray[np.bool_]
I64 = NDArray[np.int64]

PCE_MODELS = ("conditional", "markov", "markov_uniform")
VOTING_RULES = ("prop", "propcbc", "cubic", "binary", "propbin", "asymprosp")
BIG_R_RANGES = ("min", "mid", "max")
BIG_R_ADJUST = ("full", "twothirds", "half", "onethird", "none")
THIRD_PARTY = ("full", "semi", "none")
INTER_VEC = ("s1p1", "s2p2")
TRANSITIONS = ("deterministic", "stochastic")

MIN_COALITION = 1e-8
MIN_CHALLENGE_COALITION = 1e-10
MIN_SIG_GAIN = 1e-5
POS_TOL = 1e-3


def _norm(value: object) -> str:
    return str(value).strip().lower().replace("-", "").replace("_", "").replace(" ", "")


_ALIASES: dict[str, dict[str, str]] = {
    "pce": {
        "conditional": "conditional",
        "conditionalpcm": "conditional",
        "markov": "markov",
        "markovincentive": "markov",
        "markovipcm": "markov",
        "markovuniform": "markov_uniform",
        "markovupcm": "markov_uniform",
    },
    "voting": {
        "prop": "prop",
        "proportional": "prop",
        "propcbc": "propcbc",
        "cubic": "cubic",
        "binary": "binary",
        "propbin": "propbin",
        "asymprosp": "asymprosp",
    },
    "big_r_range": {"min": "min", "mid": "mid", "max": "max"},
    "big_r_adjust": {
        "full": "full",
        "fullra": "full",
        "twothirds": "twothirds",
        "twothirdsra": "twothirds",
        "half": "half",
        "halfra": "half",
        "onethird": "onethird",
        "onethirdra": "onethird",
        "none": "none",
        "nora": "none",
    },
    "third_party": {
        "full": "full",
        "fullcommit": "full",
        "semi": "semi",
        "semicommit": "semi",
        "none": "none",
        "nocommit": "none",
    },
    "inter_vec": {"s1p1": "s1p1", "s2p2": "s2p2"},
    "victory": {"linear": "linear"},
    "bargain_model": {"initonlyinterp": "init_only", "initonlyinterpsmpbm": "init_only"},
    "transitions": {
        "deterministic": "deterministic",
        "deterministicstm": "deterministic",
        "stochastic": "stochastic",
        "stochasticstm": "stochastic",
    },
}


@dataclass(frozen=True)
class SMPParams:
    """KTAB's model parameters (defaults: those of ``smpc`` for CSV inputs, as in its logs)."""

    pce: str = "conditional"
    voting: str = "prop"
    big_r_range: str = "mid"
    big_r_adjust: str = "onethird"
    third_party: str = "semi"
    inter_vec: str = "s2p2"
    transitions: str = "deterministic"
    victory: str = "linear"
    bargain_model: str = "init_only"

    @classmethod
    def from_params(cls, params: Mapping[str, float | str]) -> SMPParams:
        """From a scenario's ``params``: keys ``pce``, ``voting``, ``big_r_range``,
        ``big_r_adjust``, ``third_party``, ``inter_vec``, ``transitions``, ``victory`` (only
        Linear), ``bargain_model`` (only InitOnlyInterp); KTAB's names
        (``PCEModel``, ``VotingRule``, ``StateTransitions``, ...) are accepted as values.

        >>> SMPParams.from_params({"pce": "MarkovIncentive", "voting": "PropCbc"}).voting
        'propcbc'
        """
        values: dict[str, str] = {}
        for key, table in _ALIASES.items():
            if key not in params:
                continue
            got = table.get(_norm(params[key]))
            if got is None:
                allowed = sorted(set(table.values()))
                raise ScenarioError(
                    f"unknown SMP {key} {params[key]!r}; expected one of {tuple(allowed)}"
                )
            values[key] = got
        return cls(**values)


def accommodation_matrix(spec: str, codes: list[str] | tuple[str, ...]) -> F:
    """(K11) KTAB's ideal-accommodation matrix from ``"Bob>Alice=0.07;…"`` (the XML's
    ``<IdealAdjustment>``: Bob's ideal moves 7 % toward Alice's position each round). As in
    KTAB's XML reader, the matrix starts as the identity and each listed actor's row is
    replaced by its pairs, so unlisted actors keep ``ideal = position``.

    >>> accommodation_matrix("A>A=0.5;A>B=0.25", ["A", "B"]).tolist()
    [[0.5, 0.25], [0.0, 1.0]]
    """
    n = len(codes)
    pos = {c: i for i, c in enumerate(codes)}
    acc = np.eye(n)
    seen: set[int] = set()
    for part in filter(None, (x.strip() for x in spec.split(";"))):
        try:
            pair, value = part.split("=")
            adj, ref = (x.strip() for x in pair.split(">"))
            i, j, v = pos[adj], pos[ref], float(value)
        except (ValueError, KeyError):
            raise ScenarioError(f"ideal_adjustment: cannot read {part!r}") from None
        if i not in seen:
            acc[i] = 0.0
            seen.add(i)
        acc[i, j] = v
    return acc


def _vote(rule: str, w: F, du: F) -> F:
    """(K3) ``Model::vote``."""
    if rule == "prop":
        return np.asarray(w * du)
    if rule == "propcbc":
        return np.asarray(w * (0.5 * du + 0.5 * du**3))
    if rule == "cubic":
        return np.asarray(w * du**3)
    binary = np.clip(du / 1e-8, -1.0, 1.0)
    if rule == "binary":
        return np.asarray(w * binary)
    if rule == "propbin":
        return np.asarray(w * (0.8 * du + 0.2 * binary))
    if rule == "asymprosp":
        return np.asarray(np.where(du < 0, w * du, 2.0 * w * du / 3.0))
    raise ScenarioError(f"unknown voting rule {rule!r}; expected one of {VOTING_RULES}")


def distances(y: F, z: F, sal: F) -> F:
    """(K1) ``d[.., i, j]``: from i's ideal ``y_i`` to ``z_j`` with i's saliences squared.

    >>> import numpy as np
    >>> y = np.array([[[0.0, 0.0]]]); s = np.array([[[1.0, 0.0]]])
    >>> distances(y, np.array([[[0.3, 1.0]]]), s).round(2).tolist()  # dim 2 does not count
    [[[0.3]]]
    """
    s2 = sal**2
    diff2 = (y[..., :, None, :] - z[..., None, :, :]) ** 2
    num = np.einsum("...id,...ijd->...ij", s2, diff2)
    den = s2.sum(axis=-1)[..., :, None]
    return np.asarray(np.sqrt(num / np.where(den > 0, den, 1.0)))


def risk_utility(d: F, r: F) -> F:
    """(K2) ``u = (1 - d)(1 + d R)`` for ``d <= 1``, ``(1 - d)(1 + R)`` beyond."""
    return np.asarray(np.where(d <= 1.0, (1.0 - d) * (1.0 + d * r), (1.0 - d) * (1.0 + r)))


def coalitions(u: F, w: F, rule: str, voters: B | None = None) -> F:
    """(K4) ``C[.., a, b]`` from utilities ``u[.., voter, option]`` and weights ``w[.., voter]``;
    the lower triangle sums positive votes for a over b, the upper the negative ones, as in
    ``Model::coalitions``."""
    du = u[..., :, :, None] - u[..., :, None, :]  # [k, a, b]
    ww = w if voters is None else np.where(voters, w, 0.0)
    v = _vote(rule, ww[..., :, None, None], du)
    pos = np.maximum(v, 0.0).sum(axis=-3)
    neg = np.maximum(-v, 0.0).sum(axis=-3)
    m = u.shape[-1]
    lower = np.tril(np.ones((m, m), dtype=bool), -1)
    c = np.where(lower, pos, np.swapaxes(neg, -1, -2)) + MIN_COALITION
    c = np.where(np.eye(m, dtype=bool), MIN_COALITION, c)
    return np.asarray(c)


def victory(c: F) -> F:
    """(K4) ``P[a>b] = C(a:b)/(C(a:b) + C(b:a))``, 1/2 on the diagonal."""
    return np.asarray(c / (c + np.swapaxes(c, -1, -2)))


def pce(c: F, model: str = "conditional", options: B | None = None) -> F:
    """(K5) Probability of each option from coalition strengths ``C[.., a, b]``; options
    outside the mask ``options[.., a]`` get 0 and take no part.

    >>> import numpy as np
    >>> c = np.array([[[1e-8, 3.0], [1.0, 1e-8]]])
    >>> pce(c).round(3).tolist(), pce(c, "markov").round(3).tolist()
    ([[0.75, 0.25]], [[0.75, 0.25]])
    """
    m = c.shape[-1]
    opt = np.ones(c.shape[:-1], dtype=bool) if options is None else options
    pv = victory(c)
    pair = opt[..., :, None] & opt[..., None, :]
    if model == "conditional":
        logp = np.where(pair, np.log(np.clip(pv, 1e-300, 1.0)), 0.0).sum(axis=-1)
        logp = np.where(opt, logp, -np.inf)
        logp = logp - logp.max(axis=-1, keepdims=True)
        e = np.exp(logp)
        return np.asarray(e / e.sum(axis=-1, keepdims=True))
    p = opt / opt.sum(axis=-1, keepdims=True)
    if model == "markov":
        inc = np.where(pair, c * pv, 0.0) + np.where(np.eye(m, dtype=bool) & pair, 1e-10, 0.0)
        chl = inc / np.where(pair, inc, 0.0).sum(axis=-2, keepdims=True).clip(1e-300)
        pvm = np.where(pair, pv, 0.0)
        for _ in range(2000):
            # q_a = sum_b P[a>b] (p_a Q[b<-a] + p_b Q[a<-b])
            q = p * np.einsum("...ab,...ba->...a", pvm, chl) + np.einsum(
                "...ab,...ab,...b->...a", pvm, chl, p
            )
            done = np.abs(q - p).max() <= 1e-8
            p = (p + q) / 2.0
            if done:
                break
        return np.asarray(p)
    if model == "markov_uniform":
        pvm = np.where(pair, pv, 0.0)
        n = opt.sum(axis=-1, keepdims=True)
        for _ in range(2000):
            q = (p * pvm.sum(axis=-1) + np.einsum("...ab,...b->...a", pvm, p)) / n
            done = np.abs(q - p).max() <= 1e-6
            p = (p + q) / 2.0
            if done:
                break
        return np.asarray(p)
    raise ScenarioError(f"unknown PCE model {model!r}; expected one of {PCE_MODELS}")


def big_r(p: F, rng: str = "mid", options: B | None = None) -> F:
    """(K6) ``Model::bigRfromProb``: risk attitudes from the probabilities of the positions."""
    opt = np.ones(p.shape, dtype=bool) if options is None else options
    pmin = np.where(opt, p, np.inf).min(axis=-1, keepdims=True)
    pmax = np.where(opt, p, -np.inf).max(axis=-1, keepdims=True)
    span = np.where(pmax > pmin, pmax - pmin, 1.0)
    if rng == "min":
        r = (p - pmin) / span
    elif rng == "mid":
        r = (3 * p - (pmax + 2 * pmin)) / (2 * span)
    elif rng == "max":
        r = (2 * p - (pmax + pmin)) / span
    else:
        raise ScenarioError(f"unknown BigRRange {rng!r}; expected one of {BIG_R_RANGES}")
    return np.asarray(np.where(opt, r, 0.0))


def _est_r(rh: F, ri: F, adjust: str) -> F:
    """(K6) ``Model::estNRA``: h's estimate of i's risk attitude."""
    if adjust == "full":
        return np.asarray(ri + 0.0 * rh)
    if adjust == "twothirds":
        return np.asarray((rh + 2.0 * ri) / 3.0)
    if adjust == "half":
        return np.asarray((rh + ri) / 2.0)
    if adjust == "onethird":
        return np.asarray((2.0 * rh + ri) / 3.0)
    if adjust == "none":
        return np.asarray(rh + 0.0 * ri)
    raise ScenarioError(f"unknown BigRAdjust {adjust!r}; expected one of {BIG_R_ADJUST}")


def _active(n: int, active: B | None) -> B:
    return np.ones(n, dtype=bool) if active is None else np.asarray(active, dtype=bool)


def distinct(z: F, active: B | None = None) -> tuple[B, I64]:
    """(K12) Which positions are distinct (the first of each group closer than 1e-3) and, per
    actor, the index of its group's first position (``State::setUENdx``, ``posProb``)."""
    n = z.shape[-2]
    act = _active(n, active)
    gap = np.sqrt(((z[..., :, None, :] - z[..., None, :, :]) ** 2).sum(axis=-1))
    eq = (gap < POS_TOL) & act[:, None] & act[None, :]
    earlier = np.tril(np.ones((n, n), dtype=bool), -1)
    unique = act & ~(eq & earlier).any(axis=-1)
    rep = np.argmax(eq & unique[..., None, :], axis=-1)
    return np.asarray(unique), np.asarray(rep, dtype=np.int64)


@dataclass(frozen=True)
class Assessment:
    """The quantities KTAB's ``setAllAUtil`` and ``pDist(-1)`` compute for one state."""

    risk: F
    """inferred risk attitudes R_i (K6), ``(runs, actors)``"""
    est_util: F
    """``U^h[i, j]`` (K6), ``(runs, h, i, j)``"""
    util: F
    """each actor's own utilities ``U^i[i, j]``, ``(runs, i, j)``"""
    prob: F
    """each actor's position's winning probability (K12), ``(runs, actors)``"""
    outcome: F
    """``sum_u p_u z_u`` over distinct positions, ``(runs, dims)``"""


def assess(
    z: F, c: F, sal: F, active: B | None = None, params: SMPParams | None = None,
    ideal: F | None = None,
) -> Assessment:  # fmt: skip
    """(K1, K2, K4-K6, K12) Utilities, risk attitudes and winning probabilities of a state."""
    prm = params or SMPParams()
    n = z.shape[-2]
    act = _active(n, active)
    y = z if ideal is None else ideal
    d = distances(y, z, sal)
    cap = np.where(act, c, 0.0)
    rn = 1.0 - d
    optb = np.broadcast_to(act, c.shape)
    p0 = pce(coalitions(rn, cap, prm.voting, act), prm.pce, optb)
    r = big_r(p0, prm.big_r_range, optb)
    rh = _est_r(r[..., :, None], r[..., None, :], prm.big_r_adjust)  # [h, i]
    est = risk_utility(d[..., None, :, :], rh[..., :, :, None])
    idx = np.arange(n)
    own = est[..., idx, idx, :]
    unique, rep = distinct(z, act)
    uopt = np.broadcast_to(unique, c.shape) if unique.ndim == 1 else unique
    pu = pce(coalitions(own, cap, prm.voting, act), prm.pce, uopt)
    prob = np.take_along_axis(pu, np.broadcast_to(rep, c.shape), axis=-1)
    prob = np.where(act, prob, 0.0)
    outcome = np.einsum("...i,...id->...d", pu, z)
    return Assessment(r, np.asarray(est), np.asarray(own), np.asarray(prob), outcome)


def winning_probabilities(
    z: F, c: F, sal: F, active: B | None = None, params: SMPParams | None = None
) -> F:
    """(K12) Each actor's position's probability of prevailing, ``(runs, actors)``."""
    return assess(z, c, sal, active, params).prob


def challenges(est: F, c: F, sal: F, active: B, prm: SMPParams) -> tuple[F, F]:
    """(K7) ``P[i>j]`` and i's expected gain ``EΔU`` from challenging j, both from i's own
    estimates, ``(runs, i, j)``."""
    n = c.shape[-1]
    idx = np.arange(n)
    w = np.where(active, c * sal.sum(axis=-1), 0.0)  # influence c_k * sum_d s_kd
    ui = est[..., idx, :, :]  # U^i
    own = ui[..., idx, idx, :]  # U^i[i, b]
    uii = own[..., idx, idx][..., :, None]  # U^i[i, i]
    uij = own  # U^i[i, j]
    tr = np.swapaxes(np.diagonal(ui, axis1=-3, axis2=-1), -1, -2)  # tr[i, a] = U^i[a, i]
    uji = tr  # U^i[j, i]
    ujj = np.diagonal(ui, axis1=-2, axis2=-1)  # U^i[j, j] -> [i, j]
    vote = prm.voting
    vi = _vote(vote, w[..., :, None], uii - uij)
    vj = _vote(vote, w[..., None, :], uji - ujj)
    a0 = MIN_CHALLENGE_COALITION + np.maximum(vi, 0) + np.maximum(vj, 0)
    b0 = MIN_CHALLENGE_COALITION + np.maximum(-vi, 0) + np.maximum(-vj, 0)
    # third parties: [i, j, n]
    uni = tr[..., :, None, :]  # U^i[n, i] as [i, 1, n]
    unj = np.swapaxes(ui, -1, -2)  # [i, j, n] = U^i[n, j]
    unn = np.diagonal(ui, axis1=-2, axis2=-1)[..., :, None, :]  # [i, 1, n]
    wn = w[..., None, None, :]
    little = _vote(vote, wn, uni - unj)
    ai = a0[..., None] + np.maximum(little, 0)
    bi = b0[..., None] + np.maximum(-little, 0)
    pin = ai / (ai + bi)
    if prm.third_party == "semi":
        ikj, jik, ijk, jki = 2 * uni + unn, 3 * unj, 3 * uni, 2 * unj + unn
    elif prm.third_party == "full":
        ikj, jik, ijk, jki = 3 * uni, 3 * unj, 3 * uni, 3 * unj
    elif prm.third_party == "none":
        ikj, jik, ijk, jki = 2 * uni + unn, 2 * unj + unn, 2 * uni + unn, 2 * unj + unn
    else:
        raise ScenarioError(
            f"unknown ThirdPartyCommit {prm.third_party!r}; expected one of {THIRD_PARTY}"
        )
    u_ik_j = pin * ikj + (1 - pin) * jik
    u_i_jk = pin * ijk + (1 - pin) * jki
    vt = _vote(vote, wn, u_ik_j - u_i_jk)
    third = active[None, None, :] & (idx[:, None, None] != idx[None, None, :])
    third = third & (idx[None, :, None] != idx[None, None, :])
    vt = np.where(third, vt, 0.0)
    a = a0 + np.maximum(vt, 0).sum(axis=-1)
    b = b0 + np.maximum(-vt, 0).sum(axis=-1)
    p = a / (a + b)
    sj = sal.sum(axis=-1)[..., None, :]
    win = 2 * uii
    contest = p * 2 * uii + (1 - p) * 2 * uij
    gain = (1 - sj) * win + sj * contest - (uii + uij)
    return np.asarray(p), np.asarray(gain)


def _round4(x: F) -> F:
    """KTAB's ``round4``: ``int(0.5 + 10^4 x) / 10^4`` (truncation toward zero)."""
    return np.asarray(np.trunc(0.5 + x * 10000.0) / 10000.0)


def interpolate(zi: F, si: F, zj: F, sj: F, p: F, inter_vec: str = "s2p2") -> tuple[F, F]:
    """(K9) The bargain from i's perspective: what i and j are to adopt, per dimension."""
    if inter_vec not in INTER_VEC:
        raise ScenarioError(f"unknown InterVecBrgn {inter_vec!r}; expected one of {INTER_VEC}")
    k = 2 if inter_vec == "s2p2" else 1
    pp = p[..., None]
    a = si**k * pp**k
    b = sj**k * (1 - pp) ** k
    den = a + b + 1e-6
    return _round4(((a + 1e-6) * zi + b * zj) / den), _round4((a * zi + (b + 1e-6) * zj) / den)


@dataclass(frozen=True)
class SMPRound:
    """The quantities of one SMP round."""

    assessment: Assessment
    """the state before the moves (K6, K12)"""
    victory: F
    """``P[i>j]`` from i's perspective (K7), ``(runs, i, j)``"""
    gain: F
    """i's expected gain from challenging j (K7)"""
    target: I64
    """each actor's target, itself when it challenges nobody (K8)"""
    chosen: I64
    """each actor's chosen bargain: the initiator's index, or -1 for its status quo (K10)"""
    new_z: F
    """positions after the round (K10)"""
    new_ideal: F
    """ideals after the round (K11)"""

    @property
    def prob(self) -> F:
        """winning probabilities before the moves (K12)"""
        return self.assessment.prob

    @property
    def outcome(self) -> F:
        """expected outcome before the moves, ``(runs, dims)``"""
        return self.assessment.outcome


def smp_round(
    z: F,
    c: F,
    sal: F,
    active: B | None = None,
    params: SMPParams | None = None,
    *,
    ideal: F | None = None,
    accommodation: F | None = None,
    seed: int | np.random.Generator | KtabPRNG | None = None,
    queue: F | None = None,
) -> SMPRound:
    """One KTAB bargaining round (K1-K11). ``seed`` (an int, a numpy Generator, or a
    :class:`~steppe.scenarios.ktab_prng.KtabPRNG` to replay a KTAB log) drives Stochastic
    transitions only: one uniform number per run and actor, in that order (``PRNG::probSel``).
    ``queue[k, o]`` (optional) is option o's place in actor k's queue (options: the bargain
    initiated by actor o, o = n its status quo); by default KTAB's sequential order. It
    decides ties (Deterministic) and the cumulative order of a Stochastic draw; KTAB's
    multi-threaded runs log their own order ("Bargains involving actor k").

    >>> import numpy as np
    >>> z = np.array([[[0.0], [0.4], [1.0]]]); c = np.array([[1.0, 2.0, 1.0]])
    >>> rnd = smp_round(z, c, np.ones((1, 3, 1)))
    >>> rnd.target.tolist(), rnd.new_z[..., 0].round(4).tolist()
    ([[0, 2, 0]], [[0.5164, 0.609, 0.5164]])
    """
    prm = params or SMPParams()
    if prm.transitions not in TRANSITIONS:
        raise ScenarioError(
            f"unknown StateTransitions {prm.transitions!r}; expected one of {TRANSITIONS}"
        )
    n = z.shape[-2]
    act = _active(n, active)
    y = z if ideal is None else ideal
    asm = assess(z, c, sal, act, prm, y)
    p, gain = challenges(asm.est_util, c, sal, act, prm)
    idx = np.arange(n)
    pair = act[:, None] & act[None, :] & (idx[:, None] != idx[None, :])
    gain = np.where(pair, gain, -np.inf)
    tgt = np.argmax(gain, axis=-1)  # first of the largest, as bestChallenge
    best = np.take_along_axis(gain, tgt[..., None], -1)[..., 0]
    has = (best > MIN_SIG_GAIN) & act
    pt = np.take_along_axis(p, tgt[..., None], -1)[..., 0]
    nd = z.shape[-1]
    zt = np.take_along_axis(z, tgt[..., None].repeat(nd, -1), -2)
    st = np.take_along_axis(sal, tgt[..., None].repeat(nd, -1), -2)
    bi, bj = interpolate(z, sal, zt, st, pt, prm.inter_vec)  # bargain of initiator i
    # (K10) value of each bargain to each voter a: [a, i]
    own = asm.util  # U^a[a, m]
    na = act.sum()
    base = np.where(act, own, 0.0).sum(axis=-1)  # sum over positions
    d_i = distances(y, bi, sal)  # d(y_a, b_i^init)
    d_j = distances(y, bj, sal)
    r = asm.risk[..., :, None]
    u_bi = risk_utility(d_i, r)
    u_bj = risk_utility(d_j, r)
    u_old_i = own  # U^a[a, i]
    u_old_j = np.take_along_axis(own, np.broadcast_to(tgt[..., None, :], own.shape), -1)
    ub = (base[..., None] - u_old_i - u_old_j + u_bi + u_bj) / na
    usq = (base / na)[..., None]
    u_opt = np.concatenate([ub, usq], axis=-1)  # options: bargains 0..n-1, status quo n
    cap = np.where(act, c, 0.0)
    cpl = coalitions(u_opt, cap, prm.voting, act)  # [o, o']
    # options of actor k: its status quo and the bargains it is party to
    party = has[..., None, :] & (
        (idx[:, None] == idx[None, :]) | (tgt[..., None, :] == idx[:, None])
    )
    opts = np.concatenate([party, np.ones((*party.shape[:-1], 1), dtype=bool)], -1)
    opts = opts & act[:, None]
    probs = pce(cpl[..., None, :, :], prm.pce, opts)  # [k, o]
    # KTAB's queue for k: bargains of initiators i < k, its status quo, its own, then i > k
    if queue is None:
        order = np.concatenate([idx[None, :].repeat(n, 0).astype(float), (idx - 0.5)[:, None]], 1)
    else:
        order = np.asarray(queue, dtype=float)
    perm = np.argsort(order, axis=-1, kind="stable")  # [k, position in queue] -> option
    pq = np.take_along_axis(probs, np.broadcast_to(perm, probs.shape), -1)
    if prm.transitions == "deterministic":
        pick = np.argmax(pq, axis=-1)
    else:
        if isinstance(seed, np.random.Generator | KtabPRNG):
            u = seed.random(pq.shape[:-1])
        else:
            u = np.random.default_rng(seed).random(pq.shape[:-1])
        pick = np.minimum((np.cumsum(pq, -1) < u[..., None]).sum(-1), n)
    chosen = np.take_along_axis(np.broadcast_to(perm, pq.shape), pick[..., None], -1)[..., 0]
    is_sq = chosen == n
    ci = np.where(is_sq, 0, chosen)
    as_init = ci == idx
    src_i = np.take_along_axis(bi, ci[..., None].repeat(nd, -1), -2)
    src_j = np.take_along_axis(bj, ci[..., None].repeat(nd, -1), -2)
    new_z = np.where(is_sq[..., None], z, np.where(as_init[..., None], src_i, src_j))
    new_z = np.where(act[:, None], new_z, z)
    if accommodation is None:
        new_y = new_z
    else:
        acc = np.asarray(accommodation, dtype=float)
        lag = 1.0 - np.minimum(acc.sum(axis=-1), 1.0)
        new_y = np.einsum("ij,...jd->...id", acc, new_z) + lag[:, None] * y
    return SMPRound(
        asm,
        p,
        np.where(pair, gain, 0.0),
        np.asarray(np.where(has, tgt, idx), dtype=np.int64),
        np.asarray(np.where(is_sq, -1, chosen), dtype=np.int64),
        np.asarray(new_z),
        np.asarray(new_y),
    )
