"""Scenario files: validation errors name the file and the YAML path of every problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from steppe.domain.errors import ScenarioError, SteppeError
from steppe.scenarios.schema import Normal, load_scenario

GOOD = """
name: toy
rounds: 3
runs: 20
seed: 1
dimensions:
  - {name: institutionalisation, meaning: "0 = talk, 100 = treaty"}
actors:
  - {code: KAZ, capability: 30, position: {institutionalisation: 60},
     salience: {institutionalisation: 0.7}}
  - {code: UZB, capability: {dist: normal, mean: 25, sd: 2},
     position: {institutionalisation: {dist: triangular, low: 60, mode: 70, high: 80}},
     salience: {institutionalisation: {dist: beta, a: 2, b: 2}}}
  - {code: TKM, capability: 10, position: {institutionalisation: 15},
     salience: {institutionalisation: 1.5}}
"""


def write(tmp_path: Path, text: str, name: str = "forum.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text)
    return p


def test_valid_file_loads(tmp_path: Path) -> None:
    s = load_scenario(write(tmp_path, GOOD.replace("1.5}", "0.5}")))
    assert s.actor_codes == ("KAZ", "UZB", "TKM")
    assert isinstance(s.actors[1].capability, Normal)
    with pytest.raises(Exception, match="frozen"):
        s.rounds = 4  # type: ignore[misc,unused-ignore]


def test_salience_out_of_range_names_file_and_path(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as e:
        load_scenario(write(tmp_path, GOOD))
    assert str(e.value) == (
        "forum.yaml: actors[2].salience.institutionalisation: must be between 0 and 1"
    )
    assert isinstance(e.value, SteppeError)


def test_every_problem_is_one_line(tmp_path: Path) -> None:
    text = GOOD.replace("1.5}", "0.5}").replace("capability: 10", "capability: {dist: gamma}")
    text += """
shocks:
  - {round: 2, actor: RUS, field: capability, multiply: 0.8}
  - {round: 9, remove_actor: TKM}
  - {round: 1, actor: KAZ, field: position, add: 1, set: 2}
thresholds:
  - {name: robust, dimension: institutionalisaton, op: ">=", value: 60}
  - {name: weird, dimension: institutionalisation, op: "=>", value: 60}
"""
    with pytest.raises(ScenarioError) as e:
        load_scenario(write(tmp_path, text))
    lines = str(e.value).splitlines()
    assert (
        "forum.yaml: actors[2].capability.dist: Input should be 'normal', 'uniform', "
        "'triangular' or 'beta'" in lines
    )
    assert "forum.yaml: shocks[2]: a change needs exactly one of set, add or multiply" in lines
    assert "forum.yaml: thresholds[1].op: Input should be '>=', '>', '<=' or '<'" in lines
    assert all(line.startswith("forum.yaml: ") for line in lines)


def test_semantic_errors(tmp_path: Path) -> None:
    text = (
        GOOD.replace("1.5}", "0.5}")
        + """
shocks:
  - {round: 2, actor: RUS, field: capability, multiply: 0.8}
  - {round: 9, remove_actor: TKM}
thresholds:
  - {name: robust, dimension: institutionalisaton, op: ">=", value: 60}
"""
    )
    with pytest.raises(ScenarioError) as e:
        load_scenario(write(tmp_path, text))
    assert str(e.value).splitlines() == [
        "forum.yaml: shocks[0].actor: unknown actor 'RUS'",
        "forum.yaml: shocks[1].round: 9 is after the last round (3)",
        "forum.yaml: thresholds[0].dimension: unknown dimension 'institutionalisaton'",
    ]


def test_position_outside_scale_and_distribution_support(tmp_path: Path) -> None:
    text = GOOD.replace("1.5}", "0.5}").replace(
        "position: {institutionalisation: 60}", "position: {institutionalisation: 160}"
    )
    text = text.replace("high: 80}", "high: 120}")
    with pytest.raises(ScenarioError) as e:
        load_scenario(write(tmp_path, text))
    assert str(e.value).splitlines() == [
        "forum.yaml: actors[0].position.institutionalisation: must be between 0 and 100",
        "forum.yaml: actors[1].position.institutionalisation: must be between 0 and 100",
    ]


def test_missing_field_unknown_field_and_bad_yaml(tmp_path: Path) -> None:
    text = GOOD.replace("1.5}", "0.5}").replace("rounds: 3", "rounds: 3\ncolour: red")
    text = text.replace("  - {code: TKM, capability: 10,", "  - {code: TKM,")
    with pytest.raises(ScenarioError) as e:
        load_scenario(write(tmp_path, text))
    assert str(e.value).splitlines() == [
        "forum.yaml: actors[2].capability: required field is missing",
        "forum.yaml: colour: unknown field",
    ]
    with pytest.raises(ScenarioError, match=r"bad\.yaml: line 1: not valid YAML"):
        load_scenario(write(tmp_path, "name: [unclosed", "bad.yaml"))
    with pytest.raises(ScenarioError, match=r"missing\.yaml: cannot read"):
        load_scenario(tmp_path / "missing.yaml")
