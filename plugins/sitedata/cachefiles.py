"""Small helpers for the build caches in CACHE_PATH: fingerprints of inputs, and pickled files.

Every cache is keyed by a hash of what its entries are made from, so an entry can never be
stale; these helpers keep the hashing and the file handling the same everywhere.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import pickle
import shutil
from collections.abc import Iterable
from pathlib import Path


def fingerprint(folders: Iterable[Path], packages: Iterable[str] = (), skip: Path | None = None):
    """A SHA-256 (still open for more input) of package versions and every file below ``folders``,
    by path and bytes; ``__pycache__`` and anything below ``skip`` are left out."""
    digest = hashlib.sha256()
    for package in packages:
        digest.update(f"{package}={importlib.metadata.version(package)}\0".encode())
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts or (skip and path.is_relative_to(skip)):
                continue
            digest.update(path.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest


def settings_fingerprint(settings: dict, volatile: Iterable[str]) -> bytes:
    """A SHA-256 of Pelican's settings by value, but for ``volatile`` ones (paths of this build,
    objects handed between plugins). Functions count by name only: keep what a cached thing is
    made from out of functions in the settings files (plugins' code is hashed by ``fingerprint``)."""
    plain = {k: v for k, v in settings.items() if k.isupper() and k not in volatile}
    return hashlib.sha256(json.dumps(plain, sort_keys=True, default=_plain).encode()).digest()


def _plain(value: object) -> object:
    """JSON for setting values that are not JSON: dates by value, sets sorted, functions by name."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(map(str, value))
    text = getattr(value, "__qualname__", None) or repr(value)
    if " at 0x" in text:
        # A repr with a memory address differs in every build: no cache entry would ever be reused.
        raise TypeError(f"setting value {text} has no stable form; add its key to VOLATILE_SETTINGS")
    return text


def read_pickled(file: Path | None) -> dict:
    """A cache file's dictionary; empty when there is none or it cannot be read (build afresh)."""
    try:
        return pickle.loads(file.read_bytes()) if file else {}
    except (OSError, pickle.UnpicklingError, EOFError, ValueError):
        return {}


def write_pickled(file: Path, data: dict) -> None:
    """Replace ``file`` atomically: a build never reads half a cache."""
    file.parent.mkdir(parents=True, exist_ok=True)
    write_aside(file, pickle.dumps(data))


def write_aside(file: Path, data: bytes) -> None:
    """Write ``data`` to a new file beside ``file`` and rename it into place.

    Nobody ever reads half a file (a build stopped mid-write leaves only a hidden partial
    one), and a file that is a hard link into a cache is replaced, never edited through the link.
    """
    partial = file.with_name(f".{file.name}.{os.getpid()}")
    partial.write_bytes(data)
    partial.replace(file)


def link_or_copy(source: str | Path, target: str | Path) -> None:
    """``target`` as a hard link to ``source`` where the file system allows one, else a copy.

    A link is one metadata operation instead of creating and filling a file: copying 6,000
    pages into the page cache cost ~4 s of a cold build. Nothing may change a linked file in
    place afterwards (``deploy/publish.py`` writes changed pages as new files for that reason).
    """
    try:
        os.link(source, target)
    except OSError:  # another file system, or one without hard links
        shutil.copyfile(source, target)
