"""List the candidate sentences of batch 2 (or, with ``--batch 3`` or ``--batch 4``, batch 3
or 4) of the analysis-prose gold set.

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

Batch 3 (``--batch 3``) applies the same rule with four differences:

- documents and texts with a line anywhere above the batch-3 header (batches 1 and 2) are out;
- a news item with an empty ``date_from_url`` is a candidate when its URL path carries a full
  date (``build_prose_gold.news_date``: ``/20241129/``, ``/2024/11/29/``, ``/2024-11-29``);
  items with no date in either place stay out;
- the hash is salted: candidates are ordered by SHA-256 of ``batch3:corpus:record:index``
  (so the order is independent of batch 2's);
- quotas ``QUOTA3``: every news candidate (the migration news is where analysts' questions
  are), 50 headlines, 40 speech sentences.

Batch 4 (``--batch 4``) is batch 3's rule with:

- documents and texts with a line anywhere above the batch-4 header (batches 1-3) are out;
- candidates are ordered by SHA-256 of ``batch4:corpus:record:index``;
- quotas ``QUOTA4``: every remaining dated news candidate, 120 headlines, 60 speech sentences
  (no news or focal-speech candidate is left, so all 120 are headlines).

Batch 5 (``--batch 5``) turns to what is left: headlines and the speeches of the region's
partners.

- documents and texts with a line anywhere above the batch-5 header (batches 1-4) are out, and
  so are the documents in ``seen_before_batch5.txt`` (a pool whose coder output was read while
  rules were developed before batch 5 was drawn; leaving them out keeps the batch blind);
- speech candidates are the UN General Debate speeches of every *other* state (Russia, China,
  the US, Turkey, Iran, the EU's members …) — the focal states' own speeches are all in batches
  1-3 — and a partner's sentence must name a focal state, its demonym or "Central Asia"
  (``FOCAL_WORDS``), not only any actor;
- candidates are ordered by SHA-256 of ``batch5:corpus:record:index``;
- quotas ``QUOTA5``: 80 headlines, 60 speech sentences.

Batch 6 (``--batch 6``) is batch 5's rule with:

- documents with a line anywhere above the batch-6 header (batches 1-5) are out, and so are
  those in ``seen_before_batch5.txt`` and ``seen_after_batch5.txt`` (the second pool of
  unlabelled text whose coder output was read while rules were developed after batch 5);
- candidates are ordered by SHA-256 of ``batch6:corpus:record:index``;
- quotas ``QUOTA6``: 60 headlines, 60 speech sentences.

Batch 7 (``--batch 7``, fourth round) is the first to take further sentences of documents
already in the gold set: every population is exhausted at the document level (35 unseen
headlines, no dated news item, no focal speech, no partner sentence naming a focal state outside
documents already in the gold set or read during development). The split is a hash of the
document, so a new sentence of a gold document falls in the part its document is already in.

- sentences with a line anywhere above the batch-7 header (batches 1-6), texts equal to one,
  and the documents in ``seen_before_batch5.txt`` and ``seen_after_batch5.txt`` are out;
  documents with gold lines are *in*;
- candidates are every sentence of the three corpora as in batch 3 (dated news, headlines,
  focal speeches) plus partners' speech sentences that name a focal state (batch 5);
- candidates are ordered by SHA-256 of ``batch7:corpus:record:index``, at most three new
  sentences per document;
- quotas ``QUOTA7``: every headline and news candidate left, 150 speech sentences.

Batch 8 (``--batch 8``) is batch 7's rule after batch 7: sentences with a line anywhere in the
file (batches 1-7) are out, candidates are ordered by SHA-256 of ``batch8:corpus:record:index``,
and the quotas ``QUOTA8`` are every news candidate left and 200 speech sentences.

Batch 9 (``--batch 9``, prepared in the fifth round, not yet drawn) is batch 8's rule after
batch 8, also leaving out the documents of ``seen_round4.txt``, ``seen_round5.txt`` and
``seen_round6.txt`` (whose unlabelled sentences were read during the fourth to sixth rounds),
ordered by SHA-256 of ``batch9:corpus:record:index``, quotas ``QUOTA9``. ``--count`` prints
only how many candidates each corpus and part would give, no text.

Usage: python scripts/sample_prose_gold.py [SHARED_DATA] [--batch 3|4|5|6|7|8|9] [--count]
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
    BATCH3_HEADER,
    BATCH4_HEADER,
    BATCH5_HEADER,
    BATCH6_HEADER,
    BATCH7_HEADER,
    BATCH8_HEADER,
    CORPORA,
    GOLD,
    HEADLINES,
    NEWS,
    ROOT,
    SPEECHES,
    news_date,
    sentences,
)

# Dated news items outside batch 1 give only 28 sentences; headlines and speeches make up 120.
QUOTA = {"N": 50, "H": 40, "U": 52}
# Batch 3: about 150 sentences, as many of them news as the dated items allow. News has no cap
# (every candidate is taken: 66 sentences from 50 items); focal speeches outside batches 1-2
# run out at 36 sentences (12 speeches), below the quota of 40.
QUOTA3 = {"N": 10_000, "H": 50, "U": 40}
# Batch 4: about 120 sentences. Planned as every dated news candidate left, 60 headlines and 60
# speech sentences, but the candidate counts (taken before any sentence was read) are 0 news
# (dated items are all in batches 1-3), 0 speech (all 58 focal speeches are in batches 1-3) and
# 507 headlines, so the headlines make up the 120.
QUOTA4 = {"N": 10_000, "H": 120, "U": 60}
# Batch 5: headlines and partners' speeches (no dated news or focal speech is left).
QUOTA5 = {"N": 0, "H": 80, "U": 60}
SEEN = GOLD / "seen_before_batch5.txt"
# Batch 6: the same populations, after the second pool of unlabelled text was read.
QUOTA6 = {"N": 0, "H": 60, "U": 60}
SEEN_AFTER = GOLD / "seen_after_batch5.txt"
# Batch 7: what is left, including new sentences of gold documents (counts before reading: 35
# headlines, 75 news sentences of gold items, 1,931 focal-speech and 13 partner-speech sentences).
QUOTA7 = {"N": 10_000, "H": 10_000, "U": 150}
# Batch 8: the same populations after batch 7 (no headline is left; at most three new sentences a
# document leave 178 speech candidates, below the quota of 200, and 9 news sentences).
QUOTA8 = {"N": 10_000, "H": 10_000, "U": 200}
# Batch 9: the same populations after batch 8, without the documents read in rounds 4 and 5.
QUOTA9 = {"N": 10_000, "H": 10_000, "U": 200}
SEEN_ROUND4 = GOLD / "seen_round4.txt"
SEEN_ROUND5 = GOLD / "seen_round5.txt"
SEEN_ROUND6 = GOLD / "seen_round6.txt"
BATCH9_HEADER = "# --- batch 9"
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
FOCAL_WORDS = (*ACTOR_WORDS[:18], "Central Asia", "Central Asian")
FOCAL = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(re.escape(w) for w in sorted(FOCAL_WORDS, key=len, reverse=True))
    + r")(?![\w])"
)
ACTOR = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(re.escape(w) for w in sorted(ACTOR_WORDS, key=len, reverse=True))
    + r")(?![\w])(?:['\u2019]s)?"
)


def names_actor(text: str) -> bool:
    return ACTOR.search(text) is not None


def batch1(path: Path, header: str = BATCH2_HEADER) -> tuple[set[str], set[tuple[str, str, str]]]:
    """The documents (``corpus:record``) and sentences annotated before ``header``'s batch."""
    docs: set[str] = set()
    lines: set[tuple[str, str, str]] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(header):
            break
        if not line.strip() or line.startswith("#"):
            continue
        code, record, index = line.split("|")[0].split()
        docs.add(f"{CORPORA[code]}:{record}")
        lines.add((code, record, index))
    return docs, lines


def candidates(
    shared: Path, url_path: bool = False, partners: bool = False
) -> Iterator[tuple[str, str, int, str, str]]:
    """Every sentence of the three corpora as (code, record, index, date, text).

    News items are dated by ``date_from_url``, and with ``url_path`` also by a full date in
    their URL's path when that field is empty. Speeches are the focal speakers', or with
    ``partners`` every other speaker's, whose sentences must name a focal state.
    """
    with (shared / NEWS).open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            date, source = news_date(row)
            if not date or (source == "url_path" and not url_path):
                continue  # no document date: event time cannot be judged, and Steppe refuses it
            for i, s in enumerate(sentences(row["paragraph"])):
                yield "N", row["row_id"], i, date, s
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
            if (sp["iso3"] in FOCAL_SPEAKERS) != partners:
                record = f"{sp['iso3']}_{sp['session']}"
                for i, s in enumerate(sentences(sp["text"])):
                    if not partners or FOCAL.search(s):
                        yield "U", record, i, opened[int(sp["session"])], s


def sample(shared: Path, batch: int = 2) -> list[tuple[str, str, int, str, str]]:
    rules = {2: (BATCH2_HEADER, QUOTA, ""), 3: (BATCH3_HEADER, QUOTA3, "batch3:")}
    rules[4] = (BATCH4_HEADER, QUOTA4, "batch4:")
    rules[5] = (BATCH5_HEADER, QUOTA5, "batch5:")
    rules[6] = (BATCH6_HEADER, QUOTA6, "batch6:")
    rules[7] = (BATCH7_HEADER, QUOTA7, "batch7:")
    rules[8] = (BATCH8_HEADER, QUOTA8, "batch8:")
    rules[9] = (BATCH9_HEADER, QUOTA9, "batch9:")
    if batch not in rules:
        raise SystemExit(f"--batch {batch}: only batches 2 to 9 are sampled by rule")
    header, quota, salt = rules[batch]
    docs, done = batch1(GOLD / "annotations.txt", header)
    if batch >= 7:
        docs = set()  # documents with gold lines are in; only sentences already coded are out
    rounds = (SEEN_ROUND4, SEEN_ROUND5, SEEN_ROUND6)
    lists = (SEEN, SEEN_AFTER, *rounds) if batch >= 9 else (SEEN, SEEN_AFTER)
    for seen in (SEEN,) if batch == 5 else lists if batch >= 6 else ():
        lines = seen.read_text(encoding="utf-8").splitlines()
        docs |= {x.strip() for x in lines if x.strip() and not x.startswith("#")}
    if batch >= 7:
        pool = list(candidates(shared, url_path=True))
        pool += [c for c in candidates(shared, url_path=True, partners=True) if c[0] == "U"]
    else:
        pool = list(candidates(shared, url_path=batch >= 3, partners=batch >= 5))
    taken_texts = {t for c, r, i, _, t in pool if (c, r, str(i)) in done}
    keyed = sorted(
        pool,
        key=lambda x: hashlib.sha256(f"{salt}{CORPORA[x[0]]}:{x[1]}:{x[2]}".encode()).hexdigest(),
    )
    per_doc: Counter[str] = Counter()
    per_corpus: Counter[str] = Counter()
    out = []
    for code, record, index, date, text in keyed:
        doc = f"{CORPORA[code]}:{record}"
        if doc in docs or per_corpus[code] >= quota[code] or per_doc[doc] >= PER_DOCUMENT:
            continue
        if (code, record, str(index)) in done:
            continue
        if text in taken_texts or not 6 <= len(text.split()) <= 60 or not names_actor(text):
            continue
        taken_texts.add(text)
        per_doc[doc] += 1
        per_corpus[code] += 1
        out.append((code, record, index, date, text))
    order = {"H": 0, "N": 1, "U": 2}
    return sorted(out, key=lambda x: (order[x[0]], x[1], x[2]))


def main(argv: list[str]) -> None:
    batch = 2
    if "--batch" in argv:
        at = argv.index("--batch")
        batch = int(argv[at + 1])
        argv = argv[:at] + argv[at + 2 :]
    count = "--count" in argv
    argv = [a for a in argv if a != "--count"]
    shared = Path(argv[0]) if argv else ROOT.parent / "shared" / "data"
    picked = sample(shared, batch)
    if count:
        parts: Counter[tuple[str, str]] = Counter()
        for code, record, _, _, _ in picked:
            doc = f"{CORPORA[code]}:{record}"
            parts[code, "dev" if hashlib.sha256(doc.encode()).digest()[0] % 2 == 0 else "test"] += 1
        for (code, part), n in sorted(parts.items()):
            print(f"{code} {part} {n}")
        return
    for code, record, index, date, text in picked:
        print(f"{code} {record} {index} | {date} | {text}")


if __name__ == "__main__":
    main(sys.argv[1:])
