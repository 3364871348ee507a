"""HTTP as Steppe speaks it: a User-Agent naming Steppe, timeouts, a per-host rate limit,
retries with exponential backoff on transient failures (connection errors, timeouts, 408, 425,
429, 5xx; ``Retry-After`` honoured up to a cap), streaming downloads that resume a partial file
with a ``Range`` request, and a byte cap on every body.

httpx does the protocol work (connection pools shared by threads, HTTP/1.1 keep-alive,
redirects, timeouts by phase); this module adds the politeness and the failure policy."""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from steppe.domain.errors import FetchError, HttpStatusError, NetworkError


def _version() -> str:
    try:
        return version("steppe")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0"


USER_AGENT = (
    f"Steppe/{_version()} (open-source research software; "
    "+https://github.com/steppe-project/steppe) httpx"
)
"""Sent with every request, so that a server operator can see who is asking."""

TRANSIENT = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)
"""Transport failures worth another attempt."""

RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
"""Statuses worth asking again for; any other 4xx is final."""


@dataclass(frozen=True)
class Policy:
    """How politely and how persistently to ask.

    ``rate`` is the most requests per second to one host (``None``: no limit, for a mirror on
    your own network); ``retries`` the further attempts after a transient failure, waiting
    ``backoff * 2**attempt`` seconds (or the server's ``Retry-After``, at most ``max_wait``);
    ``timeout`` applies to connecting and to each read; ``workers`` bounds concurrent
    connections. Six, the connections a web browser opens to one host, hide a round trip of
    ~100 ms behind five others without adding load: what a server sees is bounded by
    ``rate``, not by the workers (at 4 requests a second, six connections are all busy only
    when each transfer takes 1.5 s, as GDELT 1.0's daily files do).

    >>> Policy().wait(2)
    4.0
    """

    rate: float | None = 4.0
    retries: int = 4
    backoff: float = 1.0
    max_wait: float = 60.0
    timeout: float = 30.0
    workers: int = 6

    def wait(self, attempt: int, retry_after: str | None = None) -> float:
        """Seconds to wait before attempt ``attempt + 1``."""
        if retry_after and retry_after.strip().isdigit():
            return min(float(retry_after), self.max_wait)
        return float(min(self.backoff * 2**attempt, self.max_wait))


class RateLimiter:
    """At most ``rate`` request starts per second per host, shared by every thread.

    >>> limiter = RateLimiter(None)
    >>> limiter.acquire("example.org")  # no limit: returns at once
    """

    def __init__(self, rate: float | None) -> None:
        self.interval = 1.0 / rate if rate else 0.0
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def acquire(self, host: str) -> None:
        if not self.interval:
            return
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + self.interval
        if start > now:
            time.sleep(start - now)


@dataclass(frozen=True)
class Body:
    """A response body read whole (up to a cap)."""

    url: str
    status: int
    headers: Mapping[str, str]
    content: bytes
    truncated: bool = False


def host_of(url: str) -> str:
    """The ``host[:port]`` a URL names.

    >>> host_of("http://data.gdeltproject.org/gdeltv2/lastupdate.txt")
    'data.gdeltproject.org'
    """
    return urlsplit(url).netloc


def describe(exc: BaseException) -> str:
    """A short reason for a transport failure.

    >>> describe(httpx.ReadTimeout("timed out"))
    'read timeout'
    """
    names = {
        httpx.ConnectTimeout: "connect timeout",
        httpx.ReadTimeout: "read timeout",
        httpx.WriteTimeout: "write timeout",
        httpx.PoolTimeout: "connection pool timeout",
        httpx.ConnectError: "cannot connect",
        httpx.RemoteProtocolError: "connection closed mid-response",
        httpx.ReadError: "read error",
    }
    for kind, name in names.items():
        if isinstance(exc, kind):
            detail = str(exc).strip()
            return f"{name} ({detail})" if detail and kind is httpx.ConnectError else name
    return f"{type(exc).__name__}: {exc}"


class Http:
    """One pooled HTTP client with Steppe's policy. Use as a context manager.

    >>> with Http(Policy(rate=None)) as http:
    ...     http.client.headers["User-Agent"].startswith("Steppe/")
    True
    """

    def __init__(self, policy: Policy | None = None) -> None:
        self.policy = policy or Policy()
        self.limiter = RateLimiter(self.policy.rate)
        self.client = httpx.Client(
            headers={"User-Agent": USER_AGENT},
            timeout=httpx.Timeout(self.policy.timeout),
            limits=httpx.Limits(
                max_connections=self.policy.workers,
                max_keepalive_connections=self.policy.workers,
            ),
            follow_redirects=True,
            trust_env=False,
        )

    def __enter__(self) -> Http:
        return self

    def __exit__(self, *exc: object) -> None:
        self.client.close()

    def open(self, url: str, headers: Mapping[str, str] | None = None) -> httpx.Response:
        """A streamed response (the caller closes it), after the retries the policy allows;
        a final failure raises :class:`FetchError`, or :class:`NetworkError` when no attempt
        ever connected. Non-retryable error statuses are returned for the caller to judge."""
        policy, reason, connected = self.policy, "", False
        retry_after: str | None = None
        for attempt in range(policy.retries + 1):
            if attempt:
                time.sleep(policy.wait(attempt - 1, retry_after))
            retry_after = None
            self.limiter.acquire(host_of(url))
            try:
                request = self.client.build_request("GET", url, headers=headers)
                response = self.client.send(request, stream=True)
            except TRANSIENT as exc:
                connected = connected or not isinstance(
                    exc, httpx.ConnectError | httpx.ConnectTimeout
                )
                reason = describe(exc)
                continue
            connected = True
            if response.status_code in RETRY_STATUS:
                reason = f"HTTP {response.status_code}"
                retry_after = response.headers.get("Retry-After")
                response.close()
                continue
            return response
        tries = f"{policy.retries + 1} attempt{'s' if policy.retries else ''}"
        if not connected:
            raise NetworkError(f"cannot reach {host_of(url)}: {reason} after {tries} ({url})")
        raise FetchError(f"{url}: {reason} after {tries}")

    def get(
        self,
        url: str,
        headers: Mapping[str, str] | None = None,
        max_bytes: int | None = None,
    ) -> Body:
        """GET ``url`` whole; a body over ``max_bytes`` is cut there and marked truncated.
        Non-retryable error statuses are returned, not raised (the caller decides)."""
        for attempt in range(self.policy.retries + 1):
            response = self.open(url, headers)
            try:
                chunks, size, truncated = [], 0, False
                for chunk in response.iter_bytes():
                    if max_bytes is not None and size + len(chunk) > max_bytes:
                        chunks.append(chunk[: max_bytes - size])
                        truncated = True
                        break
                    chunks.append(chunk)
                    size += len(chunk)
                return Body(
                    str(response.url),
                    response.status_code,
                    dict(response.headers),
                    b"".join(chunks),
                    truncated,
                )
            except TRANSIENT as exc:
                # the body broke off after the headers came: ask again
                if attempt == self.policy.retries:
                    raise FetchError(f"{url}: {describe(exc)} while reading the body") from exc
                time.sleep(self.policy.wait(attempt))
            finally:
                response.close()
        raise AssertionError("unreachable")  # pragma: no cover

    def download(self, url: str, target: Path, size: int | None = None) -> int:
        """Stream ``url`` into ``target`` through ``target.part``, resuming a partial file left
        by an interrupted run with a ``Range`` request; return the bytes transferred now.

        A body longer than ``size`` (when known) is refused; an HTTP error status raises
        :class:`FetchError` naming it. ``target`` appears only when the transfer completed.
        """
        part = target.with_name(target.name + ".part")
        target.parent.mkdir(parents=True, exist_ok=True)
        moved = 0
        for attempt in range(self.policy.retries + 1):
            have = part.stat().st_size if part.exists() else 0
            if size is not None and have > size:
                part.unlink()
                have = 0
            if size is not None and have == size:
                break
            response = self.open(url, {"Range": f"bytes={have}-"} if have else None)
            try:
                if response.status_code == 416 and have:
                    part.unlink()  # our partial file is not a prefix of theirs
                    continue
                if response.status_code >= 400:
                    raise HttpStatusError(f"HTTP {response.status_code}", response.status_code)
                resumed = have and response.status_code == 206
                written = have if resumed else 0
                with part.open("ab" if resumed else "wb", buffering=0) as fh:
                    for chunk in response.iter_bytes():
                        written += len(chunk)
                        moved += len(chunk)
                        if size is not None and written > size:
                            fh.close()
                            part.unlink()
                            raise FetchError(f"body longer than the listed {size} bytes")
                        fh.write(chunk)
                break
            except TRANSIENT as exc:
                if attempt == self.policy.retries:
                    raise FetchError(f"{describe(exc)} while reading the body") from exc
                time.sleep(self.policy.wait(attempt))
            finally:
                response.close()
        part.replace(target)
        return moved


def save_if_changed(
    http: Http, url: str, target: Path, validators: Mapping[str, str | None]
) -> tuple[bool, dict[str, str | None]]:
    """Conditional GET of ``url`` into ``target``: sends ``If-None-Match`` /
    ``If-Modified-Since`` from ``validators`` (``etag``, ``last_modified``) when ``target`` is
    already there; returns whether new bytes came and the response's validators. A 304 leaves
    ``target`` as it is; an error status raises :class:`FetchError`."""
    headers = {}
    if target.exists():
        if validators.get("etag"):
            headers["If-None-Match"] = str(validators["etag"])
        if validators.get("last_modified"):
            headers["If-Modified-Since"] = str(validators["last_modified"])
    response = http.open(url, headers)
    try:
        if response.status_code == 304:
            return False, dict(validators)
        if response.status_code >= 400:
            raise HttpStatusError(f"{url}: HTTP {response.status_code}", response.status_code)
        part = target.with_name(target.name + ".part")
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with part.open("wb") as fh:
                for chunk in response.iter_bytes():
                    fh.write(chunk)
        except TRANSIENT as exc:
            raise FetchError(f"{url}: {describe(exc)} while reading the body") from exc
        part.replace(target)
        return True, {
            "etag": response.headers.get("ETag"),
            "last_modified": response.headers.get("Last-Modified"),
        }
    finally:
        response.close()
