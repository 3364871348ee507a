"""A real HTTP server on 127.0.0.1 (random port) for the fetchers' tests: serves byte strings by
path with ETag / Last-Modified / Range support, and misbehaves on request (error statuses, slow
answers, slow or cut-off bodies). Every request is logged."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Hit:
    path: str
    status: int
    headers: dict[str, str]
    sent: int = 0


@dataclass
class Site:
    """What the server serves and how it misbehaves; tests edit it while it runs."""

    files: dict[str, bytes] = field(default_factory=dict)
    statuses: dict[str, list[int]] = field(default_factory=dict)
    """path -> statuses answered (one per request) before the file is served"""
    delays: dict[str, list[float]] = field(default_factory=dict)
    """path -> seconds to wait before answering (one per request)"""
    cut: dict[str, int] = field(default_factory=dict)
    """path -> number of upcoming requests whose body stops halfway (connection closed)"""
    rate: float | None = None
    """bytes per second for bodies (None: as fast as possible)"""
    last_modified: str = "Mon, 01 Jan 2024 00:00:00 GMT"
    hits: list[Hit] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def requests(self, path: str) -> list[Hit]:
        with self.lock:
            return [h for h in self.hits if h.path == path]

    @staticmethod
    def etag(body: bytes) -> str:
        return '"' + hashlib.md5(body).hexdigest() + '"'


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            hit = Hit(path, 0, {k.lower(): v for k, v in self.headers.items()})
            with site.lock:
                site.hits.append(hit)
                delay = site.delays[path].pop(0) if site.delays.get(path) else 0.0
                status = site.statuses[path].pop(0) if site.statuses.get(path) else None
                cut = site.cut.get(path, 0) > 0
                if cut:
                    site.cut[path] -= 1
            if delay:
                time.sleep(delay)
            if status is None and path not in site.files:
                status = 404
            if status is not None:
                hit.status = status
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = site.files[path]
            etag = site.etag(body)
            if hit.headers.get("if-none-match") == etag or (
                "if-none-match" not in hit.headers
                and hit.headers.get("if-modified-since") == site.last_modified
            ):
                hit.status = 304
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            start = 0
            ranged = hit.headers.get("range", "")
            if ranged.startswith("bytes=") and ranged.endswith("-"):
                start = int(ranged[6:-1])
                if start >= len(body):
                    hit.status = 416
                    self.send_response(416)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
            hit.status = 206 if start else 200
            self.send_response(hit.status)
            self.send_header("Content-Length", str(len(body) - start))
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", site.last_modified)
            self.send_header("Accept-Ranges", "bytes")
            if start:
                self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
            self.end_headers()
            payload = body[start:]
            if cut:
                payload = payload[: len(payload) // 2]
            step = 8192
            for i in range(0, len(payload), step):
                chunk = payload[i : i + step]
                try:
                    self.wfile.write(chunk)
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    return
                hit.sent += len(chunk)
                if site.rate:
                    time.sleep(len(chunk) / site.rate)
            if cut:
                time.sleep(0.3)  # let the client take in the half before the connection drops
                self.close_connection = True

    return Handler


@contextmanager
def serve(site: Site) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 at a free port; yields the base URL (ending in ``/``)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
