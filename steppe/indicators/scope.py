"""Which events the event indicators count: one filter, used by every event indicator.

By default an indicator counts what the sources say took place at the time they report it:
events whose ``modality`` is ``asserted`` and whose ``event_time`` is ``document``. Negated,
hypothetical, announced (future) and reported-claim events, and past events a text recalls
("the 2022 unrest"), are stored and listed but not counted. :func:`all_events` counts every
event instead, each past event on the date the text gives for it (``event_date``: its first
day at month or year precision) and the others on their document's date.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import ibis
import ibis.expr.types as ir

_ALL: ContextVar[bool] = ContextVar("steppe_all_events", default=False)


@contextmanager
def all_events(on: bool = True) -> Iterator[None]:
    """Count every event, whatever its modality and time, inside the ``with`` block.

    >>> with all_events():
    ...     counting_all_events()
    True
    >>> counting_all_events()
    False
    """
    token = _ALL.set(on)
    try:
        yield
    finally:
        _ALL.reset(token)


def counting_all_events() -> bool:
    """Whether :func:`counted_events` keeps every event (inside :func:`all_events`)."""
    return _ALL.get()


def scope_label() -> str:
    """How the events counted are described in an indicator's ``method``.

    >>> scope_label()
    'asserted events at document time'
    """
    return (
        "all events, past ones on their own date"
        if _ALL.get()
        else ("asserted events at document time")
    )


def counted_events(ev: ir.Table) -> ir.Table:
    """The rows of ``events`` an indicator counts (see the module docstring).

    >>> import pyarrow as pa
    >>> t = ibis.memtable(pa.table({"date": pa.array([0, 0, 0], pa.date32()),
    ...     "event_date": pa.array([None, None, 0], pa.date32()),
    ...     "modality": ["asserted", "hypothetical", "asserted"],
    ...     "event_time": ["document", "document", "past"]}))
    >>> counted_events(t).count().execute()
    1
    >>> with all_events():
    ...     counted_events(t).count().execute()
    3
    """
    if _ALL.get():
        return ev.mutate(date=ibis.coalesce(ev.event_date, ev.date))
    return ev.filter((ev.modality == "asserted") & (ev.event_time == "document"))
