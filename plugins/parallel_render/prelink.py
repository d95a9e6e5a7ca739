"""Link the last build's cached pages into a new build's output before the renderer needs them.

A warm build finds nearly every page in the page cache (memo.py), but could link each one only
once the template context was complete and the page's key known: ~6,500 links at 5,000 news,
~1 CPU s that every rebuild waited for. The renderer keeps a list of the last build's cached
pages and their keys (``MANIFEST``), and this script links them all into the new, empty output
as soon as Pelican starts, in a process of its own on the core that the build's one-core reading
leaves idle. The renderer then keeps a linked page whose key is unchanged and deletes every other
one before anything is written at its path (``writer.py``): a linked page is the cache's own
file, and writing through the link would change the cache.

Run by the build as ``python prelink.py PAGE_CACHE OUTPUT`` (the standard library only); reads
the manifest in PAGE_CACHE and prints the pages it could not link (their cache entry is gone) as a
JSON list.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

MANIFEST = "letzter-build.json"  # in the page cache: {page path in the output: its key}


class PrelinkError(RuntimeError):
    pass


def cached_file(folder: str, key: str) -> str:
    """Where the page cache keeps the page with ``key`` (one folder per two hex digits)."""
    return os.path.join(folder, key[:2], f"{key}.html")


def read_manifest(folder: Path) -> dict[str, str]:
    try:
        pages = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # none yet, or unreadable: nothing is linked ahead
    return pages if isinstance(pages, dict) else {}


def write_manifest(folder: Path, pages: dict[str, str]) -> None:
    """Replace the manifest atomically: a build never links from half a list."""
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f".{MANIFEST}.{os.getpid()}"
    partial.write_text(json.dumps(dict(sorted(pages.items())), separators=(",", ":")), encoding="utf-8")
    partial.replace(folder / MANIFEST)


def link_all(pages: dict[str, str], folder: str, output: str) -> list[str]:
    """Link each page's cache entry to its path below ``output``; the pages whose entry is gone."""
    missing, made = [], set()
    for name, key in pages.items():
        source, target = cached_file(folder, key), os.path.join(output, name)
        if not os.path.isfile(source):
            missing.append(name)
            continue
        parent = os.path.dirname(target)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        try:
            os.link(source, target)
        except OSError:  # another file system, or one without hard links (as sitedata.cachefiles.link_or_copy)
            shutil.copyfile(source, target)
    return missing


def remove_page(output: str, name: str) -> None:
    """Delete a linked page, and the folders it leaves empty (a cold build would not have them)."""
    target = os.path.join(output, name)
    os.unlink(target)
    folder = os.path.dirname(target)
    while len(folder) > len(output.rstrip(os.sep)) and not os.listdir(folder):
        os.rmdir(folder)
        folder = os.path.dirname(folder)


class Prelinker:
    """The linking process of one build (a ``sitedata.background`` job) and, once it has
    finished, the pages now in the output with the keys they had in the last build."""

    def __init__(self, folder: Path, output: Path) -> None:
        self.pages = read_manifest(folder)
        self.linked: dict[str, str] | None = None
        self.process: subprocess.Popen | None = None
        if self.pages:
            command = [sys.executable, __file__, str(folder), str(output)]
            self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def wait(self) -> dict[str, str]:
        if self.linked is None:
            missing: list[str] = []
            if self.process is not None:
                printed, errors = self.process.communicate()
                if self.process.returncode:
                    raise PrelinkError(f"Linking cached pages failed: {errors.strip() or printed.strip()}")
                missing = json.loads(printed)
            gone = set(missing)
            self.linked = {name: key for name, key in self.pages.items() if name not in gone}
        return self.linked

    def stop(self) -> None:
        """A failed build: end the process before its output folder is removed."""
        if self.process is not None and self.linked is None:
            self.process.kill()
            self.process.communicate()
            self.linked = {}


def main(argv: list[str]) -> None:
    folder, output = argv
    missing = link_all(read_manifest(Path(folder)), folder, output)
    print(json.dumps(missing))


if __name__ == "__main__":
    main(sys.argv[1:])
