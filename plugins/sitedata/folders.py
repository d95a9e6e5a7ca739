"""The files below a folder, listed and written fast: the search index, the sitemap, the calendars
and the build cache walk or write thousands of files on every build."""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path


def files_below(folder: Path, suffix: str = "", skipped_folders: Collection[str] = ()) -> list[str]:
    """Every file below ``folder`` whose name ends with ``suffix``, as a path relative to it with
    ``/``, sorted folder by folder as pathlib sorts ("a/x" before "a-b/x"); ``skipped_folders``:
    folders directly in ``folder`` that are left out.

    ``os.walk`` and plain strings: pathlib's ``rglob`` and sorting cost several times as much."""
    names, root = [], str(folder)
    for current, subfolders, files in os.walk(root):
        if current == root:
            subfolders[:] = [name for name in subfolders if name not in skipped_folders]
            prefix = ""
        else:
            prefix = current[len(root) + 1 :].replace(os.sep, "/") + "/"
        names += [prefix + name for name in files if name.endswith(suffix)]
    return sorted(names, key=lambda name: name.split("/"))


class FileWriter:
    """Writes files below ``folder`` by relative path, each subfolder made once (thousands of files
    in a few folders); ``written``: every file opened for writing, for a caller that must remove them."""

    def __init__(self, folder: Path) -> None:
        self.folder = str(folder)
        self.made: set[str] = set()
        self.written: list[str] = []

    def write(self, name: str, data: bytes) -> None:
        target = os.path.join(self.folder, name)
        if (parent := os.path.dirname(target)) not in self.made:
            os.makedirs(parent, exist_ok=True)
            self.made.add(parent)
        with open(target, "wb") as file:
            self.written.append(target)
            file.write(data)
