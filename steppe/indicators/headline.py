"""One headline truth: each focal state's headline figure, the same everywhere it is shown.

The terminal summary of ``steppe demo``, ``steppe headlines``, the report and the dashboard
all take their headline figures from :func:`headlines`, so they agree for the same store.

The headline of a state is its pooled multivector index on the events channel (see
:mod:`steppe.indicators.multivector`) in the **latest period with adequate support** at the
headline frequency (yearly by default: a quarter rarely has the ten cooperative events the
support rule asks for): the latest value that is not ``sparse``
(:mod:`steppe.indicators.support`). The latest period with any value is reported beside it, so
a reader sees when newer, thinner data exist. A state with no adequately supported period has
no headline value (``None``), never a sparse one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from steppe.domain.codes import FOCAL_STATES
from steppe.store import Store, read

HEADLINE_INDICATOR = "multivector"
HEADLINE_FREQ = "year"


@dataclass(frozen=True)
class Headline:
    """A state's headline figure: the value, its interval and support, and its period."""

    actor: str
    indicator: str
    freq: str
    period: str | None
    period_start: date | None
    value: float | None
    lo: float | None
    hi: float | None
    n: int | None
    latest_period: str | None
    latest_sparse: bool | None
    events: int
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
            "events": self.events,
            "periods": self.periods,
            "sparse_periods": self.sparse_periods,
            "freq": self.freq,
        }


def headlines(
    store: Store,
    freq: str = HEADLINE_FREQ,
    states: Iterable[str] = FOCAL_STATES,
    indicator: str = HEADLINE_INDICATOR,
) -> list[Headline]:
    """Each state's headline: the latest non-sparse value of ``indicator`` (own series, no
    partner) at ``freq``; ``events`` is the sum of ``n`` over that series (cooperative events
    counted once per state).

    >>> with Store(":memory:") as s:
    ...     [h.value for h in headlines(s, states=["KAZ"])]
    [None]
    """
    out = []
    for code in states:
        rows = [
            r
            for r in read.indicators(store, indicator, actor=code, freq=freq)
            if r["partner"] is None and r["value"] is not None
        ]
        adequate = [r for r in rows if not r["sparse"]]
        best = adequate[-1] if adequate else None
        latest = rows[-1] if rows else None
        out.append(
            Headline(
                actor=code,
                indicator=indicator,
                freq=freq,
                period=best["period"] if best else None,
                period_start=best["period_start"] if best else None,
                value=best["value"] if best else None,
                lo=best["lo"] if best else None,
                hi=best["hi"] if best else None,
                n=best["n"] if best else None,
                latest_period=latest["period"] if latest else None,
                latest_sparse=bool(latest["sparse"]) if latest else None,
                events=sum(int(r["n"] or 0) for r in rows),
                periods=len(rows),
                sparse_periods=len(rows) - len(adequate),
            )
        )
    return out
