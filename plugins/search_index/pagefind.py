"""Run the Pagefind indexer over the finished pages, in parts that are cached one by one.

Pagefind cannot update an index, and indexing every page again after each edit took ~20 s
and 1.5 GB at 6,500 pages. So the searchable pages (those with ``data-pagefind-body``) are
split into parts of about ``SEARCH_PAGES_PER_INDEX`` pages, assigned by a hash of their path
so that an edit touches one part. Each part is an ordinary Pagefind bundle, kept in
CACHE_PATH/pagefind under a hash of its pages and the indexer's version; an unchanged part is
linked from there instead of indexed again. The first part is ``/pagefind/``, the others
``/pagefind/teil-N/``, listed in ``/pagefind/teile.json`` for the search page to merge
(Pagefind's ``mergeIndex``). A small site has one part and no merging at all.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import importlib.metadata
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

BUNDLE = "pagefind"  # Pagefind's output folder inside the site
PARTS_MANIFEST = "teile.json"
SEARCHABLE = b"data-pagefind-body"  # Pagefind indexes only pages with this attribute once any page has it
OWN_PART = b'data-search-part="overview"'  # see split()
PAGES_SEEN = "seiten.json"  # in the cache: each page file of the last build, see read_pages()


class SearchIndexError(RuntimeError):
    pass


class Page(NamedTuple):
    """What the indexer needs to know about one page file, learnt by reading it once."""

    stamp: tuple[int, int, int]  # inode, size, modification time (ns): the same file as last time?
    searchable: bool  # carries SEARCHABLE
    overview: bool  # carries OWN_PART
    digest: str  # SHA-256 of the HTML


def read_pages(site: Path, known: dict[str, Page]) -> dict[str, Page]:
    """Every page of the site, sorted by path; a page whose file is the very file seen in the
    last build (a news or course page linked from the page cache) is not read again.

    Reading and hashing all ~6,500 pages took ~0.5 s of every build at 5,000 news, and seconds
    when the host had dropped them from its file cache.
    """
    pages, prefix = {}, len(os.path.join(site, ""))
    for folder, subfolders, names in os.walk(site):
        subfolders.sort()
        for name in sorted(names):
            if not name.endswith(".html"):
                continue
            full = os.path.join(folder, name)
            path = full[prefix:].replace(os.sep, "/")
            status = os.stat(full)
            stamp = (status.st_ino, status.st_size, status.st_mtime_ns)
            page = known.get(path)
            if page is None or page.stamp != stamp:
                with open(full, "rb") as file:
                    html = file.read()
                page = Page(stamp, SEARCHABLE in html, OWN_PART in html, hashlib.sha256(html).hexdigest())
            pages[path] = page
    return dict(sorted(pages.items()))


def searchable(pages: dict[str, Page]) -> dict[str, Page]:
    """The pages Pagefind would index: those marked searchable or, as Pagefind itself does,
    every page if none is marked."""
    return {path: page for path, page in pages.items() if page.searchable} or pages


def split(pages: dict[str, Page], per_part: int) -> list[dict[str, Page]]:
    """Parts of about ``per_part`` pages; a page's part depends only on its path and the part count.

    Pages marked ``OWN_PART`` (overviews that list courses and news, so change with many edits)
    form a last, small part of their own once there is more than one part: a course edit then
    re-indexes a few overviews instead of a second part of ~500 pages.
    """
    own = {path: page for path, page in pages.items() if page.overview}
    hashed = {path: page for path, page in pages.items() if path not in own}
    count = max(1, math.ceil(len(hashed) / per_part))
    if count == 1:
        return [pages]
    parts: list[dict[str, Page]] = [{} for _ in range(count)]
    for path, page in hashed.items():
        parts[int(hashlib.sha256(path.encode()).hexdigest()[:8], 16) % count][path] = page
    return [*parts, own] if own else parts


def _digest(part: dict[str, Page], count: int) -> str:
    digest = hashlib.sha256(f"{importlib.metadata.version('pagefind')}\0{count}\0".encode())
    for path, page in part.items():
        digest.update(f"{path}\0{page.digest}\0".encode())
    return digest.hexdigest()


def _known_pages(cache: Path | None) -> dict[str, Page]:
    try:
        stored = json.loads((cache / PAGES_SEEN).read_text()) if cache is not None else {}
        return {path: Page(tuple(stamp), *rest) for path, (stamp, *rest) in stored.items()}
    except (OSError, ValueError, TypeError):
        return {}  # no usable record: every page is read


def _remember_pages(cache: Path, pages: dict[str, Page]) -> None:
    unfinished = cache / f".{PAGES_SEEN}.new"
    unfinished.write_text(json.dumps(pages, separators=(",", ":")))
    unfinished.replace(cache / PAGES_SEEN)


def _link(source: str | Path, target: str | Path) -> None:
    """A hard link where the file system allows one (cheap to make and to delete), a copy otherwise."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _link_tree(source: Path, target: Path) -> None:
    """``source`` linked file by file into ``target``."""
    shutil.copytree(source, target, copy_function=_link, dirs_exist_ok=True)


@functools.cache
def _executable() -> Path:
    """The indexer binary the pagefind[bin] wheel ships (nothing is downloaded at build time), run
    directly rather than through ``python -m pagefind``, which saves a Python start per part."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchIndexError("Pagefind binary not found: install requirements.txt (pagefind[bin])") from None
    return get_executable()


def _index(site: Path, part: dict[str, Page], bundle: Path) -> None:
    # Pagefind reads a folder: give it one with just this part's pages, at their real paths.
    with tempfile.TemporaryDirectory(dir=site.parent, prefix=".pagefind-") as folder:
        for path in part:
            (Path(folder) / path).parent.mkdir(parents=True, exist_ok=True)
            _link(site / path, Path(folder) / path)
        result = subprocess.run(
            [str(_executable()), "--site", folder, "--output-path", str(bundle), "--silent"],
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode:
        raise SearchIndexError(f"Pagefind failed: {result.stderr.strip() or result.stdout.strip()}")


def build_index(site: Path, cache: Path | None, pages_per_index: int) -> None:
    """Index ``site`` into ``site/pagefind``, reusing unchanged parts from ``cache``."""
    pages = read_pages(site, _known_pages(cache))
    parts = split(searchable(pages), pages_per_index)
    digests = [_digest(part, len(parts)) for part in parts]
    with tempfile.TemporaryDirectory(dir=site.parent, prefix=".pagefind-parts-") as scratch:
        # Every missing part is indexed into a folder of its own. One Pagefind process keeps
        # only ~1.5 cores busy (parts of its work run on one thread), so one indexer more than
        # there are cores fills the gaps (docs/performance.md, item 41).
        store = cache if cache is not None else Path(scratch)
        store.mkdir(parents=True, exist_ok=True)
        todo = [(part, digest) for part, digest in zip(parts, digests, strict=True) if not (store / digest).is_dir()]

        def index_part(job: tuple[dict[str, Page], str]) -> None:
            part, digest = job
            unfinished = store / f".{digest}.new"  # beside its final name: the rename stays on one file system
            shutil.rmtree(unfinished, ignore_errors=True)  # left by a build that was stopped
            _index(site, part, unfinished)
            unfinished.rename(store / digest)  # whole parts only: a failed build leaves none behind

        # The first part's bundle is /pagefind/ itself, the others /pagefind/teil-N/ inside it.
        # Parts from the cache are linked in while the missing ones are indexed (thousands of
        # links: ~0.3 s at 6,000 pages, which an edit build otherwise waited for at the end).
        missing = {digest for _, digest in todo}
        numbered = list(enumerate(digests))

        def link_parts(indexed_now: bool) -> None:
            for number, digest in numbered:
                if (digest in missing) == indexed_now:
                    _link_tree(store / digest, site / BUNDLE / (f"teil-{number}" if number else ""))

        with ThreadPoolExecutor(max_workers=(os.cpu_count() or 1) + 1) as pool:
            indexing = pool.map(index_part, todo)
            link_parts(indexed_now=False)
            list(indexing)
        link_parts(indexed_now=True)
    (site / BUNDLE / PARTS_MANIFEST).write_text(json.dumps([f"teil-{n}/" for n in range(1, len(parts))]) + "\n")
    if cache is not None:
        _remember_pages(cache, pages)
        # A part whose pages changed can never match again.
        for stale in cache.iterdir():
            if stale.is_dir() and stale.name not in digests:
                shutil.rmtree(stale, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    """Run as its own process by the build (see generator.py): the standard library and Pagefind only."""
    parser = argparse.ArgumentParser(description="Index a finished site with Pagefind, in cached parts.")
    parser.add_argument("site", type=Path)
    parser.add_argument("--cache", type=Path, help="folder for the parts between builds")
    parser.add_argument("--pages-per-index", type=int, default=500)
    args = parser.parse_args(argv)
    try:
        build_index(args.site, args.cache, args.pages_per_index)
    except SearchIndexError as error:
        sys.exit(str(error))


if __name__ == "__main__":
    main()
