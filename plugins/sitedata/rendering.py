"""Render every Markdown body once: in parallel on all cores, and remembered between builds.

Markdown conversion is the largest cost of a build (a few milliseconds per article). The
HTML depends only on the body text and the renderer's configuration, so it is cached in
files named by a hash of both: an edited article is rendered again, an unchanged one is
read back, and the output is the same either way.

A build without a warm cache starts the renderer before validation (``BodyRenderer.start``),
so the workers convert Markdown while the parent parses and validates YAML; the reader then
collects the results by the same hash. A body the early start did not see (or saw differently)
is rendered when collected, so starting early can only save time, never change the output.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import markdown

from . import frontmatter
from .cachefiles import write_aside
from .loader import CONTENT_SUFFIX, NEWS_DIR, PAGES_DIR
from .markdown_text import make_markdown
from .yamlsource import read_text

# Bump when the rendering changes in a way the configuration does not show (e.g. EscapeRawHtml).
RENDERER_VERSION = "1"
# Below this many bodies, starting worker processes costs more than it saves.
PARALLEL_FROM = 200
CHUNK = 50  # bodies per task: small enough to spread evenly, large enough to amortise the round trip
# Settings key under which a build hands its early-started renderer to the reader.
RENDERER = "SITEDATA_BODY_RENDERER"

_worker: tuple[markdown.Markdown, Path | None] | None = None  # set in each worker process


def _start_worker(config: dict, cache_dir: Path | None) -> None:
    global _worker
    # A forked worker inherits the parent's objects; without this every collection walks
    # them all, which doubled the cost of rendering at 5,000 news.
    gc.freeze()
    _worker = (make_markdown({"MARKDOWN": config}), cache_dir)


def _render_in_worker(jobs: list[tuple[str, str]]) -> list[str]:
    return _render_chunk(*_worker, jobs)


def _render_chunk(renderer: markdown.Markdown, cache_dir: Path | None, jobs: list[tuple[str, str]]) -> list[str]:
    """Render (digest, body) pairs and store each result in the cache."""
    html = [renderer.reset().convert(body) for _, body in jobs]
    if cache_dir is not None:
        for (digest, _), result in zip(jobs, html, strict=True):
            _store(cache_dir, digest, result)
    return html


def _cached_file(cache_dir: Path, digest: str) -> Path:
    return cache_dir / digest[:2] / f"{digest}.html"


def _store(cache_dir: Path, digest: str, html: str) -> None:
    target = _cached_file(cache_dir, digest)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_aside(target, html.encode("utf-8"))  # a build stopped mid-write leaves no half page to reuse


class BodyRenderer:
    """Markdown bodies to HTML, keyed by a hash of renderer configuration and text."""

    def __init__(self, config: dict, cache_dir: Path | None) -> None:
        self.config = config
        self.cache_dir = cache_dir
        self._fingerprint = json.dumps([RENDERER_VERSION, markdown.__version__, config], sort_keys=True, default=str)
        self._pool: ProcessPoolExecutor | None = None
        self._pending: dict[str, Future] = {}  # digest -> the future of its chunk
        self._chunks: dict[Future, list[str]] = {}  # future -> its digests, in order
        self._done: dict[str, str] = {}  # digest -> HTML, once collected
        self._when_stopped: list[Callable[[], object]] = []  # see when_workers_stopped
        self._here: markdown.Markdown | None = None  # for bodies rendered in this process

    @classmethod
    def from_settings(cls, settings: dict) -> BodyRenderer:
        cache = Path(settings["CACHE_PATH"]) / "markdown" if settings.get("MARKDOWN_CACHE") else None
        return cls(settings["MARKDOWN"], cache)

    def start(self, content_dir: Path) -> BodyRenderer:
        """Begin rendering every body below ``content_dir`` now, before validation has run."""
        if self.cache_dir is not None and self.cache_dir.is_dir() and any(self.cache_dir.iterdir()):
            # A warm cache: the few edited bodies are rendered when read. Reading every file
            # up front to find them would cost more (0.7 s at 5,000 news) than it saves.
            return self
        paths = [
            path
            for folder in (NEWS_DIR, PAGES_DIR)
            for path in sorted((content_dir / folder).glob(f"*{CONTENT_SUFFIX}"))
        ]
        parallel = len(paths) >= PARALLEL_FROM
        batch: dict[str, str] = {}
        for path in paths:  # the files the loader reads
            text = read_text(path, "", [])  # problems are the loader's to report
            parts = frontmatter.split(text) if text is not None else None
            if parts is not None:
                batch[self.digest(parts.body)] = parts.body
            if len(batch) == CHUNK:
                # Handed over while reading on: the workers start after the first files, not
                # after all of them (reading 5,000 took 1.3 s with the other core idle).
                self._submit(batch, parallel)
                batch = {}
        self._submit(batch, parallel)
        return self

    def digest(self, body: str) -> str:
        return hashlib.sha256((self._fingerprint + body).encode()).hexdigest()

    def render(self, bodies: dict[str, str]) -> Mapping[str, str]:
        """HTML for each body, keyed like ``bodies``: from the early start, the cache, or rendered now.

        Each body is looked up only when it is asked for: a warm build asks only for the edited
        news (Pelican's object cache holds the others), and hashing and looking up all 5,000
        bodies up front cost it 0.13–0.17 s. Looking up one body waits only for its own chunk, so
        Pelican's work on the first news items overlaps the rendering of the last ones. A body
        neither started early nor cached is rendered when asked for, in this process (after a
        change of the Markdown settings, every body, one after the other).
        """
        return _Rendered(self, bodies)

    def html_of(self, body: str) -> str:
        digest = self.digest(body)
        self._submit({digest: body}, parallel=False)  # nothing to do if started early or cached
        return self.html(digest)

    def html(self, digest: str) -> str:
        if digest not in self._done:
            future = self._pending.pop(digest, None)
            if future is None:
                self._done[digest] = _cached_file(self.cache_dir, digest).read_text(encoding="utf-8")
            else:
                for done, result in zip(self._chunks.pop(future), future.result(), strict=True):
                    self._done[done] = result
                    self._pending.pop(done, None)
                if self._pool is not None and all(chunk.done() for chunk in self._chunks):
                    self._stop_workers()  # all rendered, if not all collected: nothing left for them to do
        return self._done[digest]

    def when_workers_stopped(self, callback: Callable[[], object]) -> None:
        """Call ``callback`` once no worker process is left, at once if none is running.

        A step that forks must wait for that (``sitedata.background.can_fork``): the pool keeps
        a thread. The workers usually finish while Pelican is still reading the news on one core.
        """
        if self._pool is None:
            callback()
        else:
            self._when_stopped.append(callback)

    def close(self) -> None:
        """Stop the workers; work not yet started is dropped (a build that failed validation)."""
        self._when_stopped.clear()
        self._stop_workers(cancel=True)
        self._pending.clear()
        self._chunks.clear()

    def _stop_workers(self, cancel: bool = False) -> None:
        if self._pool is None:
            return
        self._pool.shutdown(wait=True, cancel_futures=cancel)
        self._pool = None
        waiting, self._when_stopped = self._when_stopped, []
        for callback in waiting:
            callback()

    def _submit(self, bodies: dict[str, str], parallel: bool) -> None:
        """Queue the bodies ({digest: body}) that are neither cached nor already queued: in worker
        processes if ``parallel``, else render them here and now."""
        jobs: dict[str, str] = {}
        for digest, body in bodies.items():
            if digest in self._pending or digest in self._done:
                continue
            if self.cache_dir is not None and _cached_file(self.cache_dir, digest).is_file():
                continue
            jobs[digest] = body
        if not jobs:
            return
        todo = list(jobs.items())
        workers = os.cpu_count() or 1
        if not parallel or workers < 2:
            self._run_here(todo)
            return
        if self._pool is None:
            self._pool = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(self.config, self.cache_dir))
        for start in range(0, len(todo), CHUNK):
            chunk = todo[start : start + CHUNK]
            future = self._pool.submit(_render_in_worker, chunk)
            self._chunks[future] = [digest for digest, _ in chunk]
            for digest, _ in chunk:
                self._pending[digest] = future

    def _run_here(self, todo: list[tuple[str, str]]) -> None:
        if self._here is None:
            self._here = make_markdown({"MARKDOWN": self.config})
        html = _render_chunk(self._here, self.cache_dir, todo)
        self._done.update(zip((digest for digest, _ in todo), html, strict=True))


class _Rendered(Mapping[str, str]):
    """The rendered bodies as a read-only mapping, each looked up on first access."""

    def __init__(self, renderer: BodyRenderer, bodies: dict[str, str]) -> None:
        self._renderer = renderer
        self._bodies = bodies

    def __getitem__(self, key: str) -> str:
        return self._renderer.html_of(self._bodies[key])

    def __iter__(self):
        return iter(self._bodies)

    def __len__(self) -> int:
        return len(self._bodies)
