"""A batch of GDELT zips is scanned as one combined file (each line led by its member's
number) when it qualifies; what lands in the store is exactly what the general multi-file scan
gives: events, quarantine lines with their member's name and line, reasons, ingest log."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

import steppe
from steppe.ingest import gdelt
from steppe.ingest.base import file_digest
from steppe.ingest.gdelt import ingest_gdelt_files
from steppe.ingest.synth import write_gdelt

_REAL_COMBINE = gdelt._combine
_REAL_INGEST = gdelt._ingest_combined


def _zips(folder: Path) -> list[Path]:
    """Five 2.0 export zips: clean ones, and ones with a short line, a bad date, invalid
    UTF-8, an over-long line, a duplicated line and no final newline."""
    out = []
    for i in range(5):
        tsv = write_gdelt(folder / f"2024050{i + 1}000000.export.CSV", rows=40, seed=i, version=2)
        lines = tsv.read_bytes().splitlines(keepends=True)
        if i == 1:
            lines[3] = b"1\t2\t3\n"
            fields = lines[7].split(b"\t")
            fields[1] = b"2024-13-01"
            lines[7] = b"\t".join(fields)
        if i == 2:
            lines[5] = lines[5].replace(b"\t", b"\t\xff\xfe", 1)
            lines[9] = b"\t" * 200_000 + b"\n"
            lines.insert(12, lines[11])  # the same event twice in one file
        if i == 3:
            lines[-1] = lines[-1].rstrip(b"\n")
        if i == 4:  # a file loaded before, holding three of this file's events
            _zip(folder / "20240430000000.export.CSV.zip", b"".join(lines[20:23]))
        _zip(folder / (tsv.name + ".zip"), b"".join(lines))
        tsv.unlink()
        out.append(folder / (tsv.name + ".zip"))
    return [folder / "20240430000000.export.CSV.zip", *out]


def _zip(path: Path, data: bytes) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(path.name.removesuffix(".zip"), data)


def _state(store: steppe.Store) -> dict[str, Any]:
    con = store.con
    return {
        "events": con.execute("SELECT * FROM events ORDER BY event_id").fetchall(),
        "quarantine": con.execute(
            "SELECT origin, file, record, reason, raw FROM quarantine ORDER BY file, record"
        ).fetchall(),
        "log": con.execute(
            "SELECT file, digest, origin, ok, duplicate, bad FROM ingest_log ORDER BY file"
        ).fetchall(),
    }


def _load(tmp: Path, zips: list[Path], combined: bool, monkeypatch: pytest.MonkeyPatch) -> Any:
    calls: list[bool] = []

    def spy(*args: Any) -> Any:
        found = _REAL_COMBINE(*args) if combined else None
        calls.append(found is not None)
        return found

    loaded: list[int] = []

    def spy_ingest(*args: Any) -> Any:
        batch = _REAL_INGEST(*args)
        loaded.append(len(batch))  # the combined scan completed (no fallback)
        return batch

    monkeypatch.setattr(gdelt, "_combine", spy)
    monkeypatch.setattr(gdelt, "_ingest_combined", spy_ingest)
    with steppe.Store(tmp / f"{combined}.duckdb") as store:
        steppe.install_registry(store)
        first = ingest_gdelt_files(store, zips[:1], "gdelt2")  # then duplicates of the store
        out = ingest_gdelt_files(store, zips[1:], "gdelt2")
        state = _state(store)
    assert calls == [combined, combined]
    assert loaded == ([1, 5] if combined else [])
    reports = {
        str(path): [(r.file, r.loaded, r.duplicate, r.quarantined) for r in value]  # type: ignore[union-attr]
        for path, value in {**first, **out}.items()
    }
    return state, reports, out


def test_the_combined_scan_stores_what_the_general_scan_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    zips = _zips(tmp_path)
    general, general_reports, _ = _load(tmp_path, zips, False, monkeypatch)
    fast, fast_reports, out = _load(tmp_path, zips, True, monkeypatch)
    assert fast == general
    assert fast_reports == general_reports
    # the cases are there: quarantined lines of three members, duplicates, the skipped file
    assert {(Path(f.split("!")[0]).name, r) for _, f, r, _, _ in fast["quarantine"]} >= {
        ("20240502000000.export.CSV.zip", 4),
        ("20240502000000.export.CSV.zip", 8),
        ("20240503000000.export.CSV.zip", 6),
        ("20240503000000.export.CSV.zip", 10),
    }
    assert any("max_line_kb" in reason for _, _, _, reason, _ in fast["quarantine"])
    assert out[zips[5]][0].duplicate == 3
    assert out[zips[3]][0].duplicate == 1


@pytest.mark.parametrize(
    "content",
    [b"a\tb\r\nc\td\r\n", b"a\tb\n\nc\td\n", b"\na\tb\n", b""],
    ids=["crlf", "empty-line", "leading-empty-line", "empty"],
)
def test_a_batch_that_does_not_qualify_goes_the_general_way(tmp_path: Path, content: bytes) -> None:
    good = _zips(tmp_path)[1]
    odd = tmp_path / "20240509000000.export.CSV.zip"
    with zipfile.ZipFile(odd, "w") as z:
        z.writestr("20240509000000.export.CSV", content)
    assert gdelt._combine([good, odd], "gdelt2", tmp_path) is None
    assert gdelt._combine([good], "gdelt2", tmp_path) is not None


@pytest.mark.parametrize("size", [4, 5, 7, 64])
def test_numbering_does_not_depend_on_where_reads_end(size: int, tmp_path: Path) -> None:
    data = b"a\tb\nccc\td\ne\tf"
    out = io.BytesIO()
    copied = gdelt._copy_numbered(io.BytesIO(data), out, 12, size)
    assert copied is not None
    assert out.getvalue() == b"".join(b"000012\t" + line + b"\n" for line in data.split(b"\n"))
    (tmp_path / "member").write_bytes(data)
    assert copied == (3, b"a\tb", file_digest(tmp_path / "member"))
    # an empty line split across two reads
    assert gdelt._copy_numbered(io.BytesIO(b"a\n\nb"), io.BytesIO(), 0, 2) is None
