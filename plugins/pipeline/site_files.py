"""The steps after the pages: every file made from the validated project and Pelican's finished context.

Listed last in PLUGINS, so its ``generate_output`` runs after Pelican's own generators and the
catalogue's have written every page (only Pelican's static files come later).
"""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator
from sitedata.buildcache import Folders
from sitedata.integration import PROJECT
from sitedata.settings import SiteSettings

from .calendars.courses_json import courses_json
from .calendars.files import write_calendars
from .calendars.ics import Site
from .calendars.revisions import course_histories
from .calendars.subscribe import Calendars
from .newsfeeds.files import FeedLinks, NewsFeeds
from .search_index.pagefind import build_index
from .sitemap_xml.sitemap import write_sitemap


class SiteFilesGenerator(Generator):
    def generate_context(self) -> None:
        """Subscribe and feed links for the templates, from the catalogue's links and names."""
        project, links = self.context[PROJECT], self.context["links"]
        self.site = Site.of(project, links)
        self.context["calendars"] = Calendars(self.site, self.context["node_names"])
        self.context["feeds"] = FeedLinks(
            project.network.name, links, self.context["node_names"], self.site.topic_names
        )

    def generate_output(self, writer) -> None:
        project, catalogue, output = self.context[PROJECT], self.context["catalogue"], Path(self.output_path)
        settings = SiteSettings.of(self.settings)
        histories = course_histories(project, catalogue.today)  # git, read once: SEQUENCE and LAST-MODIFIED

        write_calendars(
            output,
            self.context["calendars"],
            catalogue,
            histories,
            project.network.long_name,
            settings.CALENDAR_RETENTION_DAYS,
            settings.CALENDAR_MAX_BYTES,
            Path(self.settings["CACHE_PATH"]),
        )
        (output / self.context["links"].courses_json).write_bytes(
            courses_json(project, catalogue, self.site, histories)
        )
        feeds = NewsFeeds(project, catalogue, self.context["feeds"], self.site, histories)
        feeds.write(output, self.context["articles"], self.settings.get("FEED_MAX_ITEMS"))
        write_sitemap(output, project.network.site_url)
        build_index(output, settings.SEARCH_PAGES_PER_INDEX, Folders(Path(self.settings["CACHE_PATH"]), "pagefind"))
