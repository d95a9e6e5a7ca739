"""Serialised VEVENTs kept between builds in one file, under a key of what they are made from.

Working out an event's properties (German dates, descriptions) costs about as much as
serialising it, so the key does not use the properties: it hashes their sources instead —
the course's file, the other data files (network, nodes, topics, partners), the event's ids,
variant and git revision, and the code and library versions. Changing any of them changes
the key, so a cached event is always the one a fresh serialisation would give.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
from pathlib import Path

from .revisions import Revision


class EventCache:
    def __init__(self, file: Path, data_dir: Path, code_dirs: list[Path]) -> None:
        self.file = file
        self.courses = data_dir / "courses"
        salt = hashlib.sha256()
        for package in ("icalendar", "babel", "pydantic"):
            salt.update(f"{package}={importlib.metadata.version(package)}\0".encode())
        for folder in code_dirs:
            for path in sorted(folder.rglob("*.py")):
                salt.update(path.as_posix().encode() + b"\0" + path.read_bytes())
        for path in sorted(data_dir.rglob("*.yml")):
            if not path.is_relative_to(self.courses):
                salt.update(path.as_posix().encode() + b"\0" + path.read_bytes())
        self.salt = salt.digest()
        self.course_digests: dict[str, bytes] = {}
        try:
            self.known: dict[bytes, bytes] = pickle.loads(file.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, ValueError):
            self.known = {}
        self.used: dict[bytes, bytes] = {}

    def key(self, course_id: str, run_id: str, session_id: str, revision: Revision, compact: bool) -> bytes:
        if course_id not in self.course_digests:
            source = (self.courses / f"{course_id}.yml").read_bytes()
            self.course_digests[course_id] = hashlib.sha256(source).digest()
        ids = repr((course_id, run_id, session_id, revision, compact)).encode()
        return hashlib.sha256(self.salt + self.course_digests[course_id] + ids).digest()

    def get(self, key: bytes) -> bytes | None:
        data = self.known.get(key)
        if data is not None:
            self.used[key] = data
        return data

    def put(self, key: bytes, data: bytes) -> None:
        self.used[key] = data

    def save(self) -> None:
        """Keep exactly this build's events (atomically: a build never reads half a file)."""
        if self.used.keys() == self.known.keys():
            return
        self.file.parent.mkdir(parents=True, exist_ok=True)
        partial = self.file.with_name(f"{self.file.name}.{os.getpid()}")
        partial.write_bytes(pickle.dumps(self.used))
        partial.replace(self.file)
