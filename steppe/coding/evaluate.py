"""Evaluate the coder against gold-standard records: PETRARCH2 validation XML and the PLOVER
gold-standard (GSR) JSON.

**PETRARCH validation XML** (``<Validation>``: ``<Environment>`` naming the verb, actor, agent
and discard files, ``<Config option value>`` elements that change options for the records
after them, ``<Sentence date id category>`` records with ``<EventCoding sourcecode targetcode
eventcode>`` / ``noevents`` / ``error`` expectations, ``<Text>`` and an optional Penn Treebank
``<Parse>``). The named dictionaries are read from beside the file (else from
``dictionaries``); actors come from the actor file only, as in PETRARCH. ``require_dyad`` is
honoured per record; ``<Include>`` limits the records scored by category, and with ``valid``
in it, records marked ``valid="false"`` (this file writes ``sentence="false"``) are left out
(:attr:`CoderEvaluation.all_records` scores every record anyway). When a record has a parse,
its words and part-of-speech tags are used (``use_parse``); the coder never needs one.

**PLOVER GSR JSON** (a list of records with ``id``, ``date``, ``text``, ``event`` and
``source``/``target`` lists of ``{actorText, code}``): coded with the registry gazetteer, the
CAMEO dictionaries' actor files (world news; ``actors=False`` for the registry alone) and
the CAMEO verb dictionary, without the Phoenix discard list (PLOVER codes historical events,
with a ``historical`` context, where PETRARCH drops any sentence naming "years ago" or a year
before 1994; every GSR record is an event); the category of the sentence's main event is
compared with the record's. The category is the one ``steppe code`` stores: the coder's own
stages (:mod:`steppe.coding.plover2016`) put every event in its PLOVER category by the 2016
manual's rules and store the sentence's events main event first, so the score is that of the
first stored event of the record, coded with the options ``steppe code`` uses. The GSR names
categories as the 2016 manual does; :attr:`CoderEvaluation.category_accuracy` compares the
first event's 2016 category with it and :attr:`CoderEvaluation.category_accuracy_2021` the
stored ``plover`` column (the same decision in the 2021 names) with the record's category in
the 2021 names.

Scores: micro precision, recall and F1 over per-record sets of (source, target, CAMEO)
triples, of CAMEO root codes and of actor codes, and category accuracy. Every record that is
not right gets an error class (:func:`error_class`). A malformed record (no text, bad date,
no category) is left out with a one-line reason naming the file and record; a file that
cannot be read at all raises :class:`EvaluationInputError`.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from steppe.coding.coder import Coder, event_rows
from steppe.coding.dictionaries import (
    Dictionaries,
    DictionaryNotFoundError,
    Discards,
    load_dictionaries,
)
from steppe.coding.model import CodedEvent, CoderOptions, Sentence
from steppe.coding.plover2016 import NAMES_2021, gsr_category, plover_of
from steppe.coding.stages import tokenize
from steppe.domain.errors import SteppeError
from steppe.registry import Registry

NONE = "---"
ORG_KINDS = frozenset({"organisation", "bloc", "format"})
_PTB_WORDS = {"-LRB-": "(", "-RRB-": ")", "-LCB-": "{", "-RCB-": "}", "``": '"', "''": '"'}
_LEAF = re.compile(r"\(([^\s()]+)\s+([^\s()]+)\s*\)")


class EvaluationInputError(SteppeError, ValueError):
    """An evaluation file cannot be read at all (the message names the file and why)."""


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class GoldRecord:
    """One gold-standard record: text, date, expected events or category."""

    id: str
    date: date
    text: str
    category: str = ""
    triples: tuple[tuple[str, str, str], ...] = ()
    error: str | None = None
    plover: str | None = None
    actors: tuple[str, ...] = ()
    tokens: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    require_dyad: bool = True
    scored: bool = True
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoldSet:
    """Records read from one file, the dictionaries to code them with, the coder settings,
    and one line per record that could not be read."""

    path: str
    format: str
    records: tuple[GoldRecord, ...]
    dictionaries: Dictionaries
    registry: bool
    problems: tuple[str, ...] = ()


def read_treebank(parse: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """Words and part-of-speech tags of a Penn Treebank parse, or ``None`` if it is not one
    (unbalanced brackets, no words).

    >>> read_treebank("(ROOT (S (NP (NNP Arnor)) (VP (VBD left)) (. .)))")
    (('Arnor', 'left', '.'), ('NNP', 'VBD', '.'))
    >>> read_treebank("(ROOT (S (NP (NNP Arnor)") is None
    True
    """
    depth = 0
    for ch in parse:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return None
    if depth != 0:
        return None
    words: list[str] = []
    tags: list[str] = []
    for tag, word in _LEAF.findall(parse):
        if tag == "-NONE-":
            continue
        word = _PTB_WORDS.get(word, word)
        for part in word.split("_") if "_" in word.strip("_") else [word]:
            words.append(part)
            tags.append(tag)
    if not words:
        return None
    return tuple(words), tuple(tags)


def _text(el: ET.Element | None) -> str:
    return " ".join((el.text or "").split()) if el is not None else ""


def _lines_of(raw: str, tag: str) -> list[int]:
    return [raw.count("\n", 0, m.start()) + 1 for m in re.finditer(rf"<{tag}\b", raw)]


def _parse_xml(path: Path) -> tuple[ET.Element, str]:
    try:
        raw = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise EvaluationInputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if re.search(r"<!(DOCTYPE|ENTITY)", raw):
        raise EvaluationInputError(f"{path}: DTD or entity declarations are not accepted")
    try:
        return ET.fromstring(raw), raw
    except ET.ParseError as exc:
        raise EvaluationInputError(f"{path}: not well-formed XML ({exc})") from exc


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("true", "1", "yes")


def _dictionary_file(folder: Path, name: str, fallback: Path | None, what: str) -> Path:
    for base in (folder, fallback):
        if base is not None and (base / name).is_file():
            return base / name
    where = f"{folder}" + (f" or {fallback}" if fallback else "")
    raise EvaluationInputError(f"{what} {name!r} named in the validation file is not in {where}")


def read_petrarch_validation(path: str | Path, dictionaries: str | Path | None = None) -> GoldSet:
    """Records and dictionaries of a PETRARCH validation file (see the module docstring).

    >>> read_petrarch_validation("/no/such/file.xml")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    steppe.coding.evaluate.EvaluationInputError: /no/such/file.xml: cannot read ...
    """
    p = Path(path)
    root, raw = _parse_xml(p)
    if root.tag != "Validation":
        raise EvaluationInputError(f"{p}: root element is <{root.tag}>, not <Validation>")
    env = root.find("Environment")
    if env is None:
        raise EvaluationInputError(f"{p}: no <Environment> naming the dictionaries")
    fallback = Path(dictionaries) if dictionaries is not None else None
    names = {tag: _text(env.find(tag)) for tag in ("Verbfile", "Actorfile", "Agentfile")}
    if not names["Verbfile"]:
        raise EvaluationInputError(f"{p}: <Environment> names no <Verbfile>")
    files = {
        tag: _dictionary_file(p.parent, name, fallback, tag) for tag, name in names.items() if name
    }
    discard = _text(env.find("Discardfile"))
    try:
        dicts = Dictionaries.from_files(
            files["Verbfile"],
            files.get("Agentfile"),
            _dictionary_file(p.parent, discard, fallback, "Discardfile") if discard else None,
            [files["Actorfile"]] if "Actorfile" in files else (),
        )
    except DictionaryNotFoundError as exc:
        raise EvaluationInputError(f"{p}: {exc}") from exc
    include = set(_text(env.find("Include")).split())
    exclude = set(_text(env.find("Exclude")).split())
    options: dict[str, str] = {}
    for c in env.findall("Config"):
        options[(c.get("option") or "").lower()] = c.get("value") or ""
    sentences = root.find("Sentences")
    if sentences is None:
        raise EvaluationInputError(f"{p}: no <Sentences> element")
    lines = iter(_lines_of(raw.split("<Sentences", 1)[-1], "Sentence"))
    offset = raw.split("<Sentences", 1)[0].count("\n")
    records: list[GoldRecord] = []
    problems: list[str] = []
    for el in sentences:
        if el.tag == "Config":
            options[(el.get("option") or "").lower()] = el.get("value") or ""
            continue
        if el.tag != "Sentence":
            continue
        line = next(lines, 0) + offset
        rid = el.get("id") or f"line {line}"
        where = f"{p}: line {line}: record {rid}"
        if el.find("Skip") is not None:
            continue
        try:
            day = _yyyymmdd(el.get("date") or "")
        except ValueError:
            problems.append(f"{where}: date {el.get('date')!r} is not YYYYMMDD")
            continue
        text = _text(el.find("Text"))
        if not text:
            problems.append(f"{where}: no <Text>")
            continue
        triples: list[tuple[str, str, str]] = []
        error: str | None = None
        for ec in el.findall("EventCoding"):
            if ec.get("error"):
                error = ec.get("error")
            elif ec.get("eventcode") is not None:
                triples.append(
                    (
                        (ec.get("sourcecode") or NONE).upper(),
                        (ec.get("targetcode") or NONE).upper(),
                        ec.get("eventcode") or "",
                    )
                )
        notes: list[str] = []
        parse_el = el.find("Parse")
        tokens: tuple[str, ...] = ()
        tags: tuple[str, ...] = ()
        if parse_el is not None and (parse_el.text or "").strip():
            tree = read_treebank(parse_el.text or "")
            if tree is None:
                notes.append("parse unreadable; coded from the text")
            else:
                tokens, tags = tree
        category = el.get("category") or ""
        valid = el.get("valid", el.get("sentence"))
        scored = not (include and category not in include) and category not in exclude
        if "valid" in include and (valid or "").strip().lower() == "false":
            scored = False
        if int(options.get("new_actor_length", "0") or 0) > 0:
            notes.append("new_actor_length is not supported")
        records.append(
            GoldRecord(
                rid,
                day,
                text,
                category,
                tuple(dict.fromkeys(triples)),
                error,
                _petrarch_category(triples),
                tuple(sorted({c for t in triples for c in t[:2] if c != NONE})),
                tokens,
                tags,
                _flag(options.get("require_dyad", "true")),
                scored,
                tuple(notes),
            )
        )
    if not records:
        raise EvaluationInputError(f"{p}: no readable <Sentence> records")
    return GoldSet(str(p), "petrarch", tuple(records), dicts, False, tuple(problems))


def _yyyymmdd(text: str) -> date:
    text = text.strip()
    if not re.fullmatch(r"\d{8}", text):
        raise ValueError(text)
    return date(int(text[:4]), int(text[4:6]), int(text[6:]))


def _petrarch_category(triples: Sequence[tuple[str, str, str]]) -> str | None:
    for _, _, code in triples:
        cat = gsr_category(plover_of(code), code) if code[:2].isdigit() else None
        if cat:
            return cat
    return None


def read_plover_gsr(
    path: str | Path, dictionaries: str | Path | None = None, actors: bool = True
) -> GoldSet:
    """Records of a PLOVER gold-standard JSON file, to be coded with the registry gazetteer
    and the CAMEO dictionaries (:func:`~steppe.coding.dictionaries.find_dictionaries`); with
    ``actors`` (the default: the records are world news), the dictionaries' actor files too.

    >>> read_plover_gsr("/no/such/file.json")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    steppe.coding.evaluate.EvaluationInputError: /no/such/file.json: cannot read ...
    """
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise EvaluationInputError(f"{p}: cannot read ({exc.strerror or exc})") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise EvaluationInputError(f"{p}: not JSON ({exc})") from exc
    if not isinstance(data, list):
        raise EvaluationInputError(f"{p}: expected a JSON array of records")
    try:
        dicts = load_dictionaries(dictionaries, actors=actors)
    except DictionaryNotFoundError as exc:
        raise EvaluationInputError(f"{p}: {exc}") from exc
    records: list[GoldRecord] = []
    problems: list[str] = []
    for n, rec in enumerate(data, 1):
        rid = str(rec.get("id", f"#{n}")) if isinstance(rec, dict) else f"#{n}"
        where = f"{p}: record {n} ({rid})"
        if not isinstance(rec, dict):
            problems.append(f"{where}: not a JSON object")
            continue
        event = rec.get("event")
        if event == "DOCUMENT":
            continue
        text = rec.get("text")
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}: no text")
            continue
        if not isinstance(event, str) or not event.strip():
            problems.append(f"{where}: no event category")
            continue
        try:
            day = date.fromisoformat(str(rec.get("date", "")))
        except ValueError:
            problems.append(f"{where}: date {rec.get('date')!r} is not YYYY-MM-DD")
            continue
        gold_actors: set[str] = set()
        notes: list[str] = []
        for role in ("source", "target"):
            value = rec.get(role) or []
            if not isinstance(value, list):
                notes.append(f"{role} is not a list of actors; ignored")
                continue
            gold_actors.update(
                str(a["code"]) for a in value if isinstance(a, dict) and a.get("code")
            )
        records.append(
            GoldRecord(
                rid,
                day,
                " ".join(text.split()),
                event.strip(),
                plover=event.strip(),
                actors=tuple(sorted(gold_actors)),
                require_dyad=False,
                notes=tuple(notes),
            )
        )
    if not records:
        raise EvaluationInputError(f"{p}: no readable records")
    return GoldSet(
        str(p), "plover", tuple(records), replace(dicts, discards=Discards()), True, tuple(problems)
    )


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Score:
    """Micro-averaged counts and their precision, recall and F1."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def score_sets(pairs: Iterable[tuple[set[Any], set[Any]]]) -> Score:
    """Micro counts over (gold, predicted) set pairs.

    >>> s = score_sets([({1, 2}, {2, 3}), ({4}, {4})]); (s.tp, s.fp, s.fn, round(s.f1, 3))
    (2, 1, 1, 0.667)
    """
    tp = fp = fn = 0
    for gold, pred in pairs:
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    return Score(tp, fp, fn)


def error_class(gold: set[tuple[str, str, str]], pred: set[tuple[str, str, str]]) -> str:
    """What went wrong with one record's triples.

    >>> error_class({("A", "B", "040")}, {("A", "B", "040")})
    'correct'
    >>> error_class({("A", "B", "040")}, {("A", "B", "042")}), error_class(set(), {("A", "B", "1")})
    ('event_code', 'spurious_event')
    >>> error_class({("A", "B", "040")}, {("A", "C", "040")})
    'actor'

    Classes: ``correct``, ``missed_event`` (nothing coded), ``spurious_event`` (nothing
    expected), ``unsupported_actor`` (a gold actor PETRARCH invents from an unknown noun
    phrase, ``new_actor_length``), ``missing_event`` / ``extra_event`` (a subset / superset
    of the gold), ``event_code`` (right dyads, wrong code), ``actor`` (right codes, wrong
    dyads), ``partial`` (some right), ``actor_and_code``.
    """
    if gold == pred:
        return "correct"
    if not pred:
        return "missed_event"
    if not gold:
        return "spurious_event"
    if any(c.startswith('"') or c == "###" for t in gold for c in t[:2]):
        return "unsupported_actor"
    if pred < gold:
        return "missing_event"
    if gold < pred:
        return "extra_event"
    if {t[:2] for t in gold} == {t[:2] for t in pred}:
        return "event_code"
    if {t[2] for t in gold} == {t[2] for t in pred}:
        return "actor"
    if gold & pred:
        return "partial"
    return "actor_and_code"


@dataclass(frozen=True)
class RecordResult:
    """How one record came out: its error class, expected and coded triples (PETRARCH) or
    categories (PLOVER)."""

    id: str
    error_class: str
    expected: tuple[str, ...]
    coded: tuple[str, ...]
    scored: bool = True
    text: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class CoderEvaluation:
    """Scores of the coder on one gold-standard file (``None`` where the format has no such
    gold: PLOVER records carry no CAMEO codes)."""

    path: str
    format: str
    records: int
    triples: Score | None
    roots: Score | None
    actors: Score
    category_accuracy: float | None
    category_accuracy_2021: float | None
    category_records: int
    all_records: dict[str, float | int] = field(default_factory=dict)
    error_classes: dict[str, int] = field(default_factory=dict)
    results: tuple[RecordResult, ...] = ()
    problems: tuple[str, ...] = ()
    used_parse: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "records": self.records,
            "triples": self.triples.as_dict() if self.triples else None,
            "cameo_roots": self.roots.as_dict() if self.roots else None,
            "actors": self.actors.as_dict(),
            "plover_category_accuracy": _round(self.category_accuracy),
            "plover_category_accuracy_2021_names": _round(self.category_accuracy_2021),
            "category_records": self.category_records,
            "all_records": self.all_records,
            "error_classes": self.error_classes,
            "used_parse": self.used_parse,
            "problems": list(self.problems),
            "records_detail": [
                {
                    "id": r.id,
                    "error_class": r.error_class,
                    "expected": list(r.expected),
                    "coded": list(r.coded),
                    "scored": r.scored,
                    "notes": list(r.notes),
                    "text": r.text,
                }
                for r in self.results
            ],
        }


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def _triple(e: CodedEvent) -> tuple[str, str, str]:
    return (
        e.source.full_code if e.source else NONE,
        e.target.full_code if e.target else NONE,
        e.cameo,
    )


class _ActorNames:
    """Codes as the GSR writes them: registry organisations and blocs as ``IGO``, a CAMEO
    code by its first three letters (the actor; the GSR keeps the sector apart: ``CHNGOV`` is
    ``CHN``), no code for an agent alone (``---REB``)."""

    def __init__(self) -> None:
        reg = Registry.load()
        self.orgs = {a.code for a in reg.actors if a.kind in ORG_KINDS}

    def __call__(self, code: str) -> str | None:
        if code in self.orgs:
            return "IGO"
        return None if code.startswith("---") else code[:3]


def evaluate_coder(
    gold: GoldSet, use_parse: bool = True, coder: Coder | None = None
) -> CoderEvaluation:
    """Code every record of ``gold`` and score the result (see the module docstring)."""
    used_parse = use_parse and any(r.tags for r in gold.records)
    coders: dict[bool, Coder] = {}

    def coder_for(dyad: bool) -> Coder:
        if coder is not None:
            return coder
        if dyad not in coders:
            # PLOVER: the options `steppe code` runs with; PETRARCH: the file's own Config
            opts = (
                CoderOptions()
                if gold.format == "plover"
                else CoderOptions(require_dyad=dyad, require_actor=False)
            )
            coders[dyad] = Coder(gold.dictionaries, options=opts, registry=gold.registry)
        return coders[dyad]

    names = _ActorNames() if gold.format == "plover" else None
    results: list[RecordResult] = []
    triple_pairs: list[tuple[set[Any], set[Any]]] = []
    all_pairs: list[tuple[set[Any], set[Any]]] = []
    root_pairs: list[tuple[set[Any], set[Any]]] = []
    actor_pairs: list[tuple[set[Any], set[Any]]] = []
    cat_right = cat_right_2021 = cat_n = 0
    classes: dict[str, int] = {}
    for rec in gold.records:
        if used_parse and rec.tags:
            sentence = Sentence(rec.id, 0, rec.text, rec.date, rec.tokens, tags=rec.tags)
        else:
            sentence = Sentence(rec.id, 0, rec.text, rec.date, tokenize(rec.text))
        coded = coder_for(rec.require_dyad).code_sentences([sentence])
        events = [e for s in coded for e in s.events]
        if gold.format == "petrarch":
            g = set(rec.triples)
            pred = {_triple(e) for e in events}
            all_pairs.append((g, pred))
            cls = error_class(g, pred)
            expected = tuple("-".join(t) for t in sorted(g))
            got = tuple("-".join(t) for t in sorted(pred))
            if rec.scored:
                triple_pairs.append((g, pred))
                root_pairs.append(({t[2][:2] for t in g}, {t[2][:2] for t in pred}))
                actor_pairs.append(
                    (
                        {c for t in g for c in t[:2] if c != NONE},
                        {c for t in pred for c in t[:2] if c != NONE},
                    )
                )
        else:
            assert names is not None
            pred_actors = {
                name
                for e in events
                for m in (e.source, e.target)
                if m is not None
                for c in m.codes
                if c and (name := names(c))
            }
            actor_pairs.append((set(rec.actors), pred_actors))
            expected, got, cls = (rec.plover or "",), (), "no_event"
        if rec.scored and rec.plover:
            stored = event_rows(coded)
            top = events[0].category if events else None
            top_2021 = stored[0]["plover"] if stored else None
            cat_n += 1
            cat_right += top == rec.plover
            cat_right_2021 += top_2021 is not None and top_2021 == NAMES_2021.get(
                rec.plover, rec.plover
            )
            if gold.format == "plover":
                got = (top or "",) if top else ()
                cls = "correct" if top == rec.plover else ("category" if top else "no_event")
        if rec.scored:
            classes[cls] = classes.get(cls, 0) + 1
        results.append(RecordResult(rec.id, cls, expected, got, rec.scored, rec.text, rec.notes))
    scored = sum(r.scored for r in gold.records)
    every = score_sets(all_pairs)
    return CoderEvaluation(
        gold.path,
        gold.format,
        scored,
        score_sets(triple_pairs) if gold.format == "petrarch" else None,
        score_sets(root_pairs) if gold.format == "petrarch" else None,
        score_sets(actor_pairs),
        cat_right / cat_n if cat_n else None,
        cat_right_2021 / cat_n if cat_n else None,
        cat_n,
        {"records": len(gold.records), **every.as_dict()} if gold.format == "petrarch" else {},
        dict(sorted(classes.items())),
        tuple(results),
        gold.problems,
        used_parse,
    )


def eval_coder(
    petrarch: str | Path | None = None,
    plover: str | Path | None = None,
    dictionaries: str | Path | None = None,
    use_parse: bool = True,
    actors: bool = True,
) -> CoderEvaluation:
    """Read one gold-standard file (exactly one of ``petrarch``, ``plover``) and score the
    coder on it; ``dictionaries`` is where to find dictionary files the PETRARCH file names
    when they are not beside it, or the CAMEO dictionaries for PLOVER
    (:func:`~steppe.coding.dictionaries.find_dictionaries`; ``actors`` adds their actor
    files to the registry gazetteer: the GSR is world news, and the registry knows the
    states and organisations of Steppe's own region best).

    >>> eval_coder()  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    steppe.coding.evaluate.EvaluationInputError: give exactly one of ...
    """
    if (petrarch is None) == (plover is None):
        raise EvaluationInputError(
            "give exactly one of a PETRARCH validation file or a PLOVER file"
        )
    if petrarch is not None:
        gold = read_petrarch_validation(petrarch, dictionaries)
    else:
        assert plover is not None
        gold = read_plover_gsr(plover, dictionaries, actors)
    return evaluate_coder(gold, use_parse=use_parse)
