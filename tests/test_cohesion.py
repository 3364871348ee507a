"""Per-channel multivector, cohesion and capability shares on hand-built store rows."""

from __future__ import annotations

import pytest

from steppe.domain.codes import FOCAL_STATES
from steppe.domain.errors import IndicatorError
from steppe.indicators import cohesion as co
from steppe.store import Store


def _agree(store: Store, year: int, pairs: dict[tuple[str, str], float]) -> None:
    """Store ``vote_agreement`` rows in both directions, as compute_vote_indicators does."""
    for (a, b), v in pairs.items():
        for x, y in ((a, b), (b, a)):
            store.con.execute(
                "INSERT INTO indicators (name, actor, partner, period, period_start, value, n, "
                "method, computed_at) VALUES ('vote_agreement', ?, ?, ?, make_date(?, 1, 1), ?, "
                "10, 't', now())",
                [x, y, str(year), year, v],
            )


def _event(store: Store, i: int, day: str, s: str, t: str, quad: int) -> None:
    store.con.execute(
        "INSERT INTO events (event_id, date, source_actor, target_actor, cameo, quad_class, "
        "origin) VALUES (?, CAST(? AS DATE), ?, ?, '042', ?, 'test')",
        [f"e{i}", day, s, t, quad],
    )


def _rows(store: Store, name: str, partner: str | None = None) -> dict[tuple[str, str], float]:
    sql = "SELECT actor, period, value FROM indicators WHERE name = ?"
    params: list[object] = [name]
    if partner:
        sql += " AND partner = ?"
        params.append(partner)
    return {(r["actor"], r["period"]): r["value"] for r in store.query(sql, params)}


KAZ_2010 = {("KAZ", "RUS"): 0.9, ("KAZ", "CHN"): 0.8}


def test_combined_multivector(store: Store) -> None:
    rows = [
        ("KAZ", None, "2010", 0.6, 40, False),  # the pooled yearly events channel
        ("KAZ", "trade", "2010", 0.3, 12, None),
        ("KAZ", "votes", "2010", 0.95, 30, False),
        ("UZB", "trade", "2011", 0.2, 15, None),
        ("UZB", None, "2011", 0.9, 3, True),  # sparse: left out of the combination
        ("TJK", None, "2011", 0.5, 2, True),  # nothing adequate: no combined value
    ]
    for actor, partner, year, v, n, sparse in rows:
        store.con.execute(
            "INSERT INTO indicators (name, actor, partner, freq, period, period_start, value, "
            "n, sparse, method, computed_at) VALUES ('multivector', ?, ?, 'year', ?, "
            "make_date(CAST(? AS INTEGER), 1, 1), ?, ?, ?, 't', now())",
            [actor, partner, year, year, v, n, sparse],
        )
    assert co.compute_combined_multivector(store) == 2
    got = store.query(
        "SELECT actor, period, value, lo, hi, n, sparse, method FROM indicators "
        "WHERE partner = 'combined' ORDER BY actor"
    )
    assert got[0]["value"] == pytest.approx((0.6 + 0.3 + 0.95) / 3)
    assert got[0]["n"] == 3 and got[0]["sparse"] is False
    assert got[0]["method"].startswith(
        "mean of channels: events (n=40), trade (n=12), votes (n=30); 90 % interval"
    )
    # no channel here has an interval: the combination has none to propagate
    assert got[0]["lo"] == pytest.approx(got[0]["value"]) == pytest.approx(got[0]["hi"])
    assert (got[1]["actor"], got[1]["value"], got[1]["n"]) == ("UZB", 0.2, 1)
    assert got[1]["method"].startswith("mean of channels: trade (n=15)")


def test_combined_interval_propagates_the_channels(store: Store) -> None:
    """Events with a wide interval and the yearly interaction channel with a narrow one: the
    combined interval holds the point, is seeded, and is narrower than the wider channel's
    (an average of independent errors) but wider than the narrow one halved."""
    rows = [
        ("KAZ", None, "2019", 0.6, 0.40, 0.75, 40, False),
        ("KAZ", "interaction", "2019", 0.8, 0.78, 0.82, 300, None),
        ("KAZ", "interaction", "2019Q1", 0.1, 0.05, 0.15, 90, None),  # a quarter: not yearly
    ]
    for actor, partner, period, v, lo, hi, n, sparse in rows:
        store.con.execute(
            "INSERT INTO indicators (name, actor, partner, period, period_start, value, lo, hi, "
            "n, sparse, method, computed_at) VALUES ('multivector', ?, ?, ?, DATE '2019-01-01', "
            "?, ?, ?, ?, ?, 't', now())",
            [actor, partner, period, v, lo, hi, n, sparse],
        )
    co.compute_combined_multivector(store, seed=3)
    (got,) = store.query("SELECT * FROM indicators WHERE partner = 'combined'")
    assert got["value"] == pytest.approx(0.7) and got["n"] == 2
    assert got["method"].startswith("mean of channels: events (n=40), interaction (n=300)")
    assert got["lo"] < got["value"] < got["hi"]
    width = got["hi"] - got["lo"]
    assert (0.82 - 0.78) / 2 < width < 0.75 - 0.40
    # the skew of the events interval carries over: more room below than above
    assert got["value"] - got["lo"] > got["hi"] - got["value"]
    co.compute_combined_multivector(store, seed=3)
    (again,) = store.query("SELECT lo, hi FROM indicators WHERE partner = 'combined'")
    assert (again["lo"], again["hi"]) == (got["lo"], got["hi"])


def test_cohesion_events(store: Store) -> None:
    _event(store, 1, "2012-03-01", "KAZ", "KGZ", 1)
    _event(store, 2, "2012-03-02", "KAZ", "RUS", 2)
    _event(store, 3, "2012-03-03", "RUS", "KAZ", 1)
    _event(store, 4, "2012-03-04", "KAZ", "UZB", 4)  # conflict: left out
    _event(store, 5, "2012-03-05", "CHN", "UZB", 1)
    _event(store, 6, "2012-03-06", "KAZ", "KAZ", 1)  # domestic: left out
    co.compute_cohesion(store)
    got = _rows(store, "cohesion_events")
    assert got == {
        ("CA6", "2012"): 0.25,  # 1 of 4 events is intra-regional
        ("KAZ", "2012"): pytest.approx(1 / 3),
        ("KGZ", "2012"): 1.0,
        ("UZB", "2012"): 0.0,
    }


def test_cohesion_votes_and_igo(store: Store) -> None:
    _agree(store, 2010, {("KAZ", "KGZ"): 0.9, ("KAZ", "UZB"): 0.7, ("KGZ", "UZB"): 0.8})
    _agree(store, 2010, {("KAZ", "RUS"): 0.5})  # not a focal pair
    for a, b, v in (("KAZ", "KGZ", 30.0), ("KAZ", "TJK", 20.0), ("KAZ", "RUS", 50.0)):
        store.con.execute(
            "INSERT INTO ties (period, a, b, channel, value, source) VALUES "
            "('2000', ?, ?, 'joint_igo', ?, 't')",
            [a, b, v],
        )
    co.compute_cohesion(store)
    votes = _rows(store, "cohesion_votes")
    assert votes == {
        ("CA6", "2010"): pytest.approx(0.8),
        ("KAZ", "2010"): pytest.approx(0.8),
        ("KGZ", "2010"): pytest.approx(0.85),
        ("UZB", "2010"): pytest.approx(0.75),
    }
    n = {
        r["actor"]: r["n"]
        for r in store.query("SELECT actor, n FROM indicators WHERE name = 'cohesion_votes'")
    }
    assert n == {"CA6": 3, "KAZ": 2, "KGZ": 2, "UZB": 2}
    assert _rows(store, "cohesion_igo") == {
        ("CA6", "2000"): 25.0,
        ("KAZ", "2000"): 25.0,
        ("KGZ", "2000"): 30.0,
        ("TJK", "2000"): 20.0,
    }


def test_cohesion_without_igo_or_events(store: Store) -> None:
    written = co.compute_cohesion(store)
    names = {r["name"] for r in store.query("SELECT DISTINCT name FROM indicators")}
    assert names == {"cohesion_orgs"}  # only the packaged memberships
    assert written == len(_rows(store, "cohesion_orgs"))
    assert co.compute_cohesion(store) == written  # replaces


def test_cohesion_orgs_packaged(store: Store) -> None:
    rows = {r.year: r for r in co.cohesion_orgs(store, last=2026)}
    assert min(rows) == 1992 and max(rows) == 2026
    assert all(r.actor == "CA6" for r in rows.values())
    # 1 July 1992: all six in the UN (TKM, UZB, AZE joined 2 March 1992) and the CSCE/OSCE
    assert rows[1992].value == 2.0 and rows[1992].method.endswith("OSCE, UN")
    # Azerbaijan joined the Consultative Meeting on 16 Nov 2025
    assert "CAM" not in rows[2025].method and "CAM" in rows[2026].method
    assert rows[2026].value == rows[2025].value + 1


def test_capability_shares(store: Store) -> None:
    assert co.compute_capability_shares(store) == 0
    store.con.execute(
        "INSERT INTO capabilities (country, year, cinc, source) VALUES ('RUS', 2010, 0.06, 't'), "
        "('KAZ', 2010, 0.02, 't'), ('CHN', 2010, 0.12, 't'), ('DEU', 2010, 0.03, 't'), "
        "('TKM', 2010, NULL, 't')"
    )
    assert co.compute_capability_shares(store) == 3
    assert _rows(store, "capability_share") == {
        ("KAZ", "2010"): pytest.approx(0.1),
        ("RUS", "2010"): pytest.approx(0.3),
        ("CHN", "2010"): pytest.approx(0.6),
    }
    assert co.compute_capability_shares(store) == 3


def test_alignment_extras(store: Store) -> None:
    _agree(store, 2010, KAZ_2010)
    store.con.execute(
        "INSERT INTO capabilities (country, year, cinc, source) VALUES ('RUS', 2010, 0.06, 't')"
    )
    out = co.compute_alignment_extras(store)
    assert "split_vote" not in out  # no UN votes in the store
    assert out["combined_multivector"] == 0
    assert out["capability_share"] == 1
    assert out["cohesion"] > 0


def test_pair_means_needs_pairs() -> None:
    with pytest.raises(IndicatorError):
        co.pair_means({("KAZ", "RUS"): 0.5}, FOCAL_STATES)
