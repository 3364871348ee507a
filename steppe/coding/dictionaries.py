"""Readers for the PETRARCH / CAMEO dictionary formats: the verb-pattern dictionary, the agents
file and the discards list (formats: PETRARCH2 ``docs/source/dictionaries.rst``).

Steppe ships none of these files. :func:`find_dictionaries` looks, in order, at the folder
passed in, ``$STEPPE_DICTIONARIES``, ``../shared/data/petrarch2_dictionaries`` from the working
directory and the same path beside the source checkout, and raises
:class:`DictionaryNotFoundError` naming every place it looked.

What is read (and what is not):

* Verb file: synsets (``&NAME`` then ``+MEMBER`` lines), verb blocks (``--- NAME [code] ---``)
  with verb lines (``VERB``, ``VERB {IRREGULAR FORMS}``, ``+MULTI_WORD {…}``, optional
  ``[code]`` overriding the block's) and pattern lines (``- words * words [code]``). Regular
  forms (``-s``, ``-ed``, ``-ing``) are generated for verbs without an explicit list. In a
  pattern, ``*`` is the verb, ``$`` the source, ``+`` the target, ``%`` a compound actor,
  ``^`` any word, ``&SET`` a synset member; brackets and braces only group words, and are
  dropped (words match in order, with gaps allowed). A code ``[a:b]`` keeps ``a``; ``[:b]``
  keeps ``b`` and marks the pattern *passive* (source and target swap); ``---`` means "no
  event".
* Agents file: ``!MACRO! = A, B`` substitutions, ``WORDS_JOINED [~CODE]`` entries (the code
  without ``~``; the first three letters are the primary agent), plurals by ``-s`` unless the
  entry ends in ``_``.
* Discards file: one phrase a line; a leading ``+`` marks a story-level discard.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from steppe.domain.errors import SteppeError

ENV_VAR = "STEPPE_DICTIONARIES"
VERB_FILE = "CAMEO.2.0.txt"
AGENTS_FILE = "Phoenix.agents.txt"
DISCARDS_FILE = "Phoenix.discards.txt"
SLOTS = frozenset({"*", "$", "+", "%", "^"})


class DictionaryNotFoundError(SteppeError, FileNotFoundError):
    """No folder with the PETRARCH dictionaries was found."""


def _strip_comment(line: str) -> str:
    line = re.sub(r"<!--.*?-->", "", line)
    return line.split("#", 1)[0].strip()


def _word(text: str) -> str:
    """Dictionary spelling -> the lower-case, space-separated form Steppe matches on."""
    return " ".join(text.replace("_", " ").lower().split())


def regular_forms(verb: str) -> tuple[str, ...]:
    """The base form and regular inflections of a verb (first word only if multi-word).

    >>> regular_forms("sign")
    ('sign', 'signs', 'signed', 'signing')
    >>> regular_forms("meet with")
    ('meet with', 'meets with', 'meeted with', 'meeting with')
    >>> regular_forms("criticize")[1:]
    ('criticizes', 'criticized', 'criticizing')
    """
    head, _, rest = verb.partition(" ")
    tail = f" {rest}" if rest else ""
    if head.endswith("e"):
        stem = head[:-1]
        forms = [head, head + "s", stem + "ed", stem + "ing"]
    elif head.endswith(("s", "x", "z", "ch", "sh")):
        forms = [head, head + "es", head + "ed", head + "ing"]
    elif head.endswith("y") and len(head) > 1 and head[-2] not in "aeiou":
        forms = [head, head[:-1] + "ies", head[:-1] + "ied", head + "ing"]
    else:
        forms = [head, head + "s", head + "ed", head + "ing"]
    return tuple(f + tail for f in forms)


def _parse_code(text: str) -> tuple[str | None, bool]:
    """``"057:057"`` -> ("057", False); ``":020"`` -> ("020", True); ``"---"`` -> (None, False)."""
    first, _, second = text.strip().partition(":")
    first, second = first.strip(), second.strip()
    if first and first != "---":
        return first, False
    if not first and second and second != "---":
        return second, True
    return None, False


@dataclass(frozen=True)
class VerbPattern:
    """One ``- … * … [code]`` line: elements before and after the verb."""

    before: tuple[str, ...]
    after: tuple[str, ...]
    code: str | None
    passive: bool = False
    text: str = ""

    @property
    def specificity(self) -> int:
        """How many words (not slots) the pattern needs."""
        return sum(1 for e in self.before + self.after if e not in SLOTS)


@dataclass(frozen=True)
class VerbEntry:
    """A verb form found in the dictionary: its block, lemma and default code."""

    form: str
    lemma: str
    block: str
    code: str | None


@dataclass(frozen=True)
class VerbDictionary:
    """Verb forms -> entries, blocks -> patterns, synsets -> members.

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
    >>> v.lookup("met"), v.lookup("signed").code, v.lookup("meet with").block
    (VerbEntry(form='met', lemma='meet', block='MEET', code='040'), None, 'MEET')
    >>> v.patterns["SIGN"][0].after, v.patterns["SIGN"][0].code
    (('&treaty',), '057')
    >>> sorted(v.synsets["&treaty"])
    ['agreement', 'pact']
    """

    forms: dict[str, VerbEntry] = field(default_factory=dict)
    patterns: dict[str, tuple[VerbPattern, ...]] = field(default_factory=dict)
    synsets: dict[str, frozenset[str]] = field(default_factory=dict)

    def lookup(self, form: str) -> VerbEntry | None:
        return self.forms.get(form)

    @property
    def max_words(self) -> int:
        return max((len(f.split()) for f in self.forms), default=1)

    @classmethod
    def parse(cls, text: str | Iterable[str]) -> VerbDictionary:
        lines = text.splitlines() if isinstance(text, str) else text
        forms: dict[str, VerbEntry] = {}
        patterns: dict[str, list[VerbPattern]] = {}
        synsets: dict[str, set[str]] = {}
        block: str | None = None
        block_code: str | None = None
        synset: str | None = None
        for raw in lines:
            line = _strip_comment(raw)
            if not line:
                continue
            head = re.match(r"^---\s*(\S+)\s*\[([^\]]*)\]\s*---", line)
            if head:
                block, synset = head[1], None
                block_code = _parse_code(head[2])[0]
                patterns.setdefault(block, [])
                continue
            if line.startswith("&") and block is None:
                synset = _word(line.split()[0])
                synsets.setdefault(synset, set())
                continue
            if synset is not None and block is None:
                if line.startswith("+"):
                    synsets[synset].add(_word(line[1:].rstrip("_")))
                continue
            if block is None:
                continue
            if line.startswith("-"):
                patterns[block].append(_parse_pattern(line[1:]))
                continue
            _add_verb(forms, line, block, block_code)
        return cls(
            forms,
            {k: tuple(v) for k, v in patterns.items()},
            {k: frozenset(v) for k, v in synsets.items()},
        )


def _add_verb(forms: dict[str, VerbEntry], line: str, block: str, block_code: str | None) -> None:
    code = block_code
    own = re.search(r"\[([^\]]*)\]", line)
    if own:
        code = _parse_code(own[1])[0]
        line = line[: own.start()] + line[own.end() :]
    irregular = re.search(r"\{([^}]*)\}", line)
    base = line[: irregular.start()] if irregular else line
    lemma = _word(base.strip().lstrip("+"))
    if not lemma:
        return
    if irregular:
        variants = (lemma, *(_word(w.lstrip("+")) for w in irregular[1].split()))
    else:
        variants = regular_forms(lemma)
    for form in variants:
        if form and form not in forms:
            forms[form] = VerbEntry(form, lemma, block, code)


def _parse_pattern(text: str) -> VerbPattern:
    code_match = re.search(r"\[([^\]]*)\]", text)
    code, passive = _parse_code(code_match[1]) if code_match else (None, False)
    body = text[: code_match.start()] if code_match else text
    body = re.sub(r"[(){}|]", " ", body)
    elements = [_word(e) if e not in SLOTS else e for e in body.split()]
    elements = [e for e in elements if e]
    if "*" in elements:
        i = elements.index("*")
        before, after = tuple(elements[:i]), tuple(elements[i + 1 :])
    else:
        before, after = (), tuple(elements)
    return VerbPattern(before, after, code, passive, " ".join(body.split()))


@dataclass(frozen=True)
class AgentDictionary:
    """Agent nouns (lower case, space-separated) -> agent codes.

    >>> a = AgentDictionary.parse('''
    ... !MINIST! = MINISTER, MINISTRY
    ... FOREIGN_!MINIST! [~GOV]
    ... ARMY [~MIL]
    ... MINISTRY_  [~GOV]
    ... ''')
    >>> a.lookup("foreign ministry"), a.lookup("armies"), a.lookup("ministries")
    ('GOV', 'MIL', None)
    """

    agents: dict[str, str] = field(default_factory=dict)

    def lookup(self, phrase: str) -> str | None:
        """The primary (three-letter) agent code of a phrase, if it is an agent."""
        code = self.agents.get(phrase)
        return code[:3] if code else None

    @property
    def max_words(self) -> int:
        return max((len(k.split()) for k in self.agents), default=1)

    @classmethod
    def parse(cls, text: str | Iterable[str]) -> AgentDictionary:
        lines = text.splitlines() if isinstance(text, str) else text
        macros: dict[str, list[str]] = {}
        agents: dict[str, str] = {}
        for raw in lines:
            line = _strip_comment(raw)
            if not line:
                continue
            macro = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
            if macro:
                macros[macro[1]] = [w.strip() for w in macro[2].split(",") if w.strip()]
                continue
            entry = re.match(r"^(.+?)\s*(?:\{[^}]*\})?\s*\[([^\]]*)\]", line)
            if not entry:
                continue
            code = entry[2].replace("~", "").strip()
            if not code:
                continue
            names = [entry[1].strip()]
            for key, values in macros.items():
                if any(key in n for n in names):
                    names = [n.replace(key, v) for n in names for v in values]
            for name in names:
                exact = name.endswith("_")
                phrase = _word(name)
                if not phrase:
                    continue
                agents.setdefault(phrase, code)
                if not exact:
                    agents.setdefault(_plural(phrase), code)
        return cls(agents)


def _plural(phrase: str) -> str:
    if phrase.endswith("y") and len(phrase) > 1 and phrase[-2] not in "aeiou":
        return phrase[:-1] + "ies"
    if phrase.endswith(("s", "x", "ch", "sh")):
        return phrase + "es"
    return phrase + "s"


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
        for raw in lines:
            line = _strip_comment(raw)
            if not line or line.isdigit():
                continue
            target = story if line.startswith("+") else sentence
            phrase = " ".join(re.sub(r"[^a-z0-9]+", " ", line.lstrip("+").lower()).split())
            if phrase:
                target.add(phrase)
        return cls(frozenset(sentence), frozenset(story))

    @property
    def max_words(self) -> int:
        return max((len(p.split()) for p in self.sentence | self.story), default=1)


@dataclass(frozen=True)
class Dictionaries:
    """The three dictionaries the coder uses."""

    verbs: VerbDictionary
    agents: AgentDictionary
    discards: Discards = Discards()


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
    return path.read_text(encoding="utf-8", errors="replace").splitlines()


@lru_cache(maxsize=4)
def _load(folder: Path) -> Dictionaries:
    verbs = VerbDictionary.parse(_read(folder / VERB_FILE))
    agents_path, discards_path = folder / AGENTS_FILE, folder / DISCARDS_FILE
    agents = AgentDictionary.parse(_read(agents_path)) if agents_path.is_file() else None
    discards = Discards.parse(_read(discards_path)) if discards_path.is_file() else Discards()
    return Dictionaries(verbs, agents or AgentDictionary(), discards)


def load_dictionaries(folder: str | Path | None = None) -> Dictionaries:
    """Read (once per folder) the verb, agents and discards files found by
    :func:`find_dictionaries`."""
    return _load(find_dictionaries(folder))
