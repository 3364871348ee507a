"""The scenario engine (layer 6): scenario files, BDM and SMP bargaining models, Monte Carlo.

Public functions for the CLI, API and report: :func:`load_scenario`, :func:`simulate`,
:func:`store_run`, :func:`sweep`, :func:`eval_ktab`, :func:`bdm_first_round` and the readers
:func:`read_ktab_csv`, :func:`read_ktab_xml`, :func:`read_bdm_table`, :func:`read_table`
(either CSV kind, told apart by :func:`table_kind`); :func:`with_params` changes settings.
"""

from __future__ import annotations

from steppe.scenarios.capabilities import cinc_shares
from steppe.scenarios.formats import (
    read_bdm_table,
    read_ktab_csv,
    read_ktab_xml,
    read_table,
    table_kind,
)
from steppe.scenarios.measured import measured_rows, resolve_measured
from steppe.scenarios.montecarlo import sweep, with_params
from steppe.scenarios.results import SimulationResult
from steppe.scenarios.runner import simulate, store_run
from steppe.scenarios.schema import Scenario, load_scenario, parse_scenario
from steppe.scenarios.sensitivity import sensitivity, shock_effects, with_sensitivity
from steppe.scenarios.validate import bdm_first_round, eval_ktab

__all__ = [
    "Scenario",
    "SimulationResult",
    "bdm_first_round",
    "cinc_shares",
    "eval_ktab",
    "load_scenario",
    "measured_rows",
    "parse_scenario",
    "read_bdm_table",
    "read_ktab_csv",
    "read_ktab_xml",
    "read_table",
    "resolve_measured",
    "sensitivity",
    "shock_effects",
    "simulate",
    "store_run",
    "sweep",
    "table_kind",
    "with_params",
    "with_sensitivity",
]
