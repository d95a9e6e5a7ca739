"""What may stand in content/ and data/: only plain files and folders, in known places.

Everything the build reads or publishes comes from these two folders, so anything in them that
could lead outside the site (a symbolic link, a device, a FIFO or socket) is refused, and so is
anything the build would silently skip (a renamed folder, a stray file): an editor who renames
``data/courses/`` must not get a site without courses and no word about it. Looked at with
``lstat`` only: nothing is followed, opened or read here.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from .problems import Problem, visible

MAX_NAME_LENGTH = 100  # characters of a file or folder name; longer names break archives and some servers

# What data/ holds: these files, and folders of one record per file.
DATA_FILES = ("network.yml", "partners.yml", "topics.yml")
RECORD_FOLDERS = ("nodes", "venues", "courses")
MAP_FOLDER = "map"  # data/map/: region outlines (GeoJSON) for the node map, with their licence in a README
IDENTITY_FOLDER = "identity"  # data/identity/: the network's logo (SVG)
TEXT_FOLDERS = ("news", "pages")  # content/: Markdown files, one per news item or page


def ignored(name: str) -> bool:
    """Hidden files and READMEs are neither read nor published (Pelican's IGNORE_FILES)."""
    return name.startswith(".") or name.lower() == "readme.md"


class SourceTree:
    """Walks content/ and data/ once; ``problems`` says what is refused, ``refused`` which paths."""

    def __init__(self, content_dir: Path, data_dir: Path, static_dirs: Iterable[str], display: Callable) -> None:
        self.display = display
        self.problems: list[Problem] = []
        self.refused: set[Path] = set()
        self._level(
            data_dir,
            files=DATA_FILES,
            folders={**dict.fromkeys(RECORD_FOLDERS, False), MAP_FOLDER: True, IDENTITY_FOLDER: True},
        )
        static = {name.strip("/"): True for name in static_dirs}
        self._level(content_dir, files=(), folders={**dict.fromkeys(TEXT_FOLDERS, False), **static})

    def _level(self, folder: Path, files: Iterable[str], folders: dict[str, bool]) -> None:
        """The top of data/ or content/: only the named files and folders (``True``: walked whole)."""
        for entry in self._entries(folder):
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False) and entry.name in folders:
                self._walk(path, whole=folders[entry.name])
            elif entry.is_file(follow_symlinks=False) and entry.name in files:
                continue
            else:
                known = [*files, *(f"{name}/" for name in folders)]
                self._refuse(
                    path,
                    "wird nicht gelesen: unbekannte Datei oder unbekannter Ordner",
                    f"nur {', '.join(f'„{name}“' for name in known)} in {self.display(folder)}/ "
                    "(verschoben oder umbenannt?)",
                )

    def _walk(self, folder: Path, whole: bool) -> None:
        """One folder of records or texts (its own check says which files fit), or a static folder, walked whole."""
        for entry in self._entries(folder):
            if whole and entry.is_dir(follow_symlinks=False):
                self._walk(Path(entry.path), whole)

    def _entries(self, folder: Path) -> list[os.DirEntry]:
        """The plain entries of ``folder``; the others are refused here."""
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as error:
            self._refuse(folder, f"Ordner kann nicht gelesen werden ({error.strerror})", "einen lesbaren Ordner")
            return []
        plain = []
        for entry in entries:
            if ignored(entry.name):
                continue
            if refusal := _refusal(entry):
                self._refuse(Path(entry.path), *refusal)
            else:
                plain.append(entry)
        return plain

    def _refuse(self, path: Path, message: str, expected: str) -> None:
        self.refused.add(path)
        self.problems.append(Problem(self.display(path), None, "", message, expected))


def _refusal(entry: os.DirEntry) -> tuple[str, str] | None:
    """Why this entry is refused (message, what is expected instead), or None for a plain one."""
    mode = entry.stat(follow_symlinks=False).st_mode
    if stat.S_ISLNK(mode):
        return "symbolische Verknüpfungen werden nicht gelesen", "eine echte Datei"
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return "ist keine normale Datei (Gerät, FIFO oder Socket)", "eine normale Datei oder einen Ordner"
    if len(entry.name) > MAX_NAME_LENGTH:
        return f"Name ist zu lang ({len(entry.name)} Zeichen)", f"höchstens {MAX_NAME_LENGTH} Zeichen"
    if visible(entry.name) != entry.name:
        return (
            "Name enthält ein unsichtbares Zeichen oder Steuerzeichen",
            "einen Namen aus sichtbaren Zeichen (das Zeichen löschen, oft beim Kopieren entstanden)",
        )
    return None


def folders_outside(content_dir: Path, data_dir: Path) -> list[Problem]:
    """content/ and data/ themselves must be real folders of the site (the folder that holds content/)."""
    site = content_dir.absolute().parent.resolve()
    return [
        Problem(
            str(folder),
            None,
            "",
            "Ordner ist eine symbolische Verknüpfung oder liegt außerhalb der Website",
            f"einen echten Ordner in {site}",
        )
        for folder in (content_dir.absolute(), data_dir.absolute())
        if folder.is_symlink() or not _inside(folder.resolve(), site)
    ]


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def foreign_static(path: Path, content_dir: Path) -> str | None:
    """Why Pelican must not copy this static file, or None: it must be a plain file below content/,
    reached through plain folders (a link made after the check, or a ``{static}`` link with ``..``)."""
    resolved_folder = content_dir.resolve()
    absolute = Path(os.path.normpath(path if path.is_absolute() else content_dir / path))
    if not _inside(absolute, content_dir) and not _inside(absolute, resolved_folder):
        return "liegt außerhalb von content/"
    base = content_dir if _inside(absolute, content_dir) else resolved_folder
    current = base
    for part in absolute.relative_to(base).parts:
        current = current / part
        try:
            mode = current.lstat().st_mode
        except OSError:
            return "fehlt"
        if stat.S_ISLNK(mode):
            return "ist eine symbolische Verknüpfung oder liegt in einer"
    if not stat.S_ISREG(mode):
        return "ist keine normale Datei"
    return None
