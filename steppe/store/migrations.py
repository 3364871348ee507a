"""Named schema migrations. Append new ones; never edit a landed migration."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


_INITIAL = """
CREATE TABLE actors (
    code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, kind VARCHAR NOT NULL,
    iso3 VARCHAR, iso2 VARCHAR, cameo VARCHAR, cow_code INTEGER, region VARCHAR,
    pole VARCHAR, lat DOUBLE, lon DOUBLE, source VARCHAR NOT NULL
);
CREATE TABLE aliases (
    alias VARCHAR NOT NULL, norm VARCHAR NOT NULL, code VARCHAR NOT NULL, kind VARCHAR NOT NULL,
    valid_from DATE, valid_to DATE, source VARCHAR NOT NULL
);
CREATE TABLE leaders (
    person VARCHAR NOT NULL, code VARCHAR NOT NULL, role VARCHAR NOT NULL,
    start_date DATE, end_date DATE, source VARCHAR NOT NULL
);
CREATE TABLE memberships (
    member VARCHAR NOT NULL, org VARCHAR NOT NULL, role VARCHAR NOT NULL,
    start_date DATE, end_date DATE, source VARCHAR NOT NULL
);
CREATE TABLE actor_codes (
    system VARCHAR NOT NULL, raw VARCHAR NOT NULL, code VARCHAR NOT NULL
);
CREATE TABLE event_codes (
    code VARCHAR PRIMARY KEY, description VARCHAR, goldstein DOUBLE, plover VARCHAR,
    quad_class TINYINT
);
CREATE TABLE ties (
    period VARCHAR NOT NULL, a VARCHAR NOT NULL, b VARCHAR NOT NULL, channel VARCHAR NOT NULL,
    value DOUBLE, unit VARCHAR, source VARCHAR NOT NULL
);
CREATE TABLE documents (
    doc_id VARCHAR PRIMARY KEY, source VARCHAR, url VARCHAR, title VARCHAR,
    published_at TIMESTAMP, text VARCHAR, ingested_at TIMESTAMP
);
CREATE TABLE events (
    event_id VARCHAR NOT NULL, date DATE NOT NULL,
    source_actor VARCHAR, target_actor VARCHAR, source_agent VARCHAR, target_agent VARCHAR,
    source_raw VARCHAR, target_raw VARCHAR,
    cameo VARCHAR NOT NULL, plover VARCHAR, quad_class TINYINT, goldstein DOUBLE,
    mentions INTEGER, tone DOUBLE, origin VARCHAR NOT NULL, doc_id VARCHAR, sentence VARCHAR,
    confidence DOUBLE, url VARCHAR
);
CREATE TABLE quarantine (
    origin VARCHAR NOT NULL, file VARCHAR NOT NULL, record BIGINT, reason VARCHAR NOT NULL,
    raw VARCHAR, "at" TIMESTAMP NOT NULL
);
CREATE TABLE ingest_log (
    file VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, origin VARCHAR NOT NULL,
    ok BIGINT NOT NULL, duplicate BIGINT NOT NULL, bad BIGINT NOT NULL,
    started TIMESTAMP NOT NULL, finished TIMESTAMP NOT NULL
);
CREATE TABLE indicators (
    name VARCHAR NOT NULL, actor VARCHAR NOT NULL, partner VARCHAR, period VARCHAR NOT NULL,
    period_start DATE NOT NULL, value DOUBLE, lo DOUBLE, hi DOUBLE, n BIGINT,
    method VARCHAR NOT NULL, computed_at TIMESTAMP NOT NULL
);
CREATE TABLE scenario_runs (
    run_id VARCHAR PRIMARY KEY, scenario VARCHAR NOT NULL, seed BIGINT, params JSON,
    outcome JSON, created_at TIMESTAMP NOT NULL
);
"""

_REFERENCE = """
CREATE TABLE rollcalls (
    rcid INTEGER PRIMARY KEY, session INTEGER, date DATE NOT NULL, importantvote BOOLEAN,
    unres VARCHAR, amend BOOLEAN, para BOOLEAN, short VARCHAR, descr VARCHAR,
    me BOOLEAN, nu BOOLEAN, co BOOLEAN, hr BOOLEAN, ec BOOLEAN, di BOOLEAN,
    source VARCHAR NOT NULL
);
CREATE TABLE votes (rcid INTEGER NOT NULL, country VARCHAR NOT NULL, vote TINYINT NOT NULL);
CREATE TABLE ideal_points_reference (
    country VARCHAR NOT NULL, year INTEGER NOT NULL, variant VARCHAR NOT NULL,
    ideal_point DOUBLE, q05 DOUBLE, q95 DOUBLE, n_votes INTEGER, cow_code INTEGER,
    source VARCHAR NOT NULL
);
CREATE TABLE capabilities (
    country VARCHAR NOT NULL, year INTEGER NOT NULL, cinc DOUBLE, milex DOUBLE, milper DOUBLE,
    irst DOUBLE, pec DOUBLE, tpop DOUBLE, upop DOUBLE, cow_code INTEGER, source VARCHAR NOT NULL
);
"""
"""UN General Assembly roll calls and votes (vote 1 yes, 2 abstain, 3 no as in Voeten; absent
and non-member are not stored), reference ideal points (BSV), COW national capabilities. Dyadic
trade, alliances and joint IGO memberships go into ``ties``."""

_DIGEST = """
ALTER TABLE ingest_log RENAME COLUMN sha256 TO digest;
UPDATE ingest_log SET digest = 'sha256:' || digest
    WHERE origin <> 'coder' AND digest NOT LIKE '%:%';
"""
"""Files are identified by a BLAKE3 digest written ``blake3:<hex>``; earlier SHA-256 digests keep
their value under a ``sha256:`` prefix (such a file is parsed once more if ingested again, and
the natural-key deduplication keeps that idempotent)."""

_SUPPORT = """
ALTER TABLE indicators ADD COLUMN freq VARCHAR;
ALTER TABLE indicators ADD COLUMN sparse BOOLEAN;
UPDATE indicators SET freq = CASE
    WHEN regexp_matches(period, '^[0-9]{4}Q[1-4]$') THEN 'quarter'
    WHEN regexp_matches(period, '^[0-9]{4}-[0-9]{2}$') THEN 'month'
    WHEN regexp_matches(period, '^[0-9]{4}$') THEN 'year'
    ELSE NULL END;
"""
"""Each indicator value states its frequency (``quarter``, ``year``, ``month``: one series per
frequency, so computing one never replaces another) and whether its support is too thin for a
headline or an alert (``sparse``; the rule is in :mod:`steppe.indicators.support`). Existing
rows get their frequency from the period's form; ``sparse`` stays NULL (unknown) until the
next ``steppe measure``."""
_MODALITY_TIME = """
ALTER TABLE events ADD COLUMN modality VARCHAR DEFAULT 'asserted';
ALTER TABLE events ADD COLUMN event_time VARCHAR DEFAULT 'document';
ALTER TABLE events ADD COLUMN event_date DATE;
ALTER TABLE events ADD COLUMN date_precision VARCHAR DEFAULT 'day';
DELETE FROM events WHERE origin = 'coder';
DELETE FROM ingest_log WHERE origin = 'coder';
ALTER TABLE documents ADD COLUMN date_precision VARCHAR;
ALTER TABLE documents ADD COLUMN dated_by VARCHAR;
UPDATE documents SET date_precision = 'day', dated_by = 'document'
    WHERE published_at IS NOT NULL;
"""
"""Events say how they were stated and when they happened. ``modality``: ``asserted``,
``negated``, ``hypothetical`` (conditional, possible), ``future`` (announced or intended),
``reported`` (a claim attributed to someone: "reportedly", "according to", "accused ... of");
``event_time``: ``document`` (as the document), ``past`` (an earlier event the text dates:
``event_date`` with ``date_precision``), ``past_undated``; ``date_precision`` (``day``,
``month``, ``year``) of ``date``. Dataset rows (GDELT, ICEWS) are reports of events that took
place on their date: asserted, as the document, day precision. Coder events written before
this migration carried no modality, so they are removed and their documents coded again by the
next ``steppe code`` (event ids are deterministic, so nothing is duplicated). Documents record
the precision of ``published_at`` and whether the date came with the document (``document``)
or from ``--date`` (``fallback``); undated documents stay NULL."""

_SOURCES = """
CREATE TABLE sources (
    name VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, title VARCHAR, licence VARCHAR,
    first_date DATE, last_date DATE, "rows" BIGINT, last_fetched TIMESTAMP,
    last_loaded TIMESTAMP, location VARCHAR, note VARCHAR
);
"""
"""What the store knows and how fresh it is: one row per source (a dataset file kind, an
event origin, a fetched feed), with its coverage, row count, licence and the times it was last
fetched and loaded. Written through :func:`steppe.store.sources.record_source`."""

_ALERTS = """
CREATE TABLE alerts (
    actor VARCHAR NOT NULL, partner VARCHAR, date DATE NOT NULL, kind VARCHAR NOT NULL,
    direction VARCHAR NOT NULL, magnitude DOUBLE NOT NULL, series VARCHAR NOT NULL,
    method VARCHAR NOT NULL, freq VARCHAR NOT NULL, value DOUBLE, baseline DOUBLE, score DOUBLE,
    n BIGINT, computed_at TIMESTAMP NOT NULL
);
DELETE FROM indicators WHERE name = 'alert';
"""
"""Spike and shift alerts in their own table (``steppe.indicators.alerts``); the yearly change
points formerly stored as ``indicators`` rows named ``alert`` are dropped (recomputed by
``steppe measure``)."""

_FETCH = """
CREATE TABLE fetch_files (
    source VARCHAR NOT NULL, name VARCHAR NOT NULL, url VARCHAR NOT NULL, size BIGINT,
    md5 VARCHAR, status VARCHAR NOT NULL, reason VARCHAR, loaded BIGINT, duplicate BIGINT,
    quarantined BIGINT, updated TIMESTAMP NOT NULL, PRIMARY KEY (source, name)
);
CREATE TABLE http_cache (
    url VARCHAR PRIMARY KEY, etag VARCHAR, last_modified VARCHAR, status INTEGER,
    fetched_at TIMESTAMP NOT NULL
);
CREATE TABLE update_runs (
    started TIMESTAMP NOT NULL, finished TIMESTAMP, ok BOOLEAN, since TIMESTAMP,
    stages JSON
);
"""
"""Fetch state: each remote file's fate (``ingested``, ``refused`` with the reason, ``failed``
after retries) so that an interrupted fetch resumes without downloading or ingesting a file
twice; validators (ETag, Last-Modified) for conditional GETs of feeds and file lists; and each
``steppe update`` run, whose last success is where the next one starts."""

_CAMEO_OPTIONAL = """
ALTER TABLE events ALTER COLUMN cameo DROP NOT NULL;
"""
"""Events coded natively in PLOVER (POLECAT, ACLED through its crosswalk) have no CAMEO code;
it stays empty rather than being invented."""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial_canonical_tables", _INITIAL),
    Migration(2, "reference_tables", _REFERENCE),
    Migration(3, "ingest_log_digest", _DIGEST),
    Migration(4, "event_modality_and_time", _MODALITY_TIME),
    Migration(5, "indicator_freq_sparse", _SUPPORT),
    Migration(6, "sources", _SOURCES),
    Migration(10, "alerts_table", _ALERTS),
    Migration(11, "fetch_state", _FETCH),
    Migration(12, "events_cameo_optional", _CAMEO_OPTIONAL),
)
"""Every migration, in order. ``schema_migrations`` records which have run."""
