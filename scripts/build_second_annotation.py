"""Build tests/cases/prose_gold/prose_gold_second.jsonl: the same sentences as prose_gold.jsonl
with the events of a second, independent annotator (for `steppe eval agreement`).

The second annotator saw only each sentence, its document's date and speaker, the source
document in ../shared/data and docs/prose_annotation_guide.md — never the first annotation nor
any coder output — and wrote one line a sentence in the compact format of annotations.txt
(``CORPUS RECORD SENTENCE | kinds | events``). Records, texts, dates and splits are copied from
prose_gold.jsonl; only ``kinds`` and ``events`` come from the second annotation.

Usage: python scripts/build_second_annotation.py ANNOTATION.txt [ANNOTATION.txt ...]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "cases" / "prose_gold"
CORPORA = {"N": "news_central_asia_migration", "H": "news_headlines_kazakhstan_2022", "U": "ungdc"}
# the annotators' brief named the dated-past time `past_dated`; the guide's name is `past`
TIMES = {"past_dated": "past"}


def parse_event(item: str, where: str) -> dict[str, object]:
    parts = item.split()
    if len(parts) != 5:
        raise SystemExit(f"{where}: an event needs 5 fields, got {item!r}")
    dyad, plover, cameo, modality, when = parts
    mutual = "=" in dyad
    source, target = dyad.split("=" if mutual else ">")
    return {
        "source": source,
        "target": target,
        "plover": plover.upper(),
        "cameo": cameo,
        "modality": modality,
        "event_time": TIMES.get(when, when),
        "mutual": mutual,
    }


def main(paths: list[Path]) -> None:
    first = [json.loads(line) for line in (GOLD / "prose_gold.jsonl").open(encoding="utf-8")]
    second: dict[str, tuple[list[str], list[dict[str, object]]]] = {}
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            where = f"{path} line {number}"
            head, kinds, events = (p.strip() for p in line.split("|"))
            code, record, index = head.split()
            key = f"{CORPORA[code]}:{record}:{index}"
            if key in second:
                raise SystemExit(f"{where}: {key} annotated twice")
            second[key] = (
                [k for k in kinds.split(",") if k and k != "-"],
                [] if events == "-" else [parse_event(e, where) for e in events.split(";")],
            )
    missing = [r["id"] for r in first if r["id"] not in second]
    with (GOLD / "prose_gold_second.jsonl").open("w", encoding="utf-8") as f:
        for r in first:
            if r["id"] not in second:
                continue
            kinds, events = second[r["id"]]
            f.write(json.dumps(r | {"kinds": kinds, "events": events}, ensure_ascii=False) + "\n")
    print(f"{len(first) - len(missing)} of {len(first)} sentences; {len(missing)} not annotated")


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]])
