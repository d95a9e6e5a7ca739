"""The steps after the pages: every file made from the validated project and Pelican's finished context.

Listed last in PLUGINS, so its ``generate_output`` runs after Pelican's own generators and the
catalogue's have written every page (only Pelican's static files come later). Order: the search
index starts on the finished pages in a forked worker; meanwhile the calendars and the sitemap
are written here (none of them is a page the index would read). After an edit the index re-runs
Pagefind on a part and takes longest, so this process's share is free. The feeds and
courses.json need only the final context: they are written as soon as the catalogue's pages are
(``catalogue.generator.pages_written``), on a large site by the catalogue's forked worker, which
would otherwise wait for Pelican's writing of the news. The pictures, which need only the
project, are encoded by a forked worker while the pages are written (unless the catalogue's own
worker writes them): on a small site, a cold build's longest step after the pages.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
from pathlib import Path

from catalogue.generator import pages_written
from catalogue.links import Links
from catalogue.paths import redirect_save_as
from pelican import signals
from pelican.generators import Generator
from sitedata.buildcache import Folders
from sitedata.forked import ForkedPool, can_fork, second_core_free
from sitedata.images import write_pictures
from sitedata.integration import PROJECT, RASTERS
from sitedata.loader import Project
from sitedata.ownlinks import dead_link_problems, page_exists
from sitedata.problems import NOTICE, DataProblems, Problem
from sitedata.settings import SiteSettings

from .calendars.courses_json import courses_json
from .calendars.files import write_calendars
from .calendars.ics import fingerprints
from .calendars.revisions import History, course_history, history_problems
from .calendars.site import Site
from .calendars.subscribe import Calendars
from .cms.admin import write_admin
from .newsfeeds.files import FeedLinks, NewsFeeds
from .redirects import collect_redirects, earlier_urls, write_rules
from .search_index.pagefind import SearchIndex, build_index
from .sitemap_xml.sitemap import write_sitemap

logger = logging.getLogger(__name__)

# From this many courses on, what the build needs from git is read by a forked worker (below,
# forking costs more).
GIT_WORKER_FROM = 100

# The pictures' worker starts as Pelican writes its first news item, or its pages on a site
# without news: the catalogue's own worker, if any, has been forked by then (``get_writer``,
# whose receivers blinker calls in no fixed order).
PICTURES_FROM = (signals.article_generator_write_article, signals.page_writer_finalized)


def read_history(project: Project, settings: dict) -> tuple[History, list[Problem], str]:
    """The courses' revisions, the problems that stop the build and the note (``history_problems``)."""
    ours = SiteSettings.of(settings)
    today = ours.TODAY or dt.date.today()
    history = course_history(project, today, fingerprints(Links.of(project)))
    return history, *history_problems(project, history, ours.CALENDAR_HISTORY_REQUIRED)


def check_history(project: Project, settings: dict, read: tuple | None = None) -> History:
    """The courses' revisions; raises ``DataProblems`` for a deleted session still to come, and for
    an incomplete git history when the calendars are published (CALENDAR_HISTORY_REQUIRED).
    Run by ``invoke check`` and by every build, so it also gives the notices both should show.
    ``read``: what ``read_history`` returned, if it ran elsewhere."""
    history, problems, note = read or read_history(project, settings)
    if problems:
        raise DataProblems(problems)
    if note:
        logger.log(NOTICE, note)
    if not project.network.contact.email:
        # § 5 DDG (Impressum) and BITV 2.0 (feedback on accessibility) ask for an e-mail address.
        logger.log(
            NOTICE,
            "Hinweis: data/network.yml: contact.email fehlt – Impressum und Erklärung zur Barrierefreiheit "
            "brauchen eine E-Mail-Adresse (§ 5 DDG, BITV 2.0). Bitte eine Funktionsadresse eintragen.",
        )
    return history


def read_git(project: Project, settings: dict) -> tuple[tuple[History, list[Problem], str], dict[str, list[str]]]:
    """What the build reads from git: the courses' history (``read_history``) and the earlier
    addresses of news and pages (``earlier_urls``)."""
    return read_history(project, settings), earlier_urls(project, settings)


class SiteFilesGenerator(Generator):
    def __init__(self, *args, **kwargs) -> None:
        """Made with Pelican's other generators, when the project has just been validated: what
        the build reads from git needs nothing else, so on a large site a forked worker reads it
        while Pelican reads the news. It starts when Pelican starts reading, and not while
        another pool runs (its thread would be copied half-way)."""
        super().__init__(*args, **kwargs)
        self.git_worker, self.reading_git = None, None
        self.picture_worker, self.writing_pictures = None, None
        if len(self.context[PROJECT].courses) >= GIT_WORKER_FROM:
            signals.article_generator_preread.connect(self.start_git_worker)

    def start_git_worker(self, generator: Generator) -> None:
        signals.article_generator_preread.disconnect(self.start_git_worker)
        if generator.context is self.context and second_core_free():  # this build's, not an earlier one's
            self.git_worker = ForkedPool(1, functools.partial(read_git, self.context[PROJECT], self.settings))
            self.reading_git = self.git_worker.submit()  # the worker has its arguments: nothing to pickle

    def generate_context(self) -> None:
        """Subscribe and feed links for the templates, from the catalogue's links and names; what
        the build reads from git, once, before any page is written (the courses' history can stop
        the build)."""
        signals.article_generator_preread.disconnect(self.start_git_worker)  # no news
        project, links = self.context[PROJECT], self.context["links"]
        self.site = Site.of(project, links)
        if self.reading_git is None:
            read = read_git(project, self.settings)
        else:
            try:
                read = self.reading_git.result()
            finally:
                self.git_worker.close()  # before any other worker is forked
        self.history, self.earlier_urls = check_history(project, self.settings, read[0]), read[1]
        self.context["calendars"] = Calendars(self.site, self.context["node_names"], self.context["catalogue"].today)
        self.context["feeds"] = FeedLinks(
            project.network.name, links, self.context["node_names"], self.site.topic_names
        )
        pages_written.connect(self.write_feeds_and_courses_json)
        for writing in PICTURES_FROM:
            writing.connect(self.start_pictures)

    def start_pictures(self, generator: Generator, **kwargs: object) -> None:
        """Encode the pictures in a forked worker while the pages are written. Not while the
        catalogue's own worker writes them: a pool's thread must not be forked."""
        for writing in PICTURES_FROM:
            writing.disconnect(self.start_pictures)
        if generator.context is not self.context:  # an earlier build's
            return
        if (self.context["pictures"].files() or self.context.get(RASTERS)) and second_core_free():
            self.picture_worker = ForkedPool(1, self._write_pictures, behind_the_build=True)
            self.writing_pictures = self.picture_worker.submit()

    def wait_for_pictures(self) -> None:
        if self.writing_pictures is not None:
            try:
                self.writing_pictures.result()
            finally:
                self.picture_worker.close()

    def _write_pictures(self) -> None:
        pictures = (self.context["pictures"], self.context.get(RASTERS, []))
        cache = Folders(Path(self.settings["CACHE_PATH"]), "pictures")
        write_pictures(Path(self.output_path), self.context[PROJECT].content_dir, *pictures, cache)

    def write_feeds_and_courses_json(self, catalogue_generator: Generator) -> None:
        """The news feeds and courses.json: made from the final context alone, so written where
        the catalogue's pages were (``pages_written``), on a large site by its forked worker."""
        if catalogue_generator.context is not self.context:  # an earlier build's
            return
        pages_written.disconnect(self.write_feeds_and_courses_json)
        project, catalogue, output = self.context[PROJECT], self.context["catalogue"], Path(self.output_path)
        histories = self.history.courses
        (output / self.context["links"].courses_json).write_bytes(
            courses_json(project, catalogue, self.site, histories)
        )
        feeds = NewsFeeds(project, catalogue, self.context["feeds"], self.site, histories)
        feeds.write(output, self.context["articles"], self.settings.get("FEED_MAX_ITEMS"))

    def generate_output(self, writer) -> None:
        pages_written.disconnect(self.write_feeds_and_courses_json)  # sent in a forked worker: still connected here
        project, catalogue, output = self.context[PROJECT], self.context["catalogue"], Path(self.output_path)
        settings, cache = SiteSettings.of(self.settings), Path(self.settings["CACHE_PATH"])
        search_index = (output, settings.SEARCH_PAGES_PER_INDEX, Folders(cache, "pagefind"))
        histories = self.history.courses

        # Earlier addresses of the published news and pages: before the index (which skips them) starts.
        published = [*self.context["articles"], *self.context["pages"], *self.context.get("hidden_pages", [])]
        redirects = collect_redirects(project, published, self.context["path_owners"], self.earlier_urls)
        redirect_page = self.get_template("redirect")
        for redirect in redirects:
            writer.write_file(redirect_save_as(redirect.address), redirect_page, self.context, redirect=redirect)
        write_rules(output, redirects)

        self.wait_for_pictures()  # before another worker is forked
        # Every page is written by now: the search index is built by a forked worker while this
        # process writes the other files. A process that cannot fork (the preview's, with its web
        # server thread) starts Pagefind, which runs in processes of its own, before them.
        indexing = index = None
        if can_fork():
            indexer = ForkedPool(1, build_index)
            indexing = indexer.submit(*search_index)
        else:
            index = SearchIndex(*search_index)
        with index or contextlib.nullcontext():
            if self.writing_pictures is None:  # not started (a second core was busy or missing)
                self._write_pictures()
            calendar_limits = settings.CALENDAR_RETENTION_DAYS, settings.CALENDAR_MAX_BYTES, cache
            write_calendars(
                output, self.context["calendars"], catalogue, histories, project.network.long_name, *calendar_limits
            )
            write_sitemap(output, project.network.site_url, {redirect_save_as(r.address) for r in redirects})
            # Every file is written: a link into our own domain that leads nowhere stops the build.
            if dead := dead_link_problems(project, page_exists(output)):
                raise DataProblems(dead)
        if index is not None:
            index.finish()
        else:
            try:
                indexing.result()
            finally:
                indexer.close()
        # Last: /admin/ is neither a page to index nor one for the sitemap.
        write_admin(output, project.network, settings.CMS_LOCAL_BACKEND)
