"""A Pelican writer that collects pages and renders them in forked worker processes.

Pelican renders each page the moment a generator asks for it, on one core. By the time the
generators write output, though, the template context is complete and no longer changes, so
the pages can be rendered in any order and by any process: this writer only records each
``write_file`` call and, when every generator is done, forks one worker per core. The workers
inherit the context, templates and writer (copy-on-write, nothing is pickled) and each writes
its share of the files with Pelican's own ``Writer.write_file``, so the bytes are the same as
a one-core build.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import traceback
from typing import Any

import blinker
from pelican.writers import Writer

logger = logging.getLogger(__name__)

# Sent in the parent with the number of pages finished, for a progress display.
pages_rendered = blinker.signal("parallel_render.pages_rendered")

# Below this many pages, forking costs more than it saves.
PARALLEL_FROM = 64
CHUNK = 32  # pages per task: small enough to balance cheap article pages against heavy list pages

_writers: dict[str, DeferredWriter] = {}  # output path -> the writer of the running build
_work: tuple[Writer, list[tuple]] | None = None  # set in the parent just before forking; workers inherit it


class PageError(RuntimeError):
    """A page failed to render in a worker; carries the page and the worker's traceback."""


class DeferredWriter(Writer):
    def __init__(self, output_path: str, settings: dict | None = None) -> None:
        super().__init__(output_path, settings=settings)
        self.pending: list[tuple] = []
        self.names: set[str] = set()
        _writers[output_path] = self

    def write_file(self, name, template, context, *args: Any, **kwargs: Any) -> None:
        if not name:  # Pelican's "do not write this" (empty or False SAVE_AS)
            return
        if name in self.names and not kwargs.get("override_output"):
            # Pelican warns when a file is overwritten; warnings fail our build.
            logger.warning("%s would be written twice", name)
        self.names.add(name)
        self.pending.append((name, template, context, args, kwargs))

    def render_all(self) -> None:
        jobs, self.pending = self.pending, []
        workers = min(os.cpu_count() or 1, max(1, len(jobs) // CHUNK))
        if len(jobs) < PARALLEL_FROM or workers == 1:
            for start in range(0, len(jobs), CHUNK):
                pages_rendered.send(self, count=_render(self, jobs[start : start + CHUNK]))
            return
        global _work
        _work = (self, jobs)
        gc.freeze()  # keep the collector from touching (and so copying) the parent's objects in the workers
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                chunks = [(start, min(start + CHUNK, len(jobs))) for start in range(0, len(jobs), CHUNK)]
                for count in pool.imap_unordered(_render_chunk, chunks):
                    pages_rendered.send(self, count=count)
        finally:
            _work = None
            gc.unfreeze()


def _render(writer: Writer, jobs: list[tuple]) -> int:
    for name, template, context, args, kwargs in jobs:
        try:
            Writer.write_file(writer, name, template, context, *args, **kwargs)
        except Exception as error:
            raise PageError(f"{name}: {error.__class__.__name__}: {error}\n{traceback.format_exc()}") from None
    return len(jobs)


def _render_chunk(bounds: tuple[int, int]) -> int:
    writer, jobs = _work
    return _render(writer, jobs[bounds[0] : bounds[1]])


def render_pending(pelican) -> None:
    writer = _writers.pop(pelican.output_path, None)
    if writer is not None:
        writer.render_all()
