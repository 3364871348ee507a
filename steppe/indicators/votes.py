"""UN General Assembly voting similarity per dyad and year: agreement, S-scores and kappa.

Votes are coded as in Voeten's data: 1 yes, 2 abstain, 3 no (absent and non-member are not
votes and are left out). A dyad's score in a year uses the *n* roll calls of that year (by the
vote's calendar date) on which both countries voted. With :math:`d_r = |v_{ir} - v_{jr}|`
(0, 1 or 2):

* ``vote_agreement`` — Voeten's agreement index (Lijphart 1963; Voeten's dyadic data):
  :math:`A = 1 - \\bar d / 2`, i.e. one minus the mean distance on the scale yes = 1,
  abstain = 0.5, no = 0. Identical votes count 1, yes against abstain 0.5, yes against no 0.
  (Not the plain share of identical votes, which :func:`identical_share` gives.)
* ``s_score`` — Signorino & Ritter (1999) S, unweighted, one dimension:
  :math:`S = 1 - 2 \\bar d / d_{max}` with :math:`d_{max} = 2`, so :math:`S = 1 - \\bar d`
  and :math:`S = 2A - 1` (range -1..1).
* ``kappa`` — Häge (2011) chance-corrected similarity, Cohen's kappa with the same (linear)
  distance: :math:`\\kappa = 1 - \\bar d / \\bar d_e`, where
  :math:`\\bar d_e = \\sum_a \\sum_b p_i(a) p_j(b) |a - b|` is the distance expected if
  both voted independently with their own marginal vote shares :math:`p_i, p_j` over the same
  roll calls. Undefined (``None``) when :math:`\\bar d_e = 0` (e.g. both always vote yes).

All three follow from the 3 x 3 table of joint votes :math:`n_{ab}` of a dyad-year, its
sufficient statistic. :func:`dyad_year_counts` gets every table at once with one matrix product
per year and vote pair — :math:`Y_a Y_b^T` where :math:`Y_a` is the country x roll-call
indicator of vote *a* — instead of a self-join of the votes on the roll call.

References: Lijphart, A. (1963) "The analysis of bloc voting in the General Assembly", APSR
57(4); Signorino, C. S. & Ritter, J. M. (1999) "Tau-b or not tau-b: measuring the similarity of
foreign policy positions", ISQ 43(1); Häge, F. M. (2011) "Choice or circumstance? Adjusting
measures of foreign policy similarity for chance agreement", Political Analysis 19(3);
Voeten, E. (2013) "Data and analyses of voting in the UN General Assembly".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

import numpy as np
import pyarrow as pa

from steppe.domain.errors import IndicatorError
from steppe.store import Store

NAMES: tuple[str, ...] = ("vote_agreement", "s_score", "kappa")
"""Indicator names written by :func:`compute_vote_indicators`."""

_DIST = np.abs(np.subtract.outer(np.arange(3), np.arange(3))).astype(float)
"""|a - b| between vote categories yes, abstain, no."""


def _table(x: Sequence[int], y: Sequence[int]) -> np.ndarray:
    if len(x) != len(y):
        raise IndicatorError("the two vote sequences differ in length")
    counts = np.zeros((3, 3))
    for a, b in zip(x, y, strict=True):
        if a not in (1, 2, 3) or b not in (1, 2, 3):
            raise IndicatorError(f"votes must be 1 (yes), 2 (abstain) or 3 (no), not {a}, {b}")
        counts[a - 1, b - 1] += 1
    if not counts.sum():
        raise IndicatorError("no common votes")
    return counts


def scores_from_counts(counts: np.ndarray) -> tuple[float, float, float | None]:
    """``(agreement, s_score, kappa)`` from a 3 x 3 table of joint votes (rows: country i's
    yes/abstain/no, columns: country j's).

    >>> a, s, k = scores_from_counts(np.array([[2, 1, 0], [0, 0, 0], [0, 0, 1]]))
    >>> a, s, round(k, 4)  # mean d = 1/4; d_e = 0.75 * 0.75 + 0.25 * 1.25 = 0.875
    (0.875, 0.75, 0.7143)
    """
    n = float(counts.sum())
    d = float((counts * _DIST).sum()) / n
    pi, pj = counts.sum(axis=1) / n, counts.sum(axis=0) / n
    de = float(pi @ _DIST @ pj)
    kappa = None if de == 0 else 1.0 - d / de
    return 1.0 - d / 2.0, 1.0 - d, kappa


def agreement(x: Sequence[int], y: Sequence[int]) -> float:
    """Voeten's agreement 1 - mean|x - y| / 2 over common votes (1 yes, 2 abstain, 3 no).

    >>> agreement([1, 1, 2, 3], [1, 2, 2, 1])  # distances 0, 1, 0, 2 -> 1 - 0.75/2
    0.625
    """
    return scores_from_counts(_table(x, y))[0]


def s_score(x: Sequence[int], y: Sequence[int]) -> float:
    """Signorino-Ritter S = 1 - 2 mean|x - y| / 2 (unweighted, max distance 2).

    >>> s_score([1, 1, 2, 3], [1, 2, 2, 1])
    0.25
    """
    return scores_from_counts(_table(x, y))[1]


def kappa(x: Sequence[int], y: Sequence[int]) -> float | None:
    """Häge's kappa 1 - observed / expected mean distance (expected from the marginals).

    >>> kappa([1, 1, 2, 3], [1, 2, 2, 1])  # d = 0.75 = d_e: no better than chance
    0.0
    """
    return scores_from_counts(_table(x, y))[2]


def identical_share(x: Sequence[int], y: Sequence[int]) -> float:
    """The plain share of identical votes (for comparison; not stored).

    >>> identical_share([1, 1, 2, 3], [1, 2, 2, 1])
    0.5
    """
    counts = _table(x, y)
    return float(np.trace(counts) / counts.sum())


def _year_onehots(
    years: np.ndarray, rollcalls: np.ndarray, countries: np.ndarray, votes: np.ndarray
) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
    """Per year: the countries present and the (3 x countries x roll calls) indicator array of
    yes/abstain/no votes, the input of the matrix products below."""
    order = np.argsort(years, kind="stable")
    years, rollcalls, countries, votes = (a[order] for a in (years, rollcalls, countries, votes))
    bounds = np.flatnonzero(np.diff(years)) + 1
    for lo, hi in zip(np.r_[0, bounds], np.r_[bounds, len(years)], strict=True):
        present, rows = np.unique(countries[lo:hi], return_inverse=True)
        _, cols = np.unique(rollcalls[lo:hi], return_inverse=True)
        onehot = np.zeros((3, len(present), int(cols.max()) + 1), dtype=np.float32)
        onehot[votes[lo:hi] - 1, rows, cols] = 1.0
        yield int(years[lo]), present, onehot


def dyad_year_counts(
    years: np.ndarray, rollcalls: np.ndarray, countries: np.ndarray, votes: np.ndarray
) -> dict[str, np.ndarray]:
    """The 3 x 3 joint-vote table of every unordered dyad-year with at least one common vote.

    Arguments are parallel arrays, one entry per vote: the roll call's year, roll-call id,
    country index (0..C-1) and vote (1, 2, 3). Returns arrays ``year, i, j`` (i < j) and
    ``counts`` (n x 3 x 3, rows i's vote, columns j's).

    >>> out = dyad_year_counts(np.array([2000] * 4), np.array([1, 1, 2, 2]),
    ...                        np.array([0, 1, 0, 1]), np.array([1, 1, 1, 3]))
    >>> out["i"].tolist(), out["j"].tolist(), out["counts"][0].tolist()
    ([0], [1], [[1.0, 0.0, 1.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    """
    out_year, out_i, out_j, out_counts = [], [], [], []
    for year, present, onehot in _year_onehots(years, rollcalls, countries, votes):
        size = len(present)
        # tables[a, b] = Y_a @ Y_b.T: joint counts of (a by i, b by j), all in one product
        flat = onehot.reshape(3 * size, -1)
        prod = (flat @ flat.T).reshape(3, size, 3, size)
        iu, ju = np.triu_indices(size, k=1)
        tables = prod[:, iu, :, ju]  # (pairs, 3, 3): rows i's vote, columns j's
        keep = tables.sum(axis=(1, 2)) > 0
        out_year.append(np.full(int(keep.sum()), year))
        out_i.append(present[iu[keep]])
        out_j.append(present[ju[keep]])
        out_counts.append(tables[keep])
    if not out_year:
        return {
            "year": np.zeros(0, int),
            "i": np.zeros(0, int),
            "j": np.zeros(0, int),
            "counts": np.zeros((0, 3, 3)),
        }
    return {
        "year": np.concatenate(out_year),
        "i": np.concatenate(out_i),
        "j": np.concatenate(out_j),
        "counts": np.concatenate(out_counts).astype(np.float64),
    }


def scores_from_tables(counts: np.ndarray) -> dict[str, np.ndarray]:
    """Vectorised :func:`scores_from_counts` over an n x 3 x 3 array: ``n, agreement, s_score,
    kappa`` (kappa NaN where undefined)."""
    rows, cols = counts.sum(axis=2), counts.sum(axis=1)
    n = rows.sum(axis=1)
    d = np.tensordot(counts, _DIST, axes=([1, 2], [0, 1])) / n
    pi, pj = rows / n[:, None], cols / n[:, None]
    de = np.einsum("na,ab,nb->n", pi, _DIST, pj)
    with np.errstate(divide="ignore", invalid="ignore"):
        kap = np.where(de > 0, 1.0 - d / np.where(de > 0, de, 1.0), np.nan)
    return {"n": n, "agreement": 1.0 - d / 2.0, "s_score": 1.0 - d, "kappa": kap}


def dyad_year_stats(
    years: np.ndarray, rollcalls: np.ndarray, countries: np.ndarray, votes: np.ndarray
) -> dict[str, np.ndarray]:
    """The scores' sufficient statistics for every unordered dyad-year with a common vote —
    the fast path of :func:`dyad_year_scores` (same arguments as :func:`dyad_year_counts`).

    Per year, with :math:`Y_a` the country x roll-call indicator of vote *a* and
    :math:`P = Y_1 + Y_2 + Y_3`: common votes :math:`n = P P^T`, summed distance
    :math:`D = M + M^T` with :math:`M = Y_1 (Y_2 + 2 Y_3)^T + Y_2 Y_3^T`, and i's vote shares
    over the common votes :math:`R_a = Y_a P^T` (j's are :math:`R_a^T`) — six BLAS products
    instead of the 3 x 3 tables. Returns ``year, i, j`` (i < j), ``n``, ``d`` (mean distance)
    and ``de`` (the distance expected from the marginals, Häge's kappa denominator).

    >>> out = dyad_year_stats(np.array([2000] * 4), np.array([1, 1, 2, 2]),
    ...                       np.array([0, 1, 0, 1]), np.array([1, 1, 1, 3]))
    >>> out["n"].tolist(), out["d"].tolist(), out["de"].tolist()  # i: yes yes; j: yes no
    ([2.0], [1.0], [1.0])
    """
    parts: dict[str, list[np.ndarray]] = {k: [] for k in ("year", "i", "j", "n", "d", "de")}
    for year, present, onehot in _year_onehots(years, rollcalls, countries, votes):
        size = len(present)
        y1, y2, y3 = onehot
        voted = y1 + y2 + y3
        iu, ju = np.triu_indices(size, k=1)
        upper, lower = iu * size + ju, ju * size + iu
        shares = (onehot.reshape(3 * size, -1) @ voted.T).reshape(3, size * size)  # R_a
        n_all = shares.sum(axis=0)
        keep = n_all[upper] > 0
        upper, lower, iu, ju = upper[keep], lower[keep], iu[keep], ju[keep]
        m = (np.hstack([y1, y2]) @ np.hstack([y2 + 2.0 * y3, y3]).T).ravel()
        n = n_all[upper].astype(np.float64)
        dist = (m[upper] + m[lower]).astype(np.float64)
        p_i = shares[:, upper] / n  # i's vote shares over the common votes
        p_j = shares[:, lower] / n  # j's
        de = p_i[0] * (p_j[1] + 2.0 * p_j[2]) + p_i[1] * (p_j[0] + p_j[2])
        de += p_i[2] * (2.0 * p_j[0] + p_j[1])
        parts["year"].append(np.full(len(n), year))
        parts["i"].append(present[iu])
        parts["j"].append(present[ju])
        parts["n"].append(n)
        parts["d"].append(dist / n)
        parts["de"].append(de)
    if not parts["year"]:
        return {k: np.zeros(0) for k in parts}
    return {k: np.concatenate(v) for k, v in parts.items()}


def _votes_by_year(store: Store, first: int, last: int) -> tuple[list[str], dict[str, Any]]:
    with store._lock:
        tbl = store.con.sql(
            "SELECT year(r.date) AS year, v.rcid, "
            "CAST(dense_rank() OVER (ORDER BY v.country) - 1 AS INTEGER) AS ci, v.country, "
            "v.vote FROM votes v JOIN rollcalls r USING (rcid) "
            "WHERE year(r.date) BETWEEN ? AND ?",
            params=[first, last],
        ).to_arrow_table()
    if not tbl.num_rows:
        raise IndicatorError("no UN votes in the store: run ingest_reference(store, 'unvotes')")
    ci = tbl.column("ci").to_numpy()
    names = [""] * (int(ci.max()) + 1)
    for i, code in zip(*np.unique(ci, return_index=True), strict=True):
        names[int(i)] = str(tbl.column("country")[int(code)])
    return names, {
        "years": tbl.column("year").to_numpy(),
        "rollcalls": tbl.column("rcid").to_numpy(),
        "countries": ci,
        "votes": tbl.column("vote").to_numpy().astype(np.int64),
    }


def dyad_year_scores(store: Store, first: int = 1946, last: int = 2019) -> pa.Table:
    """Every unordered dyad-year's scores from the store's votes: ``year, a, b, n,
    vote_agreement, s_score, kappa`` (a < b)."""
    names, arrays = _votes_by_year(store, first, last)
    stats = dyad_year_stats(**arrays)
    d, de = stats["d"], stats["de"]
    with np.errstate(divide="ignore", invalid="ignore"):
        kap = np.where(de > 0, 1.0 - d / np.where(de > 0, de, 1.0), np.nan)
    counts = {"year": stats["year"], "i": stats["i"], "j": stats["j"]}
    scores = {"n": stats["n"], "agreement": 1.0 - d / 2.0, "s_score": 1.0 - d, "kappa": kap}
    codes = pa.array(names, pa.string())

    def decode(index: np.ndarray) -> pa.Array:
        return pa.DictionaryArray.from_arrays(pa.array(index.astype(np.int32)), codes).cast(
            pa.string()
        )

    return pa.table(
        {
            "year": pa.array(counts["year"].astype(np.int32)),
            "a": decode(counts["i"]),
            "b": decode(counts["j"]),
            "n": pa.array(scores["n"].astype(np.int64)),
            "vote_agreement": pa.array(scores["agreement"]),
            "s_score": pa.array(scores["s_score"]),
            "kappa": pa.array(scores["kappa"], from_pandas=True),
        }
    )


DYAD_YEAR_SQL = """
SELECT year, a, b, count(*) AS n,
       1 - avg(abs(va - vb)) / 2 AS vote_agreement, 1 - avg(abs(va - vb)) AS s_score
FROM (
    SELECT year(r.date) AS year, x.country AS a, y.country AS b, x.vote AS va, y.vote AS vb
    FROM votes x JOIN votes y ON x.rcid = y.rcid AND x.country < y.country
    JOIN rollcalls r ON r.rcid = x.rcid
    WHERE year(r.date) BETWEEN ? AND ?
) GROUP BY year, a, b
"""
"""The same agreement and S-scores as a plain SQL self-join (portable; slower)."""


def compute_vote_indicators(
    store: Store,
    first: int = 1946,
    last: int = 2019,
    actors: Iterable[str] | None = None,
    partners: Iterable[str] | None = None,
) -> int:
    """Compute agreement, S-scores and kappa for every dyad-year and store, in ``indicators``,
    the rows whose ``actor`` is in ``actors`` and ``partner`` in ``partners`` (both default to
    every registry state and power, which keeps the table small: 418,002 rows for
    1946-2019). ``period`` is the year. Returns rows written.

    >>> from steppe.store.reference import install_registry
    >>> from steppe.ingest.reference import ingest_reference, bundled_unvotes
    >>> with Store(":memory:") as s:
    ...     _ = install_registry(s)
    ...     _ = ingest_reference(s, "unvotes", bundled_unvotes())
    ...     compute_vote_indicators(s, 2018, 2019, actors=["KAZ"]) > 0
    True
    """
    registry = [
        r["code"] for r in store.query("SELECT code FROM actors WHERE kind IN ('state', 'power')")
    ]
    keep = registry if actors is None else list(actors)
    keep_partners = registry if partners is None else list(partners)
    scores = dyad_year_scores(store, first, last)
    now = datetime.now()
    with store.transaction() as con:
        con.execute(
            "DELETE FROM indicators WHERE name IN ('vote_agreement', 's_score', 'kappa') "
            "AND CAST(period AS INTEGER) BETWEEN ? AND ?",
            [first, last],
        )
        con.register("_steppe_scores", scores)
        con.register("_steppe_keep", pa.table({"code": pa.array(keep, pa.string())}))
        con.register("_steppe_partners", pa.table({"code": pa.array(keep_partners, pa.string())}))
        try:
            before = int(con.execute("SELECT count(*) FROM indicators").fetchall()[0][0])
            for name in NAMES:
                con.execute(
                    f"""
                    INSERT INTO indicators (name, actor, partner, period, period_start, value,
                        lo, hi, n, method, computed_at)
                    SELECT ?, actor, partner, CAST(year AS VARCHAR), make_date(year, 1, 1),
                        "{name}", NULL, NULL, n, ?, ?
                    FROM (
                        SELECT year, a AS actor, b AS partner, n, "{name}" FROM _steppe_scores
                        UNION ALL
                        SELECT year, b, a, n, "{name}" FROM _steppe_scores
                    ) WHERE actor IN (SELECT code FROM _steppe_keep)
                    AND partner IN (SELECT code FROM _steppe_partners)
                    """,
                    [name, _METHODS[name], now],
                )
            after = int(con.execute("SELECT count(*) FROM indicators").fetchall()[0][0])
        finally:
            con.unregister("_steppe_scores")
            con.unregister("_steppe_keep")
            con.unregister("_steppe_partners")
    return after - before


_METHODS = {
    "vote_agreement": "1 - mean|d|/2 (yes 1, abstain 0.5, no 0); UNGA roll calls; year",
    "s_score": "Signorino-Ritter S, unweighted, d_max 2; UNGA roll calls; year",
    "kappa": "Hage kappa, linear distance, marginals per dyad-year; UNGA roll calls; year",
}
