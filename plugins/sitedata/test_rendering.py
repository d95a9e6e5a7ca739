"""Markdown started before validation gives exactly what rendering afterwards gives."""

import concurrent.futures
import threading
from pathlib import Path

import pytest

from sitedata import rendering
from sitedata.markdown_text import make_markdown
from sitedata.rendering import BodyRenderer

CONFIG = {"extensions": ["markdown.extensions.extra", "markdown.extensions.sane_lists"], "output_format": "html"}


def _write_news(content: Path, count: int) -> dict[str, str]:
    bodies = {}
    (content / "news").mkdir(parents=True)
    for number in range(count):
        body = f"## Meldung {number}\n\nÄnderung Nr. {number} mit **Text** und | a | b |\n\n- eins\n- zwei\n"
        (content / "news" / f"n{number:03}.md").write_text(f"---\ntitle: M{number}\n---\n{body}", encoding="utf-8")
        bodies[f"news/n{number:03}.md"] = body
    return bodies


def _expected(bodies: dict[str, str]) -> dict[str, str]:
    renderer = make_markdown({"MARKDOWN": CONFIG})
    return {key: renderer.reset().convert(body) for key, body in bodies.items()}


@pytest.fixture(autouse=True)
def workers_for_small_sites(monkeypatch: pytest.MonkeyPatch) -> None:
    # Exercise the worker processes with a few bodies (the build starts them from 200).
    monkeypatch.setattr(rendering, "PARALLEL_FROM", 2)
    monkeypatch.setattr(rendering, "CHUNK", 3)


def test_early_start_renders_what_the_loader_reads(tmp_path: Path):
    bodies = _write_news(tmp_path / "content", 10)
    renderer = BodyRenderer(CONFIG, tmp_path / "cache").start(tmp_path / "content")
    assert renderer._pool is not None, "the early start should have queued work for the workers"
    assert dict(renderer.render(bodies)) == _expected(bodies)
    assert renderer._pool is None, "collecting everything should stop the workers"


def test_a_body_edited_after_the_start_is_rendered_as_edited(tmp_path: Path):
    bodies = _write_news(tmp_path / "content", 6)
    renderer = BodyRenderer(CONFIG, None).start(tmp_path / "content")
    bodies["news/n002.md"] = "Neu geschrieben, *nach* dem Start.\n"
    rendered = renderer.render(bodies)
    assert rendered["news/n002.md"] == "<p>Neu geschrieben, <em>nach</em> dem Start.</p>"
    assert dict(rendered) == _expected(bodies)


def test_cached_bodies_are_read_back_without_workers(tmp_path: Path):
    bodies = _write_news(tmp_path / "content", 5)
    dict(BodyRenderer(CONFIG, tmp_path / "cache").start(tmp_path / "content").render(bodies))
    assert len(list((tmp_path / "cache").glob("*/*.html"))) == 5
    again = BodyRenderer(CONFIG, tmp_path / "cache").start(tmp_path / "content")
    assert again._pool is None
    assert dict(again.render(bodies)) == _expected(bodies)


def test_a_warm_build_looks_up_only_the_bodies_asked_for(tmp_path: Path):
    """Pelican asks only for edited news when its object cache has the others."""
    bodies = _write_news(tmp_path / "content", 5)
    dict(BodyRenderer(CONFIG, tmp_path / "cache").start(tmp_path / "content").render(bodies))
    again = BodyRenderer(CONFIG, tmp_path / "cache").start(tmp_path / "content")
    hashed = []
    again.digest = lambda body, digest=again.digest: hashed.append(body) or digest(body)
    bodies["news/n001.md"] = "Geändert.\n"
    assert again.render(bodies)["news/n001.md"] == "<p>Geändert.</p>"
    assert hashed == ["Geändert.\n"] and again._pool is None


def test_closing_a_started_renderer_drops_its_work(tmp_path: Path):
    """A build whose validation failed must not wait for (or keep) the workers."""
    _write_news(tmp_path / "content", 30)
    renderer = BodyRenderer(CONFIG, None).start(tmp_path / "content")
    renderer.close()
    assert renderer._pool is None and not renderer._pending


def test_a_step_waiting_for_the_workers_starts_when_they_are_done_before_all_is_collected(tmp_path: Path):
    """The calendar writer forks then, beside Pelican still reading news (sitedata.background)."""
    bodies = _write_news(tmp_path / "content", 10)
    renderer = BodyRenderer(CONFIG, None).start(tmp_path / "content")
    threads_when_called = []
    renderer.when_workers_stopped(lambda: threads_when_called.append(threading.active_count()))
    rendered = renderer.render(bodies)
    concurrent.futures.wait(list(renderer._chunks))  # every chunk rendered, none collected yet
    assert not threads_when_called
    assert rendered["news/n000.md"] == _expected(bodies)["news/n000.md"]
    assert threads_when_called == [1], "called once, when the pool and its thread are gone"
    assert renderer._chunks, "the other chunks are still to be collected"
    assert dict(rendered) == _expected(bodies)
    renderer.when_workers_stopped(lambda: threads_when_called.append(0))
    assert threads_when_called == [1, 0], "no workers: called at once"
