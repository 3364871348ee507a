"""An on-disk cache of the compiled gazetteer, so that `steppe resolve` and other short commands
do not re-read and re-normalise the registry's alias tables at every start (about 15 ms).

The cache is one file, ``gazetteer.marshal`` in the user cache folder (``$STEPPE_CACHE_DIR``,
else ``$XDG_CACHE_HOME/steppe``, else ``~/.cache/steppe``). It starts with a header line naming
the format, a key and the payload's SHA-256. The key hashes everything the index is built from:
the packaged files (actors, aliases, leaders, the COW country list), the source of the modules
that build it and the Python version (``marshal``'s format). A file whose key differs (edited
data, another Steppe version), whose payload does not match its digest (truncated, corrupt) or
that cannot be read is ignored and rebuilt; a folder that cannot be written leaves the cache off
and the gazetteer is built in memory as before. The cache is only ever written from a gazetteer
built from a registry that passed :meth:`Registry.check`, so reading it skips no check.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from steppe.registry.files import data_path

FORMAT = "steppe-gazetteer-1"
FILE_NAME = "gazetteer.marshal"
# the packaged files the index is built from
SOURCES = (
    ("registry", "actors.csv"),
    ("registry", "aliases.csv"),
    ("registry", "leaders.csv"),
    ("reference", "countries.csv"),
    ("reference", "country_names.csv"),
)
# the modules whose code decides what the index holds
_CODE = ("gazetteer.py", "loader.py", "files.py", "gazetteer_cache.py")

# normalised name -> (code, kind, first day ordinal or None, last day ordinal or None, alias)
Row = tuple[str, str, int | None, int | None, str]
Rows = dict[str, list[Row]]


def cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """The user cache folder Steppe writes to (``env`` defaults to the process environment).

    >>> cache_dir({"XDG_CACHE_HOME": "/var/cache"}).as_posix()
    '/var/cache/steppe'
    >>> cache_dir({"STEPPE_CACHE_DIR": "/tmp/c", "XDG_CACHE_HOME": "/var/cache"}).as_posix()
    '/tmp/c'
    """
    env = os.environ if env is None else env
    explicit = env.get("STEPPE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = env.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "steppe"


def cache_key() -> str | None:
    """A digest of every input of the compiled index (data files, building code, Python), or
    ``None`` when one cannot be read (the build then reports the missing file).

    >>> len(cache_key() or "")
    64
    """
    digest = hashlib.sha256(f"{FORMAT} {sys.version_info[:2]}".encode())
    here = Path(__file__).parent
    try:
        for parts in SOURCES:
            digest.update(data_path(*parts).read_bytes())
        for name in _CODE:
            digest.update((here / name).read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


def load(key: str, folder: Path | None = None) -> Rows | None:
    """The cached rows for ``key``, or ``None`` when absent, stale, corrupt or unreadable."""
    path = (folder or cache_dir()) / FILE_NAME
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    header, _, payload = blob.partition(b"\n")
    if header != _header(key, payload):
        return None
    try:
        rows = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None
    return rows if isinstance(rows, dict) else None


def save(key: str, rows: Rows, folder: Path | None = None) -> bool:
    """Write ``rows`` under ``key`` atomically; ``False`` (and nothing written) if the folder
    cannot be written."""
    target = folder or cache_dir()
    payload = marshal.dumps(rows)
    try:
        target.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", dir=target)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(_header(key, payload) + b"\n" + payload)
            os.replace(tmp, target / FILE_NAME)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return False
    return True


def _header(key: str, payload: bytes) -> bytes:
    return f"{FORMAT} {key} {hashlib.sha256(payload).hexdigest()}".encode()
