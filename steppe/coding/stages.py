"""The coder's stages. Each exposes ``process(batch) -> batch`` over a frozen :class:`Batch`.

Order: :class:`Segmenter` -> :class:`Discarder` -> :class:`ActorRecognizer` ->
:class:`EventClassifier` -> :class:`RoleAssigner` -> :class:`Modality` -> :class:`Scorer`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from itertools import pairwise
from typing import Protocol

from steppe.coding.dictionaries import AgentDictionary, Dictionaries, VerbPattern
from steppe.domain.models import EventCode
from steppe.registry import Gazetteer, load_event_codes, normalise


@dataclass(frozen=True)
class Document:
    """Text to code, with the date used for dated aliases and the events."""

    doc_id: str
    text: str
    date: date


@dataclass(frozen=True)
class Mention:
    """An actor found in tokens ``start:end`` (``agent`` from a compound like "X's army")."""

    start: int
    end: int
    code: str
    text: str
    agent: str | None = None
    fuzzy: bool = False


@dataclass(frozen=True)
class CodedEvent:
    """An event found in a sentence; roles and flags are filled by later stages."""

    verb: str
    verb_start: int
    verb_end: int
    cameo: str
    plover: str | None
    quad_class: int
    goldstein: float
    pattern: str | None = None
    passive: bool = False
    source_slot: int | None = None
    target_slot: int | None = None
    source: Mention | None = None
    target: Mention | None = None
    negated: bool = False
    modal: bool = False
    confidence: float = 0.0


@dataclass(frozen=True)
class Sentence:
    doc_id: str
    index: int
    text: str
    date: date
    tokens: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    events: tuple[CodedEvent, ...] = ()


@dataclass(frozen=True)
class Batch:
    documents: tuple[Document, ...] = ()
    sentences: tuple[Sentence, ...] = ()


class Stage(Protocol):
    def process(self, batch: Batch) -> Batch: ...


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
    return tuple(_TOKEN.findall(text.replace("\u2019", "'").replace("\u2018", "'")))


def split_sentences(text: str) -> list[str]:
    """Rule-based sentence splitting that keeps abbreviations, initials and decimals intact.

    >>> split_sentences("Mr. Tokayev met the U.S. envoy. Growth was 3.5 per cent! J. R. Smith")
    ['Mr. Tokayev met the U.S. envoy.', 'Growth was 3.5 per cent!', 'J. R. Smith']
    >>> split_sentences("Talks ended.\\n\\nno more")
    ['Talks ended.', 'no more']
    """
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
                sentences.append(Sentence(doc.doc_id, i, text, doc.date, tokenize(text)))
        return replace(batch, sentences=tuple(sentences))


def _ngrams(words: list[str], n: int) -> set[str]:
    return {" ".join(words[i : i + k]) for k in range(1, n + 1) for i in range(len(words))}


class Discarder:
    """Drop sentences with a sentence-level discard phrase, and every sentence of a document
    with a story-level one (PETRARCH discards: sports results, lookalike names …)."""

    def __init__(self, dictionaries: Dictionaries) -> None:
        self.discards = dictionaries.discards

    def process(self, batch: Batch) -> Batch:
        d = self.discards
        if not d.sentence and not d.story:
            return batch
        n = d.max_words
        grams = {
            id(s): _ngrams([w.lower() for w in s.tokens if w[:1].isalnum()], n)
            for s in batch.sentences
        }
        dropped_docs = {s.doc_id for s in batch.sentences if grams[id(s)] & d.story}
        kept = tuple(
            s
            for s in batch.sentences
            if s.doc_id not in dropped_docs and not grams[id(s)] & d.sentence
        )
        return replace(batch, sentences=kept)


# --------------------------------------------------------------------------- actors

FUZZY_KINDS = frozenset({"leader", "capital", "name"})
MAX_ACTOR_WORDS = 6


def damerau_levenshtein(a: str, b: str) -> int:
    """Optimal-string-alignment distance (adjacent transpositions cost 1).

    >>> damerau_levenshtein("tokayev", "tokajev"), damerau_levenshtein("aliev", "ailev")
    (1, 1)
    """
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[len(b)]


class ActorRecognizer:
    """Longest match (up to 6 tokens) over the gazetteer's surface forms, on the sentence's
    date; possessive and adjacent agent nouns ("Russia's Foreign Ministry" -> RUS + GOV);
    fuzzy single-word matching (distance <= 1, names of 6+ letters) against leader, capital and
    name aliases for transliteration variants.

    Short forms (three letters or fewer, e.g. "US") must be written in capitals.

    >>> from steppe.coding.dictionaries import AgentDictionary
    >>> agents = AgentDictionary({"foreign ministry": "GOV"})
    >>> rec = ActorRecognizer(Gazetteer.from_registry(), agents)
    >>> words = tokenize("Russia's Foreign Ministry thanked Tokajev")
    >>> s = Sentence("d", 0, "", date(2023, 5, 18), words)
    >>> [(m.code, m.agent, m.fuzzy) for m in rec.mentions(s)]
    [('RUS', 'GOV', False), ('KAZ', None, True)]
    """

    def __init__(self, gazetteer: Gazetteer, agents: AgentDictionary | None = None) -> None:
        self.gaz = gazetteer
        self.agents = agents or AgentDictionary()
        self._agent_words = self.agents.max_words
        self._fuzzy: dict[int, list[str]] = defaultdict(list)
        for key in gazetteer.keys():  # noqa: SIM118 - Gazetteer is not iterable
            if (
                " " not in key
                and len(key) >= 6
                and any(m.kind in FUZZY_KINDS for m in gazetteer.matches(key))
            ):
                self._fuzzy[len(key)].append(key)
        self._fuzzy_cache: dict[str, tuple[str, ...]] = {}

    def _exact(
        self, tokens: tuple[str, ...], norm: list[str], i: int, on: date
    ) -> tuple[int, str] | None:
        if not tokens[i][:1].isupper() and not tokens[i][:1].isdigit():
            return None
        for j in range(min(len(tokens), i + MAX_ACTOR_WORDS), i, -1):
            words = norm[i:j]
            if not all(words):
                continue
            key = " ".join(words)
            if j - i == 1 and len(key.replace(" ", "")) <= 3 and not tokens[i].isupper():
                continue
            code = self.gaz.resolve(key, on)
            if code:
                return j, code
        return None

    def _fuzzy_keys(self, word: str) -> tuple[str, ...]:
        if word not in self._fuzzy_cache:
            found = [
                key
                for n in (len(word) - 1, len(word), len(word) + 1)
                for key in self._fuzzy.get(n, ())
                if damerau_levenshtein(word, key) <= 1
            ]
            self._fuzzy_cache[word] = tuple(found)
        return self._fuzzy_cache[word]

    def _fuzzy_code(self, word: str, on: date) -> str | None:
        codes = {self.gaz.resolve(k, on) for k in self._fuzzy_keys(word)}
        return codes.pop() if len(codes) == 1 else None

    def _agent(self, tokens: tuple[str, ...], i: int) -> tuple[int, str] | None:
        for j in range(min(len(tokens), i + self._agent_words), i, -1):
            code = self.agents.lookup(" ".join(t.lower() for t in tokens[i:j]))
            if code:
                return j, code
        return None

    def mentions(self, sentence: Sentence) -> list[Mention]:
        tokens, on = sentence.tokens, sentence.date
        norm = [normalise(t) for t in tokens]
        found: list[Mention] = []
        i = 0
        while i < len(tokens):
            hit = self._exact(tokens, norm, i, on)
            fuzzy = False
            if hit is None and tokens[i][:1].isupper() and len(tokens[i]) >= 6:
                code = self._fuzzy_code(norm[i], on)
                if code:
                    hit, fuzzy = (i + 1, code), True
            if hit is None:
                i += 1
                continue
            end, code = hit
            agent = None
            after = end + 1 if end < len(tokens) and tokens[end] == "'s" else end
            agent_hit = self._agent(tokens, after) if after < len(tokens) else None
            if agent_hit:
                end, agent = agent_hit
            start = i
            if agent is None and i >= 2 and tokens[i - 1].lower() == "of":
                lo = found[-1].end if found else 0
                for k in range(max(lo, i - 1 - self._agent_words), i - 1):
                    agent = self.agents.lookup(" ".join(t.lower() for t in tokens[k : i - 1]))
                    if agent:
                        start = k
                        break
            found.append(Mention(start, end, code, " ".join(tokens[start:end]), agent, fuzzy))
            i = end
        return _merge(found, tokens, self)

    def process(self, batch: Batch) -> Batch:
        return replace(
            batch,
            sentences=tuple(replace(s, mentions=tuple(self.mentions(s))) for s in batch.sentences),
        )


def _merge(found: list[Mention], tokens: tuple[str, ...], rec: ActorRecognizer) -> list[Mention]:
    """Join "Kazakh President Tokayev": an agent mention directly followed by a mention of the
    same actor becomes one mention."""
    out: list[Mention] = []
    for m in found:
        if out and out[-1].end == m.start and out[-1].code == m.code and out[-1].agent:
            prev = out.pop()
            m = Mention(prev.start, m.end, m.code, " ".join(tokens[prev.start : m.end]), prev.agent)
        out.append(m)
    return out


# --------------------------------------------------------------------------- events

CLAUSE_BREAKS = frozenset({";", ":", "but", "while", "whereas", "although", "though"})
NEGATIONS = frozenset({"not", "n't", "never", "denied", "refused", "no"})
MODALS = frozenset({"may", "might", "could", "would", "will", "should", "shall"})
INTENT = frozenset({"plans", "plan", "planned", "planning", "intends", "intend", "expected"})
NOUN_MARKERS = frozenset(
    {"the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "these", "those"}
    | {"first", "new", "of", "'s"}
)
"""A word after one of these is taken for a noun, not a verb ("the meeting", "the heads")."""
SKIP_VERBS = frozenset(
    {"refused", "refuses", "refuse", "denied", "denies", "deny", "plans", "plan", "planned"}
)


def _clause(tokens: tuple[str, ...], i: int) -> tuple[int, int]:
    lo = i
    while lo > 0 and tokens[lo - 1].lower() not in CLAUSE_BREAKS:
        lo -= 1
    hi = i
    while hi < len(tokens) and tokens[hi].lower() not in CLAUSE_BREAKS:
        hi += 1
    return lo, hi


def _code_table() -> dict[str, EventCode]:
    return {c.code: c for c in load_event_codes()}


class EventClassifier:
    """Find verbs through the verb dictionary's forms (longest multi-word form first, outside
    actor mentions), match the verb block's patterns around them, else use the verb's default
    code; map CAMEO to PLOVER, quad class and Goldstein through :func:`load_event_codes`.

    A pattern matches when its words occur in order (gaps allowed) in the clause: words before
    ``*`` within the 6 tokens before the verb, words after within the 10 tokens after; ``$``,
    ``+`` and ``%`` take the next actor mention. Of the patterns that match, the one needing
    the most words wins (the file's order breaks ties).
    """

    def __init__(self, dictionaries: Dictionaries, codes: dict[str, EventCode] | None = None):
        self.verbs = dictionaries.verbs
        self.codes = codes if codes is not None else _code_table()
        self.max_words = self.verbs.max_words

    def _event_code(self, cameo: str) -> EventCode | None:
        for k in (cameo, cameo[:3], cameo[:2]):
            if k in self.codes:
                return self.codes[k]
        return None

    def _word_ok(self, element: str, token: str) -> bool:
        if element.startswith("&"):
            members = self.verbs.synsets.get(element, frozenset())
            return token in members or token.rstrip("s") in members or token[:-2] in members
        if "/" in element:
            return any(self._word_ok(e, token) for e in element.split("/") if e)
        return token == element or token in (element + "s", element + "es")

    def _match_side(
        self,
        elements: tuple[str, ...],
        tokens: list[str],
        positions: list[int],
        mention_at: dict[int, int],
    ) -> dict[str, int] | None:
        """Match elements in order over tokens; return slot -> mention index, or None."""
        slots: dict[str, int] = {}
        k = 0
        for e in elements:
            if e == "^":
                k += 1
                continue
            while k < len(tokens):
                pos = positions[k]
                if e in ("$", "+", "%"):
                    if pos in mention_at:
                        slots.setdefault(e, mention_at[pos])
                        break
                elif " " in e:
                    words = e.split()
                    if tokens[k : k + len(words)] == words:
                        k += len(words) - 1
                        break
                elif self._word_ok(e, tokens[k]):
                    break
                k += 1
            else:
                return None
            k += 1
        return slots

    def _best_pattern(
        self, block: str, s: Sentence, start: int, end: int
    ) -> tuple[VerbPattern, dict[str, int]] | None:
        lo, hi = _clause(s.tokens, start)
        mention_at: dict[int, int] = {}
        for n, m in enumerate(s.mentions):
            for p in range(m.start, m.end):
                mention_at[p] = n
        before_pos = list(range(max(lo, start - 6), start))
        after_pos = list(range(end, min(hi, end + 10)))
        before = [s.tokens[p].lower() for p in before_pos]
        after = [s.tokens[p].lower() for p in after_pos]
        best: tuple[VerbPattern, dict[str, int]] | None = None
        for pat in self.verbs.patterns.get(block, ()):
            if best is not None and pat.specificity <= best[0].specificity:
                continue
            if pat.specificity == 0 and not (pat.before + pat.after):
                continue
            left = self._match_side(pat.before, before, before_pos, mention_at)
            if left is None:
                continue
            right = self._match_side(pat.after, after, after_pos, mention_at)
            if right is None:
                continue
            best = (pat, {**left, **right})
        return best

    def events(self, s: Sentence) -> list[CodedEvent]:
        """One event per clause: of the verbs in a clause that code, the one whose pattern
        matched, else one not in the "make statement" family (01x, e.g. "said"), else the
        first."""
        in_mention = {p for m in s.mentions for p in range(m.start, m.end)}
        lowered = [t.lower() for t in s.tokens]
        best_in: dict[tuple[int, int], tuple[tuple[bool, bool, int], CodedEvent]] = {}
        i = 0
        while i < len(lowered):
            if (
                i in in_mention
                or not lowered[i][:1].isalpha()
                or (i > 0 and s.tokens[i][:1].isupper())
                or (i > 0 and lowered[i - 1] in NOUN_MARKERS)
            ):
                i += 1
                continue
            entry, end = None, i
            for j in range(min(len(lowered), i + self.max_words), i, -1):
                entry = self.verbs.lookup(" ".join(lowered[i:j]))
                if entry:
                    end = j
                    break
            if entry is None:
                i += 1
                continue
            nxt = lowered[end] if end < len(lowered) else ""
            if (entry.form in SKIP_VERBS and nxt == "to") or entry.form in {"denied", "denies"}:
                i = end
                continue
            event = self._event(entry.block, entry.code, s, i, end)
            if event is not None:
                clause = _clause(s.tokens, i)
                rank = (event.pattern is not None, not event.cameo.startswith("01"), -i)
                if clause not in best_in or rank > best_in[clause][0]:
                    best_in[clause] = (rank, event)
            i = end
        return sorted((e for _, e in best_in.values()), key=lambda e: e.verb_start)

    def _event(
        self, block: str, default: str | None, s: Sentence, i: int, end: int
    ) -> CodedEvent | None:
        best = self._best_pattern(block, s, i, end)
        cameo = best[0].code if best else default
        info = self._event_code(cameo) if cameo else None
        if not cameo or info is None:
            return None
        slots = best[1] if best else {}
        return CodedEvent(
            verb=" ".join(s.tokens[i:end]),
            verb_start=i,
            verb_end=end,
            cameo=cameo,
            plover=info.plover,
            quad_class=info.quad_class,
            goldstein=info.goldstein,
            pattern=best[0].text if best else None,
            passive=best[0].passive if best else False,
            source_slot=slots.get("$"),
            target_slot=slots.get("+"),
        )

    def process(self, batch: Batch) -> Batch:
        return replace(
            batch,
            sentences=tuple(replace(s, events=tuple(self.events(s))) for s in batch.sentences),
        )


class RoleAssigner:
    """Source = the pattern's ``$`` actor, else the nearest actor before the verb in the clause;
    target = the pattern's ``+`` actor, else the first actor after the verb in the clause
    (a different actor from the source). Passive patterns (``[:code]``) swap them. Events with
    no actor at all are dropped."""

    def process(self, batch: Batch) -> Batch:
        sentences = []
        for s in batch.sentences:
            events = []
            for e in s.events:
                lo, hi = _clause(s.tokens, e.verb_start)
                ms = s.mentions
                src = ms[e.source_slot] if e.source_slot is not None else None
                if src is None:
                    before = [m for m in ms if lo <= m.start and m.end <= e.verb_start]
                    src = before[-1] if before else None
                tgt = ms[e.target_slot] if e.target_slot is not None else None
                if tgt is None:
                    tgt = next(
                        (
                            m
                            for m in ms
                            if e.verb_end <= m.start
                            and m.end <= hi
                            and (src is None or m.code != src.code)
                        ),
                        None,
                    )
                if e.passive:
                    src, tgt = tgt, src
                if src is None and tgt is None:
                    continue
                events.append(replace(e, source=src, target=tgt))
            sentences.append(replace(s, events=tuple(events)))
        return replace(batch, sentences=tuple(sentences))


class Modality:
    """Flag negation ("not", "n't", "never", "denied", "refused", "no") and modality ("may",
    "might", "could", "would", "will", "should", "plans to", "expected to" …) among the four
    tokens before the verb, within its clause. "refused to sign" is coded on "sign" (the
    classifier skips "refused"/"denied"/"plans" before "to"), so it comes out negated."""

    def process(self, batch: Batch) -> Batch:
        sentences = []
        for s in batch.sentences:
            events = []
            low = [t.lower() for t in s.tokens]
            for e in s.events:
                lo, _ = _clause(s.tokens, e.verb_start)
                window = low[max(lo, e.verb_start - 4) : e.verb_start]
                negated = any(w in NEGATIONS for w in window)
                modal = any(w in MODALS for w in window) or any(
                    a in INTENT and b == "to" for a, b in pairwise(window)
                )
                events.append(replace(e, negated=negated, modal=modal))
            sentences.append(replace(s, events=tuple(events)))
        return replace(batch, sentences=tuple(sentences))


def confidence(e: CodedEvent) -> float:
    """A heuristic score in (0, 1]: 0.9 when a verb pattern matched, 0.7 for a verb's default
    code; x0.8 without a target, x0.7 without a source, x0.85 per fuzzy-matched actor, x0.5 if
    negated, x0.7 if modal or intended. Rounded to 3 places.

    >>> ev = CodedEvent("met", 1, 2, "040", "CONSULT", 1, 1.0)
    >>> confidence(ev), confidence(replace(ev, negated=True, pattern="* x"))
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
        return replace(
            batch,
            sentences=tuple(
                replace(s, events=tuple(replace(e, confidence=confidence(e)) for e in s.events))
                for s in batch.sentences
            ),
        )
