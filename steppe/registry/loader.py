"""Load the packaged registry: actors, aliases, leaders, memberships and event-code tables."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from steppe.domain.codes import quad_class
from steppe.domain.errors import RegistryError
from steppe.domain.models import (
    ACTOR_KINDS,
    LEADER_ROLES,
    MEMBERSHIP_ROLES,
    Actor,
    Alias,
    EventCode,
    Leader,
    Membership,
    Period,
)
from steppe.registry.files import parse_date, read_rows


def _opt_float(value: str) -> float | None:
    return float(value) if value else None


def _opt_int(value: str) -> int | None:
    return int(value) if value else None


def _where(name: str, line: int) -> str:
    return f"steppe/data/registry/{name} line {line}"


def _period(row: dict[str, str], start: str, end: str, where: str) -> Period:
    period = Period(parse_date(row.get(start, ""), where), parse_date(row.get(end, ""), where))
    if period.start and period.end and period.end < period.start:
        raise RegistryError(f"{where}: end {period.end} before start {period.start}")
    return period


def load_actors() -> tuple[Actor, ...]:
    actors = []
    for line, r in read_rows("registry", "actors.csv"):
        where = _where("actors.csv", line)
        if r["kind"] not in ACTOR_KINDS:
            raise RegistryError(f"{where}: unknown kind {r['kind']!r}")
        if not r.get("source"):
            raise RegistryError(f"{where}: actor {r['code']} has no source")
        actors.append(
            Actor(
                code=r["code"],
                name=r["name"],
                kind=r["kind"],
                iso3=r.get("iso3") or None,
                iso2=r.get("iso2") or None,
                cameo=r.get("cameo") or None,
                cow_code=_opt_int(r.get("cow_code", "")),
                region=r.get("region") or None,
                pole=r.get("pole") or None,
                lat=_opt_float(r.get("lat", "")),
                lon=_opt_float(r.get("lon", "")),
                source=r["source"],
            )
        )
    return tuple(actors)


def load_aliases() -> tuple[Alias, ...]:
    return tuple(
        Alias(
            r["alias"],
            r["code"],
            r["kind"],
            _period(r, "valid_from", "valid_to", _where("aliases.csv", line)),
            r["source"],
        )
        for line, r in read_rows("registry", "aliases.csv")
    )


def load_leaders() -> tuple[Leader, ...]:
    leaders = []
    for line, r in read_rows("registry", "leaders.csv"):
        where = _where("leaders.csv", line)
        if r["role"] not in LEADER_ROLES:
            raise RegistryError(f"{where}: unknown role {r['role']!r}")
        variants = tuple(v.strip() for v in r.get("variants", "").split("|") if v.strip())
        leaders.append(
            Leader(
                r["person"],
                variants,
                r["code"],
                r["role"],
                _period(r, "start", "end", where),
                r["source"],
            )
        )
    return tuple(leaders)


def load_memberships() -> tuple[Membership, ...]:
    out = []
    for line, r in read_rows("registry", "memberships.csv"):
        where = _where("memberships.csv", line)
        if r["role"] not in MEMBERSHIP_ROLES:
            raise RegistryError(f"{where}: unknown role {r['role']!r}")
        out.append(
            Membership(
                r["member"], r["org"], r["role"], _period(r, "start", "end", where), r["source"]
            )
        )
    return tuple(out)


def load_event_codes() -> tuple[EventCode, ...]:
    """CAMEO codes with Goldstein weights and PLOVER categories (``data/codes/cameo.csv``)."""
    return tuple(
        EventCode(
            r["code"],
            r["description"],
            float(r["goldstein"]),
            r["plover"] or None,
            quad_class(r["code"]),
        )
        for _, r in read_rows("codes", "cameo.csv")
    )


def load_country_names() -> dict[str, str]:
    """Country names (COW state list) -> ISO3, for states the registry does not describe
    (``data/reference/countries.csv``); states without an ISO3 code are left out. The official
    long forms of those states in ``data/reference/country_names.csv`` (rows with no note: no
    territory or aggregate; "Democratic People's Republic of Korea", "Lao People's Democratic
    Republic") name the same states, so they are added with their ISO3 code; inverted forms
    ("Korea, Dem. Rep.") are left to the statistics loaders."""
    names = {
        r["name"]: r["iso3"]
        for _, r in read_rows("reference", "countries.csv")
        if r.get("iso3") and r.get("name")
    }
    states = set(names.values())
    for _, r in read_rows("reference", "country_names.csv"):
        name, code = r.get("name") or "", r.get("code") or ""
        if code in states and not r.get("note") and "," not in name and "(" not in name:
            names.setdefault(name, code)
    return names


def load_icews_event_texts() -> dict[str, str]:
    """ICEWS event descriptions mapped to CAMEO codes (``data/codes/icews_cameo.csv``)."""
    return {r["event_text"]: r["cameo"] for _, r in read_rows("codes", "icews_cameo.csv")}


@dataclass(frozen=True)
class Registry:
    """Everything Steppe knows about actors, in memory, checked for consistency.

    >>> reg = Registry.load()
    >>> reg.actor("KAZ").name
    'Kazakhstan'
    """

    actors: tuple[Actor, ...]
    aliases: tuple[Alias, ...]
    leaders: tuple[Leader, ...]
    memberships: tuple[Membership, ...]

    @staticmethod
    @cache
    def load() -> Registry:
        reg = Registry(load_actors(), load_aliases(), load_leaders(), load_memberships())
        reg.check()
        return reg

    def check(self) -> None:
        """Raise :class:`RegistryError` if any row names an actor that does not exist."""
        codes = {a.code for a in self.actors}
        if len(codes) != len(self.actors):
            raise RegistryError("duplicate actor codes in actors.csv")
        refs = [("aliases.csv", a.code) for a in self.aliases]
        refs += [("leaders.csv", ldr.code) for ldr in self.leaders]
        refs += [("memberships.csv", c) for m in self.memberships for c in (m.member, m.org)]
        missing = sorted({f"{f}: {c}" for f, c in refs if c not in codes})
        if missing:
            raise RegistryError("unknown actor codes: " + ", ".join(missing))

    def actor(self, code: str) -> Actor:
        for a in self.actors:
            if a.code == code:
                return a
        raise RegistryError(f"no actor with code {code!r}")

    def cameo_codes(self) -> dict[str, str]:
        """CAMEO actor codes (country codes, IGO codes) mapped to Steppe codes."""
        out: dict[str, str] = {}
        for a in self.actors:
            for raw in (a.cameo or "").split("|"):
                if raw:
                    out[raw] = a.code
        for a in self.actors:
            if a.kind in ("state", "power") and a.iso3:
                out.setdefault(a.iso3, a.code)
        return out
