"""Readers for the PETRARCH / CAMEO dictionary formats: verb patterns, actors, agents and
discards (formats: PETRARCH2 ``docs/source/dictionaries.rst`` and the TABARI manual).

Steppe ships none of these files. :func:`find_dictionaries` looks, in order, at the folder
passed in, ``$STEPPE_DICTIONARIES``, ``../shared/data/petrarch2_dictionaries`` from the working
directory and the same path beside the source checkout, and raises
:class:`DictionaryNotFoundError` naming every place it looked.

Comments (``#``, legacy ``;`` and ``<!-- -->``, also over several lines) are skipped in every
file. In a phrase, ``_`` joins words that must be consecutive; a blank lets up to
:data:`MAX_GAP` other words come between (actors and agents, "ITHILEN TELEVISION" matches
"Ithilen state-run television").

* **Verbs**: synsets (``&NAME`` then ``+MEMBER`` lines, anywhere in the file; members may be
  phrases or other synsets; regular plurals are added unless the label or member ends in
  ``_``); blocks (``--- NAME [code] ---``) of verb lines (``VERB``, ``VERB {IRREGULAR FORMS}``,
  multi-word ``+BREAK_DOWN`` or ``WIRE_+TAP`` where ``+`` marks the inflected word, optional
  ``[code]``) and pattern lines (``- words * words [code]``). Forms are the listed ones, else
  the regular ``-s``/``-ed``/``-ing`` forms. In a pattern ``*`` is the verb, ``$`` the source,
  ``+`` the target, ``%`` a compound actor, ``^`` one skipped word, ``&SET`` a synset member;
  grouping brackets are dropped; literal words match exactly. A code ``[a:b]`` codes ``a``
  from source to target and ``b`` back from target to source; ``[:b]`` only the latter;
  ``---`` means "no event". A verb form in several blocks gets the patterns of all of them.
* **Actors**: a phrase, ``+synonym`` lines, and codes: ``[CODE]`` on the phrase line or on
  their own (tab-indented) lines with date restrictions ``[CODE <date]``, ``[CODE >date]``,
  ``[CODE date-date]`` (``YYYYMMDD`` or ``YYMMDD``, bounds included, the first restriction
  that holds wins, else the undated code); ``[---]`` marks a phrase that is no actor;
  ``[A/B]`` names two actors.
* **Agents**: ``!MACRO! = A, B`` substitutions, ``PHRASE {PLURAL} [~CODE]`` (code appended to
  the actor's) or ``[CODE~]`` (prepended, e.g. ``NGO~``); regular plurals unless ``{}`` or a
  trailing ``_``.
* **Discards**: one phrase a line; a leading ``+`` marks a story-level discard.
"""

from __future__ import annotations

import configparser
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Generic, TypeVar

from steppe.domain.errors import SteppeError
from steppe.registry import data_path

ENV_VAR = "STEPPE_DICTIONARIES"
VERB_FILE = "CAMEO.2.0.txt"
AGENTS_FILE = "Phoenix.agents.txt"
DISCARDS_FILE = "Phoenix.discards.txt"
SUPPLEMENT = data_path("dictionaries") / "steppe.verbs.txt"
AGENT_SUPPLEMENT = data_path("dictionaries") / "steppe.agents.txt"
"""Steppe's additions to the agent dictionary (nouns of the region's diplomatic prose that
name a state's representatives), read after whichever agent file is used."""
OVERRIDE = "OVERRIDE "
"""A supplement block whose name starts with this replaces the own code of the verbs it lists
(their patterns stay): a correction, stated with its reason in the supplement."""
"""Steppe's additions to the CAMEO verb dictionary (constructions of the region's diplomatic
prose, each with the CAMEO code description it follows), read after whichever verb file is
used, so that every coding path has them."""
ACTOR_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
CONFIG_FILE = "PETR_config.ini"
SLOTS = frozenset({"*", "$", "+", "%", "^"})
MAX_GAP = 2
"""Words allowed between two blank-separated words of an actor or agent phrase."""
NULL_CODES = frozenset({"", "---", "+++", "###"})

V = TypeVar("V")


class DictionaryNotFoundError(SteppeError, FileNotFoundError):
    """No folder with the PETRARCH dictionaries was found."""


class DictionaryError(SteppeError, ValueError):
    """A dictionary file cannot be read (the message names the file)."""


# --------------------------------------------------------------------------- common


def clean_lines(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    """``(line number, text)`` with comments removed and blank lines skipped; leading tabs are
    kept (actor files use them).

    >>> list(clean_lines(["A # x", "<!-- one", "two -->", "B <!-- c --> D", "  ", "E ; old"]))
    [(1, 'A'), (4, 'B  D'), (6, 'E')]
    """
    in_comment = False
    for number, raw in enumerate(lines, 1):
        line = raw
        if in_comment:
            if "-->" not in line:
                continue
            line = line.split("-->", 1)[1]
            in_comment = False
        line = re.sub(r"<!\s*--.*?-->", "", line)
        opened = re.search(r"<!\s*--", line)
        if opened:
            line = line[: opened.start()]
            in_comment = True
        line = line.split("#", 1)[0].split(";", 1)[0].rstrip()
        if line.strip():
            yield number, line


def _strip_comment(line: str) -> str:
    line = re.sub(r"<!--.*?-->", "", line)
    return line.split("#", 1)[0].strip()


def _word(text: str) -> str:
    """Dictionary spelling -> the lower-case, space-separated form Steppe matches on."""
    return " ".join(text.replace("_", " ").lower().split())


def _plural(phrase: str) -> str:
    if phrase.endswith("y") and len(phrase) > 1 and phrase[-2] not in "aeiou":
        return phrase[:-1] + "ies"
    if phrase.endswith(("s", "x", "ch", "sh")):
        return phrase + "es"
    return phrase + "s"


def split_phrase(text: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """Words of a dictionary phrase (lower case) and, for each, whether it must directly
    follow the previous word (joined by ``_``) rather than allow a gap (blank).

    >>> split_phrase("ITHILEN TELEVISION")
    (('ithilen', 'television'), (True, False))
    >>> split_phrase("RADAGAST THE_BROWN_")
    (('radagast', 'the', 'brown'), (True, False, True))
    """
    words: list[str] = []
    tight: list[bool] = []
    for chunk in text.split():
        for k, part in enumerate(chunk.split("_")):
            if part:
                words.append(part.lower())
                tight.append(k > 0 or not words[:-1])
    return tuple(words), tuple(tight)


def _is_word(token: str) -> bool:
    return token[:1].isalnum()


class PhraseIndex(Generic[V]):
    """Phrases (word tuples, with gaps allowed where a blank separated them) -> values, for
    longest-match lookup at a token position."""

    def __init__(self) -> None:
        self._by_first: dict[
            str, list[tuple[tuple[str, ...], tuple[bool, ...], V, frozenset[str]]]
        ] = defaultdict(list)
        self._reach: dict[str, int] = {}
        self.size = 0

    def add(self, words: tuple[str, ...], tight: tuple[bool, ...], value: V) -> None:
        if words:
            self._by_first[words[0]].append((words, tight, value, frozenset(words[1:])))
            self.size += 1

    def finish(self) -> None:
        """Sort each first word's phrases, most words first (call once after adding)."""
        for first, entries in self._by_first.items():
            entries.sort(key=lambda e: -len(e[0]))
            self._reach[first] = (len(entries[0][0]) - 1) * (MAX_GAP + 1) + 1

    def __contains__(self, word: str) -> bool:
        return word in self._by_first

    def match(self, low: list[str], i: int) -> tuple[int, V, int] | None:
        """``(end, value, words)`` of the phrase with most words starting at ``low[i]``.
        A phrase whose other words are not all within its reach is skipped unmatched (the
        first word "minister" starts hundreds of phrases)."""
        entries = self._by_first.get(low[i])
        if not entries:
            return None
        ahead = set(low[i + 1 : i + 1 + self._reach.get(low[i], len(low))])
        for words, tight, value, need in entries:
            if not need <= ahead:
                continue
            end = _match_words(low, i + 1, words, tight, 1)
            if end is not None:
                return end, value, len(words)
        return None


def _match_words(
    low: list[str], pos: int, words: tuple[str, ...], tight: tuple[bool, ...], k: int
) -> int | None:
    if k == len(words):
        return pos
    limit = pos + (0 if tight[k] else MAX_GAP)
    p = pos
    while p < len(low) and p <= limit:
        if low[p] == words[k]:
            end = _match_words(low, p + 1, words, tight, k + 1)
            if end is not None:
                return end
        if not _is_word(low[p]):
            return None
        p += 1
    return None


# --------------------------------------------------------------------------- verbs


def regular_forms(verb: str, head: int = 0) -> tuple[str, ...]:
    """The base form and regular inflections of a verb phrase, inflecting word ``head``.

    >>> regular_forms("sign")
    ('sign', 'signs', 'signed', 'signing')
    >>> regular_forms("meet with")
    ('meet with', 'meets with', 'meeted with', 'meeting with')
    >>> regular_forms("wire tap", head=1)[1:]
    ('wire taps', 'wire taped', 'wire taping')
    >>> regular_forms("criticize")[1:]
    ('criticizes', 'criticized', 'criticizing')
    """
    words = verb.split()
    word = words[head]
    if word.endswith("e"):
        stem = word[:-1]
        forms = [word, word + "s", stem + "ed", stem + "ing"]
    elif word.endswith(("s", "x", "z", "ch", "sh")):
        forms = [word, word + "es", word + "ed", word + "ing"]
    elif word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        forms = [word, word[:-1] + "ies", word[:-1] + "ied", word + "ing"]
    else:
        forms = [word, word + "s", word + "ed", word + "ing"]
    return tuple(" ".join([*words[:head], f, *words[head + 1 :]]) for f in forms)


def parse_code(text: str) -> tuple[str | None, str | None]:
    """A dictionary code -> (forward code, reverse code); ``None`` for "no event".

    >>> parse_code("057"), parse_code("032:033"), parse_code(":173"), parse_code("---")
    (('057', None), ('032', '033'), (None, '173'), (None, None))
    """
    first, _, second = text.strip().partition(":")
    fwd, rev = first.strip(), second.strip()
    return (None if fwd in NULL_CODES else fwd), (None if rev in NULL_CODES else rev)


@dataclass(frozen=True)
class PatternElement:
    """One element of a verb pattern: a literal word, a synset (``&name``) or a slot
    (``$ + % ^``). ``tight``: no gap allowed between it and its neighbour towards the verb."""

    kind: str
    value: str
    tight: bool = False


@dataclass(frozen=True)
class VerbPattern:
    """One ``- … * … [code]`` line: elements before the verb (nearest the verb last) and after
    it (nearest first), the forward and reverse codes."""

    before: tuple[PatternElement, ...]
    after: tuple[PatternElement, ...]
    code: str | None
    reverse: str | None = None
    text: str = ""
    needs: frozenset[str] = frozenset()
    """Literal words that must occur in the sentence (a quick test before matching)."""

    @cached_property
    def specificity(self) -> int:
        """How many words and synsets (not slots) the pattern needs."""
        return sum(1 for e in self.before + self.after if e.kind != "slot")

    @property
    def passive(self) -> bool:
        """Only a reverse code (``[:code]``): the event goes from target to source."""
        return self.code is None and self.reverse is not None


@dataclass(frozen=True)
class VerbEntry:
    """A verb form found in the dictionary: its lemma, first block, default codes, and every
    block it appears in (their patterns all apply)."""

    form: str
    lemma: str
    block: str
    code: str | None
    reverse: str | None = None
    blocks: tuple[str, ...] = ()


@dataclass(frozen=True)
class VerbDictionary:
    """Verb forms -> entries, blocks -> patterns, synsets -> member phrases.

    >>> v = VerbDictionary.parse('''
    ... &TREATY
    ... +AGREEMENT
    ... +PACT
    ... ---  SIGN   [---]  ---
    ... SIGN
    ... - * &TREATY    [057:057]  # SIGN
    ... ---  MEET   [040]  ---
    ... MEET {MEETS MET MEETING}
    ... +MEET_WITH
    ... ''')
    >>> e = v.lookup("met"); (e.lemma, e.block, e.code), v.lookup("signed").code
    (('meet', 'MEET', '040'), None)
    >>> v.lookup("meet with").block, v.patterns["SIGN"][0].code, v.patterns["SIGN"][0].reverse
    ('MEET', '057', '057')
    >>> sorted(v.synsets["&treaty"])
    ['agreement', 'agreements', 'pact', 'pacts']
    """

    forms: dict[str, VerbEntry] = field(default_factory=dict)
    patterns: dict[str, tuple[VerbPattern, ...]] = field(default_factory=dict)
    synsets: dict[str, frozenset[str]] = field(default_factory=dict)

    def lookup(self, form: str) -> VerbEntry | None:
        return self.forms.get(form)

    @property
    def max_words(self) -> int:
        return max((len(f.split()) for f in self.forms), default=1)

    @property
    def words(self) -> frozenset[str]:
        """The one-word verb forms."""
        return frozenset(f for f in self.forms if " " not in f)

    @classmethod
    def parse(cls, text: str | Iterable[str], name: str = "verb dictionary") -> VerbDictionary:
        lines = text.splitlines() if isinstance(text, str) else text
        builder = _VerbBuilder(name)
        for number, line in clean_lines(lines):
            builder.line(number, line.strip())
        return builder.build()


class _VerbBuilder:
    def __init__(self, name: str) -> None:
        self.name = name
        self.forms: dict[str, VerbEntry] = {}
        self.patterns: dict[str, list[VerbPattern]] = defaultdict(list)
        self.synsets: dict[str, set[str]] = {}
        self.nested: dict[str, set[str]] = defaultdict(set)
        self.block: str | None = None
        self.block_code: tuple[str | None, str | None] = (None, None)
        self.synset: str | None = None
        self.synset_plurals = True

    def line(self, number: int, line: str) -> None:
        head = re.match(r"^---\s*(.*?)\s*\[([^\]]*)\]", line)
        if head and line.startswith("---"):
            self.block, self.synset = head[1].strip() or f"line {number}", None
            self.block_code = parse_code(head[2])
            self.patterns.setdefault(self.block, [])
            return
        if line.startswith("&"):
            label = line.split()[0]
            self.synset = label.rstrip("_").lower()
            self.synset_plurals = not label.endswith("_")
            self.synsets.setdefault(self.synset, set())
            self.block = None
            return
        if self.synset is not None:
            if line.startswith("+"):
                self._member(line[1:].strip())
            return
        if self.block is None:
            return
        if line.startswith("-"):
            pattern = _parse_pattern(line[1:])
            if pattern is not None:
                self.patterns[self.block].append(pattern)
            return
        self._verb(line, number)

    def _member(self, text: str) -> None:
        assert self.synset is not None
        if text.startswith("&"):
            self.nested[self.synset].add(text.split()[0].rstrip("_").lower())
            return
        phrase = _word(text)
        if not phrase:
            return
        self.synsets[self.synset].add(phrase)
        if self.synset_plurals and not text.endswith("_"):
            self.synsets[self.synset].add(_plural(phrase))

    def _verb(self, line: str, number: int) -> None:
        assert self.block is not None
        code = self.block_code
        own = re.search(r"\[([^\]]*)\]", line)
        if own:
            code = parse_code(own[1])
            line = line[: own.start()] + line[own.end() :]
        irregular = re.search(r"\{([^}]*)\}", line)
        base = (line[: irregular.start()] if irregular else line).strip()
        if not base:
            return
        phrase, head = _verb_phrase(base)
        if not phrase:
            return
        variants = [phrase]
        if irregular is not None:
            variants += [_verb_phrase(w)[0] for w in irregular[1].split()]
        else:
            variants += regular_forms(phrase, head)[1:]
        for form in variants:
            if not form:
                continue
            old = self.forms.get(form)
            if old is not None and self.block.startswith(OVERRIDE):
                # a supplement's correction of a verb's own code; its patterns stay
                self.forms[form] = VerbEntry(
                    form, old.lemma, old.block, code[0], code[1], old.blocks
                )
                continue
            if old is None:
                self.forms[form] = VerbEntry(
                    form, phrase, self.block, code[0], code[1], (self.block,)
                )
            elif self.block not in old.blocks:
                fwd, rev = (old.code, old.reverse) if (old.code or old.reverse) else code
                self.forms[form] = VerbEntry(
                    form, old.lemma, old.block, fwd, rev, (*old.blocks, self.block)
                )

    def build(self) -> VerbDictionary:
        synsets = {k: set(v) for k, v in self.synsets.items()}
        for _ in range(5):  # nested synsets, a few levels deep
            for name, inner in self.nested.items():
                for other in inner:
                    synsets.setdefault(name, set()).update(synsets.get(other, set()))
        known = set(synsets)
        patterns = {
            block: tuple(
                p
                for p in pats
                if all(e.kind != "synset" or e.value in known for e in p.before + p.after)
            )
            for block, pats in self.patterns.items()
        }
        return VerbDictionary(self.forms, patterns, {k: frozenset(v) for k, v in synsets.items()})


def _verb_phrase(text: str) -> tuple[str, int]:
    """``"WIRE_+TAP"`` -> ("wire tap", 1): the phrase and the index of its inflected word."""
    text = text.strip()
    leading = text.startswith("+")
    words = text.lstrip("+").replace("_", " ").split()
    head = 0
    for k, w in enumerate(words):
        if w.startswith("+") and not (k == 0 and leading):
            head = k
    phrase = " ".join(w.lstrip("+").lower() for w in words)
    return phrase, head


def _parse_pattern(text: str) -> VerbPattern | None:
    """A pattern line (after its leading ``-``), or ``None`` for one PETRARCH also skips
    (disjunctions ``|``)."""
    code_match = re.search(r"\[([^\]]*)\]", text)
    code, reverse = parse_code(code_match[1]) if code_match else (None, None)
    body = text[: code_match.start()] if code_match else text
    if "|" in body:
        return None
    body = re.sub(r"[(){}]", " ", body).replace("**", "*")
    items: list[tuple[str, bool]] = []
    pending = False
    for chunk in body.split():
        first = True
        for part in chunk.split("_"):
            if not part:
                continue
            join = (not first) or pending or (first and chunk.startswith("_"))
            items.append((part, join))
            first = False
        pending = chunk.endswith("_")
    elements: list[PatternElement | None] = []
    joins: list[bool] = []
    for part, join in items:
        joins.append(join)
        if part == "*":
            elements.append(None)
        elif part in SLOTS:
            elements.append(PatternElement("slot", part))
        elif part.startswith("&"):
            elements.append(PatternElement("synset", part.lower()))
        else:
            elements.append(PatternElement("word", part.lower()))
    v = elements.index(None) if None in elements else -1
    before: list[PatternElement] = []
    for k in range(max(v, 0)):
        e = elements[k]
        if e is None:
            return None
        before.append(PatternElement(e.kind, e.value, joins[k + 1]))
    after: list[PatternElement] = []
    for k in range(v + 1, len(elements)):
        e = elements[k]
        if e is None:
            return None
        after.append(PatternElement(e.kind, e.value, joins[k]))
    needs = frozenset(e.value for e in before + after if e.kind == "word")
    return VerbPattern(tuple(before), tuple(after), code, reverse, " ".join(text.split()), needs)


# --------------------------------------------------------------------------- agents


@dataclass(frozen=True)
class Agent:
    """An agent code; ``prefix`` codes (``NGO~``) go before the actor's code."""

    code: str
    prefix: bool = False

    @property
    def primary(self) -> str:
        return self.code[:3]


class AgentDictionary:
    """Agent nouns -> agent codes (with plurals and ``!MACRO!`` substitutions).

    >>> a = AgentDictionary.parse('''
    ... !MINIST! = MINISTER, MINISTRY
    ... FOREIGN_!MINIST! [~GOV]
    ... ARMY [~MIL]
    ... MINISTRY_  [~GOV]
    ... MSF {}  [NGO~]
    ... GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]
    ... ''')
    >>> a.lookup("foreign ministry"), a.lookup("armies"), a.lookup("ministries")
    ('GOV', 'MIL', None)
    >>> a.agent("msf"), a.lookup("golden geese")
    (Agent(code='NGO', prefix=True), 'GGS')
    """

    def __init__(self, agents: dict[str, str] | None = None) -> None:
        self.index: PhraseIndex[Agent] = PhraseIndex()
        self._exact: dict[str, Agent] = {}
        for phrase, code in (agents or {}).items():
            self._add(phrase, (tuple(phrase.split()), (True,) * len(phrase.split())), code)
        self.index.finish()

    def _add(self, phrase: str, split: tuple[tuple[str, ...], tuple[bool, ...]], raw: str) -> None:
        raw = raw.replace(" ", "")
        agent = Agent(raw.strip("~"), prefix=raw.endswith("~") and not raw.startswith("~"))
        if not agent.code or phrase in self._exact:
            return
        self._exact[phrase] = agent
        self.index.add(split[0], split[1], agent)

    def agent(self, phrase: str) -> Agent | None:
        return self._exact.get(phrase)

    def lookup(self, phrase: str) -> str | None:
        """The primary (three-letter) agent code of a phrase, if it is an agent."""
        a = self._exact.get(phrase)
        return a.primary if a else None

    @property
    def max_words(self) -> int:
        return max((len(k.split()) for k in self._exact), default=1)

    def __len__(self) -> int:
        return len(self._exact)

    @classmethod
    def parse(cls, text: str | Iterable[str]) -> AgentDictionary:
        lines = text.splitlines() if isinstance(text, str) else text
        macros: dict[str, list[str]] = {}
        out = cls()
        for _, raw in clean_lines(lines):
            line = raw.strip()
            macro = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
            if macro:
                macros[macro[1]] = [w.strip() for w in macro[2].split(",") if w.strip()]
                continue
            entry = re.match(r"^(.+?)\s*(?:\{([^}]*)\})?\s*\[([^\]]*)\]", line)
            if not entry:
                continue
            names = [entry[1].strip()]
            plurals = entry[2]
            for key, values in macros.items():
                if any(key in n for n in names):
                    names = [n.replace(key, v) for n in names for v in values]
            for name in names:
                out._add(_word(name), split_phrase(name), entry[3])
                if plurals is None and not name.endswith("_"):
                    words, tight = split_phrase(name)
                    if words:
                        plural = (*words[:-1], _plural(words[-1]))
                        out._add(" ".join(plural), (plural, tight), entry[3])
            for extra in (plurals or "").split():
                out._add(_word(extra), split_phrase(extra), entry[3])
        out.index.finish()
        return out


# --------------------------------------------------------------------------- actors


@dataclass(frozen=True)
class ActorRecord:
    """The codes of one actor entry: date restrictions ``(code, first day, last day)`` tried
    in order, then the undated code. A code of ``None`` means "not an actor"."""

    default: str | None
    dated: tuple[tuple[str | None, date | None, date | None], ...] = ()
    has_default: bool = False

    def code_on(self, day: date | None) -> str | None:
        """The code that holds on ``day``.

        >>> r = ActorRecord("HOB", (("HOBGOV", date(1995, 6, 1), date(1999, 8, 15)),), True)
        >>> r.code_on(date(1996, 1, 1)), r.code_on(date(2001, 1, 1))
        ('HOBGOV', 'HOB')
        """
        if day is not None:
            for code, lo, hi in self.dated:
                if (lo is None or lo <= day) and (hi is None or day <= hi):
                    return code
        return self.default


def _dict_date(text: str, where: str) -> date:
    text = text.strip()
    if len(text) == 6:
        yy = int(text[:2])
        text = ("20" if yy < 30 else "19") + text
    if len(text) != 8 or not text.isdigit():
        raise DictionaryError(f"{where}: bad date {text!r} in a date restriction")
    return date(int(text[:4]), int(text[4:6]), int(text[6:]))


def _restriction(body: str, where: str) -> tuple[str | None, date | None, date | None, bool]:
    """``"HOBGOV 19950601 - 19990815"`` -> (code, lo, hi, dated)."""
    parts = body.strip().split(None, 1)
    if not parts:
        return None, None, None, False
    code = parts[0].upper()
    code_or_none = None if code in NULL_CODES else code
    if len(parts) == 1:
        return code_or_none, None, None, False
    cond = parts[1].replace(" ", "")
    if cond.startswith("<"):
        return code_or_none, None, _dict_date(cond[1:], where), True
    if cond.startswith(">"):
        return code_or_none, _dict_date(cond[1:], where), None, True
    lo, sep, hi = cond.partition("-")
    if not sep:
        raise DictionaryError(f"{where}: cannot read date restriction [{body.strip()}]")
    return code_or_none, _dict_date(lo, where), _dict_date(hi, where), True


class ActorDictionary:
    """Actor phrases (with synonyms and dated codes) from PETRARCH ``.actors`` files.

    >>> d = ActorDictionary.parse('''
    ... GOLLUM  # pas
    ... +SMEAGOL
    ... \\t[HOB < 950601]
    ... \\t[HOBGOV 19950601 - 19990815]
    ... THE_SHIRE  [FRO/BIL/SAM]
    ... BOROMIR  [---]
    ... ''')
    >>> d.match(["smeagol", "said"], 0, date(1996, 1, 1)), d.match(["the", "shire"], 0, None)
    ((1, 'HOBGOV'), (2, 'FRO/BIL/SAM'))
    >>> d.match(["boromir"], 0, None), len(d)
    ((1, None), 4)
    """

    def __init__(self) -> None:
        self.index: PhraseIndex[ActorRecord] = PhraseIndex()
        self.problems: list[str] = []
        """One line per date restriction that could not be read (the entry keeps its other
        codes)."""

    def __len__(self) -> int:
        return self.index.size

    def __contains__(self, word: str) -> bool:
        return word in self.index

    def match(self, low: list[str], i: int, day: date | None) -> tuple[int, str | None] | None:
        """``(end, code)`` of the longest actor phrase at ``low[i]``; the code is ``None`` for
        phrases marked as no actor (they still take their words)."""
        hit = self.index.match(low, i)
        if hit is None:
            return None
        end, record, _ = hit
        return end, record.code_on(day)

    @classmethod
    def parse(cls, text: str | Iterable[str], name: str = "actor dictionary") -> ActorDictionary:
        out = cls()
        out.add_lines(text.splitlines() if isinstance(text, str) else text, name)
        out.index.finish()
        return out

    def add_lines(self, lines: Iterable[str], name: str) -> None:
        phrases: list[str] = []
        codes: list[tuple[str | None, date | None, date | None, bool]] = []

        def flush() -> None:
            if phrases:
                dated = tuple((c, lo, hi) for c, lo, hi, d in codes if d)
                undated = [c for c, _, _, d in codes if not d]
                record = ActorRecord(undated[0] if undated else None, dated, bool(undated))
                if dated or undated:
                    for p in phrases:
                        words, tight = split_phrase(p)
                        self.index.add(words, tight, record)
            phrases.clear()
            codes.clear()

        def read_codes(brackets: list[str], where: str) -> None:
            for b in brackets:
                try:
                    codes.append(_restriction(b, where))
                except DictionaryError as exc:
                    self.problems.append(str(exc))

        for number, line in clean_lines(lines):
            where = f"{name}, line {number}"
            stripped = line.strip()
            brackets = re.findall(r"\[([^\]]*)\]", stripped)
            rest = re.sub(r"\[[^\]]*\]", " ", stripped).strip()
            if stripped.startswith("["):
                read_codes(brackets, where)
                continue
            if stripped.startswith("+"):
                if rest.lstrip("+").strip():
                    phrases.append(rest.lstrip("+").strip())
                read_codes(brackets, where)
                continue
            flush()
            if rest:
                phrases.append(rest)
            read_codes(brackets, where)
        flush()


# --------------------------------------------------------------------------- discards


@dataclass(frozen=True)
class Discards:
    """Phrases that discard a sentence, or (``story``) a whole document.

    >>> d = Discards.parse('''
    ... # comment
    ... YEARS AGO
    ... +Manchester United   # pas
    ... ''')
    >>> sorted(d.sentence), sorted(d.story)
    (['years ago'], ['manchester united'])
    """

    sentence: frozenset[str] = frozenset()
    story: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, text: str | Iterable[str]) -> Discards:
        lines = text.splitlines() if isinstance(text, str) else text
        sentence: set[str] = set()
        story: set[str] = set()
        for _, raw in clean_lines(lines):
            line = raw.strip()
            if line.isdigit():
                continue
            target = story if line.startswith("+") else sentence
            phrase = " ".join(re.sub(r"[^a-z0-9]+", " ", line.lstrip("+").lower()).split())
            if phrase:
                target.add(phrase)
        return cls(frozenset(sentence), frozenset(story))

    @property
    def max_words(self) -> int:
        return max((len(p.split()) for p in self.sentence | self.story), default=1)


# --------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class Dictionaries:
    """The dictionaries the coder uses; ``actors`` is optional (without it, actors come from
    Steppe's registry gazetteer only)."""

    verbs: VerbDictionary
    agents: AgentDictionary
    discards: Discards = Discards()
    actors: ActorDictionary | None = None

    @classmethod
    def from_files(
        cls,
        verbs: str | Path,
        agents: str | Path | None = None,
        discards: str | Path | None = None,
        actors: Iterable[str | Path] = (),
    ) -> Dictionaries:
        """Read named files (any names; each must exist).

        >>> Dictionaries.from_files("/no/such/verbs.txt")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        steppe.coding.dictionaries.DictionaryNotFoundError: dictionary file not found: ...
        """
        verb_path = Path(verbs)
        verb_dict = VerbDictionary.parse(
            [*_read(verb_path), *_read(SUPPLEMENT)], f"{verb_path.name} + {SUPPLEMENT.name}"
        )
        agent_dict = AgentDictionary.parse(
            [*(_read(Path(agents)) if agents else []), *_read(AGENT_SUPPLEMENT)]
        )
        discard_dict = Discards.parse(_read(Path(discards))) if discards else Discards()
        actor_paths = [Path(a) for a in actors]
        actor_dict = None
        if actor_paths:
            actor_dict = ActorDictionary()
            for p in actor_paths:
                actor_dict.add_lines(_read(p), p.name)
            actor_dict.index.finish()
        return cls(verb_dict, agent_dict, discard_dict, actor_dict)


def _candidates(folder: str | Path | None) -> list[Path]:
    if folder is not None:
        return [Path(folder)]
    found: list[Path] = []
    env = os.environ.get(ENV_VAR)
    if env:
        found.append(Path(env))
    rel = Path("..", "shared", "data", "petrarch2_dictionaries")
    found.append(Path.cwd() / rel)
    found.append(Path(__file__).resolve().parents[2] / rel)
    return found


def find_dictionaries(folder: str | Path | None = None) -> Path:
    """The folder holding the verb file, or a :class:`DictionaryNotFoundError` naming where
    it looked.

    >>> find_dictionaries("/nonexistent")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    steppe.coding.dictionaries.DictionaryNotFoundError: no PETRARCH dictionaries ...
    """
    tried = _candidates(folder)
    for path in tried:
        if (path / VERB_FILE).is_file():
            return path.resolve()
    raise DictionaryNotFoundError(
        f"no PETRARCH dictionaries ({VERB_FILE}, {AGENTS_FILE}, {DISCARDS_FILE}) in "
        + ", ".join(str(p) for p in tried)
        + f"; pass a folder or set ${ENV_VAR}"
    )


def _read(path: Path) -> list[str]:
    if not path.is_file():
        raise DictionaryNotFoundError(f"dictionary file not found: {path}")
    return path.read_text(encoding="utf-8", errors="replace").splitlines()


def actor_files(folder: Path) -> list[Path]:
    """The actor files a dictionary folder names in its ``PETR_config.ini``
    (``actorfile_list``), else the Phoenix actor files present."""
    config = folder / CONFIG_FILE
    names: list[str] = list(ACTOR_FILES)
    if config.is_file():
        parser = configparser.ConfigParser(inline_comment_prefixes=("#", ";"))
        try:
            parser.read(config, encoding="utf-8")
            listed = parser.get("Dictionaries", "actorfile_list", fallback="")
        except configparser.Error:
            listed = ""
        if listed.strip():
            names = [n.strip() for n in listed.split(",") if n.strip()]
    return [folder / n for n in names if (folder / n).is_file()]


@lru_cache(maxsize=4)
def _load(folder: Path, with_actors: bool) -> Dictionaries:
    agents_path, discards_path = folder / AGENTS_FILE, folder / DISCARDS_FILE
    return Dictionaries.from_files(
        folder / VERB_FILE,
        agents_path if agents_path.is_file() else None,
        discards_path if discards_path.is_file() else None,
        actor_files(folder) if with_actors else (),
    )


def load_dictionaries(folder: str | Path | None = None, actors: bool = False) -> Dictionaries:
    """Read (once per folder) the verb, agents and discards files found by
    :func:`find_dictionaries`; with ``actors``, also its actor files (:func:`actor_files`)."""
    return _load(find_dictionaries(folder), actors)
