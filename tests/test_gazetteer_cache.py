"""The compiled gazetteer is cached in the user cache folder, and a stale, corrupt or
unwritable cache never changes what a name resolves to."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from steppe.registry import Gazetteer, Registry, gazetteer_cache
from steppe.registry.gazetteer_cache import FILE_NAME, cache_key


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("STEPPE_CACHE_DIR", str(folder))
    return folder


def snapshot(gaz: Gazetteer) -> dict[str, list[tuple[str, str, str, str, str]]]:
    names = gaz.keys()
    return {
        key: [
            (m.code, m.kind, str(m.valid.start), str(m.valid.end), m.alias)
            for m in gaz.matches(key)
        ]
        for key in names
    }


def test_first_use_writes_the_cache_and_the_next_reads_it(cache: Path) -> None:
    built = Gazetteer.from_registry(Registry.load())  # an explicit registry: never cached
    assert not cache.exists()
    first = Gazetteer.from_registry()
    assert (cache / FILE_NAME).is_file()
    assert gazetteer_cache.load(cache_key() or "") is not None
    second = Gazetteer.from_registry()
    assert snapshot(first) == snapshot(second) == snapshot(built)
    assert second.resolve("Tokayev", on=date(2023, 5, 1)) == "KAZ"
    assert second.resolve("the Kremlin") == "RUS"
    assert "Astana" in second and "Nowhere-on-earth" not in second


def test_a_cache_under_another_key_is_rebuilt(cache: Path) -> None:
    # what an edited alias table or another Steppe version leaves behind
    assert gazetteer_cache.save("0" * 64, {"kremlin": [("XXX", "name", None, None, "Kremlin")]})
    gaz = Gazetteer.from_registry()
    assert gaz.resolve("the Kremlin") == "RUS"
    assert gazetteer_cache.load("0" * 64) is None
    assert gazetteer_cache.load(cache_key() or "") is not None


def test_the_key_follows_the_data_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from steppe.registry import files

    data = tmp_path / "data"
    shutil.copytree(files.data_path("registry"), data / "registry")
    shutil.copytree(files.data_path("reference"), data / "reference")
    monkeypatch.setattr(gazetteer_cache, "data_path", lambda *parts: data.joinpath(*parts))
    before = cache_key()
    with (data / "registry" / "aliases.csv").open("a", encoding="utf-8") as fh:
        fh.write("Akorda2,KAZ,capital,,,test\n")
    assert before is not None and cache_key() not in (None, before)
    (data / "registry" / "aliases.csv").unlink()
    assert cache_key() is None  # the build then names the missing file


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: blob[: len(blob) // 2],  # truncated
        lambda blob: blob[:-10] + b"\x00" * 10,  # payload corrupted
        lambda blob: b"garbage",
        lambda blob: b"",
    ],
    ids=["truncated", "corrupt", "garbage", "empty"],
)
def test_a_damaged_cache_is_rebuilt(cache: Path, damage: object) -> None:
    good = snapshot(Gazetteer.from_registry())
    path = cache / FILE_NAME
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    assert snapshot(Gazetteer.from_registry()) == good
    assert gazetteer_cache.load(cache_key() or "") is not None  # written again


def test_an_unwritable_cache_folder_leaves_the_cache_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("STEPPE_CACHE_DIR", str(blocker / "steppe"))
    gaz = Gazetteer.from_registry()
    assert gaz.resolve("Tokayev", on=date(2023, 5, 1)) == "KAZ"
    assert gazetteer_cache.save(cache_key() or "", {}) is False
    assert list(tmp_path.iterdir()) == [blocker]
