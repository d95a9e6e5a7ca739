"""iCalendar files from the catalogue views: one VEVENT per session, written with ``icalendar``.

The library does the parts hand-written templates get wrong (CRLF, folding at 75 octets
without splitting UTF-8, TEXT escaping). Everything that could vary between two builds
of the same input (calendar UID, DTSTAMP) is set from the data, never from the clock.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from catalogue.links import Links
from catalogue.views import RunView, SessionView, run_view
from icalendar import Calendar, Event, Timezone, vDuration, vText, vUri
from sitedata.buildcache import Entries, key
from sitedata.course_model import Course
from sitedata.loader import Project

from .event_text import description, location, registration_channels, short_description, summary
from .folding import folded
from .revisions import Fingerprints, Revision
from .site import Site
from .status import event_state
from .timezone import vtimezone

REFRESH = dt.timedelta(hours=12)


@dataclass(frozen=True)
class Header:
    """What a subscription calendar says about itself (never used for single-event downloads)."""

    key: str  # stable, for the calendar's own UID
    name: str
    description: str
    page_url: str
    ics_url: str


@dataclass(frozen=True)
class Entry:
    """One session with everything its VEVENT is made of."""

    run: RunView
    session: SessionView
    revision: Revision


def uid(site: Site, run: RunView, session: SessionView) -> str:
    """Built only from ids editors never change, so moving or retitling keeps the event."""
    return f"{run.course.id}-{run.run.id}-{session.session.id}@{site.host}"


Property = tuple[str, object, dict[str, str] | None]  # name, value, parameters
# Values are plain Python values, typed by icalendar from the property's name when the event is
# made (ORGANIZER a vCalAddress, DTSTART a date or date-time), except where it does not know the
# name. Plain values keep the content cheap to make and compare (revisions.py).
VALUE_TYPES = {"x-apple-structured-location": vUri}


def event_content(site: Site, run: RunView, session: SessionView) -> list[Property]:
    """What one VEVENT tells its subscriber, in order: everything but its UID and revision.

    Its ``repr`` is the event's fingerprint in the git history (revisions.py): whatever
    changes here raises SEQUENCE.
    """
    status, _ = event_state(run.status, session.session.status)
    zone = site.zone
    venue = session.venue
    course = run.course
    if session.timed:
        start, end = session.start.replace(tzinfo=zone), session.end.replace(tzinfo=zone)
    else:  # only the day („Uhrzeit folgt“): all-day, DTSTART;VALUE=DATE and DTEND the next day (RFC 5545)
        start, end = session.day, session.day + dt.timedelta(days=1)
    content: list[Property] = [
        ("dtstart", start, None),
        ("dtend", end, None),
        ("summary", summary(run, session), None),
        ("description", description(site, run, session), None),
        ("location", location(run, session), None),
    ]
    if venue and venue.coordinates:
        lat, lon = venue.coordinates.lat, venue.coordinates.lon
        content.append(("geo", (lat, lon), None))
        # Apple Calendar shows a map and travel time only with this property.
        apple = {"VALUE": "URI", "X-ADDRESS": venue.address, "X-APPLE-RADIUS": "100", "X-TITLE": venue.name}
        content.append(("x-apple-structured-location", f"geo:{lat},{lon}", apple))
    content.append(("url", site.run_url(run), None))
    provider = site.provider_names.get(course.provider, site.name)
    if course.registration and course.registration.email:
        content.append(("organizer", f"mailto:{course.registration.email}", {"CN": provider}))
    elif site.contact_email:
        content.append(("organizer", f"mailto:{site.contact_email}", {"CN": site.name}))
    if channels := registration_channels(course):
        content.append(("contact", f"{provider}: " + ", ".join(channels), None))
    names = [site.topic_names[t] for t in course.topics if t in site.topic_names]
    if names:
        content.append(("categories", names, None))
    content.append(("status", status, None))
    if status == "CANCELLED":
        content.append(("transp", "TRANSPARENT", None))  # a cancelled event blocks no time
    return content


def fingerprints(links: Links) -> Fingerprints:
    """Per session of a course version, the ``repr`` of its event content: what SEQUENCE counts.

    Made with the nodes, partners and topics of the project as it was then (revisions.py).
    """
    sites: dict[int, tuple[Project, Site]] = {}  # the project is kept, so its id stays its own

    def of(course_id: str, course: Course, project: Project) -> dict:
        if id(project) not in sites:
            sites[id(project)] = (project, Site.of(project, links))
        site = sites[id(project)][1]
        course._id = course_id  # an old version read from git has no file name of its own
        found = {}
        for run in course.runs:
            try:
                view = run_view(course, run, project)
            except KeyError:  # a node or partner that did not exist then: its place as written
                found |= {(run.id, s.id): ("unresolved", run.model_dump_json(), s.id) for s in run.sessions}
                continue
            found |= {(run.id, s.session.id): repr(event_content(site, view, s)) for s in view.sessions}
        return found

    return of


def event_properties(site: Site, entry: Entry) -> list[Property]:
    """What one VEVENT says, in order: UID, revision, content."""
    revision = entry.revision
    return [
        ("uid", uid(site, entry.run, entry.session), None),
        # DTSTAMP = last significant change: the same input gives the same bytes.
        ("dtstamp", revision.last_modified, None),
        ("created", revision.created, None),
        ("last-modified", revision.last_modified, None),
        ("sequence", revision.sequence, None),
        *event_content(site, entry.run, entry.session),
    ]


def event(properties: list[Property]) -> Event:
    """One VEVENT."""
    vevent = Event()
    for name, value, parameters in properties:
        vevent.add(name, VALUE_TYPES[name](value) if name in VALUE_TYPES else value, parameters=parameters)
    return vevent


# What a big subscription can do without (see CalendarWriter.fitted); DESCRIPTION gets shorter.
LEFT_OUT_WHEN_COMPACT = ("CREATED", "GEO", "X-APPLE-STRUCTURED-LOCATION", "CONTACT")


def serialised(site: Site, entry: Entry, cache: Entries | None = None) -> tuple[bytes, bytes]:
    """The event's full VEVENT, and a compact one without LEFT_OUT_WHEN_COMPACT and with a short DESCRIPTION.

    The compact one is made from the full one's content lines: icalendar writes properties
    in its canonical order whatever the order they were added in (DESCRIPTION among the rest,
    alphabetically), so these are the bytes it would write for the compact event. Both are
    kept in ``cache`` under a key of what they are written from (``event_properties``): the
    UID and the revision, whose fingerprint is the ``repr`` of the event's content.
    """
    short = short_description(site, entry.run)
    entry_key = key(uid(site, entry.run, entry.session), repr(entry.revision), short)
    if cache is not None and (pair := cache.get(entry_key)) is not None:
        return pair
    properties = event_properties(site, entry)
    full = event(properties)
    lines = [line for line in full.content_lines() if line]
    short_line = full.content_line("DESCRIPTION", vText(short))
    compact = []
    for line in lines:
        name = _name(line)
        if name not in LEFT_OUT_WHEN_COMPACT:
            compact.append(short_line if name == "DESCRIPTION" else line)
    pair = folded(lines), folded(compact)
    if cache is not None:
        cache.put(entry_key, pair)
    return pair


def _name(line: str) -> str:
    """A content line's property name, which ends at its first ";" (parameters) or ":" (value)."""
    return re.match(r"[^;:]*", line).group()


def timezone_component(site: Site, entries: Iterable[Entry], today: dt.date) -> Timezone:
    """The site's zone for the years of ``today`` and of every event, as yearly rules (see timezone.py)."""
    years = [today.year] + [y for e in entries for y in (e.session.start.year, e.session.end.year)]
    return vtimezone(site.timezone, min(years), max(years))


END = b"END:VCALENDAR\r\n"
# An entry as a calendar needs it: its place (start, then UID), its full and its compact VEVENT.
Prepared = tuple[tuple[dt.datetime, str], bytes, bytes]


class CalendarWriter:
    """Writes many calendars from one set of sessions; each VEVENT is serialised once and reused.

    ``Calendar.to_ical`` writes the calendar's properties, then each component in turn, so
    joining the serialised parts gives exactly the bytes ``icalendar`` would write.
    """

    def __init__(self, site: Site, vtimezone: Timezone, cache: Entries | None = None) -> None:
        self.site = site
        self.cache = cache
        self.vtimezone = vtimezone.to_ical()
        # By id(entry), worked out once: a session is in several subscriptions and its download.
        # Entries live as long as the writer.
        self._prepared: dict[int, Prepared] = {}
        self._heads: dict[Header | None, bytes] = {}

    def calendar(self, entries: list[Entry], header: Header | None, compact: bool = False) -> bytes:
        """Subscriptions have a ``header``; a single-event download has none (see _new_head)."""
        events = b"".join(prepared[2 if compact else 1] for prepared in self._sorted(entries))
        return self._head(header) + self.vtimezone + events + END

    def fitted(self, entries: list[Entry], header: Header, limit: int, today: dt.date) -> tuple[bytes, list[Entry]]:
        """A subscription under ``limit`` bytes (Google refuses ~1 MB), and the sessions left out.

        Shorter texts first; then the oldest past sessions go, then the farthest future ones
        (they arrive in a later build, when nearer ones have passed).
        """
        data = self.calendar(entries, header)
        if len(data) <= limit:
            return data, []
        ordered = sorted(entries, key=lambda e: self._prepare(e)[0])
        size = len(self._head(header)) + len(self.vtimezone) + len(END)
        size += sum(len(self._prepare(entry)[2]) for entry in ordered)
        past = [e for e in ordered if e.session.end.date() < today]  # oldest first
        future = [e for e in ordered if e.session.end.date() >= today]
        left_out: list[Entry] = []
        while size > limit and (past or future):
            entry = past.pop(0) if past else future.pop()
            size -= len(self._prepare(entry)[2])
            left_out.append(entry)
        return self.calendar(past + future, header, compact=True), left_out

    def _sorted(self, entries: list[Entry]) -> list[Prepared]:
        # By start, then UID: the UIDs of a build differ, so the VEVENTs' bytes are never compared.
        return sorted(map(self._prepare, entries))

    def _prepare(self, entry: Entry) -> Prepared:
        prepared = self._prepared.get(id(entry))
        if prepared is None:
            order = entry.session.start, uid(self.site, entry.run, entry.session)
            prepared = self._prepared[id(entry)] = (order, *serialised(self.site, entry, self.cache))
        return prepared

    def _head(self, header: Header | None) -> bytes:
        # The single-event downloads share one head (no header): built once. A subscription's
        # head is kept with the events, under a key of what it is written from.
        if header not in self._heads:
            site = self.site
            head_key = key("head", repr((site.prodid, site.host, site.timezone, header)))
            head = self.cache.get(head_key) if self.cache is not None else None
            if head is None:
                head = self._new_head(header)
                if self.cache is not None:
                    self.cache.put(head_key, head)
            self._heads[header] = head
        return self._heads[header]

    def _new_head(self, header: Header | None) -> bytes:
        site = self.site
        cal = Calendar()
        cal.add("prodid", site.prodid)
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        if header is not None:
            # Subscriptions only: a single-event download with a calendar name makes Outlook
            # create a new calendar instead of adding the event.
            cal.add("uid", f"kalender-{header.key}@{site.host}")
            # icalendar knows NAME and the X-WR-* names only as plain strings: vText escapes "," and ";".
            cal.add("name", vText(header.name))
            cal.add("x-wr-calname", vText(header.name))
            cal.add("description", vText(header.description))
            cal.add("x-wr-caldesc", vText(header.description))
            cal.add("x-wr-timezone", site.timezone)
            cal.add("url", header.page_url)
            cal.add("source", header.ics_url)
            cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})  # RFC 7986 requires VALUE
            cal.add("x-published-ttl", vDuration(REFRESH))
        return cal.to_ical().removesuffix(END)
