"""Actor recognition: dictionary and gazetteer phrases, agents, noun phrases and compounds.

Three passes over a sentence's tokens:

1. **Phrases.** At each token the longest of: a PETRARCH actor-dictionary phrase (when the
   coder has one; dated codes on the sentence's date), a registry gazetteer name (on the
   sentence's date; capitalised; short forms in capitals), an agent noun. A capitalised word
   of six or more letters that is none of these may match a gazetteer leader, capital or name
   at edit distance 1 (transliterations: Tokaev/Tokayev).
2. **Noun phrases.** Adjacent phrases join ("MSF Arnor diplomat" -> NGO + ARN + GOV,
   "Kazakh President Tokayev" -> KAZ + GOV); so do an actor and an agent across a possessive
   and a few modifiers ("Arnor's new foreign minister") or across modifiers alone ("Russian
   deputy foreign minister").
3. **Compounds.** Noun phrases listed with commas and "and"/"or" ("Mordor, the Shire,
   Fornost and Bree") share a group; agent-only phrases followed by "of"/"in"/"from" and actors
   take those actors ("the ambassadors of Arnor, Osgiliath and Gondor" -> three ``GOV``
   phrases; "lawmakers and officials in Fornost and Gondor" -> four).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from steppe.coding.dictionaries import ActorDictionary, Agent, AgentDictionary, PhraseIndex
from steppe.coding.model import Batch, Mention, Sentence, evolve
from steppe.domain.models import Period
from steppe.registry import Gazetteer, Registry, normalise

FUZZY_KINDS = frozenset({"leader", "capital", "name"})
MAX_ACTOR_WORDS = 12
"""Longest gazetteer name looked up, in tokens: the registry's official names reach ten
("Conference on Interaction and Confidence-Building Measures in Asia", "Organisation for
Security and Co-operation in Europe"); the lookup at a word is bounded by the longest name
that starts with it, so the cap costs nothing where names are short."""
PREPOSITIONS = frozenset({
    "of", "in", "on", "at", "by", "for", "with", "from", "to", "into", "onto", "between",
    "among", "against", "toward", "towards", "about", "over", "under", "near", "after",
    "before", "during", "through", "across", "within", "without", "around", "behind", "via",
    "like", "than", "including", "per", "since", "until", "amid", "upon", "despite", "beyond",
    "throughout"
})  # fmt: skip
DETERMINERS = frozenset({
    "the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "these", "those",
    "both", "either", "neither", "some", "all"
})  # fmt: skip
CONJUNCTIONS = frozenset({"and", "or", "nor", "&"})
_OTHER_FUNCTION_WORDS = frozenset({
    "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "do", "does",
    "did", "will", "would", "shall", "should", "may", "might", "can", "could", "must", "not",
    "n't", "no", "to", "that", "which", "who", "whom", "whose", "what", "when", "where", "why",
    "how", "if", "as", "so", "but", "yet", "while", "he", "she", "it", "they", "we", "i", "you",
    "him", "them", "us", "me", "said", "says", "'s", ",", ".", ";", ":", "--", "(", ")", '"', "'",
})  # fmt: skip
FUNCTION_WORDS = PREPOSITIONS | DETERMINERS | CONJUNCTIONS | _OTHER_FUNCTION_WORDS
AGENT_PREPOSITIONS = frozenset({"of", "in", "from"})
PLACE_KINDS = frozenset({"capital", "seat"})
LOCAL_KINDS = frozenset({"place"})
"""Regions and cities below the capital ("Yekaterinburg", "Samarkand region"): they give an
agent tied to them its state ("the Mayor of Yekaterinburg", "police in Kazan", "the Samarkand
court"); alone they are locations, never actors (CAMEO codes a city only through the
state's agents)."""
MEETING_NOUNS = frozenset({
    "meeting", "meetings", "summit", "summits", "talks", "format", "process", "forum",
    "conference", "declaration", "communique", "communiqué", "round", "platform", "dialogue",
    "consultations", "negotiations", "accords", "gathering", "agreement", "agreements",
    "treaty", "accord", "convention", "protocol", "charter", "memorandum", "memorandums",
    "package", "group",
})  # fmt: skip
"""Nouns a place name modifies as a venue ("the Tashkent meeting", "the Astana format") or
names ("the Paris Agreement", "the Minsk agreements", "the Minsk package", "the OSCE Minsk
Group"): the place is where, not who (CAMEO codes actors, and a city hosting talks is not a
party)."""
VAGUE = frozenset({
    "multiple", "various", "several", "many", "numerous", "other", "certain", "unnamed",
    "unspecified", "different", "some", "unidentified",
})  # fmt: skip
"""Quantifiers that leave an agent noun naming no one ("multiple actors", "various
parties"): such a phrase is no agent unless an actor follows ("several officials from
Kazakhstan")."""
THING_NOUNS = frozenset({
    "language", "languages", "speaking", "ruble", "rubles", "rouble", "roubles", "tenge",
    "som", "soms", "somoni", "manat", "manats", "sum", "yuan", "dollar", "dollars", "euro",
    "euros", "lira", "rial", "rials", "citizenship", "passport", "passports", "cuisine",
    "literature", "alphabet", "script", "dialect", "dialects",
})  # fmt: skip
"""Nouns a demonym modifies as a property, not as the people or state that acts ("a
Russian language exam", "5,000 Russian rubles", "Russian citizenship"): CAMEO codes the
state through its agents and people, and a language or currency is neither."""
CENTRAL_ASIA = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
COLLECTIVE_NOUNS = {
    "leaders": "GOV", "presidents": "GOV", "heads": "GOV", "governments": "GOV",
    "states": "", "countries": "", "nations": "", "republics": "", "partners": "",
    "neighbours": "", "neighbors": "",
}  # fmt: skip
MEETING_CONTEXT = frozenset({
    "meeting", "meetings", "summit", "consultative", "met", "gathered", "convened", "joint",
    "declaration", "communique", "communiqué",
})  # fmt: skip
"""Words that make a sentence about the leaders' forum itself: its collective is then the
Consultative Meeting (CAM), else the states one by one."""
FORUM = "CAM"


@lru_cache(maxsize=1)
def _forum_periods() -> tuple[tuple[str, Period], ...]:
    return tuple(
        (m.member, m.period)
        for m in Registry.load().memberships
        if m.org == FORUM and m.role == "member"
    )


def forum_members(on: date) -> tuple[str, ...]:
    """The members of the Consultative Meeting (CAM) on ``on``, from the registry.

    >>> forum_members(date(2024, 1, 1)), forum_members(date(2025, 12, 1))[0]
    (('KAZ', 'KGZ', 'TJK', 'TKM', 'UZB'), 'AZE')
    """
    return tuple(sorted(code for code, period in _forum_periods() if period.contains(on)))


def venue_context(low: list[str], start: int, end: int) -> bool:
    """Is the place name in ``low[start:end]`` named as the place of something: after
    "in"/"at", or before a meeting noun ("the Tashkent meeting")?

    >>> venue_context(["met", "in", "tashkent"], 2, 3), venue_context(["tashkent", "said"], 0, 1)
    (True, False)
    """
    before = low[start - 1] if start > 0 else ""
    after = low[end] if end < len(low) else ""
    return before in ("in", "at") or after in MEETING_NOUNS


CONFLICT_NOUNS = frozenset({
    "conflict", "conflicts", "crisis", "crises", "situation", "hostilities", "fighting",
    "violence", "truce", "ceasefire",
})  # fmt: skip
"""Nouns of a state of affairs that a state name after "in" locates ("the conflict in Syria",
"the crisis in and around Ukraine", "the truce in Yemen"): the state is where it is, no party
to what the clause does about it (the guide's venue rule: "venues are locations, not
actors"). ("war" is left out: "Russia's war in Ukraine" names the victim.)"""
_LOCATING = frozenset({"in", "and", "around", "within", "inside"})
_PARTIES = frozenset({"party", "parties", "side", "sides"})
_REGION_BEFORE_AMERICA = frozenset({"latin", "south", "central", "north"})


def located(low: list[str], start: int) -> bool:
    """Is the name at ``start`` the place of a conflict, crisis or situation named right
    before it ("the conflict in Syria", "a violent conflict in and around Ukraine")?

    >>> located(["the", "conflict", "in", "syria"], 3), located(["talks", "in", "syria"], 2)
    (True, False)
    """
    if start >= 4 and low[start - 2 : start] == ["such", "as"]:
        # "the conflicts in African countries, such as Mali, …": the examples of the places
        return any(
            low[j] == "in" and low[j - 1] in CONFLICT_NOUNS
            for j in range(start - 3, max(0, start - 9), -1)
        )
    if start < 2 or low[start - 1] not in ("in", "around"):
        return False
    k = start - 1
    while k > max(0, start - 4) and low[k] in _LOCATING:
        k -= 1
    # "the parties to the conflict in Iraq" stand for the state (PLOVER's own coding)
    return low[k] in CONFLICT_NOUNS and not _PARTIES.intersection(low[max(0, k - 4) : k])


def _where(low: list[str], i: int) -> bool:
    """Does the place at ``i`` say where something happens: "in Kazan", "at Akorda", "in the
    city of Kazan", "in the capital of Tatarstan"?"""
    if i > 0 and low[i - 1] in ("in", "at"):
        return True
    return (
        i > 3
        and low[i - 1] == "of"
        and low[i - 2] in ("city", "capital", "town", "village")
        and "in" in low[max(0, i - 5) : i - 2]
    )


def is_place(gazetteer: Gazetteer, name: str, on: date) -> bool:
    """Does ``name`` name only capitals or seats on ``on``?"""
    matches = gazetteer.matches(name, on)
    return bool(matches) and all(m.kind in PLACE_KINDS | LOCAL_KINDS for m in matches)


_COLLECTIVE_FIRST = frozenset({"the", "all", "five", "six", "central", "region", "regional"})


def _of_central_asia(low: list[str], i: int) -> bool:
    """ "(the) countries/states/nations of Central Asia" starts at ``i``."""
    k = i + 1 if low[i] in ("the", "all") else i
    return (
        k < len(low)
        and low[k] in COLLECTIVE_NOUNS
        and low[k] != "heads"
        and low[k + 1 : k + 4] == ["of", "central", "asia"]
    )


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


_normalise = lru_cache(maxsize=1 << 16)(normalise)
""":func:`~steppe.registry.normalise`, remembered per token."""


def _deletions(word: str) -> list[str]:
    """``word`` with one letter deleted, at each position.

    >>> _deletions("abc")
    ['bc', 'ac', 'ab']
    """
    return [word[:i] + word[i + 1 :] for i in range(len(word))]


TIME_SPANS = frozenset({
    "years", "months", "weeks", "days", "decades", "centuries", "hours",
})  # fmt: skip
"""Plural nouns of a span of time: "for thirty years", "in recent months" end a phrase."""


SUBJECT_FORMS = frozenset({"i", "we", "he", "she", "they"})
"""Pronouns in the subject case: never the object of a preposition."""


def preposition_before(low: list[str], start: int, lo: int = 0) -> str | None:
    """The preposition the noun phrase at ``start`` hangs from, if any, looking back over up
    to three determiners and modifiers (not before ``lo``).

    >>> preposition_before(["met", "in", "the", "capital", "astana"], 4)
    'in'
    >>> preposition_before(["russia", "said"], 0) is None
    True

    A span of time closes the phrase before it ("for thirty years Armenia occupied": Armenia
    is the subject, not the object of "for").

    >>> preposition_before(["for", "thirty", "years", "armenia"], 3) is None
    True

    A subject pronoun hangs from no preposition ("in that connection I would like to commend
    …": an opening phrase, then the subject).

    >>> preposition_before(["in", "that", "connection", "i"], 3) is None
    True

    So does the "that" of a fact or a statement (:data:`THAT_CLAUSE_HEADS`), which opens the
    clause whose subject the actor is.

    >>> preposition_before(["to", "the", "fact", "that", "armenia"], 4) is None
    True
    >>> preposition_before(["to", "stress", "that", "the", "russian"], 4) is None
    True
    """
    if low[start] in SUBJECT_FORMS:
        return None
    k = start - 1
    while (
        k >= lo
        and start - k <= 4
        and (low[k] in DETERMINERS or is_modifier(low[k]))
        and low[k] not in TIME_SPANS
    ):
        if low[k] == "that" and k > lo and low[k - 1] in THAT_CLAUSE_HEADS:
            return None  # "to the fact that Azerbaijan has fired": the clause's subject
        k -= 1
    return low[k] if k >= lo and low[k] in PREPOSITIONS else None


THAT_CLAUSE_HEADS = frozenset({
    "fact", "facts", "news", "evidence", "reality", "truth", "stress", "note", "emphasize",
    "emphasise", "underline", "underscore", "recall", "reiterate", "say", "state", "inform",
    "remind", "point", "add", "announce", "report", "confirm", "declare", "affirm", "reaffirm",
    "acknowledge", "recognize", "recognise", "mention", "highlight", "repeat",
})  # fmt: skip
"""Nouns and bare verbs whose "that" opens the clause that states them ("draw attention to
the fact that Azerbaijan has fired …", "I would like to stress that Russia has …"): the actor
after "that" is that clause's subject, not the object of the "to" before the noun or the
infinitive."""


def is_modifier(token: str) -> bool:
    """A word that may stand between an actor and its agent ("new", "senior", "Deputy").

    >>> is_modifier("senior"), is_modifier("of"), is_modifier(",")
    (True, False, False)
    """
    return token[:1].isalpha() and token.lower() not in FUNCTION_WORDS


@dataclass(frozen=True)
class _Atom:
    start: int
    end: int
    code: str | None
    agent: Agent | None
    fuzzy: bool = False


@dataclass
class _Phrase:
    start: int
    end: int
    code: str = ""
    agents: list[str] = field(default_factory=list)
    prefixes: list[str] = field(default_factory=list)
    fuzzy: bool = False
    group: int = -1

    def take(self, atom: _Atom) -> None:
        self.end = atom.end
        self.fuzzy = self.fuzzy or atom.fuzzy
        if atom.agent is not None:
            codes = self.prefixes if atom.agent.prefix else self.agents
            if atom.agent.code not in codes:
                codes.append(atom.agent.code)
        if atom.code and not self.code:
            self.code = atom.code

    def mention(self, tokens: tuple[str, ...]) -> Mention:
        return Mention(
            self.start,
            self.end,
            self.code,
            " ".join(tokens[self.start : self.end]),
            "".join(self.agents) or None,
            self.fuzzy,
            "".join(self.prefixes) or None,
            self.group,
        )


class ActorRecognizer:
    """Find actor noun phrases (see the module docstring) from the registry gazetteer, a
    PETRARCH actor dictionary, or both, with agents from the agents dictionary.

    Short gazetteer forms (three letters or fewer, e.g. "US") must be written in capitals.

    >>> agents = AgentDictionary({"foreign ministry": "GOV"})
    >>> rec = ActorRecognizer(Gazetteer.from_registry(), agents)
    >>> from steppe.coding.stages import tokenize
    >>> words = tokenize("Russia's Foreign Ministry thanked Tokajev")
    >>> s = Sentence("d", 0, "", date(2023, 5, 18), words)
    >>> [(m.code, m.agent, m.fuzzy) for m in rec.mentions(s)]
    [('RUS', 'GOV', False), ('KAZ', None, True)]
    """

    def __init__(
        self,
        gazetteer: Gazetteer | None,
        agents: AgentDictionary | None = None,
        actors: ActorDictionary | None = None,
        verb_words: frozenset[str] = frozenset(),
    ) -> None:
        self.gaz = gazetteer
        self.agents = agents or AgentDictionary()
        self.actors = actors
        self.verb_words = verb_words
        """Verb forms, which do not stand between an actor and its agent ("Russian police
        arrested students")."""
        self._fuzzy: dict[str, list[str]] = defaultdict(list)
        """Each fuzzy-matchable key, and each key with one letter deleted, -> the keys: two
        words within distance 1 share an entry (a deletion index)."""
        if gazetteer is not None:
            for key in gazetteer.keys():  # noqa: SIM118 - Gazetteer is not iterable
                if (
                    " " not in key
                    and len(key) >= 6
                    and any(m.kind in FUZZY_KINDS for m in gazetteer.matches(key))
                ):
                    for variant in {key, *_deletions(key)}:
                        self._fuzzy[variant].append(key)
        self._fuzzy_cache: dict[str, tuple[str, ...]] = {}
        keys = gazetteer.keys() if gazetteer is not None else []
        self._keys = frozenset(keys)
        self._plurals = {
            key + "s": key
            for key in self._keys
            if " " not in key
            and not key.endswith("s")
            and key + "s" not in self._keys
            and gazetteer is not None
            and all(m.kind == "demonym" for m in gazetteer.matches(key))
        }
        """Plural demonyms ("Uzbeks", "Russians") -> the demonym, which names the people's state."""
        self._first_words = (
            frozenset(k.split(" ", 1)[0] for k in keys) | {"the"} | frozenset(self._plurals)
        )
        """Words a gazetteer name can start with ("the" is folded away by the lookup)."""
        self._span: dict[str, int] = {}
        """First word -> the most words of a name that starts with it (names may hold a folded
        possessive, so a name of n words may span n + 1 tokens)."""
        for key in keys:
            words = key.split(" ")
            self._span[words[0]] = max(self._span.get(words[0], 0), len(words))
        for plural in self._plurals:
            self._span[plural] = max(self._span.get(plural, 0), 1)

    # ------------------------------------------------------------------ pass 1: phrases

    def _gazetteer(
        self, tokens: tuple[str, ...], norm: list[str], i: int, on: date
    ) -> tuple[int, str, str | None, str] | None:
        """(end, code, agent, place kind) of the longest gazetteer name at ``i``: the place
        kind is "venue" for capitals and seats, "local" for regions and cities, else "". A
        leader's
        name after their last term is the state with the agent ``ELI`` (CAMEO's code for
        former officials and elites: "Nazarbayev" in 2022 is KAZELI)."""
        assert self.gaz is not None
        if not tokens[i][:1].isupper() and not tokens[i][:1].isdigit():
            return None
        first = norm[i].split(" ", 1)[0]
        if first not in self._first_words:
            return None
        span = self._span.get(first, 0)
        if first == "the" and i + 1 < len(norm):
            span = max(span, 1 + self._span.get(norm[i + 1].split(" ", 1)[0], 0))
        for j in range(min(len(tokens), i + min(MAX_ACTOR_WORDS, span + 1)), i, -1):
            words = norm[i:j]
            if not words[-1] or not all(w or tokens[i + n] == "'s" for n, w in enumerate(words)):
                continue  # a possessive inside a name is folded away: "People's Republic"
            key = " ".join(w for w in words if w)
            if j - i == 1 and len(key.replace(" ", "")) <= 3 and not tokens[i].isupper():
                continue
            if j - i == 1 and key in self._plurals:
                key = self._plurals[key]
            if key not in self._keys and not key.startswith("the "):
                continue  # the lookup, which only folds a leading "the", would find nothing
            matches = self.gaz.matches(key, on)
            codes = {m.code for m in matches}
            if len(codes) == 1:
                kinds = {m.kind for m in matches}
                place = (
                    "local"
                    if kinds <= LOCAL_KINDS
                    else "venue"
                    if kinds <= PLACE_KINDS | LOCAL_KINDS
                    else ""
                )
                return j, codes.pop(), None, place
            if not matches:
                former = self._former(key, on)
                if former:
                    return j, former, "ELI", ""
        return None

    def _former(self, key: str, on: date) -> str | None:
        """The state of a leader whose every term ended before ``on``."""
        assert self.gaz is not None
        every = self.gaz.matches(key)
        if not every or any(m.kind != "leader" for m in every):
            return None
        if any(m.valid.end is None or m.valid.end >= on for m in every):
            return None
        codes = {m.code for m in every}
        return codes.pop() if len(codes) == 1 else None

    def _collective(self, low: list[str], i: int, on: date, regional: bool = True) -> _Atom | None:
        """A regional collective at ``i``: "Central Asian leaders", "the five states", "the
        region's presidents", "the six leaders" (from November 2025). Leaders in a sentence
        about their forum are the Consultative Meeting (CAM); otherwise the five Central Asian
        states one by one (``A/B`` codes), leaders and governments with the agent GOV. Only in
        news and in the Central Asian states' own speeches (``regional``): in another state's
        speech only "Central Asia(n)" names them, its "regional partners" are its own region's."""
        k = i
        if low[k] in ("the", "all"):
            k += 1
        number = None
        if k < len(low) and low[k] in ("five", "six"):
            number = low[k]
            k += 1
        region = False
        if (
            number is None
            and k + 3 < len(low)
            and low[k] in COLLECTIVE_NOUNS
            and low[k] != "heads"
            and low[k + 1 : k + 4] == ["of", "central", "asia"]
        ):  # "the countries of Central Asia": the same collective, the region named after
            agent = COLLECTIVE_NOUNS[low[k]]
            code = FORUM if agent and self._meeting(low) else "/".join(CENTRAL_ASIA)
            return _Atom(i, k + 4, code, Agent(agent) if agent and code != FORUM else None)
        if low[k : k + 2] == ["central", "asian"] or low[k : k + 3] == ["central", "asia", "'s"]:
            region = True
            k += 2 if low[k + 1] == "asian" else 3
        elif low[k : k + 2] == ["region", "'s"] or low[k : k + 1] == ["regional"]:
            region = True
            k += 2 if low[k] == "region" else 1
        if k >= len(low) or low[k] not in COLLECTIVE_NOUNS or not (region or number):
            return None
        if not regional and low[i : i + 2] != ["central", "asian"] and "central" not in low[i:k]:
            return None  # another state's speech: its "regional partners" are its region's
        if k == i or (number is None and low[i] == "all"):
            pass
        noun = low[k]
        end = k + 1
        if noun == "heads":
            if low[k + 1 : k + 3] != ["of", "state"]:
                return None
            end = k + 3
        agent = COLLECTIVE_NOUNS[noun]
        members = forum_members(on)
        if number == "six":
            if len(members) != 6:
                return None
            code = FORUM if agent else "/".join(members)
        elif agent and self._meeting(low):
            code = FORUM
        else:
            code = "/".join(CENTRAL_ASIA)
        return _Atom(i, end, code, Agent(agent) if agent and code != FORUM else None)

    @staticmethod
    def _meeting(low: list[str]) -> bool:
        return any(w in MEETING_CONTEXT for w in low)

    def _fuzzy_keys(self, word: str) -> tuple[str, ...]:
        if word not in self._fuzzy_cache:
            candidates = {k for v in (word, *_deletions(word)) for k in self._fuzzy.get(v, ())}
            found = sorted(
                k
                for k in candidates
                if damerau_levenshtein(word, k) <= 1 and not self._other_ending(word, k)
            )
            self._fuzzy_cache[word] = tuple(found)
        return self._fuzzy_cache[word]

    def _fuzzy_code(self, word: str, on: date) -> str | None:
        assert self.gaz is not None
        codes = {self.gaz.resolve(k, on) for k in self._fuzzy_keys(word)}
        return codes.pop() if len(codes) == 1 else None

    def _other_ending(self, word: str, key: str) -> bool:
        """Does ``word`` differ from the registry name ``key`` only in its last letter, where
        that makes another word rather than a misspelling or a transliteration, which the
        fuzzy match is for? So for a country's name, spelled one way in English ("Franco" /
        "France", "Germano" / "Germany"), and for any name when both last letters are vowels
        (an inflection or a surname); not for the transliterations of leaders' names
        ("Berdimuhamedow" / "Berdimuhamedov") or a dropped letter ("Kazakstan").

        >>> rec = ActorRecognizer(Gazetteer.from_registry())
        >>> rec._other_ending("franco", "france"), rec._other_ending("kazakstan", "kazakhstan")
        (True, False)
        >>> rec._other_ending("berdymukhamedow", "berdymukhamedov")
        False
        """
        if len(word) != len(key) or word[:-1] != key[:-1]:
            return False
        if word[-1] != key[-1] and word[-1] in "aeiouy" and key[-1] in "aeiouy":
            return True
        assert self.gaz is not None
        return all(m.kind == "name" for m in self.gaz.matches(key))

    def atoms(self, sentence: Sentence, venues: list[str] | None = None) -> list[_Atom]:
        """Pass 1: the longest actor or agent phrase at each position, left to right; the
        states of places named as venues ("in Kazan") go to ``venues``."""
        tokens, on = sentence.tokens, sentence.date
        low = [t.lower() for t in tokens]
        norm = [_normalise(t) for t in tokens] if self.gaz is not None else []
        found: list[_Atom] = []
        agents = self.agents.index
        central_asia = "asia" in low
        i = 0
        after_located = -1  # where the next item of a list of conflict places starts
        while i < len(tokens):
            best: _Atom | None = None
            if self.actors is not None and low[i] in self.actors:
                hit = self.actors.match(low, i, on)
                if hit is not None and any(t[:1].isupper() for t in tokens[i : hit[0]]):
                    best = _Atom(i, hit[0], hit[1], None)
            place = ""
            if self.gaz is not None:
                initial = tokens[i][:1]
                g = (
                    self._gazetteer(tokens, norm, i, on)
                    if initial.isupper() or initial.isdigit()
                    else None  # the gazetteer's names start with a capital or a digit
                )
                if g is not None and (best is None or g[0] > best.end):
                    best = _Atom(i, g[0], g[1], Agent(g[2]) if g[2] else None)
                    place = g[3]
                if (
                    low[i] in _COLLECTIVE_FIRST
                    and (
                        low[i] not in ("the", "all")
                        or (i + 1 < len(low) and low[i + 1] in _COLLECTIVE_FIRST)
                    )
                ) or (central_asia and _of_central_asia(low, i)):
                    c = self._collective(low, i, on, sentence.speaker in (None, *CENTRAL_ASIA))
                    if c is not None and (best is None or c.end > best.end):
                        best, place = c, ""
            if low[i] in agents:
                a = agents.match(low, i)
                if a is not None and (best is None or a[0] > best.end):
                    best, place = _Atom(i, a[0], None, a[1]), ""
            if (
                best is not None
                and best.end < len(low)
                and low[best.end] in THING_NOUNS
                and self._demonym(norm, best, on)
            ):
                i = best.end + 1  # "Russian language", "Russian rubles": a property
                continue
            if (
                best is not None
                and place
                and (place == "local" or self._venue(low, best))
                and not self._agents_place(low, found, best, agents)
            ):
                if venues is not None and best.code and _where(low, i):
                    venues.append(best.code)
                i = best.end  # "in Tashkent", "the Tashkent meeting": where, not who
                continue
            if best is not None and best.code is None and self._vague(low, best):
                i = best.end
                continue
            where = best is not None and bool(best.code) and (located(low, i) or i == after_located)
            if where or (
                best is not None
                and best.code
                and low[i] in ("america", "american")
                and i > 0
                and low[i - 1] in _REGION_BEFORE_AMERICA
            ):
                # "the conflicts in Syria, Libya and Ukraine": where (and the list with it);
                # "Latin America", "South America", "our Latin American partners": a region,
                # not the United States
                assert best is not None
                j = best.end
                while where and j < len(low) and low[j] in (",", "and", "or", "the"):
                    j += 1
                after_located = j if j > best.end else -1
                i = best.end
                continue
            if (
                best is None
                and self.gaz is not None
                and len(tokens[i]) >= 6
                and tokens[i][:1].isupper()
                and norm[i]
                and not self._plural_of_name(norm[i], on)
            ):
                code = self._fuzzy_code(norm[i], on)
                if code:
                    best = _Atom(i, i + 1, code, None, fuzzy=True)
            if best is None and self.gaz is not None and "-" in tokens[i]:
                code = self._hyphenated(tokens[i], on)
                if code:
                    best = _Atom(i, i + 1, code, None)
            if best is None:
                i += 1
                continue
            if best.code is not None or best.agent is not None:
                found.append(best)
            i = best.end
        return found

    def _plural_of_name(self, word: str, on: date) -> bool:
        """Is ``word`` a name with a plural "s" ("Americas", "Koreas")? Such a word names a
        region or several states, not the state a typo-tolerant match would give it."""
        assert self.gaz is not None
        return word.endswith("s") and bool(self.gaz.matches(word[:-1], on))

    def _hyphenated(self, token: str, on: date) -> str | None:
        """The states a hyphenated pair or chain names ("Kyrgyz-Tajik border", "the
        China-Kyrgyzstan-Uzbekistan railway"), as an ``A/B`` code: each part must be a
        capitalised gazetteer name of one actor, and they must differ.

        >>> rec = ActorRecognizer(Gazetteer.from_registry())
        >>> day = date(2022, 9, 16)
        >>> rec._hyphenated("Kyrgyz-Tajik", day), rec._hyphenated("Coca-Cola", day)
        ('KGZ/TJK', None)
        """
        assert self.gaz is not None
        codes: list[str] = []
        for part in token.split("-"):
            if not part[:1].isupper():
                return None
            found = {m.code for m in self.gaz.matches(_normalise(part), on)}
            if len(found) != 1:
                return None
            codes.append(found.pop())
        return "/".join(codes) if len(set(codes)) == len(codes) > 1 else None

    def _demonym(self, norm: list[str], atom: _Atom, on: date) -> bool:
        """Is the gazetteer phrase ``atom`` a demonym ("Russian", "Kyrgyz") and nothing else?"""
        if self.gaz is None or atom.agent is not None:
            return False
        matches = self.gaz.matches(" ".join(w for w in norm[atom.start : atom.end] if w), on)
        return bool(matches) and all(m.kind == "demonym" for m in matches)

    @staticmethod
    def _agents_place(
        low: list[str], found: list[_Atom], atom: _Atom, agents: PhraseIndex[Agent]
    ) -> bool:
        """Is the place ``atom`` the place of an agent: right after an agent noun and "in",
        "of" or "from" ("police in Kazan", "the Mayor of Yekaterinburg"), or after actors
        listed there ("the delegations of Tajikistan and the Republic of Tatarstan"), or right
        before one ("the Samarkand regional court")? CAMEO codes such an agent with its
        state."""
        j, end = len(found) - 1, atom.start
        while j >= 0 and found[j].code is not None:  # "delegations of Tajikistan and the …"
            gap = low[found[j].end : end]
            if not gap or not all(w in (",", "and") or w in DETERMINERS for w in gap):
                return False
            j, end = j - 1, found[j].start
        if j >= 0 and found[j].code is None and found[j].agent is not None:
            gap = low[found[j].end : end]
            if 1 <= len(gap) <= 2 and gap[0] in AGENT_PREPOSITIONS:
                return all(w in DETERMINERS for w in gap[1:])
        k = atom.end
        while k < len(low) and k - atom.end < 2 and low[k] in ("region", "regional", "city"):
            k += 1
        return k < len(low) and low[k] in agents and agents.match(low, k) is not None

    @staticmethod
    def _venue(low: list[str], atom: _Atom) -> bool:
        return venue_context(low, atom.start, atom.end)

    @staticmethod
    def _vague(low: list[str], atom: _Atom) -> bool:
        """An agent noun after a vague quantifier, with no actor following it."""
        before = low[atom.start - 1] if atom.start > 0 else ""
        after = low[atom.end] if atom.end < len(low) else ""
        return before in VAGUE and after not in AGENT_PREPOSITIONS

    # ------------------------------------------------------------------ pass 2: phrases

    def _joins(self, phrase: _Phrase, atom: _Atom, s: Sentence) -> bool:
        tokens = s.tokens
        if atom.start == phrase.end:
            if atom.agent is not None:
                return True
            return not phrase.code or bool(phrase.agents or phrase.prefixes)
        if atom.agent is None or not phrase.code or atom.start - phrase.end > 5:
            return False  # at most "'s" and four modifiers between an actor and its agent
        gap = [t.lower() for t in tokens[phrase.end : atom.start]]
        if gap[0] == "'s":
            rest = gap[1:]
            return len(rest) <= 4 and all(
                is_modifier(w) or (w == "and" and 0 < k < len(rest) - 1) for k, w in enumerate(rest)
            )
        return len(gap) <= 2 and all(
            is_modifier(w) and not self._verb_like(s, phrase.end + k, w) for k, w in enumerate(gap)
        )

    def _verb_like(self, s: Sentence, i: int, word: str) -> bool:
        if s.tags:
            return s.tags[i].startswith("VB")
        return word in self.verb_words

    def _phrases(self, atoms: list[_Atom], s: Sentence) -> list[_Phrase]:
        out: list[_Phrase] = []
        for atom in atoms:
            if out and self._joins(out[-1], atom, s):
                out[-1].take(atom)
                continue
            p = _Phrase(atom.start, atom.start)
            p.take(atom)
            out.append(p)
        return out

    # ------------------------------------------------------------------ pass 3: compounds

    @staticmethod
    def _coordinated(
        tokens: tuple[str, ...], a: _Phrase, b: _Phrase, verbs: frozenset[str] = frozenset()
    ) -> tuple[bool, bool]:
        """(may the two phrases be list members, does the gap hold a conjunction). Verbs in
        the gap make it two clauses' subject and object ("troops entered and attacked
        villages"), not a list, unless a determiner makes the form a noun."""
        gap = [t.lower() for t in tokens[a.end : b.start]]
        if not gap or len(gap) > 4:
            return False, False
        if any(
            w.isalpha() and w in verbs and (k == 0 or gap[k - 1] not in DETERMINERS)
            for k, w in enumerate(gap)
        ):
            return False, False
        ok = all(
            w == "," or w in CONJUNCTIONS or w in DETERMINERS or (w.isalpha() and is_modifier(w))
            for w in gap
        )
        ok = ok and any(w == "," or w in CONJUNCTIONS for w in gap)
        return ok, any(w in CONJUNCTIONS for w in gap)

    def _lists(self, phrases: list[_Phrase], tokens: tuple[str, ...]) -> list[list[_Phrase]]:
        """Runs of coordinated phrases; a run held together by commas alone is split."""
        runs: list[list[_Phrase]] = []
        conj: list[bool] = []
        for p in phrases:
            if runs:
                ok, has_conj = self._coordinated(tokens, runs[-1][-1], p, self.verb_words)
                if ok:
                    runs[-1].append(p)
                    conj[-1] = conj[-1] or has_conj
                    continue
            runs.append([p])
            conj.append(False)
        for n in range(len(runs)):
            if len(runs[n]) < 2 or (n + 1 < len(runs) and runs[n][-1].end >= runs[n + 1][0].start):
                continue
            after = [t.lower() for t in tokens[runs[n][-1].end : runs[n][-1].end + 2]]
            if after[:1] in (["and"], ["or"]) or after in ([",", "and"], [",", "or"]):
                # "China, Russia, the United States and the States of the European Union", "the
                # United States, the European Union, and international financial institutions":
                # the last item is too long or no actor, but "(,) and" still closes a list
                conj[n] = True
        out: list[list[_Phrase]] = []
        for run, c in zip(runs, conj, strict=True):
            together = c or len(run) == 1 or self._headline_subjects(run, tokens)
            out.extend([run] if together else [[p] for p in run])
        return _people_of_states(out, tokens)

    def _headline_subjects(self, run: list[_Phrase], tokens: tuple[str, ...]) -> bool:
        """A headline's subjects joined by a comma alone, right before their verb, at the start
        ("Lukashenko, Tokayev discuss situation in Kazakhstan"; "Moscow, Beijing concerned
        over …")."""
        if len(run) != 2 or run[0].start != 0 or run[-1].end >= len(tokens):
            return False
        if [t.lower() for t in tokens[run[0].end : run[1].start]] != [","]:
            return False
        nxt = tokens[run[-1].end]
        return nxt.islower() and (nxt in self.verb_words or nxt.endswith("ed"))

    @staticmethod
    def _agent_of(tokens: tuple[str, ...], left: list[_Phrase], right: list[_Phrase]) -> bool:
        if any(p.code for p in left) or not all(p.code for p in right):
            return False
        gap = [t.lower() for t in tokens[left[-1].end : right[0].start]]
        return (
            len(gap) in (1, 2)
            and gap[0] in AGENT_PREPOSITIONS
            and all(w in DETERMINERS for w in gap[1:])
        )

    def mentions(self, sentence: Sentence, venues: list[str] | None = None) -> list[Mention]:
        tokens = sentence.tokens
        phrases = self._phrases(self.atoms(sentence, venues), sentence)
        runs = self._lists(phrases, tokens)
        merged: list[list[_Phrase]] = []
        k = 0
        while k < len(runs):
            n = len(runs[k])
            while n > 0 and not runs[k][n - 1].code:
                n -= 1
            agents = runs[k][n:]
            if agents and k + 1 < len(runs) and self._agent_of(tokens, agents, runs[k + 1]):
                start, end = agents[0].start, runs[k + 1][-1].end
                merged.append(
                    runs[k][:n]
                    + [
                        _Phrase(
                            start,
                            end,
                            actor.code,
                            agent.agents + actor.agents,
                            agent.prefixes + actor.prefixes,
                            actor.fuzzy,
                        )
                        for agent in agents
                        for actor in runs[k + 1]
                    ]
                )
                k += 2
                continue
            merged.append(runs[k])
            k += 1
        out: list[Mention] = []
        for g, run in enumerate(merged):
            for p in run:
                p.group = g if len(run) > 1 else -1
                out.append(p.mention(tokens))
        return out

    def process(self, batch: Batch) -> Batch:
        out = []
        for s in batch.sentences:
            venues: list[str] = []
            mentions = own_agents(s, first_person(s, self.mentions(s, venues)))
            out.append(evolve(s, mentions=tuple(mentions), venues=tuple(venues)))
        return evolve(batch, sentences=tuple(out))


def own_agents(s: Sentence, mentions: list[Mention]) -> list[Mention]:
    """An agent after "its" that is told to do something ("Kyrgyzstan urged its citizens to
    avoid travel", "the ministry ordered its diplomats to leave") is the agent of the nearest
    actor named before it in the sentence: "its" refers back to a singular entity, and CAMEO
    codes citizens, troops and officials as their state or organisation ("a country code
    followed by a role"). Only before "to" (the object of an appeal, advice or order: the
    state addresses its own people, a domestic act the guide codes state -> same state); not
    across ";" or ":".

    >>> from steppe.coding.stages import tokenize
    >>> t = tokenize("Kyrgyzstan urged its citizens to leave")
    >>> s = Sentence("d", 0, "", date(2024, 9, 24), t)
    >>> [(m.text, m.code) for m in own_agents(s, [Mention(0, 1, "KGZ", "Kyrgyzstan"),
    ...                                        Mention(3, 4, "", "citizens", "CVL")])]
    [('Kyrgyzstan', 'KGZ'), ('its citizens', 'KGZ')]
    """
    toks = s.tokens
    out: list[Mention] = []
    for m in mentions:
        if (
            not m.code
            and m.agent
            and m.start > 0
            and toks[m.start - 1].lower() == "its"
            and toks[m.end : m.end + 1] == ("to",)
        ):
            owner = next(
                (o for o in reversed(out) if o.code and o.end <= m.start - 1),
                None,
            )
            if owner is not None and not {";", ":"} & set(toks[owner.end : m.start]):
                text = f"{toks[m.start - 1]} {m.text}"
                m = evolve(m, start=m.start - 1, code=owner.code, text=text)
        out.append(m)
    return out


FIRST_PERSON = {"we": None, "us": None, "I": "GOV", "me": "GOV"}
"""First-person pronouns of a speaking state's statement and their agents ("I" is the head of
its delegation). Matched as written, so that "US" stays the United States."""
FIRST_PERSON_NOUNS = {
    "country": None, "state": None, "nation": None, "territory": None, "territories": None,
    "land": None, "lands": None, "soil": None, "cities": None, "towns": None,
    "government": "GOV", "delegation": "GOV",
}  # fmt: skip
"""Nouns that, after "my" or "our", name the speaking state itself ("my country", "our
Government", "my delegation", "an attack on our territory", "occupied our lands", "shelled
our cities": the state's land and towns as the target of force); other agent nouns after them
("our citizens") are the state's agents."""


def _people_of_states(runs: list[list[_Phrase]], tokens: tuple[str, ...]) -> list[list[_Phrase]]:
    """ "Shavkat Mirziyoyev of Uzbekistan and Vladimir Putin of Russia": the two people are the
    coordinated pair, each with the state named after "of" (their own), not the first state
    and the second person."""
    if not any(len(r) == 2 for r in runs[1:-1]):
        return runs
    low = [t.lower() for t in tokens]
    out = list(runs)
    k = 1
    while k + 1 < len(out):
        a, mid, y = out[k - 1], out[k], out[k + 1]
        if len(a) == 1 and len(mid) == 2 and len(y) == 1:
            x, b = mid
            if (
                low[a[0].end : x.start] == ["of"]
                and low[b.end : y[0].start] == ["of"]
                and a[0].code == x.code
                and b.code == y[0].code
                and low[x.end : b.start] == ["and"]
            ):
                out[k - 1 : k + 2] = [[a[0], b], [x], y]
        k += 1
    return out


def first_person(s: Sentence, mentions: list[Mention]) -> list[Mention]:
    """The mentions with the speaking state's first person added, when the sentence's
    document has a speaker (a UN General Debate speech). The annotation guide (section 2,
    "Speeches"): "in a UN General Debate speech, 'we', 'my country', 'my Government' are the
    speaking state"; CAMEO codes a state's officials as the state ("a country code followed
    by a role"), and the speaker is the head of the state's delegation.

    >>> from steppe.coding.stages import tokenize
    >>> s = Sentence("d", 0, "", date(2021, 9, 21), tokenize("We thank the US and my Government"),
    ...              speaker="KGZ")
    >>> [(m.text, m.code, m.agent) for m in first_person(s, [])]
    [('We', 'KGZ', None), ('my Government', 'KGZ', 'GOV')]

    An agent after "my" or "our" is the speaking state's ("our citizens": KGZ with CVL);
    "the Secretary-General" and "our Organization" are the UN's (:func:`_speech_un`).
    """
    if not s.speaker:
        return mentions
    toks = s.tokens
    owned = [
        evolve(m, start=m.start - 1, code=s.speaker, text=f"{toks[m.start - 1]} {m.text}")
        if not m.code and m.start > 0 and toks[m.start - 1].lower() in ("my", "our")
        else m
        for m in mentions
    ]  # "our citizens", "my Government": the speaking state's own agents
    # an agent-only "Secretary-General" (no organisation named) is the UN's, below
    mentions = [m for m in owned if m.code or not _speech_un(toks, m.start)]
    taken = {k for m in mentions for k in range(m.start, m.end)}
    added: list[Mention] = []
    for k, t in enumerate(toks):
        if k in taken:
            continue
        word = "we" if t in ("We", "WE") else t
        if word in FIRST_PERSON:
            added.append(Mention(k, k + 1, s.speaker, t, FIRST_PERSON[word]))
        elif word.lower() in ("my", "our") and k + 1 < len(toks) and k + 1 not in taken:
            noun = toks[k + 1].lower()
            if noun in FIRST_PERSON_NOUNS:
                text = f"{t} {toks[k + 1]}"
                added.append(Mention(k, k + 2, s.speaker, text, FIRST_PERSON_NOUNS[noun]))
            elif _owned_object(toks, k):
                added.append(Mention(k, k + 1, s.speaker, t))
        elif k not in taken and k - 1 not in taken:
            un = _speech_un(toks, k)
            if un:
                office = next(
                    (m for m in mentions if not m.code and m.end == k - 2 and m.agent), None
                )
                if office is not None and toks[k - 2] == "of" and toks[k] == "General":
                    # "the President of the General Assembly": the office holder, the UN's
                    mentions = [m for m in mentions if m is not office]
                    text = " ".join(toks[office.start : k + un[0]])
                    added.append(Mention(office.start, k + un[0], "UN", text, office.agent))
                    continue
                added.append(Mention(k, k + un[0], "UN", " ".join(toks[k : k + un[0]]), un[1]))
    if not added:
        return mentions
    return _with_speaker(toks, sorted([*mentions, *added], key=lambda m: m.start), s.speaker)


_SPEAKER_HEADS = frozenset({"i", "we", "my", "our"})
CLAUSE_STARTS = frozenset({
    "", ",", ";", ":", "—", "–", "-", "(", "that", "when", "after", "before", "since", "as",
    "while", "because", "and", "but", "then", "also", "together", "recently", "today",
    "yesterday", "ago", "year", "month", "week", "spring", "summer", "autumn", "winter",
    "later", "earlier", "meanwhile", "where", "once", "so",
})  # fmt: skip
"""Words after which a compound with the speaker opens a clause as its subject ("Last month
President X and I met", "In 2019 X and my country signed", "…, and Kazakhstan and my
country agreed")."""


def _speaker_head(m: Mention) -> bool:
    """Is the mention the speaker's first person ("I", "we", "my country", "our Government")?"""
    return m.text.split(" ")[0].lower() in _SPEAKER_HEADS


def _with_speaker(toks: tuple[str, ...], mentions: list[Mention], speaker: str) -> list[Mention]:
    """A speech's first person joined by "and" to another actor is one compound with it
    ("President Putin and I met", "my country and Kazakhstan signed", "between Russia and
    us"): the speaker is a member of the compound, as a named state would be ("Russia and
    Japan met"), so that a joint act pairs the two. Only where the compound opens a clause
    (:data:`CLAUSE_STARTS`, a year) or follows "between": after a verb or another
    preposition the actor is an object or a place ("we condemned Russia and we imposed …",
    "we went to Kazakhstan and I signed …").

    >>> from steppe.coding.stages import tokenize
    >>> toks = tokenize("President Putin and I met")
    >>> out = _with_speaker(toks, [Mention(0, 2, "RUS", "President Putin"),
    ...                            Mention(3, 4, "JPN", "I", "GOV")], "JPN")
    >>> [m.group for m in out]
    [0, 0]
    """
    out = list(mentions)
    for n in range(len(out) - 1):
        a, b = out[n], out[n + 1]
        if b.start != a.end + 1 or toks[a.end].lower() != "and":
            continue
        own = [m for m in (a, b) if m.code == speaker and _speaker_head(m)]
        other = [m for m in (a, b) if m.code and m.code != speaker]
        if len(own) != 1 or len(other) != 1 or (a.group >= 0 and b.group >= 0):
            continue
        first = min((m.start for m in out if a.group >= 0 and m.group == a.group), default=a.start)
        before = toks[first - 1].lower() if first > 0 else ""
        if not (before == "between" or before in CLAUSE_STARTS or before.isdigit()):
            continue  # "we condemned Russia and we imposed …": an object, then a new clause
        group = a.group if a.group >= 0 else b.group
        if group < 0:
            group = max((m.group for m in out), default=-1) + 1
        out[n], out[n + 1] = evolve(a, group=group), evolve(b, group=group)
    return out


ADDRESSING = frozenset({"on", "upon", "thank", "urge", "ask", "invite"})
"""The words before "the General Assembly" that address it in a speech (an appeal's particle,
thanks, a request): the UN's organ addressed, as "the Assembly" after a verb is."""


OWN_STANCE = frozenset({
    "readiness", "willingness", "commitment", "determination", "intention", "gratitude",
    "appreciation", "thanks", "condolences", "congratulations", "concern", "concerns",
    "position", "views", "view", "support", "solidarity", "sympathy", "respect",
})  # fmt: skip
"""What a speaker conveys as its own ("convey our readiness to resume talks", "express my
gratitude"): the speaker's stance, not an object the act is done to."""


def _owned_object(toks: Sequence[str], k: int) -> bool:
    """Is "our" or "my" at ``k`` the start of a verb's direct object ("Tajikistan rejected our
    proposal", "partners have praised our compliance", "Russia supported my candidacy")? The
    act on the speaking state's proposal, compliance or candidacy is an act toward the state
    (a speech's "we" and "my country" are the speaking state, the guide's section 2); after a
    preposition, a conjunction, an auxiliary or a form of "be" ("in our region", "is our
    priority") it is no object.

    >>> _owned_object(("Tajikistan", "rejected", "our", "proposal"), 2)
    True
    >>> _owned_object(("security", "in", "our", "region"), 2)
    False
    """
    if k == 0 or k + 1 >= len(toks) or toks[k + 1].lower() in OWN_STANCE:
        return False
    before = toks[k - 1]
    return (
        before[:1].islower()
        and before.isalpha()
        and before not in FUNCTION_WORDS
        and not before.endswith("ly")
        and toks[k + 1][:1].isalpha()
    )


def _names_another(toks: Sequence[str], k: int) -> bool:
    """Does "Organization" go on at ``k`` into another organisation's name ("the Organization
    of Islamic Cooperation", "the Organization of the Black Sea Economic Cooperation")?

    >>> _names_another(("Organization", "of", "the", "Islamic", "Cooperation"), 1)
    True
    """
    if toks[k : k + 1] not in (("of",), ("for",)):
        return False
    nxt = (
        toks[k + 2] if toks[k + 1 : k + 2] == ("the",) else toks[k + 1] if k + 1 < len(toks) else ""
    )
    return nxt[:1].isupper()


def _speech_un(toks: tuple[str, ...], k: int) -> tuple[int, str | None] | None:
    """In a General Debate speech, "the Secretary-General" (or "Secretary General"), "our/this
    Organization" and "the Assembly" addressed after a verb ("I assure the Assembly") are the
    United Nations' (its Secretary-General with the agent GOV), and so is "the Security
    Council" when no name before it says whose: the speech is addressed to the UN, and the
    guide codes officials and organs as their organisation. (Width, agent) or ``None``; a
    Secretary-General after another organisation's name is that organisation's."""
    if toks[k] == "Secretary-General":
        return 1, "GOV"
    if toks[k] == "Secretary" and toks[k + 1 : k + 3] == ("-", "General"):
        return 3, "GOV"
    if toks[k : k + 2] == ("Secretary", "General"):
        return 2, "GOV"  # the transcripts' "the Secretary General's proposals": no hyphen
    if toks[k : k + 2] == ("General", "Assembly") and toks[max(0, k - 3) : k] == (
        "President",
        "of",
        "the",
    ):
        # "the President of the General Assembly": an office of the UN's organ (the session
        # of the General Assembly is where the speech is given, no actor)
        return 2, None
    if (
        toks[k] == "Organization"
        and k > 0
        and toks[k - 1].lower() in ("our", "this", "the")
        and not _names_another(toks, k + 1)
    ):
        return 1, None
    if toks[k : k + 2] == ("Security", "Council") and not (
        k > 0 and toks[k - 1][:1].isupper() and toks[k - 1] != "The"
    ):
        return 2, None  # the UN's organ, unless a name before it says whose
    if (
        toks[k] == "Assembly"
        and k > 1
        and toks[k - 1].lower() in ("this", "the")
        and toks[k - 2][:1].isalpha()
        and toks[k - 2][:1].islower()
    ):
        return 1, None  # "I expect the Assembly to …": the General Assembly addressed
    if (
        toks[k : k + 2] == ("General", "Assembly")
        and k > 1
        and toks[k - 1] == "the"
        and (
            toks[k - 2].lower() in ADDRESSING
            or (toks[k - 2] == "to" and toks[k - 3 : k - 2] in (("appeal",), ("appeals",)))
        )
    ):
        return 2, None  # "I call on the General Assembly to …", "I thank the General Assembly"
    return None
