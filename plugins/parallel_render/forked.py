"""Map a function over items in forked worker processes that inherit the parent's state.

Forked workers see the parent's objects (context, templates, models) without pickling them;
only the items' indices go out and the results come back. ``function`` may be any callable,
even a bound method or closure, because it is inherited, not sent.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

# Below this many chunks, forking costs more than it saves.
PARALLEL_FROM = 2

_task: tuple[Callable[[Any], Any], Sequence[Any]] | None = None  # set just before forking; workers inherit it


def _run_chunk(bounds: tuple[int, int]) -> list[Any]:
    function, items = _task
    return [function(item) for item in items[bounds[0] : bounds[1]]]


def chunked_map(
    function: Callable[[Any], Any], items: Sequence[Any], chunk: int, breaks: Sequence[int] = ()
) -> Iterator[list[Any]]:
    """``[function(item) for item in chunk]`` for each chunk of ``items``, in order, on all cores.

    No chunk spans an index in ``breaks``, so the chunk that ends at a break reports when all
    items before it are done, without waiting for items after it.
    """
    ends = sorted({*(b for b in breaks if 0 < b < len(items)), len(items)})
    bounds = [
        (start, min(start + chunk, end))
        for begin, end in zip([0, *ends[:-1]], ends, strict=True)
        for start in range(begin, end, chunk)
    ]
    workers = min(os.cpu_count() or 1, len(bounds))
    if workers < 2 or len(bounds) < PARALLEL_FROM:
        for start, stop in bounds:
            yield [function(item) for item in items[start:stop]]
        return
    global _task
    _task = (function, items)
    gc.freeze()  # keep the collector from touching (and so copying) the parent's objects in the workers
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            yield from pool.imap(_run_chunk, bounds)
    finally:
        _task = None
        gc.unfreeze()
