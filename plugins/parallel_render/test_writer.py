"""Pages rendered by forked workers are the bytes a one-core render writes; failures name the page."""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path

import jinja2
import pytest
from pelican.settings import DEFAULT_CONFIG

from parallel_render import forked
from parallel_render import writer as parallel

TEMPLATE = jinja2.Environment(autoescape=True).from_string(
    "<h1>{{ title }}</h1>{% for n in range(number % 7) %}<p>{{ site }} {{ n }}</p>{% endfor %}"
)


def _render(output: Path, pages: int) -> dict[str, str]:
    writer = parallel.DeferredWriter(str(output), settings=copy.deepcopy(DEFAULT_CONFIG))
    context = {"site": "Netz & Region"}
    for number in range(pages):
        writer.write_file(f"seite/{number}/index.html", TEMPLATE, context, title=f"Seite {number}", number=number)
    counts = []
    parallel.pages_rendered.connect(receiver := lambda sender, count: counts.append(count))
    try:
        writer.render_all()
    finally:
        parallel.pages_rendered.disconnect(receiver)
    assert sum(counts) == pages
    return {
        p.relative_to(output).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in output.rglob("*.html")
    }


def test_forked_workers_write_the_bytes_of_a_one_core_render(tmp_path, monkeypatch):
    in_workers = _render(tmp_path / "forked", 300)
    monkeypatch.setattr(forked, "PARALLEL_FROM", 10_000)
    one_core = _render(tmp_path / "one-core", 300)
    assert len(in_workers) == 300 and in_workers == one_core


def test_a_failing_page_is_named(tmp_path):
    broken = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string("{{ missing.attribute }}")
    writer = parallel.DeferredWriter(str(tmp_path), settings=copy.deepcopy(DEFAULT_CONFIG))
    for number in range(100):
        writer.write_file(f"seite/{number}.html", TEMPLATE if number != 57 else broken, {}, title="x", number=1)
    with pytest.raises(parallel.PageError, match=r"seite/57\.html: UndefinedError"):
        writer.render_all()


def _announced(output: Path) -> tuple[int, int]:
    """Render 400 pages, one in four waited for; (waited-for pages, all pages) when announced."""
    waited = jinja2.Environment().from_string("<article data-pagefind-body>{{ number }}</article>")
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings[parallel.RENDER_FIRST] = lambda template: template is waited
    writer = parallel.DeferredWriter(str(output), settings=settings)
    for number in range(400):  # interleaved, as generators write them
        writer.write_file(f"seite/{number}.html", waited if number % 4 == 0 else TEMPLATE, {}, title="x", number=number)
    seen: list[tuple[int, int]] = []

    def written(sender: object) -> None:
        pages = list(output.glob("seite/*.html"))
        seen.append((sum(1 for p in pages if b"data-pagefind-body" in p.read_bytes()), len(pages)))

    parallel.first_pages_written.connect(written)
    try:
        writer.render_all()
    finally:
        parallel.first_pages_written.disconnect(written)
    assert len(list(output.glob("seite/*.html"))) == 400
    assert len(seen) == 1
    return seen[0]


def test_pages_someone_waits_for_exist_when_announced(tmp_path):
    waited, _ = _announced(tmp_path)
    assert waited == 100


def test_pages_someone_waits_for_come_first(tmp_path, monkeypatch):
    monkeypatch.setattr(forked, "PARALLEL_FROM", 10_000)  # one core: chunks are rendered as they are asked for
    waited, written = _announced(tmp_path)
    assert waited == 100
    # 100 is no multiple of CHUNK: the last waited-for chunk is cut short, so nothing after it
    # is rendered before the announcement (a slow list page there delayed the indexer by ~0.6 s).
    assert written == 100


def test_no_chunk_spans_a_break(monkeypatch):
    monkeypatch.setattr(forked, "PARALLEL_FROM", 10_000)
    chunks = list(forked.chunked_map(str, range(100), 32, breaks=[40, 0, 100, 500]))
    assert [len(chunk) for chunk in chunks] == [32, 8, 32, 28]
    assert [item for chunk in chunks for item in chunk] == [str(n) for n in range(100)]


def test_a_paginated_list_is_one_job_per_page_with_pelicans_bytes(tmp_path):
    from pelican.settings import read_settings
    from pelican.writers import Writer

    settings = read_settings(None, override={"DEFAULT_PAGINATION": 3, "PAGINATED_TEMPLATES": {"liste": None}})
    template = jinja2.Environment(autoescape=True).from_string(
        "{{ articles_page.number }}/{{ articles_paginator.num_pages }} {{ articles|length }}"
        "{% for a in articles_page.object_list %} {{ a }}{% endfor %}"
        " {{ articles_previous_page.url if articles_previous_page }} {{ articles_next_page.url if articles_next_page }}"
    )
    news = [f"Meldung {n}" for n in range(10)]
    arguments = {"articles": news, "dates": news, "template_name": "liste", "url": "liste/"}

    pelican = Writer(str(tmp_path / "pelican"), settings=settings)
    pelican.write_file("liste/index.html", template, {}, **arguments)
    ours = parallel.DeferredWriter(str(tmp_path / "ours"), settings=settings)
    ours.write_file("liste/index.html", template, {}, **arguments)
    assert len(ours.pending) == 4
    ours.render_all()

    written = {p.relative_to(tmp_path / "pelican"): p.read_bytes() for p in (tmp_path / "pelican").rglob("*.html")}
    assert (
        len(written) == 4
        and b"2/4 10 Meldung 3 Meldung 4 Meldung 5 liste/index.html liste/index3.html" in written.values()
    )
    assert {p.relative_to(tmp_path / "ours"): p.read_bytes() for p in (tmp_path / "ours").rglob("*.html")} == written
