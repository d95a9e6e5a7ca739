"""Reuse Pelican's news and page objects between builds, under a key of what they are made from.

Pelican makes an object for every news item on every build. With the front matter validated
and the Markdown cached, making 5,000 of them (paths, URLs, dates, signals) still cost 2–3 s
of every edit build, on one core. An object depends on its file, the settings, our plugins'
code, the package versions and the date (Pelican turns news dated after today into drafts by
the clock), and on nothing else: the reader takes only the file's validated front matter and
body. The key covers exactly that, so a reused object is the one a fresh read would make.

Pelican's own generator cache (``CONTENT_CACHING_LAYER = "generator"``) is not used: it checks
each file's stamp but neither the settings nor the code, and pickles every object together with
the settings and the whole context. Here an object is pickled as soon as it is made, before
later steps attach anything to it, with the settings and context left out (persistent ids)
and this build's attached when it is loaded. What ``content_object_init`` receivers stored on
it (``keep_urls``) is kept with it: they ran when the object was made.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import pickle
from pathlib import Path

from pelican.contents import Content

from .cachefiles import fingerprint, read_pickled, settings_fingerprint, write_pickled
from .integration import VOLATILE_SETTINGS
from .loader import project_for

FORMAT = "1"  # bump when what is stored changes
PACKAGES = ("pelican", "markdown", "pydantic", "babel", "python-slugify")
SETTINGS, CONTEXT = "settings", "context"  # persistent ids


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, shared: dict[int, str]) -> None:
        super().__init__(file, pickle.HIGHEST_PROTOCOL)
        self.shared = shared

    def persistent_id(self, obj: object) -> str | None:
        return self.shared.get(id(obj))


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, shared: dict[str, object]) -> None:
        super().__init__(file)
        self.shared = shared

    def persistent_load(self, pid: str) -> object:
        return self.shared[pid]


class ContentCache:
    """Stands in for a Pelican generator's own cache methods (see ``attach``)."""

    def __init__(self, generator) -> None:
        settings = generator.settings
        self.base = generator.path
        self.file = Path(settings["CACHE_PATH"]) / f"{type(generator).__name__}.objects.pickle"
        self.digests = project_for(settings).digests  # the loader hashed every file as it read it
        self.salt = _salt(settings)
        self.to_pickle = {id(settings): SETTINGS, id(generator.context): CONTEXT}
        self.to_attach = {SETTINGS: settings, CONTEXT: generator.context}
        stored = read_pickled(self.file)
        self.known: dict[str, tuple[bytes, bytes]] = (
            stored.get("objects", {}) if stored.get("salt") == self.salt else {}
        )
        self.used: dict[str, tuple[bytes, bytes]] = {}

    @classmethod
    def attach(cls, generator) -> None:
        """Let ``generator`` (Pelican's articles or pages generator) look up and store its objects here.

        Pelican's generators ask their cache for every file before reading it, and hand it every
        object they made, through these methods; by default they are no-ops (no generator cache).
        """
        if not generator.settings.get("CONTENT_OBJECT_CACHE"):
            return
        cache = cls(generator)
        generator.get_cached_data = cache.get
        generator.cache_data = cache.put
        generator.save_cache = cache.save

    def get(self, path: str, default: Content | None = None) -> Content | None:
        key = self._key(path)
        entry = self.known.get(path)
        if key is None or entry is None or entry[0] != key:
            return default
        try:
            content = _Unpickler(io.BytesIO(entry[1]), self.to_attach).load()
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, KeyError, ValueError):
            return default  # an entry that cannot be read is made afresh
        self.used[path] = entry
        return content

    def put(self, path: str, content: Content) -> None:
        key = self._key(path)
        if key is None:
            return
        data = io.BytesIO()
        try:
            _Pickler(data, self.to_pickle).dump(content)
        except (pickle.PicklingError, TypeError, AttributeError):
            return  # something a plugin attached cannot be pickled: this object is made every build
        self.used[path] = (key, data.getvalue())

    def save(self) -> None:
        """Keep exactly this build's objects."""
        if self.used != self.known:
            write_pickled(self.file, {"salt": self.salt, "objects": self.used})
        self.known = self.used = {}

    def _key(self, path: str) -> bytes | None:
        # Pelican names files relative to its content folder; the loader by their full path.
        # A file the loader did not read is not part of the project: Pelican reads it as ever.
        return self.digests.get(os.path.join(self.base, path))


def _clock_date() -> dt.date:
    """The date Pelican's Article compares news dates with (the clock, not the TODAY setting)."""
    return dt.date.today()


def _salt(settings: dict) -> bytes:
    digest = fingerprint([Path(p) for p in settings.get("PLUGIN_PATHS", [])], PACKAGES)
    digest.update(f"{FORMAT}\0{_clock_date().isoformat()}\0".encode())
    digest.update(settings_fingerprint(settings, VOLATILE_SETTINGS))
    return digest.digest()
