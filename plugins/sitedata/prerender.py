"""A cold build's Markdown on every core: the bodies Pelican's content cache lacks, rendered ahead.

Converting Markdown is most of a cold build of a large site (a few milliseconds a news item).
When Pelican's news generator is made, we know every file it will read and which of them its
cache holds; the others are rendered in worker processes while the project is parsed and
validated and Pelican reads the rest, and our reader takes each result when Pelican asks for that
file. The same renderer and the same text give the same HTML in any process, and a result is only
taken for the very text that was validated, so this can change the time a build takes, never
what it writes.
"""

from __future__ import annotations

import functools
import os
from concurrent.futures import Future

from .forked import ForkedPool, second_core_free
from .markdown_text import make_markdown
from .rendering import DEFAULT_SECONDS, MarkdownFailed, convert

PARALLEL_FROM = 100  # fewer bodies than this: starting the workers costs more than it saves
CHUNK = 50  # bodies per task: even spread, few round trips


def _render(markdown_settings: dict, seconds: float, bodies: list[str]) -> list[str | None]:
    """HTML per body; None for a body that failed, which the reader converts again to report it."""
    renderer, html = make_markdown({"MARKDOWN": markdown_settings}), []
    for body in bodies:
        try:
            html.append(convert(renderer, body, seconds))
        except MarkdownFailed:
            renderer = make_markdown({"MARKDOWN": markdown_settings})
            html.append(None)
    return html


class Prerendered:
    """HTML of the given bodies, rendered in worker processes; ``take`` each one once."""

    def __init__(self, markdown_settings: dict, bodies: dict[str, str], seconds: float = DEFAULT_SECONDS) -> None:
        self._pending: dict[str, tuple[Future, int, str]] = {}
        self._pool = None
        if len(bodies) < PARALLEL_FROM or not second_core_free():
            return
        workers = os.cpu_count() or 1
        # The build's own process validates and reads meanwhile: its work comes first, the workers
        # use what is left of the cores, and what no worker has started yet when the reader gets
        # there it renders itself (``take``).
        render = functools.partial(_render, markdown_settings, seconds)
        self._pool = ForkedPool(workers, render, behind_the_build=True)
        keys = list(bodies)
        for start in range(0, len(keys), CHUNK):
            chunk = keys[start : start + CHUNK]
            future = self._pool.submit([bodies[key] for key in chunk])
            self._pending.update((key, (future, number, bodies[key])) for number, key in enumerate(chunk))

    def take(self, key: str, body: str) -> str | None:
        """The HTML of ``body``, or None if it is not rendered ahead (render it yourself): no worker
        had started on it (it is then cancelled, rather than waited for), or the file changed
        between its rendering and its validation."""
        entry = self._pending.pop(key, None)
        if entry is None:
            return None
        future, number, rendered_body = entry
        stolen = future.cancelled() or future.cancel()
        html = future.result()[number] if not stolen and rendered_body == body else None
        if not self._pending:
            self.close()
        return html

    def close(self) -> None:
        """Stop the workers (all taken, or the build stopped)."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None
