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


def test_overviews_form_a_small_part_of_their_own_on_large_sites():
    overview = b'<article data-pagefind-body data-search-part="overview">'
    news = {f"aktuelles/meldung-{n}/index.html": f"<p>{n}</p>".encode() for n in range(1_000)}
    nodes = {f"standorte/ort-{n}/index.html": overview for n in range(5)}
    parts = split({**news, **nodes}, 250)
    assert len(parts) == 5 and parts[-1] == nodes
    assert split({**news, **nodes}, 250)[:4] == split(news, 250)  # the other parts do not move
    small = {"aktuelles/a/index.html": b"<p>a</p>", **nodes}
    assert split(small, 500) == [small]  # no merging on a small site
