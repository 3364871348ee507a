"""Build tests/cases/prose_gold/prose_gold.jsonl from the compact annotations and the source
texts in ../shared/data (run once by the annotator; the JSONL is what Steppe reads).

Each record quotes one sentence: the news item's ``paragraph`` (or the speech's text) is split
into lines, each line at a full stop, question or exclamation mark followed by white space and a
capital letter or quotation mark, and the annotation names the sentence by its index. Headlines
are one sentence each. The split into ``dev`` and ``test`` is fixed here, before any coder
output is seen: SHA-256 of ``corpus:record`` (all sentences of one document fall together),
first byte even -> dev, odd -> test.

Usage: python scripts/build_prose_gold.py [SHARED_DATA]
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import re
import sys
from pathlib import Path

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
CORPORA = {"N": "news_central_asia_migration", "H": "news_headlines_kazakhstan_2022", "U": "ungdc"}


def sentences(text: str) -> list[str]:
    return [s.strip() for line in text.split("\n") for s in SPLIT.split(line) if s.strip()]


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
        if line.startswith(BATCH2_HEADER):
            batch = 2
        if not line.strip() or line.startswith("#"):
            continue
        head, kinds, events = (p.strip() for p in line.split("|"))
        code, record, index = head.split()
        corpus = CORPORA[code]
        speaker = None
        if code == "N":
            row = news[record]
            text, date, file = sentences(row["paragraph"])[int(index)], row["date_from_url"], NEWS
        elif code == "H":
            row = heads[record]
            text, date, file = (
                row["translated_title"].strip(),
                row["timestamp_from_path"][:10],
                HEADLINES,
            )
        else:
            sp = speeches[record]
            text, file = sentences(sp["text"])[int(index)], SPEECHES
            date, speaker = sessions[int(sp["session"])], sp["iso3"]
        out.append(
            {
                "id": f"{corpus}:{record}:{index}",
                "corpus": corpus,
                "file": file,
                "record": record,
                "sentence": int(index),
                "date": date,
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
    for b in (1, 2):
        part = [r for r in out if r["batch"] == b]
        n = {s: sum(r["split"] == s for r in part) for s in ("dev", "test")}
        print(f"batch {b}: {len(part)} sentences ({n['dev']} dev, {n['test']} test)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data")
