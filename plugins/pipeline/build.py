"""The build behind ``invoke build`` and ``invoke publish``, in the order it happens:

1. validate  content/ and data/, before anything is read or written (sitedata, when Pelican makes
             its first generator); every problem is reported at once, nothing is built
2. render    news and pages with Pelican's readers (its content cache keeps them between builds;
             a cold build renders the missing Markdown ahead on every core, sitedata.prerender)
             and writer; home, catalogue, nodes and topics from the project (catalogue), written
             by a forked worker while Pelican writes the news on a large site
3. files     calendars, courses.json, feeds, sitemap and search index from the project and
             Pelican's finished context (pipeline.site_files; the index in a forked worker)
4. swap      the staging folder replaces the output only when all of that succeeded

Steps 1–3 are a plain Pelican run: ``pelican content -s pelicanconf.py`` builds the same site,
into output/ directly.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from pelican import Pelican
from pelican import log as pelican_log
from sitedata.forked import close_all
from sitedata.problems import DataProblems, ProblemsWhileRendering


class BuildFailed(RuntimeError):
    """The build stopped; the output folder is as it was. The message says why, in German."""


def build(settings: dict, target: Path) -> str:
    """Build into a staging folder beside ``target`` and swap it in; return the summary line.

    Raises ``DataProblems`` for invalid content or data and ``BuildFailed`` for anything else;
    either way ``target`` is left byte for byte as it was.
    """
    started = time.perf_counter()
    # Pelican's warnings (a broken {filename} link, a file written twice) fail the build.
    pelican_log.init(level=logging.WARNING, fatal="warnings", handler=logging.StreamHandler(sys.stderr))
    pelican_log.console.quiet = True  # our summary line replaces Pelican's
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.parent / f".{target.name}.staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    settings["OUTPUT_PATH"] = str(staging)
    try:
        Pelican(settings).run()
    except BaseException as error:
        close_all()  # a forked worker may still write into the staging folder
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(error, ProblemsWhileRendering):
            raise DataProblems(error.problems) from None
        if isinstance(error, DataProblems) or not isinstance(error, Exception):
            raise
        raise BuildFailed(f"Build abgebrochen: {error.__class__.__name__}: {error}") from error
    swap(staging, target)
    return summary(target, time.perf_counter() - started)


def swap(staging: Path, target: Path) -> None:
    """Replace ``target`` by ``staging`` with two renames, so readers never see a half-written site.

    The replaced output, renamed to a hidden name beside it, is removed by ``rm`` in the
    background: deleting thousands of files is seconds that nobody needs to wait for.
    """
    if not target.exists():
        staging.rename(target)
        return
    old = target.parent / f".{target.name}.old-{os.getpid()}-{time.time_ns()}"
    target.rename(old)
    staging.rename(target)
    subprocess.Popen(["rm", "-rf", "--", str(old)], stdin=subprocess.DEVNULL, start_new_session=True)


def summary(output: Path, seconds: float) -> str:
    suffixes = [path.suffix for path in output.rglob("*") if "pagefind" not in path.relative_to(output).parts[:1]]
    feeds = sum(1 for _ in (output / "feeds").glob("*.xml"))
    return (
        f"Fertig: {suffixes.count('.html')} Seiten, {feeds} Feeds, {suffixes.count('.ics')} Kalender "
        f"in {f'{seconds:.1f}'.replace('.', ',')} s → {output}"
    )
