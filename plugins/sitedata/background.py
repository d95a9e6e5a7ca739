"""Work that runs beside the build in a process of its own and writes into the build's output.

The search indexer and the calendar writer need nothing from the pages Pelican is still
making (or only the finished ones), so they run on the other core meanwhile. Every such job
is waited for once Pelican has finished (``finalized``), and the first failure fails the
build; a build that failed for another reason stops them before its output is removed.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Protocol


class Job(Protocol):
    def wait(self) -> None:
        """Block until the job has finished; raise if it failed."""

    def stop(self) -> None:
        """End the job now; its output does not matter any more."""


class BackgroundError(RuntimeError):
    """A job beside the build failed; the message is the job's own error."""


_running: list[Job] = []


def add(job: Job) -> Job:
    _running.append(job)
    return job


def wait_all(pelican: object = None) -> None:
    """Wait for every job of this build, in the order they started; the first failure fails the build."""
    while _running:
        _running.pop(0).wait()


def stop_all() -> None:
    """End every job still running (a build that failed while they were writing)."""
    while _running:
        _running.pop().stop()


def can_fork() -> bool:
    """Forking copies only the calling thread; with other threads alive (a pool's helpers) a
    lock one of them holds would stay locked in the child forever."""
    return threading.active_count() == 1


class ForkedCall:
    """``function()`` in a forked child, which sees the parent's objects as they are now.

    Call only when ``can_fork()``. The child's error, with its traceback, is raised in the
    parent by ``wait``; the child never returns into the caller's code.
    """

    def __init__(self, name: str, function: Callable[[], object]) -> None:
        self.name = name
        readable, writable = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(readable)
            _run_child(function, writable)
        os.close(writable)
        self._errors = readable

    def wait(self) -> None:
        if self.pid is None:
            return
        with os.fdopen(self._errors, "rb") as pipe:
            message = pipe.read().decode("utf-8", "replace").strip()
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if os.waitstatus_to_exitcode(status) != 0:
            raise BackgroundError(f"{self.name}: {message or f'exit status {os.waitstatus_to_exitcode(status)}'}")

    def stop(self) -> None:
        if self.pid is None:
            return
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self._errors)
        self.pid = None


def _run_child(function: Callable[[], object], errors: int) -> None:
    # The parent's objects stay where they are: without this each collection in the child
    # would walk (and so copy) them all.
    gc.freeze()
    status = 0
    try:
        function()
    except BaseException as error:
        status = 1
        with os.fdopen(errors, "w", encoding="utf-8", errors="replace") as pipe:
            pipe.write(f"{error.__class__.__name__}: {error}\n{traceback.format_exc()}")
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        # Leave without the parent's exit handlers, buffers or cleanup: they are the parent's to run.
        os._exit(status)
