"""Safety limits on untrusted input, each a setting with a safe default.

A limit is read from the environment variable ``STEPPE_<NAME>`` (upper case) when set, so an
operator can raise one for a known-good large input; the error raised when a limit is hit names
the setting. The README's "Limits and safety" section lists them all.

>>> limit("max_decompressed_mb")
4096
>>> import os
>>> os.environ["STEPPE_MAX_DECOMPRESSED_MB"] = "10"
>>> limit("max_decompressed_mb")
10
>>> del os.environ["STEPPE_MAX_DECOMPRESSED_MB"]
"""

from __future__ import annotations

import os

from steppe.domain.errors import SteppeError

DEFAULTS: dict[str, int] = {
    # bytes one .gz or .zip may unpack to (per member and per archive): a zip bomb stops here
    "max_decompressed_mb": 4096,
    # bytes one news file (after .gz) may hold: news files are read whole into memory
    "max_news_file_mb": 256,
    # length of one line of an event file (GDELT lines are under 3 KB); longer: quarantined
    "max_line_kb": 64,
    # events one export (CSV/JSON download) may hold; a larger filter is refused with the count
    "max_export_rows": 1_000_000,
    # runs x actors x rounds of one simulation (the Monte Carlo holds arrays of about this size)
    "max_simulation_cells": 50_000_000,
}
"""Every limit and its default."""


def setting(name: str) -> str:
    """The environment variable that sets limit ``name``.

    >>> setting("max_decompressed_mb")
    'STEPPE_MAX_DECOMPRESSED_MB'
    """
    return f"STEPPE_{name.upper()}"


def limit(name: str) -> int:
    """The value of limit ``name``: its environment variable when set, else its default."""
    default = DEFAULTS[name]
    raw = os.environ.get(setting(name))
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SteppeError(f"{setting(name)}={raw!r}: expected a whole number") from None
    if value < 1:
        raise SteppeError(f"{setting(name)}={raw!r}: expected a positive number")
    return value


def exceeded(name: str, what: str) -> str:
    """The message for input that hit limit ``name``: what happened, the limit and its setting.

    >>> exceeded("max_decompressed_mb", "a.zip unpacks to more")
    'a.zip unpacks to more (limit max_decompressed_mb = 4096; set STEPPE_MAX_DECOMPRESSED_MB)'
    """
    return f"{what} (limit {name} = {limit(name)}; set {setting(name)})"
