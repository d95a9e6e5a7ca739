"""SEQUENCE and LAST-MODIFIED of every session, read from the git history of data/.

Calendar clients apply an update only when SEQUENCE grows, and editors should not have
to count revisions. So every committed version of a course is compared with the one
before: a session's *fingerprint* (whatever its VEVENT tells a subscriber, see
``ics.event_content``, made with the nodes, partners and topics of that commit) changing
is one revision. A working tree that differs from the last commit counts as one more.

The count is only as good as the history. Without git (a copied folder) every session
gets SEQUENCE 0 and the fixed time ``fallback_time(today)``, so two builds of the same
input stay byte-identical; a shallow clone only knows its own commits. Either would
publish SEQUENCE values lower than the last published ones, which clients ignore: so
``History.complete`` says whether the count can be trusted, the production build refuses
to publish without it, and a local build says so (``history_problems``).

The history also shows sessions that were published and are now gone: a client that
imported them would keep them for ever, so deleting a session still to come is refused
(the editor sets its status to „abgesagt“ instead).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from catalogue.filters import date_de
from pydantic import ValidationError
from sitedata.course_model import Course
from sitedata.loader import DATA_SUFFIX, Project
from sitedata.network_model import Partners, Topics
from sitedata.place_model import Node, Venue
from sitedata.problems import Problem
from sitedata.yamlsource import parse_yaml

from .git_log import committed_changes

SessionKey = tuple[str, str]  # (run id, session id)
# (course id, course, the project as of that version) -> per session
Fingerprints = Callable[[str, Course, Project], dict[SessionKey, object]]
UTC = dt.UTC


@dataclass(frozen=True)
class Revision:
    sequence: int
    created: dt.datetime  # UTC: first version that had this session (or run)
    last_modified: dt.datetime  # UTC: version of the last significant change
    fingerprint: object  # what the working tree's version says (a session's: ``repr(ics.event_content)``)


@dataclass(frozen=True)
class CourseHistory:
    sessions: dict[SessionKey, Revision]
    runs: dict[str, Revision]  # any change of the run, for the "new courses" feed


@dataclass(frozen=True)
class Removed:
    """Sessions of a committed version that the working tree no longer has, and that are still to come."""

    course_id: str
    run_id: str
    session_ids: list[str]
    first_day: dt.date
    course_title: str
    course_exists: bool
    run_exists: bool


@dataclass(frozen=True)
class History:
    courses: dict[str, CourseHistory]
    complete: bool  # every commit of the course files is known
    gap: str = ""  # German: why not, for messages
    removed: list[Removed] = field(default_factory=list)


def fallback_time(today: dt.date) -> dt.datetime:
    """The deterministic stand-in for a commit time where there is no history."""
    return dt.datetime.combine(today, dt.time(), UTC)


def run_fingerprints(course: Course) -> dict[str, str]:
    head = json.dumps([course.title, course.summary], ensure_ascii=False)
    return {run.id: head + run.model_dump_json() for run in course.runs}


def course_history(project: Project, today: dt.date, fingerprints: Fingerprints) -> History:
    """Revisions of every course of the project, and what the history says about itself.

    An event also shows what other files say (a node's address, a topic's or provider's name):
    each committed version of a course is fingerprinted with the nodes, partners and topics as
    of that commit, and a commit that changes one of those is a new version of every course.
    """
    data = project.data_dir
    commits, complete, gap = committed_changes(data)
    # What the working tree holds, by path: a committed version with these bytes is that
    # validated record itself, not parsed again (in a clean checkout: every last version).
    current: dict[str, tuple[bytes, object]] = {}
    for kind, records in (("courses", project.courses), ("nodes", project.nodes), ("venues", project.venues)):
        for record_id, record in records.items():
            path = data / kind / f"{record_id}{DATA_SUFFIX}"
            if path.is_file():
                current[f"{kind}/{record_id}{DATA_SUFFIX}"] = (path.read_bytes(), record)
    for name, records in (("partners.yml", project.partners), ("topics.yml", project.topics)):
        if (data / name).is_file():
            current[name] = ((data / name).read_bytes(), records)

    # Replay the commits, oldest first, keeping what each file said.
    courses: dict[str, Course] = {}
    nodes: dict[str, Node] = {}
    venues: dict[str, Venue] = {}
    lists: dict[str, dict] = {"partners.yml": {}, "topics.yml": {}}
    snapshot = project
    versions: dict[str, list[tuple[dt.datetime, Course, Project]]] = {}
    for when, changes in commits:
        touched, context_changed = set(), False
        for name, blob in changes:
            record = _version(name, blob, current)
            kind, _, file_name = name.rpartition("/")
            record_id = Path(file_name).stem
            if kind == "courses":
                touched.add(record_id)
                _keep(courses, record_id, blob, record)
            elif kind in ("nodes", "venues"):
                context_changed = True
                _keep(nodes if kind == "nodes" else venues, record_id, blob, record)
            else:
                context_changed = True
                lists[name] = {} if blob is None else (record if record is not None else lists[name])
        if context_changed:
            snapshot = _as_of(project, nodes, venues, lists["partners.yml"], lists["topics.yml"])
            touched = set(courses)
        for course_id in sorted(touched):
            if course_id in courses:
                versions.setdefault(course_id, []).append((when, courses[course_id], snapshot))

    # A course's fingerprints change only with the records its events show (its nodes, their
    # hosts, its provider and topics): a commit that changed another node costs a lookup, not a
    # new fingerprint. Every record stays referenced while this runs, so ids are never reused.
    made: dict[tuple, tuple[dict, dict]] = {}

    def fingerprinted(course_id: str, course: Course, as_of: Project) -> tuple[dict, dict]:
        places = [p for run in course.runs for p in (run.place, *(s.place for s in run.sessions)) if p]
        nodes_then = [as_of.nodes.get(p.node) for p in places if p.node]
        shown = [
            *nodes_then,
            *(as_of.venues.get(p.venue) for p in places if p.venue),
            *(as_of.partners.get(node.host) for node in nodes_then if node is not None),
            as_of.partners.get(course.provider),
            *(as_of.topics.get(topic) for topic in course.topics),
        ]
        key = (id(course), *map(id, shown))
        if key not in made:
            made[key] = (fingerprints(course_id, course, as_of), run_fingerprints(course))
        return made[key]

    fallback = fallback_time(today)
    histories = {}
    for course_id, course in project.courses.items():
        committed = [(t, fingerprinted(course_id, c, as_of)) for t, c, as_of in versions.get(course_id, [])]
        # An uncommitted edit has no commit time: take today, but never earlier than the last commit.
        uncommitted = max(fallback, committed[-1][0] + dt.timedelta(seconds=1)) if committed else fallback
        sessions, runs = fingerprinted(course_id, course, project)
        histories[course_id] = CourseHistory(
            sessions=_track([(t, f[0]) for t, f in committed], sessions, uncommitted),
            runs=_track([(t, f[1]) for t, f in committed], runs, uncommitted),
        )
    course_versions = {cid: [(t, c) for t, c, _ in found] for cid, found in versions.items()}
    return History(histories, complete, gap, _removed(project, course_versions, today))


def _keep(records: dict, record_id: str, blob: bytes | None, record: object) -> None:
    """A file's new version; a deleted file is gone, one that no longer validates keeps the last good one."""
    if blob is None:
        records.pop(record_id, None)
    elif record is not None:
        records[record_id] = record


def _as_of(project: Project, nodes: dict, venues: dict, partners: dict, topics: dict) -> Project:
    """The project with the nodes, venues, partners and topics of one commit; the project itself when
    they are the working tree's very objects (so the last commit and the working tree share
    their fingerprints)."""
    if (
        nodes.keys() == project.nodes.keys()
        and all(nodes[k] is project.nodes[k] for k in nodes)
        and venues.keys() == project.venues.keys()
        and all(venues[k] is project.venues[k] for k in venues)
        and partners is project.partners
        and topics is project.topics
    ):
        return project
    return dataclasses.replace(project, nodes=dict(nodes), venues=dict(venues), partners=partners, topics=topics)


def _removed(project: Project, versions: dict[str, list[tuple[dt.datetime, Course]]], today: dt.date) -> list[Removed]:
    """Sessions that ever were committed, end on or after ``today`` (as last committed) and are gone now."""
    found = []
    for course_id, committed in sorted(versions.items()):
        current = project.courses.get(course_id)
        if current is None and course_id in project.unvalidated:
            continue  # the file is there but invalid: its own problems are reported
        now = {(r.id, s.id) for r in current.runs for s in r.sessions} if current else set()
        last_seen: dict[SessionKey, tuple[dt.date, dt.date]] = {}  # key -> (first, last day) as last committed
        for _, course in committed:
            for run in course.runs:
                for session in run.sessions:
                    last_seen[(run.id, session.id)] = (session.first_day, session.last_day)
        gone: dict[str, list[tuple[dt.date, str]]] = {}
        for (run_id, session_id), (start, end) in last_seen.items():
            if (run_id, session_id) not in now and end >= today:
                gone.setdefault(run_id, []).append((start, session_id))
        title = (current or committed[-1][1]).title
        run_ids = {r.id for r in current.runs} if current else set()
        for run_id, sessions in sorted(gone.items()):
            sessions.sort()
            found.append(
                Removed(
                    course_id,
                    run_id,
                    [s for _, s in sessions],
                    sessions[0][0],
                    title,
                    current is not None,
                    run_id in run_ids,
                )
            )
    return found


def history_problems(project: Project, history: History, required: bool) -> tuple[list[Problem], str]:
    """(problems that stop the build, a note for the build's summary).

    ``required``: the production build, whose calendars subscribers keep (CALENDAR_HISTORY_REQUIRED).
    """
    problems = []
    for removed in history.removed:
        path = f"data/courses/{removed.course_id}{DATA_SUFFIX}"
        source = project.sources.get(path)
        count = len(removed.session_ids)
        ids = ", ".join(f"„{i}“" for i in removed.session_ids)
        when = date_de(removed.first_day, "medium")
        upcoming = "einem noch bevorstehenden Termin" if count == 1 else f"{count} noch bevorstehenden Terminen"
        if not removed.course_exists:
            what = f"Der Kurs „{removed.course_title}“ ({path}) mit {upcoming} wurde gelöscht oder umbenannt"
            fix = f"die Datei wiederherstellen (git checkout -- {path}) und bei der Durchführung „status: abgesagt“ setzen"
        elif not removed.run_exists:
            what = f"Die Durchführung „{removed.run_id}“ mit {upcoming} (ab {when}) wurde gelöscht"
            fix = "die Durchführung wieder eintragen und „status: abgesagt“ setzen"
        else:
            noun = f"Der Termin {ids}" if count == 1 else f"Die Termine {ids}"
            verb = "steht noch bevor und wurde" if count == 1 else "stehen noch bevor und wurden"
            what = f"{noun} der Durchführung „{removed.run_id}“ (ab {when}) {verb} gelöscht"
            fix = "den Termin wieder eintragen und „status: abgesagt“ setzen; er erscheint dann als abgesagt"
            run = next(run for run in project.courses[removed.course_id].runs if run.id == removed.run_id)
            if run.series is not None:  # its days come from the rhythm, so they are cancelled as exceptions
                fix = (
                    "die Tage wieder in die Reihe nehmen (series: first_day, last_day, extra) und unter "
                    "series: exceptions eintragen; sie erscheinen dann als abgesagt"
                )
        line = None
        if source is not None and removed.run_exists:
            runs = project.courses[removed.course_id].runs
            index = next(i for i, run in enumerate(runs) if run.id == removed.run_id)
            line = source.line_of(("runs", index))
        problems.append(
            Problem(
                path if removed.course_exists else "data/courses",
                line,
                f"runs.{removed.run_id}" if removed.course_exists else "",
                f"{what}, war aber schon veröffentlicht: Wer den Kalender abonniert oder einen Termin "
                "übernommen hat, behielte ihn sonst als gültig",
                fix,
            )
        )
    if history.complete:
        return problems, ""
    if required:
        problems.append(
            Problem(
                "data/courses",
                None,
                "",
                f"Veröffentlichen nur mit der vollständigen git-Geschichte: {history.gap}. Ohne sie fiele die "
                "Versionsnummer (SEQUENCE) geänderter Termine unter die schon veröffentlichte, und "
                "Kalenderprogramme übernähmen die Änderung nicht",
                "ein vollständiger Klon (git fetch --unshallow; in CI z. B. „fetch-depth: 0“)",
            )
        )
        return problems, ""
    note = (
        f"Hinweis: {history.gap} – die Kalender dieser Vorschau zählen Änderungen nicht (SEQUENCE 0). "
        "Veröffentlicht wird nur aus einem vollständigen Klon."
    )
    return problems, note


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
    return {key: Revision(s[0], s[1], s[3], s[2]) for key, s in state.items() if key in current}


def _version(name: str, blob: bytes | None, current: dict[str, tuple[bytes, object]]) -> object | None:
    """What one committed file says, as the models see it (None: deleted, or no longer valid):
    the working tree's own record when the bytes are the same."""
    if blob is None:
        return None
    if (here := current.get(name)) is not None and here[0] == blob:
        return here[1]
    document = _document(blob, name)
    if document is None:
        return None
    folder, _, file_name = name.rpartition("/")
    try:
        if folder in ("courses", "nodes", "venues"):
            record = {"courses": Course, "nodes": Node, "venues": Venue}[folder].model_validate(document)
            record._id = Path(file_name).stem
            return record
        if name == "partners.yml":
            return {p.id: p for p in Partners.model_validate(document).partners}
        return {t.id: t for t in Topics.model_validate(document).topics}
    except ValidationError:
        return None


def _document(blob: bytes, name: str) -> dict | None:
    """An old version's YAML mapping, read as the loader reads files (None if it cannot be read)."""
    try:
        text = blob.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return None
    document = parse_yaml(text, name, [])
    if document is None or not isinstance(document.data, dict):
        return None
    return document.data
