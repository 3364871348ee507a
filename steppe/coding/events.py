"""Event classification (verbs and their CAMEO patterns) and role assignment.

:class:`EventClassifier` finds verbs through the verb dictionary's forms (longest multi-word
form first, outside actor phrases; with Penn Treebank tags, only words tagged ``VB*``; without,
words after a determiner, possessive or adjectives are taken for nouns). Around each verb it
matches the patterns of the verb's blocks inside the clause, working outwards from the verb:
words before ``*`` leftwards, words after it rightwards; a blank allows other words between
two elements, ``_`` does not; ``$``/``+``/``%`` bind the actor phrase found there; ``^`` skips
one word. Of the patterns that match, the one with most words wins (file order breaks ties);
else the verb's own code applies. A code ``[a:b]`` gives two events, ``a`` forwards and ``b``
backwards. An infinitive ("... to restore") governed by an earlier coded verb of the same
clause is not coded again.

:class:`RoleAssigner` fills source and target: the pattern's ``$`` and ``+`` when bound; else
the subject (the nearest actor phrase before the verb in its clause that is not the object of
a preposition; none when a pronoun is the subject; the previous verb's subject for "... and
promised") and the object (the first actor phrase after the verb, before the next comma). A
passive verb with a "by" phrase takes its source from it. Compounds give one event per pair of
members, ``%`` one per ordered pair inside the compound. Codes come with PLOVER category, quad
class and Goldstein weight from :func:`~steppe.registry.load_event_codes`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from steppe.coding.actors import (
    DETERMINERS,
    FORUM,
    PREPOSITIONS,
    forum_members,
    is_modifier,
    preposition_before,
)
from steppe.coding.appraisal import appraisals
from steppe.coding.dictionaries import (
    Dictionaries,
    PatternElement,
    VerbEntry,
    VerbPattern,
    regular_forms,
)
from steppe.coding.model import Batch, CodedEvent, CoderOptions, Mention, Sentence, evolve
from steppe.coding.nominal import IMPROVING, commitments, nominal_acts
from steppe.domain.models import EventCode
from steppe.registry import load_event_codes

TALKS = frozenset({
    "talks", "talk", "negotiations", "mediation", "consultations", "meeting", "meetings",
    "visit", "discussions", "dialogue",
})  # fmt: skip
MEETING_EVENTS = TALKS | frozenset({
    "summit", "conference", "negotiation", "conversation", "consultation", "videoconference",
})  # fmt: skip
"""Nouns that name a meeting ("the meeting of A with B was held", "talks … took place")."""
FORUM_EVENTS = MEETING_EVENTS | frozenset({"session", "sessions", "assembly", "forum", "summits"})
"""Nouns that name an organisation's gathering ("took part in the session of the EAEU")."""
ADJECTIVE_ENDINGS = ("al", "ic", "ive", "ous", "ign", "ern", "ary", "ful", "armed", "allied")
"""Endings of adjectives: a third-person "-s" verb form right after one is a plural noun."""
NOUN_ADJECTIVE_ENDINGS = ("ian", "ical", "cial", "ary", "nomic")
"""Endings of the adjectives of aid and support ("humanitarian", "political", "financial",
"military", "economic"): a bare verb form right after one is their noun ("humanitarian aid")."""
COMPOUND_HEADS = frozenset({"agreement", "agreements", "zone", "zones", "area", "areas", "deal"})
"""Nouns that a bare verb form right before them modifies ("free trade agreements", "a free
trade zone", "transit agreement"): the form is a noun of the compound, not the clause's verb."""
CLAUSE_BREAKS = frozenset({";", ":", "but", "whereas", "although", "though"})
CONCESSIVE = frozenset({"despite", "notwithstanding", "regardless"})
"""Words after which a phrase is the circumstance a verb acts in spite of, not its object."""
NOUN_MARKERS = frozenset(
    DETERMINERS
    | {"a", "an", "'s", "first", "new", "of", "no", "former"}
    | {"any", "every", "each", "another", "my", "your"}
)
"""A word right after one of these is taken for a noun, not a verb ("the meeting", "in any
conflict", "my visit")."""
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "who", "which"})
ANAPHORS = frozenset({"it", "they"})
APPOSITION_MARKS = frozenset({"–", "—", ")"})
"""Dashes and a closing parenthesis that end an apposition right before a verb."""
RELATIVES = frozenset({"which", "who"})
RELATIVE_WORDS = frozenset({"that", "which", "who", "whom", "whose", "where"})
RELATIVE_SUBJECTS = frozenset({"that", "which", "who"})
"""Words that open a relative clause: an actor after a comma and one of them is in the
clause, not the object of the verb before the comma."""
"""Relative pronouns after a comma: the subject is the phrase the comma closes ("China and
Russia, which have provided vaccines")."""
"""Subject pronouns taken to mean the sentence's earlier subject ("Ethiopia indicated it would
act"); other pronouns leave the source unknown."""
AUXILIARIES = frozenset({
    "has", "have", "had", "having", "will", "would", "shall", "should", "may", "might", "can",
    "could", "must", "do", "does", "did", "is", "are", "was", "were", "be", "been", "being",
    "am", "not", "n't", "also", "then", "still", "already", "just", "reportedly", "again",
    "later", "now", "ever", "never", "even", "only", "soon", "once", "further", "always",
    "often", "sometimes", "therefore", "thus", "hence", "together"
})  # fmt: skip
BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "being", "am"})
SAME_PARTICIPLE = frozenset({
    "put", "cut", "set", "hit", "beat", "spread", "shut", "cast", "let", "bid", "hurt", "quit",
    "read", "split", "burst", "cost", "broadcast", "forecast", "upset", "thrust", "come",
    "become", "run", "overrun", "shed", "rid",
})  # fmt: skip
"""Verbs whose past participle is their base form: after "is"/"was" they are a passive ("was
hit by"), not an adjective."""
HEARSAY = frozenset({
    "said", "reported", "believed", "thought", "alleged", "rumoured", "rumored", "claimed",
    "understood", "presumed",
})  # fmt: skip
"""Participles of "is said to have shelled": the writer passes on a claim about the act."""


def hearsay(low: list[str], i: int) -> bool:
    """Is the word at ``i`` the participle of a hearsay passive ("troops are said to have
    shelled", "was reported to have detained")? It is no act of its own; the infinitive is the
    act, reported (the annotation guide, section 4: *reported* for "is said to").

    >>> hearsay("troops are said to have shelled the post".split(), 2)
    True
    >>> hearsay("he said to the minister".split(), 1)
    False
    """
    return (
        0 < i < len(low) - 1 and low[i] in HEARSAY and low[i - 1] in BE_FORMS and low[i + 1] == "to"
    )


FIRST_PERSON_WORDS = frozenset({"i", "we"})
DEMONYM_ENDINGS = ("ian", "ean", "can", "ghan", "ani", "ese", "ish", "kh", "ek", "ik", "yz", "men")
"""Endings of demonyms used as adjectives ("Armenian", "European", "American", "Afghan",
"Azerbaijani", "Chinese", "Turkish", "Kazakh", "Uzbek", "Tajik", "Kyrgyz", "Turkmen") and of no
state's name ("Kazakhstan", "Japan" and "Iran" end otherwise)."""
PLURAL_DEMONYM_ENDINGS = tuple(e + "s" for e in DEMONYM_ENDINGS)
"""Endings of plural demonyms ("Russians", "Afghans", "Uzbeks", "Kazakhs"), which take a
verb's base form ("the Russians support ...")."""
GOING_ON = frozenset({"continue", "start", "begin", "resume", "keep"})
"""Verbs whose "-ing" complement is the act that goes on ("continued shelling the territory");
not after "to", where the act is what an appeal or intent asks to go on."""
FLOATING_QUANTIFIERS = frozenset({"both", "all", "each"})
"""After their subject they precede its verb: "Kazakhstan and Uzbekistan both signed"."""
DEGREE_WORDS = frozenset({"very", "too", "so", "more", "most", "less", "least", "quite"})
TEMPORAL = frozenset({
    "today", "yesterday", "tomorrow", "tonight", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "week", "weekend", "month", "year", "morning", "evening",
    "night", "earlier", "later", "recently", "now", "then", "days", "weeks", "months", "years",
    "hours"
})  # fmt: skip
MONTHS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december"
})  # fmt: skip
BEFORE, AFTER = 8, 12
MULTILATERAL = 3
"""Participants from which a meeting is multilateral."""
VERBAL_QUAD_CLASSES = frozenset({1, 3})
"""Verbal cooperation and conflict: statements, appeals, accusations need someone who makes
them, so a passive whose "by" names no actor ("is being challenged by shifting loyalties") or
a progressive passive without one ("is being questioned") frames a situation and is no event;
material acts keep an unknown source ("were killed by a roadside bomb")."""
SUBORDINATORS = frozenset({"after", "before", "since", "until", "as", "because", "when", "if"})
"""Words that may open a clause: the phrase after them can be a subject."""
_CODE = re.compile(r"\d{2,4}[A-Za-z]?")


def clause(tokens: tuple[str, ...] | list[str], i: int) -> tuple[int, int]:
    """Token bounds of the clause around position ``i`` (split at ``;``, ``:``, "but",
    "although" …)."""
    if _ANY_CASE_BREAKS.isdisjoint(tokens):
        return 0, len(tokens)  # most sentences have no break: one scan in C
    lo = i
    while lo > 0 and tokens[lo - 1] not in _ANY_CASE_BREAKS:
        lo -= 1
    hi = i
    n = len(tokens)
    while hi < n and tokens[hi] not in _ANY_CASE_BREAKS:
        hi += 1
    return lo, hi


_ANY_CASE_BREAKS = (
    CLAUSE_BREAKS | {w.capitalize() for w in CLAUSE_BREAKS} | {w.upper() for w in CLAUSE_BREAKS}
)


INTENT_LEMMAS = {
    "agree": "intend",
    "promise": "intend",
    "pledge": "intend",
    "offer": "intend",
    "vow": "intend",
    "commit": "intend",
    "decide": "intend",
    "plan": "intend",
    "intend": "intend",
    "willing": "intend",
    "ready": "intend",
    "prepared": "intend",
    "refuse": "reject",
    "decline": "reject",
    "threaten": "threaten",
    "want": "desire",
    "wish": "desire",
    "seek": "desire",
}
"""Verbs (and adjectives) that turn the infinitive after them into an intent, a rejection or
a threat (CAMEO 03, 12 and 13: "agreed to meet" is 036, "refused to meet" 125). A desire
("wants to", "seeks to") is an intent to cooperate (PLOVER AGREE: "indicate willingness or
commitment to cooperate") only when the infinitive is cooperation; wanting to comment or to
harm, wanting something ("wants control over Ukraine") or wanting an act the dictionaries do
not code is no event."""
DESIRE_OBJECTLESS = frozenset({"want", "wish"})
"""Desire verbs that code nothing without an infinitive (CAMEO.2.0.txt gives WANT 030)."""
INTENT_ADJECTIVES = frozenset({"willing", "ready", "prepared"})
_COOPERATE = {"01": "030", "02": "030", "04": "036", "05": "032", "06": "031", "07": "033",
              "08": "035", "09": "030"}  # fmt: skip
_REJECT = {"03": "120", "04": "125", "05": "127", "06": "121", "07": "122", "08": "124"}
_THREATEN = {"14": "133", "15": "138", "16": "131", "17": "132", "18": "138", "19": "138",
             "20": "138"}  # fmt: skip


INTENT_FORMS = {
    form: lemma
    for lemma in INTENT_LEMMAS
    for form in (
        (lemma,)
        if lemma in INTENT_ADJECTIVES
        else (*regular_forms(lemma), lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing")
    )
}


def _intent_kind(lemma: str) -> str | None:
    return INTENT_LEMMAS.get(lemma)


def intent_code(kind: str, inner: str | None, own: str | None) -> str:
    """The code of "<intent verb> to <inner event>" (``inner`` ``None`` when the infinitive
    codes nothing; ``own`` is the intent verb's own code).

    >>> intent_code("intend", "036", "050"), intent_code("intend", "061", None)
    ('036', '031')
    >>> intent_code("reject", "057", None), intent_code("intend", "190", None)
    ('127', '138')
    >>> intent_code("intend", None, "050"), intent_code("threaten", None, "138")
    ('030', '138')
    """
    if inner is None:
        if kind == "threaten" and own:
            return own
        return {"intend": "030", "reject": "120", "threaten": "130"}[kind]
    root = inner[:2]
    if kind == "reject":
        return _REJECT.get(root, "120")
    if kind == "threaten" or root in _THREATEN:
        return _THREATEN.get(root, "130")
    if root == "03":
        return inner
    return _COOPERATE.get(root, "130")


FUTURE_MARKERS = frozenset({"will", "would", "shall", "'ll"})
VERB_NEGATIONS = frozenset({"not", "n't", "never", "no", "cannot"})


def verb_chain(tokens: tuple[str, ...] | list[str], i: int) -> tuple[str, ...]:
    """The auxiliaries, negations and adverbs right before the verb at ``i``, nearest first,
    stopping at any other word ("will not soon withdraw" -> ``('soon', 'not', 'will')``).

    >>> verb_chain("Arnor said it will not send troops".split(), 5)
    ('not', 'will')
    >>> verb_chain("Arnor is going to send troops".split(), 4)
    ('to', 'going', 'is')
    """
    out: list[str] = []
    k = i - 1
    while k >= 0 and len(out) < 5:
        w = tokens[k].lower()
        # "not only buys … but also": a coordination, not a negation
        coordination = w == "not" and k + 1 < i and tokens[k + 1].lower() == "only"
        if coordination:
            k -= 1
            continue
        if w in AUXILIARIES or w in FUTURE_MARKERS or w in VERB_NEGATIONS or w.endswith("ly"):
            out.append(w)
        elif w == "to" and k > 0 and tokens[k - 1].lower() == "going":
            out += ["to", "going"]
            k -= 1
        else:
            break
        k -= 1
    return tuple(out)


BE_FORMS = frozenset({"is", "are", "am", "was", "were", "be", "been", "not"})


def _going_to_future(
    tokens: tuple[str, ...] | list[str], low: list[str], i: int, end: int, in_mention: set[int]
) -> bool:
    """Is "going to" at ``i`` the future auxiliary ("Tajikistan is going to join the EAEU"),
    followed by a verb, rather than travel ("is going to Moscow", "going to the summit")?"""
    if low[i:end] != ["going", "to"] or i == 0 or low[i - 1] not in BE_FORMS:
        return False
    if end >= len(low) or end in in_mention:
        return False
    nxt = tokens[end]
    return nxt[:1].islower() and nxt.isalpha() and nxt.lower() not in DETERMINERS


def is_future(tokens: tuple[str, ...] | list[str], i: int) -> bool:
    """Is the verb at ``i`` in the future tense or the future-in-the-past ("will give", "would
    blockade", "is going to send")?

    >>> is_future("Arnor will not give aid".split(), 3), is_future("Arnor gave aid".split(), 1)
    (True, False)
    """
    chain = verb_chain(tokens, i)
    return any(w in FUTURE_MARKERS for w in chain) or "going" in chain


def is_negated(tokens: tuple[str, ...] | list[str], i: int) -> bool:
    """Is the verb at ``i`` negated by its own auxiliaries ("did not attend", "will never
    accept")?

    >>> is_negated("Arnor will never accept refugees".split(), 3)
    True
    >>> is_negated("Arnor denied it would send troops".split(), 4)
    False
    """
    return any(w in VERB_NEGATIONS for w in verb_chain(tokens, i))


def _is_year(token: str) -> bool:
    return len(token) == 4 and token.isdigit() and token[:2] in ("19", "20")


_OBJECT_OPENERS = frozenset({"its", "our", "their", "his", "her", "the", "a", "an", "this", "that"})


def _shows_something(low: list[str], k: int) -> bool:
    """Does a direct object or a "that" clause follow DEMONSTRATE (ending at ``k``), past
    adverbs ("has demonstrated once again that …", "demonstrated our stance")? Then it shows
    something; only without one ("demonstrated in front of the embassy") is it a protest.

    >>> _shows_something("has demonstrated once again that".split(), 2)
    True
    >>> _shows_something("demonstrated in front of the embassy".split(), 1)
    False
    """
    while k < len(low) and (low[k] in ("once", "again", "also", "clearly") or _adverb(low[k])):
        k += 1
    return k < len(low) and low[k] in _OBJECT_OPENERS


def _window(low: list[str], f: _Found, lo: int, hi: int) -> tuple[int, int]:
    """Where a verb's pattern may look: within its clause, at most :data:`BEFORE` words
    before and :data:`AFTER` after it, not across a comma or a concessive word."""
    plo = max(lo, f.start - BEFORE)
    for k in range(f.start - 1, plo - 1, -1):
        if low[k] == ",":
            plo = k + 1
            break
    phi = min(hi, f.end + AFTER)
    for k in range(f.end, phi):
        if low[k] == "," or low[k] in CONCESSIVE:
            phi = k  # nor past "despite": "supported Minsk despite the sanctions"
            break
    return plo, phi


@lru_cache(maxsize=1)
def _code_table() -> dict[str, EventCode]:
    return {c.code: c for c in load_event_codes()}


def code_fields(codes: dict[str, EventCode], cameo: str) -> dict[str, Any]:
    """An event's CAMEO code with the PLOVER category, quad class and Goldstein weight of the
    code (or of its nearest listed parent in ``codes``)."""
    info = next((codes[k] for k in (cameo, cameo[:3], cameo[:2]) if k in codes), None)
    return {
        "cameo": cameo,
        "plover": info.plover if info else None,
        "quad_class": info.quad_class if info else None,
        "goldstein": info.goldstein if info else 0.0,
    }


def _fields(cameo: str) -> dict[str, Any]:
    return code_fields(_code_table(), cameo)


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    entry: VerbEntry


NAME_WORDS = frozenset({"cooperation", "security", "treaty", "economic"})
"""Words of organisations' names that verb patterns use as what is done or signed ("Shanghai
Cooperation Organisation", "Security Council", "Collective Security Treaty Organization",
"Eurasian Economic Union")."""


def _name_words(s: Sentence) -> frozenset[int]:
    """Positions of the :data:`NAME_WORDS` capitalised within a named actor of two or more
    words: a word of a name is no pattern word ("enhancing the efforts of the Shanghai
    Cooperation Organisation" enhances no cooperation, "we need a Security Council that is
    more representative" appeals for no security). Agent words ("the Ambassador of
    Tajikistan") and the names patterns spell out ("the General Assembly") stay matchable.

    >>> from datetime import date
    >>> t = ("We", "support", "the", "Shanghai", "Cooperation", "Organisation")
    >>> sco = Mention(3, 6, "SCO", "Shanghai Cooperation Organisation")
    >>> sorted(_name_words(Sentence("d", 0, " ".join(t), date(2024, 1, 1), t, (sco,))))
    [4]
    """
    return frozenset(
        p
        for m in s.mentions
        if m.code and m.end - m.start >= 2
        for p in range(m.start, m.end)
        if s.tokens[p][:1].isupper() and s.tokens[p].lower() in NAME_WORDS
    )


def _by_last_word(
    synsets: dict[str, dict[str, list[tuple[str, ...]]]],
) -> dict[str, dict[str, list[tuple[str, ...]]]]:
    """Synset phrases indexed by their last word, in the order of ``synsets``' phrases."""
    out: dict[str, dict[str, list[tuple[str, ...]]]] = {}
    for name, by_first in synsets.items():
        by_last: dict[str, list[tuple[str, ...]]] = {}
        for phrases in by_first.values():
            for words in phrases:
                by_last.setdefault(words[-1], []).append(words)
        out[name] = by_last
    return out


class _Matcher:
    """Pattern matching against one sentence (lower-cased tokens, mention positions)."""

    def __init__(
        self,
        low: list[str],
        mention_at: dict[int, int],
        mentions: tuple[Mention, ...],
        synsets: dict[str, dict[str, list[tuple[str, ...]]]],
        verbs: frozenset[int] = frozenset(),
        synsets_by_last: dict[str, dict[str, list[tuple[str, ...]]]] | None = None,
        names: frozenset[int] = frozenset(),
    ) -> None:
        self.low = low
        self.names = names
        self.mention_at = mention_at
        self.mentions = mentions
        self.synsets = synsets
        self.verbs = verbs
        self.synsets_by_last = (
            synsets_by_last if synsets_by_last is not None else _by_last_word(synsets)
        )

    def _in_name(self, q: int) -> bool:
        """Is token ``q`` inside a multi-word actor name ("the Collective Security Treaty
        Organization", "the Shanghai Cooperation Organisation")? Its words are no pattern
        words ("call for &SECURITY", "need COOPERATION"); an agent's noun ("summoned the Kyrgyz
        ambassador") is one."""
        m = self.mention_at.get(q)
        if m is None:
            return False
        name = self.mentions[m]
        return bool(name.code) and not name.agent and name.end - name.start > 1

    def _word(self, e: PatternElement, q: int, last: bool) -> bool:
        """A literal word matches, except a preposition opening a date ("on Tuesday") and a
        pattern-final "to" that marks an infinitive ("efforts to improve")."""
        low = self.low
        if low[q] != e.value or q in self.names:
            return False
        nxt = low[q + 1] if q + 1 < len(low) else ""
        if e.value in PREPOSITIONS and (nxt in TEMPORAL or nxt in MONTHS or _is_year(nxt)):
            return False
        return not (last and e.value == "to" and q + 1 in self.verbs)

    def _forward(
        self, els: tuple[PatternElement, ...], k: int, p: int, hi: int, slots: dict[str, int]
    ) -> dict[str, int] | None:
        if k == len(els):
            return slots
        e = els[k]
        if e.kind == "slot" and e.value == "^":
            return self._forward(els, k + 1, p + 1, hi, slots) if p < hi else None
        last = p if e.tight else hi - 1
        low = self.low
        span = range(p, min(last, hi - 1) + 1)
        # only the positions where the element can start (a scan in C, not a call each)
        if e.kind == "word":
            places = [q for q in span if low[q] == e.value and not self._in_name(q)]
        elif e.kind == "synset":
            starts = self.synsets.get(e.value, {})
            places = [
                q for q in span if low[q] in starts and q not in self.names and not self._in_name(q)
            ]
        else:
            places = [q for q in span if q in self.mention_at]
            if k > 0 and els[k - 1].kind == "word" and els[k - 1].value in SLOT_PREPOSITIONS:
                # "working with like-minded allies in the United Nations": the slot is what
                # the preposition governs, not a place named after another preposition
                places = [q for q in places if not LOCATIVES.intersection(low[p:q])]
        for q in places:
            for end, bound in self._at(e, q, hi, k == len(els) - 1):
                found = self._forward(els, k + 1, end, hi, {**slots, **bound})
                if found is not None:
                    return found
        return None

    def _backward(
        self, els: tuple[PatternElement, ...], k: int, p: int, lo: int, slots: dict[str, int]
    ) -> dict[str, int] | None:
        if k < 0:
            return slots
        e = els[k]
        if e.kind == "slot" and e.value == "^":
            return self._backward(els, k - 1, p - 1, lo, slots) if p >= lo else None
        first = p if e.tight else lo
        for q in range(p, max(first, lo) - 1, -1):
            for start, bound in self._ending_at(e, q, lo):
                found = self._backward(els, k - 1, start - 1, lo, {**slots, **bound})
                if found is not None:
                    return found
        return None

    def _at(
        self, e: PatternElement, q: int, hi: int, last: bool = False
    ) -> list[tuple[int, dict[str, int]]]:
        """Matches of ``e`` starting at token ``q``: (next position, slots bound)."""
        low = self.low
        if e.kind == "word":
            return [(q + 1, {})] if self._word(e, q, last) else []
        if e.kind == "synset":
            return [
                (q + len(words), {})
                for words in self.synsets.get(e.value, {}).get(low[q], ())
                if tuple(low[q : q + len(words)]) == words and q + len(words) <= hi
            ]
        m = self.mention_at.get(q)
        if m is None:
            return []
        return [(self.mentions[m].end, {e.value: m})]

    def _ending_at(self, e: PatternElement, q: int, lo: int) -> list[tuple[int, dict[str, int]]]:
        """Matches of ``e`` ending at token ``q``: (first position, slots bound)."""
        low = self.low
        if e.kind == "word":
            return [(q, {})] if self._word(e, q, False) else []
        if e.kind == "synset":
            out: list[tuple[int, dict[str, int]]] = []
            for words in self.synsets_by_last.get(e.value, {}).get(low[q], ()):
                n = len(words)
                if q in self.names:
                    break
                if q - n + 1 >= lo and tuple(low[q - n + 1 : q + 1]) == words:
                    out.append((q - n + 1, {}))
            return out
        m = self.mention_at.get(q)
        if m is None:
            return []
        return [(max(self.mentions[m].start, lo), {e.value: m})]

    def match(
        self, pat: VerbPattern, start: int, end: int, lo: int, hi: int
    ) -> dict[str, int] | None:
        left = self._backward(pat.before, len(pat.before) - 1, start - 1, lo, {})
        if left is None:
            return None
        return self._forward(pat.after, 0, end, hi, left)


_PatternIndex = tuple[list[tuple[int, VerbPattern]], dict[str, list[tuple[int, VerbPattern]]]]


def _index_patterns(ranked: tuple[VerbPattern, ...]) -> _PatternIndex:
    """Ranked patterns by one word each needs (its longest, usually its rarest), with their
    rank: only the patterns whose word is in a sentence are tried there, in rank order; those
    that need no word are always tried."""
    always: list[tuple[int, VerbPattern]] = []
    by_word: dict[str, list[tuple[int, VerbPattern]]] = {}
    for rank, pat in enumerate(ranked):
        if pat.needs:
            key = max(sorted(pat.needs), key=len)
            by_word.setdefault(key, []).append((rank, pat))
        else:
            always.append((rank, pat))
    return always, by_word


class EventClassifier:
    """Find coded verbs and match their patterns (see the module docstring)."""

    def __init__(self, dictionaries: Dictionaries, codes: dict[str, EventCode] | None = None):
        self.verbs = dictionaries.verbs
        self.codes = codes if codes is not None else _code_table()
        self.max_words = self.verbs.max_words
        self._first_words = {f.split()[0] for f in self.verbs.forms}
        self._ranked_cache: dict[tuple[str, ...], tuple[VerbPattern, ...]] = {}
        self._pattern_index: dict[tuple[str, ...], _PatternIndex] = {}
        self._verb_span: dict[str, int] = {}
        """First word -> the most words of a verb form that starts with it."""
        for form in self.verbs.forms:
            first, *rest = form.split()
            self._verb_span[first] = max(self._verb_span.get(first, 0), 1 + len(rest))
        self._synsets: dict[str, dict[str, list[tuple[str, ...]]]] = {}
        for name, members in self.verbs.synsets.items():
            by_first: dict[str, list[tuple[str, ...]]] = {}
            for phrase in sorted(members, key=lambda p: (-len(p.split()), p)):
                words = tuple(phrase.split())
                by_first.setdefault(words[0], []).append(words)
            self._synsets[name] = by_first
        self._synsets_by_last = _by_last_word(self._synsets)

    def _code_fields(self, cameo: str) -> dict[str, Any]:
        return code_fields(self.codes, cameo)

    def _is_noun(self, s: Sentence, low: list[str], i: int, in_mention: set[int]) -> bool:
        """Without tags: is the dictionary verb form at ``i`` used as a noun or adjective
        ("the meeting", "a brief private visit", "very close")?"""
        base = low[i] == getattr(self.verbs.lookup(low[i]), "lemma", None)
        if i > 0 and s.tokens[i][:1].isupper():
            return True
        if low[i] == "issue" and (i == 0 or low[i - 1] not in BEFORE_BARE_VERB):
            return True  # "the Cyprus issue emerged", "the Iranian nuclear issue": the noun
        if i + 1 < len(low) and low[i + 1] == "of" and base and low[i] not in BASE_VERBS_OF:
            return True  # "the implementation and return of displaced persons": a noun
        if (
            i > 1
            and s.tokens[i - 1][:1].isupper()
            and s.tokens[i - 2] not in (".", ":", '"', "\u201c")
            and i - 1 not in in_mention
            and low[i - 1] not in FIRST_PERSON_WORDS
            and base
        ):
            return True  # "the Nagorno-Karabakh conflict": a name's noun, not a verb
        if (
            i > 1
            and low[i - 2] == "the"
            and s.tokens[i - 1][:1].isupper()
            and not low[i - 1].endswith(PLURAL_DEMONYM_ENDINGS)
            and base
            and any(m.start == i - 1 and m.end == i for m in s.mentions)
        ):
            return True  # "a solution to the Cyprus issue": a singular name takes "-s" verbs
        if i == 0 and low[1:2] in (["between"], ["of"]):
            return True  # "Trade between Kazakhstan and Russia grew": the subject's noun
        if (
            i > 0
            and low[i - 1] in ("is", "are", "am", "was", "were", "be", "been")
            and base
            and low[i] not in SAME_PARTICIPLE | INTENT_ADJECTIVES
        ):
            return True  # "if I am free", "the border is open": an adjective, no act
        if (
            i == 0
            and 1 in in_mention
            and low[0] == getattr(self.verbs.lookup(low[0]), "lemma", None)
        ):
            return True  # "Appropriate UN institutions must …": a modifier, not an imperative
        if (
            i > 0
            and low[i - 1] in NOUN_MARKERS | DEGREE_WORDS | {"%", "percent"}
            and not (low[i - 1] in FLOATING_QUANTIFIERS and i - 2 in in_mention)
        ):
            return True  # "a 50% decline in remittances" is a figure, not a rejection
        if (
            i > 0
            and low[i - 1] in PREPOSITIONS
            and low[i - 1] not in SUBORDINATORS | {"to"}
            and not low[i].endswith(("ing", "ed"))
            and low[i] not in ("favour", "favor")  # "is in favour of expanding …" states support
        ):
            return True  # "$5 million in aid": a base form after a preposition is a noun
        if (
            i > 0
            and low[i].endswith("ed")
            and i + 1 in in_mention
            and low[i - 1] in PREPOSITIONS
            and low[i - 1] not in SUBORDINATORS | {"to"}
        ):
            return True  # "referendums in occupied Ukraine": a participle naming the state
        if (
            i > 0
            and i - 1 not in in_mention
            and low[i - 1].endswith("ing")
            and low[i - 1].replace("-", "").isalpha()
            and not low[i].endswith(("ing", "ed"))
        ):
            return True  # "de-escalating conflict", "continuing attacks": an -ing word's noun
        if (
            i > 0
            and low[i].endswith("s")
            and i - 1 not in in_mention
            and s.tokens[i - 1].islower()
            and low[i - 1].endswith(ADJECTIVE_ENDINGS)
            and low[i - 1] not in AUXILIARIES
        ):
            return True  # "external forces inciting", "armed forces": an adjective and its noun
        if (
            i > 0
            and low[i].endswith("s")
            and i - 1 in in_mention
            and s.tokens[i - 1].isalpha()
            and s.tokens[i - 1].islower()
            and not low[i - 1].endswith("s")
            and low[i - 1] not in PRONOUNS
            and any(m.start == i - 1 and m.end == i and not m.code for m in s.mentions)
        ):
            return True  # "terrorist attacks": a singular agent noun naming no one modifies it
        if (
            i > 0
            and base
            and i - 1 not in in_mention
            and (s.tokens[i - 1].islower() or i == 1)
            and low[i - 1].endswith(NOUN_ADJECTIVE_ENDINGS)
        ):
            return True  # "humanitarian aid", "financial support", "military aid": their noun
        if (
            0 < i < len(low) - 1
            and low[i + 1] in COMPOUND_HEADS
            and base
            and i - 1 not in in_mention
            and s.tokens[i - 1].isalpha()
            and s.tokens[i - 1].islower()
            and low[i - 1] not in AUXILIARIES | PRONOUNS | {"to", "and", "or"}
        ):
            return True  # "studying free trade agreements with China": a compound noun
        k = i - 1
        while (
            k >= 0
            and i - k <= 3
            and (_paired_names(s.tokens[k]) if k in in_mention else is_modifier(low[k]))
            and low[k] not in TEMPORAL
            and (not low[k].endswith(("ly", "s")) or low[k].endswith("ous"))
        ):
            k -= 1  # "-ous" words are adjectives ("the outrageous bombing"), not plural nouns
        if low[i].endswith("s") and i > 1 and low[i - 1][:1].isalpha() and low[i - 1] != "and":
            j = i - 1  # its own index: the determiner test below reads the first loop's k
            while j > 0 and i - j <= 2 and is_modifier(low[j]) and s.tokens[j].islower():
                j -= 1  # "terrorist" may be an agent's word: its mention has no state
            if j < i - 1 and low[j] in PREPOSITIONS and low[j] not in SUBORDINATORS | {"to"}:
                return True  # "recruited for terrorist attacks in Russia": a plural noun
        return k >= 0 and k < i - 1 and low[k] in DETERMINERS | {"a", "an"}

    def _noun_by_neighbours(
        self, low: list[str], i: int, end: int, found: list[_Found], in_actor: set[int]
    ) -> bool:
        """Without tags: a plural before a verb ("forces were", "forces launched") or a word
        right after a verb ("send arms") is a noun."""
        if (
            found
            and found[-1].end == i
            and low[i - 1] not in AUXILIARIES
            and not (
                low[i].endswith("ing")
                and found[-1].entry.lemma in GOING_ON
                and low[found[-1].start - 1 : found[-1].start] != ["to"]
            )
        ):
            return True
        if found and low[i].endswith("s") and 0 < i - found[-1].end <= 3:
            between = low[found[-1].end : i]
            if (
                low[found[-1].end - 1] not in AUXILIARIES
                and all(
                    w.isdigit() or w in OBJECT_QUANTIFIERS or (is_modifier(w) and w not in PRONOUNS)
                    for w in between
                )
                and not in_actor.intersection(range(found[-1].end, i))
            ):
                return True  # "committed terrorist attacks": the verb's object, not a verb
        if (
            i >= 2
            and low[i - 1] == ","
            and end < len(low)
            and low[end] in (",", "and")
            and not (found and found[-1].end == i - 1)
            and is_modifier(low[i - 2])
        ):
            return True  # an item of a list of modifiers: "political, trade, economic ties"
        nxt = low[end] if end < len(low) else ""
        return low[i].endswith("s") and (
            (nxt in AUXILIARIES and nxt != "further")  # "supports further enlargement"
            or (nxt in self._first_words and nxt.endswith("ed"))
        )

    def verbs_in(self, s: Sentence) -> list[_Found]:
        """Dictionary verbs of the sentence, left to right."""
        low = s.low
        in_mention = {p for m in s.mentions for p in range(m.start, m.end)}
        in_actor = {p for m in s.mentions if m.code for p in range(m.start, m.end)}
        found: list[_Found] = []
        i = 0
        while i < len(low):
            if i in in_mention or not low[i][:1].isalpha() or low[i] in PREPOSITION_FORMS:
                i += 1
                continue
            if low[i] not in self._first_words:
                lemma = INTENT_FORMS.get(low[i])
                if lemma and i + 1 < len(low) and low[i + 1] == "to":
                    found.append(_Found(i, i + 1, VerbEntry(low[i], lemma, "INTENT", None)))
                i += 1
                continue
            entry, end = None, i
            for j in range(min(len(low), i + self._verb_span[low[i]]), i, -1):
                entry = self.verbs.lookup(" ".join(low[i:j]))
                if entry:
                    end = j
                    break
            if entry is None:
                i += 1
                continue
            if _going_to_future(s.tokens, low, i, end, in_mention):
                i = end  # "is going to join": the future of the next verb, not a trip
                continue
            if s.tags:
                if not any(t.startswith("VB") for t in s.tags[i:end]) or (
                    i > 0 and low[i - 1] in NOUN_MARKERS
                ):
                    i += 1
                    continue
            elif (
                self._is_noun(s, low, i, in_mention)
                or self._noun_by_neighbours(low, i, end, found, in_actor)
                or _plural_head(s, low, i, end, in_mention, found)
                or _reduced_relative(low, i, end)
                or _coordinated_adjective(s, low, i, end, found, in_mention)
            ):
                i = end
                continue
            if (i > 0 and low[i].endswith("ing") and low[i - 1] in PREPOSITIONS) or (
                low[i] == "according" and end < len(low) and low[end] == "to"
            ):
                i = end
                continue
            found.append(_Found(i, end, entry))
            i = end
        return found

    def _best_pattern(
        self, entry: VerbEntry, matcher: _Matcher, words: set[str], f: _Found, lo: int, hi: int
    ) -> tuple[VerbPattern, dict[str, int]] | None:
        blocks = entry.blocks or (entry.block,)
        index = self._pattern_index.get(blocks)
        if index is None:
            index = self._pattern_index[blocks] = _index_patterns(self._ranked(blocks))
        always, by_word = index
        candidates = list(always)
        for w in by_word.keys() & words:
            candidates.extend(by_word[w])
        candidates.sort()
        for _, pat in candidates:
            if not pat.needs <= words:
                continue
            slots = matcher.match(pat, f.start, f.end, lo, hi)
            if slots is not None:
                return pat, slots
        return None

    def _ranked(self, blocks: tuple[str, ...]) -> tuple[VerbPattern, ...]:
        """The blocks' patterns, most specific first (in dictionary order among equals): the
        first that matches is the most specific one, the earliest of its rank."""
        ranked = self._ranked_cache.get(blocks)
        if ranked is None:
            every = [
                p for b in blocks for p in self.verbs.patterns.get(b, ()) if p.before or p.after
            ]
            ranked = tuple(sorted(every, key=lambda p: -p.specificity))
            self._ranked_cache[blocks] = ranked
        return ranked

    def _verb_events(
        self, s: Sentence, f: _Found, matcher: _Matcher, words: set[str], lo: int, hi: int
    ) -> list[CodedEvent]:
        plo, phi = _window(matcher.low, f, lo, hi)
        best = self._best_pattern(f.entry, matcher, words, f, plo, phi)
        if best is not None:
            fwd, rev = best[0].code, best[0].reverse
        elif f.entry.lemma == "demonstrate" and _shows_something(matcher.low, f.end):
            return []  # "demonstrated our stance": a quality shown, no protest (CAMEO 141)
        else:
            fwd, rev = f.entry.code, f.entry.reverse
        slots = best[1] if best else {}
        made = [
            self._event(code, passive, s, f, best[0] if best else None, slots)
            for code, passive in ((fwd, False), (rev, True))
            if code
        ]
        return [evolve(e, paired=True) if e.passive and fwd else e for e in made if e is not None]

    def events(self, s: Sentence, found: list[_Found] | None = None) -> list[CodedEvent]:
        """The sentence's coded verbs as events (roles not yet assigned)."""
        low = s.low
        words = set(low)
        found = self.verbs_in(s) if found is None else found
        actor_positions = frozenset(p for m in s.mentions if m.code for p in range(m.start, m.end))
        if s.tags:
            verb_pos = frozenset(i for i, t in enumerate(s.tags) if t.startswith("VB"))
        else:
            verb_pos = frozenset(f.start for f in found)
        mention_at = {p: n for n, m in enumerate(s.mentions) for p in range(m.start, m.end)}
        matcher = _Matcher(
            low,
            mention_at,
            s.mentions,
            self._synsets,
            verb_pos,
            self._synsets_by_last,
            _name_words(s),
        )
        out: list[CodedEvent] = []
        coded_clauses: set[tuple[int, int]] = set()
        consumed: set[int] = set()
        for idx, f in enumerate(found):
            if idx in consumed or hearsay(low, f.start):
                continue
            lo, hi = clause(low, f.start)
            if f.entry.lemma in PERMITTING and low[f.end : f.end + 2] in (
                ["me", "to"],
                ["us", "to"],
                ["me", ","],  # "allow me, on behalf of my Government, to pay tribute to …"
            ):
                continue  # "allow me to congratulate …": a speaker's formula, the act follows
            if f.entry.lemma == "need" and "to" not in low[f.end : hi]:
                # "we still need the Organization", "we need effective country teams": a need
                # stated, no demand on anyone (CAMEO.2.0.txt's DEMAND block, 100, lists NEED
                # for "needs X to do …")
                continue
            if s.speaker and f.entry.lemma in GATHERING and "here" in low[f.end : f.end + 2]:
                continue  # "we meet here at a critical time": the General Debate itself
            if f.entry.lemma in SIGNING and _tally(low, lo, hi):
                continue  # "to date, 288 documents have been signed between A and B": a count
            made = self._verb_events(s, f, matcher, words, lo, _coordinated_end(low, f, found, hi))
            if made and _would_like(low, f.start):
                # "we would like to help Afghanistan", "… to meet with …": a wish to cooperate,
                # meet or aid is an intent (PLOVER AGREE: "indicate willingness … to
                # cooperate"); "would like to thank" stays the thanks given in speaking
                made = [
                    evolve(e, **self._code_fields(intent_code("intend", e.cameo, None)))
                    if e.cameo[:2] in _WISHED_ROOTS or e.cameo == "050"
                    else e
                    for e in made
                ]
            if (
                made
                and f.entry.lemma in NAMING_VERBS
                and not any(e.pattern for e in made)
                and characterizes(low, f.end, hi, actor_positions)
            ):
                # "Lavrov called the US sanctions illegal": naming, not a telephone call; a
                # statement (010) that the appraisal stage judges by what it calls them
                made = [evolve(made[0], **self._code_fields("010"), pattern="characterization")]
            if made and (
                (
                    f.entry.lemma in CONGRATULATING
                    and not any(e.pattern for e in made)
                    and OCCASIONS & set(low[f.end :])
                )
                or _thanks_for_the_floor(low, f.end, made)
            ):
                # "congratulate the Member States …, on the occasion of the seventieth
                # anniversary": a ceremony, CAMEO 017 "Engage in symbolic act" (no PLOVER)
                made = [evolve(made[0], **self._code_fields("017"), pattern="ceremony")]
            kind = _intent_kind(f.entry.lemma)
            # "wants to …", and "is committed to continuing its support …" (not "committed …
            # operations", CAMEO.2.0.txt's COMMIT sits with CARRY_OUT): the infinitive is the act
            direct = (
                (kind == "desire" or f.entry.lemma == "commit")
                and f.end + 1 < len(low)
                and low[f.end] == "to"
            )
            if kind is not None and (direct or not any(e.pattern for e in made)):
                # "want to comment on …": the infinitive is the act, not the desire verb's own
                # patterns ("PRESS ON", a block sibling of WANT, is an attack); other intent
                # verbs keep their own patterns ("refuse … &TREATY" is 120 in CAMEO.2.0)
                intent = self._intent(s, low, found, idx, kind, matcher, words, consumed)
                if intent is not None:
                    out.extend(intent)
                    coded_clauses.add((lo, hi))
                    continue
            if kind == "desire" and f.entry.lemma in DESIRE_OBJECTLESS:
                continue  # "Russia wants control over Ukraine": a wish, no act
            if (
                self._infinitive(low, f.start)
                and (lo, hi) in coded_clauses
                and low[f.start - 2 : f.start - 1] not in (["about"], ["going"], ["due"])
            ):
                continue  # an infinitive of a coded verb; "is about to sign" is a predicate
            if made:
                coded_clauses.add((lo, hi))
            out.extend(made)
        for noun, partner in commitments(s, low):
            # "readiness to both continue and strengthen cooperation with the WHO": the verbs
            # between the noun and the partner are the commitment's content, not acts
            end = s.mentions[partner].start
            out = [
                e for e in out if not (noun < e.verb_start < end and "03" <= e.cameo[:2] <= "06")
            ]
            stating = [e for e in out if 0 < noun - e.verb_end <= 4 and e.cameo[:2] != "03"]
            if stating:
                e = stating[-1]
                out[out.index(e)] = evolve(
                    e, **self._code_fields("030"), target_slot=partner, pattern="commitment"
                )
                continue
            at = next(
                (k for k in range(noun - 1, max(-1, noun - 5), -1) if low[k] in STATING), None
            )
            if at is not None and not any(e.verb_start == at for e in out):
                out.append(  # "we reaffirm our readiness to continue cooperation with UNICEF"
                    CodedEvent(
                        verb=s.tokens[at],
                        verb_start=at,
                        verb_end=at + 1,
                        **self._code_fields("030"),
                        pattern="commitment",
                        target_slot=partner,
                    )
                )
        for act in nominal_acts(s, low):
            out = [e for e in out if e.verb_start != act.at]
            out.append(
                CodedEvent(
                    verb=" ".join(s.tokens[act.at : act.end]),
                    verb_start=act.at,
                    verb_end=act.end,
                    **self._code_fields(act.cameo),
                    pattern="nominal act",
                    source_slot=act.source,
                    target_slot=act.target,
                )
            )
        return out

    def _intent(
        self,
        s: Sentence,
        low: list[str],
        found: list[_Found],
        idx: int,
        kind: str,
        matcher: _Matcher,
        words: set[str],
        consumed: set[int],
    ) -> list[CodedEvent] | None:
        """Intent verbs ("agreed to meet", "refused to sign", "threatened to attack"): the
        infinitive's event as an intent (03x), a rejection (12x) or a threat (13x); the intent
        verb's own meaning when the infinitive codes nothing; ``None`` without an
        infinitive."""
        f = found[idx]
        to = next((k for k in range(f.end, min(f.end + 6, len(low))) if low[k] == "to"), None)
        if to is None or any(g.start < to for g in found[idx + 1 :]):
            return None
        if "," in low[f.end : to] or not self._verb_after(s, low, found, to + 1):
            return None
        if low[to + 2 : to + 4] == ["this", "opportunity"]:
            return None  # "I want to take this opportunity to commend …": the formula's act
        inf = next(
            (j for j in range(idx + 1, len(found)) if self._infinitive(low, found[j].start)),
            None,
        )
        if (
            inf is not None
            and inf + 1 < len(found)
            and _adverb(low[found[inf].start])
            and found[inf + 1].start == found[inf].end
        ):
            consumed.add(inf)  # "seeks to further expand": "further" is no verb here
            inf += 1
        if inf is not None and found[inf].start <= to + 3:
            consumed.add(inf)
            g = found[inf]
            lo, hi = clause(low, g.start)
            inner = self._verb_events(s, g, matcher, words, lo, hi)
            nxt = found[inf + 1] if inf + 1 < len(found) else None
            if nxt is not None and [w for w in low[g.end : nxt.start] if not _adverb(w)] == ["and"]:
                # "readiness to both continue and strengthen cooperation with …": the second
                # infinitive is as much the intent's content as the first
                consumed.add(inf + 1)
                g = nxt
                inner += self._verb_events(s, nxt, matcher, words, *clause(low, nxt.start))
            made: list[CodedEvent] = []
            performed = kind == "desire" and _speakers_wish(s, low, f.start)
            for e in inner:
                if kind == "desire" and not "03" <= e.cameo[:2] <= "08":
                    continue
                code = intent_code("intend" if kind == "desire" else kind, e.cameo, f.entry.code)
                if performed and e.cameo == "051":
                    code = e.cameo  # "I wish to thank …": the thanks are given in saying so
                made.append(
                    evolve(
                        e,
                        verb=" ".join(s.tokens[f.start : g.end]),
                        verb_start=f.start,
                        verb_end=g.end,
                        **self._code_fields(code),
                    )
                )
            if made:
                return made
        if kind == "intend" and is_negated(low, f.start):
            return []  # "does not intend to use gas to pressure Ukraine": a denial, a comment
        if kind == "desire":
            if low[to + 1] not in IMPROVING:
                return []  # "wants to destroy Ukraine": not an intent to cooperate
            kind = "intend"  # "seeks to strengthen ties with Russia"
        code = intent_code(kind, None, f.entry.code)
        event = self._event(code, False, s, f, None, {})
        return [event] if event is not None else []

    @staticmethod
    def _verb_after(s: Sentence, low: list[str], found: list[_Found], k: int) -> bool:
        """Is the word at ``k`` (after "to") a verb rather than the start of a noun phrase?"""
        while k < len(low) - 1 and _adverb(low[k]) and any(g.start == k + 1 for g in found):
            k += 1  # "seeks to further expand"
        if k >= len(low):
            return False
        if s.tags:
            return s.tags[k].startswith("VB")
        if any(g.start == k for g in found):
            return True
        return low[k][:1].isalpha() and s.tokens[k][:1].islower() and is_modifier(low[k])

    @staticmethod
    def _infinitive(low: list[str], i: int) -> bool:
        """Is the verb at ``i`` an infinitive ("to sign", "to have signed", "to further
        strengthen", "to fully implement")?"""
        k = i - 1
        bare = not low[i].endswith(("ing", "ed"))  # "look forward to further supporting"
        while k >= 0 and (low[k] in ("be", "have", "been") or (bare and _adverb(low[k]))):
            k -= 1
        return k >= 0 and low[k] == "to"

    @staticmethod
    def valid_code(cameo: str) -> bool:
        """A code the coder emits: two to four digits, perhaps a letter (dictionaries use
        codes such as ``174K``); junk codes (``025?``, ``abc``) code no event.

        >>> EventClassifier.valid_code("0311"), EventClassifier.valid_code("025?")
        (True, False)
        """
        return _CODE.fullmatch(cameo) is not None

    def _event(
        self,
        cameo: str,
        passive: bool,
        s: Sentence,
        f: _Found,
        pattern: VerbPattern | None,
        slots: dict[str, int],
    ) -> CodedEvent | None:
        if not self.valid_code(cameo):
            return None
        return CodedEvent(
            verb=" ".join(s.tokens[f.start : f.end]),
            verb_start=f.start,
            verb_end=f.end,
            **self._code_fields(cameo),
            pattern=pattern.text if pattern else None,
            passive=passive,
            source_slot=slots.get("$"),
            target_slot=slots.get("+"),
            compound_slot=slots.get("%"),
        )

    def process(self, batch: Batch) -> Batch:
        return evolve(batch, sentences=tuple(self._classify(s) for s in batch.sentences))

    def _classify(self, s: Sentence) -> Sentence:
        found = self.verbs_in(s)
        if s.tags:
            verbs = tuple(i for i, t in enumerate(s.tags) if t.startswith("VB"))
        else:
            verbs = tuple(f.start for f in found)
        return evolve(s, events=tuple(self.events(s, found)), verbs=verbs)


# --------------------------------------------------------------------------- roles


PERMITTING = frozenset({"allow", "permit"})
SIGNING = frozenset({"sign", "conclude"})
TALLY_MARKERS = (
    ("to", "date"), ("so", "far"), ("in", "total"), ("over", "the", "years"),
    ("since", "independence"), ("in", "recent", "years"), ("to", "this", "day"),
)  # fmt: skip


def _tally(low: list[str], lo: int, hi: int) -> bool:
    """Is the clause a count of documents signed over a period ("To date, 288 international
    documents have been signed between Turkmenistan and Russia", "over 200 agreements since
    independence")? A tally of a relationship's paperwork is a statistic, no act (the
    annotation guide: statistics are no events): a number of two or more digits (or "dozens",
    "hundreds") with a marker of a span of time up to now."""
    words = low[lo:hi]
    if not any((w.isdigit() and len(w) >= 2) or w in ("dozens", "hundreds") for w in words):
        return False
    return any(tuple(words[k : k + len(m)]) == m for m in TALLY_MARKERS for k in range(len(words)))


GATHERING = frozenset({"meet", "gather", "assemble", "convene", "come"})
"""Verbs of a speech's "we meet here", "the leaders gathered here": the session itself."""
CONGRATULATING = frozenset({"congratulate", "felicitate", "greet"})
OCCASIONS = frozenset({
    "anniversary", "occasion", "holiday", "birthday", "jubilee", "nowruz", "session",
})  # fmt: skip
"""What a ceremonial congratulation is on (the gold set's batch headers: ceremonial
congratulations are no event; a congratulation on an election or a victory stays praise)."""


ADVERBS = frozenset({"further", "also", "both", "jointly", "together", "not", "still", "then"})


_WISHED_ROOTS = frozenset({"04", "06", "07"})
"""Roots of the acts that "would like to" turns into an intent (meet, cooperate, aid: 036,
031, 033; with them 050 "Engage in diplomatic cooperation", 032); statements, appeals and
praise (01, 02, 051) are made in saying so."""


def _past_partners_purpose(low: list[str], end: int, start: int) -> bool:
    """Does the way from a verb (ending at ``end``) to a mention (at ``start``) pass a "with"
    phrase and then an infinitive of purpose ("working closely with its allies and partners to
    impose costs on Russia")? The mention is then the purpose's object, not the partner.

    >>> _past_partners_purpose("is working with its allies to impose costs on russia".split(), 2, 9)
    True
    >>> _past_partners_purpose("is working with russia to end the war".split(), 2, 3)
    False
    """
    at = _purpose_after_with(low, end, start)
    return at is not None and at + 1 < start


def _purpose_after_with(low: list[str], end: int, stop: int) -> int | None:
    """The "to" of the first infinitive of purpose after a "with" between ``end`` and
    ``stop`` (see :func:`_past_partners_purpose`), or ``None``."""
    try:
        k = low.index("with", end, stop)
    except ValueError:
        return None
    for j in range(k + 1, stop - 1):
        if low[j] == "to" and low[j + 1].isalpha() and low[j + 1] != "the":
            return j
    return None


STANCE_NOUNS = frozenset({
    "support", "commitment", "solidarity", "readiness", "contribution", "assistance",
    "gratitude", "appreciation", "condolences", "congratulations", "respect", "attachment",
})  # fmt: skip


def _owner_of_stance(low: list[str], start: int, end: int) -> bool:
    """Is the mention at ``start:end`` whose stance is stated, between "support of" and the
    stance's object ("the unwavering support of the Czech Republic for Ukraine")?

    >>> _owner_of_stance("the support of croatia for ukraine".split(), 3, 4)
    True
    >>> _owner_of_stance("the support of croatia".split(), 3, 4)
    False
    """
    k = start - 1
    if k > 0 and low[k] == "the":
        k -= 1
    return (
        k > 0
        and low[k] == "of"
        and low[k - 1] in STANCE_NOUNS
        and end < len(low)
        and low[end] in ("for", "to")
    )


def _would_like(low: list[str], k: int) -> bool:
    """Is the verb at ``k`` the infinitive of "would (also) like to"?

    >>> _would_like("we would also like to help them".split(), 5)
    True
    """
    if k < 3 or low[k - 1] != "to" or low[k - 2] != "like":
        return False
    j = k - 3
    while j > 0 and _adverb(low[j]):
        j -= 1
    return low[j] in ("would", "'d")


def _speakers_wish(s: Sentence, low: list[str], k: int) -> bool:
    """Is the desire verb at ``k`` a speech's first person ("I wish to", "we also want to",
    the speaking state's own name)?
    Said from the rostrum, "I wish to thank / congratulate / commend X" performs the praise
    (CAMEO 051 "Praise or endorse"), as "I would like to thank" does, rather than announcing
    an intent (03x)."""
    j = k - 1
    while j > 0 and _adverb(low[j]):
        j -= 1
    if not s.speaker or j < 0:
        return False
    # "Denmark wishes to congratulate …" in Denmark's own statement is its first person too
    return low[j] in ("i", "we") or any(
        m.end == j + 1 and m.code == s.speaker and not m.agent for m in s.mentions
    )


def _adverb(word: str) -> bool:
    """Is ``word`` an adverb that can stand between "to" and its verb ("to further
    strengthen", "to fully implement", "to both continue and expand")?"""
    return word in ADVERBS or (len(word) > 4 and word.endswith("ly") and word.isalpha())


STANDARD_PHRASES = frozenset({
    ("based", "on"), ("accordance", "with"), ("line", "with"), ("conformity", "with"),
    ("consistent", "with"), ("compliance", "with"), ("pursuant", "to"),
})  # fmt: skip
"""Phrases that cite a standard ("based on the United Nations Charter", "in accordance with
the resolutions of the Security Council"): the organisation whose charter or resolutions are
cited is no target of the act."""


STANDARD_ADJECTIVES = frozenset({
    "relevant", "respective", "pertinent", "applicable", "existing", "numerous", "many",
    "several", "all", "basic", "fundamental", "universal", "key",
})  # fmt: skip
"""Adjectives between a standard phrase and the body it cites ("in accordance with the
relevant resolutions of the Security Council")."""
DOCUMENT_NOUNS = frozenset({
    "charter", "resolution", "resolutions", "principles", "purposes", "norms", "provisions",
    "decisions", "statute", "rules",
})  # fmt: skip
"""Nouns of an organisation's texts that a standard cites through "of" ("in accordance with
the resolutions of the Security Council", "within the framework of the Charter of the United
Nations")."""


def _standard_of(low: list[str], k: int, lo: int) -> bool:
    """Is the phrase at ``k`` the standard of a phrase of :data:`STANDARD_PHRASES`, directly
    or as the owner of its charter, resolutions or principles (:data:`DOCUMENT_NOUNS`)?

    >>> _standard_of("in line with the resolutions of the security council".split(), 7, 0)
    True
    >>> _standard_of("within the framework of the charter of the un".split(), 8, 0)
    True
    >>> _standard_of("in line with the relevant security council".split(), 5, 0)
    True
    >>> _standard_of("the resolutions of the un".split(), 4, 0)
    False
    """
    j = k - 1
    cited = False
    for _ in range(3):
        adjectives = 0  # "in line with the relevant Security Council resolutions"
        while j > lo and (
            low[j] in DETERMINERS or (adjectives < 2 and low[j] in STANDARD_ADJECTIVES)
        ):
            adjectives += low[j] not in DETERMINERS
            j -= 1
        if j <= lo:
            return False
        if (low[j - 1], low[j]) in STANDARD_PHRASES:
            return True
        if cited and (low[j - 1], low[j]) == ("framework", "of"):
            return True  # "within the framework of the Charter of …": the Charter is cited
        if low[j] != "of" or low[j - 1] not in DOCUMENT_NOUNS:
            return False
        cited = True
        j -= 2
    return False


CONFLICT_ROOTS = frozenset(str(r) for r in range(11, 21))
"""CAMEO 11-20, the roots of conflictual acts (disapprove … use unconventional mass violence)."""


def _charter_owner(low: list[str], m: Mention) -> bool:
    """Is ``m`` the owner of a charter named with it ("the Charter of the United Nations", "the
    UN Charter", "the principles of the CSTO Charter")? A conflictual act on a charter
    (violating, undermining it) is directed at a text, not at the organisation (CAMEO codes
    the entity an act is directed at); a commitment to it stays support of the organisation
    (the gold set codes "restated its commitment to the principles of the Charter of the
    United Nations" as SUPPORT of the UN).

    >>> low = "russia undermines the charter of the united nations".split()
    >>> _charter_owner(low, Mention(5, 7, "UN", "United Nations"))
    True
    >>> _charter_owner("we thank the united nations".split(), Mention(3, 5, "UN", "x"))
    False
    """
    if low[m.end : m.end + 1] in (["charter"], ["charter's"]):
        return True
    j = m.start - 1
    while j > 0 and low[j] in DETERMINERS:
        j -= 1
    return j > 0 and low[j] == "of" and low[j - 1] == "charter"


ANTECEDENT_ROOTS = frozenset({"05", "11", "12"})
"""Acts whose object can be a whole earlier phrase: praise or endorse (05), disapprove or
condemn (11), reject (12)."""


def _relative_antecedent(s: Sentence, low: list[str], verb: int, exclude: set[str]) -> int | None:
    """The doer of the act an object relative clause refers back to ("The Russian Federation's
    war of aggression against Ukraine is a flagrant violation of international law, which we
    strongly condemn"; "Kazakhstan's initiative, which we welcome"): the first actor of the
    sentence that is no prepositional object (not the victim "against Ukraine"), when the verb
    has no object of its own and its clause opens with ", which" and a subject."""
    which = next((k for k in range(verb - 1, max(0, verb - 6), -1) if low[k] == "which"), None)
    if which is None or low[which - 1] != "," or _mention_at(s, which + 1) is None:
        return None
    if any(w in CLAUSE_ENDS | {"that"} for w in low[which + 1 : verb]):
        return None
    for n, m in enumerate(s.mentions):
        if m.start >= which - 1:
            return None
        if m.code and not in_pp(low, _list_start(s.mentions, m)) and m.full_code not in exclude:
            return n
    return None


def _thanks_for_the_floor(low: list[str], k: int, made: list[CodedEvent]) -> bool:
    """Thanks "for this opportunity" (to speak from the rostrum): the speaker's formula."""
    if "opportunity" not in low[k : k + 8] or not any(e.cameo.startswith("051") for e in made):
        return False
    after = " ".join(low[k : k + 8])
    return "for this opportunity" in after or "for the opportunity" in after


COORDINATORS = frozenset({"and", "or", "but"})
PREDICATE_OPENERS = frozenset({"to", "about", "going", "also", "then", "now", "soon", "already"})


def _coordinated_end(low: list[str], f: _Found, found: list[_Found], hi: int) -> int:
    """Where the pattern of the verb ``f`` must stop: at a coordinator that opens a later
    predicate of its own ("completed our joint work and are about to sign an agreement": the
    agreement is what is signed, not what was completed), else at ``hi``."""
    for g in found:
        if g.start <= f.end or g.start >= hi:
            continue
        for c in range(g.start - 1, f.end - 1, -1):
            w = low[c]
            if w in COORDINATORS:
                return c
            if not (
                w in AUXILIARIES
                or w in FUTURE_MARKERS
                or w in PREDICATE_OPENERS
                or w.endswith("ly")
            ):
                break
        break
    return hi


NAMING_VERBS = frozenset({"call", "brand", "label", "term", "dub"})
"""Verbs that name what their object is ("called the sanctions illegal"); CAMEO.2.0.txt codes
CALL as a telephone call (041) unless a listed complement follows."""
COMPLEMENT_ENDINGS = (
    "al", "ive", "ous", "ble", "ic", "ful", "less", "ent", "ant", "ary", "ory", "ile", "ate",
)  # fmt: skip


def characterizes(low: list[str], k: int, hi: int, actors: frozenset[int] = frozenset()) -> bool:
    """Whether the words after a naming verb that ends at ``k`` are an object and what it is
    called ("the US sanctions illegal", "Kazakhstan a strategic ally", "the decision of
    Lithuania a provocation") rather than an object alone ("called Putin", "called the US
    special envoy", "called Putin to discuss"): an article after the object's first word, or
    an adjective that ends the clause (not an actor's name: "the Ambassador of Hungary").

    >>> characterizes("lavrov called the us sanctions illegal .".split(), 2, 7)
    True
    >>> characterizes("tokayev called the us special envoy .".split(), 2, 7)
    False
    """
    j = k
    while j < hi and low[j] in DETERMINERS:
        j += 1
    start = j
    while j < min(hi, k + 9):
        w = low[j]
        if w in CLAUSE_ENDS or w in ("to", "that", "for", "on", "upon", "off", "up"):
            return False
        if j > start and w in ("a", "an"):
            return True
        ends = j + 1 >= hi or low[j + 1] in CLAUSE_ENDS
        if j > start and ends and w.endswith(COMPLEMENT_ENDINGS) and j not in actors:
            return True
        if w in PREPOSITIONS and w not in ("of", "against"):
            return False  # "the sanctions against Kyrgyz banks unfriendly": still the object
        j += 1
    return False


CLAUSE_ENDS = frozenset({",", ";", ":", ".", "!", "?", "and", "but"})


APPEAL_ROOTS = frozenset({"02", "10"})


def _past_infinitive(low: list[str], gap: list[str]) -> bool:
    """Whether ``gap`` (the words between an appeal and a later actor) passes the infinitive
    of the act asked for ("on the Member States *to render* support for Tajikistan's
    candidacy"): the addressee of an appeal stands before it, an actor after it is inside
    what is asked."""
    return "to" in gap and any(
        w == "to"
        and k > 0
        and k + 1 < len(gap)
        and gap[k + 1] not in DETERMINERS
        and gap[k + 1].isalpha()
        and gap[k + 1].islower()
        for k, w in enumerate(gap)
    )


SINGLING_OUT = (("including",), ("in", "particular"), ("particularly",), ("especially",))
"""Words that single out a member of an appeal's addressees ("all parties, including Iran")."""


def _singled_out(gap: list[str]) -> bool:
    """Do the words between an appeal and an actor end by singling the actor out of a group
    of addressees set off by a comma ("call on all States that have influence, including
    Iran, to …", "we urge all parties, in particular Russia, to …")? The guide codes an appeal
    "addressed to a named entity"; the group alone ("all States") is vague, the named member
    is addressed. Not past the infinitive of the act asked for.

    >>> _singled_out("on all states that have influence , including".split())
    True
    >>> _singled_out("on all states to respect the rights , including".split())
    False
    """
    while gap and gap[-1] in DETERMINERS:
        gap = gap[:-1]
    for words in SINGLING_OUT:
        n = len(words)
        if tuple(gap[-n:]) == words and gap[-n - 1 : -n] == [","]:
            return "to" not in gap[:-n]
    return False


CHANNELS = frozenset({"through", "via"})
"""Prepositions of a means or channel: what they introduce is no recipient."""
RECEIVING_ROOTS = frozenset({"06", "07"})
"""Cooperation and aid: what is sent goes "to" its recipient ("sent military instructors to
Kyrgyzstan")."""


def _against(
    s: Sentence, low: list[str], k: int, hi: int, exclude: set[str], toward: tuple[str, ...]
) -> int | None:
    """The actor of an "against" phrase (or, for cooperation and aid, a "to" phrase) that
    follows an agent-only object within its clause ("a military operation against
    Kyrgyzstan"): the act's target, not the object's agent."""
    for n, m in enumerate(s.mentions):
        if k < m.start < min(hi, k + 6) and m.code and m.full_code not in exclude:
            gap = low[k : m.start]
            if "," not in gap and preposition_before(low, m.start, k) in toward:
                return n
    return None


STATING = frozenset({
    "reaffirm", "reaffirms", "reaffirmed", "reiterate", "reiterates", "reiterated", "confirm",
    "confirms", "confirmed", "express", "expresses", "expressed", "emphasize", "emphasizes",
    "emphasized", "emphasise", "emphasises", "emphasised", "stress", "stresses", "stressed",
    "underline", "underlines", "underlined", "declare", "declares", "declared", "affirm",
    "affirms", "affirmed", "demonstrate", "demonstrates", "demonstrated", "state", "states",
    "stated", "announce", "announces", "announced", "voice", "voices", "voiced",
})  # fmt: skip
"""Verbs that state a commitment ("reaffirm our readiness to cooperate with …"): the statement
is the commitment (:func:`~steppe.coding.nominal.commitments`) when the dictionaries code no
verb there."""
PREPOSITION_FORMS = frozenset({
    "regarding", "concerning", "including", "excluding", "notwithstanding", "barring",
})  # fmt: skip
"""Verb forms used as prepositions ("Regarding general United Nations issues, …"): no verb."""
OBJECT_QUANTIFIERS = frozenset({"more", "than", "over", "about", "some", "several", "many"})
"""Words of a count that may open a verb's object ("committed more than 30 terror acts")."""


VERBS_OF = frozenset({
    "consists", "speaks", "thinks", "approves", "disapproves", "disposes", "dreams", "warns",
    "informs", "notifies", "accuses", "convinces", "reminds", "deprives", "assures", "clears",
})  # fmt: skip
"""Third-person verbs that an "of" phrase may follow ("warns of", "accuses X of" has its
object first, "speaks of")."""
BASE_VERBS_OF = frozenset({
    "consist", "speak", "think", "approve", "disapprove", "dispose", "dream", "warn", "inform",
    "notify", "accuse", "convince", "remind", "deprive", "assure", "clear", "take", "make",
    "favour", "favor",
})  # fmt: skip
"""Their base forms ("warn of"; "in favour of expanding …" states support, as a verb)."""


def _plural_head(
    s: Sentence, low: list[str], i: int, end: int, in_mention: set[int], found: list[_Found]
) -> bool:
    """Without tags: is the one-word "-s" form at ``i`` the plural head of a noun phrase
    ("during protests in Kazakhstan", "to use oil supplies to pressure")? Right after a
    preposition it is. Otherwise: a verb in the third person takes an object or complement,
    a plural noun may stand before a preposition or a stop; it is taken for a noun when the
    word before it is a plain lowercase noun-like word (no actor or agent, no adverb) and a
    preposition or a stop follows it."""
    if end != i + 1 or i == 0 or not low[i].endswith("s") or low[i].endswith("ss"):
        return False
    if low[i - 1] in PREPOSITIONS and low[i - 1] not in SUBORDINATORS | {"to"}:
        return True  # "during protests", "of talks": a verb does not follow a preposition
    if end < len(low) and low[end] == "of" and low[i] not in VERBS_OF:
        return True  # "means of communication", "supplies of grain": a verb takes no "of"
    if end >= len(low) or low[end] in (".", "!", "?"):
        # "the use of CSTO forces.": a third-person verb ends no sentence without an object
        return low[i - 1] not in PRONOUNS and low[i - 1] not in ("that", "which", "who")
    if (
        i >= 2
        and low[i - 1] in ("and", "or")
        and low[i - 2].endswith("s")
        and i - 2 not in in_mention
        and not _is_found(found, i - 2)
        and s.tokens[i - 2][:1].islower()
        and is_modifier(low[i - 2])
    ):
        return True  # "our initiatives and endeavours": a second plural noun
    prev = s.tokens[i - 1]
    nxt = low[end] if end < len(low) else ""
    before = next((m for m in s.mentions if m.end == i), None)
    if before is not None and nxt in (",", ";", ":") and _hangs_from_preposition(low, before.start):
        return True  # "Regarding general United Nations issues, …": the phrase's head noun
    if (
        i - 1 in in_mention
        and prev.endswith(DEMONYM_ENDINGS)
        and prev[:1].isupper()
        and (nxt in PREPOSITIONS or nxt in ("", ".", ",", ";", ":"))
        and nxt != "against"  # "Palestinian riots against Israeli policies": the act itself
    ):
        return True  # "the withdrawal of Armenian forces from": a demonym's plural noun
    if i - 1 in in_mention or not prev[:1].islower() or not is_modifier(prev):
        return False
    if prev.endswith(("ly", "ed", "ing")) or low[i - 1] in AUXILIARIES or _is_found(found, i - 1):
        return False  # "always cooperates with": an adverb before a verb, not a noun's modifier
    return nxt in PREPOSITIONS or nxt in ("", ".", ",", ";", ":", "to")


def _act_by(
    s: Sentence, low: list[str], start: int, hi: int, later_verbs: list[int], exclude: set[str]
) -> int | None:
    """The actor named after "by" in the object of a disapproval, before the clause ends: an
    act condemned or criticised ("condemned the shelling of Kyrgyz villages by Tajik forces")
    is held against its doer, not its victim (CAMEO 11x "Disapprove": the target is the one
    disapproved of)."""
    for b in range(start, hi - 1):
        if low[b] in (",", ";", ":") or b in later_verbs:
            return None
        if low[b] != "by":
            continue
        k = b + 2 if low[b + 1] == "the" else b + 1
        n = _mention_at(s, k)
        if (
            n is not None
            and s.mentions[n].start == k
            and s.mentions[n].code
            and s.mentions[n].full_code not in exclude
        ):
            return n
    return None


WORK_PARTICIPLES = frozenset({
    "made", "done", "provided", "undertaken", "taken", "rendered", "extended", "carried",
    "played", "shown", "demonstrated", "given", "conducted", "performed", "accomplished",
    "presented", "proposed", "launched", "initiated", "submitted", "introduced", "led",
})  # fmt: skip
"""Participles of work done or put forward ("the efforts made by", "the assistance provided
to X by", "the initiative launched by")."""


def _work_by(s: Sentence, low: list[str], start: int, hi: int, exclude: set[str]) -> int | None:
    """The actor named after "by" when the object of praise or endorsement is work someone did
    ("commend the efforts made in Afghanistan by Kazakhstan", "appreciation for the work done
    on Libya by all the branches of the United Nations"): CAMEO 051 "Praise or endorse" targets
    the one praised, its doer, not the place or the beneficiary named before "by". Within the
    clause, before a comma; the "by" phrase may open with a few words ("by all the branches
    of").
    """
    participle = False
    for b in range(start, hi - 1):
        if low[b] in (",", ";", ":"):
            return None
        if low[b] in WORK_PARTICIPLES:
            participle = True
        if low[b] != "by" or not participle:
            continue
        for n, m in enumerate(s.mentions):
            if (
                b < m.start <= b + 6
                and m.code
                and m.full_code not in exclude
                and "," not in low[b : m.start]
            ):
                return n
        return None
    return None


HARMFUL_ACTS = frozenset({
    "occupation", "attack", "attacks", "aggression", "shelling", "bombing", "bombardment",
    "invasion", "annexation", "killing", "killings", "murder", "massacre", "seizure", "blockade",
    "abuse", "mistreatment", "persecution", "deportation", "detention", "arrest",
})  # fmt: skip
"""Acts whose "of/on/against" phrase names their victim, not their doer."""
OF_DOER = frozenset({"aggression", "attack", "attacks"})
"""Acts whose "of" names the doer ("the aggression of Tajikistan against our country")."""
VICTIM_WORDS = frozenset({
    "the", "of", "on", "against", "in", "its", "their", "territory", "territories", "lands",
    "cities", "towns", "villages", "regions", "region", "people", "civilians", "citizens",
    "embassy", "positions", "border", "sovereign", "occupied",
})  # fmt: skip


def _victim_of_act(low: list[str], k: int, start: int) -> bool:
    """Does the phrase before the actor at ``k`` make it the victim of a harmful act ("the
    occupation of the territory of Azerbaijan", "the attack on the Russian embassy")? A
    disapproval of the act is not one of its victim."""
    j = k - 1
    while j >= start and k - j <= 6 and low[j] in VICTIM_WORDS:
        j -= 1
    if not (j >= start and j < k - 1 and low[j] in HARMFUL_ACTS):
        return False
    return low[j + 1] in ("on", "against") or (low[j + 1] == "of" and low[j] not in OF_DOER)


def _impersonal_place(s: Sentence, low: list[str], k: int) -> int | None:
    """The actor of "In X, they …" (the sentence opening "In/At [the] X," right before the
    impersonal "they" at ``k``): the translated Russian news idiom ("В Госдуме заявили") names
    the institution or state that speaks by where it speaks."""
    j = 2 if low[1:2] == ["the"] else 1
    if low[:1] not in (["in"], ["at"]) or low[k - 1 : k] != [","]:
        return None
    at = next((n for n, m in enumerate(s.mentions) if m.start == j and m.end == k - 1), None)
    return at if at is not None and s.mentions[at].code else None


def _hangs_from_preposition(low: list[str], start: int) -> bool:
    """Is the phrase at ``start`` the object of a preposition (or of a verb form used as one,
    :data:`PREPOSITION_FORMS`)?"""
    prep = preposition_before(low, start)
    if prep is None and start > 0:
        k = start - 1
        while k > 0 and start - k <= 3 and is_modifier(low[k]) and low[k] not in PREPOSITION_FORMS:
            k -= 1
        prep = low[k] if low[k] in PREPOSITION_FORMS else None
    return prep is not None and prep not in SUBORDINATORS


def _paired_names(token: str) -> bool:
    """A hyphenated pair of names ("Armenian-Azerbaijani", "Kyrgyz-Tajik", "Russia-Ukraine"):
    an adjective before its noun."""
    parts = token.split("-")
    return len(parts) == 2 and all(p[:1].isupper() and p[1:].islower() for p in parts)


def _is_found(found: list[_Found], k: int) -> bool:
    """Is the word at ``k`` part of a verb found earlier in the sentence?"""
    return any(f.start <= k < f.end for f in found)


def _coordinated_adjective(
    s: Sentence, low: list[str], i: int, end: int, found: list[_Found], in_mention: set[int]
) -> bool:
    """Without tags: is the "-ed" form at ``i`` an adjective opening a noun phrase after a
    preposition ("called for improved procedures") or the second of two coordinated noun
    phrases ("substantive cooperation and targeted assistance")? A plain lowercase word follows
    it, and in the second case the left side of "and"/"or" ends in a plain noun (no verb,
    actor or agent)."""
    if end != i + 1 or i < 2 or not low[i].endswith("ed"):
        return False
    if low[i - 1] in PREPOSITIONS and low[i - 1] not in SUBORDINATORS | {"to", "by"}:
        # "called for improved procedures": an adjective after a preposition
        return end < len(low) and s.tokens[end][:1].islower() and is_modifier(low[end])
    if low[i - 1] not in ("and", "or"):
        return False
    left = i - 2
    if left in in_mention or _is_found(found, left):
        return False
    if not (s.tokens[left][:1].islower() and is_modifier(low[left])) or low[left].endswith(
        ("ed", "ly")
    ):
        return False
    return end < len(low) and s.tokens[end][:1].islower() and is_modifier(low[end])


def _plural_noun_before(low: list[str], i: int) -> bool:
    """Is the word before ``i`` a plural or common noun a participle can describe
    ("suspects", "migrants")? Lower-case, alphabetic, no function word."""
    w = low[i - 1]
    return (
        w.isalpha()
        and w.endswith("s")
        and w not in BE_FORMS | AUXILIARIES
        and w not in PRONOUNS
        and w not in ("has", "was", "is", "as", "this", "its", "his", "us")
    )


def _reduced_relative(low: list[str], i: int, end: int) -> bool:
    """Is the verb at ``i`` a participle opening an apposition (", headed by the
    Secretary-General,", "a Kyrgyz musician, detained in Kazakhstan, was released")? It
    describes the noun before the comma; the sentence's act is its main verb (CAMEO codes
    "the main verb of the sentence")."""
    if not (i > 0 and low[end - 1].endswith("ed") and end < len(low)):
        return False
    if low[i - 1] != ",":
        # no comma: "a Kyrgyz musician detained in Kazakhstan was released" - the participle
        # follows its noun and the clause's own verb (a form of "be") comes after its phrase
        if not low[i - 1].isalpha() or low[i - 1] in BE_FORMS | AUXILIARIES | {"to", "that"}:
            return False
        if low[end] in BE_FORMS and _plural_noun_before(low, i):
            return True  # "the four Tajik suspects apprehended were shown on television"
        if low[end] not in ("in", "from", "at", "by", "on"):
            return False
        rest = low[end : end + 8]
        stop = next(
            (k for k, w in enumerate(rest) if w in (",", "and", "that", "who", "which")), len(rest)
        )
        return any(w in BE_FORMS for w in rest[:stop])
    if low[end] == "by":
        return True
    close = next((k for k in range(end, min(end + 8, len(low))) if low[k] == ","), None)
    return close is not None and close + 1 < len(low) and low[close + 1] in BE_FORMS


def _members(mentions: tuple[Mention, ...], n: int) -> list[Mention]:
    """The mention and the other members of its compound, each actor of an ``A/B`` code
    separately."""
    m = mentions[n]
    group = [x for x in mentions if x.group == m.group] if m.group >= 0 else [m]
    return [evolve(x, code=c) if len(x.codes) > 1 else x for x in group for c in x.codes]


JOINT_ROOTS = frozenset({"03", "04", "05", "06"})
"""Roots of acts two parties can do together: intent (03), consultation (04), agreement and
signing (05), cooperation (06)."""


ONE_WAY_CODES = frozenset({"051", "052", "053", "054", "055", "056"})
"""Codes under the joint roots whose act goes from one side to another, never both ways (CAMEO
codebook: 051 "Praise or endorse", 052 "Defend verbally", 053 "Rally support on behalf of", 054
"Grant diplomatic recognition", 055 "Apologize", 056 "Forgive"): "Germany and the EU stand by
the Paris Agreement" is each of them endorsing the agreement, not the two praising each other."""
ONE_WAY_VERBS = frozenset(
    f"{stem}{end}" for stem in ("support", "back", "endors", "promot", "welcom")
    for end in ("", "e", "s", "es", "ed", "ing")
)  # fmt: skip
"""Forms of the verbs of CAMEO.2.0.txt's SUPPORT block (default 050 "Engage in diplomatic
cooperation", its patterns 031, 032 "Express intent to provide diplomatic cooperation such as
policy support" …) and of welcoming: backing someone goes one way, unlike agreeing,
collaborating or coordinating ("Finland and the EU support the Secretary-General's appeal")."""


def _joint_code(cameo: str, verb: str = "") -> bool:
    """Can two parties of a compound subject do the act ``cameo`` (coded from ``verb``)
    together, each toward the other (meet, sign, cooperate, agree)?"""
    if cameo[:2] not in JOINT_ROOTS or cameo[:3] in ONE_WAY_CODES:
        return False
    return verb.lower().split(" ")[0] not in ONE_WAY_VERBS


def _alternatives(low: list[str], members: list[Mention]) -> bool:
    """Are the compound's actors alternatives ("countries such as Mali or Lebanon"), joined by
    "or" and not "and"? Alternatives do nothing together."""
    first = min(m.start for m in members)
    last = max(m.start for m in members)
    gap = low[first:last]
    return "or" in gap and "and" not in gap


def _joint(members: list[Mention]) -> list[tuple[Mention | None, Mention | None]]:
    """A joint act of a compound with no other party ("Tajikistan and Russia discussed …",
    "talks between Tajik and Russian ministers", "Russia and the five states agreed …"):
    each side is the other's partner, in both directions. PLOVER (CONSULT): "In CONSULT events
    where there is no clear distinction between whether an entity is hosting or visiting, all
    participants are coded in the actor field", COOPERATE is "*mutual* material cooperation";
    the annotation guide writes such an act once as *mutual*, matching either direction. Two
    phrases pair across (a collective phrase gives each of its members); one phrase naming two
    actors pairs them, and so do three or more phrases that name only two actors ("between
    Tajik and Russian labor ministers Jabborzoda and Kotyakov"). Three or more actors are a
    multilateral act, left to its own rule."""
    spans: dict[tuple[int, int], list[Mention]] = {}
    for m in members:
        spans.setdefault((m.start, m.end), []).append(m)
    groups = list(spans.values())
    codes = {m.code: m for m in reversed(members)}
    if len(codes) == 2 and (len(groups) == 1 or len(groups) > 2):
        # one phrase naming two actors, or more phrases naming two ("between Tajik and
        # Russian labor ministers X and Y": the names restate the two sides)
        a, b = codes.values()
        return [(a, b), (b, a)]
    if len(groups) != 2:
        return []
    left, right = groups
    cross = [(a, b) for a in left for b in right if a.code != b.code]
    return [*cross, *((b, a) for a, b in cross)]


PLACE_PREPOSITIONS = frozenset({"near", "outside", "around", "along", "in", "at"})
"""Prepositions that make a phrase with no actor code the place of an act, not its object."""


def _reciprocal_force(low: list[str], e: CodedEvent) -> bool:
    """Is the event fighting that two sides do to each other ("Kyrgyz and Tajik border guards
    clashed", "exchanged fire", "skirmished")? With a compound subject and no other party it
    is a joint act like a meeting: one *mutual* event (CAMEO.2.0.txt codes "exchanged fire"
    both ways, ``[193:193]``; the guide writes a two-sided act once, either direction)."""
    if e.cameo[:2] not in ("18", "19"):
        return False
    w = low[e.verb_start]
    return w.startswith(("clash", "skirmish")) or (
        w.startswith("exchang") and "fire" in low[e.verb_end : e.verb_end + 3]
    )


PARTNER_PREPOSITIONS = frozenset({"with", "between", "to", "toward", "towards"})


def _through_not_with(low: list[str], start: int) -> bool:
    """Is the phrase at ``start`` the object of a preposition that names no partner or
    addressee ("for Uzbek migrants", "on Kazakhstan"; not "with", "between", "to")?"""
    prep = preposition_before(low, start)
    return prep is not None and prep not in PARTNER_PREPOSITIONS


def _at_border(low: list[str], members: list[Mention]) -> bool:
    """Is the compound the place of a border ("returning from the border of Russia and
    Kazakhstan")? A border is where, not a joint act of the two states."""
    first = min(m.start for m in members)
    before = low[max(0, first - 3) : first]
    return any(w in ("border", "borders") for w in before) and before[-1:] in (["of"], ["between"])


PARTNER_NOUNS = frozenset({
    "neighbours", "neighbors", "neighbour", "neighbor", "partners", "partner", "friends",
    "allies", "neighbouring", "neighboring",
})  # fmt: skip


def _speakers_partners(
    s: Sentence, low: list[str], members: list[Mention]
) -> list[tuple[Mention | None, Mention | None]]:
    """A joint act of "our neighbours Kazakhstan and Uzbekistan" in a speech, with no other
    party named, is done with the speaking state ("… will participate in the construction of
    the Kambarata station"): "our" is the speaker, and the members act toward it rather than
    toward each other."""
    if not s.speaker or not members or any(m.code == s.speaker for m in members):
        return []
    first = min(m.start for m in members)
    before = low[max(0, first - 4) : first]
    if not (set(before) & PARTNER_NOUNS) or not ({"our", "my"} & set(before)):
        return []
    at = max(k for k in range(max(0, first - 4), first) if low[k] in ("our", "my"))
    speaker = Mention(at, at + 1, s.speaker, s.tokens[at])
    return [(m, speaker) for m in members]


def _drop_reports(events: list[CodedEvent]) -> list[CodedEvent]:
    """Drop a statement (CAMEO root 01, "said") whose target is the source of a later event:
    "the Kremlin said Tokayev criticized Russia" is Tokayev's criticism."""
    out = []
    for k, e in enumerate(events):
        if e.cameo.startswith("01") and e.target is not None:
            tgt = e.target.full_code
            later = events[k + 1 :]
            if any(
                x.verb_start > e.verb_start and x.source and x.source.full_code == tgt
                for x in later
            ):
                continue
        out.append(e)
    return out


def _mention_at(s: Sentence, k: int) -> int | None:
    for n, m in enumerate(s.mentions):
        if m.start <= k < m.end:
            return n
    return None


def _after_noun_phrase(low: list[str], rel: int) -> bool:
    """Does a noun phrase opened by a determiner end right before ``rel`` (a relative "that":
    "the pain and hardship that"), rather than a verb ("we believe that")?

    >>> _after_noun_phrase("we feel the pain and hardship that".split(), 6)
    True
    >>> _after_noun_phrase("we believe that".split(), 2)
    False
    """
    for j in range(rel - 1, max(-1, rel - 6), -1):
        if low[j] in NP_OPENERS:
            return j < rel - 1
        if low[j] in PRONOUNS or low[j] in AUXILIARIES or not low[j].replace("-", "").isalpha():
            return False
    return False


NP_OPENERS = frozenset({
    "the", "a", "an", "this", "these", "those", "its", "our", "their", "his", "her", "my",
})  # fmt: skip


def _noun_like(s: Sentence, low: list[str], k: int) -> bool:
    """A content word that is not a verb (by its tag, else by not being a coded verb)."""
    if s.tags:
        return s.tags[k][:2] in ("NN", "JJ", "CD")
    return is_modifier(low[k]) and k not in s.verbs


def _list_start(mentions: tuple[Mention, ...], m: Mention) -> int:
    """Where the list a mention belongs to starts ("in Lebanon, Mali and Kosovo": a later
    member stands where the first does, inside the prepositional phrase)."""
    if m.group < 0:
        return m.start
    return min(x.start for x in mentions if x.group == m.group)


def in_pp(low: list[str], start: int) -> bool:
    """Is the phrase starting at ``start`` the object of a preposition ("by Osgiliath
    soldiers", "in south Ithilen")?"""
    prep = preposition_before(low, start)
    return prep is not None and prep not in SUBORDINATORS


def _participle_chain_start(low: list[str], i: int) -> int:
    """The first participle of a coordinated list that ends at ``i`` ("have been destroyed,
    plundered or misappropriated": the three share "have been" and the "by" phrase).

    >>> _participle_chain_start("were shelled , burned and looted by".split(), 5)
    1
    """
    k = i
    while k >= 2 and low[k - 1] in (",", "and", "or") and low[k - 2].endswith("ed"):
        k -= 2
    return k


APPOSITIVE_OPENERS = frozenset({"itself", "themselves", "as", "a", "an", "once", "being"})
"""Words that open a descriptive phrase set off by commas after a subject ("Cyprus, itself a
victim of invasion, …", "Kazakhstan, as a victim of nuclear tests, …")."""
PARTICIPLES = frozenset({"taken", "undertaken", "made", "given", "held", "led", "done", "shown"})
NOT_A_HEAD = frozenset({
    "is", "are", "am", "was", "were", "be", "been", "has", "have", "had", "having", "not",
    "to", "and", "or", "that", "which", "who", "will", "would", "can", "could", "should",
    "must", "may", "might", "also", "then", "later", "jointly",
})  # fmt: skip


def _reduced_passive(s: Sentence, low: list[str], e: CodedEvent) -> int | None:
    """The mention after "by" when the verb is a participle that modifies the noun before it
    (a reduced relative clause: "the nuclear tests being conducted by Pyongyang", "the
    reforms proposed by the Secretary-General"): the "by" phrase is the act's agent, and the
    clause's subject is no party to it (the noun it describes is the object). ``None`` when
    the verb is not such a participle.

    >>> from datetime import date
    >>> toks = ("we", "fear", "the", "tests", "conducted", "by", "Russia")
    >>> s = Sentence("d", 0, "", date(2024, 9, 24), toks, (Mention(6, 7, "RUS", "Russia"),))
    >>> e = CodedEvent("conducted", 4, 5, "060", "COOPERATE", 4, 6.0)
    >>> _reduced_passive(s, list(toks), e)
    0
    >>> _reduced_passive(s, ["we", "fear", "the", "tests", "were", "by", "Russia"], e) is None
    True
    """
    i = e.verb_start
    form = low[i]
    if i < 1 or not (form.endswith("ed") or form in PARTICIPLES):
        return None
    before = low[i - 1]
    j = i - 1
    while j > 0 and low[j] in PASSIVE_ADVERBS:
        j -= 1
    if j < i - 1 and low[j] in NOT_A_HEAD:
        return None  # "is still occupied by", "were again attacked by": the clause's passive
    if before == "being":
        if i >= 2 and low[i - 2] in NOT_A_HEAD:
            return None  # "are being conducted by": the clause's own passive
    elif (
        not before.isalpha()
        or before in NOT_A_HEAD
        or before in PRONOUNS
        or before.endswith("ly")
        or (any(m.start < i <= m.end for m in s.mentions) and _place_before(s, low, i) is None)
    ):
        return None  # a main verb after its subject ("Russia attacked ...") or an auxiliary
    b = e.verb_end
    while b < len(low) and low[b].endswith("ly"):
        b += 1
    if b >= len(low) or low[b] != "by":
        return None
    found = [n for n, m in enumerate(s.mentions) if m.code and b < m.start <= b + 3]
    return found[0] if found else None


BORDER_NOUNS = frozenset({"border", "borders", "frontier", "frontiers", "boundary"})


def _border_with(low: list[str], at: int) -> bool:
    """Is the phrase at ``at`` the neighbour in "border with X" ("along our border with
    Syria", "the borders with the Russian Federation")? In what an appeal asks for, it says
    where (closing or opening a border with a state still acts on that state).

    >>> _border_with("a zone along our border with syria".split(), 6)
    True
    >>> _border_with("talks on the border with the minister".split(), 6)
    True
    >>> _border_with("we work with syria".split(), 3)
    False
    """
    j = at - 1
    while j > 0 and low[j] in DETERMINERS:
        j -= 1
    return j > 0 and low[j] == "with" and low[j - 1] in BORDER_NOUNS


def _participle_after_pattern_noun(low: list[str], e: CodedEvent) -> bool:
    """Is the verb a participle right after the noun its pattern names before ``*`` ("the
    sanctions imposed on Russia" for "SANCTIONS * ON +")? The participle then describes the
    noun (a reduced relative clause), and the act is named, not reported as the subject's.

    >>> e = CodedEvent("imposed", 4, 5, "163", "SANCTION", 4, -8.0, "SANCTIONS * ON + [163]")
    >>> _participle_after_pattern_noun("we respect the sanctions imposed on russia".split(), e)
    True
    >>> _participle_after_pattern_noun("we know the sanctions were imposed on russia".split(), e)
    False
    """
    if not e.pattern or "*" not in e.pattern:
        return False
    before = e.pattern.split("*", 1)[0].split()
    i = e.verb_start
    form = low[i] if i < len(low) else ""
    return (
        bool(before)
        and i > 0
        and low[i - 1] == before[-1].lower()
        and (form.endswith("ed") or form in PARTICIPLES)
    )


def _place_before(s: Sentence, low: list[str], i: int) -> int | None:
    """The mention that ends right before the participle at ``i`` when it is the object of
    "in" or "of" ("towns and villages in Ukraine wiped out by Russian artillery", "the cities of
    Armenia shelled by"): the participle then describes the noun before the preposition (a
    reduced relative clause, not the mention's own verb), and that state is the one the act
    is done to."""
    for n, m in enumerate(s.mentions):
        if (
            m.end == i
            and m.code
            and (
                preposition_before(low, m.start) in ("in", "of")
                or (m.agent and ("in" in low[m.start : m.end] or "of" in low[m.start : m.end]))
            )
        ):
            return n  # also one mention "villages in Ukraine", "the troops of Russia"
    return None


CLAUSE_MODALS = frozenset({"will", "would", "can", "could", "should", "must", "may", "might"})
"""Modals that open a relative clause's verb ("solutions that will turn ...")."""


def _in_object_relative(s: Sentence, low: list[str], start: int, at: int) -> bool:
    """Is the phrase at ``at`` inside a relative clause on the verb's object that has a verb
    of its own ("must find a solution that provides for a free Ukraine", "find common solutions
    that will turn our goals into change and protect the principles of the United Nations")?
    The clause says what the object does, not whom the act is toward."""
    for k in range(start + 1, at):
        if low[k] in RELATIVE_SUBJECTS and _noun_like(s, low, k - 1):
            nxt = low[k + 1]
            finite = nxt in CLAUSE_MODALS or (nxt.endswith("s") and nxt not in DETERMINERS)
            return finite or any(k < v < at for v in s.verbs)
    return False


RELATION_NOUNS = frozenset({"cooperation", "relations", "relationship", "ties", "partnership"})
"""Nouns of a standing relation whose parties a "between X and Y" phrase names."""
PARTY_ROOTS = frozenset({"03", "06"})
DIPLOMATIC = "050"
"""Intent to cooperate, cooperation and diplomatic cooperation (050): acts that make their actor
a party to the relation (praise or support of others' ties, 051, has those others as targets,
as PETRARCH codes it)."""


def _others_relation(
    mentions: tuple[Mention, ...], low: list[str], start: int, lo: int, exclude: set[str]
) -> bool:
    """Is the phrase at ``start`` a party to a relation between others ("strengthen cooperation
    between the United Nations and regional organizations", "establish a new relationship
    between the United Kingdom and the European Union")? The relation's parties are named by
    "between"; the one who promotes it is none of them, so neither is its partner. Not when
    the acting side (``exclude``) is itself one of the parties.

    >>> low = "we promote cooperation between the un and the sco".split()
    >>> un, sco = Mention(5, 6, "UN", "un"), Mention(8, 9, "SCO", "sco")
    >>> kaz = Mention(8, 9, "KAZ", "kazakhstan")
    >>> _others_relation((un, sco), low, 5, 2, {"KAZ"})
    True
    >>> _others_relation((un, kaz), low, 5, 2, {"KAZ"})
    False
    """
    k = start - 1
    while k > lo and start - k <= 12 and low[k] not in (",", ";", ":", "which", "that"):
        if low[k] == "between":
            if low[k - 1] not in RELATION_NOUNS:
                return False
            end = next((j for j in range(k + 1, len(low)) if low[j] in (",", ";", ":")), len(low))
            parties = [m for m in mentions if k < m.start < end and m.start - k <= 14]
            return not any(m.full_code in exclude or m.code in exclude for m in parties)
        k -= 1
    return False


TOPIC_ROOTS = frozenset({"01", "02", "04"})
"""Statements, appeals and proposals, consultations: acts whose object after the verb may be
what they are about rather than whom they address."""
TOPIC_PREPOSITIONS = frozenset({
    "on", "about", "over", "in", "at", "regarding", "concerning", "of", "into", "across",
})  # fmt: skip


COERCIVE_ROOTS = frozenset({"13", "15", "16", "17", "18", "19", "20"})
"""Roots of coercive acts: threats, force posture, reductions of relations, coercion, force."""


def _announced(low: list[str], verb: int) -> bool:
    """Is the act at ``verb`` in the future and outside the sentence's first "if" clause (the
    consequence announced for the condition)?"""
    k = low.index("if")
    comma = next((j for j in range(k + 1, len(low)) if low[j] in (",", ";")), len(low))
    return is_future(low, verb) and not k < verb < comma


def _condition_actor(s: Sentence, low: list[str], source: Mention | None) -> Mention | None:
    """The actor named first in a sentence's "if" clause, up to its comma, other than the
    threat's source: the one a conditional threat is directed at ("If Armenia attacks
    again, Azerbaijan will retaliate"). The annotation guide (section 3): "a conditional
    statement of one's own coercive action is a threat" (PLOVER THREATEN), made to the party
    whose act is the condition."""
    k = low.index("if")
    end = next((j for j in range(k + 1, len(low)) if low[j] in (",", ";", ".")), len(low))
    own = source.code if source is not None else None
    return next((m for m in s.mentions if k < m.start < end and m.code and m.code != own), None)


def _called_for(low: list[str], e: CodedEvent, start: int) -> bool:
    """Is the phrase at ``start`` what an appeal "for" something names as its object's owner
    ("called for the strengthening of the CSTO", "called for improved procedures for the use
    of CSTO forces")? An appeal for a change in an entity is addressed to it: the guide codes
    a proposal when it is "addressed to a named entity as a request"."""
    if not e.cameo.startswith("02") or "," in low[e.verb_end : start]:
        return False
    if (
        e.verb_end < len(low)
        and low[e.verb_end] == "for"
        and start > 0
        and low[start - 1] in ("of", "the")
    ):
        return True
    # "we count on the support of the United Nations", "rely on the assistance of Russia": the
    # support asked for is the owner's to give
    k = start - 1
    while k > e.verb_end and low[k] in DETERMINERS:
        k -= 1
    return k - 1 >= e.verb_end and low[k] == "of" and low[k - 1] in ASKED_FOR


ASKED_FOR = frozenset({"support", "assistance", "help", "backing", "solidarity", "cooperation"})
"""What an appeal asks of the owner named after "of" ("count on the support of …")."""


def _topic(low: list[str], start: int, verb_end: int) -> bool:
    """Is the phrase at ``start`` the topic or place of a statement or meeting ("discussed the
    situation in Kazakhstan", "proposed a committee on Afghanistan") rather than its
    addressee? CAMEO codes the entity the act is directed at (the target); the annotation guide
    (section 2) keeps places out ("venues are locations, not actors") and codes a proposal
    only when it is "addressed to a named entity". The addressee of such acts comes with
    "with", "to", "between", as the direct object or after the verb's own particle ("called
    on the CSTO")."""
    k = start - 1
    while (
        k >= 0
        and start - k <= 4
        and low[k] not in TEMPORAL | MONTHS | {"that"}
        and (low[k] in DETERMINERS or is_modifier(low[k]))
    ):
        k -= 1
    if (
        k > verb_end
        and low[k] == "of"
        and low[k - 1] in OWNED_HEADS
        and all(w in DETERMINERS or is_modifier(w) for w in low[verb_end : k - 1])
    ):
        return False  # "met the head of the Russian Interior Ministry": its official
    return k > verb_end and low[k] in TOPIC_PREPOSITIONS


APPEAL_ADVERBS = frozenset({"again", "once", "hereby", "therefore", "today", "now", "here"})
"""Adverbs that stand between an appeal's verb and its particle ("we call once again on …",
"call today upon …") besides those in -ly and :data:`ADVERBS`."""


def _appeal_particle(low: list[str], e: CodedEvent) -> int:
    """Where an appeal's own particle "on"/"upon" stands when adverbs come between it and the
    verb ("we call strongly on Israel", "call once again upon the parties"): the addressee
    after it is whom the appeal is made to (CAMEO 02 "Appeal"), as in "call on Israel"; for
    any other verb, or with no such particle, the verb's end."""
    k = e.verb_end
    if not e.cameo.startswith("02"):
        return k
    while k < len(low) and (_adverb(low[k]) or low[k] in APPEAL_ADVERBS):
        k += 1
    return k if k < len(low) and low[k] in ("on", "upon") else e.verb_end


DISCUSSING = ("discuss", "talk", "speak", "spoke", "debat")
"""Stems of the verbs of discussion, whose object is what is talked about."""
OWNED_HEADS = frozenset({
    "head", "heads", "chief", "chiefs", "director", "directors", "leadership", "deputy",
    "deputies", "representative", "representatives", "chairman", "chairwoman", "chair",
    "leaders", "presidents",
})  # fmt: skip
"""Nouns for an official of the body named after "of" ("the head of the Tajik Migration
Service"): that body is whom a meeting or statement addresses, not its topic; CAMEO codes an
official as "a country code followed by a role"."""


PEACEKEEPING = "074"


def _protected(s: Sentence, low: list[str], lo: int, hi: int, exclude: set[str]) -> int | None:
    """The state where peacekeepers serve ("CSTO peacekeepers in Kazakhstan have secured
    five sites"): CAMEO 074 "Provide military protection or peacekeeping" is aid to the state
    protected, PLOVER AID's benefits "primarily accrue to the recipient"."""
    for n, m in enumerate(s.mentions):
        if (
            lo <= m.start < hi
            and m.code
            and m.full_code not in exclude
            and m.start > 0
            and low[m.start - 1] in ("in", "to", "into")
        ):
            return n
    return None


def _forum_of(low: list[str], start: int) -> bool:
    """Is the phrase at ``start`` the organisation whose meeting is named ("took part in a
    videoconference of CSTO leaders", "attended the summit of the SCO")? PLOVER's
    multilateral CONSULT: the participant meets the organisation, the annotation guide's
    "participant → CSTO"."""
    k = start - 1
    while k >= 0 and start - k <= 3 and low[k] in DETERMINERS:
        k -= 1
    return k > 0 and low[k] == "of" and low[k - 1] in FORUM_EVENTS


def _partner(s: Sentence, low: list[str], lo: int, hi: int, exclude: set[str]) -> int | None:
    """The partner of a joint act named with "with" elsewhere in its clause ("Together with
    our Central Asian partners, we are committed to …", "ready to continue the process, in
    any format, with our Tajik neighbours"): PLOVER's AGREE and COOPERATE are acts toward
    the entity one cooperates with."""
    for n, m in enumerate(s.mentions):
        if not (lo <= m.start < hi) or m.full_code in exclude or not m.code:
            continue
        if _members_of(low, m):
            continue  # "together with other EU member States": states, not the EU
        if preposition_before(low, m.start, lo) == "with" and not _through(low, m.start, lo):
            return n
    return None


def _through(low: list[str], start: int, lo: int) -> bool:
    """Is the "with" phrase at ``start`` part of a "through/via" phrase ("through
    partnerships with UN Volunteers"): a means, not a partner?"""
    return any(w in CHANNELS for w in low[max(lo, start - 5) : start])


def _genitive_head(low: list[str], start: int, lo: int) -> bool:
    """Is the phrase at ``start`` the "of" complement of the clause's first noun phrase
    ("The head of the Ministry of Foreign Affairs of the Czech Republic", "Deputy Minister of
    Internal Affairs of Russia")? Its actor is the owner of that noun, which is the subject:
    CAMEO codes an official as "a country code followed by a role", and the annotation guide
    resolves titles before names like the name."""
    k = start - 1
    while k >= lo and low[k] in DETERMINERS:
        k -= 1
    if k < lo or low[k] != "of":
        return False
    # "The Prosecutor General's Office of Uzbekistan": a possessive inside the title
    head = [w for w in low[lo:k] if w not in DETERMINERS and w != "'s"]
    return 0 < len(head) <= 3 and all(is_modifier(w) and w not in PREPOSITIONS for w in head)


def _by_genitive(low: list[str], b: int, start: int) -> bool:
    """Is the phrase at ``start`` the "of" complement of the head noun after "by" ("detained
    by officers of the Kazakh KNB", "received by the Chairman of the Senate of Kazakhstan")?
    Its actor is the agent's: CAMEO codes an official as "a country code followed by a role"
    (the annotation guide resolves titles like the name)."""
    if not b + 2 < start <= b + 8 or preposition_before(low, start, b + 1) != "of":
        return False
    k = start - 1
    while low[k] != "of":
        k -= 1
    head = [w for w in low[b + 1 : k] if w not in DETERMINERS]
    return 0 < len(head) <= 3 and all(is_modifier(w) for w in head)


ENVOYS = frozenset({"ambassador", "envoy", "plenipotentiary", "charge", "consul"})


def _accredited_host(
    pairs: list[tuple[Mention | None, Mention | None]], s: Sentence, low: list[str]
) -> list[tuple[Mention | None, Mention | None]]:
    """An ambassador of one state "to" another who meets someone the sentence names only by
    title ("the Minister of Labor … met with the Russian Ambassador to Tajikistan"): the
    envoy's counterparts are the officials of the state it is accredited to, so the missing
    side is that state."""
    out = []
    for a, b in pairs:
        envoy = b if a is None or not a.code else a if b is None or not b.code else None
        if envoy is not None and envoy.code:
            k = envoy.end
            host = None
            if any(w in ENVOYS for w in low[envoy.start : envoy.end]) and low[k : k + 1] == ["to"]:
                host = next((m for m in s.mentions if m.start in (k + 1, k + 2) and m.code), None)
            if host is not None and host.code != envoy.code:
                a, b = (host, b) if envoy is b else (a, host)
        out.append((a, b))
    return out


def _visitor_to_host(
    pairs: list[tuple[Mention | None, Mention | None]], venues: tuple[str, ...]
) -> list[tuple[Mention | None, Mention | None]]:
    """A meeting of two sides held in one side's state ("… took place in Kazan") has a host:
    PLOVER (CONSULT): "In events where one side is hosting and one is visiting, the visitor
    will always be coded as the actor and the host will be the recipient." Both directions
    become visitor -> host; a neutral or unnamed venue leaves both."""
    if len(set(venues)) != 1:
        return pairs
    host = venues[0]
    sides = {m.code for pair in pairs for m in pair if m is not None}
    if host not in sides or len(sides) != 2:
        return pairs
    kept: list[tuple[Mention | None, Mention | None]] = [
        (a, b) for a, b in pairs if b is not None and b.code == host
    ]
    return kept or pairs


def _nominal_meeting(
    s: Sentence, low: list[str], lo: int, verb: int
) -> list[tuple[Mention | None, Mention | None]]:
    """The two sides of a meeting named as the clause's subject ("the meeting of the President
    of Tajikistan, Emomali Rahmon, with the President of the Russian Federation … was held",
    "negotiations of the delegations of Tajikistan and Russia took place"): the verb ("was
    held", "took place") says only that it happened, the noun phrase says who met. PLOVER
    (CONSULT): "where there is no clear distinction between whether an entity is hosting or
    visiting, all participants are coded in the actor field" - one mutual event, both
    directions. Places after "in"/"at" are venues, not sides; only two sides qualify (three or
    more are a multilateral meeting, left to its own rule)."""
    noun = next((k for k in range(lo, verb) if low[k] in MEETING_EVENTS), None)
    if noun is None:
        return []
    sides: dict[str, Mention] = {}
    for m in s.mentions:
        if not (noun < m.start and m.end <= verb) or (
            m.start > 0 and low[m.start - 1] in ("in", "at")
        ):
            continue
        for code in m.codes:
            if code:
                sides.setdefault(code, evolve(m, code=code) if len(m.codes) > 1 else m)
    if len(sides) != 2:
        return []
    a, b = sides.values()
    return [(a, b), (b, a)]


OWN_STATE_AGENTS = frozenset({"", "GOV", "ELI", "MIL", "COP", "JUD", "LEG"})
"""People whose detention with no place named is their own state's act: its officials and
former officials (a state does not detain another's minister unseen). Citizens and migrants
detained somewhere unnamed keep an unknown source."""
INFERRED = "inferred:"
"""Marks the text of a side the coder inferred rather than read (stored as ``source_raw``;
counted by :func:`steppe.coding.coder.coding_summary`)."""
LEGAL_PARTICIPLES = frozenset({
    "detained", "arrested", "released", "freed", "deported", "expelled", "extradited",
    "sentenced", "jailed", "imprisoned", "convicted", "charged", "fined", "apprehended",
})  # fmt: skip
"""Acts of a state's police, courts and border services on a person, told in the passive
("was detained in Kazakhstan", "Masimov detained", "were deported from Russia")."""


def _legal_passive(
    s: Sentence, low: list[str], e: CodedEvent, subj: int | None, hi: int
) -> list[tuple[Mention | None, Mention | None]] | None:
    """Source and target of a detention, release, deportation or sentence told in the
    passive without its agent: the person is the target; the source is the state where it
    happens ("in Kazakhstan", "from Russia", a venue city), else, for an official or former
    official, their own state — only a state's authorities detain, try, free or deport, and
    the guide codes people by their state ("a Kyrgyz musician detained in Kazakhstan": KAZ ->
    KGZ; "the former head of the KNB of Kazakhstan detained": KAZ -> KAZ, a domestic act on a
    former official; "Tajik migrants were detained": source unknown). The inferred source is
    stored with its reason as its text. ``None`` when the verb is not
    such a passive, has a "by" agent, or no person is named."""
    if e.verb_end - e.verb_start != 1 or low[e.verb_start] not in LEGAL_PARTICIPLES:
        return None
    k = e.verb_start - 1
    passive = False
    while k >= 0 and (
        low[k] in BE_FORMS
        or low[k] in ("not", "also", "has", "have", "had", "will", "would")
        or low[k].endswith("ly")
    ):
        passive = passive or low[k] in BE_FORMS
        k -= 1
    if passive:
        k += 1  # the first auxiliary: the subject ends before it
    nxt = low[e.verb_end] if e.verb_end < len(low) else ""
    after_name = k >= 0 and (
        low[k] == "," or s.tokens[k][:1].isupper() or any(m.end == k + 1 for m in s.mentions)
    )
    headline = after_name and nxt in ("", ".", ",", "in", "on", "for", "at", "from", "after")
    if not (passive or headline) or _by_agent(s, low, e.verb_end, hi):
        return None
    if subj is None:  # "Former head of the KNB of Kazakhstan Karim Masimov is detained"
        end = k if passive else k + 1
        if end > 0 and low[end - 1] == ",":
            end -= 1  # "…, Karim Masimov, detained"
        subj = next((n for n, m in enumerate(s.mentions) if m.end == end), None)
    if subj is None or not s.mentions[subj].code:
        return None
    person = s.mentions[subj]
    for m in s.mentions:
        if m is not person and m.code and _place_after(low, m.start):
            return [(m, person)]
    roles = {(person.agent or "")[k : k + 3] for k in range(0, len(person.agent or ""), 3)}
    if len(set(s.venues)) != 1 and not roles <= OWN_STATE_AGENTS:
        return [(None, person)]  # "Tajik migrants were detained": where is not said
    place = s.venues[0] if len(set(s.venues)) == 1 else person.code
    verb = s.tokens[e.verb_start]
    why = "the place named" if len(set(s.venues)) == 1 else "the person's state"
    authority = Mention(
        e.verb_start,
        e.verb_end,
        place,
        f"authorities of {place} ({INFERRED} {why}, '{verb}')",
        agent="GOV",
    )
    return [(authority, person)]


COMPANION_MARKS = frozenset({"alongside", "with", "together", "along", "like", "including"})
"""Words that open a parenthetical of companions after the subject ("Luxembourg, alongside
our partners such as Belgium and Denmark, has joined"; "the United Kingdom, with our NATO
and EU allies, took action")."""


def _companion_subject(s: Sentence, low: list[str], lo: int, comma: int) -> int | None:
    """The subject before a parenthetical of companions that the comma at ``comma`` closes:
    the actor named right before ", alongside …," / ", with …,", not the last companion. The
    verb's subject is the phrase the parenthetical is attached to; the companions act with it
    but the sentence names it as the one acting."""
    for j in range(comma - 1, lo + 1, -1):
        if low[j] in (";", ":"):
            return None
        if low[j] in COMPANION_MARKS and low[j - 1] == ",":
            return next((n for n, m in enumerate(s.mentions) if m.end == j - 1 and m.code), None)
    return None


MEMBER_NOUNS = (
    ["member", "states"], ["member", "countries"], ["members"], ["member", "state"],
    ["states", "members"],
)  # fmt: skip


def _members_of(low: list[str], m: Mention) -> bool:
    """Does the mention name the organisation whose members are meant ("all Member States of
    the United Nations", "the UN Member States", "members of the CSTO")? The members are the
    states (the guide: vague collectives are no actor), not the organisation acting."""
    after = low[m.end : m.end + 2]
    if after in MEMBER_NOUNS or after[:1] in MEMBER_NOUNS:
        return True
    k = m.start - 1
    if k >= 0 and low[k] == "the":
        k -= 1
    if k < 1 or low[k] != "of":
        return False
    return low[k - 2 : k] in MEMBER_NOUNS or low[k - 1 : k] in MEMBER_NOUNS


def _preamble(low: list[str], verb: int) -> bool:
    """Is the verb a declaration's preamble participle that opens the sentence ("Highly
    appreciating the Treaty … between Russia and Kazakhstan", "Reaffirming …")? Its subject
    is the declaring parties, named elsewhere; the parties of a treaty it names in its object
    ("between A and B") do not act."""
    return low[verb].endswith("ing") and all(w.endswith("ly") for w in low[:verb])


def _place_after(low: list[str], start: int) -> bool:
    """Is the mention at ``start`` the place after "in" or "from" ("in Kazakhstan", "in the
    Russian city of Odintsovo", "from the Russian capital")?"""
    k = start - 1 if start > 0 and low[start - 1] != "the" else start - 2
    return k >= 0 and low[k] in ("in", "from")


def _by_agent(s: Sentence, low: list[str], start: int, hi: int) -> bool:
    """Does a passive name its agent in a "by" phrase after ``start`` ("were detained by
    Russian police", "were detained in a raid by Russian police"), before a comma?"""
    for b in range(start, hi):
        if low[b] == ",":
            return False
        if low[b] == "by" and (
            b < start + 3 or any(b < m.start <= b + 3 and m.code for m in s.mentions)
        ):
            return True
    return False


PRIVATE_AGENTS = frozenset({"CVL", "EDU", "REF", "LAB", "BUS"})
"""Agents that name private persons and bodies: citizens, migrants, students, refugees,
workers, companies, the press."""
MOVEMENTS = (
    "arriv", "cam", "com", "visit", "travel", "enter", "return", "leav", "left", "fac",
    "depart", "mov", "went", "go", "head", "fl",
)  # fmt: skip
"""Verbs of coming and going (and "facing" at a border): the visits (CAMEO 04) a private
person's trip is coded as; a private person who *meets* an official is left coded."""


_FIRST_PERSON_WORDS = frozenset({"we", "us", "i", "me", "my", "our", "ourselves"})


def _first_person(m: Mention) -> bool:
    """Whether a speech's mention is the speaking state's first person ("we", "us", "I", "my
    Government", "our citizens"). A state does not appeal to, praise, meet or fight itself in
    its own statement: where one side of a self-directed event is the speaker's "we" (or "our
    X"), the other is the speaker's words about itself ("I hope that we will be elected",
    "we are proud of what unites us"), no act (guide, section 1: comments are no events)."""
    head = m.text.split(" ", 1)[0].lower() if m.text else ""
    return head in _FIRST_PERSON_WORDS


def _private_act(e: CodedEvent) -> bool:
    """A trip (a visit, CAMEO 04, by a verb of movement) or material cooperation (06: work,
    trade, services) - what private persons do without acting for a state."""
    root = e.cameo[:2]
    return root == "06" or (root == "04" and e.verb.lower().startswith(MOVEMENTS))


NOT_DEMONYMS = frozenset({
    "philippines", "netherlands", "bahamas", "comoros", "maldives", "seychelles", "honduras",
    "barbados", "laos", "emirates", "states", "nations",
})  # fmt: skip


def _private_people(m: Mention) -> bool:
    """Private persons or bodies as the ones who act ("28,700 Kyrgyzstanis arrived in Russia",
    "citizens of Kyrgyzstan provide transport services", "Tajik students visited Beijing"):
    the guide's "movements of private persons are not acts of a political entity" — they take
    their state's code when acted upon, but their own trips, work and trade are no event
    between states. A plural demonym ("Uzbeks", "Kyrgyzstanis") names people, not the state."""
    if m.agent and m.agent[:3] in PRIVATE_AGENTS:
        return True
    word = m.text.strip()
    return (
        " " not in word
        and word[:1].isupper()
        and word.endswith("s")
        and not word.endswith(("us", "ss"))
        and word.lower() not in NOT_DEMONYMS
        and bool(m.code)
    )


FORMER = "ELI"
"""The agent of a former office holder ("Nazarbayev" in 2022) or another member of the elite
(CAMEO's ELI): as a source, not the state."""
FORMER_WORDS = frozenset({"former", "ex", "ex-"})


def _former_holder(low: list[str], m: Mention, named_only: bool = False) -> bool:
    """A former office holder: an office named "former" ("former Kyrgyz President",
    "ex-president") or, unless ``named_only``, a leader's name after their last term
    ("Nazarbayev" in 2022, agent ``ELI``, also inside a title: "Kyrgyz President Almazbek
    Atambayev" in 2024 is ``GOVELI``)."""
    if not named_only and m.agent and m.agent.endswith(FORMER):
        return True
    k = m.start - 1
    while k >= 0 and low[k] in DETERMINERS:
        k -= 1
    return bool(m.agent) and (
        (k >= 0 and low[k] in FORMER_WORDS)
        or low[m.start] in FORMER_WORDS
        or low[m.start].startswith("ex-")
    )


LOCAL_PEOPLE = frozenset({"local", "locals"})


def _local_person(low: list[str], m: Mention) -> bool:
    """An agent-only phrase for a local person ("a 56-year-old local resident", "local
    residents"): the local authorities' own citizen or resident, so the act on them is a
    domestic one of the acting state (the guide: citizens take their state's code; domestic
    events are coded when both sides are named)."""
    if m.code or not m.agent:
        return False
    return bool(LOCAL_PEOPLE & set(low[max(0, m.start - 2) : m.start + 1]))


def _evacuation_of_own(e: CodedEvent, a: Mention | None, b: Mention | None) -> bool:
    """A state evacuating its own citizens, or people "from" a place ("evacuated 1,500
    Russians from Kazakhstan", "evacuated 1,719 people from Kazakhstan"): the place is where
    they leave, not a recipient, and a state's care for its own citizens is no act toward
    another entity (PLOVER AID: "material benefits primarily accrue to the recipient"; the
    annotation guide codes an event between two entities). Evacuating another state's
    citizens stays AID to that state."""
    if not e.verb.lower().startswith("evacuat"):
        return False
    if a is None or b is None:
        return False
    if _private_people(a):
        return True  # "559 Kyrgyzstanis have been evacuated from Ukraine": who evacuated?
    return a.code == b.code or " from " in f" {b.text.lower()} "


SPEAKER_ITSELF = frozenset({"i", "me", "we", "us"})


def _speaker_itself(s: Sentence, a: Mention | None, b: Mention | None) -> bool:
    """A speech's act of the speaking state toward itself as a whole ("I thank the members
    for the trust they have shown in us", "I refuse to believe that we should give up", "I
    am honoured Malta stands at the forefront"): the first person, "my country" and the
    state's own name are one entity, and an event is an act one entity directs at another
    (annotation guide, section 1). A domestic act toward a part of the state named with its
    role ("our citizens", "our people", "its businesses") stays, state -> same state.

    >>> from datetime import date
    >>> s = Sentence("d", 0, "", date(2024, 9, 24), speaker="DEU")
    >>> _speaker_itself(s, Mention(0, 1, "DEU", "I", "GOV"), Mention(5, 6, "DEU", "us"))
    True
    >>> _speaker_itself(s, Mention(0, 1, "DEU", "we"), Mention(5, 7, "DEU", "our people", "PPL"))
    False
    """
    if not s.speaker or a is None or b is None or not (a.code == b.code == s.speaker):
        return False
    return not b.agent or b.text.lower() in SPEAKER_ITSELF


APPOINTING = ("appoint", "nominat", "designat", "elect", "name")


def _appointment(e: CodedEvent, low: list[str]) -> bool:
    """A state naming its own officials ("Tokayev appointed the Prime Minister of
    Kazakhstan", "signed the decree appointing the new Government"): CAMEO.2.0.txt codes
    "appoint … minister" 060 and "sign … decree" 100, but PLOVER's COOPERATE is "*mutual*
    material cooperation or exchange" between two entities, and no PLOVER category covers a
    government's own personnel decisions - no event (appointing another state's envoy or a
    negotiator keeps its code)."""
    if e.cameo[:2] not in ("05", "06", "10"):
        return False
    after = low[e.verb_end : e.verb_end + 4]
    return e.verb.lower().startswith(APPOINTING) or any(
        w.startswith(("appoint", "dismiss")) for w in after
    )


UNNAMED_DOERS = frozenset({
    "countries", "states", "nations", "governments", "those", "others", "parties", "actors",
    "forces", "groups", "members", "powers",
})  # fmt: skip
"""Plural nouns naming no one that a participle describes ("the countries supporting Israel",
"those seeking to destabilise the region"): a reduced relative clause whose doer is unnamed,
not the sentence's subject."""
BEFORE_BARE_VERB = frozenset({
    "to", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "not",
    "do", "does", "did", "and", "or", "we", "they", "i", "you", "jointly", "also", "never",
})  # fmt: skip
"""Words after which a bare form ("issue") is a verb ("will issue a statement", "they issue
visas"); elsewhere "issue" is the noun ("the Cyprus issue", "the nuclear issue")."""
SLOT_PREPOSITIONS = frozenset({"with", "to", "against", "for", "from"})
LOCATIVES = frozenset({"in", "at", "inside", "within", "throughout"})
"""Prepositions of place: the phrase they open is where, not the partner, recipient or
opponent a pattern's "with +", "to +" or "against +" names."""
PASSIVE_ADVERBS = frozenset({
    "not", "n't", "also", "always", "still", "already", "never", "often", "again", "now", "then",
    "just", "once", "ever", "even", "only", "further", "soon",
})  # fmt: skip
"""Words between a form of "be" and its participle ("were also detained", "are always forced")."""
SUFFERED_ROOTS = frozenset({"11", "12", "13", "16", "17", "18", "19", "20"})
"""CAMEO roots of conflict: told in the passive of "we" or "I" with no agent ("we are blamed
for", "we were attacked"), the speaker suffers the act and its doer is not said."""


def _speaker_suffers(s: Sentence, low: list[str], e: CodedEvent, subj: int) -> bool:
    """Is the subject "we" or "I" of a passive act of conflict ("we are blamed for ...", "we
    were attacked")? The speaker then suffers the act; "we will be forced to take measures"
    (an infinitive follows) keeps the speaker's own act."""
    m = s.mentions[subj]
    return (
        e.cameo[:2] in SUFFERED_ROOTS
        and low[m.start : m.end] in (["i"], ["we"])
        and low[e.verb_end : e.verb_end + 1] != ["to"]
    )


AGENTLESS = frozenset({"02", "10"})
"""Appeals and requests told in the passive without their agent ("Biden was asked to explain
…"): the one asked is the subject and who asked is not said, so there is no dyad to code
(other agentless passives keep their subject as the actor, as the PETRARCH and PLOVER gold
records code them)."""


class RoleAssigner:
    """Source and target of each event (see the module docstring), then the options' actor
    requirements; identical events of one sentence are kept once."""

    def __init__(self, options: CoderOptions | None = None) -> None:
        self.options = options or CoderOptions()

    @staticmethod
    def _nearest(s: Sentence, low: list[str], lo: int, end: int) -> int | None:
        """The last actor phrase ending by ``end`` (from ``lo``) that is no prepositional
        object."""
        best: int | None = None
        for n, m in enumerate(s.mentions):
            if (
                lo <= m.start
                and m.end <= end
                and not in_pp(low, _list_start(s.mentions, m))
                and (best is None or m.end > s.mentions[best].end)
            ):
                best = n
        return best

    def _subject(
        self, s: Sentence, low: list[str], verb: int, lo: int, previous: dict[int, int | None]
    ) -> int | None:
        k = verb - 1
        if (
            k >= lo
            and low[k] in UNNAMED_DOERS
            and low[verb].endswith("ing")
            and _mention_at(s, k) is None
        ):
            return None  # "the countries supporting Israel": the participle's doer, unnamed
        if k > lo and low[k] in APPOSITION_MARKS:
            # "Russia and five regional countries – Kazakhstan, … – agreed": the apposition
            # restates the subject, which stands before it
            opening = next(
                (j for j in range(k - 1, lo - 1, -1) if low[j] == low[k] or low[j] == "("), None
            )
            if opening is not None and opening > lo:
                k = opening
                verb = opening
        while k >= lo and (
            low[k] in AUXILIARIES
            or low[k] in TEMPORAL
            or low[k].endswith("ly")
            or (low[k] in FLOATING_QUANTIFIERS and k > lo and _mention_at(s, k - 1) is not None)
        ):
            k -= 1
            if k >= lo and low[k] in ("on", "last", "this", "next", "early", "late"):
                k -= 1
        if k > lo and low[k] == ",":
            companion = _companion_subject(s, low, lo, k)
            if companion is not None:
                return companion
            j = k - 1
            while j > lo and low[j] != "," and (s.tokens[j][:1].isupper() or low[j] == "'s"):
                j -= 1
            if j > lo and low[j] == "," and j < k - 1:
                k = j - 1  # "The Ombudsman of Uzbekistan, Feruza Eshmatova, has": the head
            else:
                j = next((i for i in range(k - 1, lo, -1) if low[i] == ","), lo)
                owner = _mention_at(s, j - 1) if j > lo else None
                if (
                    owner is not None
                    and low[j + 1] in APPOSITIVE_OPENERS
                    and s.mentions[owner].code
                ):
                    # "Cyprus, itself a victim of invasion, has supported …": the phrase
                    # between the commas describes the subject before them
                    return owner
        if k < lo:
            found = self._nearest(s, low, lo, verb)
            earlier = [v for v in previous if v < lo]
            if found is None and lo > 0 and low[lo - 1] == "but" and earlier:
                return previous[max(earlier)]  # "... but was still refusing": same subject
            return found
        at = _mention_at(s, k)
        if at is not None:
            start = _list_start(s.mentions, s.mentions[at])
            if not in_pp(low, start) or low[start : s.mentions[at].end] in (["i"], ["we"]):
                return at  # "it is in this spirit that we support": "we" is never a PP's object
            if low[start - 1] == "with" and low[verb].endswith("ing"):
                return at  # "…, with Brazil later joining them": the absolute's own subject
            nearest = self._nearest(s, low, lo, k)
            if (nearest is None or not s.mentions[nearest].code) and _genitive_head(
                low, start, lo
            ):  # also past an agent-only head: "The Prosecutor General's Office of Uzbekistan"
                return at  # "the head of the Czech Foreign Ministry called": the ministry's
            return nearest
        if low[k] == "they":
            place = _impersonal_place(s, low, k)
            if place is not None:
                return place  # "In the State Duma, they stated …": the Duma stated
        if low[k] in ANAPHORS:
            near = self._nearest(s, low, 0, k)
            if near is not None and low[s.mentions[near].start : s.mentions[near].end] in (
                ["i"],
                ["we"],
                ["us"],
            ):
                return None  # "I believe that, if the war goes on, it will threaten X": not I
            return near
        if low[k] in RELATIVES and k > 0 and low[k - 1] == ",":
            return (
                _mention_at(s, k - 2) if k >= 2 else None
            )  # ", which have provided": the antecedent
        if low[k] in RELATIVE_SUBJECTS and k > lo and _noun_like(s, low, k - 1):
            # "a draft document that would ban Kyrgyz citizens": the relative clause's subject
            # is its antecedent noun, which names an actor or none
            return (
                _mention_at(s, k - 1)
                if _mention_at(s, k - 1) is not None
                else (self._head_owner(s, low, k - 1, lo, across_pp=False))
            )
        if low[k] in PRONOUNS:
            return None
        if low[k] in ("and", "or"):
            # "state our readiness … (challenges faced by humankind) and reaffirm": the
            # coordinated verb shares the subject of the last earlier verb that has one
            earlier = [v for v in previous if v < verb and previous[v] is not None]
            shared = previous[max(earlier)] if earlier else self._nearest(s, low, lo, verb)
            if shared is not None:
                rel = s.mentions[shared].start - 1
                if rel > lo and low[rel] in ("that", "which") and _after_noun_phrase(low, rel):
                    # "we feel the hardship that Ukraine faces and stand with …": the earlier
                    # verb is a relative clause's; the coordinated verb is the main clause's
                    return self._nearest(s, low, lo, rel)
            if earlier:
                return shared
        if _noun_like(s, low, k):
            return self._head_owner(s, low, k, lo)
        return self._nearest(s, low, lo, verb)

    def _head_owner(
        self, s: Sentence, low: list[str], k: int, lo: int, across_pp: bool = True
    ) -> int | None:
        """The actor a noun phrase ending at ``k`` belongs to ("Eriador's death and injury
        toll", "Pakistani woman"); ``None`` for one that names no actor ("crowds"). A phrase
        that is a prepositional object ("in recent days") is passed over, unless
        ``across_pp`` is false (a relative clause's antecedent: "the victims of the hurricanes
        that devastated …" is the hurricanes, no actor)."""
        j = k
        while j >= lo and j > k - 6:
            at = _mention_at(s, j)
            if at is not None:
                start = _list_start(s.mentions, s.mentions[at])
                # "the Ambassador of Tajikistan to Russia <Name>": the head before the PP
                return at if not in_pp(low, start) else self._nearest(s, low, lo, start)
            if low[j] in PREPOSITIONS and low[j] not in SUBORDINATORS:
                return self._nearest(s, low, lo, j) if across_pp else None
            if not across_pp and low[j] == "and" and low[j + 1] in DETERMINERS:
                return None  # "parts of the United States and the earthquakes that …"
            if not (low[j] in ("'s", "and") or low[j] in DETERMINERS or _noun_like(s, low, j)):
                return None
            j -= 1
        return None

    @staticmethod
    def _object(
        s: Sentence, low: list[str], e: CodedEvent, hi: int, exclude: set[str]
    ) -> int | None:
        start = e.verb_end
        for n, m in enumerate(s.mentions):  # "threatened Azerbaijan to strike": the addressee
            if e.verb_start < m.start and m.end < e.verb_end and m.full_code not in exclude:
                return n
        later_verbs = [v for v in s.verbs if v >= start]
        if e.cameo[:2] == "11":
            doer = _act_by(s, low, start, hi, later_verbs, exclude)
            if doer is not None:
                return doer  # "condemned the occupation of our lands by Armenia": the doer
            first = next(
                (m for m in sorted(s.mentions, key=lambda m: m.start) if start <= m.start < hi),
                None,
            )
            if first is not None and _victim_of_act(low, first.start, start):
                return None  # "condemned the occupation of the territory of Azerbaijan"
            coded = next(
                (
                    m
                    for m in sorted(s.mentions, key=lambda m: m.start)
                    if start <= m.start < hi and m.code
                ),
                None,
            )
            if (
                coded is not None
                and preposition_before(low, coded.start, start) in ("on", "against")
                and HARMFUL_ACTS & set(low[start : coded.start])
            ):
                return None  # "condemn the attacks of the Taliban on Tajikistan": its victim
        if e.cameo[:2] == "05":
            doer = _work_by(s, low, start, hi, exclude)
            if doer is not None:
                return doer  # "commend the efforts made in Afghanistan by Kazakhstan": the doer
        purpose = _purpose_after_with(low, start, hi)
        for n, m in sorted(enumerate(s.mentions), key=lambda x: x[1].start):
            if m.start < start or m.start >= hi:
                continue
            gap = low[start : m.start]
            if (
                e.cameo[:2] in APPEAL_ROOTS
                and m.code
                and m.full_code not in exclude
                and _singled_out(gap)
            ):
                return n  # "I call on all States, including Iran, to …": the one named
            if (
                "," in gap
                and gap[-1:] != ["including"]
                and any(v < m.start or m.end <= v <= m.end + 2 for v in later_verbs)
            ):
                # a new clause; not the examples of the object ("work with any nation,
                # including Russia and Iran, to resolve …": those named are the partners)
                return None
            if not CONCESSIVE.isdisjoint(gap):
                return None  # "supported the pipeline despite the losses of local firms"
            if purpose is not None and purpose + 1 < m.start:
                return None  # "cooperating with its partners to put pressure on Iran"
            if low[e.verb_start] in STATING and _owner_of_stance(
                low, _list_start(s.mentions, m), m.end
            ):
                continue  # "reiterate the support of the Czech Republic for Ukraine": whose
            if "and" in gap[1:] and any(
                low[j] == "and" and (j + 1 in later_verbs or j + 2 in later_verbs)
                for j in range(start + 1, m.start - 1)
            ):
                # "rejects that attempt and calls on the UN to act": after its own object, the
                # verb coordinated with "and" has the phrase, not this one
                return None
            if e.cameo[:2] in JOINT_ROOTS and gap[:1] == ["that"]:
                return None  # "A and B agreed that Kyrgyz migrants will …": what was agreed
            if "," in gap and RELATIVE_WORDS & set(gap[gap.index(",") :]):
                return None  # "endorsed the concept, an idea that is a priority for the UN"
            if _in_object_relative(s, low, start, m.start):
                return None  # "find a solution that provides for a free Ukraine": not whom
            if (
                e.cameo[:2] in TOPIC_ROOTS
                and exclude
                and e.verb.lower().startswith(DISCUSSING)
                and preposition_before(low, _list_start(s.mentions, m), start) == "between"
                and not any(
                    x.code and any(x.code in c for c in exclude) for x in _members(s.mentions, n)
                )
            ):
                # "we discuss the prospects for cooperation between the EU and the EAEU": the
                # parties named with "between" meet or talk only when the source is one of them
                continue
            if (
                e.cameo[:2] in TOPIC_ROOTS
                and _topic(low, m.start, _appeal_particle(low, e))
                and not _called_for(low, e, m.start)
                and not (e.cameo.startswith("04") and _forum_of(low, m.start))
            ):
                continue
            if e.cameo[:2] in APPEAL_ROOTS and _past_infinitive(low, gap):
                return (
                    None  # "call on the Member States to support Tajikistan's bid": asked of them
                )
            if _standard_of(low, _list_start(s.mentions, m), start):
                continue  # "solutions based on the United Nations Charter": a standard cited
            if e.cameo[:2] in APPEAL_ROOTS and _border_with(low, _list_start(s.mentions, m)):
                continue  # "appealed for a safe zone along our border with Syria": where
            if e.cameo[:2] in CONFLICT_ROOTS and _charter_owner(low, m):
                continue  # "undermines the Charter of the United Nations": a text, not the UN
            if preposition_before(low, m.start, start) in CHANNELS:
                continue  # "provided aid ... through the Heydar Aliyev Foundation": a means
            if (e.cameo[:2] in PARTY_ROOTS or e.cameo == DIPLOMATIC) and _others_relation(
                s.mentions, low, m.start, start, exclude
            ):
                return None  # "strengthen cooperation between the UN and the EU": theirs
            if not m.code and e.cameo[:2] in JOINT_ROOTS and len(exclude) >= 2:
                continue  # "A and B held joint military exercises": an agent word, no partner
            head = _list_start(s.mentions, m)
            if "," in gap and preposition_before(low, head, start) in PLACE_PREPOSITIONS:
                continue  # "…, including relief in South Sudan": a place past the clause's object
            if not m.code and preposition_before(low, m.start, start) in PLACE_PREPOSITIONS:
                continue  # "clashed near the village of Kok-Tash": where, not whom
            if not m.code:
                toward = ("against", "to") if e.cameo[:2] in RECEIVING_ROOTS else ("against",)
                against = _against(s, low, m.end, hi, exclude, toward)
                if against is not None:
                    return against  # "carried out a military operation against Kyrgyzstan"
            if _members_of(low, m):
                continue  # "relations with all Member States of the UN": states, not the UN
            if low[m.end : m.end + 1] == ["'s"] and m.code in {c[:3] for c in exclude}:
                continue  # "I affirm Croatia's support for the UN": the source's own possessive
            if m.text.lower() in ("my", "our") and m.code in {c[:3] for c in exclude}:
                continue  # "I express my gratitude to China": the speaker's own, not a target
            if (
                s.speaker
                and m.code == s.speaker
                and low[m.end : m.end + 1] == ["'s"]
                and any(c[:3] == s.speaker or c[3:6] == s.speaker for c in exclude)
            ):
                continue  # a speech's "I reiterate Portugal's commitment to …": the speaker's own
            if m.full_code not in exclude:
                return n
        return None

    @staticmethod
    def _passive_by(
        s: Sentence, low: list[str], e: CodedEvent, hi: int, private: bool = False
    ) -> int | bool | None:
        """For a passive verb with a "by" phrase: the mention after "by" (or ``None``);
        ``None`` too for an appeal or request with no "by" phrase (:data:`AGENTLESS`) and for
        any agentless passive whose subject is private persons (``private``: they are acted
        upon); ``False`` if the verb is not such a passive."""
        k = _participle_chain_start(low, e.verb_start) - 1
        while k >= 0 and (low[k].endswith("ly") or low[k] in PASSIVE_ADVERBS):
            k -= 1
        form = low[e.verb_end - 1]
        if k < 0 or low[k] not in BE_FORMS or form.endswith("ing"):
            return False
        for b in range(e.verb_end, hi):
            if low[b] == "," and not (b + 1 < hi and low[b + 1].endswith("ed")):
                break  # "destroyed, plundered or misappropriated by Armenia" goes on
            if low[b] == "by":
                found = [
                    n
                    for n, m in enumerate(s.mentions)
                    if b < m.start <= b + 3 or _by_genitive(low, b, m.start)
                ]
                coded = [n for n in found if s.mentions[n].code]
                # "by the Chairman (agent only) of the Senate of Kazakhstan": the owner's code
                return (coded or found)[0] if found else None
        if private:
            return None  # "76,000 Kyrgyzstanis are banned from entering Russia": acted upon
        return None if e.quad_class in VERBAL_QUAD_CLASSES and e.cameo[:2] in AGENTLESS else False

    @staticmethod
    def _progressive(low: list[str], e: CodedEvent) -> bool:
        """ "is being challenged": a passive in the progressive with no agent describes a
        situation, not an act."""
        k = e.verb_start - 1
        return k > 0 and low[k] == "being" and low[k - 1] in BE_FORMS

    @staticmethod
    def _multilateral(
        s: Sentence, sources: list[Mention], targets: list[Mention]
    ) -> tuple[list[Mention], list[Mention]]:
        """A meeting of three or more participants (CAMEO 04): one event per participant,
        with the forum as target when the sentence names one ("the region's presidents met":
        each member of the Consultative Meeting, target CAM); not every ordered pair."""
        forum = [m for m in s.mentions if m.code == FORUM]
        if len(sources) == 1 and sources[0].code == FORUM and not targets:
            members = forum_members(s.date)
            if members:
                return [evolve(sources[0], code=c) for c in members], [sources[0]]
        if len(sources) >= MULTILATERAL and not targets:
            return sources, forum[:1]
        return sources, targets

    def roles(self, s: Sentence) -> list[CodedEvent]:
        low = s.low
        subjects: dict[int, int | None] = {}
        out: list[CodedEvent] = []
        seen: set[tuple[str, str, str]] = set()
        opts = self.options
        for e in s.events:
            lo, hi = clause(low, e.verb_start)
            subj = self._subject(s, low, e.verb_start, lo, subjects)
            subjects.setdefault(e.verb_start, subj)
            src = e.source_slot if e.source_slot is not None else subj
            pairs: list[tuple[Mention | None, Mention | None]]
            held = _legal_passive(s, low, e, subj, hi) if e.source_slot is None else None
            if held is not None:
                pairs = held
            elif e.compound_slot is not None and s.mentions[e.compound_slot].start < e.verb_start:
                group = _members(s.mentions, e.compound_slot)
                pairs = [(a, b) for a in group for b in group if a.full_code != b.full_code]
                if len(group) >= MULTILATERAL and e.cameo.startswith("04"):
                    pairs = [(a, None) for a in group]
            else:
                sources = _members(s.mentions, src) if src is not None else []
                if e.compound_slot is not None:
                    tgt: int | None = e.compound_slot
                elif e.target_slot is not None:
                    tgt = e.target_slot
                    if _past_partners_purpose(low, e.verb_end, s.mentions[tgt].start):
                        tgt = None  # "working with its allies to impose costs on Russia"
                else:
                    exclude = {m.full_code for m in sources}
                    tgt = self._object(s, low, e, hi, exclude)
                    if tgt is None and e.cameo[:2] in ANTECEDENT_ROOTS:
                        tgt = _relative_antecedent(s, low, e.verb_start, exclude)
                    if (tgt is None or not s.mentions[tgt].code) and _joint_code(e.cameo, e.verb):
                        # an object with no actor ("organise a business forum together with
                        # the UAE") leaves the joint act's partner as its target
                        partner = _partner(s, low, lo, hi, exclude)
                        if partner is not None and _in_object_relative(
                            s, low, e.verb_end, s.mentions[partner].start
                        ):
                            partner = None  # "a solution that gives Ukraine ties with the EU"
                        tgt = partner if partner is not None else tgt
                    if tgt is None and e.cameo == PEACEKEEPING:
                        tgt = _protected(s, low, lo, hi, exclude)
                    if (
                        tgt is not None
                        and _joint_code(e.cameo, e.verb)
                        and len({m.code for m in sources}) >= 2
                        and _through_not_with(low, s.mentions[tgt].start)
                    ):
                        # "the presidents of Uzbekistan and Russia agreed on … for Uzbek
                        # migrants": a joint act of its two parties, not toward a beneficiary
                        tgt = None
                if e.source_slot is None and e.target_slot is not None:
                    # "sanctions were imposed on Kyrgyz banks by the United States": the
                    # pattern names the target, the passive's "by" phrase the source
                    agent = self._passive_by(s, low, e, hi)
                    if agent is not None and not isinstance(agent, bool):
                        sources = _members(s.mentions, agent)
                    elif agent is False and _participle_after_pattern_noun(low, e):
                        # "complies with the sanctions imposed by the US on Russia": the act is
                        # named in a noun phrase (background), not done by the clause's subject
                        sources = []
                reduced = (
                    _reduced_passive(s, low, e)
                    if e.source_slot is None and e.target_slot is None
                    else None
                )
                if reduced is not None:
                    # "the tests being conducted by Pyongyang": its agent, toward no one named;
                    # "villages in Ukraine destroyed by Russia": toward the state they are in
                    sources, tgt = (
                        _members(s.mentions, reduced),
                        _place_before(s, low, e.verb_start),
                    )
                elif e.source_slot is None and e.target_slot is None:
                    private = subj is not None and (
                        _private_people(s.mentions[subj]) or _speaker_suffers(s, low, e, subj)
                    )
                    by = self._passive_by(s, low, e, hi, private)
                    verbal = e.quad_class in VERBAL_QUAD_CLASSES
                    if verbal and (by is None or (by is False and self._progressive(low, e))):
                        continue  # framing: "is being challenged (by shifting loyalties)"
                    if by is not False:
                        sources, tgt = (_members(s.mentions, by) if by is not None else []), subj
                targets = _members(s.mentions, tgt) if tgt is not None else []
                if e.cameo.startswith("04"):
                    sources, targets = self._multilateral(s, sources, targets)
                none: list[Mention | None] = [None]
                pairs = [
                    (a, b)
                    for a in (sources or none)
                    for b in (targets or none)
                    if a is None or b is None or a.full_code != b.full_code
                ]
                # "[112:112]": "Bishkek and Dushanbe exchanged accusations", each at the other
                # (not private persons: "a fight between workers from A and B")
                reciprocal = any(
                    o.paired and o.verb_start == e.verb_start and o.cameo == e.cameo
                    for o in s.events
                ) and not any(_private_people(m) for m in sources or targets)
                if reciprocal and sources and not any(m.code for m in targets):
                    targets = []  # "exchanged fire near the village of Kok-Tash": a place
                if (
                    (_joint_code(e.cameo, e.verb) or reciprocal or _reciprocal_force(low, e))
                    and not e.passive
                    and bool(sources) != bool(targets)
                    and not _alternatives(low, sources or targets)
                ):
                    group = sources or targets
                    # a compound object is not a joint act of its members ("able and willing
                    # to support Azerbaijan and Armenia"); a compound subject is
                    between = preposition_before(low, group[0].start) == "between"
                    between = between and not _preamble(low, e.verb_start)
                    joint = _joint(group) if sources or between else []
                    pairs = (
                        _speakers_partners(s, low, group)
                        or ([] if _at_border(low, group) else joint)
                        or pairs
                    )
            if e.cameo.startswith("04") and e.source_slot is None and e.compound_slot is None:
                pairs = _nominal_meeting(s, low, lo, e.verb_start) or pairs
            if e.cameo.startswith("04"):
                pairs = _accredited_host(pairs, s, low)
                pairs = _visitor_to_host(pairs, s.venues)
            if "if" in low and e.cameo[:2] in COERCIVE_ROOTS and _announced(low, e.verb_start):
                pairs = [(a, b if b is not None else _condition_actor(s, low, a)) for a, b in pairs]
            for a, b in pairs:
                if e.passive:
                    a, b = b, a
                if (a is None and b is None) or (e.paired and (a is None or b is None)):
                    continue
                if opts.require_dyad and (a is None or b is None):
                    continue
                if (
                    a is not None
                    and b is not None
                    and a.code
                    and a.code == b.code
                    and e.cameo.startswith("03")
                    and s.speaker
                ):
                    continue  # a speech's "commitment of the Kyrgyz Republic to …": not to itself
                if (
                    s.speaker
                    and a is not None
                    and b is not None
                    and a.code == b.code == s.speaker
                    and (_first_person(a) or _first_person(b))
                ):
                    continue  # "I hope that we will …", "thanks to all who support Georgia"
                if _speaker_itself(s, a, b):
                    continue  # "I thank the members for their trust in us": not an act on itself
                if a is not None and b is not None and a.code == b.code and _appointment(e, low):
                    continue
                if _evacuation_of_own(e, a, b):
                    continue
                if _private_act(e) and any(
                    m is not None and _private_people(m) for m in ((a, b) if e.paired else (a,))
                ):
                    continue  # the host's side of a private visit goes too
                if a is not None and b is not None and a.code and _local_person(low, b):
                    b = evolve(
                        b, code=a.code, text=f"{b.text} ({INFERRED} a local person, {a.code})"
                    )
                if a is not None and a.code and _former_holder(low, a):
                    # a former office holder acts privately: the guide gives no state code
                    # ("a former president acting privately gets no state code"); the name
                    # stays as the source's text
                    a = evolve(a, code="")
                if (
                    b is not None
                    and b.code
                    and e.cameo[:2] == "04"
                    and _former_holder(low, b, named_only=True)
                ):
                    # a meeting is mutual: meeting an office holder the text calls former is
                    # no meeting with the state either
                    b = evolve(b, code="")
                if opts.require_actor and not any(m is not None and m.code for m in (a, b)):
                    continue
                key = (a.full_code if a else "", b.full_code if b else "", e.cameo)
                if key in seen:
                    continue
                seen.add(key)
                out.append(evolve(e, source=a, target=b))
        out = _drop_reports(out)
        for e in appraisals(s, low, out, _fields):
            assert e.source is not None and e.target is not None
            key = (e.source.full_code, e.target.full_code, e.cameo)
            if key not in seen:
                seen.add(key)
                out.append(e)
        return out

    def process(self, batch: Batch) -> Batch:
        return evolve(
            batch,
            sentences=tuple(evolve(s, events=tuple(self.roles(s))) for s in batch.sentences),
        )
