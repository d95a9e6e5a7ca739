"""Pelican generator for the pages that come from data/: home, network, nodes, courses, topics."""

from __future__ import annotations

from pelican.generators import Generator
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

    def generate_output(self, writer) -> None:
        links = self.links
        self._write(writer, "index.html", "home")
        self._write(writer, links.save_as(links.network), "network")
        self._write(writer, links.save_as(links.courses), "catalogue")
        self._write(writer, links.save_as(links.courses_archive), "archive")
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
            self._write(writer, links.save_as(url), "filtered", runs=runs, filter_label=label)
        for month in self.context["months"]:
            self._write(writer, links.save_as(links.month(month.first)), "month", month=month)
        for year in self.context["news_years"]:
            articles = [a for a in self.articles if a.date.year == year]
            self._write(writer, links.save_as(links.news_year(year)), "news_year", year=year, year_articles=articles)
        self._write(writer, links.save_as(links.search), "search")
        self._write(writer, "404.html", "404")
        for view in self.catalogue.courses.values():
            course_news = self.context["news_by_course"].get(view.id, [])
            self._write(writer, links.save_as(view.url), "course", course=view, course_news=course_news)
        self._write(writer, links.save_as(links.topics), "topics")
        news_by_topic, news_by_node = self.context["news_by_topic"], self.context["news_by_node"]
        for topic in self.project.topics.values():
            runs = Excerpt(catalogue.on_topic(topic.id), NEXT_RUNS, links.courses_on_topic(topic.id))
            news = Excerpt(news_by_topic.get(topic.id, []), LATEST_NEWS, links.topic_news(topic.id))
            self._write_overview(writer, links.topic(topic.id), "topic", runs, news, topic=topic)
        if links.office_slug:
            self._write(writer, links.save_as(links.nodes), "nodes")
            for node in self.project.nodes.values():
                runs = Excerpt(catalogue.at_node(node.id), NEXT_RUNS, links.courses_at_node(node.id))
                news = Excerpt(news_by_node.get(node.id, []), LATEST_NEWS, links.node_news(node.id))
                self._write_overview(writer, links.node(node.id), "node", runs, news, node=node)

    def _write_overview(self, writer, url: str, template: str, runs: Excerpt, news: Excerpt, **subject) -> None:
        """A node's or topic's page and, when it shows only the latest news, the list of them all."""
        self._write(writer, self.links.save_as(url), template, runs=runs, news=news, **subject)
        if news.url:
            archive = self.links.save_as(news.url)
            self._write(writer, archive, "news_archive", archive_articles=news.entries, parent_url=url, **subject)

    def _write(self, writer, save_as: str, template: str, **kwargs: object) -> None:
        url = save_as.removesuffix("index.html")
        writer.write_file(
            save_as, self.get_template(template), self.context, relative_urls=False, url=url, page_url=url, **kwargs
        )
