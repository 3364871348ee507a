"""The coder (stages run top to bottom) and incremental coding of the ``documents`` table."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa

from steppe.coding.dictionaries import Dictionaries, load_dictionaries
from steppe.coding.events import INFERRED
from steppe.coding.plover2016 import CategoryVerbs, PloverCategories
from steppe.coding.stages import (
    ActorRecognizer,
    Batch,
    CoderOptions,
    Discarder,
    Document,
    EventClassifier,
    EventTime,
    Modality,
    RoleAssigner,
    Segmenter,
    Sentence,
    Stage,
)
from steppe.coding.statistical import StatisticalActors
from steppe.domain.errors import IngestError
from steppe.ingest.base import (
    QUARANTINE_DEDUP,
    QUARANTINE_SCHEMA,
    ProgressFn,
    append_events,
    remove_new_duplicates,
)
from steppe.registry import Gazetteer, Registry, load_country_names
from steppe.store import Store, scalar

ORIGIN = "coder"
CHUNK = 200
"""Documents coded and written per transaction."""


class Coder:
    """Runs the stages top to bottom over a batch.

    >>> from steppe.coding.dictionaries import AgentDictionary, VerbDictionary
    >>> verbs = VerbDictionary.parse('''
    ... ---  DENOUNCE   [111]  ---
    ... CRITICIZE
    ... ---  MEET   [040]  ---
    ... MEET {MEETS MET MEETING}
    ... ''')
    >>> coder = Coder(Dictionaries(verbs, AgentDictionary()))
    >>> [(e.source.code, e.target.code, e.cameo) for s in
    ...  coder.code_text("Tokayev met Xi Jinping in Astana.", date(2023, 5, 18)) for e in s.events]
    [('KAZ', 'CHN', '040')]
    """

    def __init__(
        self,
        dictionaries: Dictionaries | str | Path | None = None,
        gazetteer: Gazetteer | None = None,
        ner: bool = False,
        options: CoderOptions | None = None,
        registry: bool = True,
    ) -> None:
        """``ner=True`` adds the optional statistical layer (:mod:`steppe.coding.statistical`,
        the ``nlp`` extra) after the gazetteer's actor recognition. Actors come from the
        registry gazetteer (``registry``) and from the dictionaries' actor files when they
        have them (:func:`~steppe.coding.dictionaries.load_dictionaries` with ``actors``);
        ``options`` set how strict the coder is about actors (:class:`CoderOptions`)."""
        dicts = (
            dictionaries
            if isinstance(dictionaries, Dictionaries)
            else load_dictionaries(dictionaries)
        )
        self.dictionaries = dicts
        gaz = gazetteer or Gazetteer.from_registry()
        self.stages: tuple[Stage, ...] = (
            Segmenter(),
            Discarder(dicts),
            ActorRecognizer(
                gaz if registry else None, dicts.agents, dicts.actors, dicts.verbs.words
            ),
            *((StatisticalActors(gaz),) if ner else ()),
            EventClassifier(dicts),
            CategoryVerbs(dicts.verbs),
            RoleAssigner(options),
            Modality(),
            EventTime(),
            PloverCategories(dicts.verbs),  # scores confidence too (the Scorer's work)
        )

    def process(self, batch: Batch) -> Batch:
        for stage in self.stages:
            batch = stage.process(batch)
        return batch

    def code(self, documents: Sequence[Document]) -> tuple[Sentence, ...]:
        return self.process(Batch(documents=tuple(documents))).sentences

    def code_text(self, text: str, on: date, doc_id: str = "text") -> tuple[Sentence, ...]:
        """Code one text dated ``on``; the sentences with their events."""
        return self.code([Document(doc_id, text, on)])

    def code_sentences(self, sentences: Sequence[Sentence]) -> tuple[Sentence, ...]:
        """Code sentences already split and tokenised (with Treebank tags, if any)."""
        return self.process(Batch(sentences=tuple(sentences))).sentences


def event_id(doc_id: str, sentence: int, event: int) -> str:
    """``coder:`` + SHA-1 of doc_id, sentence index and event index.

    >>> event_id("abc", 0, 1)[:12]
    'coder:a2c756'
    """
    return "coder:" + hashlib.sha1(f"{doc_id}:{sentence}:{event}".encode()).hexdigest()


def event_rows(sentences: Sequence[Sentence]) -> list[dict[str, Any]]:
    """Rows for the ``events`` table (origin ``coder``) from coded sentences."""
    rows: list[dict[str, Any]] = []
    for s in sentences:
        for k, e in enumerate(s.events):
            src, tgt = e.source, e.target
            rows.append(
                {
                    "event_id": event_id(s.doc_id, s.index, k),
                    "date": s.date,
                    "source_actor": (src.code or None) if src else None,
                    "target_actor": (tgt.code or None) if tgt else None,
                    "source_agent": src.agent if src else None,
                    "target_agent": tgt.agent if tgt else None,
                    "source_raw": src.text if src else None,
                    "target_raw": tgt.text if tgt else None,
                    "cameo": e.cameo,
                    "plover": e.plover,
                    "quad_class": e.quad_class,
                    "goldstein": e.goldstein,
                    "origin": ORIGIN,
                    "doc_id": s.doc_id,
                    "sentence": s.text,
                    "confidence": e.confidence,
                    "modality": e.modality,
                    "event_time": e.event_time,
                    "event_date": e.event_date,
                    "date_precision": s.date_precision,
                }
            )
    return rows


@cache
def state_codes() -> frozenset[str]:
    """ISO-3 codes of states: the registry's states and powers and the reference country list.

    >>> "KGZ" in state_codes(), "Reuters" in state_codes()
    (True, False)
    """
    registry = {a.code for a in Registry.load().actors if a.is_state}
    return frozenset(registry | set(load_country_names().values()))


SPEAKING_ORGANISATIONS = frozenset({"EU"})
"""Registry codes of the organisations that speak in the UN General Debate as the states do:
the European Union (the UN General Debate Corpus's ``iso3`` "EU"), which addresses the
Assembly under General Assembly resolution 65/276 (2011); its "we" is the EU (the gold set
codes the EU's speeches so)."""


def speaker_of(source: str | None) -> str | None:
    """The speaker of a document whose ``source`` is a state's ISO-3 code or a speaking
    organisation's code (:data:`SPEAKING_ORGANISATIONS`): the statements of a state, such as
    the UN General Debate speeches ingested with the ``ungdc`` mapping (``source`` = the
    speaking state, :mod:`steppe.ingest.ungdc`); news sites and feeds have none.

    >>> speaker_of("UZB"), speaker_of("EU"), speaker_of("24.kg"), speaker_of(None)
    ('UZB', 'EU', None, None)
    """
    if source is None:
        return None
    return source if source in state_codes() or source in SPEAKING_ORGANISATIONS else None


def _pending(store: Store) -> list[tuple[str, str, date, str, str | None]]:
    """Dated documents not yet coded: (doc_id, text, date, precision, speaker)."""
    rows = store.con.execute(
        """
        SELECT d.doc_id, coalesce(d.text, ''), CAST(d.published_at AS DATE),
               coalesce(d.date_precision, 'day'), d.source
        FROM documents d
        WHERE d.published_at IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM ingest_log l WHERE l.origin = ? AND l.file = d.doc_id)
        ORDER BY d.doc_id
        """,
        [ORIGIN],
    ).fetchall()
    return [(str(r[0]), str(r[1]), r[2], str(r[3]), speaker_of(r[4])) for r in rows]


UNDATED_REASON = "document has no publication date: not coded (give steppe code --date)"


def _date_undated(store: Store, on: date | str | None) -> tuple[int, int]:
    """Give undated, uncoded documents the fallback date ``on`` (``YYYY-MM-DD``, ``YYYY-MM``
    or ``YYYY``, its precision recorded, ``dated_by = 'fallback'``), or without one quarantine
    them with the reason. Returns (dated by fallback, quarantined)."""
    undated = [
        str(r[0])
        for r in store.con.execute(
            "SELECT doc_id FROM documents d WHERE published_at IS NULL AND NOT EXISTS "
            "(SELECT 1 FROM ingest_log l WHERE l.origin = ? AND l.file = d.doc_id) "
            "ORDER BY doc_id",
            [ORIGIN],
        ).fetchall()
    ]
    if not undated:
        return 0, 0
    if on is not None:
        day, precision = parse_fallback_date(on)
        with store.transaction() as con:
            con.execute(
                "UPDATE documents SET published_at = ?, date_precision = ?, "
                "dated_by = 'fallback' WHERE published_at IS NULL AND NOT EXISTS "
                "(SELECT 1 FROM ingest_log l WHERE l.origin = ? AND l.file = doc_id)",
                [datetime(day.year, day.month, day.day), precision, ORIGIN],
            )
        return len(undated), 0
    now = datetime.now()
    bad = pa.table(
        {
            "origin": [ORIGIN] * len(undated),
            "file": undated,
            "record": pa.array([None] * len(undated), pa.int64()),
            "reason": [UNDATED_REASON] * len(undated),
            "raw": pa.array([None] * len(undated), pa.string()),
            "at": pa.array([now] * len(undated), pa.timestamp("us")),
        },
        schema=QUARANTINE_SCHEMA,
    )
    with store.transaction() as con:
        con.register("_steppe_undated", bad)
        try:
            con.execute(QUARANTINE_DEDUP.format(source="_steppe_undated"))
        finally:
            con.unregister("_steppe_undated")
    return 0, len(undated)


def parse_fallback_date(value: date | str) -> tuple[date, str]:
    """A fallback date and its precision from ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (the
    first day of the month or year).

    >>> parse_fallback_date("2024-05"), parse_fallback_date("2023")
    ((datetime.date(2024, 5, 1), 'month'), (datetime.date(2023, 1, 1), 'year'))
    >>> parse_fallback_date("May 2024")
    Traceback (most recent call last):
    ...
    steppe.domain.errors.IngestError: bad --date 'May 2024': expected YYYY-MM-DD, YYYY-MM or YYYY
    """
    if isinstance(value, date):
        return value, "day"
    text = value.strip()
    try:
        if len(text) == 4 and text.isdigit():
            return date(int(text), 1, 1), "year"
        if len(text) == 7 and text[4] == "-":
            return date(int(text[:4]), int(text[5:]), 1), "month"
        return date.fromisoformat(text), "day"
    except ValueError:
        pass
    raise IngestError(f"bad --date {value!r}: expected YYYY-MM-DD, YYYY-MM or YYYY")


@dataclass(frozen=True)
class CodingRun:
    """What one :func:`code_documents` run did besides writing events."""

    events: int
    documents: int
    dated_by_fallback: int
    quarantined_undated: int


def code_documents(
    store: Store,
    dictionaries: Dictionaries | str | Path | None = None,
    progress: ProgressFn | None = None,
    coder: Coder | None = None,
    ner: bool = False,
    date: date | str | None = None,
    run: list[CodingRun] | None = None,
) -> int:
    """Code every document not yet coded and write its events (origin ``coder``); return how
    many events were written. Each coded document gets an ``ingest_log`` row (origin
    ``coder``, file = digest = doc_id, ok = its events), so documents with no events are not
    coded again; running twice writes nothing the second time. ``ner`` adds the statistical
    layer (see :class:`Coder`) when no ``coder`` is given.

    Dates are never invented: a document without a publication date takes ``date`` (the
    fallback, ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, recorded as ``dated_by = 'fallback'``
    with its precision) or, without one, is quarantined with the reason and left uncoded, to
    be coded by a later run given a date. ``run``, if given, receives a :class:`CodingRun`
    with those counts."""
    if date is not None:
        parse_fallback_date(date)  # a bad date fails even when nothing needs it
    fallback, quarantined = _date_undated(store, date)
    pending = _pending(store)
    if run is not None:
        run.append(CodingRun(0, len(pending), fallback, quarantined))
    if not pending:
        if progress:
            progress(1.0)
        return 0
    coder = coder or Coder(dictionaries, ner=ner)
    written = 0
    for start in range(0, len(pending), CHUNK):
        chunk = pending[start : start + CHUNK]
        started = datetime.now()
        sentences = coder.code([Document(d, t, day, p, who) for d, t, day, p, who in chunk])
        rows = event_rows(sentences)
        per_doc: dict[str, int] = {}
        for r in rows:
            per_doc[r["doc_id"]] = per_doc.get(r["doc_id"], 0) + 1
        with store.transaction() as con:
            first = int(scalar(con, "SELECT coalesce(max(rowid) + 1, 0) FROM events"))
            before = int(scalar(con, "SELECT count(*) FROM events"))
            if rows:
                append_events(con, rows)
                remove_new_duplicates(con, first)
            written += int(scalar(con, "SELECT count(*) FROM events")) - before
            coded = pa.table(
                {
                    "doc_id": [d for d, *_ in chunk],
                    "ok": pa.array([per_doc.get(d, 0) for d, *_ in chunk], pa.int64()),
                }
            )
            con.register("_steppe_coded", coded)  # one INSERT, not one per document
            try:
                con.execute(
                    "INSERT INTO ingest_log SELECT doc_id, doc_id, ?, ok, 0, 0, ?, now() "
                    "FROM _steppe_coded",
                    [ORIGIN, started],
                )
            finally:
                con.unregister("_steppe_coded")
        if progress:
            progress(min((start + len(chunk)) / len(pending), 1.0))
    return written


@dataclass(frozen=True)
class CodingSummary:
    """What :func:`coding_summary` reports."""

    documents: int
    coded: int
    events: int
    inferred_sources: int = 0
    """Coder events whose source was inferred, not read (its ``source_raw`` says why)."""
    inferred_targets: int = 0
    """Coder events whose target's state was inferred ("a local resident": the acting
    authorities' state; its ``target_raw`` says why)."""


def coding_summary(store: Store) -> CodingSummary:
    """Documents in the store, how many are coded, coder events, and how many of those have
    an inferred source (a passive arrest or release: the state where it happened) or an
    inferred target state (a local resident: the acting authorities')."""
    con = store.con
    return CodingSummary(
        int(scalar(con, "SELECT count(*) FROM documents")),
        int(scalar(con, "SELECT count(DISTINCT file) FROM ingest_log WHERE origin = ?", [ORIGIN])),
        int(scalar(con, "SELECT count(*) FROM events WHERE origin = ?", [ORIGIN])),
        int(
            scalar(
                con,
                "SELECT count(*) FROM events WHERE origin = ? AND contains(source_raw, ?)",
                [ORIGIN, f"({INFERRED}"],
            )
        ),
        int(
            scalar(
                con,
                "SELECT count(*) FROM events WHERE origin = ? AND contains(target_raw, ?)",
                [ORIGIN, f"({INFERRED}"],
            )
        ),
    )
