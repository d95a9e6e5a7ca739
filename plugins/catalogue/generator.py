"""Pelican generator for the pages that come from data/: home, network, nodes, courses, topics."""

from __future__ import annotations

from pelican.generators import Generator
from sitedata.loader import project_for

from . import month_grid, network_map
from .fragments import Fragments
from .structured import StructuredData
from .views import FORMAT_SLUGS, Links, build_catalogue, index_by, node_names


class CatalogueGenerator(Generator):
    """Runs after Pelican's article and page generators, so news can be linked to data."""

    def generate_context(self) -> None:
        project = project_for(self.settings)
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
            months=month_grid.months(self.catalogue.upcoming),
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
        for topic in self.project.topics.values():
            self._write(writer, links.save_as(links.topic(topic.id)), "topic", topic=topic)
        if links.office_slug:
            self._write(writer, links.save_as(links.nodes), "nodes")
            for node in self.project.nodes.values():
                self._write(writer, links.save_as(links.node(node.id)), "node", node=node)

    def _write(self, writer, save_as: str, template: str, **kwargs: object) -> None:
        url = save_as.removesuffix("index.html")
        writer.write_file(
            save_as, self.get_template(template), self.context, relative_urls=False, url=url, page_url=url, **kwargs
        )
