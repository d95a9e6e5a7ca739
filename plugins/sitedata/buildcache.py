"""The build's own cache, beside Pelican's content cache: entries that can only save time.

Every entry is found by a key made from the inputs its value is made from (``key``), inside the
cache folder of this configuration (``settings.cache_folder``: settings, plugin code, installed
packages), so an entry is only reused by a build that would make the same value. A missing,
half-written or unreadable entry is a miss, and the value is made afresh. Each build keeps only
the entries it used.

What is cached, and why (docs/performance.md): parsed and validated source files, serialised
calendar events, and the parts of the search index.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from .folders import FileWriter, files_below


def key(*inputs: str | bytes) -> str:
    """A SHA-256 of the inputs, each length-prefixed so that no two lists of inputs collide."""
    digest = hashlib.sha256()
    for value in inputs:
        data = value.encode() if isinstance(value, str) else value
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


class Entries:
    """One kind of small entry (a parsed file, a serialised event): pickled together in one file."""

    def __init__(self, folder: Path, kind: str) -> None:
        self.file = folder / f"{kind}.pickle"
        try:
            self.known: dict[str, bytes] = pickle.loads(self.file.read_bytes())
        except Exception:  # no file yet, or one a stopped build left half-written: start empty
            self.known = {}
        self.used: dict[str, bytes] = {}

    def get(self, entry_key: str) -> object | None:
        data = self.known.get(entry_key)
        if data is None:
            return None
        try:
            value = pickle.loads(data)
        except Exception:
            return None
        self.used[entry_key] = data
        return value

    def put(self, entry_key: str, value: object) -> None:
        self.used[entry_key] = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)

    def save(self) -> None:
        """Keep exactly the entries this build used, written aside and renamed into place."""
        if self.used.keys() != self.known.keys():
            _replace(self.file, lambda partial: partial.write_bytes(pickle.dumps(self.used)))


class Folders:
    """One kind of entry that is a folder of files (a part of the search index).

    Beside each folder, the SHA-256 of its files as they were made: a folder damaged since (a full
    disk, a killed build, a stray edit) is a miss and is made afresh, never published as it is.
    """

    def __init__(self, folder: Path, kind: str) -> None:
        self.folder = folder / kind

    def get(self, entry_key: str) -> Path | None:
        return self.folder / entry_key if self._intact(entry_key) else None

    def copy(self, entry_key: str, destination: Path) -> bool:
        """Copy the entry's files into ``destination`` (which may hold others), checking them on
        the way, so that each file is read once. False for a missing or damaged entry, whose files
        are then removed from ``destination`` again."""
        copy = FileWriter(destination)
        if self._intact(entry_key, copy):
            return True
        for path in copy.written:
            os.unlink(path)
        return False

    def _intact(self, entry_key: str, copy: FileWriter | None = None) -> bool:
        entry = self.folder / entry_key
        if not entry.is_dir():
            return False
        try:
            intact = self._manifest(entry_key).read_text() == _folder_digest(entry, copy)
        except OSError:
            intact = False
        if not intact:
            shutil.rmtree(entry, ignore_errors=True)
        return intact

    def put(self, entry_key: str, make: Callable[[Path], None]) -> Path:
        """The folder ``make`` fills, kept under ``entry_key`` (whole or not at all)."""
        entry = self.folder / entry_key
        _replace(entry, make)
        _replace(self._manifest(entry_key), lambda partial: partial.write_text(_folder_digest(entry)))
        return entry

    def keep_only(self, keys: Iterable[str]) -> None:
        if self.folder.is_dir():
            kept = {name for entry_key in keys for name in (entry_key, self._manifest(entry_key).name)}
            for stale in set(os.listdir(self.folder)) - kept:
                stale_path = self.folder / stale
                if stale_path.is_dir():
                    shutil.rmtree(stale_path, ignore_errors=True)
                else:
                    stale_path.unlink(missing_ok=True)

    def _manifest(self, entry_key: str) -> Path:
        return self.folder / f"{entry_key}.sha256"


def _folder_digest(folder: Path, copy: FileWriter | None = None) -> str:
    """The SHA-256 of the folder's files and their names. ``copy``: each file is also written
    there as it is read."""
    digest = hashlib.sha256()
    for name in files_below(folder):
        with open(os.path.join(folder, name), "rb") as file:
            data = file.read()
        digest.update(name.encode() + b"\0" + data + b"\0")
        if copy is not None:
            copy.write(name, data)
    return digest.hexdigest()


def _replace(target: Path, make: Callable[[Path], None]) -> None:
    """Make ``target`` beside itself and rename it into place: nobody ever reads half an entry."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    make(partial)
    if target.is_dir():
        shutil.rmtree(target)
    os.replace(partial, target)
