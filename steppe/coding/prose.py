"""Score the coder on the analysis-prose gold set (``tests/cases/prose_gold/prose_gold.jsonl``;
rules in ``docs/prose_annotation_guide.md``) through the path users run.

Each gold sentence is ingested as a news document with its date (:func:`steppe.ingest.news.
ingest_news`, a JSON Lines file written to a temporary folder; a speech's source is its
speaking state, as ``--mapping ungdc`` stores it), the store's documents are coded
by :func:`~steppe.coding.coder.code_documents` — exactly what ``steppe ingest news`` then
``steppe code`` do — and the events are read back from the ``events`` table. Nothing is coded
by any other route, so whatever changes the score changes the stored events.

Scoring (the guide, section 7): per sentence, the gold events as (source, target, PLOVER
category, modality) against the distinct stored events with a PLOVER category (CAMEO 01/02
comments have none and are no events in PLOVER) and both a source and a target (the gold set
codes dyads only; stored one-sided events are counted apart, ``one_sided``). A gold event
marked ``mutual`` (a meeting with no host) matches a stored event in either direction, once;
the other direction, if also stored, is neither a hit nor a false alarm. Micro precision,
recall and F1 over the sentences of the chosen split. Beside them: the same with actors only
(source, target), the category and modality agreement on events whose actors match, event-time
agreement where the store has an ``event_time`` column, hypothetical gold events stored as
asserted, and per sentence an error class (``ok``, ``spurious`` — events where the gold has
none, ``missed``, ``actors``, ``category``, ``modality``, ``partial``).

Where the ``events`` table has no ``modality`` column (a store before that migration), stored
events count as *asserted* and the result says so in ``notes``.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from steppe.coding.coder import code_documents
from steppe.coding.dictionaries import Dictionaries
from steppe.coding.evaluate import EvaluationInputError, Score, score_sets
from steppe.ingest.news import ingest_news
from steppe.store import Store
from steppe.store.reference import install_registry

SPLITS = ("dev", "test", "all")
MODALITIES = frozenset({"asserted", "negated", "hypothetical", "future", "reported"})
EVENT_TIMES = frozenset({"document", "past", "past_undated"})
URL_PREFIX = "steppe-prose-gold:"

Key = tuple[str, str, str, str]


@dataclass(frozen=True)
class GoldEvent:
    """One hand-coded event of a gold sentence."""

    source: str
    target: str
    plover: str
    modality: str = "asserted"
    event_time: str = "document"
    cameo: str = ""
    mutual: bool = False

    @property
    def key(self) -> Key:
        return (self.source, self.target, self.plover, self.modality)


@dataclass(frozen=True)
class ProseRecord:
    """One gold sentence: where it comes from, its date and split, its events."""

    id: str
    text: str
    date: str
    split: str
    events: tuple[GoldEvent, ...] = ()
    kinds: tuple[str, ...] = ()
    source: str = ""
    speaker: str = ""
    """A speech's speaking state (ISO-3), stored as the document's source as the ``ungdc``
    mapping of ``steppe ingest news`` stores it."""


@dataclass(frozen=True)
class StoredEvent:
    source: str
    target: str
    plover: str
    modality: str
    event_time: str | None
    cameo: str

    @property
    def key(self) -> Key:
        return (self.source, self.target, self.plover, self.modality)


@dataclass(frozen=True)
class SentenceResult:
    id: str
    split: str
    error_class: str
    gold: tuple[Key, ...]
    coded: tuple[Key, ...]
    kinds: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class ProseEvaluation:
    """Scores of the coder on the prose gold set (one split)."""

    path: str
    split: str
    sentences: int
    gold_events: int
    events: Score
    actors: Score
    category_agreement: float | None
    modality_agreement: float | None
    event_time_agreement: float | None
    hypothetical_as_asserted: int
    one_sided: int = 0
    error_classes: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, dict[str, int]] = field(default_factory=dict)
    results: tuple[SentenceResult, ...] = ()
    notes: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "split": self.split,
            "sentences": self.sentences,
            "gold_events": self.gold_events,
            "events": self.events.as_dict(),
            "actors": self.actors.as_dict(),
            "category_agreement": _round(self.category_agreement),
            "modality_agreement": _round(self.modality_agreement),
            "event_time_agreement": _round(self.event_time_agreement),
            "hypothetical_as_asserted": self.hypothetical_as_asserted,
            "one_sided_events": self.one_sided,
            "error_classes": self.error_classes,
            "kinds": self.kinds,
            "notes": list(self.notes),
            "records_detail": [
                {
                    "id": r.id,
                    "split": r.split,
                    "error_class": r.error_class,
                    "expected": [list(k) for k in r.gold],
                    "coded": [list(k) for k in r.coded],
                    "kinds": list(r.kinds),
                    "text": r.text,
                }
                for r in self.results
            ],
        }


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


# --------------------------------------------------------------------------- reading


def _event(raw: Any, where: str) -> GoldEvent:
    if not isinstance(raw, dict):
        raise EvaluationInputError(f"{where}: an event is not an object")
    try:
        event = GoldEvent(
            source=str(raw["source"]),
            target=str(raw["target"]),
            plover=str(raw["plover"]).upper(),
            modality=str(raw.get("modality", "asserted")),
            event_time=str(raw.get("event_time", "document")),
            cameo=str(raw.get("cameo", "")),
            mutual=bool(raw.get("mutual", False)),
        )
    except KeyError as exc:
        raise EvaluationInputError(f"{where}: an event lacks {exc.args[0]!r}") from exc
    if event.modality not in MODALITIES:
        raise EvaluationInputError(f"{where}: unknown modality {event.modality!r}")
    if event.event_time not in EVENT_TIMES:
        raise EvaluationInputError(f"{where}: unknown event_time {event.event_time!r}")
    return event


def read_prose_gold(path: str | Path) -> list[ProseRecord]:
    """The records of a prose gold-set file (JSON Lines, the format of
    ``tests/cases/prose_gold/README.md``); a malformed line raises
    :class:`~steppe.coding.evaluate.EvaluationInputError` naming the file and line.

    >>> read_prose_gold("/nonexistent.jsonl")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    steppe.coding.evaluate.EvaluationInputError: /nonexistent.jsonl: cannot read ...
    """
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvaluationInputError(f"{p}: cannot read ({exc.strerror or exc})") from exc
    records: list[ProseRecord] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{p} line {number}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvaluationInputError(f"{where}: not JSON ({exc.msg})") from exc
        if not isinstance(raw, dict) or not raw.get("id") or not raw.get("text"):
            raise EvaluationInputError(f"{where}: a record needs an id and a text")
        if raw.get("split") not in ("dev", "test"):
            raise EvaluationInputError(f"{where}: split must be dev or test")
        if not raw.get("date"):
            raise EvaluationInputError(f"{where}: no date (a document's date is never guessed)")
        records.append(
            ProseRecord(
                id=str(raw["id"]),
                text=str(raw["text"]),
                date=str(raw["date"]),
                split=str(raw["split"]),
                events=tuple(_event(e, where) for e in raw.get("events") or ()),
                kinds=tuple(str(k) for k in raw.get("kinds") or ()),
                source=str(raw.get("corpus") or ""),
                speaker=str(raw.get("speaker") or ""),
            )
        )
    ids = Counter(r.id for r in records)
    dupes = [i for i, n in ids.items() if n > 1]
    if dupes:
        raise EvaluationInputError(f"{p}: duplicate record id {dupes[0]!r}")
    return records


# --------------------------------------------------------------------------- coding


def code_through_store(
    records: Sequence[ProseRecord],
    dictionaries: Dictionaries | str | Path | None = None,
) -> tuple[dict[str, list[StoredEvent]], bool, bool]:
    """Ingest the records as news documents into a fresh store, code them with
    :func:`~steppe.coding.coder.code_documents` and read the stored events back, by record
    id. Also says whether the store has ``modality`` and ``event_time`` columns."""
    with tempfile.TemporaryDirectory(prefix="steppe-prose-") as tmp:
        feed = Path(tmp) / "prose_gold.jsonl"
        with feed.open("w", encoding="utf-8") as f:
            for r in records:
                row = {
                    "text": r.text,
                    "date": r.date,
                    "url": URL_PREFIX + r.id,
                    # a speech is stored as `steppe ingest news --mapping ungdc` stores it: its
                    # source is the speaking state
                    "source": r.speaker or r.source or "prose-gold",
                }
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        with Store(Path(tmp) / "prose.duckdb") as store:
            install_registry(store)
            reports = ingest_news(store, [feed])
            bad = sum(rep.quarantined for rep in reports)
            if bad:
                raise EvaluationInputError(f"{bad} gold sentences could not be ingested")
            code_documents(store, dictionaries)
            columns = {
                str(row[0])
                for row in store.con.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'"
                ).fetchall()
            }
            has_modality = "modality" in columns
            has_time = "event_time" in columns
            modality = "e.modality" if has_modality else "NULL"
            when = "e.event_time" if has_time else "NULL"
            rows = store.con.execute(
                f"""
                SELECT d.url, e.source_actor, e.target_actor, e.plover, {modality}, {when},
                       e.cameo
                FROM events e JOIN documents d USING (doc_id)
                WHERE e.origin = 'coder' AND d.url LIKE '{URL_PREFIX}%'
                """
            ).fetchall()
    stored: dict[str, list[StoredEvent]] = {}
    for url, src, tgt, plover, mod, time, cameo in rows:
        stored.setdefault(str(url).removeprefix(URL_PREFIX), []).append(
            StoredEvent(
                str(src or ""),
                str(tgt or ""),
                str(plover or ""),
                str(mod or "asserted"),
                None if time is None else str(time),
                str(cameo or ""),
            )
        )
    return stored, has_modality, has_time


# --------------------------------------------------------------------------- scoring


def match(
    gold: Sequence[GoldEvent], coded: Iterable[Key]
) -> tuple[list[tuple[GoldEvent, Key]], set[Key]]:
    """Pair gold events with coded keys; returns the pairs and the coded keys left over
    (false alarms). A mutual gold event takes a coded key in either direction once; the other
    direction of a matched mutual event is dropped, not left over.

    >>> g = [GoldEvent("TJK", "RUS", "CONSULT", mutual=True)]
    >>> pairs, extra = match(g, {("RUS", "TJK", "CONSULT", "asserted"),
    ...                          ("TJK", "RUS", "CONSULT", "asserted")})
    >>> len(pairs), extra
    (1, set())
    """
    left = set(coded)
    pairs: list[tuple[GoldEvent, Key]] = []
    for g in gold:
        s, t, c, m = g.key
        options = [(s, t, c, m)] + ([(t, s, c, m)] if g.mutual else [])
        hit = next((k for k in options if k in left), None)
        if hit is None:
            continue
        pairs.append((g, hit))
        left.discard(hit)
    for g, _ in pairs:
        if g.mutual:
            s, t, c, m = g.key
            left.discard((t, s, c, m))
            left.discard((s, t, c, m))
    return pairs, left


def _dyads(gold: Sequence[GoldEvent]) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for g in gold:
        a, b = sorted((g.source, g.target)) if g.mutual else (g.source, g.target)
        out.add((a, b))
    return out


def _coded_dyads(gold: Sequence[GoldEvent], coded: Iterable[StoredEvent]) -> set[tuple[str, str]]:
    mutual = {(min(g.source, g.target), max(g.source, g.target)) for g in gold if g.mutual}
    out: set[tuple[str, str]] = set()
    for e in coded:
        pair = (min(e.source, e.target), max(e.source, e.target))
        out.add(pair if pair in mutual else (e.source, e.target))
    return out


def _error_class(
    gold: Sequence[GoldEvent], coded: list[StoredEvent], hits: int, extra: set[Key]
) -> str:
    if not gold:
        return "spurious" if coded else "ok"
    if not coded:
        return "missed"
    if hits == len(gold):
        return "partial" if extra else "ok"
    if hits:
        return "partial"
    if not _dyads(gold) & _coded_dyads(gold, coded):
        return "actors"
    triples = {(g.source, g.target, g.plover) for g in gold} | {
        (g.target, g.source, g.plover) for g in gold if g.mutual
    }
    return (
        "modality"
        if any((e.source, e.target, e.plover) in triples for e in coded)
        else ("category")
    )


def evaluate_prose(
    records: Sequence[ProseRecord],
    stored: dict[str, list[StoredEvent]],
    path: str = "",
    split: str = "all",
    notes: Sequence[str] = (),
    has_time: bool = False,
) -> ProseEvaluation:
    """Score stored events against the gold records (see the module docstring)."""
    event_pairs: list[tuple[set[Any], set[Any]]] = []
    actor_pairs: list[tuple[set[Any], set[Any]]] = []
    cat_ok = cat_n = mod_ok = mod_n = time_ok = time_n = hyp_asserted = one_sided = 0
    classes: Counter[str] = Counter()
    kinds: dict[str, Counter[str]] = {}
    results: list[SentenceResult] = []
    for r in records:
        mine = [e for e in stored.get(r.id, []) if e.plover]
        coded = [e for e in mine if e.source and e.target]
        one_sided += len(mine) - len(coded)
        keys = {e.key for e in coded}
        pairs, extra = match(r.events, keys)
        hits = len(pairs)
        gold_ids = [("gold", i) for i in range(len(r.events))]
        event_pairs.append(
            (
                set(gold_ids),
                {("gold", r.events.index(g)) for g, _ in pairs} | {("extra", k) for k in extra},
            )
        )
        gold_dyads = _dyads(r.events)
        actor_pairs.append((gold_dyads, _coded_dyads(r.events, coded)))
        for g in r.events:
            same = [
                e
                for e in coded
                if (e.source, e.target) == (g.source, g.target)
                or (g.mutual and (e.target, e.source) == (g.source, g.target))
            ]
            if not same:
                continue
            cat_n += 1
            cat_ok += any(e.plover == g.plover for e in same)
            with_cat = [e for e in same if e.plover == g.plover]
            if with_cat:
                mod_n += 1
                mod_ok += any(e.modality == g.modality for e in with_cat)
                if g.modality == "hypothetical" and all(e.modality == "asserted" for e in with_cat):
                    hyp_asserted += 1
                if has_time:
                    time_n += 1
                    time_ok += any(e.event_time == g.event_time for e in with_cat)
        cls = _error_class(r.events, coded, hits, extra)
        classes[cls] += 1
        for kind in r.kinds or ("(none)",):
            kinds.setdefault(kind, Counter())["sentences"] += 1
            kinds[kind]["ok"] += cls == "ok"
        results.append(
            SentenceResult(
                r.id,
                r.split,
                cls,
                tuple(g.key for g in r.events),
                tuple(sorted(keys)),
                r.kinds,
                r.text,
            )
        )
    return ProseEvaluation(
        path=path,
        split=split,
        sentences=len(records),
        gold_events=sum(len(r.events) for r in records),
        events=score_sets(event_pairs),
        actors=score_sets(actor_pairs),
        category_agreement=cat_ok / cat_n if cat_n else None,
        modality_agreement=mod_ok / mod_n if mod_n else None,
        event_time_agreement=time_ok / time_n if time_n else None,
        hypothetical_as_asserted=hyp_asserted,
        one_sided=one_sided,
        error_classes=dict(sorted(classes.items())),
        kinds={k: dict(v) for k, v in sorted(kinds.items())},
        results=tuple(results),
        notes=tuple(notes),
    )


def eval_prose(
    path: str | Path,
    split: str = "test",
    dictionaries: Dictionaries | str | Path | None = None,
) -> ProseEvaluation:
    """Score the coder on one split (``dev``, ``test`` or ``all``) of a prose gold-set file,
    through ingest → code → the stored events (see the module docstring).

    >>> eval_prose("tests/cases/prose_gold/prose_gold.jsonl", split="none")
    Traceback (most recent call last):
    ...
    steppe.coding.evaluate.EvaluationInputError: unknown split 'none'; expected dev, test or all
    """
    if split not in SPLITS:
        raise EvaluationInputError(f"unknown split {split!r}; expected dev, test or all")
    records = [r for r in read_prose_gold(path) if split == "all" or r.split == split]
    if not records:
        raise EvaluationInputError(f"{path}: no records in split {split!r}")
    stored, has_modality, has_time = code_through_store(records, dictionaries)
    notes = []
    if not has_modality:
        notes.append("the events table has no modality column: stored events scored as asserted")
    if not has_time:
        notes.append("the events table has no event_time column: event time not scored")
    return evaluate_prose(records, stored, str(path), split, notes, has_time)


# --------------------------------------------------------------------------- annotators


@dataclass(frozen=True)
class ProseAgreement:
    """How far two independent annotations of the same sentences agree: the ceiling a coder
    scored against one annotator can be expected to reach."""

    first: str
    second: str
    split: str
    sentences: int
    not_in_second: int
    first_events: int
    second_events: int
    events: Score
    actors: Score
    category_agreement: float | None
    sentence_kappa: float | None
    sentence_agreement: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "first": self.first,
            "second": self.second,
            "split": self.split,
            "sentences": self.sentences,
            "not_in_second": self.not_in_second,
            "first_events": self.first_events,
            "second_events": self.second_events,
            "events": self.events.as_dict(),
            "actors": self.actors.as_dict(),
            "category_agreement": _round(self.category_agreement),
            "sentence_kappa": _round(self.sentence_kappa),
            "sentence_agreement": _round(self.sentence_agreement),
        }


def _same_dyad(a: GoldEvent, b: GoldEvent) -> bool:
    if (a.source, a.target) == (b.source, b.target):
        return True
    return (a.mutual or b.mutual) and (a.source, a.target) == (b.target, b.source)


def _dyad_events(events: Sequence[GoldEvent]) -> list[GoldEvent]:
    mutual: dict[tuple[str, str], bool] = {}
    for g in events:
        mutual[(g.source, g.target)] = mutual.get((g.source, g.target), False) or g.mutual
    return [GoldEvent(s, t, "", mutual=m) for (s, t), m in mutual.items()]


def _pair_up(first: Sequence[GoldEvent], second: Sequence[GoldEvent], with_category: bool) -> int:
    used: set[int] = set()
    for a in first:
        for j, b in enumerate(second):
            if j in used or not _same_dyad(a, b):
                continue
            if with_category and (a.plover, a.modality) != (b.plover, b.modality):
                continue
            used.add(j)
            break
    return len(used)


def annotator_agreement(
    first: str | Path, second: str | Path, split: str = "all"
) -> ProseAgreement:
    """Agreement of two annotations of the same gold sentences (both in the gold-set format),
    scored like the coder: events as (source, target, PLOVER category, modality), a mutual
    event on either side matching the other direction, each event used once; the second
    annotation is scored against the first (F1 is symmetric). Beside it: actors (dyads) alone,
    the category agreement on shared dyads, and Cohen's kappa for whether a sentence has any
    event at all. Only the sentences of the split that both files annotate are compared
    (``sentences``; ``not_in_second`` counts the others).

    >>> annotator_agreement("/nonexistent.jsonl", "/nonexistent.jsonl")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    steppe.coding.evaluate.EvaluationInputError: /nonexistent.jsonl: cannot read ...
    """
    if split not in SPLITS:
        raise EvaluationInputError(f"unknown split {split!r}; expected dev, test or all")
    in_split = [r for r in read_prose_gold(first) if split == "all" or r.split == split]
    b_by_id = {r.id: r for r in read_prose_gold(second)}
    a_records = [r for r in in_split if r.id in b_by_id]
    if not a_records:
        raise EvaluationInputError(
            f"{second}: none of the {len(in_split)} sentences of {first} ({split}) is annotated"
        )
    ev_tp = ev_a = ev_b = dy_tp = dy_a = dy_b = cat_ok = cat_n = 0
    both = only_a = only_b = neither = 0
    for ra in a_records:
        a, b = ra.events, b_by_id[ra.id].events
        ev_tp += _pair_up(a, b, True)
        ev_a += len(a)
        ev_b += len(b)
        da, db = _dyad_events(a), _dyad_events(b)
        dy_tp += _pair_up(da, db, False)
        dy_a += len(da)
        dy_b += len(db)
        for g in a:
            same = [h for h in b if _same_dyad(g, h)]
            if same:
                cat_n += 1
                cat_ok += any(h.plover == g.plover for h in same)
        has_a, has_b = bool(a), bool(b)
        both += has_a and has_b
        only_a += has_a and not has_b
        only_b += has_b and not has_a
        neither += not has_a and not has_b
    n = len(a_records)
    observed = (both + neither) / n
    p_a, p_b = (both + only_a) / n, (both + only_b) / n
    expected = p_a * p_b + (1 - p_a) * (1 - p_b)
    kappa = (observed - expected) / (1 - expected) if expected < 1 else None
    return ProseAgreement(
        first=str(first),
        second=str(second),
        split=split,
        sentences=n,
        not_in_second=len(in_split) - n,
        first_events=ev_a,
        second_events=ev_b,
        events=Score(ev_tp, ev_b - ev_tp, ev_a - ev_tp),
        actors=Score(dy_tp, dy_b - dy_tp, dy_a - dy_tp),
        category_agreement=cat_ok / cat_n if cat_n else None,
        sentence_kappa=kappa,
        sentence_agreement=observed,
    )
