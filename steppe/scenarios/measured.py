"""Scenario inputs from measured data: an actor's starting position from an indicator in the
store, with the mapping and the period stated in the scenario file.

A scenario's ``measured:`` entries (:class:`~steppe.scenarios.schema.MeasuredInput`) name the
actor, the dimension, the indicator, the period and a linear map onto the dimension, e.g. the
distance between Kazakhstan's and Russia's UN General Assembly ideal points in 2019 (0 = same
point) mapped onto "alignment with Russia" (0-100)::

    measured:
      - actor: KAZ
        dimension: alignment_with_russia
        indicator: ideal_point
        relative_to: RUS            # |ideal_point(KAZ) - ideal_point(RUS)|
        period: "2019"
        map: {from: [0, 3], to: [100, 0]}
        spread: 5                   # optional: normal sd on the dimension's scale

:func:`resolve_measured` reads the values from the store and returns the scenario with those
positions filled in (a number, or a normal distribution with ``spread``) and every entry's
``value``, ``reference`` and ``position`` recorded; a missing value is an error naming the
entry, never a silent fallback. Re-basing a scenario on new data is one command: re-run
``steppe simulate`` after the store has been updated, or pass ``--period`` to use another
period.
"""

from __future__ import annotations

from typing import Any

from steppe.domain.errors import ScenarioError
from steppe.scenarios.schema import Scenario, parse_scenario
from steppe.store import Store
from steppe.store import read as store_read


def _value(store: Store, indicator: str, actor: str, period: str, partner: str | None) -> float:
    rows = [
        r
        for r in store_read.indicators(store, indicator, actor=actor, partner=partner)
        if r["period"] == period and (partner is not None or r["partner"] is None)
    ]
    if not rows or rows[0]["value"] is None:
        towards = f" towards {partner}" if partner else ""
        raise ScenarioError(f"no {indicator!r} value for {actor}{towards} in period {period!r}")
    return float(rows[0]["value"])


def resolve_measured(scenario: Scenario, store: Store, period: str | None = None) -> Scenario:
    """``scenario`` with every ``measured:`` position read from ``store`` (``period``, if
    given, replaces every entry's period). Errors name the scenario and the entry.

    >>> from steppe.scenarios.schema import parse_scenario
    >>> s = parse_scenario({"name": "t", "dimensions": [{"name": "x"}], "actors": [
    ...     {"code": "A", "capability": 1, "salience": {"x": 1}},
    ...     {"code": "B", "capability": 1, "position": {"x": 9}, "salience": {"x": 1}}],
    ...     "measured": [{"actor": "A", "dimension": "x", "indicator": "ideal_point",
    ...                   "relative_to": "B", "period": "2019", "map": {"from": [0, 3],
    ...                   "to": [100, 0]}}]})
    >>> with Store(":memory:") as st:
    ...     resolve_measured(s, st)
    Traceback (most recent call last):
    ...
    steppe.domain.errors.ScenarioError: t: measured[0]: no 'ideal_point' value for A in ...
    """
    if not scenario.measured:
        return scenario
    data: dict[str, Any] = scenario.model_dump(mode="python", by_alias=True)
    dims = {d.name: d for d in scenario.dimensions}
    entries = []
    for i, m in enumerate(scenario.measured):
        per = period or m.period
        try:
            value = _value(store, m.indicator, m.actor, per, m.partner)
            ref = None
            if m.relative_to is not None:
                ref = _value(store, m.indicator, m.relative_to, per, None)
                value = abs(value - ref)
        except ScenarioError as exc:
            raise ScenarioError(f"{scenario.name}: measured[{i}]: {exc}") from None
        dim = dims[m.dimension]
        pos = min(max(m.map.apply(value), dim.min), dim.max)
        spec: float | dict[str, Any] = (
            round(pos, 6) if m.spread is None
            else {"dist": "normal", "mean": round(pos, 6), "sd": m.spread}
        )  # fmt: skip
        for actor in [*data["actors"]] + [
            sh["add_actor"] for sh in data["shocks"] if sh.get("add_actor")
        ]:
            if actor["code"] == m.actor:
                actor["position"][m.dimension] = spec
        entry = m.model_dump(mode="python", by_alias=True)
        entry.update(period=per, value=round(value, 6), position=round(pos, 6))
        entry["reference"] = None if ref is None else round(ref, 6)
        entries.append(entry)
    data["measured"] = entries
    return parse_scenario(data, scenario.name)


def measured_rows(scenario: Scenario) -> list[dict[str, Any]]:
    """The resolved ``measured:`` entries as rows for tables and JSON (empty if none)."""
    rows = []
    for m in scenario.measured:
        basis = (
            f"|{m.actor} - {m.relative_to}|"
            if m.relative_to
            else f"{m.actor} towards {m.partner}"
            if m.partner
            else m.actor
        )
        rows.append(
            {
                "actor": m.actor,
                "dimension": m.dimension,
                "indicator": m.indicator,
                "basis": basis,
                "period": m.period,
                "value": m.value,
                "reference": m.reference,
                "map": f"{m.map.from_[0]:g}..{m.map.from_[1]:g}→{m.map.to[0]:g}..{m.map.to[1]:g}",
                "position": m.position,
                "spread": m.spread,
            }
        )
    return rows
