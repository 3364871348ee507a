"""`steppe fetch feeds` against a real HTTP server on 127.0.0.1: an RSS feed and its article
pages, conditional GET, robots.txt, a page over the size cap."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import steppe
from steppe.domain.errors import FetchError
from steppe.fetch.feeds import Feed, fetch_feeds, load_feeds
from steppe.fetch.http import Policy
from tests.httpserver import Site, serve

FAST = Policy(rate=None, retries=1, backoff=0.05, timeout=5.0, workers=2)

ARTICLES = {
    "/news/water-talks.html": (
        "Tashkent hosts regional water talks",
        "Delegations from the five Central Asian states met in Tashkent to discuss the Amu "
        "Darya and Syr Darya. The ministers agreed to publish reservoir levels every month.",
    ),
    "/news/rail-link.html": (
        "Kazakhstan and China open a second rail crossing",
        "Astana and Beijing opened a second rail crossing at Khorgos, adding freight capacity "
        "on the Middle Corridor.",
    ),
    "/private/briefing.html": (
        "Closed briefing on migration",
        "Officials in Dushanbe briefed donors on remittances from Russia.",
    ),
}


def page(title: str, text: str) -> bytes:
    return (
        f"<html><head><title>{title}</title></head><body><nav>Home | World | Sport</nav>"
        f"<article><h1>{title}</h1><p>{text}</p></article><footer>© Outlet</footer>"
        "</body></html>"
    ).encode()


def rss(base: str) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>{base}{path.lstrip('/')}</link>"
        f"<description>Summary: {title}.</description>"
        "<pubDate>Mon, 13 May 2024 08:00:00 GMT</pubDate></item>"
        for path, (title, _) in ARTICLES.items()
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Regional Outlet</title><link>{base}</link>{items}</channel></rss>"
    ).encode()


def news_site(base: str) -> Site:
    site = Site()
    site.files["/feed.xml"] = rss(base)
    site.files["/robots.txt"] = b"User-agent: *\nDisallow: /private/\n"
    for path, (title, text) in ARTICLES.items():
        site.files[path] = page(title, text)
    return site


def run(store: steppe.Store, url: str, tmp: Path, **kw: object) -> list[object]:
    feeds = [Feed("Regional Outlet", url + "feed.xml")]
    return fetch_feeds(store, feeds, cache=tmp / "cache", policy=FAST, **kw)  # type: ignore[arg-type, return-value]


def test_feed_twice_second_run_transfers_nothing(tmp_path: Path, store: steppe.Store) -> None:
    site = Site()
    with serve(site) as url:
        site.files.update(news_site(url).files)
        [first] = run(store, url, tmp_path)
        assert first.status == "new" and first.items == 3  # type: ignore[attr-defined]
        n_docs = store.count("documents")
        assert n_docs == 3
        texts = {r["title"]: r["text"] for r in store.query("SELECT title, text FROM documents")}
        assert "reservoir levels every month" in texts["Tashkent hosts regional water talks"]
        assert "Home | World" not in texts["Tashkent hosts regional water talks"]
        assert all(h.headers["user-agent"].startswith("Steppe/") for h in site.hits)
        before = len(site.hits)
        [second] = run(store, url, tmp_path)
    assert second.status == "unchanged"  # type: ignore[attr-defined]
    later = site.hits[before:]
    assert {h.path for h in later} <= {"/feed.xml", "/robots.txt"}
    assert all(h.status == 304 and h.sent == 0 for h in later), later
    assert "if-none-match" in later[-1].headers
    assert store.count("documents") == n_docs


def test_robots_txt_disallow_is_honoured(tmp_path: Path, store: steppe.Store) -> None:
    site = Site()
    with serve(site) as url:
        site.files.update(news_site(url).files)
        [outcome] = run(store, url, tmp_path)
    assert not site.requests("/private/briefing.html")
    assert outcome.pages == 2 and outcome.summaries == 1  # type: ignore[attr-defined]
    assert outcome.skipped == {"robots.txt disallows": 1}  # type: ignore[attr-defined]
    # the item is kept with the feed's own summary, not the page it may not read
    row = store.query("SELECT text FROM documents WHERE title = 'Closed briefing on migration'")
    assert row == [{"text": "Summary: Closed briefing on migration."}]


def test_robots_txt_disallowing_steppe_blocks_every_page(
    tmp_path: Path, store: steppe.Store
) -> None:
    site = Site()
    with serve(site) as url:
        site.files.update(news_site(url).files)
        site.files["/robots.txt"] = b"User-agent: Steppe\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
        [outcome] = run(store, url, tmp_path)
    assert outcome.status == "failed"  # type: ignore[attr-defined]
    assert "robots.txt disallows the feed" in (outcome.reason or "")  # type: ignore[attr-defined]
    assert [h.path for h in site.hits] == ["/robots.txt"]


def test_20_mb_page_is_capped(tmp_path: Path, store: steppe.Store) -> None:
    site = Site()
    with serve(site) as url:
        site.files.update(news_site(url).files)
        title, text = ARTICLES["/news/rail-link.html"]
        filler = "<p>" + "Freight volumes rose again this quarter. " * 40 + "</p>"
        body = page(title, text).replace(b"</article>", filler.encode() * 12_500 + b"</article>")
        assert len(body) > 20_000_000
        site.files["/news/rail-link.html"] = body
        [outcome] = run(store, url, tmp_path, max_page_bytes=1_000_000)
    hit = site.requests("/news/rail-link.html")[0]
    assert hit.sent < 8_000_000  # the client stopped reading near the cap
    assert outcome.skipped == {  # type: ignore[attr-defined]
        "page cut at the size cap": 1,
        "robots.txt disallows": 1,
    }
    row = store.query("SELECT text FROM documents WHERE title = ?", [title])
    assert text in row[0]["text"] and len(row[0]["text"]) < 1_000_000


def test_default_feed_list_is_valid_and_editable(tmp_path: Path) -> None:
    feeds = load_feeds()
    assert len(feeds) >= 5
    assert all(f.url.startswith("https://") and f.language == "en" for f in feeds)
    bad = tmp_path / "feeds.yaml"
    bad.write_text("feeds:\n  - name: No URL\n")
    with pytest.raises(FetchError, match=r"feeds.yaml: feed 1: needs a name and a url"):
        load_feeds(bad)


def test_cli_fetch_feeds_with_no_network_is_one_line(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(f"feeds:\n  - name: Local\n    url: http://127.0.0.1:{port}/feed.xml\n")
    done = subprocess.run(
        [sys.executable, "-m", "steppe.cli", "--db", str(tmp_path / "s.duckdb"), "fetch",
         "feeds", str(feeds), "--retries", "0"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0, done.stderr
    assert done.stderr.startswith("error: cannot reach 127.0.0.1")
