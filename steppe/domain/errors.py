"""Steppe's one exception hierarchy.

::

    SteppeError
    ├── RegistryError        packaged reference data is inconsistent or missing
    ├── StoreError           the DuckDB store cannot be opened or migrated
    │   └── SchemaVersionError   the store was written by a newer Steppe
    ├── IngestError          a whole input cannot be read (bad records are quarantined instead)
    │   └── UnknownFormatError   the requested or detected format is not supported
    ├── FetchError           a remote source cannot be listed or read (a refused *file* is not one)
    │   ├── NetworkError         the host cannot be reached at all (no network, DNS, refused)
    │   └── HttpStatusError      the server answered with a final error status (404, 403 ...)
    ├── IndicatorError       an indicator cannot be computed from what is in the store
    └── ScenarioError        a scenario file is invalid or a simulation cannot run

Malformed *records* never raise: they are counted and kept in the ``quarantine`` table.
"""

from __future__ import annotations


class SteppeError(Exception):
    """Base class of every error Steppe raises on purpose."""


class RegistryError(SteppeError):
    """The packaged registry (actors, aliases, leaders, memberships) is inconsistent."""


class StoreError(SteppeError):
    """The store cannot be opened, migrated or written."""


class SchemaVersionError(StoreError):
    """The store's schema is newer than this version of Steppe understands."""


class IngestError(SteppeError):
    """An input file as a whole cannot be ingested (missing, unreadable, unknown layout)."""


class UnknownFormatError(IngestError):
    """The input format is not one Steppe reads."""


class FetchError(SteppeError):
    """A remote source (file list, feed) cannot be read after the retries allowed."""


class NetworkError(FetchError):
    """The host cannot be reached at all: no network, no DNS, connection refused."""


class HttpStatusError(FetchError):
    """The server answered with an error status that asking again will not change."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class IndicatorError(SteppeError):
    """An indicator cannot be computed."""


class ScenarioError(SteppeError):
    """A scenario file (YAML, KTAB CSV/XML, BDM table) is invalid or a simulation cannot run."""
