"""The calendar files: a subscription per network, node, topic and course, a download per session.

Flow: validated Project → catalogue views (plugins/catalogue) → git revisions → .ics files.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from catalogue.filters import date_de
from catalogue.views import Catalogue
from sitedata.buildcache import Entries
from sitedata.folders import FileWriter
from sitedata.problems import NOTICE

from .ics import CalendarWriter, Entry, Header, timezone_component
from .revisions import CourseHistory
from .status import still_to_come
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
    """Write every calendar below ``output``: subscriptions per network, node, topic and course, in
    which past sessions stay ``retention_days`` days and which are cut to ``max_bytes`` with a
    notice; a single-event download per session still to come. Serialised events are kept in
    ``cache`` (see ics.serialised)."""
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

    in_town: dict[str, list[Entry]] = {}  # a node's calendar has every session in its town, as its page
    by_course: dict[str, list[Entry]] = {course_id: [] for course_id in catalogue.courses}
    for entry in entries:  # one pass each; filtering per node or course would grow with their number
        by_course[entry.run.course.id].append(entry)
        if entry.session.venue:
            in_town.setdefault(entry.session.venue.city_slug, []).append(entry)
    # Names and URLs come from the Subscription objects the pages show.
    subscriptions = [
        ("alle", calendars.all, entries, f"Alle Kurse und Termine von {long_name}.", links.courses),
        *(
            (
                f"{links.office_slug}-{node_id}",
                calendars.node(node_id),
                in_town.get(catalogue.node_towns[node_id], []),
                f"Kurse und Termine in {catalogue.places[catalogue.node_towns[node_id]]}: am Standort {name} "
                f"und an anderen Veranstaltungsorten – {long_name}.",
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
        *(
            (
                f"kurs-{course_id}",
                calendars.course(course_id, view.course.title),
                by_course[course_id],
                view.course.summary,
                view.url,
            )
            for course_id, view in catalogue.courses.items()
        ),
    ]
    files = FileWriter(output)
    for key, subscription, chosen, description, page in subscriptions:
        header = Header(key, subscription.name, description, site.absolute(page), subscription.url)
        data, left_out = writer.fitted(chosen, header, max_bytes, today)
        if left_out:
            logger.log(NOTICE, cut_notice(subscription.path, len(chosen), left_out, max_bytes, today))
        files.write(subscription.path, data)
    for entry in entries:
        if still_to_come(entry.session, today):
            # "Add to calendar": one event, no calendar name, the same UID as in the subscriptions.
            path = links.calendar_session(entry.run.course.id, entry.run.run.id, entry.session.session.id)
            files.write(path, writer.calendar([entry], None))
    events.save()


def cut_notice(path: str, total: int, left_out: list[Entry], max_bytes: int, today: dt.date) -> str:
    past = [e for e in left_out if e.session.end.date() < today]
    future = [e for e in left_out if e.session.end.date() >= today]
    parts = []
    if past:
        parts.append(f"{len(past)} vergangene bis {date_de(max(e.session.start for e in past), 'medium')}")
    if future:
        parts.append(f"{len(future)} künftige ab {date_de(min(e.session.start for e in future), 'medium')}")
    size = f"{max_bytes:,}".replace(",", ".")  # German thousands separator
    return (
        f"{path}: nur {total - len(left_out)} von {total} Terminen passen in {size} Bytes "
        f"(CALENDAR_MAX_BYTES); weggelassen: {' und '.join(parts)}. Künftige erscheinen, sobald Platz ist."
    )
