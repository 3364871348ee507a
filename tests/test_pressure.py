"""Hybrid-pressure index: the term lists, coercive acts from events and the GPR-style text
shares from documents, by hand on a small store."""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import pytest

import steppe
from steppe.indicators import pressure as P


@pytest.mark.parametrize(
    ("lever", "hit", "miss"),
    [
        ("energy", "Gazprom raised gas prices for Bishkek", "a gasket failed"),
        ("energy", "oil and fuel shipments", "the boiling point"),
        ("protests", "Protesters rallied in Almaty; rallies continued", "the tenge kept rallying"),
        ("cyber", "a DDoS attack hit government sites; hackers claimed it", "hackneyed phrases"),
        ("migrants", "remittances from labour migrants fell; deportations rose", "migraines"),
    ],
)
def test_lever_terms(lever: str, hit: str, miss: str) -> None:
    assert P.LEVERS[lever].search(hit)
    assert not P.LEVERS[lever].search(miss)


def test_threat_terms() -> None:
    for text in ("Moscow threatened Dushanbe", "under pressure", "new sanctions", "coercion"):
        assert P.THREAT.search(text), text
    for text in ("a warm welcome", "Threadneedle Street", "interest rates"):
        assert not P.THREAT.search(text), text


def test_intervals_contain_the_estimate() -> None:
    for k in (0, 1, 7):
        lo, hi = P.garwood(k)
        assert lo <= k <= hi
    for k, n in ((0, 5), (2, 5), (5, 5)):
        lo, hi = P.jeffreys(k, n)
        assert lo <= k / n <= hi


def _event(
    con: duckdb.DuckDBPyConnection,
    i: int,
    day: date,
    src: str,
    tgt: str,
    quad: int,
    plover: str,
    modality: str = "asserted",
) -> None:
    con.execute(
        "INSERT INTO events (event_id, date, source_actor, target_actor, cameo, quad_class, "
        "plover, origin, modality) VALUES (?, ?, ?, ?, '000', ?, ?, 'test', ?)",
        [f"e{i}", day, src, tgt, quad, plover, modality],
    )


def _doc(con: duckdb.DuckDBPyConnection, i: int, day: date, text: str) -> None:
    con.execute(
        "INSERT INTO documents (doc_id, source, title, published_at, text, ingested_at) "
        "VALUES (?, 'test', '', ?, ?, ?)",
        [f"d{i}", day, text, datetime.now()],
    )


def test_compute_pressure_by_hand(store: steppe.Store) -> None:
    may = date(2022, 5, 10)
    with store.transaction() as con:
        _event(con, 1, may, "RUS", "KAZ", 4, "COERCE")
        _event(con, 2, may, "RUS", "KAZ", 3, "THREATEN")
        _event(con, 3, may, "KAZ", "RUS", 4, "PROTEST")  # protest in KAZ naming Russia
        _event(con, 4, may, "RUS", "KAZ", 1, "CONSULT")  # cooperation: support, not pressure
        _event(con, 5, may, "KAZ", "RUS", 3, "ACCUSE")  # the state's own act: not counted
        _event(con, 6, may, "RUS", "KAZ", 4, "SANCTION", "hypothetical")  # did not happen
        _event(con, 7, date(2022, 6, 1), "CHN", "KAZ", 1, "AGREE")
        _doc(con, 1, may, "Moscow threatened to cut gas supplies to Kazakhstan.")
        _doc(con, 2, may, "Kazakh officials warned of protests over fuel prices.")
        _doc(con, 3, may, "Astana hosted a trade fair.")
        _doc(con, 4, may, "Russia and China discussed energy.")  # names no focal state
        _doc(con, 5, date(2022, 6, 3), "Tajik migrants face deportation threats in Russia.")
    assert P.compute_pressure(store) > 0
    acts = {(r["partner"], r["period"]): r for r in steppe.read.indicators(store, "pressure_acts")}
    may_rus = acts[("RUS", "2022-05")]
    assert (may_rus["actor"], may_rus["value"], may_rus["n"]) == ("KAZ", 3.0, 5)
    assert may_rus["lo"] <= 3.0 <= may_rus["hi"]
    (flag,) = store.query(
        "SELECT sparse, freq FROM indicators WHERE name = 'pressure_acts' AND partner = 'RUS'"
    )
    assert flag == {"sparse": True, "freq": "month"}  # 5 events: too few to headline or alert
    assert acts[("CHN", "2022-06")]["value"] == 0.0
    energy = {
        (r["actor"], r["partner"], r["period"]): r
        for r in steppe.read.indicators(store, "pressure_text_energy")
    }
    any_power = energy[("KAZ", None, "2022-05")]
    assert (any_power["value"], any_power["n"]) == (pytest.approx(2 / 3), 3)
    assert energy[("KAZ", "RUS", "2022-05")]["value"] == pytest.approx(1 / 3)
    protests = steppe.read.indicators(store, "pressure_text_protests", actor="KAZ")
    assert [(r["partner"], r["value"]) for r in protests] == [(None, pytest.approx(1 / 3))]
    migrants = steppe.read.indicators(store, "pressure_text_migrants", actor="TJK")
    assert [(r["partner"], r["period"], r["value"], r["n"]) for r in migrants] == [
        (None, "2022-06", 1.0, 1),
        ("RUS", "2022-06", 1.0, 1),
    ]
    summary = {r["power"]: r for r in steppe.read.pressure(store, "KAZ")}
    assert (summary["RUS"]["acts"], summary["RUS"]["events_n"]) == (3, 5)
    assert summary[None]["text"]["energy"] == {
        "documents": 2,
        "n": 3,
        "share": pytest.approx(2 / 3),
    }
    rows = P.compute_pressure(store)
    assert P.compute_pressure(store) == rows  # replaces, never duplicates
