"""UN General Debate speeches (the UN General Debate Corpus, UNGDC; Jankin, Baturo & Dasandi,
CC0) as news documents: the field mapping and the date of each speech.

The corpus gives each speech its country, session and year, not the day it was delivered. A
speech is dated by the day its session's **general debate opened**
(``steppe/data/reference/ungdc_sessions.csv``: sessions 70-79, first and last day of each
debate, with the source of each row); every speech of a session was given between that day and
the debate's last day, so the date is exact to within the debate's six to eight days. A speech
of a session the table lacks gets no date (it then takes ``--date`` or stays undated, as any
undated document), never a guessed one.

Field mapping (:data:`UNGDC_FIELDS`): the text is ``text``; ``source`` is the speaking state's
ISO-3 code (``iso3``), so that events coded from a speech can be read per speaker; ``url`` is
the corpus path of the speech (``source_path``); the date comes from ``session``.
"""

from __future__ import annotations

import csv
from datetime import date
from functools import cache

from steppe.domain.errors import IngestError
from steppe.registry import data_path

UNGDC_FIELDS: dict[str, str] = {
    "text": "text",
    "date": "session",
    "source": "iso3",
    "url": "source_path",
}
"""Record fields of the UNGDC JSON Lines / CSV export for each document role."""

MAPPINGS = ("ungdc",)


@cache
def general_debates() -> dict[int, tuple[date, date, str]]:
    """Session number -> (first day, last day, source) of its general debate.

    >>> first, last, _ = general_debates()[77]
    >>> first.isoformat(), last.isoformat()
    ('2022-09-20', '2022-09-26')
    """
    path = data_path("reference", "ungdc_sessions.csv")
    out: dict[int, tuple[date, date, str]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            try:
                first = date.fromisoformat(row["debate_opened"])
                last = date.fromisoformat(row["debate_closed"])
                out[int(row["session"])] = (first, last, row["source"])
            except (KeyError, TypeError, ValueError) as exc:
                raise IngestError(f"{path} line {line}: {exc}") from exc
    return out


def session_dates() -> dict[str, str]:
    """The date lookup for :func:`steppe.ingest.news.ingest_news`: session number (as text)
    -> the day its general debate opened.

    >>> session_dates()["70"]
    '2015-09-28'
    """
    return {str(n): first.isoformat() for n, (first, _, _) in general_debates().items()}


def mapping(name: str) -> tuple[dict[str, str], dict[str, str]]:
    """The record fields and date lookup of a named field mapping (``ungdc``).

    >>> fields, dates = mapping("ungdc")
    >>> fields["source"], dates["79"]
    ('iso3', '2024-09-24')
    >>> mapping("gdelt")
    Traceback (most recent call last):
    ...
    steppe.domain.errors.IngestError: unknown field mapping 'gdelt' (expected one of: ungdc)
    """
    if name != "ungdc":
        raise IngestError(
            f"unknown field mapping {name!r} (expected one of: {', '.join(MAPPINGS)})"
        )
    return dict(UNGDC_FIELDS), session_dates()
