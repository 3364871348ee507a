"""Regression tests for the audit's defects D1-D13 (issue 16), each built from the audit's
reproduction: nothing lost, nothing leaked, a one-line error where input is bad or too big."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import steppe
from steppe.domain.errors import IngestError
from steppe.ingest.base import ZIP_PREFIX, readable


@pytest.fixture
def store(tmp_path: Path) -> Iterator[steppe.Store]:
    s = steppe.Store(tmp_path / "s.duckdb")
    steppe.install_registry(s)
    yield s
    s.close()


# -- D1: zip members with the same base name ------------------------------------------------
def test_d1_zip_members_with_the_same_base_name_all_load(
    store: steppe.Store, tmp_path: Path
) -> None:
    a = steppe.write_gdelt(tmp_path / "a.tsv", rows=40, seed=1)
    b = steppe.write_gdelt(tmp_path / "b.tsv", rows=60, seed=2)
    archive = tmp_path / "two.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(a, "a/day.export.CSV")
        z.write(b, "b/day.export.CSV")
    reports = steppe.ingest_events(store, [archive], "gdelt1")
    assert [(r.file.split("!")[-1], r.loaded, r.skipped) for r in reports] == [
        ("a/day.export.CSV", 40, False),
        ("b/day.export.CSV", 60, False),
    ]
    assert store.count("events") == 100


def test_d1_news_zip_members_with_the_same_base_name_all_load(
    store: steppe.Store, tmp_path: Path
) -> None:
    from steppe.ingest.news import ingest_news

    archive = tmp_path / "news.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("a/story.txt", "Kazakhstan and China signed a pipeline deal in Astana.\n")
        z.writestr("b/story.txt", "Uzbekistan hosted Russian ministers in Tashkent for talks.\n")
    reports = ingest_news(store, [archive], date="2024-01-02")
    assert [r.loaded for r in reports] == [1, 1]
    assert store.count("documents") == 2


# -- D12: zip unpack folders are removed, even after a kill -9 -------------------------------
def test_d12_a_killed_ingest_leaves_no_unpacked_zip_behind(tmp_path: Path) -> None:
    archive = tmp_path / "one.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("x.tsv", "1\t2\n")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp)}
    # a process that unpacks the zip, then dies by SIGKILL inside the ingest
    code = (
        "import os, signal\n"
        "from pathlib import Path\n"
        "from steppe.ingest.base import readable\n"
        f"with readable(Path({str(archive)!r})) as members:\n"
        "    for _ in members:\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    killed = subprocess.run([sys.executable, "-c", code], env=env, check=False)
    assert killed.returncode == -9
    assert list(tmp.glob(f"{ZIP_PREFIX}*")), "the killed run left its folder (as expected)"
    # the next zip ingest of any process removes folders of processes no longer running
    subprocess.run(
        [sys.executable, "-c", code.replace("os.kill(os.getpid(), signal.SIGKILL)", "pass")],
        env=env,
        check=True,
    )
    assert list(tmp.glob(f"{ZIP_PREFIX}*")) == []


def test_d12_doctests_and_zip_reads_clean_up_after_themselves(tmp_path: Path) -> None:
    archive = tmp_path / "one.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("x.tsv", "1\t2\n")
    before = set(Path(tempfile.gettempdir()).glob(f"{ZIP_PREFIX}{os.getpid()}-*"))
    with readable(archive) as members:
        assert [p.read_text() for _, p in members] == ["1\t2\n"]
    assert set(Path(tempfile.gettempdir()).glob(f"{ZIP_PREFIX}{os.getpid()}-*")) == before


# -- D4: decompression limit ----------------------------------------------------------------
def test_d4_a_zip_bomb_stops_at_the_decompression_limit(
    store: steppe.Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("20240101.export.CSV", b"\t" * (3 << 20))  # 3 MB of tabs, a few KB zipped
    assert archive.stat().st_size < 100_000
    monkeypatch.setenv("STEPPE_MAX_DECOMPRESSED_MB", "2")
    with pytest.raises(IngestError, match=r"max_decompressed_mb = 2.*STEPPE_MAX_DECOMPRESSED_MB"):
        steppe.ingest_events(store, [archive], "gdelt1")
    assert store.count("events") == 0


# -- D2: a reload that would delete more than it adds ---------------------------------------
def test_d2_a_truncated_reference_reload_is_refused_with_the_counts(
    store: steppe.Store, shared: Path, tmp_path: Path
) -> None:
    from steppe.ingest.reference import ingest_reference

    full = shared / "cow_atop_alliances_igo_trade" / "cow_nmc.csv"
    truncated = tmp_path / "cow_nmc.csv"  # the same file name, cut to 10 rows
    truncated.write_text("".join(full.read_text().splitlines(keepends=True)[:11]))
    assert ingest_reference(store, "nmc", full).loaded == 17_121
    with pytest.raises(IngestError, match=r"delete 17,121 rows .* add only 10.*--replace"):
        ingest_reference(store, "nmc", truncated)
    assert store.count("capabilities") == 17_121
    assert ingest_reference(store, "nmc", truncated, replace=True).loaded == 10
    assert store.count("capabilities") == 10


def test_d2_cli_refuses_then_replaces(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from steppe.cli import app

    full = tmp_path / "full" / "trade.csv"
    full.parent.mkdir()
    full.write_text("ccode1,ccode2,year,flow1,flow2\n705,365,2010,1,2\n705,365,2011,1,2\n")
    short = tmp_path / "trade.csv"
    short.write_text("ccode1,ccode2,year,flow1,flow2\n705,365,2010,1,2\n")
    db = ["--db", str(tmp_path / "c.duckdb")]
    runner = CliRunner()
    ok = runner.invoke(app, [*db, "ingest", "reference", "--kind", "cow-trade", str(full)])
    assert ok.exit_code == 0, ok.output
    refused = runner.invoke(app, [*db, "ingest", "reference", "--kind", "cow-trade", str(short)])
    assert refused.exit_code == 1
    assert "would delete 4 rows loaded before and add only 2" in " ".join(refused.output.split())
    again = [*db, "ingest", "reference", "--kind", "cow-trade", "--replace", str(short)]
    assert runner.invoke(app, again).exit_code == 0


# -- D8: ingest_log commits with the load ---------------------------------------------------
KILL_AT_LOG = """
import os, signal, sys
from pathlib import Path
import steppe
import steppe.ingest.gdelt as gdelt

def die(*args, **kwargs):  # SIGKILL at the moment the ingest_log row is written
    os.kill(os.getpid(), signal.SIGKILL)

gdelt.log_ingest = die
with steppe.Store(Path(sys.argv[1])) as store:
    steppe.ingest_events(store, [Path(sys.argv[2])], "gdelt1")
"""


def test_d8_a_kill_while_logging_leaves_no_rows_that_the_rerun_calls_duplicate(
    tmp_path: Path,
) -> None:
    db = tmp_path / "k.duckdb"
    src = steppe.write_gdelt(tmp_path / "20240101.export.CSV", rows=1500, seed=3)
    with steppe.Store(db) as store:
        steppe.install_registry(store)
    killed = subprocess.run([sys.executable, "-c", KILL_AT_LOG, str(db), str(src)], check=False)
    assert killed.returncode == -9
    with steppe.Store(db) as store:
        # the load and its log row commit together: neither is there
        assert store.count("events") == store.count("ingest_log") == 0
        report = steppe.ingest_events(store, [src], "gdelt1")[0]
        assert (report.loaded, report.duplicate, report.skipped) == (1500, 0, False)
        assert store.count("events") == 1500


# -- D9: ICEWS input that is not ICEWS ------------------------------------------------------
@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"\n\n", "empty file"),
        (bytes(range(256)) * 40, "not an ICEWS event file"),
        (None, "not an ICEWS event file"),  # a GDELT 1.0 file
    ],
    ids=["empty", "blank-lines", "random-bytes", "gdelt"],
)
def test_d9_icews_refuses_what_is_not_icews(
    store: steppe.Store, tmp_path: Path, content: bytes | None, reason: str
) -> None:
    path = tmp_path / "events.tsv"
    if content is None:
        steppe.write_gdelt(path, rows=30, seed=4)
    else:
        path.write_bytes(content)
    with pytest.raises(IngestError, match=f"^{path}: {reason}") as caught:
        steppe.ingest_events(store, [path], "icews")
    assert "\n" not in str(caught.value)
    assert store.count("events") == store.count("ingest_log") == 0


def test_d9_an_icews_file_with_unknown_codes_still_quarantines(
    store: steppe.Store, tmp_path: Path
) -> None:
    path = tmp_path / "events.tsv"
    path.write_text("Kazakhstan\tFrobnicate\tChina\t2015-01-02\n")  # unknown event text
    report = steppe.ingest_events(store, [path], "icews")[0]
    assert (report.loaded, report.quarantined) == (0, 1)


# -- D13: GDELT values that parse but cannot be true ----------------------------------------
def test_d13_gdelt_rows_with_nan_tone_or_far_future_dates_are_quarantined(
    store: steppe.Store, tmp_path: Path
) -> None:
    from steppe.ingest.gdelt import GDELT1_COLUMNS

    src = steppe.write_gdelt(tmp_path / "20240101.export.CSV", rows=20, seed=5)
    lines = [line.split("\t") for line in src.read_text().splitlines()]
    tone, day = GDELT1_COLUMNS.index("AvgTone"), GDELT1_COLUMNS.index("SQLDATE")
    lines[2][tone] = "nan"
    lines[4][tone] = "inf"
    lines[6][day] = "99991231"
    src.write_text("".join("\t".join(fields) + "\n" for fields in lines))
    report = steppe.ingest_events(store, [src], "gdelt1")[0]
    assert (report.loaded, report.quarantined) == (17, 3)
    reasons = sorted(r["reason"] for r in steppe.read.quarantine(store))
    assert reasons == [
        "AvgTone inf is not a finite number",
        "AvgTone nan is not a finite number",
        "SQLDATE 9999-12-31 is in the future",
    ]
    assert store.query("SELECT count(*) AS n FROM events WHERE isnan(tone) OR date > today()") == [
        {"n": 0}
    ]


# -- D6: one-line errors instead of tracebacks ----------------------------------------------
def test_d6_truncated_gzip_in_gdelt_is_one_line(store: steppe.Store, tmp_path: Path) -> None:
    whole = steppe.write_gdelt(tmp_path / "a.tsv.gz", rows=3000, seed=1).read_bytes()
    cut = tmp_path / "20240101.export.CSV.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(IngestError, match=r"GZIP") as caught:
        steppe.ingest_events(store, [cut], "gdelt1")
    assert str(caught.value).startswith(f"{cut}: ") and "\n" not in str(caught.value)
    assert store.count("events") == 0
    # the store is usable afterwards (no aborted transaction left behind)
    good = steppe.write_gdelt(tmp_path / "b.tsv", rows=10, seed=2)
    assert steppe.ingest_events(store, [good], "gdelt1")[0].loaded == 10


def test_d6_cli_serve_on_a_store_being_written_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with steppe.Store(db) as writer:
        steppe.install_registry(writer)
        out = subprocess.run(
            [sys.executable, "-m", "steppe.cli", "--db", str(db), "serve", "--port", "1"],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert out.returncode == 1, out.stderr
    assert out.stderr.startswith("error: cannot open store") and "Traceback" not in out.stderr


def _scenario(tmp_path: Path, body: str, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text(body)
    return path


BASE = """name: t
rounds: {rounds}
runs: {runs}
seed: {seed}
dimensions: [{{name: d}}]
actors:
  - {{code: A, capability: {cap}, position: {{d: 20}}, salience: {{d: 0.5}}}}
  - {{code: B, capability: 1, position: {{d: 80}}, salience: {{d: 0.5}}}}
"""


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"seed": 10**30}, "seed: Input should be less than or equal to"),
        ({"cap": ".nan"}, "actors[0].capability"),
        ({"cap": ".inf"}, "actors[0].capability"),
        ({"cap": "1e308"}, "actors[0].capability: 1e+308 is beyond ±1e+09"),
        ({"runs": 10**9}, "limit max_simulation_cells = 50000000; set STEPPE_MAX_SIMULATION_CELLS"),
    ],
    ids=["seed-1e30", "nan", "inf", "1e308", "huge-runs"],
)
def test_d6_d7_scenario_values_that_cannot_run_are_refused(
    tmp_path: Path, fields: dict[str, object], message: str
) -> None:
    from steppe.domain.errors import ScenarioError
    from steppe.scenarios import load_scenario

    values = {"rounds": 3, "runs": 10, "seed": 1, "cap": 1, **fields}
    with pytest.raises(ScenarioError) as caught:
        load_scenario(_scenario(tmp_path, BASE.format(**values)))
    assert message in str(caught.value)


def test_d7_huge_actor_counts_hit_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from steppe.domain.errors import ScenarioError
    from steppe.scenarios import load_scenario, simulate

    monkeypatch.setenv("STEPPE_MAX_SIMULATION_CELLS", "1000")
    actors = "".join(
        f"  - {{code: X{i}, capability: 1, position: {{d: {i % 100}}}, salience: {{d: 0.5}}}}\n"
        for i in range(60)
    )
    body = "name: many\nrounds: 10\nruns: 2\ndimensions: [{name: d}]\nactors:\n" + actors
    with pytest.raises(ScenarioError, match=r"2 runs x 60 actors x 10 rounds = 1,200"):
        load_scenario(_scenario(tmp_path, body))
    small = BASE.format(rounds=3, runs=10, seed=1, cap=1)
    scenario = load_scenario(_scenario(tmp_path, small))
    with pytest.raises(ScenarioError, match=r"1,000 runs x 2 actors x 3 rounds = 6,000"):
        simulate(scenario, runs=1000)  # --runs on the command line is checked too


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"name: \xff\xfe\n", "not UTF-8 text"),
        (b"a: " + b"[" * 20_000 + b"]" * 20_000 + b"\n", "nested too deeply"),
    ],
    ids=["invalid-utf8", "deep-yaml"],
)
def test_d6_unreadable_scenarios_are_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    from steppe.domain.errors import ScenarioError
    from steppe.scenarios import load_scenario

    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    with pytest.raises(ScenarioError, match=message):
        load_scenario(path)


def test_d6_ktab_header_shorter_than_its_dimensions(tmp_path: Path) -> None:
    from steppe.domain.errors import ScenarioError
    from steppe.scenarios import read_ktab_csv

    path = tmp_path / "k.csv"
    path.write_text("toy,desc,2,3\nActor,Desc,Power,Pos1,Sal1\nA,a,10,50,80\nB,b,20,40,70\n")
    with pytest.raises(ScenarioError, match=r"k.csv:2: the header has 5 fields; 3 dimensions"):
        read_ktab_csv(path)


# -- D10: symbolic links out of a news folder -----------------------------------------------
def test_d10_news_folder_links_to_outside_files_are_not_read(
    store: steppe.Store, tmp_path: Path
) -> None:
    from steppe.ingest.news import ingest_news

    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("Kazakhstan signed a secret deal with China in Astana.\n")
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    (folder / "story.txt").write_text("Uzbekistan hosted Russian ministers in Tashkent.\n")
    (folder / "leak.txt").symlink_to(secret)
    (folder / "sub" / "dir").symlink_to(secret.parent, target_is_directory=True)
    (folder / "inside.txt").symlink_to(folder / "story.txt")  # a link inside: fine
    reports = ingest_news(store, [folder], date="2024-01-02")
    texts = [r["text"] for r in store.query("SELECT text FROM documents")]
    assert texts and not any("secret" in t for t in texts)
    refused = {Path(r.file).name for r in reports if r.quarantined and not r.loaded}
    assert "leak.txt" in refused
    reasons = {q["reason"] for q in steppe.read.quarantine(store)}
    assert any("outside the folder" in r for r in reasons)


def test_d12_doctests_leave_no_temporary_folders(tmp_path: Path) -> None:
    # the doctests of these modules call tempfile.mkdtemp(); run them with a private TMPDIR
    root = Path(__file__).resolve().parent.parent
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    modules = ["steppe/ingest/base.py", "steppe/store/lake.py", "steppe/ingest/synth.py"]
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *modules],
        cwd=root,
        env={**os.environ, "TMPDIR": str(tmp)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert out.returncode == 0, out.stdout[-2000:]
    assert sorted(p.name for p in tmp.iterdir() if not p.name.startswith("pytest-of-")) == []


# -- D3: one enormous line -------------------------------------------------------------------
def test_d3_a_line_of_200000_tabs_is_quarantined_at_the_line_limit(
    store: steppe.Store, tmp_path: Path
) -> None:
    import time

    src = steppe.write_gdelt(tmp_path / "20240101.export.CSV", rows=100, seed=6)
    lines = src.read_text().splitlines()
    lines[50] = "\t" * 200_000
    src.write_text("\n".join(lines) + "\n")
    started = time.perf_counter()
    report = steppe.ingest_events(store, [src], "gdelt1")[0]
    assert time.perf_counter() - started < 60  # was 115 s and 6.7 GB
    assert (report.loaded, report.quarantined) == (99, 1)
    (q,) = steppe.read.quarantine(store)
    assert q["record"] == 51
    assert q["reason"] == (
        "line of 200,000 bytes, not read (limit max_line_kb = 64; set STEPPE_MAX_LINE_KB)"
    )


def test_d4_a_news_gz_that_unpacks_beyond_the_limit_is_quarantined_unread(
    store: steppe.Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gzip

    from steppe.ingest.news import ingest_news

    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"Astana " * ((3 << 20) // 7)))  # 3 MB of text
    assert bomb.stat().st_size < 100_000
    fine = tmp_path / "fine.txt"
    fine.write_text("Kazakhstan and China signed a pipeline deal in Astana.\n")
    monkeypatch.setenv("STEPPE_MAX_NEWS_FILE_MB", "1")
    reports = ingest_news(store, [bomb, fine], date="2024-01-02")
    assert [(r.loaded, r.quarantined) for r in reports] == [(0, 1), (1, 0)]
    (q,) = steppe.read.quarantine(store)
    assert "limit max_news_file_mb = 1; set STEPPE_MAX_NEWS_FILE_MB" in q["reason"]


@pytest.mark.parametrize("width", [20_000, 57, 3])
def test_d3_a_line_of_delimiters_under_the_limit_is_quarantined_and_the_rest_loads(
    store: steppe.Store, tmp_path: Path, width: int
) -> None:
    # DuckDB reads a line of tabs alone as a row of NULLs instead of rejecting it; the whole
    # file used to fail on the NULL GLOBALEVENTID
    src = steppe.write_gdelt(tmp_path / "20240101.export.CSV", rows=40, seed=7)
    lines = src.read_text().splitlines()
    lines[20] = "\t" * width
    lines[30] = "\t" + lines[30].split("\t", 1)[1]  # the id alone missing
    src.write_text("\n".join(lines) + "\n")
    report = steppe.ingest_events(store, [src], "gdelt1")[0]
    assert (report.loaded, report.quarantined) == (38, 2)
    got = {q["record"]: q["reason"] for q in steppe.read.quarantine(store)}
    blank = (
        f"a line of {width + 1} empty fields"
        if width >= 57
        else f"{width + 1} columns, expected 58 (missing columns)"  # the reader's own reject
    )
    assert got == {21: blank, 31: "GLOBALEVENTID is empty"}
    again = steppe.ingest_events(store, [src], "gdelt1")[0]
    assert again.skipped and store.count("quarantine") == 2 and store.count("events") == 38


def test_d3_a_blank_line_in_a_fetched_batch_stays_with_its_file(
    store: steppe.Store, tmp_path: Path
) -> None:
    from steppe.ingest.gdelt import ingest_gdelt_files

    good = steppe.write_gdelt(tmp_path / "a.export.CSV", rows=30, seed=8, version=2)
    bad = steppe.write_gdelt(tmp_path / "b.export.CSV", rows=30, seed=9, version=2)
    lines = bad.read_text().splitlines()
    lines[5] = "\t" * 2_000
    bad.write_text("\n".join(lines) + "\n")
    out = ingest_gdelt_files(store, [good, bad], "gdelt2")
    reports = [r for v in out.values() for r in v if not isinstance(v, str)]
    assert [(r.loaded, r.quarantined) for r in reports] == [(30, 0), (29, 1)]
    (q,) = steppe.read.quarantine(store)
    assert (q["file"], q["record"]) == (str(bad), 6)


@pytest.mark.parametrize("zipped", [False, True])  # the batch of files, the combined zip scan
def test_d13_the_fetch_batch_paths_quarantine_implausible_rows_too(
    store: steppe.Store, tmp_path: Path, zipped: bool
) -> None:
    import zipfile

    from steppe.ingest.gdelt import GDELT2_COLUMNS, ingest_gdelt_files

    tone, day = GDELT2_COLUMNS.index("AvgTone"), GDELT2_COLUMNS.index("SQLDATE")
    paths = []
    for i in range(3):
        src = steppe.write_gdelt(
            tmp_path / f"2024010{i}.export.CSV", rows=20, seed=20 + i, version=2
        )
        if i == 1:
            lines = [line.split("\t") for line in src.read_text().splitlines()]
            lines[2][tone] = "nan"
            lines[6][day] = "99991231"
            src.write_text("".join("\t".join(fields) + "\n" for fields in lines))
        if zipped:
            with zipfile.ZipFile(src.with_suffix(".CSV.zip"), "w") as z:
                z.write(src, src.name)
            src = src.with_suffix(".CSV.zip")
        paths.append(src)
    out = ingest_gdelt_files(store, paths, "gdelt2")
    reports = [r for v in out.values() if not isinstance(v, str) for r in v]
    assert [(r.loaded, r.quarantined) for r in reports] == [(20, 0), (18, 2), (20, 0)]
    got = sorted(
        (q["file"].endswith("20240101.export.CSV"), q["reason"])
        for q in steppe.read.quarantine(store)
    )
    assert got == [
        (True, "AvgTone nan is not a finite number"),
        (True, "SQLDATE 9999-12-31 is in the future"),
    ]
    assert store.query("SELECT count(*) AS n FROM events WHERE isnan(tone) OR date > today()") == [
        {"n": 0}
    ]
