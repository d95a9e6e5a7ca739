"""Pelican generator for the calendar files, courses.json and the ``calendars`` template variable.

Flow: validated Project → catalogue views (plugins/catalogue) → git revisions → files.

The files depend on data/ alone, never on news or pages, so they are written by a forked
process of their own (``sitedata.background``) while Pelican reads news and renders pages:
from the moment the generator is made when the build has one thread (a warm build), else
as soon as the Markdown workers, which keep a thread, have finished (a cold build; Pelican
is then still reading news on one core), at the latest when its turn comes to write. Either
way the same function writes the same files, or links the last build's when nothing they are
made from has changed (file_cache.py).
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from catalogue.views import Links, build_catalogue, node_names
from pelican.generators import Generator
from sitedata import background
from sitedata.loader import project_for
from sitedata.rendering import RENDERER

from .courses_json import courses_json
from .event_cache import EventCache
from .file_cache import CalendarFiles, files_key
from .ics import CalendarWriter, Entry, Header, Site, timezone_component
from .revisions import histories_for
from .subscribe import Calendars

logger = logging.getLogger(__name__)

RETENTION_DAYS = 90  # CALENDAR_RETENTION_DAYS: past sessions stay this long, so running courses never drop out
MAX_BYTES = 1_000_000  # CALENDAR_MAX_BYTES: Google Calendar refuses larger subscriptions


class CalendarGenerator(Generator):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.job: background.Job | None = None
        # Pelican empties the output folder after making its generators if told to.
        if not self.settings.get("DELETE_OUTPUT_DIRECTORY"):
            renderer = self.settings.get(RENDERER)
            if renderer is None:
                self._start_if_forkable()
            else:
                # Now if no Markdown workers run (a warm build), else as soon as they have
                # finished, while Pelican reads the rest of the news on one core (a cold build).
                renderer.when_workers_stopped(self._start_if_forkable)

    def generate_context(self) -> None:
        self._start_if_forkable()
        # Names and URLs of the subscriptions for the pages, from the catalogue generator's links
        # and names (listed before this plugin); the writer makes the same ones from the project.
        site = Site.of(project_for(self.settings), self.context["links"])
        self.context["calendars"] = Calendars(site, self.context["node_names"])

    def generate_output(self, writer) -> None:
        if self.job is None:
            self._start()

    def _start_if_forkable(self) -> None:
        if self.job is None and background.can_fork():
            self._start()

    def _start(self) -> None:
        # Git is read here, once: the writer inherits the histories, and the feeds reuse them.
        histories_for(self.settings, project_for(self.settings))
        self.job = background.add(background.ForkedCall("Kalender", self._write_files))

    def _write_files(self) -> None:
        project, today = project_for(self.settings), self.settings["TODAY"]
        histories = histories_for(self.settings, project)
        code = [Path(folder) for folder in self.settings.get("PLUGIN_PATHS", [])]
        files = None
        if self.settings.get("CALENDAR_CACHE"):
            key = files_key(self.settings, project, histories, code)
            files = CalendarFiles(Path(self.settings["CACHE_PATH"]) / "calendars", key)
            if files.restore(Path(self.output_path)):
                return
        self.written: list[str] = []
        links = Links.of(project)
        catalogue = build_catalogue(project, links, today)
        site = Site.of(project, links)
        retention = dt.timedelta(days=int(self.settings.get("CALENDAR_RETENTION_DAYS", RETENTION_DAYS)))
        keep_from = today - retention
        entries = [
            Entry(run, session, histories[view.id].sessions[(run.run.id, session.session.id)])
            for view in catalogue.courses.values()
            for run in view.runs
            for session in run.sessions
            if session.end.date() >= keep_from
        ]
        cache = None
        if self.settings.get("CALENDAR_CACHE"):
            cache = EventCache(Path(self.settings["CACHE_PATH"]) / "events.pickle", project.data_dir, code)
        self.writer = CalendarWriter(site, timezone_component(site, entries, today), cache)
        self.writer.prepare(entries)

        at_node: dict[str, list[Entry]] = {}  # one pass, not one per node
        for entry in entries:
            if entry.run.venue and entry.run.venue.node:
                at_node.setdefault(entry.run.venue.node.id, []).append(entry)
        # Names and URLs come from Subscription objects, as on the pages (generate_context).
        calendars, long_name = Calendars(site, node_names(project)), project.network.long_name
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
            self._subscription(subscription.path, chosen, header)
        by_course: dict[str, list[Entry]] = {course_id: [] for course_id in catalogue.courses}
        for entry in entries:  # one pass; filtering per course would grow with courses × sessions
            by_course[entry.run.course.id].append(entry)
        for course_id, course_entries in by_course.items():
            # "Add to calendar" download: no calendar name, see ics.calendar.
            self._write(links.calendar_course(course_id), self.writer.calendar(course_entries, None))
        self._write(links.courses_json, courses_json(project, catalogue, site, histories))
        if files is not None:
            files.store(Path(self.output_path), self.written)

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
        self.written.append(path)
