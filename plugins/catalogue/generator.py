"""Pelican generator for the pages that come from data/: home, network, nodes, courses, topics."""

from __future__ import annotations

import logging
import os
from concurrent.futures import Future
from pathlib import Path

from blinker import signal
from pelican import signals
from pelican.generators import Generator
from pelican.writers import Writer
from sitedata.forked import ForkedPool, second_core_free
from sitedata.geodata import read_outline
from sitedata.identity import STYLESHEET, read_logo, write_files
from sitedata.images import Pictures
from sitedata.integration import PROJECT
from sitedata.ownlinks import placeholder_link_problems
from sitedata.problems import DataProblems

from . import month_grid, network_map
from .breadcrumbs import Breadcrumbs
from .fragments import Fragments
from .links import Links
from .paths import claimed_paths, collect_pages
from .picture_credits import picture_credits
from .structured import StructuredData
from .views import build_catalogue, index_by, node_names

# From this many pages on, they are written by a forked worker while Pelican writes the news.
PARALLEL_FROM = 200

# Sent (by the process that wrote them) once the catalogue's pages are written, Pelican's context
# being final: other plugins write there what they make from that context alone. On a large site
# that is the forked worker, whose core would otherwise wait for Pelican's writing of the news.
pages_written = signal("catalogue_pages_written")

logger = logging.getLogger(__name__)


def region_outline(project) -> tuple:
    """(outline, attribution) of network.yml's ``map``, or nothing (validated before, so it reads)."""
    region = project.network.map
    return (read_outline(project.data_dir, region.outline), region.attribution) if region else ()


class CatalogueGenerator(Generator):
    """Runs after Pelican's article and page generators, so news can be linked to data."""

    def generate_context(self) -> None:
        project = self.context[PROJECT]
        network = project.network
        self.links = Links.of(project)
        self.catalogue = build_catalogue(project, self.links, self.settings["TODAY"])
        articles = self.context.get("articles", [])
        pages = self.context.get("pages", [])
        # Shared with every template, articles and pages included.
        self.context.update(
            network=network,
            office=network.office_label,
            partners=project.partners,
            topics=project.topics,
            nodes=project.nodes,
            node_names=node_names(project),
            catalogue=self.catalogue,
            course_titles={course_id: view.course.title for course_id, view in self.catalogue.courses.items()},
            links=self.links,
            today=self.catalogue.today,
            news_by_node=index_by(articles, "nodes"),
            news_by_topic=index_by(articles, "topics"),
            news_by_course=index_by(articles, "courses"),
            nodes_by_topic=index_by(project.nodes.values(), "focus_topics"),
            menu_pages=sorted((p for p in pages if getattr(p, "menu", None) is not None), key=lambda p: p.menu),
            footer_pages=[p for p in pages if getattr(p, "footer", False)],
            formats=[entry.id for entry in network.course_formats],
            news_years=sorted({a.date.year for a in articles}, reverse=True),
            network_map=network_map.layout(
                list(project.nodes.values()), *(region_outline(project) or (None, "")), tuple(project.venues.values())
            ),
            identity_css=STYLESHEET if network.colours else None,
            structured=StructuredData(
                network, project.partners, self.links, {t.id: t.name for t in project.topics.values()}
            ),
            network_logo=read_logo(project.data_dir, network.logo) if network.logo else None,
            canonical_base=network.site_url.rstrip("/") + "/",
            breadcrumbs=Breadcrumbs.of(network, self.links),
            months=(months := month_grid.months(self.catalogue.upcoming, self.catalogue.today)),
            # The month view's entry page, linked from every catalogue page.
            first_month=months[0].first if months else None,
            once=Fragments(),
            pictures=Pictures(project.images, network.share_image),
            picture_credits=picture_credits(project, articles, self.links),
        )
        self.project = project
        self.articles = articles
        self._collect_pages()
        owners, problems = claimed_paths(project, self.settings, self.catalogue.today, self.catalogue)
        # Before Pelican writes a page: it would only warn about a {filename} link to nowhere.
        problems += placeholder_link_problems(project, self.catalogue.today)
        if problems:
            raise DataProblems(problems)
        self.context["path_owners"] = owners  # automatic redirects go only where nothing else is written
        self.writing: Future | None = None  # the forked worker's list of pages written
        self.written_meanwhile: set[str] = set()  # by Pelican's writer while the worker wrote
        signals.get_writer.connect(self.start_writing)

    def generate_output(self, writer) -> None:
        write_files(self.project.network, self.project.data_dir, Path(self.output_path))
        if self.writing is None:
            self._write_pages(writer)
            return
        try:
            pages = {os.path.normpath(os.path.join(self.output_path, name)) for name in self.writing.result()}
        finally:
            self.pool.close()
            signals.content_written.disconnect(self._note_written)
        for path in sorted(pages.intersection(self.written_meanwhile)):
            logger.warning("%s would be written twice", os.path.relpath(path, self.output_path))

    def start_writing(self, pelican: object = None) -> None:
        """Write the pages in a forked worker from now on, while Pelican writes the news.

        Connected to ``get_writer``, which Pelican sends when the context is final (every
        generator's context made, intersite links in summaries resolved) and its writer is about
        to be made. The worker writes with a writer of its own; the pages both write are
        compared when the worker is done, as Pelican's writer would have.
        """
        signals.get_writer.disconnect(self.start_writing)
        if len(self.pages) < PARALLEL_FROM or not second_core_free():
            return
        signals.content_written.connect(self._note_written)
        self.pool = ForkedPool(1, self._write_pages)
        self.writing = self.pool.submit()

    def _note_written(self, path: str, **kwargs: object) -> None:
        self.written_meanwhile.add(os.path.normpath(path))

    def _write_pages(self, writer: Writer | None = None) -> list[str]:
        writer = writer or Writer(self.output_path, settings=self.settings)
        for save_as, template, kwargs in self.pages:
            url = save_as.removesuffix("index.html")
            context, page = self.context, self.get_template(template)
            writer.write_file(save_as, page, context, relative_urls=False, url=url, page_url=url, **kwargs)
        pages_written.send(self)
        return [save_as for save_as, _, _ in self.pages]

    def _collect_pages(self) -> None:
        """Every page this generator writes, as (file, template, what the template shows)."""
        self.pages = collect_pages(self.project, self.links, self.catalogue, self.context, self.articles)
