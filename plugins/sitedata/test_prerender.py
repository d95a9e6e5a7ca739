"""Markdown rendered ahead in worker processes is exactly what the reader renders itself."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import wait

import pelicanconf
from sitedata import prerender
from sitedata.markdown_text import make_markdown

BODIES = {
    f"news/{n}.md": f"# Meldung {n}\n\nText mit **fett**, [Link](https://example.org/{n}) und <b>HTML</b>.\n\n"
    f"| A | B |\n| --- | --- |\n| {n} | ä |\n\nFußnote[^1]\n\n[^1]: Quelle {n}"
    for n in range(120)
}


def test_rendered_ahead_equals_rendered_here(monkeypatch):
    monkeypatch.setattr(prerender, "CHUNK", 7)
    ahead = prerender.Prerendered(pelicanconf.MARKDOWN, BODIES)
    here = make_markdown({"MARKDOWN": pelicanconf.MARKDOWN})
    assert ahead._pool is not None
    wait([future for future, _, _ in ahead._pending.values()])  # every chunk rendered: nothing left to take over
    changed = "news/5.md"  # edited between its rendering ahead and its validation
    assert ahead.take(changed, BODIES[changed] + "\nNeu.") is None
    for key, body in BODIES.items():
        if key != changed:
            assert ahead.take(key, body) == here.reset().convert(body)
    assert ahead._pool is None  # all taken: the workers are gone
    assert ahead.take("news/0.md", BODIES["news/0.md"]) is None  # each once


def test_what_no_worker_has_started_is_left_to_the_reader(monkeypatch):
    go = multiprocessing.get_context("fork").Event()
    render = prerender._render

    def held(*args):
        go.wait(30)  # the workers start nothing until the reader has been there
        return render(*args)

    monkeypatch.setattr(prerender, "CHUNK", 7)
    monkeypatch.setattr(prerender, "_render", held)
    ahead = prerender.Prerendered(pelicanconf.MARKDOWN, BODIES)
    first, last = "news/0.md", "news/119.md"
    assert ahead.take(last, BODIES[last]) is None  # queued behind the others: taken over, not waited for
    go.set()
    here = make_markdown({"MARKDOWN": pelicanconf.MARKDOWN})
    assert ahead.take(first, BODIES[first]) == here.convert(BODIES[first])
    ahead.close()


def test_few_bodies_are_left_to_the_reader():
    few = prerender.Prerendered(pelicanconf.MARKDOWN, dict(list(BODIES.items())[:3]))
    assert few._pool is None and few.take("news/0.md", BODIES["news/0.md"]) is None
