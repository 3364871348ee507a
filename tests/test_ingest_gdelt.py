"""GDELT ingestion: layouts, compression, quarantine, idempotency."""

from __future__ import annotations

import gzip
import zipfile
from pathlib import Path

import pyarrow.csv as pacsv
import pytest

import steppe
from steppe.ingest.gdelt import GDELT1_COLUMNS, GDELT2_COLUMNS
from steppe.ingest.synth import gdelt_table


def lines_of(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def synth(
    tmp_path: Path,
    name: str = "g.tsv",
    rows: int = 200,
    seed: int = 3,
    version: int = 1,
    sourceurl: bool = True,
) -> Path:
    return (
        steppe.write_gdelt(tmp_path / name, rows=rows, seed=seed, version=version, chunk=1000)
        if sourceurl
        else steppe.write_gdelt(
            tmp_path / name, rows=rows, seed=seed, version=version, sourceurl=False
        )
    )


def events(store: steppe.Store) -> int:
    return store.count("events")


@pytest.mark.parametrize(
    ("version", "sourceurl", "columns"), [(1, True, 58), (1, False, 57), (2, True, 61)]
)
def test_layouts_load_every_row(
    store: steppe.Store, tmp_path: Path, version: int, sourceurl: bool, columns: int
) -> None:
    path = synth(tmp_path, rows=300, version=version, sourceurl=sourceurl)
    assert lines_of(path)[0].count(b"\t") + 1 == columns
    fmt = "gdelt1" if version == 1 else "gdelt2"
    [report] = steppe.ingest_events(store, [path], fmt)
    assert (report.loaded, report.duplicate, report.quarantined) == (300, 0, 0)
    row = store.query("SELECT * FROM events ORDER BY event_id LIMIT 1")[0]
    assert row["event_id"].startswith("gdelt:")
    assert row["origin"] == fmt and row["cameo"] and row["goldstein"] is not None
    assert (row["url"] is not None) == sourceurl


def test_actors_map_to_registry_codes(store: steppe.Store, tmp_path: Path) -> None:
    path = synth(tmp_path, rows=500)
    steppe.ingest_events(store, [path], "gdelt1")
    codes = {r["source_actor"] for r in store.query("SELECT DISTINCT source_actor FROM events")}
    assert {"KAZ", "RUS", "CHN"} <= codes
    agents = store.query(
        "SELECT source_raw, source_agent FROM events WHERE source_agent = 'GOV' LIMIT 1"
    )[0]
    assert agents["source_raw"].endswith("GOV")


def test_plover_and_quad_class_come_from_code_tables(store: steppe.Store, tmp_path: Path) -> None:
    steppe.ingest_events(store, [synth(tmp_path, rows=400)], "gdelt1")
    rows = store.query(
        "SELECT DISTINCT cameo, plover, quad_class FROM events WHERE cameo IN ('042', '190')"
    )
    by_code = {r["cameo"]: r for r in rows}
    if "042" in by_code:
        assert by_code["042"]["plover"] == "CONSULT" and by_code["042"]["quad_class"] == 1
    if "190" in by_code:
        assert by_code["190"]["quad_class"] == 4


def test_gz_and_zip(store: steppe.Store, tmp_path: Path) -> None:
    plain = synth(tmp_path, "a.tsv", rows=120, seed=5)
    gz = tmp_path / "b.tsv.gz"
    gz.write_bytes(gzip.compress(synth(tmp_path, "b.tsv", rows=80, seed=6).read_bytes()))
    zp = tmp_path / "c.export.CSV.zip"
    with zipfile.ZipFile(zp, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(synth(tmp_path, "c.tsv", rows=50, seed=7), "20150101.export.CSV")
    reports = steppe.ingest_events(store, [plain, gz, zp], "gdelt1")
    assert [r.loaded for r in reports] == [120, 80, 50]
    assert reports[2].file.endswith("!20150101.export.CSV")
    assert events(store) == 250


def test_reingest_adds_nothing(store: steppe.Store, tmp_path: Path) -> None:
    path = synth(tmp_path, rows=150)
    first = steppe.ingest_events(store, [path], "gdelt1")[0]
    again = steppe.ingest_events(store, [path], "gdelt1")[0]
    assert first.loaded == 150
    assert (again.loaded, again.duplicate, again.skipped) == (0, 150, True)
    assert events(store) == 150
    assert store.count("ingest_log") == 1


def test_same_rows_in_another_file_are_duplicates(store: steppe.Store, tmp_path: Path) -> None:
    path = synth(tmp_path, rows=100)
    steppe.ingest_events(store, [path], "gdelt1")
    copy = tmp_path / "copy.tsv"
    rows = lines_of(path)
    copy.write_bytes(
        b"".join(rows[:60]) + synth(tmp_path, "new.tsv", rows=10, seed=99).read_bytes()
    )
    report = steppe.ingest_events(store, [copy], "gdelt1")[0]
    assert (report.loaded, report.duplicate) == (10, 60)
    assert events(store) == 110


def test_duplicates_within_one_file(store: steppe.Store, tmp_path: Path) -> None:
    path = synth(tmp_path, rows=40)
    rows = lines_of(path)
    path.write_bytes(b"".join(rows + rows[:5]))
    report = steppe.ingest_events(store, [path], "gdelt1")[0]
    assert (report.loaded, report.duplicate, report.quarantined) == (40, 5, 0)
    assert store.query("SELECT count(DISTINCT event_id) AS n FROM events")[0]["n"] == 40


def _corrupt(line: bytes, column: int, value: bytes) -> bytes:
    fields = line.rstrip(b"\n").split(b"\t")
    fields[column] = value
    return b"\t".join(fields) + b"\n"


def test_malformed_rows_are_quarantined_and_good_rows_load(
    store: steppe.Store, tmp_path: Path
) -> None:
    path = synth(tmp_path, rows=20)
    rows = lines_of(path)
    code = list(GDELT1_COLUMNS).index("EventCode")
    bad = {
        3: _corrupt(rows[2], 1, b"20151341"),  # bad date
        5: _corrupt(rows[4], code, b"999"),  # unknown CAMEO code
        7: rows[6].rstrip(b"\n").rsplit(b"\t", 3)[0] + b"\n",  # too few columns
        9: rows[8].rstrip(b"\n") + b"\textra\n",  # too many columns
        11: _corrupt(rows[10], 6, b"K\xffZAKHSTAN"),  # invalid UTF-8
        13: _corrupt(rows[12], 0, b"12x"),  # bad event id
    }
    for line, content in bad.items():
        rows[line - 1] = content
    path.write_bytes(b"".join(rows))
    report = steppe.ingest_events(store, [path], "gdelt1")[0]
    assert (report.loaded, report.quarantined) == (14, 6)
    q = {r["record"]: r["reason"] for r in steppe.read.quarantine(store, 100)}
    assert set(q) == set(bad)
    assert q[3] == 'SQLDATE: "20151341" is not a YYYYMMDD date'
    assert q[5] == 'EventCode: "999" is not a CAMEO event code'
    assert q[7] == "55 columns, expected 58 (missing columns)"
    assert q[9] == "59 columns, expected 58 (too many columns)"
    assert q[11] == "invalid UTF-8 byte sequence"
    assert q[13] == 'GLOBALEVENTID: "12x" is not an integer'
    assert all(r["file"] == str(path) and r["raw"] for r in steppe.read.quarantine(store, 100))
    # running again neither loads nor quarantines anything twice
    again = steppe.ingest_events(store, [path], "gdelt1")[0]
    assert again.skipped and store.count("quarantine") == 6 and events(store) == 14


def test_header_csv_export(store: steppe.Store, tmp_path: Path) -> None:
    table = gdelt_table(60, seed=11)
    path = tmp_path / "export.csv"
    pacsv.write_csv(table, path)
    text = path.read_text().replace('""', "NA")
    path.write_text(text)
    report = steppe.ingest_events(store, [path], "gdelt-csv")[0]
    assert (report.loaded, report.duplicate, report.quarantined) == (60, 0, 0)


def test_wrong_layout_is_a_clear_error(store: steppe.Store, tmp_path: Path) -> None:
    path = synth(tmp_path, rows=5, version=2)
    with pytest.raises(steppe.IngestError, match=r"line 1: 61 columns; GDELT 1.0 has 57 or 58"):
        steppe.ingest_events(store, [path], "gdelt1")
    with pytest.raises(steppe.UnknownFormatError):
        steppe.ingest_events(store, [path], "gdelt9")
    with pytest.raises(steppe.IngestError, match="no such file"):
        steppe.ingest_events(store, [tmp_path / "missing.tsv"], "gdelt1")
    empty = tmp_path / "empty.tsv"
    empty.write_bytes(b"")
    with pytest.raises(steppe.IngestError, match="empty file"):
        steppe.ingest_events(store, [empty], "gdelt1")
    assert events(store) == 0


def test_gdelt2_column_names() -> None:
    assert len(GDELT1_COLUMNS) == 58 and len(GDELT2_COLUMNS) == 61
    assert GDELT2_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")
    assert "ActionGeo_ADM2Code" in GDELT2_COLUMNS and "ActionGeo_ADM2Code" not in GDELT1_COLUMNS


@pytest.mark.shared
def test_real_gdelt_csv_extract(store: steppe.Store, shared: Path) -> None:
    folder = shared / "gdelt_v1_georgia_extract"
    files = [folder / "aug2012.csv.gz", folder / "june2011.csv.gz"]
    reports = steppe.ingest_events(store, files, "gdelt-csv")
    assert all(r.quarantined == 0 for r in reports)
    loaded = sum(r.loaded for r in reports)
    assert loaded > 1000
    focal = store.query("SELECT count(*) AS n FROM events WHERE source_actor = 'AZE'")[0]["n"]
    assert focal > 0
    again = steppe.ingest_events(store, files, "gdelt-csv")
    assert all(r.skipped for r in again) and store.count("events") == loaded


def test_r_style_row_names_column(store: steppe.Store, tmp_path: Path) -> None:
    """R's write.csv puts row names first with a header one field shorter than the rows."""
    table = gdelt_table(25, seed=12)
    plain = tmp_path / "plain.csv"
    pacsv.write_csv(table, plain)
    header, *rows = plain.read_text().splitlines()
    with_names = tmp_path / "r_export.csv"
    with_names.write_text(
        "\n".join([header] + [f'"{i + 1}",{row}' for i, row in enumerate(rows)]) + "\n"
    )
    report = steppe.ingest_events(store, [with_names], "gdelt-csv")[0]
    assert (report.loaded, report.quarantined) == (25, 0)
    got = store.query("SELECT min(event_id) AS e FROM events")[0]["e"]
    assert got == f"gdelt:{table.column('GLOBALEVENTID')[0]}"


@pytest.mark.shared
def test_whole_real_extract_loads(store: steppe.Store, shared: Path) -> None:
    files = sorted((shared / "gdelt_v1_georgia_extract").glob("*.csv.gz"))
    reports = steppe.ingest_events(store, files, "gdelt-csv")
    # SOURCE.md: 105,444 rows, 105,438 distinct GLOBALEVENTID
    assert sum(r.loaded for r in reports) == 105_438
    assert sum(r.duplicate for r in reports) == 6
    assert sum(r.quarantined for r in reports) == 0
