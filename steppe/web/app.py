"""The dashboard: FastAPI with server-rendered pages and a JSON API behind each page.

Read-only unless the operator sets a token; every write (upload and ingest a file, run a
scenario) needs it. Parameters are validated and bound, never pasted into SQL; document text is
escaped by the templates; requests are size-limited; responses carry a strict CSP so the pages
load nothing from outside the server.
"""

import hmac
import io
import json
import tempfile
import threading
from collections.abc import Awaitable, Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qsl, urlencode

import pyarrow as pa
import pyarrow.csv as pacsv
from fastapi import Depends, FastAPI, File, Form, Header, HTTPException, Query, Request, UploadFile
from fastapi import Path as Path_
from fastapi.responses import (
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from fastapi.staticfiles import StaticFiles

from steppe.domain.codes import FOCAL_STATES, POLES
from steppe.domain.errors import SteppeError
from steppe.domain.limits import exceeded, limit
from steppe.indicators.headline import SERIES, headline_series, headlines
from steppe.indicators.support import MIN_N, UNIT_SCALE
from steppe.report.html import (
    DEFINITIONS,
    scenario_sections,
    support_points,
    template_environment,
)
from steppe.report.svg import line_chart, multi_line_chart
from steppe.store import Store, read
from steppe.web.svg import network_graph, region_map, value_range

CODE = r"^[A-Za-z0-9_]{2,12}$"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)

SECURITY_HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
)
"""Headers every response carries, errors included."""

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
"""Host names a server bound to the loopback answers to (anything else: DNS rebinding)."""

_env = template_environment("web/templates")


Receive = Callable[[], Awaitable[Any]]
Send = Callable[[Any], Awaitable[None]]


class _HttpMiddleware:
    """An ASGI middleware that acts on HTTP requests only (:meth:`http`); lifespan and other
    scopes pass straight to the wrapped app."""

    app: Any
    http: Callable[[Any, Receive, Send], Awaitable[None]]

    async def __call__(self, scope: Any, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.http(scope, receive, send)


class SecurityHeaders(_HttpMiddleware):
    """ASGI middleware: the CSP and friends on every response (413 and 500 too), and requests
    whose ``Host`` is not one of ``hosts`` refused with 421 (a DNS-rebinding page in a browser
    reaches 127.0.0.1 under the attacker's name; ``hosts=None`` accepts any)."""

    def __init__(self, app: Any, hosts: tuple[str, ...] | None) -> None:
        # Starlette's test client sends "testserver": a single-label name no DNS can rebind
        self.app = app
        self.hosts = None if hosts is None else {h.lower() for h in (*hosts, "testserver")}

    async def http(self, scope: Any, receive: Receive, send: Send) -> None:

        async def secured(message: Any) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message = dict(message, headers=[*message.get("headers", []), *extra])
            await send(message)

        if self.hosts is not None and host_name(scope) not in self.hosts:
            await _refuse(secured, 421, b'{"detail":"unexpected Host header"}')
            return
        await self.app(scope, receive, secured)


def host_name(scope: Any) -> str:
    """The host name of a request's ``Host`` header, lower case, without port or brackets.

    >>> host_name({"headers": [(b"host", b"[::1]:8000")]}), host_name({"headers": []})
    ('::1', '')
    """
    raw: str = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1").strip().lower()
    if raw.startswith("["):
        return raw[1 : raw.find("]")] if "]" in raw else raw
    return raw.rsplit(":", 1)[0] if raw.count(":") == 1 else raw


class SizeLimit(_HttpMiddleware):
    """ASGI middleware: refuse request bodies over ``max_bytes`` (declared or streamed)."""

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def http(self, scope: Any, receive: Receive, send: Send) -> None:
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared and int(declared) > self.max_bytes:
            await _too_large(send)
            return
        seen = 0
        over = False
        answered = False

        async def counted() -> Any:
            nonlocal seen, over
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                over = True
                raise _TooLarge
            return message

        async def answer(message: Any) -> None:
            # a body parser may turn the error raised above into its own 400: answer 413
            nonlocal answered
            if not over:
                await send(message)
            elif not answered:
                answered = True
                await _too_large(send)

        try:
            await self.app(scope, counted, answer)
        except _TooLarge:
            if not answered:
                await _too_large(send)


class DropEmptyParams:
    """ASGI middleware: an empty query parameter (an unfilled form field) means "not set"."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            scope = dict(scope, query_string=urlencode([(k, v) for k, v in pairs if v]).encode())
        await self.app(scope, receive, send)


class _TooLarge(Exception):
    """Raised inside the app when a streamed body passes the size limit."""


async def _too_large(send: Callable[[Any], Awaitable[None]]) -> None:
    await _refuse(send, 413, b'{"detail":"request too large"}')


async def _refuse(send: Callable[[Any], Awaitable[None]], status: int, body: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), *SECURITY_HEADERS],
        }
    )
    await send({"type": "http.response.body", "body": body})


class QueryCache:
    """Results of read queries, keyed by the query and its parameters. Exact while nothing
    writes: a read-only server holds DuckDB's shared lock, so no other process can write, and a
    read-write server clears the cache after each of its own writes."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._data: dict[Any, Any] = {}
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: Any, compute: Callable[[], Any]) -> Any:
        if self.size <= 0:
            return compute()
        with self._lock:
            if key in self._data:
                self.hits += 1
                self._data[key] = self._data.pop(key)  # most recently used last
                return self._data[key]
        value = compute()
        with self._lock:
            self.misses += 1
            self._data[key] = value
            while len(self._data) > self.size:
                self._data.pop(next(iter(self._data)))
        return value

    def clear(self) -> None:
        with self._lock:
            self._data.clear()


def create_app(
    store_path: str | Path,
    *,
    token: str | None = None,
    scenarios_dir: str | Path | None = None,
    max_upload_mb: int = 50,
    cache_size: int = 4096,
    threads: int | None = 1,
    lake: str | Path | None = None,
    hosts: tuple[str, ...] | None = LOOPBACK_HOSTS,
) -> FastAPI:
    """The dashboard over the store at ``store_path``. With ``token`` the store is opened
    read-write and write actions accept that token; without it, everything is read-only.
    Requests must name one of ``hosts`` in their Host header (``None``: any). Each request
    reads on its own cursor, so concurrency comes from requests: DuckDB runs ``threads`` per
    query (default 1; ``None``: DuckDB's default, one per core), which under 50 clients gave a
    lower p95 than one thread per core (benchmarks/README.md). An
    uploaded event file goes through the same ingest as ``steppe ingest events``: sources are
    recorded and a local Parquet ``lake`` is kept up to date.

    >>> import tempfile, pathlib
    >>> db = pathlib.Path(tempfile.mkdtemp()) / "s.duckdb"
    >>> Store(db).close()
    >>> create_app(db).title
    'Steppe'
    """
    store = Store(store_path, read_only=token is None)
    if threads:
        store.con.execute(f"SET threads = {int(threads)}")
    cache = QueryCache(cache_size)
    scen_dir = Path(scenarios_dir) if scenarios_dir else None
    app = FastAPI(
        title="Steppe",
        description="Actors, ties, events, indicators and scenarios of Central Asia's "
        "realignment. Read-only unless the operator set a token.",
        version="1",
        docs_url=None,  # Swagger UI and ReDoc load assets from a CDN; the schema stays
        redoc_url=None,
    )
    app.state.store = store
    app.state.cache = cache
    app.mount("/static", StaticFiles(packages=[("steppe", "web/static")]), name="static")

    app.add_middleware(SizeLimit, max_bytes=max_upload_mb * 1024 * 1024)
    app.add_middleware(DropEmptyParams)
    app.add_middleware(SecurityHeaders, hosts=hosts)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> JSONResponse:
        # runs outside the middleware stack: the headers are set here
        headers = {k.decode(): v.decode() for k, v in SECURITY_HEADERS}
        return JSONResponse({"detail": "internal error"}, status_code=500, headers=headers)

    def db() -> Iterator[Store]:
        view = store.cursor()
        try:
            yield view
        finally:
            view.close()

    Db = Annotated[Store, Depends(db)]

    def check_token(given: str | None) -> None:
        if token is None:
            raise HTTPException(403, "read-only server: start it with a token to allow writes")
        if not hmac.compare_digest((given or "").encode(), token.encode()):
            raise HTTPException(401, "missing or wrong token")

    def require_token(x_steppe_token: Annotated[str | None, Header()] = None) -> None:
        check_token(x_steppe_token)

    def render_page(name: str, **context: Any) -> str:
        nav = [
            ("/", "Overview"),
            ("/network", "Network"),
            ("/events", "Events"),
            ("/scenarios", "Scenarios"),
        ]
        template = _env.get_template(f"{name}.html.j2")
        return template.render(nav=nav, writable=token is not None, **context)

    def page(name: str, **context: Any) -> HTMLResponse:
        return HTMLResponse(render_page(name, **context))

    # ---------------------------------------------------------------- data for pages + API
    def overview_data(
        s: Store,
        indicator: str | None,
        period: str | None,
        freq: str | None = None,
        channel: str | None = None,
    ) -> dict[str, Any]:
        heads = headlines(s)
        head_series = headline_series(s)
        if indicator is None:  # no choice made: open on the headline series and period
            indicator, channel = head_series.indicator, head_series.partner
            if period is None:
                freq = freq or head_series.freq
                periods_of = [h.period for h in heads if h.period]
                period = max(set(periods_of), key=periods_of.count) if periods_of else None
        freqs = read.series_frequencies(s, indicator, channel)
        if freq is None and period:  # the period's form names its frequency
            freq = "quarter" if "Q" in period else "month" if "-" in period else "year"
        chosen_freq: str | None = (
            freq if freq in freqs else ("year" if "year" in freqs else next(iter(freqs), None))
        )
        periods = read.series_periods(s, indicator, channel, chosen_freq) if chosen_freq else []
        chosen = period if period in periods else default_period(s, indicator, channel, periods)
        rows = [
            r
            for r in (read.indicator_period(s, indicator, chosen, channel) if chosen else [])
            if r["actor"] in FOCAL_STATES
        ]
        by_actor = {r["actor"]: r for r in rows}
        actors = {a["code"]: a for a in read.actors(s)}
        summary = read.summary(s)
        return {
            "indicator": indicator,
            "channel": channel,
            "channels": channels_of(s, indicator),
            "freq": chosen_freq,
            "freqs": freqs,
            "period": chosen,
            "periods": periods,
            "indicators": own_series_names(s),
            "headlines": [h.as_row() for h in heads],
            "headline_series": head_series.label,
            "headline_min_n": head_series.min_n,
            "values": [
                {
                    "actor": c,
                    "name": actors.get(c, {}).get("name", c),
                    "value": by_actor.get(c, {}).get("value"),
                    "lo": by_actor.get(c, {}).get("lo"),
                    "hi": by_actor.get(c, {}).get("hi"),
                    "n": by_actor.get(c, {}).get("n"),
                    "sparse": by_actor.get(c, {}).get("sparse"),
                }
                for c in FOCAL_STATES
            ],
            "events": summary["tables"]["events"],
            "quarantined": summary["tables"]["quarantine"],
            "origins": read.event_origins(s),
            "alerts": read.alerts(s, limit=10),
            "sources": read.sources(s),
        }

    def channels_of(s: Store, indicator: str) -> list[str]:
        """Per-channel series of an indicator (partners that name a channel, not a state)."""
        return [
            r["partner"]
            for r in s.query(
                "SELECT DISTINCT partner FROM indicators WHERE name = ? "
                "AND list_contains(?, partner) ORDER BY 1",
                [indicator, list(CHANNELS)],
            )
        ]

    @app.get("/api/sources", tags=["overview"])
    def api_sources(s: Db) -> list[dict[str, Any]]:
        """Every source in the store: the dates its data cover ("data as of" = the last), rows,
        last fetch and load, licence."""
        return read.sources(s)

    def default_period(
        s: Store, indicator: str, channel: str | None, periods: list[str]
    ) -> str | None:
        """The latest period in which most focal states have an adequately supported value
        (else the latest with any adequate value, else the latest period)."""
        best_any = None
        for p in reversed(periods):
            rows = [
                r
                for r in read.indicator_period(s, indicator, p, channel)
                if r["actor"] in FOCAL_STATES
            ]
            adequate = sum(1 for r in rows if r["value"] is not None and not r["sparse"])
            if adequate * 2 > len(FOCAL_STATES):
                return p
            if adequate and best_any is None:
                best_any = p
        return best_any or (periods[-1] if periods else None)

    def own_series_names(s: Store) -> list[str]:
        return [
            r["name"]
            for r in s.query(
                "SELECT DISTINCT name FROM indicators WHERE partner IS NULL "
                "AND list_contains(?, actor) AND name <> 'alert' ORDER BY 1",
                [list(FOCAL_STATES)],
            )
        ]

    @app.get("/api/overview", tags=["overview"])
    def api_overview(
        s: Db,
        indicator: Annotated[str | None, Query(pattern=CODE)] = None,
        period: Annotated[str | None, Query(pattern=r"^\d{4}(Q[1-4]|-\d{2})?$")] = None,
        freq: Annotated[str | None, Query(pattern="^(quarter|year|month)$")] = None,
        channel: Annotated[str | None, Query(pattern=CODE)] = None,
    ) -> dict[str, Any]:
        """Headline figures (the same as ``steppe headlines`` and the report) and each focal
        state's value of an indicator in a period (default: the latest period with adequate
        support), with interval, n and the sparse flag. Without ``indicator`` it opens on the
        headline series (``channel``: a per-channel series such as multivector / interaction)
        and the headline period."""
        return overview_data(s, indicator, period, freq, channel)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview(
        s: Db,
        indicator: Annotated[str | None, Query(pattern=CODE)] = None,
        period: Annotated[str | None, Query(pattern=r"^\d{4}(Q[1-4]|-\d{2})?$")] = None,
        freq: Annotated[str | None, Query(pattern="^(quarter|year|month)$")] = None,
        channel: Annotated[str | None, Query(pattern=CODE)] = None,
    ) -> HTMLResponse:
        data = overview_data(s, indicator, period, freq, channel)
        indicator = data["indicator"]
        actors = {a["code"]: a for a in read.actors(s)}
        labels = {
            v["actor"]: f"{v['name']}: "
            + (
                f"{v['value']:.3f} [{v['lo']:.2f}–{v['hi']:.2f}] (n={v['n']})"
                if v["value"] is not None and v["lo"] is not None
                else f"{v['value']:.3f} (n={v['n']})"
                if v["value"] is not None
                else "no value"
            )
            + (" — sparse" if v["sparse"] else "")
            for v in data["values"]
        }
        caps = [
            (actors[c]["name"], actors[c]["lat"], actors[c]["lon"])
            for c in FOCAL_STATES
            if c in actors and actors[c]["lat"] is not None
        ]
        shown = {v["actor"]: (v["value"] if not v["sparse"] else None) for v in data["values"]}
        # the colour bar spans the values shown (its ends are labelled), so that differences
        # of a few hundredths stay visible
        scale = value_range([x for x in shown.values() if x is not None])
        series = f"{indicator} ({data['channel']})" if data["channel"] else indicator
        svg = region_map(
            shown,
            labels,
            capitals=caps,
            sparse={v["actor"] for v in data["values"] if v["sparse"]},
            scale=scale,
            legend=f"{series}, {data['period'] or 'no period'}",
        )
        return page(
            "overview",
            title="Overview",
            map_svg=svg,
            definition=DEFINITIONS.get(indicator, ""),
            **data,
        )

    @app.get("/api/actors", tags=["actors"])
    def api_actors(
        s: Db, kind: Annotated[str | None, Query(pattern=r"^[a-z]{3,12}$")] = None
    ) -> list[dict[str, Any]]:
        """Actors with ISO3, CAMEO and COW codes, pole and capital."""
        return read.actors(s, kind)

    @app.get("/api/memberships", tags=["actors"])
    def api_memberships(
        s: Db,
        actor: Annotated[str | None, Query(pattern=CODE)] = None,
        org: Annotated[str | None, Query(pattern=CODE)] = None,
        on: date | None = None,
    ) -> list[dict[str, Any]]:
        """Memberships with role, dates and source."""
        return read.memberships(s, actor=actor, org=org, on=on)

    @app.get("/api/alerts", tags=["indicators"])
    def api_alerts(
        s: Db,
        actor: Annotated[str | None, Query(pattern=CODE)] = None,
        partner: Annotated[str | None, Query(pattern=CODE)] = None,
        since: date | None = None,
        kind: Annotated[str | None, Query(pattern="^(spike|shift)$")] = None,
        limit: Annotated[int, Query(ge=1, le=10000)] = 500,
    ) -> list[dict[str, Any]]:
        """Spike and shift alerts, newest first (see README "Alerts")."""
        return read.alerts(s, actor, partner, since, kind, limit)

    @app.get("/api/indicators", tags=["indicators"])
    def api_indicators(
        s: Db,
        name: Annotated[str, Query(pattern=CODE)],
        actor: Annotated[str | None, Query(pattern=CODE)] = None,
        partner: Annotated[str | None, Query(pattern=CODE)] = None,
    ) -> list[dict[str, Any]]:
        """Stored indicator values (value, 90 % interval lo/hi, n) per period."""
        return read.indicators(s, name, actor, partner)

    def country_data(s: Store, code: str) -> dict[str, Any]:
        actors = {a["code"]: a for a in read.actors(s)}
        if code not in actors:
            raise HTTPException(404, f"no actor {code!r}")
        return {
            "actor": actors[code],
            "memberships": read.memberships(s, actor=code),
            "indicators": {n: read.indicators(s, n, actor=code) for n in read.indicator_names(s)},
            "events": read.events(s, actor=code, limit=25),
            "pressure": read.pressure(s, code),
            "alerts": read.alerts(s, actor=code, limit=20),
        }

    @app.get("/api/country/{code}", tags=["country"])
    def api_country(s: Db, code: Annotated[str, Depends(_code)]) -> dict[str, Any]:
        """One actor: memberships, every indicator series, recent events with sentences."""
        return country_data(s, code)

    @app.get("/country/{code}", response_class=HTMLResponse, include_in_schema=False)
    def country(s: Db, code: Annotated[str, Depends(_code)]) -> HTMLResponse:
        data = country_data(s, code)
        charts = [
            chart
            for name, rows in data["indicators"].items()
            if name not in ("pole_share", "alert") and not name.startswith("pressure_") and rows
            for chart in _indicator_charts(name, rows)
        ]
        portfolio = _portfolio(data["indicators"].get("pole_share", []))
        interaction = _portfolio(
            data["indicators"].get("interaction_share", []), "quarter", INTERACTION_MIN_DAYS
        )
        timeline = _timeline(data["memberships"])
        return page(
            "country",
            title=data["actor"]["name"],
            charts=charts,
            portfolio=portfolio,
            interaction_portfolio=interaction,
            interaction_min_days=INTERACTION_MIN_DAYS,
            poles=POLES,
            timeline=timeline,
            **data,
        )

    @app.get("/api/network", tags=["network"])
    def api_network(
        s: Db,
        since: date | None = None,
        until: date | None = None,
        min_events: Annotated[int, Query(ge=1, le=100000)] = 1,
    ) -> list[dict[str, Any]]:
        """Cooperation and conflict counts between pairs of registry actors in a period."""
        return read.network(s, since, until, min_events)

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network(
        s: Db,
        since: date | None = None,
        until: date | None = None,
        min_events: Annotated[int, Query(ge=1, le=100000)] = 3,
    ) -> HTMLResponse:
        ties = read.network(s, since, until, min_events)[:120]
        names = {a["code"]: a["name"] for a in read.actors(s)}
        return page(
            "network",
            title="Network",
            svg=network_graph(ties, names),
            ties=ties,
            since=since,
            until=until,
            min_events=min_events,
        )

    def event_filters(
        actor: Annotated[str | None, Query(pattern=CODE)] = None,
        partner: Annotated[str | None, Query(pattern=CODE)] = None,
        cameo: Annotated[str | None, Query(pattern=r"^\d{2,4}$")] = None,
        plover: Annotated[str | None, Query(pattern=r"^[A-Z]{3,12}$")] = None,
        quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
        since: date | None = None,
        until: date | None = None,
        origin: Annotated[str | None, Query(pattern=r"^[a-z0-9-]{2,20}$")] = None,
        q: Annotated[str | None, Query(max_length=200)] = None,
    ) -> dict[str, Any]:
        return {
            "actor": actor,
            "partner": partner,
            "cameo": cameo,
            "plover": plover,
            "quad_class": quad_class,
            "since": since,
            "until": until,
            "origin": origin,
            "text": q or None,
        }

    Filters = Annotated[dict[str, Any], Depends(event_filters)]

    def page_of(s: Store, filters: dict[str, Any], after: str | None, limit: int) -> dict[str, Any]:
        key = ("events", tuple(sorted(filters.items())), after, limit)
        return cache.get(key, lambda: _page_of(s, filters, after, limit))  # type: ignore[no-any-return]

    def _page_of(
        s: Store, filters: dict[str, Any], after: str | None, limit: int
    ) -> dict[str, Any]:
        cursor = _cursor(after)
        rows = read.events(s, limit=limit, after=cursor, **filters)
        nxt = (
            f"{rows[-1]['date'].isoformat()}|{rows[-1]['event_id']}" if len(rows) == limit else None
        )
        return {"events": rows, "next": nxt}

    @app.get("/api/events", tags=["events"], response_model=None)
    def api_events(
        s: Db,
        filters: Filters,
        after: Annotated[str | None, Query(max_length=120)] = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
    ) -> Response:
        """A page of events, newest first: ``{"events": [...], "next": cursor}``. Pass ``next``
        back as ``after`` for the next page."""
        key = ("api/events", tuple(sorted(filters.items())), after, limit)
        body = cache.get(
            key, lambda: json.dumps(page_of(s, filters, after, limit), default=str).encode()
        )
        return Response(body, media_type="application/json")

    @app.get("/api/events/export", tags=["events"])
    def api_export(
        s: Db,
        filters: Filters,
        fmt: Annotated[str, Query(alias="format", pattern="^(csv|json)$")] = "csv",
    ) -> Response:
        """Every event matching the filter as CSV or JSON, streamed in batches (memory stays
        flat whatever the size). A filter matching more than the ``max_export_rows`` limit is
        refused with the count (narrow it, or raise the limit). CSV text cells that a
        spreadsheet would run as a formula (starting ``=``, ``+``, ``-``, ``@``) get a
        leading ``'``."""
        most = limit("max_export_rows")
        n = read.count_events(s, **filters)
        if n > most:
            raise HTTPException(
                413, exceeded("max_export_rows", f"{n:,} events match; narrow the filter")
            )
        name = f"steppe-events.{fmt}"
        return StreamingResponse(
            _export_stream(store, filters, fmt),
            media_type="application/json" if fmt == "json" else "text/csv",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events(
        request: Request,
        s: Db,
        filters: Filters,
        after: Annotated[str | None, Query(max_length=120)] = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
    ) -> HTMLResponse:
        def render() -> str:
            data = page_of(s, filters, after, limit)
            query = {k: v for k, v in request.query_params.items() if k != "after"}
            # the same for every filter: one cache entry, not one scan of events per request
            plovers = cache.get(
                ("plovers",),
                lambda: s.query("SELECT DISTINCT plover FROM event_codes WHERE plover IS NOT NULL"),
            )
            return render_page(
                "events",
                title="Events",
                filters=filters,
                query=query,
                limit=limit,
                plovers=sorted(r["plover"] for r in plovers),
                origins=[
                    o["origin"] for o in cache.get(("origins",), lambda: read.event_origins(s))
                ],
                **data,
            )

        key = (
            "page/events",
            tuple(sorted(filters.items())),
            after,
            limit,
            tuple(sorted(request.query_params.items())),
        )
        return HTMLResponse(cache.get(key, render))

    def scenario_files() -> list[str]:
        return sorted(p.name for p in scen_dir.glob("*.yaml")) if scen_dir else []

    @app.get("/api/scenarios", tags=["scenarios"])
    def api_scenarios(s: Db) -> dict[str, Any]:
        """Scenario files the server knows and the stored runs (newest first)."""
        runs = [{k: v for k, v in r.items() if k != "outcome"} for r in read.scenario_runs(s)]
        return {"files": scenario_files(), "runs": runs}

    @app.get("/api/scenario-runs/{run_id}", tags=["scenarios"])
    def api_scenario_run(
        s: Db, run_id: Annotated[str, Path_(pattern=r"^[0-9a-f]{32}$")]
    ) -> dict[str, Any]:
        """One stored run: parameters and the full outcome (fan, thresholds, positions)."""
        rows = s.query("SELECT * FROM scenario_runs WHERE run_id = ?", [run_id])
        if not rows:
            raise HTTPException(404, f"no run {run_id}")
        row = rows[0]
        return row | {"params": json.loads(row["params"]), "outcome": json.loads(row["outcome"])}

    @app.get("/scenarios", response_class=HTMLResponse, include_in_schema=False)
    def scenarios(s: Db) -> HTMLResponse:
        return page(
            "scenarios",
            title="Scenarios",
            files=scenario_files(),
            runs=read.scenario_runs(s),
            sections=scenario_sections(s),
        )

    def run_scenario(name: str, runs: int | None, seed: int | None) -> dict[str, Any]:
        from steppe.scenarios import load_scenario, simulate, store_run

        if name not in scenario_files() or scen_dir is None:
            raise HTTPException(404, f"no scenario file {name!r}")
        result = simulate(load_scenario(scen_dir / name), runs=runs, seed=seed)
        run_id = store_run(store, result)
        cache.clear()
        return {
            "run_id": run_id,
            "scenario": result.scenario,
            "threshold_probability": dict(result.threshold_probability),
        }

    @app.post("/scenarios/{name}/run", include_in_schema=False)
    def form_run_scenario(
        name: Annotated[str, Path_(pattern=r"^[A-Za-z0-9_.-]{1,80}\.yaml$")],
        form_token: Annotated[str, Form(max_length=200)],
    ) -> RedirectResponse:
        check_token(form_token)
        run_scenario(name, None, None)
        return RedirectResponse("/scenarios", status_code=303)

    @app.post("/api/scenarios/{name}/run", tags=["write"], dependencies=[Depends(require_token)])
    def api_run_scenario(
        name: Annotated[str, Path_(pattern=r"^[A-Za-z0-9_.-]{1,80}\.yaml$")],
        runs: Annotated[int | None, Query(ge=1, le=20000)] = None,
        seed: Annotated[int | None, Query(ge=0, le=2**31)] = None,
    ) -> dict[str, Any]:
        """Run a scenario file from the server's folder and store the run (needs the token)."""
        return run_scenario(name, runs, seed)

    @app.post("/api/ingest", tags=["write"], dependencies=[Depends(require_token)])
    def api_ingest(
        file: Annotated[UploadFile, File()],
        fmt: Annotated[str, Form(alias="format", pattern="^(gdelt1|gdelt2|icews|gdelt-csv)$")],
    ) -> list[dict[str, Any]]:
        """Upload an event file and ingest it (needs the operator's token)."""
        from steppe.ingest.events import ingest_event_files

        name = upload_name(file.filename)
        with tempfile.TemporaryDirectory(prefix="steppe-upload-") as tmp:
            path = Path(tmp) / name
            with path.open("wb") as out:
                while chunk := file.file.read(1 << 20):
                    out.write(chunk)
            # messages and reports name the upload, never the server's temporary folder
            private = str(path)
            try:
                reports = ingest_event_files(store, [path], fmt, lake=lake)
            except SteppeError as exc:
                raise HTTPException(400, str(exc).replace(private, name)) from exc
            finally:
                cache.clear()
        return [r.__dict__ | {"file": r.file.replace(private, name)} for r in reports]

    @app.exception_handler(SteppeError)
    async def steppe_error(request: Request, exc: SteppeError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    return app


PREFERRED_PARTNERS = ("RUS", "CHN", "USA", "EU", "TUR", "IRN", "trade")
CHANNELS = ("interaction", "votes", "trade", "combined")
GAP_DAYS = {"month": 40, "quarter": 100, "year": 400}
"""A line joins two values of a series no further apart than this (else it breaks)."""
"""Partners that name a channel of an indicator (multivector) rather than a state."""


def _export_stream(store: Store, filters: dict[str, Any], fmt: str) -> Iterator[bytes]:
    """The export's bytes, one batch at a time, read on a cursor of its own."""
    view = store.cursor()
    try:
        reader = read.event_batches(view, **filters)
        first = True
        if fmt == "json":
            yield b"["
        for batch in reader:
            if fmt == "json":
                rows = (json.dumps(r, default=str, ensure_ascii=False) for r in batch.to_pylist())
                text = ",".join(rows)
                if text:
                    yield (("" if first else ",") + text).encode()
                    first = False
                continue
            sink = io.BytesIO()
            options = pacsv.WriteOptions(include_header=first)
            pacsv.write_csv(pa.Table.from_batches([defuse_formulas(batch)]), sink, options)
            first = False
            yield sink.getvalue()
        if fmt == "json":
            yield b"]"
        elif first:  # nothing matched: the header alone
            sink = io.BytesIO()
            pacsv.write_csv(reader.schema.empty_table(), sink)
            yield sink.getvalue()
    finally:
        view.close()


_FORMULA = r"^[=+\-@\t\r]"


def defuse_formulas(batch: pa.RecordBatch) -> pa.RecordBatch:
    """Text cells a spreadsheet would evaluate (``=HYPERLINK(...)``, ``+cmd``, ``@SUM``...)
    prefixed with ``'`` so they open as text (OWASP's CSV-injection advice).

    >>> b = pa.RecordBatch.from_pydict({"t": ["=HYPERLINK(1)", "ok", None], "n": [-1, 2, 3]})
    >>> defuse_formulas(b).to_pydict()
    {'t': ["'=HYPERLINK(1)", 'ok', None], 'n': [-1, 2, 3]}
    """
    import pyarrow.compute as pc

    columns = []
    for column in batch.columns:
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            risky = pc.match_substring_regex(column, _FORMULA)
            column = pc.if_else(risky, pc.binary_join_element_wise("'", column, ""), column)
        columns.append(column)
    return pa.RecordBatch.from_arrays(columns, names=batch.schema.names)


def upload_name(filename: str | None) -> str:
    """A safe file name for an upload: its last path part in letters, digits, ``.``, ``_``
    and ``-`` (the suffix decides .gz/.zip handling); ``upload`` when nothing usable is left.

    >>> upload_name("../../etc/20240101.export.CSV.zip"), upload_name(".."), upload_name(None)
    ('20240101.export.CSV.zip', 'upload', 'upload')
    """
    import re

    name = re.sub(r"[^A-Za-z0-9._-]", "_", (filename or "").replace("\\", "/").split("/")[-1])
    return name[:200] if name.strip("._") else "upload"


def _indicator_charts(name: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The charts of one indicator, one per frequency: its own series with its band (sparse
    values hollow), or for dyadic indicators the series with the main partners (up to five,
    poles first, chosen on adequately supported values; their sparse values hollow on a 0-1
    scale by quarter or year, left out otherwise). Each comes with its definition and a line on
    its support (n, sparse values)."""
    out = []
    for freq in ("quarter", "year", "month", None):
        of_freq = [r for r in rows if r.get("freq") == freq and r["value"] is not None]
        if not of_freq:
            continue
        label = f"{name}, per {freq}" if freq else name
        own = [r for r in of_freq if r["partner"] is None]
        if own:
            pts = support_points(own)
            if name in UNIT_SCALE:
                lo, hi = 0.0, 1.0
            else:
                ys = [v for p in pts for v in (p.y, p.lo, p.hi) if v is not None]
                lo, hi = min(ys), max(ys)
                if hi <= lo:
                    lo, hi = lo - 1, hi + 1
            gap = GAP_DAYS.get(freq or "", 400)
            chart = line_chart(pts, title=label, y_min=lo, y_max=hi, max_gap_days=gap)
            out.append(_chart_entry(name, own, chart))
        dyadic = [r for r in of_freq if r["partner"] is not None]
        if any(not r.get("sparse") for r in dyadic):  # a chart of only thin values says nothing
            chart = _partner_chart(label, dyadic, freq, name in UNIT_SCALE and freq != "month")
            out.append(_chart_entry(name, dyadic, chart))
    return out


def _partner_chart(
    label: str, rows: list[dict[str, Any]], freq: str | None, show_sparse: bool = True
) -> str:
    """Up to five partners' series (chosen on adequate values); their sparse values hollow and
    grey when ``show_sparse`` (shares and other 0-1 values by quarter or year), else left out
    (a month's thin dyadic weights would bury the adequate ones)."""
    by_partner: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        if not r.get("sparse"):
            by_partner.setdefault(r["partner"], []).append(r)
    ranked = sorted(
        by_partner,
        key=lambda p: (
            PREFERRED_PARTNERS.index(p) if p in PREFERRED_PARTNERS else len(PREFERRED_PARTNERS),
            -len(by_partner[p]),
        ),
    )[:5]
    series = {
        p: support_points(
            [r for r in rows if r["partner"] == p and (show_sparse or not r.get("sparse"))]
        )
        for p in ranked
    }
    return multi_line_chart(
        series,
        title=f"{label}, with partners" + ("" if show_sparse else " (adequate values)"),
        max_gap_days=GAP_DAYS.get(freq or "", 400),
    )


def _chart_entry(name: str, rows: list[dict[str, Any]], svg: str) -> dict[str, Any]:
    ns = [r["n"] for r in rows if r["n"] is not None]
    sparse = sum(1 for r in rows if r.get("sparse"))
    support = (
        f"n from {min(ns):,} to {max(ns):,} per value; {sparse} of {len(rows)} values sparse"
        if ns
        else f"no n stored; {sparse} of {len(rows)} values sparse"
    )
    method = rows[-1].get("method") or ""
    return {
        "name": name,
        "svg": svg,
        "definition": DEFINITIONS.get(name, ""),
        "method": method,
        "support": support,
    }


def _code(code: str) -> str:
    import re

    if not re.fullmatch(CODE, code):
        raise HTTPException(422, "actor code must be 2-12 letters or digits")
    return code.upper()


def _cursor(after: str | None) -> tuple[date, str] | None:
    if not after:
        return None
    day, _, event_id = after.partition("|")
    try:
        return date.fromisoformat(day), event_id
    except ValueError as exc:
        raise HTTPException(422, "bad 'after' cursor") from exc


INTERACTION_MIN_DAYS = SERIES[0].min_n
"""A quarter of interaction shares is adequate with data on this many days (the headline rule)."""


def _portfolio(
    rows: list[dict[str, Any]], freq: str = "year", min_n: int = MIN_N
) -> list[dict[str, Any]]:
    """Pole shares per period of one frequency, newest first, as rows for a table (``n`` =
    the period's cooperative events, or days of interaction data; ``sparse`` when n is under
    ``min_n``, the support rule of that series)."""
    periods: dict[Any, dict[str, Any]] = {}
    for r in rows:
        if r.get("freq") != freq:
            continue
        row = periods.setdefault(
            r["period_start"], {"period": r["period"], "n": r["n"], "sparse": False}
        )
        row[r["partner"]] = r["value"]
        row["sparse"] = r["n"] is None or r["n"] < min_n
    return [periods[k] for k in sorted(periods, reverse=True)][:40]


def _timeline(memberships: list[dict[str, Any]]) -> str:
    """Membership bars on a shared time axis, as SVG."""
    from html import escape

    rows = [m for m in memberships if m["start_date"]]
    if not rows:
        return ""
    today = date.today()
    start = min(m["start_date"] for m in rows)
    span = max((today - start).days, 1)
    width, bar, left = 900, 16, 150
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} '
        f'{len(rows) * (bar + 4) + 24}" width="100%" id="timeline" role="img" '
        'aria-label="Memberships timeline">'
    ]
    for i, m in enumerate(rows):
        end = m["end_date"] or today
        x0 = left + (m["start_date"] - start).days / span * (width - left - 10)
        x1 = left + (end - start).days / span * (width - left - 10)
        y = i * (bar + 4)
        tip = escape(
            f"{m['org_name'] or m['org']} ({m['role']}): {m['start_date']} – "
            f"{m['end_date'] or 'present'}. {m['source']}"
        )
        parts.append(
            f'<text x="0" y="{y + 12}" class="tick">{escape(m["org"])}</text>'
            f'<rect x="{x0:.1f}" y="{y}" width="{max(x1 - x0, 2):.1f}" height="{bar}" '
            f'class="bar {escape(m["role"])}"><title>{tip}</title></rect>'
        )
    for year in range(start.year + 1, today.year + 1, max(1, (today.year - start.year) // 8)):
        x = left + (date(year, 1, 1) - start).days / span * (width - left - 10)
        parts.append(
            f'<text x="{x:.1f}" y="{len(rows) * (bar + 4) + 16}" class="tick" '
            f'text-anchor="middle">{year}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def app_from_env() -> FastAPI:
    """App factory for multi-process serving (``uvicorn --factory``): reads ``STEPPE_DB``,
    ``STEPPE_SCENARIOS`` and ``STEPPE_WEB_CACHE`` from the environment. Read-only only: several
    processes may share a store for reading, never for writing."""
    import os

    scenarios = os.environ.get("STEPPE_SCENARIOS")
    names = os.environ.get("STEPPE_WEB_HOSTS", "")
    hosts = None if names == "*" else tuple(n for n in names.split(",") if n) or LOOPBACK_HOSTS
    return create_app(
        os.environ["STEPPE_DB"],
        scenarios_dir=scenarios or None,
        cache_size=int(os.environ.get("STEPPE_WEB_CACHE", "4096")),
        hosts=hosts,
    )
