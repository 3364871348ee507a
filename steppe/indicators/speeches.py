"""What a state's UN General Debate speeches say about its partners, year by year.

Input: documents ingested with the ``ungdc`` field mapping (``documents.source`` = the speaking
state, ``published_at`` = the day its session's general debate opened) and the events the coder
stored from them. A *stated partner* of speaker S in year Y is the other side of an event coded
from S's speech of Y in which S itself is the source or the target and both sides are distinct
actors; the event counts as

* cooperative when its PLOVER category is AGREE, CONSULT, SUPPORT, COOPERATE, AID, CONCEDE or
  RETREAT, conflictual when it is ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE
  or ASSAULT (the PLOVER manual's quad classes), a request when it is REQUEST — counted apart:
  in a General Debate speech most requests are appeals to the UN or to partners, which the
  quad classes' "verbal conflict" would misread; CAMEO 01/02 comments, which have no PLOVER
  category, are left out;
* asserted, or *other* (negated, hypothetical, future, reported), by its stored ``modality``.

This reads what a speech asserts about the speaker and a partner; events among third parties
(what the speaker says others did) are not partners of the speaker. The counts are small —
a speech is one document a year — and say what the coder found, not the whole speech.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from steppe.domain.codes import FOCAL_STATES
from steppe.store import Store

COOPERATIVE = ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT")
CONFLICTUAL = (
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


def stated_partners(store: Store, speakers: Iterable[str] = FOCAL_STATES) -> list[dict[str, Any]]:
    """One row per (speaker, year, partner): ``cooperative``, ``conflictual`` and ``requests``
    among asserted events, and ``other`` (events of another modality), sorted by speaker, year
    and partner.

    >>> from steppe.store import Store
    >>> with Store(":memory:") as s:
    ...     stated_partners(s)
    []
    """
    wanted = list(speakers)
    if not wanted:
        return []
    columns = {
        str(r[0])
        for r in store.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'"
        ).fetchall()
    }
    modality = "e.modality" if "modality" in columns else "'asserted'"
    marks = ", ".join("?" for _ in wanted)
    coop = ", ".join(f"'{c}'" for c in COOPERATIVE)
    confl = ", ".join(f"'{c}'" for c in CONFLICTUAL)
    rows = store.con.execute(
        f"""
        WITH ev AS (
            SELECT d.source AS speaker, year(d.published_at) AS year,
                   CASE WHEN e.source_actor = d.source THEN e.target_actor
                        ELSE e.source_actor END AS partner,
                   e.plover, coalesce({modality}, 'asserted') AS modality
            FROM events e JOIN documents d USING (doc_id)
            WHERE e.origin = 'coder' AND d.source IN ({marks})
              AND d.published_at IS NOT NULL
              AND e.source_actor IS NOT NULL AND e.target_actor IS NOT NULL
              AND e.source_actor <> e.target_actor
              AND d.source IN (e.source_actor, e.target_actor)
              AND e.plover IN ({coop}, {confl}, 'REQUEST')
        )
        SELECT speaker, year, partner,
               count(*) FILTER (WHERE modality = 'asserted' AND plover IN ({coop})),
               count(*) FILTER (WHERE modality = 'asserted' AND plover IN ({confl})),
               count(*) FILTER (WHERE modality = 'asserted' AND plover = 'REQUEST'),
               count(*) FILTER (WHERE modality <> 'asserted')
        FROM ev GROUP BY ALL ORDER BY speaker, year, partner
        """,
        wanted,
    ).fetchall()
    return [
        {
            "speaker": str(r[0]),
            "year": int(r[1]),
            "partner": str(r[2]),
            "cooperative": int(r[3]),
            "conflictual": int(r[4]),
            "requests": int(r[5]),
            "other": int(r[6]),
        }
        for r in rows
    ]


def partners_table(
    rows: Sequence[dict[str, Any]],
    speakers: Sequence[str] = FOCAL_STATES,
    years: Sequence[int] = tuple(range(2015, 2025)),
    top: int = 3,
) -> str:
    """A Markdown table: one row per speaker, one column per year; each cell lists the
    partners with most asserted events, cooperative then conflictual (``UN 4``, ``ARM 1 −2``),
    ``·`` where the year's speech gave none.

    >>> rows = [{"speaker": "KAZ", "year": 2017, "partner": "UN", "cooperative": 3,
    ...          "conflictual": 0, "other": 1},
    ...         {"speaker": "KAZ", "year": 2017, "partner": "ARM", "cooperative": 0,
    ...          "conflictual": 2, "other": 0}]
    >>> print(partners_table(rows, ["KAZ"], [2017, 2018]))
    | speaker | 2017 | 2018 |
    |---|---|---|
    | KAZ | UN 3, ARM −2 | · |
    """
    cells: dict[tuple[str, int], list[tuple[int, str]]] = {}
    for r in rows:
        coop, confl = r["cooperative"], r["conflictual"]
        if not coop and not confl:
            continue
        parts = ([str(coop)] if coop else []) + ([f"−{confl}"] if confl else [])
        label = f"{r['partner']} {' '.join(parts)}"
        cells.setdefault((r["speaker"], r["year"]), []).append((coop + confl, label))
    lines = [
        "| speaker | " + " | ".join(str(y) for y in years) + " |",
        "|---|" + "---|" * len(years),
    ]
    for s in speakers:
        row = []
        for y in years:
            found = sorted(cells.get((s, y), []), key=lambda c: (-c[0], c[1]))[:top]
            row.append(", ".join(label for _, label in found) or "·")
        lines.append(f"| {s} | " + " | ".join(row) + " |")
    return "\n".join(lines)
