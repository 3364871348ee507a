"""Launching Debian's Chromium headless for the dashboard's tests and benchmarks, with the
flags that keep it from reaching any network."""

from __future__ import annotations

import shutil

CHROMIUM_ARGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
)


def chromium_path() -> str | None:
    """Debian's Chromium (installed by scripts/install-browser.sh), or None."""
    return shutil.which("chromium")
