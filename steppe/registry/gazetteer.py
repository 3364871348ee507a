"""Resolve names to actor codes: official and common names, transliterations, demonyms,
capitals and seats used as metonyms, and office holders during their terms."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from steppe.domain.models import Alias, Period
from steppe.registry import gazetteer_cache
from steppe.registry.gazetteer_cache import Rows
from steppe.registry.loader import Registry, load_country_names

_FOLD = str.maketrans(
    {
        "ə": "e",
        "Ə": "e",
        "\u0131": "i",
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ß": "ss",
        "\u2019": "'",
        "\u02bb": "'",
        "\u02bc": "'",
        "\u2018": "'",
        "`": "'",
    }
)
_NON_WORD = re.compile(r"[^a-z0-9]+")
_POSSESSIVE = re.compile(r"'s\b")


def normalise(name: str) -> str:
    """Fold a surface form for lookup: case, diacritics, punctuation, possessives, "the".

    >>> normalise("the Kremlin's")
    'kremlin'
    >>> normalise("İlham Əliyev")
    'ilham eliyev'
    """
    text = unicodedata.normalize("NFKD", name.translate(_FOLD))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _NON_WORD.sub(" ", _POSSESSIVE.sub("", text).replace("'", "")).strip()
    return text[4:] if text.startswith("the ") else text


@dataclass(frozen=True)
class Match:
    """One way a name resolves: the actor, how (alias kind) and when it holds."""

    code: str
    kind: str
    valid: Period
    alias: str


class Gazetteer:
    """Name → actor-code lookup with validity dates.

    >>> gaz = Gazetteer.from_registry()
    >>> gaz.resolve("the Kremlin"), gaz.resolve("Tokayev", on=date(2023, 5, 1))
    ('RUS', 'KAZ')
    """

    def __init__(self, aliases: list[Alias]) -> None:
        # normalised name -> compact rows (what the on-disk cache holds); the Match objects of a
        # name are made on its first lookup
        self._rows: Rows = {}
        self._made: dict[str, list[Match]] = {}
        for a in aliases:
            self.add(a)

    @classmethod
    def from_registry(cls, registry: Registry | None = None) -> Gazetteer:
        """The gazetteer of ``registry`` (default: the packaged one, compiled once and then read
        from the user cache, see :mod:`steppe.registry.gazetteer_cache`)."""
        if registry is not None:
            return cls._build(registry)
        key = gazetteer_cache.cache_key()
        rows = gazetteer_cache.load(key) if key else None
        if rows is not None:
            gazetteer = cls([])
            gazetteer._rows = rows
            return gazetteer
        gazetteer = cls._build(Registry.load())
        if key:
            gazetteer_cache.save(key, gazetteer._rows)
        return gazetteer

    @classmethod
    def _build(cls, reg: Registry) -> Gazetteer:
        aliases = list(reg.aliases)
        for actor in reg.actors:
            aliases.append(Alias(actor.name, actor.code, "name", source=actor.source))
            aliases.append(Alias(actor.code, actor.code, "code", source=actor.source))
        for leader in reg.leaders:
            for form in (leader.person, *leader.variants):
                aliases.append(Alias(form, leader.code, "leader", leader.term, leader.source))
        gazetteer = cls(aliases)
        # every other state by its COW name and ISO3 code (as GDELT keeps unknown countries'
        # codes), unless the registry already uses the name
        for name, iso3 in load_country_names().items():
            if name not in gazetteer:
                gazetteer.add(Alias(name, iso3, "country", source="COW state list; ISO 3166-1"))
        return gazetteer

    def add(self, alias: Alias) -> None:
        key = normalise(alias.alias)
        if key:
            start, end = alias.valid.start, alias.valid.end
            row = (
                alias.code,
                alias.kind,
                start.toordinal() if start else None,
                end.toordinal() if end else None,
                alias.alias,
            )
            self._rows.setdefault(key, []).append(row)
            self._made.pop(key, None)

    def __contains__(self, name: str) -> bool:
        return normalise(name) in self._rows

    def _matches(self, key: str) -> list[Match]:
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = [
                Match(code, kind, Period(_day(start), _day(end)), alias)
                for code, kind, start, end, alias in self._rows.get(key, ())
            ]
        return made

    def matches(self, name: str, on: date | None = None) -> list[Match]:
        """Every match of ``name``; with ``on``, only those valid that day."""
        return [m for m in self._matches(normalise(name)) if on is None or m.valid.contains(on)]

    def resolve(self, name: str, on: date | None = None) -> str | None:
        """The one actor ``name`` denotes (on date ``on``), or ``None`` if unknown or ambiguous.

        Dated aliases (leaders, renamed capitals) count only inside their validity when
        ``on`` is given; without a date, an alias resolves if all its matches agree.
        """
        codes = {m.code for m in self.matches(name, on)}
        return codes.pop() if len(codes) == 1 else None

    def keys(self) -> list[str]:
        """All normalised surface forms (for phrase matchers)."""
        return list(self._rows)


def _day(ordinal: int | None) -> date | None:
    return None if ordinal is None else date.fromordinal(ordinal)
