"""Editors' Markdown converted within a time limit: no text can hold up the build.

python-markdown takes time that grows faster than the text on some inputs (a pasted log of
lines starting with „[“, thousands of „*a_“ or „&amp;“ in one paragraph, long definition lists
that recurse), and every limit on the text's shape alone can be got round by another shape.
So each conversion gets a wall-clock limit (SIGALRM, in the process's main thread: the reader,
and each forked worker's task), and a recursion too deep for Python is reported, not crashed on.
The limit is far above any real text (the largest news item of the real site takes milliseconds).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from markdown import Markdown

DEFAULT_SECONDS = 10.0  # MARKDOWN_TIME_LIMIT's default (settings.py)


class _Expired(BaseException):
    """Raised by the alarm; a BaseException so that no ``except Exception`` on the way swallows it."""


class MarkdownFailed(ValueError):
    """The text could not be converted; the message says why, in German."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield  # signals reach only the main thread; no limit rather than none of the work
        return

    def expire(signum, frame):
        raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def convert(renderer: Markdown, text: str, seconds: float = DEFAULT_SECONDS) -> str:
    """``text`` as HTML; ``MarkdownFailed`` if that takes longer than ``seconds`` or recurses too deep.

    After a failure the renderer may be half-way through a document: make a new one.
    """
    try:
        with _time_limit(seconds):
            return renderer.reset().convert(text)
    except _Expired:
        raise MarkdownFailed(f"Text lässt sich nicht in {seconds:g} s umwandeln".replace(".", ",")) from None
    except RecursionError:
        raise MarkdownFailed("Text ist zu tief verschachtelt (Listen, Zitate oder Definitionen)") from None


EXPECTED = (
    "kürzere Absätze ohne eingefügte Protokolle oder Tabellenreste "
    "(viele „[“, „*“, „_“ oder „&“ hintereinander); lange Listen aufteilen"
)
