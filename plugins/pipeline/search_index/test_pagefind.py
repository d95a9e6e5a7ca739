"""Splitting the search index: every searchable page in exactly one part, in a stable order."""

from __future__ import annotations

from pipeline.search_index.pagefind import searchable_pages, split


def test_parts_cover_every_page_once():
    pages = [f"aktuelles/meldung-{n:04}/index.html" for n in range(1_000)]
    parts = split(pages, 300)
    assert [len(part) for part in parts] == [300, 300, 300, 100]
    assert [path for part in parts for path in part] == pages


def test_a_small_site_has_one_part():
    assert split(["a/index.html"], 500) == [["a/index.html"]]
    assert split([], 500) == [[]]


def test_only_marked_pages_are_searchable_once_any_is(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_bytes(b"<article data-pagefind-body>a</article>")
    (tmp_path / "b.html").write_bytes(b"<ul>Liste</ul>")
    assert searchable_pages(tmp_path) == ["a/index.html"]
    (tmp_path / "a/index.html").write_bytes(b"<article>a</article>")
    assert searchable_pages(tmp_path) == ["a/index.html", "b.html"]
