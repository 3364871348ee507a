"""The values the coder's stages pass along: documents, sentences, actor mentions, events, the
batch, and the coder's options. Frozen, no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol, TypeVar

V = TypeVar("V")


def evolve(value: V, **changes: Any) -> V:
    """A copy of a frozen dataclass value with ``changes``: what ``dataclasses.replace`` does,
    without re-running ``__init__`` for every field (the coder copies tens of thousands of
    sentences and events per thousand articles; the values here have no ``__post_init__``).

    >>> d = Document("d1", "Text.", date(2024, 1, 1))
    >>> evolve(d, doc_id="d2").doc_id, d.doc_id
    ('d2', 'd1')
    >>> evolve(d, nope=1)
    Traceback (most recent call last):
    TypeError: Document has no field 'nope'
    """
    fields = type(value).__dataclass_fields__  # type: ignore[attr-defined]
    for name in changes:
        if name not in fields:
            raise TypeError(f"{type(value).__name__} has no field {name!r}")
    new = object.__new__(type(value))
    new.__dict__.update(value.__dict__)
    new.__dict__.update(changes)
    if "tokens" in changes:
        new.__dict__.pop("_low", None)  # a cached lower-casing of the old tokens
    return new


@dataclass(frozen=True)
class Document:
    """Text to code, with the date used for dated aliases and the events; ``precision`` of
    that date (``day``, ``month``, ``year``: a document dated ``2024-05`` is coded on 1 May
    with ``month``)."""

    doc_id: str
    text: str
    date: date
    precision: str = "day"
    speaker: str | None = None
    """The state whose statement the document is (a UN General Debate speech: the speaking
    state's code), to which its first person ("we", "my country", "my Government") refers."""


@dataclass(frozen=True)
class Mention:
    """An actor (or agent-only) noun phrase in tokens ``start:end``.

    ``code`` is the actor's code (a registry code, or a dictionary code that may already carry
    agents, e.g. ``USAGOV``; ``A/B`` names two actors; empty for an agent-only phrase such as
    "officials"); ``agent`` the agent codes found with it ("Russia's Foreign Ministry" -> RUS +
    GOV); ``prefix`` agent codes written before the actor's (``NGO~``); ``group`` numbers the
    members of one compound ("Kazakhstan and Uzbekistan"), ``-1`` when alone.

    >>> Mention(0, 2, "ARN", "MSF Arnor diplomat", "GOV", prefix="NGO").full_code
    'NGOARNGOV'
    >>> Mention(0, 1, "", "students", "EDU").full_code, Mention(0, 1, "USAGOV", "", "GOV").full_code
    ('---EDU', 'USAGOV')
    >>> Mention(0, 1, "GMWGOV", "West German world government", "WGO").full_code
    'GMWGOVWGO'

    ``tags`` of a sentence, when it has them, are Penn Treebank part-of-speech tags.
    """

    start: int
    end: int
    code: str
    text: str
    agent: str | None = None
    fuzzy: bool = False
    prefix: str | None = None
    group: int = -1

    @property
    def full_code(self) -> str:
        """PETRARCH-style code: prefix agents, the actor's code (``---`` if none), then agent
        codes not already part of it."""
        out = (self.prefix or "") + (self.code or "---")
        have = {out[k : k + 3] for k in range(0, len(out), 3)}
        for k in range(0, len(self.agent or ""), 3):
            part = (self.agent or "")[k : k + 3]
            if part and part not in have:
                out += part
                have.add(part)
        return out

    @property
    def codes(self) -> tuple[str, ...]:
        """The actor codes this phrase names (``A/B`` names two)."""
        return tuple(c for c in self.code.split("/") if c) or ("",)


@dataclass(frozen=True)
class CodedEvent:
    """An event found in a sentence; roles and flags are filled by later stages.

    ``passive``: the code goes from the pattern's target to its source (``[:code]`` or the
    second half of ``[a:b]``). ``*_slot`` index the sentence's mentions bound by the pattern's
    ``$``, ``+`` and ``%``.
    """

    verb: str
    verb_start: int
    verb_end: int
    cameo: str
    plover: str | None
    quad_class: int | None
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
    compound_slot: int | None = None
    paired: bool = False
    """The second event of a pair (``[a:b]``): kept only when both sides are known."""
    modality: str = "asserted"
    """How the text states it: ``asserted``, ``negated``, ``hypothetical``, ``future`` or
    ``reported`` (:mod:`steppe.coding.modality`)."""
    event_time: str = "document"
    """When it happened: ``document`` (as the document), ``past`` (dated by the text:
    ``event_date`` with ``event_precision``) or ``past_undated``."""
    event_date: date | None = None
    event_precision: str | None = None
    category: str | None = None
    """The PLOVER 2016 category by the manual's rules (:mod:`steppe.coding.plover2016`);
    ``plover`` is the same decision in the 2021 names, which the store keeps."""
    named: str | None = None
    """For an event coded from a verb or verb + noun frame that names a category without a
    CAMEO code of its own ("rejected", "staged demonstrations"): that 2016 category."""


@dataclass(frozen=True)
class Sentence:
    """A sentence: its tokens (and Penn Treebank tags when it came with a parse), actor
    mentions and events."""

    doc_id: str
    index: int
    text: str
    date: date
    tokens: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    events: tuple[CodedEvent, ...] = ()
    tags: tuple[str, ...] = ()
    verbs: tuple[int, ...] = ()
    """Positions of words taken for verbs (set by the event classifier)."""
    date_precision: str = "day"
    speaker: str | None = None
    """The document's speaking state (:attr:`Document.speaker`)."""
    venues: tuple[str, ...] = ()
    """States whose places the sentence names as where something happens ("in Kazan"):
    set by the actor recogniser, read for host and visitor of a meeting."""

    @property
    def low(self) -> list[str]:
        """The tokens lower-cased, computed once for all stages (do not modify the list).

        >>> s = Sentence("d", 0, "Kazakhstan Signed", date(2024, 1, 1), ("Kazakhstan", "Signed"))
        >>> s.low, evolve(s, tokens=("Russia",)).low
        (['kazakhstan', 'signed'], ['russia'])
        """
        cached: list[str] | None = self.__dict__.get("_low")
        if cached is None:
            cached = self.__dict__["_low"] = [t.lower() for t in self.tokens]
        return cached


@dataclass(frozen=True)
class Batch:
    documents: tuple[Document, ...] = ()
    sentences: tuple[Sentence, ...] = ()


class Stage(Protocol):
    def process(self, batch: Batch) -> Batch: ...


@dataclass(frozen=True)
class CoderOptions:
    """How strict the coder is about actors.

    ``require_dyad``: keep only events with both a source and a target (PETRARCH's
    ``require_dyad``). ``require_actor``: keep only events where at least one side names an
    actor, not just an agent ("officials said" alone is no event for the store).
    """

    require_dyad: bool = False
    require_actor: bool = True
