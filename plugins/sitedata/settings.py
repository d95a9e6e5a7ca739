"""Our own settings, checked like data: a typo or a wrong value stops the build with the key named.

Pelican accepts any upper-case name in a settings file; a misspelt ``CALENDAR_RETENTION_DAY``
would simply be ignored. Every upper-case key must therefore be one of Pelican's or one
declared in ``SiteSettings``, and ours must have the declared type.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sys
import time
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .problems import did_you_mean
from .rendering import DEFAULT_SECONDS


class SiteSettings(BaseModel):
    """The settings this engine adds to Pelican's (defaults as in pelicanconf.py)."""

    model_config = ConfigDict(extra="forbid")

    DATA_PATH: str = "data"  # our YAML, beside the content folder
    TODAY: dt.date | None = None  # what counts as today; None: the real date
    SITEURL_FROM_NETWORK: bool = False  # publishconf.py: absolute URLs from data/network.yml
    CALENDAR_RETENTION_DAYS: int = Field(90, ge=0)  # past sessions stay this long in subscriptions
    CALENDAR_MAX_BYTES: int = Field(1_000_000, gt=0)  # Google Calendar refuses larger subscriptions
    CALENDAR_HISTORY_REQUIRED: bool = False  # publishconf.py: refuse to publish SEQUENCE without full git history
    SEARCH_PAGES_PER_INDEX: int = Field(1_000, gt=0)  # Pagefind indexes this many pages per part
    PREVIEW: bool = False  # invoke serve: drafts and news still to come on their own pages, marked
    MARKDOWN_TIME_LIMIT: float = Field(DEFAULT_SECONDS, gt=0)  # seconds per Markdown text (rendering.py)
    CMS_LOCAL_BACKEND: str | None = None  # invoke cms: decap-server's API address, for /admin/

    @classmethod
    def of(cls, settings: dict) -> SiteSettings:
        """Our settings out of Pelican's; raises ``ValidationError`` for a wrong value."""
        return cls.model_validate({key: settings[key] for key in cls.model_fields if key in settings})


# Pelican's own settings that its defaults do not list: per-kind URLs, save paths and feeds, and
# what its command line sets.
_PELICAN_DERIVED = re.compile(r"[A-Z_]+_(SAVE_AS|URL|FEED_ATOM|FEED_RSS)")
_PELICAN_EXTRA = {"FEED_DOMAIN", "TIMEZONE", "DEBUG", "EXTRA_TEMPLATES_PATHS", "PLUGIN_PATH", "WRITE_SELECTED"}


class SettingsError(ValueError):
    """A setting that is unknown or has the wrong value; the message names it."""


def check_settings(settings: dict) -> SiteSettings:
    known = set(DEFAULT_CONFIG) | set(SiteSettings.model_fields) | _PELICAN_EXTRA
    for key in sorted(settings):
        if key.isupper() and key not in known and not _PELICAN_DERIVED.fullmatch(key):
            raise SettingsError(
                f"Unbekannte Einstellung {key}{did_you_mean(key, sorted(known))} – "
                "bitte in pelicanconf.py oder bei --setting den Namen prüfen."
            )
    try:
        return SiteSettings.of(settings)
    except ValidationError as error:
        problem = error.errors()[0]
        key = ".".join(map(str, problem["loc"]))
        raise SettingsError(f"Einstellung {key}: ungültiger Wert {settings.get(key)!r} – {problem['msg']}") from None


# Settings that name this build's own folders or day: they do not change what Pelican reads.
_VOLATILE = frozenset({"OUTPUT_PATH", "CACHE_PATH", "TODAY"})


def cache_folder(settings: dict, plugin_paths: list[Path]) -> Path:
    """A folder of CACHE_PATH for this configuration: settings, plugin code and installed packages.

    Pelican's content cache checks each source file's stamp, not the code or settings that read
    it; a cache folder of its own per configuration means an entry is only ever reused by the
    configuration that made it. Tests, local builds and ``invoke publish`` never share one.
    """
    digest = hashlib.sha256()
    plain = {key: value for key, value in settings.items() if key.isupper() and key not in _VOLATILE}
    digest.update(json.dumps(plain, sort_keys=True, default=_stable).encode())
    for folder in plugin_paths:
        for path in sorted(folder.rglob("*.py")):
            if "__pycache__" not in path.parts and not path.name.startswith("test_"):
                digest.update(path.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update("\n".join(installed_packages()).encode())
    return Path(settings["CACHE_PATH"]) / digest.hexdigest()[:16]


# A configuration's folder that no build has used for this long is removed (see used_cache_folder).
UNUSED_CACHE_DAYS = 7
_CONFIGURATION_FOLDER = re.compile(r"[0-9a-f]{16}")  # the names cache_folder gives


def used_cache_folder(folder: Path) -> None:
    """Mark ``folder`` as used now, and remove the other configurations' folders beside it that no
    build has used for UNUSED_CACHE_DAYS days.

    Every change of code, settings or packages makes a new folder (a large site's is ~80 MB), and
    nothing else would ever remove the old ones. A week keeps the few an editor's machine uses in
    turn (build, preview, publish) and never touches one a running build may still use; nothing
    beside them but such folders is touched.
    """
    folder.mkdir(parents=True, exist_ok=True)
    os.utime(folder)
    oldest = time.time() - UNUSED_CACHE_DAYS * 86400
    for other in folder.parent.iterdir():
        own = other != folder and _CONFIGURATION_FOLDER.fullmatch(other.name) and not other.is_symlink()
        if own and other.is_dir() and other.stat().st_mtime < oldest:
            shutil.rmtree(other, ignore_errors=True)


def installed_packages() -> list[str]:
    """Every installed distribution as its metadata folder's name, which holds name and version.

    The folder names say what ``importlib.metadata`` would say, without parsing every METADATA
    file (most of a small site's cache key).
    """
    return sorted(
        entry.name
        for folder in map(Path, sys.path)
        if folder.is_dir()
        for entry in folder.iterdir()
        if entry.name.endswith((".dist-info", ".egg-info"))
    )


def _stable(value: object) -> str:
    """JSON for setting values that are not JSON: dates by value, sets sorted, code by name."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return json.dumps(sorted(map(str, value)))
    return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}"
