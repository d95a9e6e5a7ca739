"""Which pages the catalogue writes, and the output paths editors' choices could make collide.

``collect_pages`` is the one list of the generator's pages: the generator writes it, and
``path_problems`` (run by ``invoke check`` and before any page is built) reads the same list,
so a page titled „Netzwerk“, ``slug: kurse``, a course file ``archiv.yml`` or
``office_label.slug: aktuelles`` is named in German with its fix instead of failing the
build with Pelican's "would be written twice".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitedata.loader import editor_path
from sitedata.problems import Problem
from sitedata.slugs import slugify

from . import month_grid
from .links import Links
from .picture_credits import has_pictures
from .views import Catalogue, build_catalogue, index_by, node_names

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from sitedata.loader import Project

# A node's or topic's page lists its next runs and latest news and links to the full lists
# (catalogue filter pages and news archives): listing all of them made pages of ~700 KB at
# 5,000 news, which changed with most edits.
NEXT_RUNS = 6
LATEST_NEWS = 5

Page = tuple[str, str, dict]  # (file in the output, template, what the template shows)


@dataclass(frozen=True)
class Excerpt:
    """The first entries of a list, for a page that links to the whole list on another page."""

    entries: list
    limit: int
    full_list: str  # URL of the page with every entry

    @property
    def items(self) -> list:
        return self.entries[: self.limit]

    @property
    def total(self) -> int:
        return len(self.entries)

    @property
    def url(self) -> str | None:
        """Where the rest is; None when ``items`` are all there is."""
        return self.full_list if self.total > self.limit else None


def collect_pages(
    project: Project, links: Links, catalogue: Catalogue, context: Mapping[str, Any], articles: Sequence
) -> list[Page]:
    """Every page the catalogue generator writes.

    ``context``: node_names, months, news_years, news_by_course/topic/node and picture_credits, as the
    templates get them.
    """
    pages: list[Page] = []

    def write(save_as: str, template: str, **kwargs: object) -> None:
        pages.append((save_as, template, kwargs))

    def overview(url: str, template: str, runs: Excerpt, news: Excerpt, **subject) -> None:
        """A node's or topic's page and, when it shows only the latest news, the list of them all."""
        write(links.save_as(url), template, runs=runs, news=news, **subject)
        if news.url:
            archive = links.save_as(news.url)
            write(archive, "news_archive", archive_articles=news.entries, parent_url=url, **subject)

    write("index.html", "home")
    write(links.save_as(links.network), "network")
    write(links.save_as(links.courses), "catalogue")
    write(links.save_as(links.courses_archive), "archive")
    filters = [
        *(
            (links.courses_on_topic(t.id), catalogue.on_topic(t.id), f"Thema: {t.name}")
            for t in project.topics.values()
        ),
        *(
            (links.courses_at_place(city), catalogue.at_place(slug), f"Ort: {city}")
            for slug, city in catalogue.places.items()
        ),
        *(
            (links.courses_in_format(f.id), catalogue.in_format(f.id), f"Format: {f.label}")
            for f in project.network.course_formats
        ),
    ]
    for url, runs, label in filters:
        write(links.save_as(url), "filtered", runs=runs, filter_label=label)
    for month in context["months"]:
        write(links.save_as(links.month(month.first)), "month", month=month)
    for year in context["news_years"]:
        year_articles = [a for a in articles if a.date.year == year]
        write(links.save_as(links.news_year(year)), "news_year", year=year, year_articles=year_articles)
    write(links.save_as(links.search), "search")
    if context["picture_credits"]:
        write(links.save_as(links.credits), "credits")
    write("404.html", "404")
    for view in catalogue.courses.values():
        course_news = context["news_by_course"].get(view.id, [])
        write(links.save_as(view.url), "course", course=view, course_news=course_news)
    write(links.save_as(links.topics), "topics")
    news_by_topic, news_by_node = context["news_by_topic"], context["news_by_node"]
    for topic in project.topics.values():
        runs = Excerpt(catalogue.on_topic(topic.id), NEXT_RUNS, links.courses_on_topic(topic.id))
        news = Excerpt(news_by_topic.get(topic.id, []), LATEST_NEWS, links.topic_news(topic.id))
        overview(links.topic(topic.id), "topic", runs, news, topic=topic)
    if links.office_slug:
        write(links.save_as(links.nodes), "nodes")
        for node in project.nodes.values():
            # the node's town, at the node and at other venues; the full list is the place filter's page
            runs = Excerpt(catalogue.at_node(node.id), NEXT_RUNS, links.courses_at_place(node.address.city))
            news = Excerpt(news_by_node.get(node.id, []), LATEST_NEWS, links.node_news(node.id))
            overview(links.node(node.id), "node", runs, news, node=node)
    return pages


# What editors call the catalogue's pages, by template.
_PAGE_NAMES = {
    "home": "die Startseite",
    "network": "die Netzwerkseite",
    "catalogue": "die Kursübersicht",
    "archive": "das Kursarchiv",
    "filtered": "eine Filterseite der Kurse",
    "month": "eine Monatsansicht der Kurse",
    "news_year": "ein Jahresarchiv der Meldungen",
    "search": "die Suchseite",
    "credits": "den Bildnachweis",
    "404": "die Fehlerseite",
    "course": "einen Kurs",
    "topics": "die Themenübersicht",
    "topic": "ein Thema",
    "news_archive": "eine Meldungsliste",
    "nodes": "die Übersicht der Standorte",
    "node": "einen Standort",
}


def redirect_save_as(address: str) -> str:
    """The file a redirect from an earlier address is written to: ``/a/b/`` and ``/a/b`` → ``a/b/index.html``,
    ``/a/b.html`` as it is."""
    path = address.lstrip("/")
    if path.endswith((".html", ".htm")):
        return path
    return f"{path.rstrip('/')}/index.html" if path.strip("/") else "index.html"


def path_problems(project: Project, settings: Mapping[str, Any], today: dt.date) -> list[Problem]:
    """Every output path that two sources would write, located at the source an editor can change."""
    return claimed_paths(project, settings, today)[1]


def claimed_paths(
    project: Project, settings: Mapping[str, Any], today: dt.date, catalogue: Catalogue | None = None
) -> tuple[dict[str, str], list[Problem]]:
    """Which source owns each output path (as editors call it), and every path two sources would write
    (``catalogue``: the project's views on ``today``, where they are made already).

    The explicit redirects (``redirect_from``) come last: an earlier address must be free."""
    links = Links.of(project)
    catalogue = catalogue or build_catalogue(project, links, today)
    news = list(project.news.values())
    context = {
        "node_names": node_names(project),
        "months": month_grid.months(catalogue.upcoming, catalogue.today),
        "news_years": sorted({meta.date.year for meta in news}, reverse=True),
        "news_by_course": index_by(news, "courses"),
        "news_by_topic": index_by(news, "topics"),
        "news_by_node": index_by(news, "nodes"),
        "picture_credits": has_pictures(project),
    }

    def shown(path: Path) -> str:
        return editor_path(path, project.root)

    network_file = shown(project.data_dir / "network.yml")
    owners: dict[str, str] = {}  # output path -> what writes it
    problems: list[Problem] = []

    def claim(save_as: str, owner: str, problem: Problem | Callable[[], Problem]) -> None:
        """``problem``: what to report if the path is taken (a function: made only then)."""
        # Two pages or two news items with one slug are checks.py's to report.
        if save_as in owners and owners[save_as] != owner:
            address = "/" + save_as.removesuffix("index.html")
            problem = problem() if callable(problem) else problem
            problems.append(replace(problem, message=problem.message.format(address=address, owner=owners[save_as])))
        owners.setdefault(save_as, owner)

    # The catalogue's fixed pages first: they own their addresses; what an editor names comes after.
    index_save_as = settings.get("INDEX_SAVE_AS", "")
    if index_save_as:
        owners[index_save_as] = "die Meldungsübersicht"
    pages = collect_pages(project, links, catalogue, context, [])
    for save_as, template, _ in pages:
        if template not in ("course", "nodes", "node"):
            owners.setdefault(save_as, _PAGE_NAMES[template])
    for save_as, template, kwargs in pages:
        if template == "course":
            path = shown(project.data_dir / "courses" / f"{kwargs['course'].id}.yml")
            problem = Problem(
                path, None, "", "Adresse „{address}“ ist schon vergeben an {owner}",
                f"einen anderen Dateinamen, z. B. {kwargs['course'].id}-kurs.yml",
            )  # fmt: skip
        elif template == "nodes":
            doc = project.sources.get(network_file)
            line = doc.line_of(("office_label", "slug")) if doc else None
            problem = Problem(
                network_file, line, "office_label.slug", "Adresse „{address}“ ist schon vergeben an {owner}",
                f"ein anderes slug, z. B. {slugify(project.network.office_label.plural)}",
            )  # fmt: skip
        elif template == "node":
            path = shown(project.data_dir / "nodes" / f"{kwargs['node'].id}.yml")
            problem = Problem(
                path, None, "", "Adresse „{address}“ ist schon vergeben an {owner}",
                f"einen anderen Dateinamen, z. B. {kwargs['node'].id}-standort.yml",
            )  # fmt: skip
        else:
            continue
        claim(save_as, _PAGE_NAMES[template], problem)
    for kind, metas, pattern in (
        ("eine Seite", project.pages, settings.get("PAGE_SAVE_AS", "")),
        ("eine Meldung", project.news, settings.get("ARTICLE_SAVE_AS", "")),
    ):
        for key, meta in metas.items():
            if not pattern:
                continue

            def taken(key: str = key) -> Problem:
                path = shown(project.content_dir / key)
                doc = project.sources.get(path)
                field = "slug" if doc and ("slug",) in doc.lines else "title"
                line = doc.line_of((field,)) if doc else None
                return Problem(
                    path, line, field, "Adresse „{address}“ ist schon vergeben an {owner}",
                    "einen anderen Titel oder ein eigenes „slug:“",
                )  # fmt: skip

            claim(pattern.format(slug=meta.slug or slugify(meta.title)), kind, taken)
    for kind, metas, pattern in (
        ("dieser Seite", project.pages, settings.get("PAGE_SAVE_AS", "")),
        ("dieser Meldung", project.news, settings.get("ARTICLE_SAVE_AS", "")),
    ):
        for key, meta in metas.items():
            if not meta.redirect_from:
                continue
            path = shown(project.content_dir / key)
            doc = project.sources.get(path)
            own = pattern.format(slug=meta.slug or slugify(meta.title)) if pattern else None
            for index, address in enumerate(meta.redirect_from):
                loc = ("redirect_from", index)
                line = doc.line_of(loc) if doc else None
                save_as = redirect_save_as(address)
                if save_as == own:
                    problems.append(
                        Problem(
                            path, line, f"redirect_from[{index}]", f"„{address}“ ist die heutige Adresse von {kind}",
                            "nur frühere Adressen, unter denen heute keine Seite steht",
                        )
                    )  # fmt: skip
                    continue
                problem = Problem(
                    path, line, f"redirect_from[{index}]", "Adresse „{address}“ ist schon vergeben an {owner}",
                    "eine frühere Adresse, unter der heute keine Seite steht, oder den Eintrag löschen",
                )  # fmt: skip
                claim(save_as, f"die Weiterleitung aus {path}", problem)
    return owners, problems
