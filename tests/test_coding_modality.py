"""Modality and event time as data (issue 14, items 2 and 3): what the coder stores, what the
indicators count, and the migration of an older store. Sentences are written for these tests
in the manner of regional commentary, not copied from articles."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

import steppe
from steppe.coding import Coder, code_documents
from steppe.coding.modality import date_mentions, modality_of
from steppe.coding.stages import tokenize
from steppe.indicators.scope import all_events
from steppe.store.migrations import MIGRATIONS

DAY = date(2025, 3, 10)


_CODERS: dict[Path, Coder] = {}


@pytest.fixture
def coder(shared: Path) -> Coder:
    folder = shared / "petrarch2_dictionaries"
    if folder not in _CODERS:
        _CODERS[folder] = Coder(folder)
    return _CODERS[folder]


def _events(coder: Coder, text: str, on: date = DAY) -> list[steppe.coding.CodedEvent]:
    return [e for s in coder.code_text(text, on) for e in s.events]


def test_hypothetical_retaliation_is_never_asserted(coder: Coder) -> None:
    # an analyst's scenario: what Moscow could do, not what it did
    text = (
        "If the bloc drifts west, Moscow could retaliate against Kazakhstan with "
        "energy-price pressure, staged protests or cyber campaigns."
    )
    events = _events(coder, text)
    assert events
    assert {e.modality for e in events} == {"hypothetical"}


def test_negated_future_and_reported(coder: Coder) -> None:
    (neg,) = {e.modality for e in _events(coder, "Uzbekistan did not join the drills with Russia.")}
    assert neg == "negated"
    # an announced visit is an asserted AGREE (PLOVER: "References to future meetings,
    # summits, state visits ... should be coded as AGREE"); a conflictual act keeps the future
    fut = _events(coder, "Kazakhstan will host Chinese President Xi Jinping next month.")
    assert fut and {(e.plover, e.modality) for e in fut} == {("AGREE", "asserted")}
    fut = _events(coder, "Russia will impose sanctions on Georgia.")
    assert fut and {e.modality for e in fut} == {"future"}
    rep = _events(coder, "Russia reportedly sent troops to Tajikistan.")
    assert rep and {e.modality for e in rep} == {"reported"}
    met = _events(coder, "In May Tokayev met Mirziyoyev in Tashkent.")
    assert met and {e.modality for e in met} == {"asserted"}


def test_modality_rules_without_dictionaries() -> None:
    t = tokenize("Officials accused Dushanbe of shelling the border villages")
    assert modality_of(t, 1) == "asserted" and modality_of(t, 5) == "reported"
    t = tokenize("Bishkek may answer with tariffs unless talks resume")
    assert modality_of(t, 2) == "hypothetical"


def test_past_events_carry_their_own_date(coder: Coder) -> None:
    # a 2025 commentary recalling the January 2022 crisis
    (e, *_) = _events(coder, "In January 2022, Russia sent troops to Kazakhstan.")
    assert (e.event_time, e.event_date) == ("past", date(2022, 1, 1))
    recalled = _events(coder, "Tokayev recalled the 2022 unrest when he met Putin.")
    assert recalled and {e.event_time for e in recalled} == {"document"}
    ago = _events(coder, "Kyrgyz troops had previously attacked Tajik border posts.")
    assert ago and {e.event_time for e in ago} == {"past_undated"}
    today = _events(coder, "Tokayev met Mirziyoyev in Tashkent on 3 March 2025.")
    assert today and {e.event_time for e in today} == {"document"}


def test_date_mentions_ignore_open_ended_years() -> None:
    found = date_mentions(tokenize("Trade has grown since 2015 and will double by 2030"), DAY)
    assert found == []


def test_stored_columns_and_indicator_scope(store: steppe.Store, shared: Path) -> None:
    texts = {
        "a": "Tokayev met Mirziyoyev in Tashkent.",
        "b": "Moscow could offer Kazakhstan new loans if Astana stays in the union.",
        "c": "In January 2022, Kazakhstan asked Russia for help.",
    }
    with store.transaction() as con:
        for doc_id, text in texts.items():
            con.execute(
                "INSERT INTO documents (doc_id, source, text, published_at, date_precision, "
                "dated_by) VALUES (?, 'test', ?, ?, 'day', 'document')",
                [doc_id, text, datetime(2025, 3, 10)],
            )
    code_documents(store, shared / "petrarch2_dictionaries")
    rows = store.query("SELECT doc_id, modality, event_time, event_date FROM events")
    by_doc = {r["doc_id"]: r for r in rows}
    assert by_doc["a"]["modality"] == "asserted" and by_doc["a"]["event_time"] == "document"
    assert {r["modality"] for r in rows if r["doc_id"] == "b"} == {"hypothetical"}
    past = [(r["event_time"], r["event_date"]) for r in rows if r["doc_id"] == "c"]
    assert ("past", date(2022, 1, 1)) in past
    listed = steppe.read.events(store, limit=10)
    assert {"modality", "event_time"} <= set(listed[0])

    from steppe.indicators.dependence import cooperative_dyad_events

    ev = store.ibis().table("events")
    counted = {r["doc_id"] for r in cooperative_dyad_events(ev).to_pyarrow().to_pylist()}
    assert counted == {"a"}
    with all_events():
        every = cooperative_dyad_events(ev).to_pyarrow().to_pylist()
    assert {"a", "c"} <= {r["doc_id"] for r in every}
    assert date(2022, 1, 1) in {r["date"] for r in every}


def test_migration_4_keeps_datasets_and_recodes_coder_rows(tmp_path: Path) -> None:
    import duckdb

    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
        "applied_at TIMESTAMP)"
    )
    for m in MIGRATIONS:
        if m.version < 4:
            con.execute(m.sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [m.version, m.name])
    con.execute(
        "INSERT INTO events (event_id, date, cameo, origin) VALUES "
        "('gdelt:1', DATE '2024-01-02', '042', 'gdelt2'), "
        "('coder:x', DATE '2024-01-02', '042', 'coder')"
    )
    con.execute(
        "INSERT INTO documents (doc_id, published_at, text) VALUES "
        "('d', TIMESTAMP '2024-01-02 00:00', 'x'), ('u', NULL, 'y')"
    )
    con.execute("INSERT INTO ingest_log VALUES ('d', 'd', 'coder', 1, 0, 0, now(), now())")
    con.close()
    with steppe.Store(db) as s:
        rows = s.query("SELECT event_id, modality, event_time FROM events")
        assert rows == [{"event_id": "gdelt:1", "modality": "asserted", "event_time": "document"}]
        assert s.query("SELECT * FROM ingest_log WHERE origin = 'coder'") == []
        docs = s.query("SELECT doc_id, date_precision FROM documents ORDER BY doc_id")
        assert docs == [
            {"doc_id": "d", "date_precision": "day"},
            {"doc_id": "u", "date_precision": None},
        ]
