"""The calendar files of the last build, reused while nothing they are made from has changed.

The calendars and courses.json are made from data/, git's history of the courses, the
settings and the code, never from news or pages. After a news edit all ~1,000 files came out
as before, yet the writer made them again in every build (~0.9 CPU s at 1,000 courses, beside
the page workers and the search indexer). The files are kept in CACHE_PATH/calendars/<key>,
the key a hash of all those inputs, and linked into the output while the key stays the same.
Only the last build's files are kept.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from sitedata.cachefiles import fingerprint, link_or_copy, settings_fingerprint
from sitedata.integration import VOLATILE_SETTINGS
from sitedata.loader import Project

PACKAGES = ("icalendar", "babel", "pydantic")


def files_key(settings: dict, project: Project, histories: dict, code: Iterable[Path]) -> str:
    """A hash of the code, the settings (today among them), every data file and the courses' histories."""
    digest = fingerprint(code, PACKAGES)
    digest.update(settings_fingerprint(settings, VOLATILE_SETTINGS))
    data = os.path.join(project.data_dir, "")
    for path, source in sorted(project.digests.items()):
        if path.startswith(data):  # the loader hashed each file's bytes as it read them
            digest.update(path.encode() + b"\0" + source)
    digest.update(repr(histories).encode())  # commit times: SEQUENCE, CREATED, LAST-MODIFIED
    return digest.hexdigest()


class CalendarFiles:
    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.key = key

    def restore(self, output: Path) -> bool:
        """Link the files kept under this key into ``output``; false if there are none."""
        kept = self.folder / self.key
        if not kept.is_dir():
            return False
        shutil.copytree(kept, output, copy_function=link_or_copy, dirs_exist_ok=True)
        return True

    def store(self, output: Path, written: list[str]) -> None:
        """Keep the files just written (paths relative to ``output``) under this key, and no others."""
        unfinished = self.folder / f".{self.key}.new"
        shutil.rmtree(unfinished, ignore_errors=True)  # left by a build that was stopped
        for path in written:
            (unfinished / path).parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(output / path, unfinished / path)
        for stale in self.folder.iterdir():
            if stale != unfinished:
                shutil.rmtree(stale, ignore_errors=True)
        unfinished.rename(self.folder / self.key)  # whole sets only: a stopped build leaves none
