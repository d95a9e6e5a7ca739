"""Serialised VEVENTs kept between builds in one file, under a key of what they are made from.

Working out an event's properties (German dates, descriptions) costs about as much as
serialising it, so the key does not use the properties: it hashes their sources instead —
the course's file, the other data files (network, nodes, topics, partners), the event's ids,
variant and git revision, and the code and library versions. Changing any of them changes
the key, so a cached event is always the one a fresh serialisation would give.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sitedata.cachefiles import fingerprint, read_pickled, write_pickled

from .revisions import Revision


class EventCache:
    def __init__(self, file: Path, data_dir: Path, code_dirs: list[Path]) -> None:
        self.file = file
        self.courses = data_dir / "courses"
        # Each course's own file is hashed per event (see key); the rest of the data here.
        packages = ("icalendar", "babel", "pydantic")
        self.salt = fingerprint([*code_dirs, data_dir], packages, skip=self.courses).digest()
        self.course_digests: dict[str, bytes] = {}
        self.known: dict[bytes, bytes] = read_pickled(file)
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
        """Keep exactly this build's events."""
        if self.used.keys() != self.known.keys():
            write_pickled(self.file, self.used)
