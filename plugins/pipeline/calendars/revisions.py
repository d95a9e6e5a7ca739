"""SEQUENCE and LAST-MODIFIED of every session, read from the course files' git history.

Calendar clients apply an update only when SEQUENCE grows, and editors should not have
to count revisions. So every committed version of a course file is compared with the
one before: a session's *significant* fingerprint (start, end, place, room, status as
calendars show it, course title, session title) changing is one revision. A working
tree that differs from the last commit counts as one more.

Without git (a copied folder, an untracked file) every session gets SEQUENCE 0 and the
fixed time ``fallback_time(today)`` (midnight UTC of the build's TODAY), so two builds
of the same input stay byte-identical. A shallow clone only knows its own commits and
may count fewer revisions than a full clone.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError
from sitedata.loader import DATA_SUFFIX, Project
from sitedata.models import Course
from sitedata.yamlsource import parse_yaml

from .status import event_state

SessionKey = tuple[str, str]  # (run id, session id)
UTC = dt.UTC


@dataclass(frozen=True)
class Revision:
    sequence: int
    created: dt.datetime  # UTC: first version that had this session (or run)
    last_modified: dt.datetime  # UTC: version of the last significant change


@dataclass(frozen=True)
class CourseHistory:
    sessions: dict[SessionKey, Revision]
    runs: dict[str, Revision]  # any change of the run, for the "new courses" feed


def fallback_time(today: dt.date) -> dt.datetime:
    """The deterministic stand-in for a commit time where there is no history."""
    return dt.datetime.combine(today, dt.time(), UTC)


def session_fingerprints(course: Course) -> dict[SessionKey, tuple]:
    """What makes a calendar entry change for its subscribers (RFC 5546 §2.1.4 plus the title)."""
    found = {}
    for run in course.runs:
        place = json.dumps(run.place.model_dump(mode="json", exclude_none=True), sort_keys=True) if run.place else ""
        for session in run.sessions:
            found[(run.id, session.id)] = (
                session.start.isoformat(),
                session.end.isoformat(),
                place,
                session.room or "",
                event_state(run.status, session.status),
                course.title,
                session.title or "",
            )
    return found


def run_fingerprints(course: Course) -> dict[str, str]:
    head = json.dumps([course.title, course.summary], ensure_ascii=False)
    return {run.id: head + run.model_dump_json() for run in course.runs}


def course_histories(project: Project, today: dt.date) -> dict[str, CourseHistory]:
    """One ``CourseHistory`` per course of the project."""
    folder = project.data_dir / "courses"
    versions = _committed_versions(folder)
    fallback = fallback_time(today)
    histories = {}
    for course_id, course in project.courses.items():
        committed = versions.get(course_id, [])
        # An uncommitted edit has no commit time: take today, but never earlier than the last commit.
        uncommitted = max(fallback, committed[-1][0] + dt.timedelta(seconds=1)) if committed else fallback
        histories[course_id] = CourseHistory(
            sessions=_track(
                [(t, session_fingerprints(c)) for t, c in committed], session_fingerprints(course), uncommitted
            ),
            runs=_track([(t, run_fingerprints(c)) for t, c in committed], run_fingerprints(course), uncommitted),
        )
    return histories


def _track(
    committed: list[tuple[dt.datetime, dict]], current: dict, uncommitted: dt.datetime
) -> dict[object, Revision]:
    """Count how often each key's fingerprint changed, oldest version first, then the working tree."""
    state: dict[object, list] = {}  # key -> [sequence, created, fingerprint, last_modified]
    for when, fingerprints in [*committed, (uncommitted, current)]:
        for key, fingerprint in fingerprints.items():
            seen = state.get(key)
            if seen is None:
                state[key] = [0, when, fingerprint, when]
            elif seen[2] != fingerprint:
                seen[0] += 1
                seen[2] = fingerprint
                seen[3] = when
    return {key: Revision(s[0], s[1], s[3]) for key, s in state.items() if key in current}


# --- git ---------------------------------------------------------------------------------------


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


def _committed_versions(folder: Path) -> dict[str, list[tuple[dt.datetime, Course]]]:
    """Every committed version of every course file, oldest first: two git calls in all."""
    if not folder.is_dir():
        return {}
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top is None:
        return {}
    root = Path(top.decode().strip()).resolve()
    try:
        relative = folder.resolve().relative_to(root).as_posix()
    except ValueError:
        return {}
    log = _git(
        root,
        "log",
        "--first-parent",
        "--diff-merges=first-parent",
        "--format=%x00%H %ct",
        "--name-only",
        "--",
        relative,
    )
    if not log:
        return {}
    wanted: list[tuple[str, dt.datetime, str]] = []  # (commit, time, path)
    for record in log.decode().split("\x00")[1:]:
        header, _, names = record.partition("\n")
        commit, stamp = header.split()
        when = dt.datetime.fromtimestamp(int(stamp), UTC)
        for name in names.split("\n"):
            path = Path(name)
            if path.parent.as_posix() == relative and path.suffix == DATA_SUFFIX:
                wanted.append((commit, when, name))
    blobs = _cat_files(root, [f"{commit}:{name}" for commit, _, name in wanted])
    versions: dict[str, list[tuple[dt.datetime, Course]]] = {}
    for (_, when, name), blob in zip(reversed(wanted), reversed(blobs), strict=True):
        course = _parse(blob, name) if blob is not None else None  # None: the commit deleted the file
        if course is not None:
            versions.setdefault(Path(name).stem, []).append((when, course))
    return versions


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


def _parse(blob: bytes, name: str) -> Course | None:
    """An old version as the model sees it; versions that no longer validate are skipped."""
    try:
        text = blob.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return None
    document = parse_yaml(text, Path(name), name, [])
    if document is None or not isinstance(document.data, dict):
        return None
    try:
        return Course.model_validate(document.data)
    except ValidationError:
        return None
