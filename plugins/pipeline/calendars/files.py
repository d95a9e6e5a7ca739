"""The calendar files: a subscription per network, node and topic, a download per course.

Flow: validated Project → catalogue views (plugins/catalogue) → git revisions → .ics files.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from catalogue.views import Catalogue
from sitedata.buildcache import Entries

from .ics import CalendarWriter, Entry, Header, timezone_component
from .revisions import CourseHistory
from .subscribe import Calendars

logger = logging.getLogger(__name__)


def write_calendars(
    output: Path,
    calendars: Calendars,
    catalogue: Catalogue,
    histories: dict[str, CourseHistory],
    long_name: str,
    retention_days: int,
    max_bytes: int,
    cache: Path,
) -> None:
    """Write every calendar below ``output``; past sessions stay ``retention_days`` days, and a
    subscription larger than ``max_bytes`` gets shorter texts, then fewer far-future sessions.
    Serialised events are kept in ``cache`` (see ics.serialised)."""
    site, links, today = calendars.site, calendars.site.links, catalogue.today
    keep_from = today - dt.timedelta(days=retention_days)
    entries = [
        Entry(run, session, histories[view.id].sessions[(run.run.id, session.session.id)])
        for view in catalogue.courses.values()
        for run in view.runs
        for session in run.sessions
        if session.end.date() >= keep_from
    ]
    events = Entries(cache, "events")
    writer = CalendarWriter(site, timezone_component(site, entries, today), events)

    at_node: dict[str, list[Entry]] = {}  # one pass, not one per node
    for entry in entries:
        if entry.run.venue and entry.run.venue.node:
            at_node.setdefault(entry.run.venue.node.id, []).append(entry)
    # Names and URLs come from the Subscription objects the pages show.
    subscriptions = [
        ("alle", calendars.all, entries, f"Alle Kurse und Termine von {long_name}.", links.courses),
        *(
            (
                f"{links.office_slug}-{node_id}",
                calendars.node(node_id),
                at_node.get(node_id, []),
                f"Kurse und Termine am Standort {name} – {long_name}.",
                links.node(node_id),
            )
            for node_id, name in calendars.node_names.items()
        ),
        *(
            (
                f"thema-{topic_id}",
                calendars.topic(topic_id),
                [e for e in entries if topic_id in e.run.course.topics],
                f"Kurse und Termine zum Thema {topic_name} – {long_name}.",
                links.topic(topic_id),
            )
            for topic_id, topic_name in site.topic_names.items()
        ),
    ]
    for key, subscription, chosen, description, page in subscriptions:
        header = Header(key, subscription.name, description, site.absolute(page), subscription.url)
        data, kept = writer.fitted(chosen, header, max_bytes)
        if kept < len(chosen):
            logger.info("%s: %d of %d sessions fit into %d bytes", subscription.path, kept, len(chosen), max_bytes)
        _write(output / subscription.path, data)
    by_course: dict[str, list[Entry]] = {course_id: [] for course_id in catalogue.courses}
    for entry in entries:  # one pass; filtering per course would grow with courses × sessions
        by_course[entry.run.course.id].append(entry)
    for course_id, course_entries in by_course.items():
        # "Add to calendar" download: no calendar name, see ics.calendar.
        _write(output / links.calendar_course(course_id), writer.calendar(course_entries, None))
    events.save()


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
