"""Layer 1: the packaged, sourced reference data and its loaders."""

from steppe.registry.files import data_path
from steppe.registry.gazetteer import Gazetteer, normalise
from steppe.registry.loader import (
    Registry,
    load_country_names,
    load_event_codes,
    load_icews_event_texts,
)

__all__ = [
    "Gazetteer",
    "Registry",
    "data_path",
    "load_country_names",
    "load_event_codes",
    "load_icews_event_texts",
    "normalise",
]
