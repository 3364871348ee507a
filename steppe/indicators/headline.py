"""One headline truth: each focal state's headline figure, the same everywhere it is shown.

The terminal summary of ``steppe demo``, ``steppe headlines``, the report and the dashboard
all take their headline figures from :func:`headlines`, so they agree for the same store.

The headline of a state is its multivector index in the **latest period with adequate
support** in the most current series the store holds (:data:`SERIES`): the GDELT interaction
channel per quarter when loaded (a quarter with data on at least 60 days), else the pooled
events channel per year (a year with at least 10 cooperative events; a quarter rarely has
them). Adequate = not ``sparse`` (:mod:`steppe.indicators.support`) and at least the series'
minimum ``n``. The latest period with any value is reported beside it, so a reader sees when
newer, thinner data exist. A state with no adequately supported period has no headline value
(``None``), never a sparse one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from steppe.domain.codes import FOCAL_STATES
from steppe.indicators.support import MIN_N
from steppe.store import Store, read


@dataclass(frozen=True)
class HeadlineSeries:
    """A series that can head the figures, and what adequate support means for it."""

    indicator: str
    partner: str | None
    freq: str
    min_n: int
    label: str


SERIES: tuple[HeadlineSeries, ...] = (
    HeadlineSeries(
        "multivector",
        "interaction",
        "quarter",
        60,
        "multivector index of positive GDELT interaction, per quarter; n = days with data",
    ),
    HeadlineSeries(
        "multivector",
        None,
        "year",
        MIN_N,
        "pooled multivector index of cooperative events, per year; n = events",
    ),
)
"""Candidate headline series, most current first: the GDELT interaction channel (to 2024 in
the demo; a quarter needs data on at least 60 days, so a partial last quarter does not head),
then the events channel per year (at least 10 events). The first series the store holds is
the headline series for every state."""


@dataclass(frozen=True)
class Headline:
    """A state's headline figure: the value, its interval and support, and its period."""

    actor: str
    series: str
    freq: str
    period: str | None
    period_start: date | None
    value: float | None
    lo: float | None
    hi: float | None
    n: int | None
    latest_period: str | None
    latest_sparse: bool | None
    periods: int
    sparse_periods: int

    def as_row(self) -> dict[str, object]:
        """The headline as a plain row (for tables and JSON)."""
        return {
            "state": self.actor,
            "period": self.period,
            "value": self.value,
            "lo": self.lo,
            "hi": self.hi,
            "n": self.n,
            "latest_data": self.latest_period,
            "latest_sparse": self.latest_sparse,
            "periods": self.periods,
            "sparse_periods": self.sparse_periods,
            "freq": self.freq,
            "series": self.series,
        }


def _series_rows(store: Store, series: HeadlineSeries, code: str) -> list[dict[str, object]]:
    return [
        r
        for r in read.indicators(store, series.indicator, actor=code, freq=series.freq)
        if r["partner"] == series.partner and r["value"] is not None
    ]


def headline_series(store: Store, states: Iterable[str] = FOCAL_STATES) -> HeadlineSeries:
    """The first of :data:`SERIES` with values for any of ``states`` (else the last)."""
    codes = list(states)
    for series in SERIES:
        if any(_series_rows(store, series, c) for c in codes):
            return series
    return SERIES[-1]


def adequate(row: dict[str, object], series: HeadlineSeries) -> bool:
    """Whether a stored value can head: not ``sparse`` and at least ``series.min_n``."""
    n = row["n"]
    return not row["sparse"] and isinstance(n, int) and n >= series.min_n


def headlines(store: Store, states: Iterable[str] = FOCAL_STATES) -> list[Headline]:
    """Each state's headline: the latest adequately supported value of the headline series
    (:func:`headline_series`), with the latest period of any support beside it.

    >>> with Store(":memory:") as s:
    ...     [h.value for h in headlines(s, states=["KAZ"])]
    [None]
    """
    codes = list(states)
    series = headline_series(store, codes)
    out = []
    for code in codes:
        rows = _series_rows(store, series, code)
        good = [r for r in rows if adequate(r, series)]
        best = good[-1] if good else None
        latest = rows[-1] if rows else None
        out.append(
            Headline(
                actor=code,
                series=series.label,
                freq=series.freq,
                period=str(best["period"]) if best else None,
                period_start=best["period_start"] if best else None,  # type: ignore[arg-type]
                value=best["value"] if best else None,  # type: ignore[arg-type]
                lo=best["lo"] if best else None,  # type: ignore[arg-type]
                hi=best["hi"] if best else None,  # type: ignore[arg-type]
                n=best["n"] if best else None,  # type: ignore[arg-type]
                latest_period=str(latest["period"]) if latest else None,
                latest_sparse=not adequate(latest, series) if latest else None,
                periods=len(rows),
                sparse_periods=len(rows) - len(good),
            )
        )
    return out
