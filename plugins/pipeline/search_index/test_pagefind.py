"""Splitting the search index: every searchable page in exactly one part, chosen by its path alone."""

from __future__ import annotations

import hashlib

from pipeline.search_index.pagefind import OWN_PART, SEARCHABLE, Page, read_pages, split


def page(html: bytes) -> Page:
    return Page(SEARCHABLE in html, OWN_PART in html, hashlib.sha256(html).hexdigest())


def test_parts_cover_every_page_once_and_stay_put_when_another_page_changes():
    pages = {f"aktuelles/meldung-{n}/index.html": page(f"<p>{n}</p>".encode()) for n in range(1_000)}
    parts = split(pages, 250)
    assert len(parts) == 4
    assert sorted(path for part in parts for path in part) == sorted(pages)
    assert all(150 < len(part) < 350 for part in parts)
    edited = {**pages, "aktuelles/meldung-7/index.html": page(b"<p>neu</p>")}
    changed = [a != b for a, b in zip(parts, split(edited, 250), strict=True)]
    assert changed.count(True) == 1


def test_a_small_site_has_one_part():
    assert len(split({"a/index.html": page(b"")}, 500)) == 1
    assert split({}, 500) == [{}]


def test_overviews_form_a_small_part_of_their_own_on_large_sites():
    overview = b'<article data-pagefind-body data-search-part="overview">'
    news = {f"aktuelles/meldung-{n}/index.html": page(f"<p>{n}</p>".encode()) for n in range(1_000)}
    nodes = {f"standorte/ort-{n}/index.html": page(overview) for n in range(5)}
    parts = split({**news, **nodes}, 250)
    assert len(parts) == 5 and parts[-1] == nodes
    assert split({**news, **nodes}, 250)[:4] == split(news, 250)  # the other parts do not move
    small = {"aktuelles/a/index.html": page(b"<p>a</p>"), **nodes}
    assert split(small, 500) == [small]  # no merging on a small site


def test_pages_are_read_with_their_markers(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_bytes(b"<article data-pagefind-body>a</article>")
    (tmp_path / "b.html").write_bytes(b"<ul>Liste</ul>")
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind/x.html").write_bytes(b"<p>Pagefind's own</p>")
    pages = read_pages(tmp_path)
    assert list(pages) == ["a/index.html", "b.html"]
    assert pages["a/index.html"].searchable and not pages["b.html"].searchable


def test_no_part_is_empty():
    """Pagefind refuses a folder without pages; with few pages per part, a hash can leave one empty."""
    pages = {f"seite-{n}/index.html": page(f"<p>{n}</p>".encode()) for n in range(6)}
    parts = split(pages, 1)
    assert all(parts) and sorted(path for part in parts for path in part) == sorted(pages)
