"""The synthetic news corpus (steppe.ingest.synth.news_documents / write_news): deterministic,
news-like, about the registry's actors, and readable by the news ingester."""

from __future__ import annotations

import json
import statistics
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

import steppe
from steppe.cli import app
from steppe.coding import split_sentences, tokenize
from steppe.coding.stages import ActorRecognizer, Sentence
from steppe.ingest.news import ingest_news
from steppe.ingest.synth import news_documents
from steppe.registry import Gazetteer, Registry


def test_same_seed_same_articles() -> None:
    assert news_documents(20, seed=3) == news_documents(20, seed=3)
    assert news_documents(20, seed=3) != news_documents(20, seed=4)


def test_sentences_look_like_news() -> None:
    docs = news_documents(300, seed=11)
    sentences = [s for d in docs for s in split_sentences(d["text"])]
    lengths = [len(tokenize(s)) for s in sentences]
    # real English news sentences average 20-30 tokens with a wide spread
    assert 18 <= statistics.mean(lengths) <= 32
    assert statistics.pstdev(lengths) >= 8 and max(lengths) >= 50 and min(lengths) <= 10
    per_doc = len(sentences) / len(docs)
    assert 3 <= per_doc <= 10
    assert all(d["date"] >= "2015-01-01" and d["title"] for d in docs)


def test_actors_come_from_the_registry_on_the_articles_date() -> None:
    rec = ActorRecognizer(Gazetteer.from_registry())
    docs = news_documents(200, seed=5)
    found: set[str] = set()
    with_actor = total = 0
    for d in docs:
        day = date.fromisoformat(d["date"])
        for i, text in enumerate(split_sentences(d["text"])):
            mentions = rec.mentions(Sentence("x", i, text, day, tokenize(text)))
            found.update(m.code for m in mentions)
            with_actor += bool(mentions)
            total += 1
    assert with_actor / total > 0.5
    focal = {"KAZ", "KGZ", "TJK", "TKM", "UZB", "AZE", "RUS", "CHN"}
    assert focal <= found <= {a.code for a in Registry.load().actors}
    # a leader appears only while in office: no "Tokayev" as president before 2019-03-20
    for d in docs:
        if d["date"] < "2019-03-20":
            assert "President Kassym-Jomart Tokayev" not in d["text"]


def test_cli_writes_news_that_ingest_reads(tmp_path: Path) -> None:
    out = tmp_path / "news.jsonl.gz"
    result = CliRunner().invoke(
        app, ["synth", "news", "--documents", "25", "--seed", "2", str(out)]
    )
    assert result.exit_code == 0, result.output
    with steppe.Store(":memory:") as store:
        (report,) = ingest_news(store, [out])
        assert (report.loaded + report.duplicate, report.quarantined) == (25, 0)
        dated = store.con.execute("SELECT count(published_at) FROM documents").fetchone()
        assert dated == (report.loaded,)
    plain = steppe.write_news(tmp_path / "news.jsonl", documents=3, seed=2)
    records = [json.loads(line) for line in plain.read_text().splitlines()]
    assert records == news_documents(3, seed=2)
