"""Pelican generator for the calendar files, courses.json and the ``calendars`` template variable.

Flow: validated Project → catalogue views (plugins/catalogue) → git revisions → files.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from catalogue.views import Catalogue, Links
from pelican.generators import Generator
from sitedata.loader import project_for

from .courses_json import courses_json
from .event_cache import EventCache
from .ics import CalendarWriter, Entry, Header, Site, timezone_component
from .revisions import histories_for
from .subscribe import Calendars

logger = logging.getLogger(__name__)

RETENTION_DAYS = 90  # CALENDAR_RETENTION_DAYS: past sessions stay this long, so running courses never drop out
MAX_BYTES = 1_000_000  # CALENDAR_MAX_BYTES: Google Calendar refuses larger subscriptions


class CalendarGenerator(Generator):
    """Runs after the catalogue generator, whose views and links it reuses."""

    def generate_context(self) -> None:
        self.project = project_for(self.settings)
        self.today: dt.date = self.settings["TODAY"]
        # The catalogue generator (listed before this plugin) resolved runs, links and names.
        self.links: Links = self.context["links"]
        self.catalogue: Catalogue = self.context["catalogue"]
        self.node_names: dict[str, str] = self.context["node_names"]
        self.site = Site.of(self.project, self.links)
        self.histories = histories_for(self.settings, self.project)
        self.context["calendars"] = Calendars(self.site, self.node_names)

    def generate_output(self, writer) -> None:
        retention = dt.timedelta(days=int(self.settings.get("CALENDAR_RETENTION_DAYS", RETENTION_DAYS)))
        keep_from = self.today - retention
        entries = [
            Entry(run, session, self.histories[view.id].sessions[(run.run.id, session.session.id)])
            for view in self.catalogue.courses.values()
            for run in view.runs
            for session in run.sessions
            if session.end.date() >= keep_from
        ]
        cache = None
        if self.settings.get("CALENDAR_CACHE"):
            code = [Path(folder) for folder in self.settings.get("PLUGIN_PATHS", [])]
            cache = EventCache(Path(self.settings["CACHE_PATH"]) / "events.pickle", self.project.data_dir, code)
        self.writer = CalendarWriter(self.site, timezone_component(self.site, entries, self.today), cache)
        self.writer.prepare(entries)
        network, links, site = self.project.network, self.links, self.site

        at_node: dict[str, list[Entry]] = {}  # one pass, not one per node
        for entry in entries:
            if entry.run.venue and entry.run.venue.node:
                at_node.setdefault(entry.run.venue.node.id, []).append(entry)
        # Names and URLs come from the same Subscription objects the pages show.
        calendars, long_name = self.context["calendars"], network.long_name
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
                for node_id, name in self.node_names.items()
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
            self._subscription(subscription.path, chosen, header)
        by_course: dict[str, list[Entry]] = {course_id: [] for course_id in self.catalogue.courses}
        for entry in entries:  # one pass; filtering per course would grow with courses × sessions
            by_course[entry.run.course.id].append(entry)
        for course_id, course_entries in by_course.items():
            # "Add to calendar" download: no calendar name, see ics.calendar.
            self._write(links.calendar_course(course_id), self.writer.calendar(course_entries, None))
        self._write(links.courses_json, courses_json(self.project, self.catalogue, site, self.histories))

    def _subscription(self, path: str, entries: list[Entry], header: Header) -> None:
        limit = int(self.settings.get("CALENDAR_MAX_BYTES", MAX_BYTES))
        data, kept = self.writer.fitted(entries, header, limit)
        if kept < len(entries):
            logger.info("%s: %d of %d sessions fit into %d bytes", path, kept, len(entries), limit)
        self._write(path, data)

    def _write(self, path: str, data: bytes) -> None:
        target = Path(self.output_path) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
