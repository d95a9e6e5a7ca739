"""Index the finished pages with Pagefind (German stemming from ``<html lang>``).

Pagefind's memory grows with the pages it indexes at once (~1.5 GB at 6,500 pages), so a large
site is indexed in parts of at most ``pages_per_index`` pages: the first part is ``/pagefind/``,
the others ``/pagefind/teil-N/``, listed in ``/pagefind/teile.json`` for the search page to merge
(Pagefind's ``mergeIndex``). A site of the usual size has one part and nothing to merge.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

BUNDLE = "pagefind"  # Pagefind's output folder inside the site
PARTS_MANIFEST = "teile.json"
SEARCHABLE = b"data-pagefind-body"  # Pagefind indexes only pages with this attribute once any page has it


class SearchIndexError(RuntimeError):
    pass


def searchable_pages(site: Path) -> list[str]:
    """The pages Pagefind would index, sorted: those marked searchable or, as Pagefind itself
    does, every page if none is marked."""
    pages, marked = [], []
    for path in sorted(site.rglob("*.html")):
        name = path.relative_to(site).as_posix()
        if name.startswith(f"{BUNDLE}/"):
            continue
        pages.append(name)
        if SEARCHABLE in path.read_bytes():
            marked.append(name)
    return marked or pages


def split(pages: list[str], per_part: int) -> list[list[str]]:
    """Consecutive parts of at most ``per_part`` pages, at least one."""
    return [pages[start : start + per_part] for start in range(0, len(pages), per_part)] or [[]]


def _executable() -> str:
    """The indexer binary the pagefind[bin] wheel ships: nothing is downloaded at build time."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchIndexError("Pagefind binary not found: install requirements.txt (pagefind[bin])") from None
    return str(get_executable())


def _index(site: Path, part: list[str], bundle: Path) -> None:
    # Pagefind reads a folder: give it one with just this part's pages, at their real paths.
    with tempfile.TemporaryDirectory(dir=site.parent, prefix=".pagefind-") as folder:
        for name in part:
            (Path(folder) / name).parent.mkdir(parents=True, exist_ok=True)
            os.link(site / name, Path(folder) / name)
        result = subprocess.run(
            [_executable(), "--site", folder, "--output-path", str(bundle), "--silent"],
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode:
        raise SearchIndexError(f"Pagefind failed: {result.stderr.strip() or result.stdout.strip()}")


def build_index(site: Path, pages_per_index: int) -> None:
    """Index ``site`` into ``site/pagefind``."""
    parts = split(searchable_pages(site), pages_per_index)
    target = site / BUNDLE
    if len(parts) == 1:
        _index(site, parts[0], target)
    else:
        with tempfile.TemporaryDirectory(dir=site.parent, prefix=".pagefind-parts-") as scratch:
            for number, part in enumerate(parts):
                _index(site, part, Path(scratch) / str(number))
            shutil.move(Path(scratch) / "0", target)
            for number in range(1, len(parts)):
                shutil.move(Path(scratch) / str(number), target / f"teil-{number}")
    (target / PARTS_MANIFEST).write_text(json.dumps([f"teil-{n}/" for n in range(1, len(parts))]) + "\n")
