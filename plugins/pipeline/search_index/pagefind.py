"""Index the finished pages with Pagefind (German stemming from ``<html lang>``), in cached parts.

Pagefind cannot update an index, and its memory grows with the pages it indexes at once (~1.3 GB
at 6,500 pages). So a large site's searchable pages are split into parts of about
``pages_per_index`` pages, each page's part chosen by a hash of its path, so that an edit touches
one part. Each part is an ordinary Pagefind bundle, kept in the build cache under a key of its
pages' paths and bytes and Pagefind's version; an unchanged part is copied from there. The first
part is ``/pagefind/``, the others ``/pagefind/teil-N/``, listed in ``/pagefind/teile.json`` for
the search page to merge (Pagefind's ``mergeIndex``). A site of the usual size has one part.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import math
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import NamedTuple

from sitedata.buildcache import Folders, key
from sitedata.folders import files_below

BUNDLE = "pagefind"  # Pagefind's output folder inside the site
PARTS_MANIFEST = "teile.json"
SEARCHABLE = b"data-pagefind-body"  # Pagefind indexes only pages with this attribute once any page has it
OWN_PART = b'data-search-part="overview"'  # see split()


class SearchIndexError(RuntimeError):
    pass


class Page(NamedTuple):
    searchable: bool  # carries SEARCHABLE
    overview: bool  # carries OWN_PART
    digest: str  # SHA-256 of the HTML


def read_pages(site: Path) -> dict[str, Page]:
    """Every HTML page of the site but Pagefind's own, by path, sorted."""
    pages = {}
    for name in files_below(site, ".html", {BUNDLE}):
        with open(os.path.join(site, name), "rb") as file:
            html = file.read()
        pages[name] = Page(SEARCHABLE in html, OWN_PART in html, hashlib.sha256(html).hexdigest())
    return pages


def searchable(pages: dict[str, Page]) -> dict[str, Page]:
    """The pages Pagefind would index: those marked searchable or, as Pagefind itself does,
    every page if none is marked."""
    return {path: page for path, page in pages.items() if page.searchable} or pages


def split(pages: dict[str, Page], per_part: int) -> list[dict[str, Page]]:
    """Parts of about ``per_part`` pages; a page's part depends only on its path and the part count.

    Pages marked ``OWN_PART`` (overviews that list courses and news, so change with many edits)
    form a last, small part of their own once there is more than one part: a course edit then
    re-indexes a few overviews instead of a second large part.
    """
    own = {path: page for path, page in pages.items() if page.overview}
    hashed = {path: page for path, page in pages.items() if path not in own}
    count = max(1, math.ceil(len(hashed) / per_part))
    if count == 1:
        return [pages]
    parts: list[dict[str, Page]] = [{} for _ in range(count)]
    for path, page in hashed.items():
        parts[int(hashlib.sha256(path.encode()).hexdigest()[:8], 16) % count][path] = page
    # Pagefind refuses a folder without pages: with few pages per part, a hash can leave one empty.
    return [part for part in parts if part] + ([own] if own else [])


def _executable() -> str:
    """The indexer binary the pagefind[bin] wheel ships: nothing is downloaded at build time."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchIndexError("Pagefind binary not found: install requirements.txt (pagefind[bin])") from None
    return str(get_executable())


class _Run(NamedTuple):
    """One Pagefind process indexing one part into ``bundle``."""

    process: subprocess.Popen
    pages: tempfile.TemporaryDirectory
    bundle: Path

    def finish(self, into: Path) -> None:
        """Wait for Pagefind, then move its bundle to ``into`` (a cache entry being made)."""
        output, errors = self.process.communicate()
        self.pages.cleanup()
        if self.process.returncode:
            shutil.rmtree(self.bundle, ignore_errors=True)
            raise SearchIndexError(f"Pagefind failed: {errors.strip() or output.strip()}")
        os.replace(self.bundle, into)

    def stop(self) -> None:
        self.process.kill()
        self.process.communicate()
        self.pages.cleanup()
        shutil.rmtree(self.bundle, ignore_errors=True)


def _start(site: Path, part: dict[str, Page], bundle: Path) -> _Run:
    # Pagefind reads a folder: give it one with just this part's pages, at their real paths, made in
    # sorted order. Pagefind's index follows the order in which it finds the files, so its bytes
    # would otherwise depend on the order the build's two writers created them in (its ``glob``
    # setting over the whole output gave other bytes on tmpfs). Hard links to the staging output,
    # never to the cache: the pages are not copied, and the folder is gone before the swap.
    pages = tempfile.TemporaryDirectory(dir=site.parent, prefix=".pagefind-")
    for name in part:
        (Path(pages.name) / name).parent.mkdir(parents=True, exist_ok=True)
        os.link(site / name, Path(pages.name) / name)
    shutil.rmtree(bundle, ignore_errors=True)
    command = [_executable(), "--site", pages.name, "--output-path", str(bundle), "--silent"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return _Run(process, pages, bundle)


class SearchIndex:
    """Indexing ``site`` into ``site/pagefind``, taking unchanged parts from ``cache``.

    Made, it has started Pagefind on the missing parts, ``at_once`` at a time (each Pagefind
    process uses a few threads but not a whole machine, and its memory grows with its own part
    only), and copied the cached parts meanwhile; ``finish`` waits for the rest. Pagefind runs
    in processes of its own, so a build that cannot fork writes its other files in between,
    inside ``with`` the index: a failure there stops Pagefind.
    """

    def __init__(self, site: Path, pages_per_index: int, cache: Folders, at_once: int = os.cpu_count() or 1) -> None:
        self.site, self.cache, self.at_once = site, cache, at_once
        self.parts = split(searchable(read_pages(site)), pages_per_index)
        version = importlib.metadata.version("pagefind")
        count = str(len(self.parts))
        self.keys = [
            key(version, count, *(f"{path}\0{page.digest}" for path, page in part.items())) for part in self.parts
        ]
        self.places = [site / BUNDLE / (f"teil-{number}" if number else "") for number in range(len(self.parts))]
        cache.folder.mkdir(parents=True, exist_ok=True)
        self.missing = [number for number, part_key in enumerate(self.keys) if not (cache.folder / part_key).is_dir()]
        self.running: dict[int, _Run] = {}
        with self:
            self._start_missing()
            for number, part_key in enumerate(self.keys):
                if number in self.running or number in self.missing:
                    continue
                if not cache.copy(part_key, self.places[number]):  # damaged: made afresh
                    self.missing.append(number)
                    self._start_missing()

    def finish(self) -> None:
        with self:
            while self.running:
                number = next(iter(self.running))
                bundle = self.cache.put(self.keys[number], self.running[number].finish)
                del self.running[number]
                shutil.copytree(bundle, self.places[number], dirs_exist_ok=True)
                self._start_missing()
        self.cache.keep_only(self.keys)
        manifest = [f"teil-{number}/" for number in range(1, len(self.parts))]
        (self.site / BUNDLE / PARTS_MANIFEST).write_text(json.dumps(manifest) + "\n")

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> None:
        """A failure, here or in what the build does meanwhile: no Pagefind process outlives it."""
        if error is not None:
            for run in self.running.values():
                if run.process.returncode is None:
                    run.stop()
            self.running.clear()

    def _start_missing(self) -> None:
        while self.missing and len(self.running) < self.at_once:
            number = self.missing.pop(0)
            bundle = self.cache.folder / f".{self.keys[number]}.running-{os.getpid()}"
            self.running[number] = _start(self.site, self.parts[number], bundle)


def build_index(site: Path, pages_per_index: int, cache: Folders) -> None:
    """The whole index, in this process (a forked worker's task)."""
    SearchIndex(site, pages_per_index, cache).finish()
