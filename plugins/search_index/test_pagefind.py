"""Splitting the search index: every searchable page in exactly one part, chosen by its path alone."""

from __future__ import annotations

from search_index.pagefind import split


def test_parts_cover_every_page_once_and_stay_put_when_another_page_changes():
    pages = {f"aktuelles/meldung-{n}/index.html": f"<p>{n}</p>".encode() for n in range(1_000)}
    parts = split(pages, 250)
    assert len(parts) == 4
    assert sorted(path for part in parts for path in part) == sorted(pages)
    assert all(150 < len(part) < 350 for part in parts)
    edited = {**pages, "aktuelles/meldung-7/index.html": b"<p>neu</p>"}
    changed = [a != b for a, b in zip(parts, split(edited, 250), strict=True)]
    assert changed.count(True) == 1


def test_a_small_site_has_one_part():
    assert len(split({"a/index.html": b""}, 500)) == 1
    assert split({}, 500) == [{}]
