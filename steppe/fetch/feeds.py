"""News feeds (RSS 2.0, Atom) and the article pages they link to, into ``documents``.

For each feed of a feed list (YAML: ``name``, ``url``, ``language``): a conditional GET
(``If-None-Match`` / ``If-Modified-Since`` from the last answer, so an unchanged feed costs a
304 and nothing else); the feed is checked with defusedxml (a DTD or entity declaration is
refused, never expanded) and read with feedparser; each new item's page is fetched when the
host's robots.txt allows Steppe, at most ``rate`` requests a second per host, cut at
``max_page_bytes``; its text comes from Steppe's HTML extraction
(:func:`steppe.ingest.news.extract_html`). A page that robots.txt disallows, that fails, or
that has no article text is not fetched again and the item's own summary is used instead, with
the reason counted. The documents are written to a JSON Lines file in the cache and loaded by
:func:`steppe.ingest.news.ingest_news`, which deduplicates by normalised text.
"""

from __future__ import annotations

import json
import urllib.robotparser
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import defusedxml.ElementTree as safe_xml
import feedparser
import yaml
from defusedxml import DefusedXmlException

from steppe.domain.errors import FetchError, HttpStatusError, NetworkError
from steppe.fetch.http import Http, Policy, save_if_changed
from steppe.fetch.state import save_validators, validators
from steppe.ingest.news import extract_html, html_to_text, ingest_news
from steppe.registry import data_path
from steppe.store import Store
from steppe.store.sources import record_documents_source, record_source

MAX_PAGE_BYTES = 5_000_000
"""Pages are cut at 5 MB: a news article is far smaller; anything larger is not one."""

ROBOTS_AGENT = "Steppe"
"""The product token matched against robots.txt ``User-agent`` lines."""


@dataclass(frozen=True)
class Feed:
    """One entry of a feed list.

    >>> Feed("Eurasianet", "https://eurasianet.org/rss.xml").language
    'en'
    """

    name: str
    url: str
    language: str = "en"


def default_feeds() -> Path:
    """The packaged feed list (English-language outlets covering the region)."""
    return data_path("feeds", "feeds.yaml")


def load_feeds(path: str | Path | None = None) -> list[Feed]:
    """The feeds a YAML list names (``feeds: [{name, url, language}]``); default the packaged
    list. A malformed entry stops with its file and position.

    >>> [f.name for f in load_feeds()][:2]
    ['Eurasianet', 'The Times of Central Asia']
    """
    path = Path(path) if path is not None else default_feeds()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise FetchError(f"{path}: cannot read the feed list ({exc})") from exc
    entries = data.get("feeds") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise FetchError(f"{path}: expected a 'feeds:' list of name/url/language entries")
    feeds = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not entry.get("name") or not entry.get("url"):
            raise FetchError(f"{path}: feed {number}: needs a name and a url")
        url = str(entry["url"])
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(f"{path}: feed {number} ({entry['name']}): not an http(s) URL")
        feeds.append(Feed(str(entry["name"]), url, str(entry.get("language") or "en")))
    return feeds


@dataclass(frozen=True)
class FeedOutcome:
    """What one feed gave: ``status`` is ``new`` (items read), ``unchanged`` (304) or
    ``failed`` (with the reason)."""

    feed: str
    status: str
    items: int = 0
    pages: int = 0
    summaries: int = 0
    loaded: int = 0
    duplicate: int = 0
    reason: str | None = None
    skipped: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        """One line.

        >>> FeedOutcome("X", "unchanged").summary()
        'X: unchanged (304)'
        """
        if self.status == "unchanged":
            return f"{self.feed}: unchanged (304)"
        if self.status == "failed":
            return f"{self.feed}: failed: {self.reason}"
        notes = ", ".join(f"{n} {k}" for k, n in sorted(self.skipped.items()))
        return (
            f"{self.feed}: {self.items} items, {self.pages} pages read, "
            f"{self.summaries} from the feed summary{f' ({notes})' if notes else ''}; "
            f"{self.loaded} documents loaded / {self.duplicate} duplicate"
        )


class Robots:
    """robots.txt per host, read once per run through the same polite client and kept in the
    cache with its validators (a rerun costs a 304). A missing robots.txt (4xx) allows
    everything; one that cannot be read (5xx, no connection) disallows, as RFC 9309 asks."""

    def __init__(self, http: Http, store: Store, cache_dir: Path) -> None:
        self.http, self.store, self.cache_dir = http, store, cache_dir
        self._rules: dict[str, urllib.robotparser.RobotFileParser | bool] = {}

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        if key not in self._rules:
            self._rules[key] = self._load(key)
        rules = self._rules[key]
        if isinstance(rules, bool):
            return rules
        return rules.can_fetch(ROBOTS_AGENT, url)

    def _load(self, origin: str) -> urllib.robotparser.RobotFileParser | bool:
        url = origin + "/robots.txt"
        target = self.cache_dir / "robots" / (_slug(urlsplit(origin).netloc) + ".txt")
        try:
            changed, found = save_if_changed(self.http, url, target, validators(self.store, url))
        except HttpStatusError as exc:
            return exc.status < 500
        except NetworkError:
            raise
        except FetchError:
            return False
        if changed:
            save_validators(self.store, url, found)
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(target.read_text(encoding="utf-8", errors="replace").splitlines())
        return parser


def fetch_feeds(
    store: Store,
    feeds: list[Feed] | str | Path | None = None,
    cache: str | Path | None = None,
    policy: Policy | None = None,
    max_page_bytes: int = MAX_PAGE_BYTES,
    pages: bool = True,
) -> list[FeedOutcome]:
    """Fetch each feed (conditionally), its new items' pages (robots.txt permitting) and load
    them into ``documents``; returns one outcome per feed. Raises :class:`NetworkError` when no
    feed host could be reached at all; a feed that fails otherwise is reported and the others
    go on.

    >>> Policy().rate
    4.0
    """
    if not isinstance(feeds, list):
        feeds = load_feeds(feeds)
    cache_dir = Path(cache) if cache is not None else _default_cache(store)
    outcomes: list[FeedOutcome] = []
    unreachable = 0
    with Http(policy or Policy()) as http:
        robots = Robots(http, store, cache_dir)
        for feed in feeds:
            try:
                outcomes.append(
                    _one_feed(store, http, robots, feed, cache_dir, max_page_bytes, pages)
                )
            except NetworkError as exc:
                unreachable += 1
                outcomes.append(FeedOutcome(feed.name, "failed", reason=str(exc)))
            except FetchError as exc:
                outcomes.append(FeedOutcome(feed.name, "failed", reason=str(exc)))
    if feeds and unreachable == len(feeds):
        raise NetworkError(outcomes[0].reason or "no feed host could be reached")
    now = datetime.now()
    for feed, outcome in zip(feeds, outcomes, strict=True):
        if outcome.status != "failed":
            record_source(
                store,
                f"feed:{feed.name}",
                "fetch",
                title=f"{feed.name} ({feed.language})",
                fetched_at=now,
                location=feed.url,
                note=outcome.summary(),
            )
    record_documents_source(store)
    return outcomes


def _default_cache(store: Store) -> Path:
    path = Path(store.path)
    return path.with_name(path.stem + "-cache") / "feeds"


def _one_feed(
    store: Store,
    http: Http,
    robots: Robots,
    feed: Feed,
    cache_dir: Path,
    max_page_bytes: int,
    pages: bool,
) -> FeedOutcome:
    if not robots.allowed(feed.url):
        return FeedOutcome(feed.name, "failed", reason="robots.txt disallows the feed")
    known = validators(store, feed.url)
    headers = {}
    if known.get("etag"):
        headers["If-None-Match"] = str(known["etag"])
    if known.get("last_modified"):
        headers["If-Modified-Since"] = str(known["last_modified"])
    body = http.get(feed.url, headers, max_bytes=max_page_bytes)
    if body.status == 304:
        return FeedOutcome(feed.name, "unchanged")
    if body.status >= 400:
        raise HttpStatusError(f"{feed.url}: HTTP {body.status}", body.status)
    try:
        safe_xml.fromstring(body.content)
    except (DefusedXmlException, safe_xml.ParseError) as exc:
        raise FetchError(f"{feed.url}: not a well-formed, safe feed ({exc})") from exc
    parsed: Any = feedparser.parse(body.content)
    records: list[dict[str, Any]] = []
    skipped: dict[str, int] = {}
    page_count = 0
    for entry in parsed.entries:
        link = entry.get("link")
        record, why, from_page = _item_record(
            store, http, robots, feed, entry, link, max_page_bytes, pages
        )
        if record is None:
            continue
        if why:
            skipped[why] = skipped.get(why, 0) + 1
        page_count += from_page
        records.append(record)
    loaded = duplicate = 0
    if records:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        out = cache_dir / f"{_slug(feed.name)}-{stamp}.jsonl"
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as fh:
            for record in records:
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        reports = ingest_news(store, [out])
        loaded = sum(r.loaded for r in reports)
        duplicate = sum(r.duplicate for r in reports)
    # validators are saved only once the items are in: an interrupted run reads the feed again
    save_validators(
        store,
        feed.url,
        {"etag": body.headers.get("etag"), "last_modified": body.headers.get("last-modified")},
    )
    return FeedOutcome(
        feed.name,
        "new",
        items=len(parsed.entries),
        pages=page_count,
        summaries=len(records) - page_count,
        loaded=loaded,
        duplicate=duplicate,
        skipped=skipped,
    )


def _item_record(
    store: Store,
    http: Http,
    robots: Robots,
    feed: Feed,
    entry: Any,
    link: str | None,
    max_page_bytes: int,
    pages: bool,
) -> tuple[dict[str, Any] | None, str | None, bool]:
    """The document for one item, a note (why the page was not used, or that it was cut) and
    whether the text came from the page. ``None`` for an item whose page was read on an
    earlier run, or that has no text at all."""
    title = entry.get("title")
    published = entry.get("published") or entry.get("updated")
    summary = html_to_text(entry.get("summary") or "")
    record = {
        "title": title,
        "url": link,
        "date": published,
        "source": feed.name,
        "language": feed.language,
    }
    why: str | None = None
    if link and pages and urlsplit(link).scheme in ("http", "https"):
        if validators(store, link):
            return None, None, False  # read on an earlier run
        why, text, cut = _page_text(http, robots, link, max_page_bytes)
        save_validators(store, link, {}, 200 if why is None else 0)
        if why is None and text:
            record["text"] = text
            return record, "page cut at the size cap" if cut else None, True
    else:
        why = "no page link" if pages else "pages not fetched"
    if not summary:
        return None, None, False
    record["text"] = summary
    return record, why or "no article text", False


def _page_text(
    http: Http, robots: Robots, url: str, max_page_bytes: int
) -> tuple[str | None, str | None, bool]:
    """(why the page was not used, its text, whether it was cut at the cap)."""
    if not robots.allowed(url):
        return "robots.txt disallows", None, False
    try:
        body = http.get(url, max_bytes=max_page_bytes)
    except FetchError:
        return "page unreachable", None, False
    if body.status >= 400:
        return f"page HTTP {body.status}", None, False
    page = extract_html(body.content.decode("utf-8", "replace"))
    if not page.text:
        return "no article text", None, False
    return None, page.text, body.truncated


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-") or "feed"
