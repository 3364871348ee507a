"""Build tests/cases/prose_gold/prose_gold.jsonl from the compact annotations and the source
texts in ../shared/data (run once by the annotator; the JSONL is what Steppe reads).

Each record quotes one sentence: the news item's ``paragraph`` (or the speech's text) is split
into lines, each line at a full stop, question or exclamation mark followed by white space and a
capital letter or quotation mark, and the annotation names the sentence by its index. Headlines
are one sentence each. The split into ``dev`` and ``test`` is fixed here, before any coder
output is seen: SHA-256 of ``corpus:record`` (all sentences of one document fall together),
first byte even -> dev, odd -> test.

Each record's ``date`` is the document's date and ``date_source`` says where it comes from:
``date_from_url`` (the news item's own field, ``YYYY-MM`` where the URL gives only the month),
``url_path`` (a news item with an empty ``date_from_url`` whose URL path carries a full date:
``/20241129/``, ``/2024/11/29/`` or ``/2024-11-29``), ``headline_timestamp`` (the headline's
``timestamp_from_path``) or ``session_opening`` (speeches: the opening day of the session's
general debate in ``steppe/data/reference/ungdc_sessions.csv``). A news item with no date in
either place is never annotated (the sampler leaves it out).

Usage: python scripts/build_prose_gold.py [SHARED_DATA]
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import re
import sys
from datetime import date as Date
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "cases" / "prose_gold"
SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])")
NEWS = "news_central_asia_migration/central_asia_migration_news.dev70.csv"
HEADLINES = "news_headlines_kazakhstan_2022/omelas_story_headlines.csv"
SPEECHES = (
    "ungdc_general_debate_speeches_2015_2024/ungdc_speeches_2015_2024_focal_partners.jsonl.gz"
)
# Lines after this header were sampled by scripts/sample_prose_gold.py and annotated blind.
BATCH2_HEADER = "# --- batch 2"
# Lines after this header were sampled by scripts/sample_prose_gold.py --batch 3, annotated blind.
BATCH3_HEADER = "# --- batch 3"
# Lines after this header were sampled by scripts/sample_prose_gold.py --batch 4, annotated blind.
BATCH4_HEADER = "# --- batch 4"
# Lines after this header were sampled by scripts/sample_prose_gold.py --batch 5, annotated blind.
BATCH5_HEADER = "# --- batch 5"
# Lines after this header were sampled by scripts/sample_prose_gold.py --batch 6, annotated blind.
BATCH6_HEADER = "# --- batch 6"
# Lines after this header were sampled by scripts/sample_prose_gold.py --batch 7, annotated blind.
BATCH7_HEADER = "# --- batch 7"
# Lines after this header were sampled by scripts/sample_prose_gold.py --batch 8, annotated blind.
BATCH8_HEADER = "# --- batch 8"
URL_DATE = re.compile(
    r"/(?P<y1>20\d\d)(?P<m1>\d\d)(?P<d1>\d\d)/"
    r"|/(?P<y2>20\d\d)/(?P<m2>\d\d)/(?P<d2>\d\d)(?:/|$)"
    r"|/(?P<y3>20\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d)(?![\d])"
)
BATCH_HEADERS = {
    2: BATCH2_HEADER,
    3: BATCH3_HEADER,
    4: BATCH4_HEADER,
    5: BATCH5_HEADER,
    6: BATCH6_HEADER,
    7: BATCH7_HEADER,
    8: BATCH8_HEADER,
}
"""Where each batch after the first starts in ``annotations.txt``."""
CORPORA = {"N": "news_central_asia_migration", "H": "news_headlines_kazakhstan_2022", "U": "ungdc"}


def sentences(text: str) -> list[str]:
    return [s.strip() for line in text.split("\n") for s in SPLIT.split(line) if s.strip()]


def url_path_date(url: str) -> str:
    """The full date (``YYYY-MM-DD``) a URL's path carries, or '' when it carries none."""
    m = URL_DATE.search(urlparse(url).path)
    if not m:
        return ""
    y, mo, d = (next(g for g in (m[f"{k}1"], m[f"{k}2"], m[f"{k}3"]) if g) for k in "ymd")
    try:
        return Date(int(y), int(mo), int(d)).isoformat()
    except ValueError:
        return ""


def news_date(row: dict[str, str]) -> tuple[str, str]:
    """A news item's date and where it comes from; ('', '') when it has none."""
    if row["date_from_url"].strip():
        return row["date_from_url"].strip(), "date_from_url"
    from_path = url_path_date(row["url"])
    return (from_path, "url_path") if from_path else ("", "")


def split_of(corpus: str, record: str) -> str:
    return "dev" if hashlib.sha256(f"{corpus}:{record}".encode()).digest()[0] % 2 == 0 else "test"


def parse_event(item: str) -> dict[str, object]:
    dyad, plover, cameo, modality, when = item.split()
    mutual = "=" in dyad
    source, target = dyad.split("=" if mutual else ">")
    return {
        "source": source,
        "target": target,
        "plover": plover,
        "cameo": cameo,
        "modality": modality,
        "event_time": when,
        "mutual": mutual,
    }


def main(shared: Path) -> None:
    news = {r["row_id"]: r for r in csv.DictReader((shared / NEWS).open(encoding="utf-8"))}
    heads: dict[str, dict[str, str]] = {}
    for r in csv.DictReader((shared / HEADLINES).open(encoding="utf-8")):
        m = re.search(r"id(\d+)-", r["s3_loc"])
        if m:
            heads.setdefault(m.group(1), r)
    with gzip.open(shared / SPEECHES, "rt", encoding="utf-8") as lines:
        speeches = {f"{s['iso3']}_{s['session']}": s for s in map(json.loads, lines)}
    sessions = {
        int(r["session"]): r["debate_opened"]
        for r in csv.DictReader(
            (ROOT / "steppe" / "data" / "reference" / "ungdc_sessions.csv").open()
        )
    }
    out = []
    batch = 1
    for line in (GOLD / "annotations.txt").read_text(encoding="utf-8").splitlines():
        batch = next((b for b, h in BATCH_HEADERS.items() if line.startswith(h)), batch)
        if not line.strip() or line.startswith("#"):
            continue
        head, kinds, events = (p.strip() for p in line.split("|"))
        code, record, index = head.split()
        corpus = CORPORA[code]
        speaker = None
        if code == "N":
            row = news[record]
            text, file = sentences(row["paragraph"])[int(index)], NEWS
            date, date_source = news_date(row)
            if not date:
                raise SystemExit(f"{line}: news item {record} has no date (never annotated)")
        elif code == "H":
            row = heads[record]
            text, date, file = (
                row["translated_title"].strip(),
                row["timestamp_from_path"][:10],
                HEADLINES,
            )
            date_source = "headline_timestamp"
        else:
            sp = speeches[record]
            text, file = sentences(sp["text"])[int(index)], SPEECHES
            date, speaker = sessions[int(sp["session"])], sp["iso3"]
            date_source = "session_opening"
        out.append(
            {
                "id": f"{corpus}:{record}:{index}",
                "corpus": corpus,
                "file": file,
                "record": record,
                "sentence": int(index),
                "date": date,
                "date_source": date_source,
                "speaker": speaker,
                "split": split_of(corpus, record),
                "batch": batch,
                "kinds": [k for k in kinds.split(",") if k and k != "-"],
                "text": text,
                "events": [] if events == "-" else [parse_event(e) for e in events.split(";")],
            }
        )
    ids = [r["id"] for r in out]
    texts = [r["text"] for r in out]
    assert len(set(ids)) == len(ids), "duplicate record"
    assert len(set(texts)) == len(texts), "duplicate sentence text"
    with (GOLD / "prose_gold.jsonl").open("w", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for b in (1, *BATCH_HEADERS):
        part = [r for r in out if r["batch"] == b]
        n = {s: sum(r["split"] == s for r in part) for s in ("dev", "test")}
        print(f"batch {b}: {len(part)} sentences ({n['dev']} dev, {n['test']} test)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data")
