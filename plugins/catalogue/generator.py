"""Pelican generator for the pages that come from data/: home, network, nodes, courses, topics."""

from __future__ import annotations

import logging
import os
from concurrent.futures import Future

from pelican import signals
from pelican.generators import Generator
from pelican.writers import Writer
from sitedata.forked import ForkedPool, can_fork
from sitedata.integration import PROJECT

from . import month_grid, network_map
from .fragments import Fragments
from .structured import StructuredData
from .views import FORMAT_SLUGS, Excerpt, Links, build_catalogue, index_by, node_names

# A node's or topic's page lists its next runs and latest news and links to the full lists
# (catalogue filter pages and news archives): listing all of them made pages of ~700 KB at
# 5,000 news, which changed with most edits.
NEXT_RUNS = 6
LATEST_NEWS = 5
# From this many pages on, they are written by a forked worker while Pelican writes the news.
PARALLEL_FROM = 200

logger = logging.getLogger(__name__)


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
            formats=list(FORMAT_SLUGS),
            news_years=sorted({a.date.year for a in articles}, reverse=True),
            network_map=network_map.layout(list(project.nodes.values())),
            structured=StructuredData(network, project.partners, self.links),
            canonical_base=network.site_url.rstrip("/") + "/",
            months=(months := month_grid.months(self.catalogue.upcoming)),
            # The month view's entry page, linked from every catalogue page.
            first_month=months[0].first if months else None,
            once=Fragments(),
        )
        self.project = project
        self.articles = articles
        self._collect_pages()
        self.writing: Future | None = None  # the forked worker's list of pages written
        self.written_meanwhile: set[str] = set()  # by Pelican's writer while the worker wrote
        signals.get_writer.connect(self.start_writing)

    def generate_output(self, writer) -> None:
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
        if len(self.pages) < PARALLEL_FROM or (os.cpu_count() or 1) < 2 or not can_fork():
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
        return [save_as for save_as, _, _ in self.pages]

    def _collect_pages(self) -> None:
        """Every page this generator writes, as (file, template, what the template shows)."""
        self.pages: list[tuple[str, str, dict]] = []
        links = self.links
        self._write("index.html", "home")
        self._write(links.save_as(links.network), "network")
        self._write(links.save_as(links.courses), "catalogue")
        self._write(links.save_as(links.courses_archive), "archive")
        catalogue, names = self.catalogue, self.context["node_names"]
        filters = [
            *(
                (links.courses_on_topic(t.id), catalogue.on_topic(t.id), f"Thema: {t.name}")
                for t in self.project.topics.values()
            ),
            *((links.courses_at_node(i), catalogue.at_node(i), f"Ort: {name}") for i, name in names.items()),
            *((links.courses_in_format(f), catalogue.in_format(f), f"Format: {f}") for f in FORMAT_SLUGS),
        ]
        for url, runs, label in filters:
            self._write(links.save_as(url), "filtered", runs=runs, filter_label=label)
        for month in self.context["months"]:
            self._write(links.save_as(links.month(month.first)), "month", month=month)
        for year in self.context["news_years"]:
            articles = [a for a in self.articles if a.date.year == year]
            self._write(links.save_as(links.news_year(year)), "news_year", year=year, year_articles=articles)
        self._write(links.save_as(links.search), "search")
        self._write("404.html", "404")
        for view in self.catalogue.courses.values():
            course_news = self.context["news_by_course"].get(view.id, [])
            self._write(links.save_as(view.url), "course", course=view, course_news=course_news)
        self._write(links.save_as(links.topics), "topics")
        news_by_topic, news_by_node = self.context["news_by_topic"], self.context["news_by_node"]
        for topic in self.project.topics.values():
            runs = Excerpt(catalogue.on_topic(topic.id), NEXT_RUNS, links.courses_on_topic(topic.id))
            news = Excerpt(news_by_topic.get(topic.id, []), LATEST_NEWS, links.topic_news(topic.id))
            self._write_overview(links.topic(topic.id), "topic", runs, news, topic=topic)
        if links.office_slug:
            self._write(links.save_as(links.nodes), "nodes")
            for node in self.project.nodes.values():
                runs = Excerpt(catalogue.at_node(node.id), NEXT_RUNS, links.courses_at_node(node.id))
                news = Excerpt(news_by_node.get(node.id, []), LATEST_NEWS, links.node_news(node.id))
                self._write_overview(links.node(node.id), "node", runs, news, node=node)

    def _write_overview(self, url: str, template: str, runs: Excerpt, news: Excerpt, **subject) -> None:
        """A node's or topic's page and, when it shows only the latest news, the list of them all."""
        self._write(self.links.save_as(url), template, runs=runs, news=news, **subject)
        if news.url:
            archive = self.links.save_as(news.url)
            self._write(archive, "news_archive", archive_articles=news.entries, parent_url=url, **subject)

    def _write(self, save_as: str, template: str, **kwargs: object) -> None:
        self.pages.append((save_as, template, kwargs))
