"""List the candidate sentences of batch 2 of the analysis-prose gold set.

The rule depends on nothing but the texts and a hash (no coder, no Steppe import):

1. Every sentence of the three corpora (news items' ``paragraph`` split with
   ``build_prose_gold.sentences``; each Kazakhstan 2022 headline's ``translated_title`` as
   sentence 0; UN General Debate speeches of the focal speakers KAZ KGZ TJK TKM UZB AZE, split
   the same way) is a candidate, unless the news item has no ``date_from_url`` (event time is
   judged against the document's date, and ``read_prose_gold`` refuses a record without one),
   its document (``corpus:record``) already has a line in batch 1 of ``annotations.txt`` (so no
   document straddles batches) or its text equals a batch-1 sentence or an earlier pick (the
   gold set has no duplicate texts).
2. A candidate must have 6 to 60 words and name at least one actor from ``ACTOR_WORDS`` below
   (the region's states and partners, their demonyms, capitals used as metonyms, organisations
   and leaders' surnames; matched case-sensitively on word boundaries).
3. Candidates are ordered by SHA-256 of ``corpus:record:index`` (hex digest) and taken in that
   order, at most three per document, until the corpus's quota (``QUOTA``) is met.

Usage: python scripts/sample_prose_gold.py [SHARED_DATA]
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_prose_gold import (
    BATCH2_HEADER,
    CORPORA,
    GOLD,
    HEADLINES,
    NEWS,
    ROOT,
    SPEECHES,
    sentences,
)

# Dated news items outside batch 1 give only 28 sentences; headlines and speeches make up 120.
QUOTA = {"N": 50, "H": 40, "U": 52}
PER_DOCUMENT = 3
FOCAL_SPEAKERS = ("KAZ", "KGZ", "TJK", "TKM", "UZB", "AZE")
ACTOR_WORDS = (
    # Central Asian states, Azerbaijan, their demonyms
    "Kazakhstan",
    "Kazakhstani",
    "Kazakh",
    "Kazakhs",
    "Kyrgyzstan",
    "Kyrgyz",
    "Kyrgyzstani",
    "Tajikistan",
    "Tajik",
    "Tajiks",
    "Turkmenistan",
    "Turkmen",
    "Uzbekistan",
    "Uzbek",
    "Uzbeks",
    "Azerbaijan",
    "Azerbaijani",
    "Azerbaijanis",
    # partners, their demonyms and capitals
    "Russia",
    "Russian",
    "Russians",
    "Moscow",
    "Kremlin",
    "China",
    "Chinese",
    "Beijing",
    "United States",
    "US",
    "U.S.",
    "USA",
    "Washington",
    "American",
    "Americans",
    "EU",
    "European Union",
    "Turkey",
    "Turkish",
    "Türkiye",
    "Iran",
    "Iranian",
    "Afghanistan",
    "Afghan",
    # organisations
    "UN",
    "United Nations",
    "CSTO",
    "EAEU",
    "SCO",
    "CIS",
    # leaders' surnames (with common transliterations)
    "Tokayev",
    "Tokaev",
    "Nazarbayev",
    "Nazarbaev",
    "Mirziyoyev",
    "Mirziyoev",
    "Rahmon",
    "Japarov",
    "Zhaparov",
    "Jeenbekov",
    "Atambayev",
    "Berdimuhamedov",
    "Berdymukhamedov",
    "Putin",
    "Xi",
    "Aliyev",
)
ACTOR = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(re.escape(w) for w in sorted(ACTOR_WORDS, key=len, reverse=True))
    + r")(?![\w])(?:['\u2019]s)?"
)


def names_actor(text: str) -> bool:
    return ACTOR.search(text) is not None


def batch1(path: Path) -> tuple[set[str], set[tuple[str, str, str]]]:
    """The documents (``corpus:record``) and sentences annotated before batch 2."""
    docs: set[str] = set()
    lines: set[tuple[str, str, str]] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(BATCH2_HEADER):
            break
        if not line.strip() or line.startswith("#"):
            continue
        code, record, index = line.split("|")[0].split()
        docs.add(f"{CORPORA[code]}:{record}")
        lines.add((code, record, index))
    return docs, lines


def candidates(shared: Path) -> Iterator[tuple[str, str, int, str, str]]:
    """Every sentence of the three corpora as (code, record, index, date, text)."""
    with (shared / NEWS).open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if not row["date_from_url"].strip():
                continue  # no document date: event time cannot be judged, and Steppe refuses it
            for i, s in enumerate(sentences(row["paragraph"])):
                yield "N", row["row_id"], i, row["date_from_url"], s
    seen: set[str] = set()
    with (shared / HEADLINES).open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            m = re.search(r"id(\d+)-", row["s3_loc"])
            if m and m.group(1) not in seen:  # the build script keeps the first row of an id
                seen.add(m.group(1))
                yield (
                    "H",
                    m.group(1),
                    0,
                    row["timestamp_from_path"][:10],
                    row["translated_title"].strip(),
                )
    with (ROOT / "steppe" / "data" / "reference" / "ungdc_sessions.csv").open() as f:
        opened = {int(r["session"]): r["debate_opened"] for r in csv.DictReader(f)}
    with gzip.open(shared / SPEECHES, "rt", encoding="utf-8") as lines:
        for sp in map(json.loads, lines):
            if sp["iso3"] in FOCAL_SPEAKERS:
                record = f"{sp['iso3']}_{sp['session']}"
                for i, s in enumerate(sentences(sp["text"])):
                    yield "U", record, i, opened[int(sp["session"])], s


def sample(shared: Path) -> list[tuple[str, str, int, str, str]]:
    docs, done = batch1(GOLD / "annotations.txt")
    pool = list(candidates(shared))
    taken_texts = {t for c, r, i, _, t in pool if (c, r, str(i)) in done}
    keyed = sorted(
        pool,
        key=lambda x: hashlib.sha256(f"{CORPORA[x[0]]}:{x[1]}:{x[2]}".encode()).hexdigest(),
    )
    per_doc: Counter[str] = Counter()
    per_corpus: Counter[str] = Counter()
    out = []
    for code, record, index, date, text in keyed:
        doc = f"{CORPORA[code]}:{record}"
        if doc in docs or per_corpus[code] >= QUOTA[code] or per_doc[doc] >= PER_DOCUMENT:
            continue
        if text in taken_texts or not 6 <= len(text.split()) <= 60 or not names_actor(text):
            continue
        taken_texts.add(text)
        per_doc[doc] += 1
        per_corpus[code] += 1
        out.append((code, record, index, date, text))
    order = {"H": 0, "N": 1, "U": 2}
    return sorted(out, key=lambda x: (order[x[0]], x[1], x[2]))


def main(shared: Path) -> None:
    for code, record, index, date, text in sample(shared):
        print(f"{code} {record} {index} | {date} | {text}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data")
