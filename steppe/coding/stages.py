"""The coder's stages. Each exposes ``process(batch) -> batch`` over a frozen :class:`Batch`.

Order: :class:`Segmenter` -> :class:`Discarder` -> :class:`ActorRecognizer` ->
:class:`EventClassifier` -> :class:`RoleAssigner` -> :class:`Modality` -> :class:`EventTime` ->
:class:`Scorer`. Modality and event time live in :mod:`steppe.coding.modality`.
The actor stage lives in :mod:`steppe.coding.actors`, classification and roles in
:mod:`steppe.coding.events`, the values in :mod:`steppe.coding.model`; all are importable from
here.
"""

from __future__ import annotations

import re

from steppe.coding.actors import ActorRecognizer, damerau_levenshtein
from steppe.coding.dictionaries import Dictionaries
from steppe.coding.events import EventClassifier, RoleAssigner
from steppe.coding.hygiene import clean_text, is_boilerplate
from steppe.coding.modality import EventTime, Modality
from steppe.coding.model import (
    Batch,
    CodedEvent,
    CoderOptions,
    Document,
    Mention,
    Sentence,
    Stage,
    evolve,
)

__all__ = [
    "ActorRecognizer",
    "Batch",
    "CodedEvent",
    "CoderOptions",
    "Discarder",
    "Document",
    "EventClassifier",
    "EventTime",
    "Mention",
    "Modality",
    "RoleAssigner",
    "Scorer",
    "Segmenter",
    "Sentence",
    "Stage",
    "confidence",
    "damerau_levenshtein",
    "split_sentences",
    "tokenize",
]


# --------------------------------------------------------------------------- segmentation

ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "col",
        "lt",
        "maj",
        "capt",
        "cpt",
        "sgt",
        "adm",
        "sen",
        "rep",
        "gov",
        "pres",
        "st",
        "jr",
        "sr",
        "no",
        "nos",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "univ",
        "approx",
        "est",
        "fig",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mt",
        "ft",
        "rev",
        "hon",
        "amb",
    ]
)
_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}"  # U.S., U.N.
    r"|\d+(?:[.,]\d+)*"  # 3.5, 1,000
    r"|\w+(?=n't\b)|n't\b"  # did n't
    r"|'s\b|'"  # possessive
    r"|\w+(?:-\w+)*"
    r"|[^\w\s]"
)
_BOUNDARY = re.compile(r"[.!?]+[\"')\]]*\s+")


def tokenize(text: str) -> tuple[str, ...]:
    """Words, acronyms, numbers, ``n't``, ``'s`` and punctuation.

    >>> tokenize("Russia's U.S. envoy didn't pay $3.5 bn.")
    ('Russia', "'s", 'U.S.', 'envoy', 'did', "n't", 'pay', '$', '3.5', 'bn', '.')
    """
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("_", " ")
    return tuple(_TOKEN.findall(text))


def split_sentences(text: str) -> list[str]:
    """Rule-based sentence splitting that keeps abbreviations, initials and decimals intact.

    >>> split_sentences("Mr. Tokayev met the U.S. envoy. Growth was 3.5 per cent! J. R. Smith")
    ['Mr. Tokayev met the U.S. envoy.', 'Growth was 3.5 per cent!', 'J. R. Smith']
    >>> split_sentences("Talks ended.\\n\\nno more")
    ['Talks ended.', 'no more']

    Scraped text is cleaned first (:func:`~steppe.coding.hygiene.clean_text`: glued
    sentences and headlines, hashtags, links, bylines, datelines) and sentences that report
    nothing are dropped (:func:`~steppe.coding.hygiene.is_boilerplate`: share prompts,
    captions, credits).

    >>> split_sentences("Lavrov arrived.Our talks went well. Follow us on Telegram here.")
    ['Lavrov arrived.', 'Our talks went well.']
    """
    return [s for s in _split(clean_text(text)) if not is_boilerplate(s)]


def _split(text: str) -> list[str]:
    out: list[str] = []
    for para in re.split(r"\n\s*\n", text):
        para = " ".join(para.split())
        start = 0
        for m in _BOUNDARY.finditer(para):
            end = m.end()
            rest = para[end:]
            before = para[start : m.start() + 1]
            last = before.split()[-1] if before.split() else ""
            word = last.rstrip(".!?\"')]").lower()
            if para[m.start()] == "." and m.group().strip().startswith("."):
                if word in ABBREVIATIONS or re.fullmatch(r"[a-z]", word):
                    continue
                if re.fullmatch(r"(?:[a-z]\.)+[a-z]", word) and rest[:1].isupper():
                    continue  # "U.S. envoy" / "the U.S. Army" stay together
            if rest[:1] and not (rest[:1].isupper() or rest[:1].isdigit() or rest[:1] in "\"'("):
                continue
            out.append(para[start:end].strip())
            start = end
        if para[start:].strip():
            out.append(para[start:].strip())
    return out


class Segmenter:
    """Documents -> tokenised sentences (documents are kept for later stages)."""

    def process(self, batch: Batch) -> Batch:
        sentences = list(batch.sentences)
        for doc in batch.documents:
            for i, text in enumerate(split_sentences(doc.text)):
                sentences.append(
                    Sentence(
                        doc.doc_id,
                        i,
                        text,
                        doc.date,
                        tokenize(text),
                        date_precision=doc.precision,
                        speaker=doc.speaker,
                    )
                )
        return evolve(batch, sentences=tuple(sentences))


def _ngrams(words: list[str], n: int, first: frozenset[str]) -> set[str]:
    """The 1..n-grams of ``words`` that start with a word in ``first``."""
    return {
        " ".join(words[i : i + k])
        for i in range(len(words))
        if words[i] in first
        for k in range(1, n + 1)
    }


class Discarder:
    """Drop sentences with a sentence-level discard phrase, and every sentence of a document
    with a story-level one (PETRARCH discards: sports results, lookalike names …)."""

    def __init__(self, dictionaries: Dictionaries) -> None:
        self.discards = dictionaries.discards
        self._first = frozenset(
            p.split(" ", 1)[0] for p in self.discards.sentence | self.discards.story
        )
        """First words of the phrases: n-grams starting elsewhere cannot match."""

    def process(self, batch: Batch) -> Batch:
        d = self.discards
        if not d.sentence and not d.story:
            return batch
        n = d.max_words
        grams = {
            id(s): _ngrams([w.lower() for w in s.tokens if w[:1].isalnum()], n, self._first)
            for s in batch.sentences
        }
        dropped_docs = {s.doc_id for s in batch.sentences if grams[id(s)] & d.story}
        kept = tuple(
            s
            for s in batch.sentences
            if s.doc_id not in dropped_docs and not grams[id(s)] & d.sentence
        )
        return evolve(batch, sentences=kept)


def confidence(e: CodedEvent) -> float:
    """A heuristic score in (0, 1]: 0.9 when a verb pattern matched, 0.7 for a verb's default
    code; x0.8 without a target, x0.7 without a source, x0.85 per fuzzy-matched actor, x0.5 if
    negated, x0.7 if modal or intended. Rounded to 3 places.

    >>> ev = CodedEvent("met", 1, 2, "040", "CONSULT", 1, 1.0)
    >>> confidence(ev), confidence(evolve(ev, negated=True, pattern="* x"))
    (0.392, 0.252)
    """
    score = 0.9 if e.pattern else 0.7
    if e.target is None:
        score *= 0.8
    if e.source is None:
        score *= 0.7
    for m in (e.source, e.target):
        if m is not None and m.fuzzy:
            score *= 0.85
    if e.negated:
        score *= 0.5
    if e.modal:
        score *= 0.7
    return round(score, 3)


class Scorer:
    """Set each event's :func:`confidence`."""

    def process(self, batch: Batch) -> Batch:
        return evolve(
            batch,
            sentences=tuple(
                evolve(s, events=tuple(evolve(e, confidence=confidence(e)) for e in s.events))
                for s in batch.sentences
            ),
        )
