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
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from catalogue.filters import date_de, time_de, weekday_de
from catalogue.views import Links, RunView, SessionView
from icalendar import Calendar, Event, Timezone, vDuration, vText
from sitedata.buildcache import Entries, key
from sitedata.loader import Project

from .folding import folded
from .revisions import Revision
from .status import event_state

REFRESH = dt.timedelta(hours=12)


@dataclass(frozen=True)
class Site:
    """What every calendar needs to know about the site, with absolute URLs from ``site_url``."""

    name: str
    site_url: str  # without trailing slash
    timezone: str
    links: Links
    topic_names: dict[str, str]

    @classmethod
    def of(cls, project: Project, links: Links) -> Site:
        """Feeds and calendars always use absolute URLs from ``site_url``, whatever SITEURL is."""
        network = project.network
        topic_names = {t.id: t.name for t in project.topics.values()}
        return cls(network.name, network.site_url.rstrip("/"), network.timezone, links, topic_names)

    @property
    def host(self) -> str:
        return urlsplit(self.site_url).hostname or "localhost"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def prodid(self) -> str:
        return f"-//{self.name}//Kurskalender der Netzwerk-Website//DE"

    def absolute(self, path: str) -> str:
        return f"{self.site_url}/{path}"

    def run_url(self, run: RunView) -> str:
        return f"{self.absolute(self.links.course(run.course.id))}#{run.anchor}"


@dataclass(frozen=True)
class Header:
    """What a subscription calendar says about itself (never used for single-course downloads)."""

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


def summary(run: RunView, session: SessionView) -> str:
    _, prefix = event_state(run.status, session.session.status)
    title = run.course.title
    if session.session.title:
        title = f"{title} – {session.session.title}"
    return prefix + title


def location(run: RunView, session: SessionView) -> str:
    if run.venue is None:
        return "Online"
    parts = [session.session.room, run.venue.name, run.venue.address]
    return ", ".join(part for part in parts if part)


def session_line(session: SessionView) -> str:
    s = session.session
    line = f"{weekday_de(s.start)} {date_de(s.start, 'medium')}, {time_de(s.start)}–{time_de(s.end)} Uhr"
    if s.title:
        line += f": {s.title}"
    if session.status:
        line += f" ({session.status})"
    return line


def description(site: Site, run: RunView, compact: bool = False) -> str:
    """Plain text: clients show DESCRIPTION as typed, so no Markdown and no HTML."""
    course = run.course
    if compact:
        return f"{course.summary}\n\nWeitere Informationen: {site.run_url(run)}"
    lines = [course.summary, ""]
    if run.status in ("abgesagt", "verschoben"):
        lines += [f"Diese Durchführung ist {run.status}." + (f" {run.run.note}" if run.run.note else ""), ""]
    elif run.run.note:
        lines += [run.run.note, ""]
    lines.append("Alle Termine dieser Durchführung:")
    lines += [f"{s.number}. {session_line(s)}" for s in run.sessions]
    lines.append("")
    lines.append(f"Ort: {run.venue.name}, {run.venue.address}" if run.venue else "Ort: online")
    if course.registration:
        channels = [course.registration.url or "", course.registration.email or ""]
        lines.append("Anmeldung: " + " oder ".join(c for c in channels if c))
    if run.run.registration_deadline:
        lines.append(f"Anmeldeschluss: {date_de(run.run.registration_deadline)}")
    lines.append(f"Weitere Informationen: {site.run_url(run)}")
    return "\n".join(lines)


def event_properties(site: Site, entry: Entry) -> list[tuple[str, object]]:
    """What one VEVENT says, in order."""
    run, session, revision = entry.run, entry.session, entry.revision
    status, _ = event_state(run.status, session.session.status)
    zone = site.zone
    properties: list[tuple[str, object]] = [
        ("uid", uid(site, run, session)),
        # DTSTAMP = last significant change: the same input gives the same bytes.
        ("dtstamp", revision.last_modified),
        ("created", revision.created),
        ("last-modified", revision.last_modified),
        ("sequence", revision.sequence),
        ("dtstart", session.start.replace(tzinfo=zone)),
        ("dtend", session.end.replace(tzinfo=zone)),
        ("summary", summary(run, session)),
        ("description", description(site, run)),
        ("location", location(run, session)),
    ]
    if run.venue and run.venue.coordinates:
        properties.append(("geo", (run.venue.coordinates.lat, run.venue.coordinates.lon)))
    properties.append(("url", site.run_url(run)))
    names = [site.topic_names[t] for t in run.course.topics if t in site.topic_names]
    if names:
        properties.append(("categories", names))
    properties.append(("status", status))
    return properties


def event(properties: list[tuple[str, object]]) -> Event:
    """One VEVENT."""
    vevent = Event()
    for name, value in properties:
        vevent.add(name, value)
    return vevent


# What a big subscription can do without (see CalendarWriter.fitted); DESCRIPTION gets shorter.
LEFT_OUT_WHEN_COMPACT = ("CREATED", "GEO")


def serialised(site: Site, entry: Entry, cache: Entries | None = None) -> tuple[bytes, bytes]:
    """The event's full VEVENT, and a compact one without CREATED and GEO and with a short DESCRIPTION.

    The compact one is made from the full one's content lines: icalendar writes properties
    in its canonical order whatever the order they were added in (DESCRIPTION among the rest,
    alphabetically), so these are the bytes it would write for the compact event. Both are
    kept in ``cache`` under a key of what they are written from: the event's properties.
    """
    properties = event_properties(site, entry)
    short_description = description(site, entry.run, compact=True)
    entry_key = key(repr(properties), short_description)
    if cache is not None and (pair := cache.get(entry_key)) is not None:
        return pair
    full = event(properties)
    lines = [line for line in full.content_lines() if line]
    short = full.content_line("DESCRIPTION", vText(short_description))
    compact = []
    for line in lines:
        name = _name(line)
        if name not in LEFT_OUT_WHEN_COMPACT:
            compact.append(short if name == "DESCRIPTION" else line)
    pair = folded(lines), folded(compact)
    if cache is not None:
        cache.put(entry_key, pair)
    return pair


def _name(line: str) -> str:
    """A content line's property name, which ends at its first ";" (parameters) or ":" (value)."""
    return re.match(r"[^;:]*", line).group()


def timezone_component(site: Site, entries: Iterable[Entry], today: dt.date) -> Timezone:
    """Only the transitions the events need, instead of icalendar's 1970–2038 default (~2.5 KB)."""
    years = [today.year] + [y for e in entries for y in (e.session.start.year, e.session.end.year)]
    return Timezone.from_tzinfo(
        site.zone, tzid=site.timezone, first_date=dt.date(min(years), 1, 1), last_date=dt.date(max(years) + 1, 1, 1)
    )


END = b"END:VCALENDAR\r\n"


class CalendarWriter:
    """Writes many calendars from one set of sessions; each VEVENT is serialised once and reused.

    ``Calendar.to_ical`` writes the calendar's properties, then each component in turn, so
    joining the serialised parts gives exactly the bytes ``icalendar`` would write.
    """

    def __init__(self, site: Site, vtimezone: Timezone, cache: Entries | None = None) -> None:
        self.site = site
        self.cache = cache
        self.vtimezone = vtimezone.to_ical()
        self._events: dict[tuple[str, bool], bytes] = {}
        self._uids: dict[int, str] = {}  # id(entry) -> UID; entries live as long as the writer
        self._heads: dict[Header | None, bytes] = {}

    def calendar(self, entries: list[Entry], header: Header | None, compact: bool = False) -> bytes:
        return (
            self._head(header) + self.vtimezone + b"".join(self._event(e, compact) for e in self._sorted(entries)) + END
        )

    def fitted(self, entries: list[Entry], header: Header, limit: int) -> tuple[bytes, int]:
        """A subscription under ``limit`` bytes (Google refuses ~1 MB): shorter texts first, then fewer far-future dates.

        Returns the calendar and how many sessions it holds. Dropped far-future sessions
        arrive in a later build, when nearer ones have passed.
        """
        data = self.calendar(entries, header)
        if len(data) <= limit:
            return data, len(entries)
        size = len(self._head(header)) + len(self.vtimezone) + len(END)
        kept = 0
        for entry in self._sorted(entries):
            size += len(self._event(entry, True))
            if size > limit:
                break
            kept += 1
        return self.calendar(self._sorted(entries)[:kept], header, compact=True), kept

    def _sorted(self, entries: list[Entry]) -> list[Entry]:
        return sorted(entries, key=lambda e: (e.session.start, self._uid(e)))

    def _uid(self, entry: Entry) -> str:
        # Looked up ~150,000 times at 7,000 sessions (sorting, joining): worked out once per entry.
        if id(entry) not in self._uids:
            self._uids[id(entry)] = uid(self.site, entry.run, entry.session)
        return self._uids[id(entry)]

    def _event(self, entry: Entry, compact: bool) -> bytes:
        uid_ = self._uid(entry)
        if (uid_, compact) not in self._events:
            self._events[(uid_, False)], self._events[(uid_, True)] = serialised(self.site, entry, self.cache)
        return self._events[(uid_, compact)]

    def _head(self, header: Header | None) -> bytes:
        # The 1,000 single-course downloads share one head (no header): built once.
        if header not in self._heads:
            self._heads[header] = self._new_head(header)
        return self._heads[header]

    def _new_head(self, header: Header | None) -> bytes:
        site = self.site
        cal = Calendar()
        cal.add("prodid", site.prodid)
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        if header is not None:
            # Subscription feeds only: a single download with a calendar name makes Outlook
            # create a new calendar instead of adding the events.
            cal.add("uid", f"kalender-{header.key}@{site.host}")
            cal.add("name", header.name)
            cal.add("x-wr-calname", header.name)
            cal.add("description", header.description)
            cal.add("x-wr-caldesc", header.description)
            cal.add("x-wr-timezone", site.timezone)
            cal.add("url", header.page_url)
            cal.add("source", header.ics_url)
            cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})  # RFC 7986 requires VALUE
            cal.add("x-published-ttl", vDuration(REFRESH))
        return cal.to_ical().removesuffix(END)
