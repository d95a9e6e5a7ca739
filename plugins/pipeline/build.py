"""The build behind ``invoke build`` and ``invoke publish``, in the order it happens:

1. validate  content/ and data/, before anything is read or written (sitedata, when Pelican makes
             its first generator); every problem is reported at once, nothing is built
2. render    news and pages with Pelican's readers (its content cache keeps them between builds;
             a cold build renders the missing Markdown ahead on every core, sitedata.prerender)
             and writer; home, catalogue, nodes and topics from the project (catalogue), written
             by a forked worker while Pelican writes the news on a large site
3. files     calendars, courses.json, feeds, sitemap and search index from the project and
             Pelican's finished context (pipeline.site_files; the index in a forked worker;
             courses.json and the feeds, which need only that context, are written with the
             catalogue's pages in step 2, on a large site by its forked worker)
4. swap      the staging folder replaces the output only when all of that succeeded, in one
             atomic exchange where the file system can (Linux renameat2)

One build at a time writes beside an output folder (a lock file beside it); a build that was
killed leaves the last good output as it was, and the next build clears what it left behind.

Steps 1–3 are a plain Pelican run: ``pelican content -s pelicanconf.py`` builds the same site,
into output/ directly.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import gc
import logging
import os
import shutil
import subprocess
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

import jinja2
from pelican import Pelican, signals
from pelican import log as pelican_log
from sitedata.forked import close_all
from sitedata.problems import NOTICE, DataProblems, ProblemsWhileRendering


class BuildFailed(RuntimeError):
    """The build stopped; the output folder is as it was. The message says why, in German."""


def build(settings: dict, target: Path) -> str:
    """Build into a staging folder beside ``target`` and swap it in; return the summary line.

    Raises ``DataProblems`` for invalid content or data and ``BuildFailed`` for anything else;
    either way ``target`` is left byte for byte as it was.
    """
    started = time.perf_counter()
    # Pelican's warnings (a broken {filename} link, a file written twice) fail the build; our
    # notices (NOTICE, just below WARNING) are shown and do not.
    pelican_log.init(level=NOTICE, fatal="warnings", handler=logging.StreamHandler(sys.stderr))
    pelican_log.console.quiet = True  # our summary line replaces Pelican's
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        lock = _only_build(target)
    except OSError as error:
        raise BuildFailed(_disk_problem(error)) from None
    try:
        _clear_leftovers(target)
        # A name of this build's own: the preview builds again in the same process while ``rm``
        # may still be deleting the last build's replaced output, which has the last staging name.
        staging = target.parent / f".{target.name}.staging-{os.getpid()}-{time.time_ns()}"
        settings["OUTPUT_PATH"] = str(staging)
        try:
            with _read_objects_frozen():
                Pelican(settings).run()
            swap(staging, target)
        except BaseException as error:
            close_all()  # a forked worker may still write into the staging folder
            shutil.rmtree(staging, ignore_errors=True)
            if isinstance(error, ProblemsWhileRendering):
                raise DataProblems(error.problems) from None
            if isinstance(error, DataProblems) or not isinstance(error, Exception):
                raise
            if isinstance(error, OSError) and error.errno in _DISK_ERRORS:
                raise BuildFailed(_disk_problem(error)) from error
            where = _template_line(error, Path(settings["PATH"]).parent)
            raise BuildFailed(f"Build abgebrochen: {where}{error.__class__.__name__}: {error}") from error
    finally:
        os.close(lock)
    return summary(target, time.perf_counter() - started)


# Once read, these stay until the build ends: the project (read when the first generator is made),
# the news and pages, every generator's context.
_READ = (signals.generator_init, signals.article_generator_finalized, signals.all_generators_finalized)


@contextlib.contextmanager
def _read_objects_frozen():
    """Python's full garbage collections walk every object there is, and a build keeps most of what
    it reads until it ends. So what it has read is frozen at each stage (``gc.freeze``): later
    collections walk only what is newer. Before the first stage nothing is collected at all: the
    project, read and validated then, stays whole. Unfrozen at the end, for a preview server that
    builds again in the same process and then frees the last build's objects."""
    signals.initialized.connect(_pause)
    for stage in _READ:
        stage.connect(_freeze)
    try:
        yield
    finally:
        signals.initialized.disconnect(_pause)
        for stage in _READ:
            stage.disconnect(_freeze)
        gc.enable()
        gc.unfreeze()


def _pause(sender: object) -> None:
    gc.disable()


def _freeze(sender: object, **kwargs: object) -> None:
    gc.freeze()
    gc.enable()


# What an editor can do something about, in German; other errors keep Python's words.
_DISK_ERRORS = {
    errno.ENOSPC: "kein Platz mehr auf dem Datenträger",
    errno.EDQUOT: "Speicherkontingent des Datenträgers erschöpft",
    errno.EROFS: "Datenträger ist schreibgeschützt",
    errno.EACCES: "keine Schreibrechte",
    errno.EPERM: "keine Schreibrechte",
}


def _template_line(error: Exception, site: Path) -> str:
    """„Vorlage theme/templates/x.html, Zeile 12: “ for an error in a template, else nothing.

    Jinja puts each template's file and line into the traceback of an error raised while it
    renders (a variable no page gives it, with StrictUndefined); a syntax error carries them itself.
    """
    if not isinstance(error, jinja2.TemplateError):
        return ""
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        filename, line = error.filename, error.lineno
    else:
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(TEMPLATE_SUFFIXES)]
        if not frames:
            return ""
        filename, line = frames[-1].filename, frames[-1].lineno
    path = Path(filename).resolve()
    for base in (site.resolve(), Path.cwd()):
        if path.is_relative_to(base):
            path = path.relative_to(base)
            break
    return f"Vorlage {path}, Zeile {line}: "


TEMPLATE_SUFFIXES = (".html", ".xml", ".txt", ".j2")


def _disk_problem(error: OSError) -> str:
    reason = _DISK_ERRORS.get(error.errno, error.strerror or str(error))
    where = f" ({error.filename})" if error.filename else ""
    return f"Build abgebrochen: {reason}{where}"


def _only_build(target: Path) -> int:
    """Hold the lock file beside ``target`` until the build ends (the returned descriptor is closed).

    A POSIX record lock (``lockf``): the kernel drops it when the process ends, however it ends,
    and forked workers do not inherit it, so a killed build never leaves it held.
    """
    lock = os.open(target.parent / f".{target.name}.lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.lockf(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        os.close(lock)
        if error.errno in (errno.EACCES, errno.EAGAIN):
            raise BuildFailed(
                f"Ein anderer Build schreibt gerade nach {target} – bitte warten, bis er fertig ist, "
                "und dann noch einmal bauen."
            ) from None
        raise
    return lock


def _clear_leftovers(target: Path) -> None:
    """What a killed build left beside ``target`` (only while holding the lock: no build is running).

    A staging folder is removed; an old output is removed too, unless the build was killed between
    the two renames of the fallback swap: then it is the last good output and is put back.
    """
    leftovers = sorted(target.parent.glob(f".{target.name}.staging-*")) + sorted(
        target.parent.glob(f".{target.name}.old-*")
    )
    if not target.exists() and (olds := [path for path in leftovers if ".old-" in path.name]):
        olds[-1].rename(target)
        leftovers.remove(olds[-1])
    for path in leftovers:
        _remove_in_background(path)


def swap(staging: Path, target: Path) -> None:
    """Replace ``target`` by ``staging`` with two renames, so readers never see a half-written site.

    The replaced output, renamed to a hidden name beside it, is removed by ``rm`` in the
    background: deleting thousands of files is seconds that nobody needs to wait for.
    """
    if not target.exists():
        staging.rename(target)
        return
    if _exchange(staging, target):
        _remove_in_background(staging)  # now the old output
        return
    old = target.parent / f".{target.name}.old-{time.time_ns():020d}-{os.getpid()}"
    target.rename(old)
    staging.rename(target)
    _remove_in_background(old)


def _remove_in_background(path: Path) -> None:
    # Quiet: the next build may start a second ``rm`` on a folder the first is still deleting.
    subprocess.Popen(
        ["rm", "-rf", "--", str(path)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where the system or file system cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def summary(output: Path, seconds: float) -> str:
    suffixes: Counter[str] = Counter()
    for folder, subfolders, files in os.walk(output):
        if folder == str(output) and "pagefind" in subfolders:
            subfolders.remove("pagefind")  # Pagefind's own pages are not the site's
        suffixes.update(os.path.splitext(name)[1] for name in files)
    feeds = sum(1 for _ in (output / "feeds").glob("*.xml"))
    return (
        f"Fertig: {suffixes['.html']} Seiten, {feeds} Feeds, {suffixes['.ics']} Kalender "
        f"in {f'{seconds:.1f}'.replace('.', ',')} s → {output}"
    )
