"""The scenario file: issue dimensions, actors, shocks, thresholds and model settings.

A scenario is written in YAML and validated by the frozen pydantic models below. Every number
that describes an actor (capability, position, salience) and every shock value may be a point
value or a distribution, drawn once per Monte Carlo run (:mod:`steppe.scenarios.montecarlo`):

* ``{dist: normal, mean, sd}``
* ``{dist: uniform, low, high}``
* ``{dist: triangular, low, mode, high}``
* ``{dist: beta, a, b, low, high}`` (a Beta(a, b) variable rescaled to ``[low, high]``;
  ``low``/``high`` default to 0 and 1)

Draws are clipped to the field's range (positions to the dimension's scale, saliences to
[0, 1], capabilities to >= 0).

Scales: positions are on each dimension's scale (``min``..``max``, default 0-100); saliences
are in [0, 1] (the share of attention an actor gives to the issue); capabilities are any
non-negative number (the models use them only relative to each other).

Errors name the file and the YAML path of every offending field, one line per problem::

    forum.yaml: actors[2].salience.institutionalisation: must be between 0 and 1

>>> s = Scenario.model_validate({
...     "name": "toy", "rounds": 2, "runs": 10, "seed": 1,
...     "dimensions": [{"name": "x"}],
...     "actors": [
...         {"code": "A", "capability": 1, "position": {"x": 10}, "salience": {"x": 0.5}},
...         {"code": "B", "capability": 2, "position": {"x": 90}, "salience": {"x": 1}},
...     ],
... })
>>> s.actor_codes, s.dimension_names, s.model
(('A', 'B'), ('x',), 'bdm')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    model_validator,
)

from steppe.domain.errors import ScenarioError
from steppe.domain.limits import exceeded, limit
from steppe.scenarios.bdm import BDMRules

# NaN and infinities are refused in every number (a run with them stores null outcomes)
_FROZEN = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)
MAX_MAGNITUDE = 1e9
"""Largest absolute value a scenario number may take: beyond it sums of powers overflow."""
MAX_SEED = 2**63 - 1


class Normal(BaseModel):
    """A normal distribution ``N(mean, sd²)``."""

    model_config = _FROZEN
    dist: Literal["normal"]
    mean: float
    sd: float = Field(ge=0)


class Uniform(BaseModel):
    """A uniform distribution on ``[low, high]``."""

    model_config = _FROZEN
    dist: Literal["uniform"]
    low: float
    high: float

    @model_validator(mode="after")
    def _ordered(self) -> Uniform:
        if self.high < self.low:
            raise ValueError("high must be >= low")
        return self


class Triangular(BaseModel):
    """A triangular distribution with ``low <= mode <= high``."""

    model_config = _FROZEN
    dist: Literal["triangular"]
    low: float
    mode: float
    high: float

    @model_validator(mode="after")
    def _ordered(self) -> Triangular:
        if not self.low <= self.mode <= self.high:
            raise ValueError("must have low <= mode <= high")
        return self


class Beta(BaseModel):
    """A Beta(a, b) distribution rescaled to ``[low, high]``."""

    model_config = _FROZEN
    dist: Literal["beta"]
    a: float = Field(gt=0)
    b: float = Field(gt=0)
    low: float = 0.0
    high: float = 1.0

    @model_validator(mode="after")
    def _ordered(self) -> Beta:
        if self.high < self.low:
            raise ValueError("high must be >= low")
        return self


Distribution = Normal | Uniform | Triangular | Beta
DIST_TAGS = ("normal", "uniform", "triangular", "beta")


def _value_kind(v: Any) -> str:
    if isinstance(v, BaseModel):
        return f"dist:{getattr(v, 'dist', 'unknown')}"
    if isinstance(v, Mapping):
        d = v.get("dist")
        return f"dist:{d}" if d in DIST_TAGS else "dist:unknown"
    return "dist:number"


class _UnknownDist(BaseModel):
    model_config = _FROZEN
    dist: Literal["normal", "uniform", "triangular", "beta"]


if TYPE_CHECKING:
    Value = float | Distribution
else:
    Value = Annotated[
        Annotated[float, Tag("dist:number")]
        | Annotated[Normal, Tag("dist:normal")]
        | Annotated[Uniform, Tag("dist:uniform")]
        | Annotated[Triangular, Tag("dist:triangular")]
        | Annotated[Beta, Tag("dist:beta")]
        | Annotated[_UnknownDist, Tag("dist:unknown")],
        Discriminator(_value_kind),
    ]
"""A number or a distribution (the ``dist:`` tags are dropped from error paths)."""


def support(v: float | Distribution) -> tuple[float, float]:
    """The smallest interval holding every value ``v`` can take (normal: mean ± 4 sd).

    >>> support(3.0)
    (3.0, 3.0)
    >>> support(Uniform(dist="uniform", low=1, high=2))
    (1.0, 2.0)
    """
    if isinstance(v, Normal):
        return (v.mean - 4 * v.sd, v.mean + 4 * v.sd)
    if isinstance(v, Uniform | Triangular | Beta):
        return (v.low, v.high)
    return (float(v), float(v))


def central(v: float | Distribution) -> float:
    """A point summary of ``v``: the number itself, or the distribution's mean.

    >>> central(Triangular(dist="triangular", low=0, mode=3, high=6))
    3.0
    """
    if isinstance(v, Normal):
        return v.mean
    if isinstance(v, Uniform):
        return (v.low + v.high) / 2
    if isinstance(v, Triangular):
        return (v.low + v.mode + v.high) / 3
    if isinstance(v, Beta):
        return v.low + (v.high - v.low) * v.a / (v.a + v.b)
    return float(v)


class Dimension(BaseModel):
    """An issue dimension: a name, a scale and what its ends mean."""

    model_config = _FROZEN
    name: str = Field(min_length=1)
    min: float = 0.0
    max: float = 100.0
    meaning: str = ""

    @model_validator(mode="after")
    def _scale(self) -> Dimension:
        if self.max <= self.min:
            raise ValueError("max must be greater than min")
        return self


class ActorSpec(BaseModel):
    """An actor: capability, and position and salience on each dimension."""

    model_config = _FROZEN
    code: str = Field(min_length=1)
    name: str = ""
    capability: Value
    position: dict[str, Value] = Field(default_factory=dict)  # missing: checked per dimension
    salience: dict[str, Value]
    notes: str = ""


Field_ = Literal["capability", "position", "salience"]
Op = Literal["set", "add", "multiply"]


class Shock(BaseModel):
    """A change applied at the start of ``round`` (rounds count from 1).

    Exactly one of: a change (``actor`` + ``field`` + one of ``set``/``add``/``multiply``,
    with ``dimension`` for positions and saliences — omitted means every dimension),
    ``add_actor`` (a full actor) or ``remove_actor`` (a code).
    """

    model_config = _FROZEN
    round: int = Field(ge=1)
    name: str = ""
    actor: str | None = None
    field: Field_ | None = None
    dimension: str | None = None
    set: Value | None = None
    add: Value | None = None
    multiply: Value | None = None
    add_actor: ActorSpec | None = None
    remove_actor: str | None = None
    notes: str = ""

    @property
    def kind(self) -> str:
        """``change``, ``add_actor`` or ``remove_actor``."""
        if self.add_actor is not None:
            return "add_actor"
        if self.remove_actor is not None:
            return "remove_actor"
        return "change"

    @property
    def op(self) -> tuple[Op, float | Distribution]:
        """The operation and its value for a ``change`` shock."""
        for op in ("set", "add", "multiply"):
            v = getattr(self, op)
            if v is not None:
                return op, v
        raise ScenarioError("shock has no set/add/multiply")

    @model_validator(mode="after")
    def _one_kind(self) -> Shock:
        kinds = [self.add_actor is not None, self.remove_actor is not None, self.actor is not None]
        if sum(kinds) != 1:
            raise ValueError("give exactly one of actor (a change), add_actor or remove_actor")
        if self.actor is not None:
            ops = [o for o in ("set", "add", "multiply") if getattr(self, o) is not None]
            if len(ops) != 1:
                raise ValueError("a change needs exactly one of set, add or multiply")
            if self.field is None:
                raise ValueError("a change needs field: capability, position or salience")
        return self


class Threshold(BaseModel):
    """A named condition on a dimension's outcome, e.g. ``institutionalisation >= 60``."""

    model_config = _FROZEN
    name: str = Field(min_length=1)
    dimension: str
    op: Literal[">=", ">", "<=", "<"]
    value: float
    notes: str = ""


class Mapping_(BaseModel):
    """A linear map from an indicator's scale to a dimension's: ``from: [a, b]`` goes to
    ``to: [c, d]`` (``a`` to ``c``, ``b`` to ``d``; ``c > d`` reverses the direction); results
    are clipped to the dimension's scale."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)
    from_: tuple[float, float] = Field(alias="from")
    to: tuple[float, float]

    def apply(self, value: float) -> float:
        """``value`` mapped linearly.

        >>> Mapping_.model_validate({"from": [0, 2], "to": [100, 0]}).apply(0.5)
        75.0
        """
        (a, b), (c, d) = self.from_, self.to
        return c + (value - a) * (d - c) / (b - a)


class MeasuredInput(BaseModel):
    """An actor's starting position on a dimension taken from an indicator in the store
    (:mod:`steppe.scenarios.measured`): the actor's own value of ``indicator`` in ``period``,
    or its distance ``|value(actor) - value(relative_to)|`` to another actor's value, or the
    dyadic value towards ``partner``; then ``map``-ped onto the dimension, with an optional
    normal ``spread`` (sd on the dimension's scale). ``value``, ``reference`` and ``position``
    are filled when the input is resolved against a store."""

    model_config = _FROZEN
    actor: str
    dimension: str
    indicator: str = Field(min_length=1)
    period: str = Field(min_length=1)
    relative_to: str | None = None
    partner: str | None = None
    map: Mapping_
    spread: float | None = Field(default=None, gt=0)
    notes: str = ""
    value: float | None = None
    reference: float | None = None
    position: float | None = None

    @model_validator(mode="after")
    def _one_basis(self) -> MeasuredInput:
        if self.relative_to is not None and self.partner is not None:
            raise ValueError("give relative_to (a distance) or partner (a dyadic value), not both")
        if self.map.from_[0] == self.map.from_[1]:
            raise ValueError("map.from needs two different values")
        return self


class Scenario(BaseModel):
    """A whole scenario. Semantic checks (references, ranges) run after the field checks and
    report every problem at once, each as ``path: message``."""

    model_config = _FROZEN
    name: str = Field(min_length=1)
    description: str = ""
    notes: str = ""
    model: Literal["bdm", "smp"] = "bdm"
    rounds: int = Field(default=10, ge=1, le=1000)
    runs: int = Field(default=1000, ge=1)
    seed: int = Field(default=0, ge=0, le=MAX_SEED)
    dimensions: tuple[Dimension, ...] = Field(min_length=1)
    actors: tuple[ActorSpec, ...] = Field(min_length=2)
    shocks: tuple[Shock, ...] = ()
    thresholds: tuple[Threshold, ...] = ()
    params: dict[str, float | str] = Field(default_factory=dict)
    measured: tuple[MeasuredInput, ...] = ()

    @property
    def actor_codes(self) -> tuple[str, ...]:
        """Codes of the actors present from the start."""
        return tuple(a.code for a in self.actors)

    @property
    def all_actor_codes(self) -> tuple[str, ...]:
        """Codes of every actor, including those added by shocks (in order of appearance)."""
        codes = list(self.actor_codes)
        for s in sorted(self.shocks, key=lambda s: s.round):
            if s.add_actor is not None and s.add_actor.code not in codes:
                codes.append(s.add_actor.code)
        return tuple(codes)

    @property
    def dimension_names(self) -> tuple[str, ...]:
        return tuple(d.name for d in self.dimensions)

    @model_validator(mode="after")
    def _semantics(self) -> Scenario:
        problems = semantic_problems(self)
        if problems:
            raise ValueError("\n".join(problems))
        return self


def _check_actor(a: ActorSpec, where: str, dims: Mapping[str, Dimension]) -> list[str]:
    out: list[str] = []
    lo, _ = support(a.capability)
    if lo < 0 and not isinstance(a.capability, Normal):
        out.append(f"{where}.capability: must be >= 0")
    for part in ("position", "salience"):
        values: dict[str, float | Distribution] = getattr(a, part)
        for d in dims:
            if d not in values:
                out.append(f"{where}.{part}: missing dimension {d!r}")
        for d, v in values.items():
            if d not in dims:
                out.append(f"{where}.{part}.{d}: unknown dimension (known: {', '.join(dims)})")
                continue
            lo, hi = (0.0, 1.0) if part == "salience" else (dims[d].min, dims[d].max)
            if isinstance(v, Normal):
                if not lo <= v.mean <= hi:
                    out.append(f"{where}.{part}.{d}.mean: must be between {lo:g} and {hi:g}")
            else:
                vlo, vhi = support(v)
                if vlo < lo or vhi > hi:
                    out.append(f"{where}.{part}.{d}: must be between {lo:g} and {hi:g}")
    return out


def semantic_problems(s: Scenario) -> list[str]:
    """Cross-field problems of a scenario as ``path: message`` lines (empty when valid)."""
    dims = {d.name: d for d in s.dimensions}
    out: list[str] = []
    seen: set[str] = set()
    for i, d in enumerate(s.dimensions):
        if d.name in seen:
            out.append(f"dimensions[{i}].name: duplicate dimension {d.name!r}")
        seen.add(d.name)
    codes: set[str] = set()
    for i, a in enumerate(s.actors):
        if a.code in codes:
            out.append(f"actors[{i}].code: duplicate actor {a.code!r}")
        codes.add(a.code)
        out.extend(_check_actor(a, f"actors[{i}]", dims))
    present = set(codes)
    for i, sh in sorted(enumerate(s.shocks), key=lambda t: t[1].round):
        where = f"shocks[{i}]"
        if sh.round > s.rounds:
            out.append(f"{where}.round: {sh.round} is after the last round ({s.rounds})")
        if sh.add_actor is not None:
            if sh.add_actor.code in present:
                out.append(f"{where}.add_actor.code: actor {sh.add_actor.code!r} already present")
            out.extend(_check_actor(sh.add_actor, f"{where}.add_actor", dims))
            present.add(sh.add_actor.code)
        elif sh.remove_actor is not None:
            if sh.remove_actor not in present:
                out.append(f"{where}.remove_actor: unknown actor {sh.remove_actor!r}")
            present.discard(sh.remove_actor)
        else:
            if sh.actor not in present:
                out.append(f"{where}.actor: unknown actor {sh.actor!r}")
            if sh.dimension is not None and sh.dimension not in dims:
                out.append(f"{where}.dimension: unknown dimension {sh.dimension!r}")
            if sh.field == "capability" and sh.dimension is not None:
                out.append(f"{where}.dimension: capability has no dimension")
    for i, t in enumerate(s.thresholds):
        if t.dimension not in dims:
            out.append(f"thresholds[{i}].dimension: unknown dimension {t.dimension!r}")
    covered = {(m.actor, m.dimension) for m in s.measured}
    for i, m in enumerate(s.measured):
        if m.actor not in s.all_actor_codes:
            out.append(f"measured[{i}].actor: unknown actor {m.actor!r}")
        if m.dimension not in dims:
            out.append(f"measured[{i}].dimension: unknown dimension {m.dimension!r}")
    out = [  # a measured position need not be written in the actor's entry
        p
        for p in out
        if not any(
            p.endswith(f".position: missing dimension {d!r}") and _actor_of(p, s) == a
            for a, d in covered
        )
    ]
    out.extend(_too_large(s.model_dump(), ""))
    scale = scale_problem(s)
    if scale:
        out.append(scale)
    if s.model == "bdm":
        try:
            BDMRules.from_params(s.params)
        except ScenarioError as exc:  # variant and rule names (bdm.py, B3-B9)
            out.append(str(exc))
    return out


def _actor_of(problem: str, s: Scenario) -> str | None:
    """The code of the actor a ``actors[i]...`` or ``shocks[i].add_actor...`` problem is about."""
    import re

    if m := re.match(r"actors\[(\d+)\]", problem):
        return s.actors[int(m[1])].code
    if (m := re.match(r"shocks\[(\d+)\]\.add_actor", problem)) and s.shocks[int(m[1])].add_actor:
        add = s.shocks[int(m[1])].add_actor
        return add.code if add is not None else None
    return None


def _too_large(value: Any, where: str) -> list[str]:
    """Paths of numbers beyond ±:data:`MAX_MAGNITUDE` (``1e308`` parses, then overflows)."""
    if isinstance(value, Mapping):
        return [p for k, v in value.items() for p in _too_large(v, f"{where}.{k}" if where else k)]
    if isinstance(value, list | tuple):
        return [p for i, v in enumerate(value) for p in _too_large(v, f"{where}[{i}]")]
    if isinstance(value, float) and abs(value) > MAX_MAGNITUDE:
        return [f"{where}: {value:g} is beyond ±{MAX_MAGNITUDE:g}"]
    return []


def scale_problem(s: Scenario, runs: int | None = None) -> str | None:
    """Why a simulation of ``s`` (with ``runs``, default its own) is too large to run, or None:
    runs x actors x rounds above the ``max_simulation_cells`` limit.

    >>> s = parse_scenario({"name": "x", "runs": 10, "dimensions": [{"name": "d"}], "actors": [
    ...     {"code": c, "capability": 1, "position": {"d": 5}, "salience": {"d": 1}}
    ...     for c in "AB"]})
    >>> scale_problem(s) is None, scale_problem(s, runs=10**9)[:40]
    (True, 'runs: 1,000,000,000 runs x 2 actors x 10')
    """
    n = s.runs if runs is None else runs
    actors = len(s.all_actor_codes)
    cells = n * actors * s.rounds
    if cells <= limit("max_simulation_cells"):
        return None
    return "runs: " + exceeded(
        "max_simulation_cells",
        f"{n:,} runs x {actors:,} actors x {s.rounds:,} rounds = {cells:,} is too large",
    )


def _path(loc: Sequence[int | str]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.startswith("dist:") or part.startswith("function-"):
            continue
        else:
            out += f".{part}" if out else part
    return out


def format_errors(err: ValidationError, source: str) -> list[str]:
    """One ``source: path: message`` line per problem in a pydantic error."""
    lines: list[str] = []
    errors = err.errors()
    paths = [_path(e["loc"]) for e in errors]
    for e, path in zip(errors, paths, strict=True):
        msg = str(e["msg"]).removeprefix("Value error, ")
        if e["type"] == "too_short" and any(p.startswith(path + "[") for p in paths):
            continue  # a list that is short only because some of its items failed
        if e["type"] == "value_error" and not path:
            lines.extend(f"{source}: {line}" for line in msg.splitlines())
        elif e["type"] == "missing":
            lines.append(f"{source}: {path}: required field is missing")
        elif e["type"] == "extra_forbidden":
            lines.append(f"{source}: {path}: unknown field")
        else:
            lines.append(f"{source}: {path}: {msg}" if path else f"{source}: {msg}")
    return list(dict.fromkeys(lines))


def parse_scenario(data: Any, source: str = "<scenario>") -> Scenario:
    """Validate a mapping (parsed YAML) as a :class:`Scenario`.

    >>> try:
    ...     parse_scenario({"name": "x", "dimensions": [{"name": "d"}], "actors": [
    ...         {"code": "A", "capability": 1, "position": {"d": 5}, "salience": {"d": 2}},
    ...         {"code": "B", "capability": 1, "position": {"d": 5}, "salience": {"d": 1}}]},
    ...         "forum.yaml")
    ... except ScenarioError as e:
    ...     print(e)
    forum.yaml: actors[0].salience.d: must be between 0 and 1
    """
    if not isinstance(data, Mapping):
        raise ScenarioError(f"{source}: the file must hold a mapping (name:, actors:, …)")
    try:
        return Scenario.model_validate(data)
    except ValidationError as err:
        raise ScenarioError("\n".join(format_errors(err, source))) from None


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario YAML file; raise :class:`ScenarioError` listing every
    problem as ``file: yaml.path: message``."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ScenarioError(f"{p.name}: cannot read scenario: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise ScenarioError(f"{p.name}: not UTF-8 text (byte {exc.start})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise ScenarioError(f"{p.name}:{where}: not valid YAML") from None
    except RecursionError:
        raise ScenarioError(f"{p.name}: YAML nested too deeply to be a scenario") from None
    return parse_scenario(data, p.name)
