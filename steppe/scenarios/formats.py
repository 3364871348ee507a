"""Read other tools' scenario inputs as Steppe scenarios.

* KTAB SMP CSV (KAPSARC KTAB ``examples/smp/doc/*.csv``): line 1 ``name, description,
  #actors, #dimensions``; line 2 a header ``Actor, Description, Power, Pstn1, Sal1, …``; then
  one line per actor with capability and, per dimension, a position (0-100) and a salience
  (0-100, read as /100). Lines may end with a trailing comma.
* KTAB SMP XML (``smpExample.xml``, ``dummyData_3Dim.xml``): ``<Scenario>`` with ``<name>``,
  ``<desc>``, ``<Dimensions><dName>``, ``<Actors><Actor>`` (``name``, ``description``,
  ``capability``, ``Position/dCoord``, ``Salience/dSal``). An empty ``<dCoord>`` is read as 0,
  as KTAB's reader does (``smpExample.xml`` has one for Alice).
* BDM tables (the Scholz et al. 2011 examples as published by dmasad and jmckib): CSV with
  columns ``Actor``/``Stakeholder``, ``Capability``/``Resources``, ``Position``, ``Salience``.
  Saliences above 1 are read as percentages. The dimension's scale is the range of the
  positions, as in SCS (they normalise distances by ``max - min`` of the positions).
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from steppe.domain.errors import ScenarioError
from steppe.scenarios.schema import Scenario, parse_scenario


def _num(text: str | None, where: str) -> float:
    try:
        return float((text or "").strip() or 0.0)
    except ValueError:
        raise ScenarioError(f"{where}: {text!r} is not a number") from None


def read_ktab_csv(path: str | Path, rounds: int = 10) -> Scenario:
    """A KTAB SMP CSV file as an ``smp`` scenario (one run: KTAB inputs are point values)."""
    p = Path(path)
    try:
        rows = [
            [c.strip() for c in r]
            for r in csv.reader(p.read_text(encoding="utf-8-sig").splitlines())
        ]
    except OSError as exc:
        raise ScenarioError(f"{p.name}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise ScenarioError(f"{p.name}: not UTF-8 text (byte {exc.start})") from None
    rows = [r[:-1] if r and r[-1] == "" else r for r in rows if any(rows and c for c in r)]
    if len(rows) < 3 or len(rows[0]) < 4:
        raise ScenarioError(f"{p.name}: not a KTAB SMP CSV (line 1: name, desc, #actors, #dims)")
    n_act, n_dim = _count(rows[0][2], f"{p.name}:1"), _count(rows[0][3], f"{p.name}:1")
    header = rows[1]
    if len(header) < 3 + 2 * n_dim:
        raise ScenarioError(
            f"{p.name}:2: the header has {len(header)} fields; {n_dim} dimensions need "
            f"{3 + 2 * n_dim} (name, description, capability, then position and salience each)"
        )
    dims = [
        header[3 + 2 * d].removesuffix(" Position").strip() or f"dim{d + 1}" for d in range(n_dim)
    ]
    actors: list[dict[str, Any]] = []
    for ln, r in enumerate(rows[2 : 2 + n_act], start=3):
        if len(r) < 3 + 2 * n_dim:
            raise ScenarioError(f"{p.name}:{ln}: expected {3 + 2 * n_dim} fields, got {len(r)}")
        where = f"{p.name}:{ln}"
        actors.append(
            {
                "code": r[0],
                "name": r[1],
                "capability": _num(r[2], where),
                "position": {dims[d]: _num(r[3 + 2 * d], where) for d in range(n_dim)},
                "salience": {dims[d]: _num(r[4 + 2 * d], where) / 100 for d in range(n_dim)},
            }
        )
    data = {
        "name": rows[0][0] or p.stem,
        "description": rows[0][1],
        "model": "smp",
        "rounds": rounds,
        "runs": 1,
        "dimensions": [{"name": d} for d in dims],
        "actors": actors,
    }
    return parse_scenario(data, p.name)


def _count(text: str, where: str) -> int:
    """A positive whole number of actors or dimensions."""
    value = _num(text, where)
    if not value.is_integer() or not 1 <= value <= 10_000:
        raise ScenarioError(f"{where}: {text!r} is not a count between 1 and 10,000")
    return int(value)


_KTAB_PARAMS = {
    "VictoryProbModel": "victory",
    "PCEModel": "pce",
    "StateTransitions": "transitions",
    "VotingRule": "voting",
    "BigRAdjust": "big_r_adjust",
    "BigRRange": "big_r_range",
    "ThirdPartyCommit": "third_party",
    "InterVecBrgn": "inter_vec",
    "BargnModel": "bargain_model",
}


def read_ktab_xml(path: str | Path, rounds: int = 10) -> Scenario:
    """A KTAB SMP XML file as an ``smp`` scenario.

    Model parameters in the file (VictoryProbModel, PCEModel, …) are kept in ``params`` with a
    ``ktab_`` prefix and copied to Steppe's SMP keys (``pce``, ``voting``, ``transitions``,
    ``big_r_adjust``, ``big_r_range``, ``third_party``, ``inter_vec``, ``bargain_model``,
    ``victory``; see ``smp.SMPParams``); ``<IdealAdjustment>`` pairs become
    ``params["ideal_adjustment"] = "Bob>Alice=0.07;…"`` (``smp.accommodation_matrix``).
    """
    p = Path(path)
    try:
        root = ET.fromstring(p.read_bytes().decode("utf-8-sig"))
    except (OSError, ET.ParseError) as exc:
        raise ScenarioError(f"{p.name}: not readable as XML: {exc}") from None
    dims = [(d.text or "").strip() for d in root.iterfind("./Dimensions/dName")]
    if not dims:
        raise ScenarioError(f"{p.name}: no <Dimensions><dName>")
    actors: list[dict[str, Any]] = []
    for i, a in enumerate(root.iterfind("./Actors/Actor")):
        where = f"{p.name}: Actors/Actor[{i}]"
        pos = [_num(c.text, where) for c in a.iterfind("./Position/dCoord")]
        sal = [_num(c.text, where) for c in a.iterfind("./Salience/dSal")]
        if len(pos) != len(dims) or len(sal) != len(dims):
            raise ScenarioError(f"{where}: expected {len(dims)} dCoord and dSal values")
        actors.append(
            {
                "code": (a.findtext("name") or f"A{i}").strip(),
                "name": (a.findtext("description") or "").strip(),
                "capability": _num(a.findtext("capability"), where),
                "position": dict(zip(dims, pos, strict=True)),
                "salience": {d: v / 100 for d, v in zip(dims, sal, strict=True)},
            }
        )
    params: dict[str, float | str] = {}
    for m in root.iterfind("./ModelParameters/*"):
        params[f"ktab_{m.tag}"] = (m.text or "").strip()
    for tag, key in _KTAB_PARAMS.items():
        if f"ktab_{tag}" in params:
            params[key] = params[f"ktab_{tag}"]
    pairs = []
    for j, pair in enumerate(root.iterfind("./IdealAdjustment/iaPair")):
        where = f"{p.name}: IdealAdjustment/iaPair[{j}]"
        adj = (pair.findtext("adjustingIdeal") or "").strip()
        ref = (pair.findtext("referencePos") or "").strip()
        pairs.append(f"{adj}>{ref}={_num(pair.findtext('adjust'), where)}")
    if pairs:
        params["ideal_adjustment"] = ";".join(pairs)
    data = {
        "name": (root.findtext("name") or p.stem).strip(),
        "description": (root.findtext("desc") or "").strip(),
        "model": "smp",
        "rounds": rounds,
        "runs": 1,
        "dimensions": [{"name": d} for d in dims],
        "actors": actors,
        "params": params,
    }
    return parse_scenario(data, p.name)


def read_bdm_table(path: str | Path, rounds: int = 10) -> Scenario:
    """A BDM actor table (Actor, Capability, Position, Salience) as a ``bdm`` scenario."""
    p = Path(path)
    try:
        rows = list(csv.DictReader(p.read_text(encoding="utf-8-sig").splitlines()))
    except OSError as exc:
        raise ScenarioError(f"{p.name}: cannot read: {exc.strerror}") from None
    if not rows:
        raise ScenarioError(f"{p.name}: no actors")

    def col(row: dict[str, str], *names: str) -> str:
        for n in names:
            if n in row:
                return row[n]
        raise ScenarioError(f"{p.name}: missing column {names[0]!r} (columns: {list(row)})")

    names = [col(r, "Actor", "Stakeholder").strip() for r in rows]
    cap = [_num(col(r, "Capability", "Resources"), p.name) for r in rows]
    pos = [_num(col(r, "Position"), p.name) for r in rows]
    sal = [_num(col(r, "Salience"), p.name) for r in rows]
    scale = 100.0 if max(sal) > 1 else 1.0
    lo, hi = min(pos), max(pos)
    if hi <= lo:
        raise ScenarioError(f"{p.name}: every actor has the same position")
    data = {
        "name": p.stem,
        "model": "bdm",
        "rounds": rounds,
        "runs": 1,
        "dimensions": [{"name": "issue", "min": lo, "max": hi}],
        "actors": [
            {
                "code": n,
                "capability": c,
                "position": {"issue": x},
                "salience": {"issue": s / scale},
            }
            for n, c, x, s in zip(names, cap, pos, sal, strict=True)
        ],
    }
    return parse_scenario(data, p.name)


_BDM_NAME = ("actor", "stakeholder")
_BDM_CAP = ("capability", "resources")


def table_kind(path: str | Path) -> str:
    """``"bdm"`` or ``"ktab"``: which kind of CSV table ``path`` is, from its header.

    A BDM table's first line names the columns (Actor or Stakeholder, Capability or Resources,
    Position, Salience); a KTAB SMP CSV's first line is ``name, description, #actors,
    #dimensions`` and its second the header ``Actor, Description, Power, …``. Anything else is
    a ``ScenarioError`` naming the file and both expected layouts.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "t.csv").write_text("Stakeholder,Resources,Position,Salience\\nA,1,2,3\\n")
    >>> table_kind(d / "t.csv")
    'bdm'
    """
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise ScenarioError(f"{p.name}: cannot read: {exc.strerror}") from None
    rows = [[c.strip().lower() for c in r] for r in csv.reader(lines[:2])]
    first = rows[0] if rows else []
    if (
        any(n in first for n in _BDM_NAME)
        and any(n in first for n in _BDM_CAP)
        and "position" in first
        and "salience" in first
    ):
        return "bdm"
    counts = first[2:4]
    if (
        len(rows) == 2
        and len(counts) == 2
        and all(c.isdigit() for c in counts)
        and rows[1][:1] == ["actor"]
    ):
        return "ktab"
    raise ScenarioError(
        f"{p.name}:1: neither a BDM table (header: Actor or Stakeholder, Capability or "
        "Resources, Position, Salience) nor a KTAB SMP CSV (line 1: name, description, "
        "#actors, #dimensions; line 2: Actor, Description, Power, ...)"
    )


def read_table(path: str | Path, rounds: int = 10) -> Scenario:
    """A CSV input of either kind (see :func:`table_kind`) as a scenario."""
    reader = read_bdm_table if table_kind(path) == "bdm" else read_ktab_csv
    return reader(path, rounds)
