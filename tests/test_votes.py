"""Vote agreement, S-scores and kappa on a hand-computed 3-country, 4-roll-call case."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import steppe
from steppe.indicators import votes as V
from steppe.ingest.reference import ingest_reference

# roll call:   1    2    3    4          (1 yes, 2 abstain, 3 no; USA absent on 4)
KAZ = [1, 1, 2, 3]
RUS = [1, 2, 2, 1]
USA = [3, 3, 1]

# hand-computed: distances KAZ-RUS 0,1,0,2; KAZ-USA 2,2,1; RUS-USA 2,1,1
EXPECTED = {
    ("KAZ", "RUS"): (4, 0.625, 0.25, 0.0),  # d_e = 0.75 (see votes.kappa docstring)
    ("KAZ", "USA"): (3, 1 / 6, -2 / 3, -4 / 11),  # d = 5/3, d_e = 11/9
    ("RUS", "USA"): (3, 1 / 3, -1 / 3, -0.2),  # d = 4/3, d_e = 10/9
}


def test_pure_functions() -> None:
    for (a, b), (_, agree, s, k) in EXPECTED.items():
        x, y = {"KAZ": KAZ, "RUS": RUS, "USA": USA}[a], {"RUS": RUS, "USA": USA}[b]
        x, y = x[: len(y)], y[: len(x)]
        assert V.agreement(x, y) == pytest.approx(agree)
        assert V.s_score(x, y) == pytest.approx(s)
        assert V.kappa(x, y) == pytest.approx(k)
    assert V.kappa([1, 1], [1, 1]) is None  # both always yes: chance agreement is total
    assert V.identical_share(KAZ, RUS) == 0.5


def test_errors() -> None:
    with pytest.raises(steppe.IndicatorError):
        V.agreement([1, 4], [1, 1])
    with pytest.raises(steppe.IndicatorError):
        V.agreement([], [])


def _tiny_store(store: steppe.Store, tmp_path: Path) -> None:
    (tmp_path / "un_roll_calls.csv").write_text(
        "rcid,session,importantvote,date,unres,amend,para,short,descr\n"
        + "".join(f"{r},55,0,2000-0{r}-01,R/55/{r},0,0,s,d\n" for r in range(1, 5))
    )
    names = {"KAZ": ("Kazakhstan", "KZ"), "RUS": ("Russia", "RU"), "USA": ("United States", "US")}
    lines = ["rcid,country,country_code,vote"]
    for code, seq in (("KAZ", KAZ), ("RUS", RUS), ("USA", USA)):
        for rcid, v in enumerate(seq, start=1):
            lines.append(
                f"{rcid},{names[code][0]},{names[code][1]},{['yes', 'abstain', 'no'][v - 1]}"
            )
    (tmp_path / "un_votes.csv").write_text("\n".join(lines) + "\n")
    ingest_reference(store, "unvotes", tmp_path)


def test_dyad_year_scores_match_hand_values(store: steppe.Store, tmp_path: Path) -> None:
    _tiny_store(store, tmp_path)
    table = V.dyad_year_scores(store, 2000, 2000).to_pylist()
    got = {(r["a"], r["b"]): (r["n"], r["vote_agreement"], r["s_score"], r["kappa"]) for r in table}
    assert got.keys() == EXPECTED.keys()
    for dyad, values in EXPECTED.items():
        assert got[dyad] == pytest.approx(values)
    sql = store.con.execute(V.DYAD_YEAR_SQL, [2000, 2000]).fetchall()
    for year, a, b, n, agree, s in sql:
        assert (n, agree, s) == pytest.approx(EXPECTED[(a, b)][:3]) and year == 2000


def test_compute_vote_indicators_both_directions(store: steppe.Store, tmp_path: Path) -> None:
    _tiny_store(store, tmp_path)
    written = V.compute_vote_indicators(store, 2000, 2000)
    assert written == 3 * 6  # three names, three dyads, two directions
    rows = steppe.read.indicators(store, "kappa", actor="USA", partner="KAZ")
    assert rows[0]["value"] == pytest.approx(-4 / 11) and rows[0]["period"] == "2000"
    assert V.compute_vote_indicators(store, 2000, 2000) == written  # replaces
    assert store.query("SELECT count(*) AS n FROM indicators")[0]["n"] == written


def test_empty_store_is_a_clear_error(store: steppe.Store) -> None:
    with pytest.raises(steppe.IndicatorError, match="no UN votes"):
        V.dyad_year_scores(store)


def test_counts_match_pairwise_loop() -> None:
    rng = np.random.default_rng(3)
    n_c, n_r = 6, 12
    votes = rng.integers(0, 4, size=(n_c, n_r))  # 0 = absent
    c, r = np.nonzero(votes)
    out = V.dyad_year_counts(np.full(len(c), 1999), r, c, votes[c, r])
    for i, j, counts in zip(out["i"], out["j"], out["counts"], strict=True):
        both = (votes[i] > 0) & (votes[j] > 0)
        expect = V.scores_from_counts(V._table(votes[i][both].tolist(), votes[j][both].tolist()))
        assert V.scores_from_counts(counts)[:2] == pytest.approx(expect[:2])


def test_fast_stats_match_tables() -> None:
    rng = np.random.default_rng(7)
    votes = rng.integers(0, 4, size=(3, 9, 20))  # 3 years, 9 countries, 20 roll calls; 0 absent
    votes[:, 4, 10:] = 0
    y, c, r = np.nonzero(votes)
    args = (2000 + y, 100 * y + r, c, votes[y, c, r])
    slow = V.dyad_year_counts(*args)
    fast = V.dyad_year_stats(*args)
    for key in ("year", "i", "j"):
        assert fast[key].tolist() == slow[key].tolist()
    ref = V.scores_from_tables(slow["counts"])
    assert fast["n"] == pytest.approx(ref["n"])
    assert 1 - fast["d"] / 2 == pytest.approx(ref["agreement"])
    kappa = np.where(
        fast["de"] > 0, 1 - fast["d"] / np.where(fast["de"] > 0, fast["de"], 1), np.nan
    )
    assert kappa == pytest.approx(ref["kappa"], nan_ok=True)
