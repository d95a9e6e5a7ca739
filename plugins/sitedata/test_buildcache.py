"""The build cache's folder entries: whole or a miss, never published damaged."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitedata.buildcache import Folders


def fill(folder: Path) -> None:
    (folder / "index").mkdir(parents=True)
    (folder / "entry.json").write_text("{}")
    (folder / "index" / "a.pf_index").write_bytes(b"\x00\x01")


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_an_intact_entry_is_copied_beside_what_the_destination_holds(tmp_path):
    cache = Folders(tmp_path / "cache", "parts")
    made = cache.put("k", fill)
    destination = tmp_path / "site"
    (destination / "teil-1").mkdir(parents=True)
    (destination / "teil-1" / "other.json").write_text("[]")
    assert cache.copy("k", destination)
    assert files(destination) == {**files(made), "teil-1/other.json": b"[]"}
    assert cache.get("k") == made


@pytest.mark.parametrize(
    "damage",
    [
        lambda entry: (entry / "index" / "a.pf_index").write_bytes(b"\x00\x02"),  # a changed file
        lambda entry: (entry / "stray.txt").write_text("x"),  # a file more
        lambda entry: (entry / "entry.json").unlink(),  # a file less
        lambda entry: entry.with_name(f"{entry.name}.sha256").unlink(),  # no digest
    ],
    ids=["changed", "added", "removed", "no digest"],
)
def test_a_damaged_entry_is_a_miss_and_leaves_nothing_behind(tmp_path, damage):
    cache = Folders(tmp_path / "cache", "parts")
    damage(cache.put("k", fill))
    destination = tmp_path / "site"
    destination.mkdir()
    (destination / "keep.html").write_text("<p>")
    assert not cache.copy("k", destination)
    assert files(destination) == {"keep.html": b"<p>"}
    assert cache.get("k") is None and not (cache.folder / "k").exists()
