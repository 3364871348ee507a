"""News articles into the ``documents`` table: plain text, HTML pages, JSON Lines (and CSV)
records, RSS 2.0 / Atom feeds, and folders of them.

Formats are chosen by file suffix (``.gz`` is looked through, ``.zip`` members are read one by
one): ``.txt``; ``.html``/``.htm``; ``.jsonl``/``.ndjson``/``.csv`` (one record per line or
row); ``.xml``/``.rss``/``.atom``. Folders are walked recursively in sorted order and files with
other suffixes in them are ignored; a file named explicitly with another suffix is an error.

Decisions (documented here because the CLI and the tests rely on them):

* ``doc_id`` is the SHA-256 of the normalised text (NFKC, casefold, whitespace collapsed), so
  re-ingesting the same article, from any file or format, adds nothing.
* Bytes are decoded as UTF-16 when they start with its byte-order mark; else as UTF-8 (a BOM
  is dropped); failing that, as UTF-8 mixed with a legacy encoding when the bytes hold valid
  UTF-8 sequences too (files pasted together from several sources: UTF-8 where it is valid,
  the rest in the legacy encoding); else with the charset the document declares (HTML
  ``<meta charset>``, XML declaration); failing that, as cp1251 when the result reads as
  Cyrillic words (more all-Cyrillic words than words mixing Latin and Cyrillic letters), else
  as latin-1. Latin-1 never fails, so a file is "undecodable" only when it is binary: it
  contains NUL bytes, or over 5 % of its characters are control characters.
* ``published_at`` comes from the document (HTML ``article:published_time``/``date`` meta or
  the first ``<time datetime>``; the record's date field; the item's ``pubDate``/
  ``published``/``updated``), else the feed (``pubDate``/``lastBuildDate``/``updated``), else
  the ``date`` argument, else NULL. Dates with a zone are converted to UTC and stored naive;
  ``YYYY-MM`` and ``YYYY`` mean the first day of the period. An unparseable date falls back.
* A document's text is capped at :data:`MAX_CHARS` characters. A longer one is still loaded
  (truncated, hashed after truncation) and a note is written to ``quarantine`` (reason starting
  ``note:``); notes do not count as quarantined records in the report or ``ingest_log``.
* Whatever cannot be used — a binary file, empty text, XML that does not parse or declares a
  DTD/entities (rejected outright, never expanded), a JSON line that is not an object or lacks
  the text field, a ``.gz`` or ``.zip`` that does not decompress — is quarantined with the
  file, the record (line, row or item number; NULL for a whole file) and the reason; the rest
  of the input, and the other files of the batch, still load.
* ``source`` is the record's source field, else the feed/site name, else the URL's host, else
  the file name.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import hashlib
import io
import json
import re
import time
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from datetime import date as Day
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET
from xml.parsers import expat

import pyarrow as pa

from steppe.domain.errors import IngestError, UnknownFormatError
from steppe.domain.limits import exceeded, limit
from steppe.ingest.base import (
    QUARANTINE_DEDUP,
    QUARANTINE_SCHEMA,
    IngestReport,
    ProgressFn,
    already_ingested,
    file_digest,
    log_ingest,
    readable,
    skipped_report,
)
from steppe.store import Store, scalar

ORIGIN = "news"
MAX_CHARS = 2_000_000
"""Cap on one document's text, in characters; longer texts are truncated and noted."""
BATCH_ROWS = 1_000
BATCH_CHARS = 20_000_000
RAW_CHARS = 2_000
"""How much of a rejected record is kept in ``quarantine.raw``."""

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
RECORD_SUFFIXES = frozenset({".jsonl", ".ndjson", ".csv"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES | FEED_SUFFIXES

DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "paragraph", "body", "content", "article"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "date": ("date", "published_at", "published", "pubDate", "date_from_url"),
    "source": ("source", "source_domain", "site"),
}
"""Record field names tried in order for each role; ``jsonl_fields`` replaces a role's list
with the one name given. The defaults match ``news_central_asia_migration`` (``paragraph``,
``title``, ``url``, ``date_from_url``, ``source_domain``)."""

_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("source", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("published_at", pa.timestamp("us")),
        ("text", pa.string()),
        ("ingested_at", pa.timestamp("us")),
        ("date_precision", pa.string()),
        ("dated_by", pa.string()),
    ]
)

_WS = re.compile(r"\s+")
_BLANKS = re.compile(r"[ \t\f\v\xa0]+")
_NEWLINES = re.compile(r"\s*\n\s*(?:\n\s*)+")


# --------------------------------------------------------------------------- text helpers


def normalise_text(text: str) -> str:
    """The form of a text that ``doc_id`` hashes: NFKC, casefolded, whitespace collapsed.

    >>> normalise_text("  Astana\\u00a0 SUMMIT\\n\\n ﬁnal ")
    'astana summit final'
    """
    return _WS.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def doc_id(text: str) -> str:
    """SHA-256 (hex) of :func:`normalise_text`; equal for texts differing in case or spacing.

    >>> doc_id("Dushanbe  talks") == doc_id("dushanbe talks\\n")
    True
    """
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def _tidy(text: str) -> str:
    """Collapse blanks within lines and runs of blank lines; strip."""
    lines = (_BLANKS.sub(" ", line).strip() for line in text.replace("\r", "\n").split("\n"))
    return _NEWLINES.sub("\n\n", "\n".join(lines)).strip()


_CHARSET = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_CYR = re.compile(r"[\u0400-\u04ff]")
_LAT = re.compile(r"[A-Za-z]")
_WORD = re.compile(r"[^\W\d_]+")


def is_binary(data: bytes) -> bool:
    """Whether ``data`` looks like a binary file (NUL bytes in its first 8 KiB).

    >>> is_binary(b"Bishkek"), is_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")
    (False, True)
    """
    return b"\x00" in data[:8192]


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data``: UTF-16 when it starts with a UTF-16 byte-order mark; UTF-8 (BOM
    dropped); UTF-8 mixed with a legacy encoding (the UTF-8 sequences as UTF-8, the other
    bytes in the legacy one) when it holds both; else the ``declared`` charset, else cp1251
    when that reads as Cyrillic words, else latin-1. Returns ``(text, encoding used)``.

    >>> decode_bytes("Алматы".encode("cp1251"))
    ('Алматы', 'cp1251')
    >>> decode_bytes("Café in Almaty".encode("latin-1"))
    ('Café in Almaty', 'latin-1')
    >>> decode_bytes(b"\\xef\\xbb\\xbfTashkent")
    ('Tashkent', 'utf-8-sig')
    >>> decode_bytes("Бишкек ".encode() + "и Ош".encode("cp1251"))
    ('Бишкек и Ош', 'utf-8+cp1251')
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("utf-8-sig")
        return text, "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError:
        pass
    mixed = _decode_mixed(data, declared)
    if mixed is not None:
        return mixed
    if declared:
        try:
            return data.decode(declared), declared.lower()
        except (LookupError, UnicodeDecodeError):
            pass
    return _decode_legacy(data)


def _decode_legacy(data: bytes) -> tuple[str, str]:
    try:
        cyr = data.decode("cp1251")
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"
    words = [w for w in _WORD.findall(cyr) if _CYR.search(w)]
    mixed = sum(1 for w in words if _LAT.search(w))
    if len(words) - mixed > mixed:
        return cyr, "cp1251"
    return data.decode("latin-1"), "latin-1"


_UTF8_SEQ = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_ASCII = bytes(range(128))


def _decode_mixed(data: bytes, declared: str | None) -> tuple[str, str] | None:
    """UTF-8 text with parts in a legacy encoding (files concatenated from several sources):
    the lines that are not UTF-8 choose the legacy encoding (the declared one, else as in
    :func:`decode_bytes`); ``None`` when the data shows no UTF-8 at all. Valid UTF-8 sequences
    must number at least 2 and a twentieth of the other non-ASCII bytes, since legacy text
    sometimes forms one by chance (KOI8-R's "ё" after a lower-case letter does)."""
    utf8 = _UTF8_SEQ.findall(data)
    if len(utf8) < 2:
        return None
    other = len(data.translate(None, _ASCII)) - sum(len(u) for u in utf8)
    if len(utf8) * 20 < other:
        return None
    legacy_lines = []
    for line in data.split(b"\n"):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            legacy_lines.append(line)
    legacy = None
    if declared:
        try:
            b"".join(legacy_lines).decode(declared)
            legacy = codecs.lookup(declared).name
        except (LookupError, UnicodeDecodeError):
            legacy = None
    if legacy is None:
        legacy = _decode_legacy(b"\n".join(legacy_lines))[1]
    handler = f"steppe-legacy-{legacy}"
    try:
        codecs.lookup_error(handler)
    except LookupError:
        codecs.register_error(handler, _legacy_handler(legacy))
    return data.decode("utf-8-sig", errors=handler), f"utf-8+{legacy}"


def _legacy_handler(encoding: str) -> Callable[[UnicodeError], tuple[str, int]]:
    """A codec error handler decoding the bytes that are not UTF-8 with ``encoding``."""

    def handle(exc: UnicodeError) -> tuple[str, int]:
        assert isinstance(exc, UnicodeDecodeError)
        return exc.object[exc.start : exc.end].decode(encoding, errors="replace"), exc.end

    return handle


def _declared_charset(data: bytes) -> str | None:
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def _looks_binary_text(text: str) -> bool:
    sample = text[:100_000]
    if not sample:
        return False
    controls = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f")
    return controls > 0.05 * len(sample)


def parse_date(value: Any) -> datetime | None:
    """A naive UTC datetime from ISO 8601, RFC 822, ``YYYY-MM`` or ``YYYY``; else ``None``.

    >>> parse_date("2023-05-04T10:00:00+05:00")
    datetime.datetime(2023, 5, 4, 5, 0)
    >>> parse_date("Tue, 02 Jan 2024 08:30:00 GMT")
    datetime.datetime(2024, 1, 2, 8, 30)
    >>> parse_date("2022-11"), parse_date("soon")
    (datetime.datetime(2022, 11, 1, 0, 0), None)
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        dt = datetime(value.year, value.month, value.day)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        return None
    else:
        text = str(value).strip()
        if not text:
            return None
        dt_or_none = _parse_date_text(text)
        if dt_or_none is None:
            return None
        dt = dt_or_none
    if dt.tzinfo is not None:
        dt = dt.astimezone(UTC).replace(tzinfo=None)
    return dt


def date_precision(value: Any) -> str | None:
    """How precise a date value is: ``year`` for ``YYYY``, ``month`` for ``YYYY-MM``, ``day``
    for a full date or a timestamp; ``None`` when :func:`parse_date` cannot read it.

    >>> date_precision("2022"), date_precision("2022-11"), date_precision("2022-11-05")
    ('year', 'month', 'day')
    >>> date_precision("soon") is None
    True
    """
    if parse_date(value) is None:
        return None
    if isinstance(value, date):
        return "day"
    text = str(value).strip()
    if re.fullmatch(r"\d{4}", text):
        return "year"
    if re.fullmatch(r"\d{4}[-/.]\d{1,2}", text):
        return "month"
    return "day"


def _parse_date_text(text: str) -> datetime | None:
    if re.fullmatch(r"\d{4}", text):
        return datetime(int(text), 1, 1) if 1000 <= int(text) <= 9999 else None
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})", text)
    if m:
        try:
            return datetime(int(m[1]), int(m[2]), 1)
        except ValueError:
            return None
    try:
        return datetime.fromisoformat(text.replace(" ", "T", 1) if " " in text[:11] else text)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


# --------------------------------------------------------------------------- HTML


_DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "noscript",
        "template",
        "svg",
        "iframe",
        "button",
        "select",
        "textarea",
    }
)
_DROP_NAMES = re.compile(r"nav|menu|footer|sidebar|cookie|share|comment", re.I)
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
_PARA = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "figcaption"}
)
_BLOCK = _PARA | frozenset(
    {"div", "section", "article", "main", "ul", "ol", "dl", "table", "tr", "br", "hr", "body"}
)
_DATE_META = frozenset(
    {
        "article:published_time",
        "date",
        "pubdate",
        "publishdate",
        "publish-date",
        "datepublished",
        "dc.date",
        "dc.date.issued",
        "dcterms.created",
        "og:published_time",
    }
)


@dataclass
class _Frame:
    tag: str
    dropped: bool
    para: bool


@dataclass
class HtmlDoc:
    """What :func:`extract_html` finds in a page."""

    title: str | None = None
    text: str = ""
    published: str | None = None
    url: str | None = None
    site: str | None = None
    truncated: bool = False
    """Reading stopped early because the text had passed the ``limit``."""


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[_Frame] = []
        self.title: list[str] = []
        self.in_title = False
        self.article: list[str] = []
        self.main: list[str] = []
        self.paras: list[str] = []
        self.body: list[str] = []
        self.meta: dict[str, str] = {}
        self.time: str | None = None
        self.canonical: str | None = None
        self.sizes = {"article": 0, "main": 0, "paras": 0, "body": 0}

    # state derived from the stack
    def _dropped(self) -> bool:
        return bool(self.stack) and self.stack[-1].dropped

    def _inside(self, tag: str) -> bool:
        return any(f.tag == tag for f in self.stack)

    def _in_para(self) -> bool:
        return any(f.para for f in self.stack)

    def _breaks(self) -> None:
        for buf in (self.article, self.main, self.paras, self.body):
            if buf and buf[-1] != "\n\n":
                buf.append("\n\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content"):
                self.meta.setdefault(key, a["content"].strip())
            return
        if tag == "link":
            if "canonical" in a.get("rel", "").lower() and a.get("href"):
                self.canonical = self.canonical or a["href"].strip()
            return
        if tag == "time" and self.time is None and a.get("datetime") and not self._dropped():
            self.time = a["datetime"].strip()
        if tag == "title":
            self.in_title = True
            return
        if tag in _BLOCK:
            self._breaks()
        if tag in _VOID:
            return
        if tag in _PARA or tag in ("div", "section"):
            # a new block closes an open <p> (HTML's implied end tag)
            while self.stack and self.stack[-1].tag == "p":
                self.stack.pop()
        names = f"{a.get('class', '')} {a.get('id', '')}"
        dropped = (
            self._dropped()
            or tag in _DROP_TAGS
            or (tag not in ("html", "body", "article", "main") and bool(_DROP_NAMES.search(names)))
        )
        self.stack.append(_Frame(tag, dropped, tag in _PARA))
        if len(self.stack) > 2_000:  # pathological nesting: keep memory bounded
            del self.stack[1:1000]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
            return
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                break
        if tag in _BLOCK:
            self._breaks()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
            return
        if self._dropped() or not data:
            return
        n = len(data)
        if self._inside("article"):
            self.article.append(data)
            self.sizes["article"] += n
        if self._inside("main"):
            self.main.append(data)
            self.sizes["main"] += n
        if self._in_para():
            self.paras.append(data)
            self.sizes["paras"] += n
        self.body.append(data)
        self.sizes["body"] += n

    def full(self, limit: int) -> bool:
        """Whether enough text was read: the best candidate, or everything, is over ``limit``."""
        s = self.sizes
        return max(s["article"], s["main"], s["paras"]) > limit or s["body"] > 4 * limit


def extract_html(html: str, limit: int | None = None) -> HtmlDoc:
    """Title, main text, publication date and canonical URL of an HTML page, with scripts,
    navigation, headers, footers, sidebars, forms and cookie/share/comment boxes dropped.
    The text is the ``<article>`` (else ``<main>``) content, else the page's paragraphs, else
    all remaining body text. Broken markup never raises.

    >>> d = extract_html('<title>Summit</title><nav>Home | News</nav>'
    ...     '<meta property="article:published_time" content="2024-03-01">'
    ...     '<article><p>Leaders met in Astana.<p>They signed a deal.</article>'
    ...     '<div class="share-box">Share this</div>')
    >>> d.title, d.text, d.published
    ('Summit', 'Leaders met in Astana.\\n\\nThey signed a deal.', '2024-03-01')
    """
    parser = _Extractor()
    truncated = False
    try:
        step = 1 << 20
        for start in range(0, len(html), step):
            parser.feed(html[start : start + step])
            if limit is not None and parser.full(limit):
                truncated = start + step < len(html)
                break
        parser.close()
    except Exception:  # html.parser is lenient, but never let a page crash: keep what was read
        pass
    meta = parser.meta
    text = ""
    for parts in (parser.article, parser.main, parser.paras, parser.body):
        text = _tidy("".join(parts))
        if text:
            break
    title = _tidy(" ".join(parser.title)) or meta.get("og:title") or None
    published = next((meta[k] for k in meta if k in _DATE_META), None) or parser.time
    return HtmlDoc(
        title=_WS.sub(" ", title).strip() if title else None,
        text=text,
        published=published,
        url=meta.get("og:url") or parser.canonical,
        site=meta.get("og:site_name"),
        truncated=truncated,
    )


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (as in a feed's description).

    >>> html_to_text("<p>Water <b>talks</b> in Tashkent</p><script>x()</script>")
    'Water talks in Tashkent'
    """
    if "<" not in fragment and "&" not in fragment:
        return _tidy(fragment)
    return extract_html(fragment).text


# --------------------------------------------------------------------------- reading


@dataclass
class _Doc:
    text: str
    title: str | None = None
    url: str | None = None
    published: datetime | None = None
    source: str | None = None
    read_all: bool = True
    precision: str | None = None


@dataclass
class _Bad:
    record: int | None
    reason: str
    raw: str | None = None


@dataclass
class _Context:
    display: str
    fields: dict[str, tuple[str, ...]]
    default_date: datetime | None
    notes: list[_Bad] = field(default_factory=list)
    date_lookup: Mapping[str, str] | None = None
    default_precision: str | None = None


Item = tuple[int | None, _Doc | _Bad]


def _kind(name: str) -> str | None:
    suffixes = [s.lower() for s in Path(name).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    if not suffixes or suffixes[-1] not in SUFFIXES:
        return None
    return suffixes[-1]


def _read_bytes(path: Path, name: str) -> bytes:
    """The file's bytes (decompressed for .gz), read whole: at most the ``max_news_file_mb``
    limit, so a small .gz that unpacks to gigabytes is refused before it fills memory."""
    most = limit("max_news_file_mb") << 20
    try:
        opener = gzip.open if name.lower().endswith(".gz") else open
        with opener(path, "rb") as fh:
            data = fh.read(most + 1)
    except (OSError, EOFError, zlib.error) as exc:
        what = "truncated gzip stream" if isinstance(exc, EOFError) else str(exc)
        raise IngestError(f"{name}: cannot read ({what})") from exc
    if len(data) > most:
        raise IngestError(f"{name}: " + exceeded("max_news_file_mb", "larger when read, not read"))
    return bytes(data)


def _decode_file(data: bytes, declared: str | None = None) -> str | _Bad:
    if is_binary(data) and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _Bad(None, "binary file (NUL bytes); not text", data[:64].hex())
    text, _ = decode_bytes(data, declared)
    if _looks_binary_text(text):
        return _Bad(None, "undecodable bytes: too many control characters", text[:RAW_CHARS])
    return text


def _read_text(data: bytes, ctx: _Context) -> Iterator[Item]:
    text = _decode_file(data)
    if isinstance(text, _Bad):
        yield None, text
        return
    text = _tidy(text)
    if not text:
        yield None, _Bad(None, "empty text")
        return
    first = text.split("\n", 1)[0].strip()
    title = first if len(first) <= 200 and "\n" in text else None
    yield None, _Doc(text, title=title)


def _read_html(data: bytes, ctx: _Context) -> Iterator[Item]:
    text = _decode_file(data, _declared_charset(data))
    if isinstance(text, _Bad):
        yield None, text
        return
    page = extract_html(text, limit=MAX_CHARS)
    if not page.text:
        yield (
            None,
            _Bad(None, "empty text: no article, main or paragraph content", text[:RAW_CHARS]),
        )
        return
    yield (
        None,
        _Doc(
            page.text,
            title=page.title,
            url=page.url,
            published=parse_date(page.published),
            precision=date_precision(page.published),
            source=page.site,
            read_all=not page.truncated,
        ),
    )


def _field(record: Mapping[str, Any], names: Iterable[str]) -> Any:
    for name in names:
        value = record.get(name)
        if value is not None and value != "":
            return value
    return None


def _record_doc(record: Mapping[str, Any], number: int, ctx: _Context) -> _Doc | _Bad:
    raw = json.dumps(record, ensure_ascii=False, default=str)[:RAW_CHARS]
    value = _field(record, ctx.fields["text"])
    if value is None:
        return _Bad(number, f"no text field ({', '.join(ctx.fields['text'])})", raw)
    if not isinstance(value, str):
        return _Bad(number, f"text field is {type(value).__name__}, not a string", raw)
    text = _tidy(value)
    if not text:
        return _Bad(number, "empty text", raw)

    def opt(role: str) -> str | None:
        v = _field(record, ctx.fields[role])
        return _WS.sub(" ", str(v)).strip() or None if v is not None else None

    when = _field(record, ctx.fields["date"])
    if ctx.date_lookup is not None and when is not None:
        when = ctx.date_lookup.get(str(when).strip())  # a key not in the table: no date
    return _Doc(
        text,
        title=opt("title"),
        url=opt("url"),
        published=parse_date(when),
        precision=date_precision(when),
        source=opt("source"),
    )


def _read_jsonl(data: bytes, ctx: _Context) -> Iterator[Item]:
    if is_binary(data):
        yield None, _Bad(None, "binary file (NUL bytes); not JSON Lines", data[:64].hex())
        return
    for number, line in enumerate(data.split(b"\n"), start=1):
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if not line.strip():
            continue
        text, _ = decode_bytes(line)
        try:
            record = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as exc:
            yield number, _Bad(number, f"not JSON ({exc.__class__.__name__}: {exc})", text[:2000])
            continue
        if not isinstance(record, dict):
            yield number, _Bad(number, f"JSON {type(record).__name__}, not an object", text[:2000])
            continue
        yield number, _record_doc(record, number, ctx)


def _read_csv(data: bytes, ctx: _Context) -> Iterator[Item]:
    text = _decode_file(data)
    if isinstance(text, _Bad):
        yield None, text
        return
    # no field is longer than the file: an over-long article is then truncated and noted
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    number = 1
    try:
        for number, row in enumerate(reader, start=2):  # 1 is the header
            if None in row:
                yield number, _Bad(number, "more fields than the header", str(row)[:RAW_CHARS])
                continue
            yield number, _record_doc({k: v for k, v in row.items() if k}, number, ctx)
    except csv.Error as exc:
        yield number + 1, _Bad(number + 1, f"unreadable CSV from here on ({exc})")


_PROLOG_DTD = re.compile(r"<!DOCTYPE|<!ENTITY", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")


_DTD_REASON = "XML declares a DTD or entities (refused: possible entity expansion attack)"


class _DtdForbidden(Exception):
    pass


def _forbid(*_: Any) -> int:
    raise _DtdForbidden


def _safe_xml(text: str) -> ET.Element | str:
    """The root element, or why the XML is refused or unparseable. A DOCTYPE or entity
    declaration is refused before and during parsing, so nothing is ever expanded."""
    root_at = re.search(r"<[A-Za-z_]", text)
    prolog = text[: root_at.start()] if root_at else text[:65_536]
    if _PROLOG_DTD.search(prolog):
        return _DTD_REASON
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = _forbid
    parser.EntityDeclHandler = _forbid
    parser.ExternalEntityRefHandler = _forbid
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(_XML_DECL.sub("", text, count=1), True)
        return builder.close()
    except _DtdForbidden:
        return _DTD_REASON
    except (expat.ExpatError, AssertionError, IndexError) as exc:
        return f"unparseable XML ({exc})"


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child_text(el: ET.Element, *names: str) -> str | None:
    for name in names:
        for child in el:
            if _local(child.tag) == name:
                value = "".join(child.itertext()).strip()
                if value:
                    return value
    return None


def _atom_link(el: ET.Element) -> str | None:
    best: str | None = None
    for child in el:
        if _local(child.tag) != "link":
            continue
        href = (child.get("href") or "").strip() or "".join(child.itertext()).strip()
        if href and child.get("rel", "alternate") == "alternate":
            return href
        best = best or href or None
    return best


def _read_feed(data: bytes, ctx: _Context) -> Iterator[Item]:
    text = _decode_file(data, _declared_charset(data[:200]))
    if isinstance(text, _Bad):
        yield None, text
        return
    root = _safe_xml(text)
    if isinstance(root, str):
        yield None, _Bad(None, root, text[:RAW_CHARS])
        return
    if _local(root.tag) not in ("rss", "feed", "rdf"):
        yield None, _Bad(None, f"not an RSS or Atom feed (root <{_local(root.tag)}>)")
        return
    channel = next((c for c in root if _local(c.tag) == "channel"), root)
    feed_raw = _child_text(channel, "pubdate", "lastbuilddate", "updated", "date")
    feed_date = parse_date(feed_raw)
    feed_title = _child_text(channel, "title")
    feed_link = _atom_link(channel)
    items = [el for el in root.iter() if _local(el.tag) in ("item", "entry")]
    if not items:
        yield None, _Bad(None, "feed has no items or entries")
        return
    for number, item in enumerate(items, start=1):
        title = _child_text(item, "title")
        bodies = [
            html_to_text(b)
            for b in (
                _child_text(item, "description"),
                _child_text(item, "summary"),
                _child_text(item, "encoded"),  # content:encoded
                _child_text(item, "content"),
            )
            if b
        ]
        body = max(bodies, key=len) if bodies else ""
        title_text = _WS.sub(" ", html_to_text(title)).strip() if title else None
        full = _tidy("\n\n".join(p for p in (title_text, body) if p))
        if not full:
            yield number, _Bad(number, "empty item: no title or text", ET.tostring(item, "unicode"))
            continue
        item_raw = _child_text(item, "pubdate", "published", "issued", "date", "updated")
        published = parse_date(item_raw)
        url = _atom_link(item) or _child_text(item, "guid", "id")
        yield (
            number,
            _Doc(
                full,
                title=title_text,
                url=url,
                published=published or feed_date,
                precision=date_precision(item_raw) if published else date_precision(feed_raw),
                source=(_WS.sub(" ", feed_title).strip() if feed_title else None)
                or _host(feed_link),
            ),
        )


_READERS = {
    **{s: _read_text for s in TEXT_SUFFIXES},
    **{s: _read_html for s in HTML_SUFFIXES},
    ".jsonl": _read_jsonl,
    ".ndjson": _read_jsonl,
    ".csv": _read_csv,
    **{s: _read_feed for s in FEED_SUFFIXES},
}


# --------------------------------------------------------------------------- ingesting


def _files(paths: Iterable[str | Path]) -> list[tuple[Path, Path | None]]:
    """The files to read, each with the folder it was found in (None for a file named)."""
    out: list[tuple[Path, Path | None]] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            out.extend(
                (p, path)
                for p in sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                    and (_kind(p.name) or p.suffix.lower() == ".zip")
                )
            )
        elif not path.exists():
            raise IngestError(f"{path}: no such file or folder")
        elif not path.is_file():
            raise IngestError(f"{path}: not a file or folder")
        elif _kind(path.name) is None and path.suffix.lower() != ".zip":
            raise UnknownFormatError(
                f"{path}: unsupported news file type (expected one of {', '.join(sorted(SUFFIXES))}"
                ", optionally .gz, or a .zip of them)"
            )
        else:
            out.append((path, None))
    return out


def _outside(path: Path, folder: Path | None) -> str | None:
    """Why a file found in ``folder`` must not be read: a link that leads outside the folder."""
    if folder is None:
        return None
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return "a symbolic link to a file outside the folder; not read"
    return None


def _fields(jsonl_fields: Mapping[str, str] | None) -> dict[str, tuple[str, ...]]:
    fields = dict(DEFAULT_FIELDS)
    for role, name in (jsonl_fields or {}).items():
        if role not in fields:
            raise IngestError(
                f"unknown record field role {role!r} (expected one of {', '.join(fields)})"
            )
        fields[role] = (name,)
    return fields


def ingest_news(
    store: Store,
    paths: Iterable[str | Path] | str | Path,
    *,
    jsonl_fields: Mapping[str, str] | None = None,
    date: Day | datetime | str | None = None,
    progress: ProgressFn | None = None,
    date_lookup: Mapping[str, str] | None = None,
) -> list[IngestReport]:
    """Load news files and folders into ``documents``, one report (and ``ingest_log`` row)
    per file; unusable records are quarantined and the rest still load.

    ``jsonl_fields`` maps roles (``text``, ``title``, ``url``, ``date``, ``source``) to record
    field names; ``date`` is the publication date for documents that carry none; ``progress``
    receives the fraction of all input bytes done. ``date_lookup``, if given, turns the value
    of a record's date field into its date through a table (a UN General Debate speech's
    session number into the day its general debate opened, :mod:`steppe.ingest.ungdc`); a value
    the table lacks gives no date.

    >>> import tempfile
    >>> from steppe.store import Store, scalar
    >>> with tempfile.TemporaryDirectory() as tmp, Store(":memory:") as s:
    ...     p = Path(tmp) / "a.txt"
    ...     _ = p.write_text("Kazakhstan and Uzbekistan agreed on water quotas.")
    ...     first = ingest_news(s, [p], date="2024-05-01")
    ...     again = ingest_news(s, [tmp])
    ...     first[0].loaded, again[0].skipped, scalar(s.con, "SELECT count(*) FROM documents")
    (1, True, 1)
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    default_date = parse_date(date)
    default_precision = date_precision(date)
    if date is not None and default_date is None:
        raise IngestError(f"bad --date {date!r} (expected YYYY-MM-DD, YYYY-MM or ISO 8601)")
    fields = _fields(jsonl_fields)
    files = _files(paths)
    total = max(sum(p.stat().st_size for p, _ in files), 1)
    done = 0
    reports: list[IngestReport] = []
    for path, folder in files:
        size = path.stat().st_size
        outside = _outside(path, folder)
        if outside is not None:  # quarantined with the reason, never read
            ctx = _Context(str(path), fields, default_date)
            reports.append(_ingest_one(store, str(path), path, ctx, unreadable=outside))
            done += size
            continue
        try:
            with readable(path) as members:
                for display, member in members:
                    if _kind(Path(display).name) is None:
                        continue
                    ctx = _Context(
                        display,
                        fields,
                        default_date,
                        date_lookup=date_lookup,
                        default_precision=default_precision,
                    )
                    reports.append(_ingest_one(store, display, member, ctx))
        except IngestError as exc:  # a corrupt archive: quarantined, and the batch goes on
            ctx = _Context(str(path), fields, default_date, default_precision=default_precision)
            reason = str(exc).removeprefix(f"{path}: ")
            reports.append(_ingest_one(store, str(path), path, ctx, unreadable=reason))
        done += size
        if progress:
            progress(min(done / total, 1.0))
    return reports


def _ingest_one(
    store: Store, display: str, path: Path, ctx: _Context, unreadable: str | None = None
) -> IngestReport:
    """Load one file. One that cannot be read (``unreadable`` says why, or reading fails) is
    quarantined as a whole and logged like any other, so it never stops the batch."""
    started, t0 = datetime.now(), time.perf_counter()
    # a link refused unread is logged under its own name: its target's bytes are never opened
    refused_link = unreadable is not None and path.is_symlink()
    sha = f"symlink:{display}" if refused_link else file_digest(path)
    if already_ingested(store, sha, ORIGIN):
        return skipped_report(store, display, ORIGIN, sha)
    items: Iterable[Item] = ()
    if unreadable is None:
        kind = _kind(Path(display).name)
        assert kind is not None
        try:
            items = _READERS[kind](_read_bytes(path, display), ctx)
        except IngestError as exc:
            unreadable = str(exc).removeprefix(f"{display}: ")
    if unreadable is not None:
        items = [(None, _Bad(None, unreadable))]
    fallback_source = Path(display.split("!")[-1]).name
    bad: list[_Bad] = []
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    good = loaded = chars = fallback = undated = 0
    con = store.con
    with store.transaction():
        for number, item in items:
            if isinstance(item, _Bad):
                bad.append(item)
                continue
            good += 1
            text = item.text
            if len(text) > MAX_CHARS:
                was = f"{len(text):,}" if item.read_all else f"over {len(text):,}, read no further"
                ctx.notes.append(
                    _Bad(
                        number,
                        f"note: text truncated at {MAX_CHARS:,} characters (was {was}); loaded",
                    )
                )
                text = text[:MAX_CHARS]
            key = doc_id(text)
            if key in seen:
                continue
            seen.add(key)
            precision: str | None
            if item.published is not None:
                published, precision, dated_by = item.published, item.precision or "day", "document"
            elif ctx.default_date is not None:
                published, precision, dated_by = ctx.default_date, ctx.default_precision, "fallback"
                fallback += 1
            else:
                published, precision, dated_by = None, None, None
                undated += 1
            rows.append(
                {
                    "doc_id": key,
                    "source": item.source or _host(item.url) or fallback_source,
                    "url": item.url,
                    "title": (item.title or "")[:2000] or None,
                    "published_at": published,
                    "text": text,
                    "ingested_at": started,
                    "date_precision": precision,
                    "dated_by": dated_by,
                }
            )
            chars += len(text)
            if len(rows) >= BATCH_ROWS or chars >= BATCH_CHARS:
                loaded += _append(con, rows)
                rows, chars = [], 0
        loaded += _append(con, rows)
        quarantine = [
            {
                "origin": ORIGIN,
                "file": display,
                "record": b.record,
                "reason": b.reason,
                "raw": b.raw[:RAW_CHARS] if b.raw else None,
                "at": datetime.now(),
            }
            for b in (*bad, *ctx.notes)
        ]
        if quarantine:
            con.register("_steppe_bad", pa.Table.from_pylist(quarantine, schema=QUARANTINE_SCHEMA))
            con.execute(QUARANTINE_DEDUP.format(source="_steppe_bad"))
            con.unregister("_steppe_bad")
        report = IngestReport(
            display,
            ORIGIN,
            loaded,
            good - loaded,
            len(bad),
            seconds=time.perf_counter() - t0,
            dated_by_fallback=fallback,
            undated=undated,
        )
        log_ingest(store, report, sha, started, con=con)
    return report


def _append(con: Any, rows: list[dict[str, Any]]) -> int:
    """Insert rows whose ``doc_id`` is not in ``documents`` yet; return how many went in."""
    if not rows:
        return 0
    before = int(scalar(con, "SELECT count(*) FROM documents"))
    con.register("_steppe_docs", pa.Table.from_pylist(rows, schema=_SCHEMA))
    cols = ", ".join(_SCHEMA.names)
    con.execute(
        f"INSERT INTO documents ({cols}) SELECT {cols} FROM _steppe_docs b "
        "WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.doc_id = b.doc_id)"
    )
    con.unregister("_steppe_docs")
    return int(scalar(con, "SELECT count(*) FROM documents")) - before
