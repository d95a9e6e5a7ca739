"""The last build's pages are linked into a new output, and what no page replaces goes again."""

from __future__ import annotations

from pathlib import Path

from parallel_render.prelink import Prelinker, cached_file, read_manifest, remove_page, write_manifest


def _cache(folder: Path, pages: dict[str, str]) -> None:
    for key in pages.values():
        Path(cached_file(str(folder), key)).parent.mkdir(parents=True, exist_ok=True)
        Path(cached_file(str(folder), key)).write_text(f"<p>{key}</p>", encoding="utf-8")
    write_manifest(folder, pages)


def test_the_manifests_pages_are_linked_and_missing_entries_reported(tmp_path: Path) -> None:
    cache, output = tmp_path / "pages", tmp_path / "output"
    pages = {"aktuelles/a/index.html": "aa11", "index.html": "bb22", "aktuelles/weg/index.html": "cc33"}
    _cache(cache, pages)
    Path(cached_file(str(cache), "cc33")).unlink()  # pruned by hand: nothing to link

    linked = Prelinker(cache, output).wait()

    assert linked == {"aktuelles/a/index.html": "aa11", "index.html": "bb22"}
    assert (output / "aktuelles/a/index.html").read_text(encoding="utf-8") == "<p>aa11</p>"
    assert (output / "index.html").stat().st_ino == Path(cached_file(str(cache), "bb22")).stat().st_ino
    assert not (output / "aktuelles/weg").exists()


def test_without_a_manifest_nothing_is_linked(tmp_path: Path) -> None:
    assert read_manifest(tmp_path / "pages") == {}
    assert Prelinker(tmp_path / "pages", tmp_path / "output").wait() == {}
    assert not (tmp_path / "output").exists()


def test_a_removed_page_takes_the_folders_it_leaves_empty(tmp_path: Path) -> None:
    output = tmp_path / "output"
    for page in ("aktuelles/2024/alt/index.html", "aktuelles/2024/index.html", "index.html"):
        (output / page).parent.mkdir(parents=True, exist_ok=True)
        (output / page).write_text("x", encoding="utf-8")

    remove_page(str(output), "aktuelles/2024/alt/index.html")
    remove_page(str(output), "index.html")

    assert sorted(p.relative_to(output).as_posix() for p in output.rglob("*")) == [
        "aktuelles",
        "aktuelles/2024",
        "aktuelles/2024/index.html",
    ]
