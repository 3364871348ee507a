"""News ingestion: text, HTML, JSON Lines/CSV records, RSS/Atom feeds, folders of them."""

from __future__ import annotations

import csv
import gzip
import shutil
import time
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import steppe
from steppe.domain.errors import IngestError, UnknownFormatError
from steppe.ingest.news import MAX_CHARS, doc_id, extract_html, ingest_news
from steppe.store import scalar

CASES = Path(__file__).resolve().parent / "cases" / "news"


def _rows(store: steppe.Store, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    return store.con.execute(sql, params or []).fetchall()


def _doc(store: steppe.Store, like: str) -> tuple[Any, ...]:
    rows = _rows(
        store,
        "SELECT source, url, title, published_at, text FROM documents WHERE text LIKE ?",
        [f"%{like}%"],
    )
    assert len(rows) == 1, rows
    return rows[0]


def test_case_folder_loads_good_and_quarantines_bad(store: steppe.Store) -> None:
    fractions: list[float] = []
    reports = ingest_news(store, [CASES], progress=fractions.append)
    by_name = {Path(r.file).name: r for r in reports}
    assert sorted(by_name) == sorted(
        p.name for p in CASES.rglob("*") if p.is_file() and p.suffix != ".md"
    )
    counts = {n: (r.loaded, r.duplicate, r.quarantined) for n, r in by_name.items()}
    assert counts == {
        "almaty_cafe_latin1.txt": (1, 0, 0),
        "articles.jsonl": (3, 1, 4),
        "binary.txt": (0, 0, 1),
        "bishkek_market_cp1251.txt": (1, 0, 0),
        "broken.html": (1, 0, 0),
        "entities.xml": (0, 0, 1),
        "steppe.atom": (2, 0, 0),
        "steppe.rss": (2, 0, 1),
        "truncated.rss": (0, 0, 1),
        "kazakhstan_rail.txt": (1, 0, 0),
        "tashkent_water.html": (1, 0, 0),
    }
    assert scalar(store.con, "SELECT count(*) FROM documents") == 12
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    log = _rows(store, "SELECT origin, count(*) FROM ingest_log GROUP BY 1")
    assert log == [("news", len(reports))]

    reasons = {
        (Path(f).name, rec): reason
        for f, rec, reason in _rows(store, "SELECT file, record, reason FROM quarantine")
    }
    assert reasons[("binary.txt", None)].startswith("binary file")
    assert "DTD" in reasons[("entities.xml", None)]
    assert reasons[("truncated.rss", None)].startswith("unparseable XML")
    assert reasons[("steppe.rss", 3)].startswith("empty item")
    assert reasons[("articles.jsonl", 3)].startswith("not JSON")
    assert reasons[("articles.jsonl", 4)].startswith("no text field")
    assert "not an object" in reasons[("articles.jsonl", 5)]
    assert reasons[("articles.jsonl", 6)] == "empty text"


def test_html_boilerplate_is_stripped(store: steppe.Store) -> None:
    ingest_news(store, [CASES / "tashkent_water.html", CASES / "broken.html"])
    source, url, title, published, text = _doc(store, "shared rivers")
    assert title == "Tashkent hosts regional water talks"
    assert source == "Synthetic Steppe Herald"
    assert url == "https://herald.example/2024/03/water-talks"
    assert published == datetime(2024, 3, 14, 4, 30)  # +05:00 stored as UTC
    assert "exchange & publish data" in text
    for junk in ("Politics", "Log in", "Share on", "plov", "First comment", "cookies", "Copyright"):
        assert junk not in text
    assert "tracking" not in text and "color" not in text
    _, _, title, published, text = _doc(store, "turbine")
    assert title == "Dushanbe energy" and published == datetime(2023, 7, 2)
    assert "Menu" not in text


def test_encodings_are_detected(store: steppe.Store) -> None:
    ingest_news(store, [CASES / "bishkek_market_cp1251.txt", CASES / "almaty_cafe_latin1.txt"])
    assert _doc(store, "Бишкеке")[2] == "Рынок в Бишкеке"
    assert "crêpes" in _doc(store, "Green Bazaar")[4]
    page = "<meta charset='windows-1251'><p>Душанбе и Худжанд</p>".encode("cp1251")
    assert extract_html(page.decode("cp1251")).text == "Душанбе и Худжанд"


def test_feeds_dates_links_and_sources(store: steppe.Store) -> None:
    ingest_news(store, [CASES / "feeds"], date="2001-01-01")
    source, url, title, published, text = _doc(store, "ferry berth")
    assert (source, url, title) == (
        "Synthetic Caspian Wire",
        "https://wire.example/aktau-ferry",
        "Aktau port adds a ferry berth",
    )
    assert published == datetime(2024, 5, 3, 3, 15)
    assert text.startswith("Aktau port adds a ferry berth\n\n") and "<b>" not in text
    assert _doc(store, "fibre link")[3] == datetime(2024, 5, 6, 12, 0)  # channel lastBuildDate
    _, url, _, published, text = _doc(store, "Khorog")
    assert url == "https://pamir.example/khorog-road"
    assert published == datetime(2024, 1, 20, 5, 0)  # <published> over <updated>
    assert "Traffic to the border resumed" in text  # the longer <content> wins
    assert _doc(store, "solar panels")[3] == datetime(2024, 2, 1)  # feed <updated>


def test_reingesting_adds_nothing(store: steppe.Store, tmp_path: Path) -> None:
    ingest_news(store, [CASES])
    n = scalar(store.con, "SELECT count(*) FROM documents")
    again = ingest_news(store, [CASES])
    assert all(r.skipped for r in again)
    # the same texts under other names, case and spacing: new files, no new documents
    copy = tmp_path / "copy"
    shutil.copytree(CASES, copy)
    rail = copy / "kazakhstan_rail.txt"
    rail.write_text("  " + rail.read_text().upper().replace(" ", "   "))
    reports = ingest_news(store, [copy])
    assert not any(r.skipped for r in reports if r.file.endswith("rail.txt"))
    assert sum(r.loaded for r in reports) == 0
    assert scalar(store.con, "SELECT count(*) FROM documents") == n
    assert doc_id("Aral Sea") == doc_id("ARAL\tsea ")


def test_date_fallbacks(store: steppe.Store, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Herders in Naryn counted their yaks.")
    (tmp_path / "b.html").write_text(
        "<p>Kyrgyz herders counted yaks again.</p><time datetime='2019-06-01T00:00Z'>x</time>"
    )
    ingest_news(store, [tmp_path / "a.txt", tmp_path / "b.html"], date="2020-02-02")
    assert _doc(store, "Naryn")[3] == datetime(2020, 2, 2)
    assert _doc(store, "again")[3] == datetime(2019, 6, 1)
    (tmp_path / "c.txt").write_text("No date anywhere near Osh.")
    ingest_news(store, tmp_path / "c.txt")
    assert _doc(store, "Osh")[3] is None
    with pytest.raises(IngestError, match="bad --date"):
        ingest_news(store, [tmp_path / "c.txt"], date="yesterday")


def test_jsonl_field_mapping(store: steppe.Store, tmp_path: Path) -> None:
    path = tmp_path / "custom.jsonl"
    path.write_text(
        '{"body": "Termez hosted a trade fair.", "headline": "Fair", "when": "2021-04-05", '
        '"link": "https://x.example/fair", "outlet": "Example Daily"}\n'
        '{"text": "Not this field.", "when": "2021"}\n'
    )
    reports = ingest_news(
        store, [path], jsonl_fields={"text": "body", "date": "when", "source": "outlet"}
    )
    assert (reports[0].loaded, reports[0].quarantined) == (1, 1)
    assert _doc(store, "Termez") == (
        "Example Daily",
        "https://x.example/fair",
        "Fair",
        datetime(2021, 4, 5),
        "Termez hosted a trade fair.",
    )
    with pytest.raises(IngestError, match="unknown record field role"):
        ingest_news(store, [path], jsonl_fields={"body": "text"})


def test_bad_paths(store: steppe.Store, tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        ingest_news(store, [tmp_path / "missing.txt"])
    (tmp_path / "data.parquet").write_bytes(b"PAR1")
    with pytest.raises(UnknownFormatError):
        ingest_news(store, [tmp_path / "data.parquet"])
    assert ingest_news(store, [tmp_path]) == []  # unknown suffixes in folders are ignored


def test_zip_and_gzip_members(store: steppe.Store, tmp_path: Path) -> None:
    archive = tmp_path / "bundle.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(CASES / "kazakhstan_rail.txt", "kazakhstan_rail.txt")
        zf.writestr("notes.bin", b"\x00\x01")
    gz = tmp_path / "articles.jsonl.gz"
    gz.write_bytes(gzip.compress((CASES / "articles.jsonl").read_bytes()))
    reports = ingest_news(store, [archive, gz])
    assert [(r.file.split("/")[-1], r.loaded) for r in reports] == [
        ("bundle.zip!kazakhstan_rail.txt", 1),
        ("articles.jsonl.gz", 3),
    ]


def test_fifty_megabyte_article(store: steppe.Store, tmp_path: Path) -> None:
    para = "<p>" + "Caravans crossed the steppe from Bukhara to Khiva with silk. " * 12 + "</p>\n"
    big = tmp_path / "big.html"
    with big.open("w") as fh:
        fh.write("<html><head><title>Long road</title></head><body><article>")
        for _ in range(50_000_000 // len(para) + 1):
            fh.write(para)
        fh.write("</article></body></html>")
    assert big.stat().st_size > 50_000_000
    t0 = time.perf_counter()
    (report,) = ingest_news(store, [big])
    assert time.perf_counter() - t0 < 60
    assert (report.loaded, report.quarantined) == (1, 0)
    assert scalar(store.con, "SELECT length(text) FROM documents") == MAX_CHARS
    (note,) = _rows(store, "SELECT reason FROM quarantine")
    assert note[0].startswith("note: text truncated at 2,000,000 characters")


def test_shared_news_loads(store: steppe.Store, shared: Path) -> None:
    folder = shared / "news_central_asia_migration"
    if not folder.is_dir():
        pytest.skip("news_central_asia_migration is not in ../shared/data")
    reports = ingest_news(store, [folder])
    (report,) = [r for r in reports if r.file.endswith(".csv")]
    with (folder / "central_asia_migration_news.dev70.csv").open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert report.quarantined == 0
    assert report.loaded + report.duplicate == len(rows)
    distinct = {doc_id(r["paragraph"]) for r in rows}
    assert scalar(store.con, "SELECT count(*) FROM documents") == len(distinct)
    dated = scalar(store.con, "SELECT count(*) FROM documents WHERE published_at IS NOT NULL")
    assert 0 < dated <= sum(1 for r in rows if r["date_from_url"])
    assert scalar(store.con, "SELECT count(*) FROM documents WHERE url IS NULL") == 0
    assert scalar(store.con, "SELECT count(DISTINCT source) FROM documents") > 5
