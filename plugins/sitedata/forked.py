"""The build's one way of using both cores: worker processes forked from the build.

A forked worker sees the build's objects as they are at the fork (the validated project, the
template context, the templates), so nothing but a task's own arguments and result is pickled.
Used for a cold build's Markdown (``prerender.py``), what the build needs from git, read while
Pelican reads the news, the catalogue's pages, written while Pelican writes the news
(``catalogue.generator``), the pictures, encoded while the pages are written, and
the search index, built while the calendars are written (both ``pipeline.site_files``).
Forking is only safe while the build has one thread, which ``can_fork`` tells.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

_function: Callable[..., Any] | None = None  # what the workers of the pool being started will run
_open: list[ForkedPool] = []  # pools not closed yet, for close_all


def _call(*args: Any) -> Any:
    return _function(*args)


def _start_worker(behind_the_build: bool) -> None:
    # The build's objects stay where they are: without this every collection in a worker walks
    # (and so copies) them all.
    gc.freeze()
    if behind_the_build:
        os.nice(5)


def can_fork() -> bool:
    """Forking copies only the calling thread; a lock another thread holds would stay locked."""
    return threading.active_count() == 1


def second_core_free() -> bool:
    """Whether a worker would have a core of its own and may be forked now."""
    return (os.cpu_count() or 1) > 1 and can_fork()


class ForkedPool:
    """``workers`` processes forked now, each running ``function(*args)`` for the tasks submitted.

    ``behind_the_build``: the workers run at a lower priority, for work that the build's own
    process needs less urgently than its own next step (while it waits for a result, they have
    every core).
    """

    def __init__(self, workers: int, function: Callable[..., Any], behind_the_build: bool = False) -> None:
        global _function
        _function = function
        self._pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_start_worker,
            initargs=(behind_the_build,),
        )
        _open.append(self)

    def submit(self, *args: Any) -> Future:
        return self._pool.submit(_call, *args)

    def close(self) -> None:
        """Stop the workers once their running task is done; tasks not yet started are dropped."""
        self._pool.shutdown(cancel_futures=True)
        if self in _open:
            _open.remove(self)


def close_all() -> None:
    """A build that failed: wait for every worker to stop before its output folder is removed."""
    while _open:
        _open[-1].close()
