"""Frozen domain values. No I/O here: loaders live in ``steppe.registry`` and ``steppe.store``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

ActorKind = Literal["state", "power", "bloc", "organisation", "format"]
ACTOR_KINDS: tuple[str, ...] = ("state", "power", "bloc", "organisation", "format")
MembershipRole = Literal["member", "observer", "partner"]
MEMBERSHIP_ROLES: tuple[str, ...] = ("member", "observer", "partner")
LEADER_ROLES: tuple[str, ...] = (
    "head_of_state", "head_of_government", "foreign_minister", "official"
)  # fmt: skip
"""``official``: another senior office holder whose name stands for the state in the news
(ministers, spokespersons, heads of parliament chambers and agencies, heads of organisations)."""


@dataclass(frozen=True, slots=True)
class Actor:
    """A state, power, bloc, organisation or diplomatic format, with its cross-codes.

    >>> Actor("KAZ", "Kazakhstan", "state", iso3="KAZ", cow_code=705).is_state
    True
    """

    code: str
    name: str
    kind: str
    iso3: str | None = None
    iso2: str | None = None
    cameo: str | None = None
    cow_code: int | None = None
    region: str | None = None
    pole: str | None = None
    lat: float | None = None
    lon: float | None = None
    source: str = ""

    @property
    def is_state(self) -> bool:
        return self.kind in ("state", "power")


@dataclass(frozen=True, slots=True)
class Period:
    """A closed date interval; ``None`` ends are open.

    >>> Period(date(2019, 3, 20), None).contains(date(2023, 1, 1))
    True
    """

    start: date | None = None
    end: date | None = None

    def contains(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Alias:
    """A surface form that names an actor, possibly only during ``valid``."""

    alias: str
    code: str
    kind: str
    valid: Period = Period()
    source: str = ""


@dataclass(frozen=True, slots=True)
class Leader:
    """A person holding an office of a state or bloc for a term."""

    person: str
    variants: tuple[str, ...]
    code: str
    role: str
    term: Period
    source: str = ""


@dataclass(frozen=True, slots=True)
class Membership:
    """An actor's membership of an organisation or format, with role and dates."""

    member: str
    org: str
    role: str
    period: Period
    source: str = ""


@dataclass(frozen=True, slots=True)
class EventCode:
    """A CAMEO event code with its Goldstein weight and PLOVER category."""

    code: str
    description: str
    goldstein: float
    plover: str | None
    quad_class: int
