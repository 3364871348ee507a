"""The dashboard's JSON API and pages, through FastAPI's test client."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from steppe.web import create_app
from tests.web_fixtures import PAYLOAD_TEXT, PAYLOAD_TITLE, build_store


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("web") / "web.duckdb")


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    app = create_app(db, scenarios_dir=Path(__file__).parent.parent / "scenarios")
    with TestClient(app) as c:
        yield c
    app.state.store.close()


@pytest.mark.parametrize("url", ["/", "/country/KAZ", "/network", "/events", "/scenarios"])
def test_pages_render_with_strict_csp(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 200
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert "http://" not in r.text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in r.text.replace("https://example.org/a", "")


def test_api_schema_documents_every_api_route(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {
        "/api/actors",
        "/api/events",
        "/api/events/export",
        "/api/indicators",
        "/api/network",
        "/api/overview",
        "/api/country/{code}",
        "/api/scenarios",
        "/api/ingest",
    } <= set(paths)
    assert client.get("/docs").status_code == 404  # Swagger UI would load a CDN


def test_event_filters_and_keyset_pagination(client: TestClient) -> None:
    first = client.get("/api/events", params={"actor": "KAZ", "limit": 20}).json()
    assert len(first["events"]) == 20 and first["next"]
    assert all("KAZ" in (e["source_actor"], e["target_actor"]) for e in first["events"])
    second = client.get(
        "/api/events", params={"actor": "KAZ", "limit": 20, "after": first["next"]}
    ).json()
    ids = {e["event_id"] for e in first["events"]}
    assert not ids & {e["event_id"] for e in second["events"]}
    assert second["events"][0]["date"] <= first["events"][-1]["date"]
    china = client.get(
        "/api/events", params={"actor": "KAZ", "partner": "CHN", "limit": 500}
    ).json()["events"]
    assert china and all({e["source_actor"], e["target_actor"]} == {"KAZ", "CHN"} for e in china)
    conflict = client.get("/api/events", params={"quad_class": 4, "limit": 500}).json()
    assert all(e["quad_class"] == 4 for e in conflict["events"])
    dated = client.get(
        "/api/events", params={"since": "2010-01-01", "until": "2010-12-31", "limit": 500}
    ).json()["events"]
    assert dated and all("2010-" in e["date"] for e in dated)


def test_full_text_search_over_sentences(client: TestClient) -> None:
    hits = client.get("/api/events", params={"q": "astana went"}).json()["events"]
    assert [e["event_id"] for e in hits] == ["test:xss"]
    assert hits[0]["doc_title"] == PAYLOAD_TITLE


def test_export_matches_filter(client: TestClient) -> None:
    r = client.get("/api/events/export", params={"actor": "TKM", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows and all("TKM" in (x["source_actor"], x["target_actor"]) for x in rows)
    n = len(client.get("/api/events/export", params={"actor": "TKM", "format": "json"}).json())
    assert n == len(rows)


@pytest.mark.parametrize(
    "params",
    [
        {"actor": "'; DROP TABLE events; --"},
        {"cameo": "12a"},
        {"limit": 100000},
        {"since": "yesterday"},
        {"after": "not-a-date|x"},
        {"q": "x" * 201},
    ],
)
def test_bad_parameters_are_rejected(client: TestClient, params: dict[str, object]) -> None:
    assert client.get("/api/events", params=params).status_code == 422
    assert client.get("/api/events", params={"limit": 1}).status_code == 200


def test_untrusted_text_is_escaped(client: TestClient) -> None:
    html = client.get("/events", params={"q": "astana went"}).text
    assert "<script>window.__pwned" not in html and "<img src=x" not in html
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=" in html
    assert PAYLOAD_TEXT not in html


def test_writes_need_a_token(db: Path, tmp_path: Path) -> None:
    with TestClient(create_app(db)) as ro:
        r = ro.post("/api/ingest", data={"format": "icews"}, files={"file": ("a.txt", b"")})
        assert r.status_code == 403
        ro.app.state.store.close()  # type: ignore[attr-defined]
    copy = tmp_path / "rw.duckdb"
    copy.write_bytes(db.read_bytes())
    app = create_app(copy, token="s3cret", max_upload_mb=1)
    with TestClient(app) as rw:
        before = rw.get("/api/events", params={"actor": "KAZ", "partner": "CHN"}).json()
        assert before["events"][0]["date"] < "2016-03-01"
        line = b"Kazakhstan\tConsult\tChina\t2016-03-01\n"
        bad = rw.post(
            "/api/ingest",
            data={"format": "icews"},
            files={"file": ("e.txt", line)},
            headers={"X-Steppe-Token": "wrong"},
        )
        assert bad.status_code == 401
        ok = rw.post(
            "/api/ingest",
            data={"format": "icews"},
            files={"file": ("e.txt", line)},
            headers={"X-Steppe-Token": "s3cret"},
        )
        assert ok.status_code == 200 and ok.json()[0]["loaded"] == 1
        after = rw.get("/api/events", params={"actor": "KAZ", "partner": "CHN"}).json()
        assert after["events"][0]["date"] == "2016-03-01"  # the write cleared the cache
        big = rw.post(
            "/api/ingest",
            data={"format": "icews"},
            files={"file": ("big.txt", b"x" * (2 * 1024 * 1024))},
            headers={"X-Steppe-Token": "s3cret"},
        )
        assert big.status_code == 413
    app.state.store.close()


def test_country_page_and_unknown_actor(client: TestClient) -> None:
    data = client.get("/api/country/KAZ").json()
    assert data["actor"]["name"] == "Kazakhstan"
    assert "multivector" in data["indicators"] and data["memberships"]
    assert client.get("/country/ZZZ").status_code == 404
    html = client.get("/country/KAZ").text
    assert 'id="timeline"' in html and "multivector" in html


def test_overview_map_colours_focal_states(client: TestClient) -> None:
    html = client.get("/", params={"period": "2010Q2"}).text
    assert html.count('class="focal"') == 6
    data = client.get("/api/overview", params={"period": "2010Q2"}).json()
    assert data["period"] == "2010Q2" and any(v["value"] is not None for v in data["values"])


def test_network(client: TestClient) -> None:
    ties = client.get("/api/network", params={"min_events": 5}).json()
    assert ties and all(t["events"] >= 5 for t in ties)
    assert any({t["a"], t["b"]} == {"CHN", "KAZ"} for t in ties)


def test_empty_form_fields_mean_not_set(client: TestClient) -> None:
    r = client.get("/api/events?actor=KAZ&partner=&cameo=&since=&q=&limit=5")
    assert r.status_code == 200 and len(r.json()["events"]) == 5


def test_repeated_queries_are_cached(client: TestClient) -> None:
    cache = client.app.state.cache  # type: ignore[attr-defined]
    params = {"actor": "UZB", "limit": 7}
    first = client.get("/api/events", params=params).json()
    hits = cache.hits
    assert client.get("/api/events", params=params).json() == first
    assert cache.hits == hits + 1


def test_scenarios_page_runs_and_fan_charts(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "scen.duckdb"
    copy.write_bytes(db.read_bytes())
    folder = Path(__file__).resolve().parent.parent / "scenarios"
    app = create_app(copy, token="tok", scenarios_dir=folder)
    with TestClient(app) as c:
        files = c.get("/api/scenarios").json()["files"]
        assert "forum_institutionalisation.yaml" in files
        url = "/api/scenarios/forum_institutionalisation.yaml/run"
        assert c.post(url, params={"runs": 50}).status_code == 401
        assert (
            c.post(
                url, params={"runs": 50, "seed": 3}, headers={"X-Steppe-Token": "tok"}
            ).status_code
            == 200
        )
        assert c.post(
            "/api/scenarios/..%2Fsecret.yaml/run", headers={"X-Steppe-Token": "tok"}
        ).status_code in (404, 422)
        assert (
            c.post("/api/scenarios/missing.yaml/run", headers={"X-Steppe-Token": "tok"}).status_code
            == 404
        )
        form = c.post(
            "/scenarios/forum_institutionalisation.yaml/run",
            data={"form_token": "wrong"},
            follow_redirects=False,
        )
        assert form.status_code == 401
        runs = c.get("/api/scenarios").json()["runs"]
        assert len(runs) == 2 and runs[0]["seed"] == 3  # the fixture's run, then this one
        run = c.get(f"/api/scenario-runs/{runs[0]['run_id']}").json()
        assert run["outcome"]["outcome_median"]["institutionalisation"]
        html = c.get("/scenarios").text
        assert 'class="fan"' in html and "robust organisation" in html
    app.state.store.close()


def test_upload_goes_through_the_pipeline_ingest_and_keeps_the_lake_in_step(
    db: Path, tmp_path: Path
) -> None:
    # issue 16: the upload called the GDELT/ICEWS loaders directly, so a served lake went stale
    import duckdb

    from steppe.store.lake import table_glob

    copy = tmp_path / "lake.duckdb"
    copy.write_bytes(db.read_bytes())
    lake = tmp_path / "lake"
    app = create_app(copy, token="s3cret", lake=lake)
    with TestClient(app) as rw:
        line = b"Kazakhstan\tConsult\tChina\t2016-03-01\n"
        ok = rw.post(
            "/api/ingest",
            data={"format": "icews"},
            files={"file": ("e.txt", line)},
            headers={"X-Steppe-Token": "s3cret"},
        )
        assert ok.status_code == 200 and ok.json()[0]["loaded"] == 1
        sources = rw.app.state.store.query("SELECT name FROM sources")  # type: ignore[attr-defined]
    app.state.store.close()
    assert {"name": "events:icews"} in sources
    with duckdb.connect() as con:
        n, latest = con.execute(
            f"SELECT count(*), max(date) FROM read_parquet('{table_glob(lake, 'events')}')"
        ).fetchone()  # type: ignore[misc]
        stored = duckdb.connect(str(copy), read_only=True)
        assert n == stored.execute("SELECT count(*) FROM events").fetchone()[0]  # type: ignore[index]
        stored.close()
    assert str(latest) == "2016-03-01"


def test_d6_uploads_named_dotdot_or_truncated_get_clear_errors(db: Path, tmp_path: Path) -> None:
    # issue 16 D6/D11: an upload named '..' gave 500; a truncated .gz gave 500 (an aborted
    # transaction hid the error); error messages showed the server's temporary folder
    import gzip

    copy = tmp_path / "up.duckdb"
    copy.write_bytes(db.read_bytes())
    app = create_app(copy, token="s3cret")
    auth = {"X-Steppe-Token": "s3cret"}
    line = b"Kazakhstan\tConsult\tChina\t2016-03-02\n"
    with TestClient(app) as rw:
        dotdot = rw.post(
            "/api/ingest", data={"format": "icews"}, files={"file": ("..", line)}, headers=auth
        )
        assert dotdot.status_code == 200 and dotdot.json()[0]["file"] == "upload"
        whole = gzip.compress(b"x\t" * 56 + b"x\n" * 1 + b"1\t" * 57 + b"1\n" * 5000)
        cut = rw.post(
            "/api/ingest",
            data={"format": "gdelt1"},
            files={"file": ("20240101.export.CSV.gz", whole[: len(whole) // 2])},
            headers=auth,
        )
        assert cut.status_code == 400, cut.text
        detail = cut.json()["detail"]
        assert detail.startswith("20240101.export.CSV.gz: ") and "steppe-upload-" not in detail
    app.state.store.close()


def test_data_as_of_per_source(client: TestClient) -> None:
    (src,) = client.get("/api/sources").json()
    assert src["name"] == "events:icews" and src["last_date"] == "2015-12-30"
    html = client.get("/").text
    assert "Data as of" in html and 'id="sources"' in html and "2015-12-30" in html


# -- issue 16, D11 and D5 -------------------------------------------------------------------
def test_d11_foreign_host_headers_are_refused(client: TestClient) -> None:
    evil = client.get("/api/events/export", headers={"Host": "rebind.attacker.example"})
    assert evil.status_code == 421
    assert "default-src 'self'" in evil.headers["content-security-policy"]
    for host in ("127.0.0.1:8000", "localhost", "[::1]:8000"):
        assert client.get("/api/actors", headers={"Host": host}).status_code == 200


def test_d11_errors_carry_the_csp_and_a_chunked_body_over_the_limit_gets_413(
    db: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "csp.duckdb"
    copy.write_bytes(db.read_bytes())
    app = create_app(copy, token="s3cret", max_upload_mb=1)
    auth = {"X-Steppe-Token": "s3cret"}
    with TestClient(app, raise_server_exceptions=False) as rw:
        declared = rw.post(
            "/api/ingest",
            data={"format": "icews"},
            files={"file": ("big.txt", b"x" * (2 << 20))},
            headers=auth,
        )
        assert declared.status_code == 413
        assert "default-src 'self'" in declared.headers["content-security-policy"]

        def chunks() -> Iterator[bytes]:  # no Content-Length: sent chunked
            yield b"--b\r\nContent-Disposition: form-data; name=format\r\n\r\nicews\r\n"
            yield b'--b\r\nContent-Disposition: form-data; name=file; filename="e.txt"\r\n\r\n'
            for _ in range(3):
                yield b"x" * (1 << 20)
            yield b"\r\n--b--\r\n"

        chunked = rw.post(
            "/api/ingest",
            content=chunks(),
            headers={**auth, "Content-Type": "multipart/form-data; boundary=b"},
        )
        assert chunked.status_code == 413, chunked.text
        assert "default-src 'self'" in chunked.headers["content-security-policy"]
        app.state.store.con.close()  # the store gone under the server: an internal error
        broken = rw.get("/api/actors")
        assert broken.status_code == 500 and "Traceback" not in broken.text
        assert "default-src 'self'" in broken.headers["content-security-policy"]


def test_d11_csv_export_defuses_formulas(db: Path, tmp_path: Path) -> None:
    from steppe.store import Store
    from steppe.store.reference import insert_rows

    copy = tmp_path / "formula.duckdb"
    copy.write_bytes(db.read_bytes())
    with Store(copy) as s:
        insert_rows(
            s,
            "events",
            [
                {
                    "event_id": "test:formula",
                    "date": "2015-06-01",
                    "source_actor": "KAZ",
                    "target_actor": "CHN",
                    "cameo": "042",
                    "origin": "test",
                    "sentence": '=HYPERLINK("http://x.example","click")',
                }
            ],
        )
    app = create_app(copy)
    with TestClient(app) as c:
        text = c.get("/api/events/export", params={"actor": "KAZ", "format": "csv"}).text
        row = next(r for r in csv.DictReader(io.StringIO(text)) if r["event_id"] == "test:formula")
        assert row["sentence"].startswith("'=HYPERLINK(")
        as_json = c.get("/api/events/export", params={"actor": "KAZ", "format": "json"}).json()
        assert any(e["sentence"] == '=HYPERLINK("http://x.example","click")' for e in as_json)
    app.state.store.close()


def test_d5_exports_stream_in_batches_and_refuse_over_the_row_limit(
    client: TestClient, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from steppe.store import Store, read

    with Store(db, read_only=True) as s:
        n = read.count_events(s, actor="KAZ")
        batches = list(read.event_batches(s, batch_rows=100, actor="KAZ"))
    assert n > 300 and len(batches) >= 3 and sum(b.num_rows for b in batches) == n
    with client.stream("GET", "/api/events/export", params={"actor": "KAZ"}) as r:
        assert r.headers.get("content-length") is None  # streamed, not built whole
        lines = sum(chunk.count(b"\n") for chunk in r.iter_bytes())
    assert lines >= n + 1  # header + one line per event (sentences may hold newlines)
    assert (
        len(client.get("/api/events/export", params={"actor": "KAZ", "format": "json"}).json()) == n
    )
    monkeypatch.setenv("STEPPE_MAX_EXPORT_ROWS", "5")
    refused = client.get("/api/events/export", params={"actor": "KAZ"})
    assert refused.status_code == 413
    assert "max_export_rows = 5" in refused.json()["detail"]
    assert "STEPPE_MAX_EXPORT_ROWS" in refused.json()["detail"]


def test_alerts_and_pressure_on_pages(client: TestClient) -> None:
    alerts = client.get("/api/alerts").json()
    assert [a["date"] for a in alerts] == sorted((a["date"] for a in alerts), reverse=True)
    kaz = client.get("/api/alerts", params={"actor": "KAZ", "kind": "shift"}).json()
    assert all(a["actor"] == "KAZ" and a["kind"] == "shift" for a in kaz)
    assert client.get("/api/alerts", params={"kind": "drop"}).status_code == 422
    data = client.get("/api/country/KAZ").json()
    assert data["pressure"] and any(r["power"] == "CHN" for r in data["pressure"])
    html = client.get("/country/KAZ").text
    assert 'id="pressure"' in html and "Caldara" in html


def test_country_page_shows_the_interaction_portfolio_newest_first(tmp_path: Path) -> None:
    from datetime import date, timedelta

    import steppe
    from steppe.indicators.interaction import compute_interaction
    from steppe.indicators.support import finalise_support
    from steppe.ingest.reference import ingest_reference

    db = tmp_path / "i.duckdb"
    days = [date(2023, 7, 1) + timedelta(days=i) for i in range(92 + 92 + 20)]  # Q3, Q4, 20 of Q1
    body = "".join(f"{d},KAZ,RUS,{30 if d.month >= 10 else 10}\n{d},KAZ,CHN,10\n" for d in days)
    path = tmp_path / "d.csv"
    path.write_text("date,focal_iso3,partner_iso3,edge_weight\n" + body, encoding="utf-8")
    with steppe.Store(db) as store:
        steppe.install_registry(store)
        ingest_reference(store, "gdelt-dyads", path)
        compute_interaction(store, draws=50)
        finalise_support(store)
    app = create_app(db)
    with TestClient(app) as c:
        html = c.get("/country/KAZ").text
    app.state.store.close()
    table = html.split('id="interaction-portfolio"')[1].split("</table>")[0]
    rows = table.split("<tr")[2:]
    assert [r.split("<td>")[1].split("<")[0] for r in rows] == ["2024Q1", "2023Q4", "2023Q3"]
    assert 'class="sparse"' in rows[0] and 'class="sparse"' not in rows[1]  # 20 days: partial
    assert ">75 %<" in rows[1] and ">50 %<" in rows[2]  # RUS 30 of 40, then 10 of 20


def test_a_missing_side_shows_a_dash_not_none(tmp_path: Path) -> None:
    # a coded event with one side only (the coder stores it; the gold set does not score it)
    import json as _json

    import steppe
    from steppe.coding import code_documents
    from steppe.ingest.news import ingest_news

    db = tmp_path / "c.duckdb"
    docs = tmp_path / "d.jsonl"
    docs.write_text(
        _json.dumps({"text": "Kazakhstan urged restraint on all sides.", "date": "2024-03-01"})
        + "\n",
        encoding="utf-8",
    )
    with steppe.Store(db) as store:
        steppe.install_registry(store)
        ingest_news(store, [docs])
        code_documents(store)
        assert store.con.execute(
            "SELECT count(*) FROM events WHERE source_actor = 'KAZ' AND target_actor IS NULL"
        ).fetchone() == (1,)
    app = create_app(db)
    with TestClient(app) as c:
        pages = [c.get("/country/KAZ").text, c.get("/events").text]
    app.state.store.close()
    for html in pages:
        assert "<td>None</td>" not in html and "<td>—</td>" in html
