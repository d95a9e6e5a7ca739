"""What git knows about data/: every committed version of the files that reach a calendar event.

Three git calls in all, whatever the length of the history: ``rev-parse`` (is this a clone, a
shallow one?), one ``log`` that names every changed file per commit, and one ``cat-file --batch``
that reads all their old bytes. revisions.py turns them into SEQUENCE values.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterable
from pathlib import Path

from sitedata.loader import DATA_SUFFIX

UTC = dt.UTC


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotePath=false", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            check=False,
        )
    except OSError:  # git not installed
        return None
    return done.stdout if done.returncode == 0 else None


# Files under data/ whose content reaches a calendar event.
EVENT_SOURCES = ("courses/", "nodes/", "venues/", "partners.yml", "topics.yml")


def committed_changes(data: Path) -> tuple[list[tuple[dt.datetime, list[tuple[str, bytes | None]]]], bool, str]:
    """Every first-parent commit that changed a course, node, partners.yml or topics.yml, oldest
    first, with the new bytes of each changed file (None: deleted), by path below ``data``;
    whether that is the whole history, and if not, why (German). Three git calls in all."""
    if not (data / "courses").is_dir():
        return [], True, ""  # no courses, nothing to count
    top = _git(data, "rev-parse", "--show-toplevel")
    if top is None:
        return [], False, "Der Ordner ist kein git-Klon (oder git fehlt)"
    root = Path(top.decode().strip()).resolve()
    try:
        relative = data.resolve().relative_to(root).as_posix()
    except ValueError:
        return [], False, "data/ liegt außerhalb des git-Klons"
    if (_git(root, "rev-parse", "--is-shallow-repository") or b"").strip() == b"true":
        complete, gap = False, "Der Klon ist flach (git clone --depth) und kennt nicht alle Versionen"
    else:
        complete, gap = True, ""
    sources = [f"{relative}/{source}" for source in EVENT_SOURCES]
    log = _git(
        root, "log", "--first-parent", "--diff-merges=first-parent", "--format=%x00%H %ct", "--name-only", "--",
        *sources,
    )  # fmt: skip
    if not log:
        return [], complete, gap
    wanted: list[tuple[str, dt.datetime, str]] = []  # (commit, time, path below data/)
    for record in log.decode().split("\x00")[1:]:
        header, _, names = record.partition("\n")
        commit, stamp = header.split()
        when = dt.datetime.fromtimestamp(int(stamp), UTC)
        for name in names.split("\n"):
            below = name.removeprefix(f"{relative}/")
            folder, _, file_name = below.rpartition("/")
            if (folder in ("courses", "nodes", "venues") and file_name.endswith(DATA_SUFFIX)) or below in EVENT_SOURCES:
                wanted.append((commit, when, below))
    blobs = _cat_files(root, [f"{commit}:{relative}/{name}" for commit, _, name in wanted])
    commits: list[tuple[dt.datetime, list[tuple[str, bytes | None]]]] = []
    last = None
    for (commit, when, name), blob in zip(reversed(wanted), reversed(blobs), strict=True):
        if commit != last:
            commits.append((when, []))
            last = commit
        commits[-1][1].append((name, blob))
    return commits, complete, gap


def _cat_files(root: Path, specs: Iterable[str]) -> list[bytes | None]:
    specs = list(specs)
    if not specs:
        return []
    out = _git(root, "cat-file", "--batch", stdin="".join(f"{spec}\n" for spec in specs).encode())
    if out is None:
        return [None] * len(specs)
    blobs: list[bytes | None] = []
    position = 0
    for _ in specs:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            blobs.append(out[position : position + size])
            position += size + 1  # the blob is followed by a newline
        else:  # "<spec> missing"
            blobs.append(None)
    return blobs


def file_history(folder: Path, names: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
    """Every committed version of these files (paths below ``folder``), following renames: by
    name, newest first, as (the file's path below ``folder`` then, its blob id). One git call;
    empty outside a git clone. (Redirects from a news item's or page's earlier addresses.)"""
    log = _git(
        folder, "log", "--first-parent", "--diff-merges=first-parent", "-M", "--raw", "--no-abbrev", "--relative",
        "--format=%x00", "--", ".",
    )  # fmt: skip
    if not log:
        return {}
    current = {name: name for name in names}  # the path each file had in the commit being read → name now
    found: dict[str, list[tuple[str, str]]] = {}
    for record in log.decode().split("\x00")[1:]:
        for line in record.splitlines():
            if not line.startswith(":"):
                continue
            fields, *paths = line.split("\t")
            _, _, _, blob, status = fields.split()
            if status.startswith("D") or not paths:
                continue
            name = current.get(paths[-1])
            if name is None:
                continue
            found.setdefault(name, []).append((paths[-1], blob))
            if status.startswith("R"):  # older commits know it by its old path
                current[paths[0]] = current.pop(paths[-1])
            elif status.startswith(("A", "C")):  # no older version
                del current[paths[-1]]
    return found


def uncommitted(folder: Path) -> set[str]:
    """The files below ``folder`` whose bytes differ from the last commit (paths below ``folder``)."""
    diff = _git(folder, "diff", "--name-only", "--relative", "HEAD", "--", ".")
    return set(diff.decode().splitlines()) if diff else set()


def read_blobs(folder: Path, blobs: Iterable[str]) -> list[bytes | None]:
    """The bytes of these git objects (None: unknown), in one git call from inside ``folder``'s clone."""
    return _cat_files(folder, blobs)
