"""The news feeds and the "Neue Kurse und Termine" feed, plus the ``feeds`` template variable.

Written after the pages, from Pelican's articles, the catalogue views and the courses' git revisions.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, replace
from pathlib import Path
from zoneinfo import ZoneInfo

from catalogue.filters import date_de
from catalogue.links import Links
from catalogue.views import CANCELLED, POSTPONED, Catalogue, RunView, SessionView
from markupsafe import Markup
from sitedata.loader import Project

from ..calendars.event_text import session_line
from ..calendars.revisions import CourseHistory, fallback_time
from ..calendars.site import Site
from .feeds import ATOM, RSS, Feed, Item, absolute_links, entry_id, newest_first, render


@dataclass(frozen=True)
class FeedRef:
    """One feed for templates: paths relative to SITEURL, like every other page link."""

    title: str
    base: str

    @property
    def atom(self) -> str:
        return self.base + ATOM

    @property
    def rss(self) -> str:
        return self.base + RSS


class FeedLinks:
    """The ``feeds`` template variable."""

    def __init__(self, network_name: str, links: Links, node_names: dict[str, str], topic_names: dict[str, str]):
        self.links = links
        self.network_name = network_name
        self.node_names = node_names
        self.topic_names = topic_names
        self.news = FeedRef(f"{network_name}: Aktuelles", links.news_feed_base)
        self.courses = FeedRef(f"{network_name}: Neue Kurse und Termine", links.courses_feed_base)

    def node(self, node_id: str) -> FeedRef:
        return FeedRef(
            f"{self.network_name}: Aktuelles – {self.node_names[node_id]}", self.links.news_feed_node(node_id)
        )

    def topic(self, topic_id: str) -> FeedRef:
        return FeedRef(
            f"{self.network_name}: Aktuelles zum Thema {self.topic_names[topic_id]}",
            self.links.news_feed_topic(topic_id),
        )


class NewsFeeds:
    """Every feed of the site, written by ``write``."""

    def __init__(
        self, project: Project, catalogue: Catalogue, feeds: FeedLinks, site: Site, histories: dict[str, CourseHistory]
    ) -> None:
        self.project = project
        self.catalogue = catalogue
        self.today: dt.date = catalogue.today
        self.links: Links = feeds.links
        self.feeds = feeds
        self.site = site
        self.histories = histories

    def write(self, output: Path, articles: list, max_items: int | None) -> None:
        site, links, feeds = self.site, self.links, self.feeds
        contact = self.project.network.contact
        author = {"name": self.project.network.name, **({"email": contact.email} if contact.email else {})}
        empty = fallback_time(self.today)
        # Newest first, the order render() keeps; items are built only for articles a feed shows.
        articles = sorted(articles, key=lambda a: (a.date, self._news_id(a)), reverse=True)
        item = functools.cache(self._news_item)  # one Item per article, whichever feeds show it

        def newest(chosen: list) -> list[Item]:
            return [item(a) for a in chosen[:max_items]]

        news = newest(articles)

        all_feeds = [
            Feed(feeds.news.base, feeds.news.title, self.project.network.description, site.absolute(links.news), news),
            Feed(
                feeds.courses.base,
                feeds.courses.title,
                f"Neu angekündigte und geänderte Kurse und Termine von {self.project.network.long_name}.",
                site.absolute(links.courses),
                self._course_items(max_items),
            ),
        ]
        for node_id in feeds.node_names:
            ref = feeds.node(node_id)
            chosen = newest([a for a in articles if node_id in (getattr(a, "nodes", None) or [])])
            all_feeds.append(Feed(ref.base, ref.title, ref.title, site.absolute(links.node(node_id)), chosen))
        for topic_id in feeds.topic_names:
            ref = feeds.topic(topic_id)
            chosen = newest([a for a in articles if topic_id in (getattr(a, "topics", None) or [])])
            all_feeds.append(Feed(ref.base, ref.title, ref.title, site.absolute(links.topic(topic_id)), chosen))

        for feed in all_feeds:
            for path, data in render(feed, site.site_url, author, empty, max_items).items():
                target = output / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)

    def _aware(self, value: dt.datetime) -> dt.datetime:
        return value if value.tzinfo else value.replace(tzinfo=ZoneInfo(self.site.timezone))

    def _news_id(self, article) -> str:
        # The news file's name: stays when the editor changes title, slug or date.
        return entry_id(self.site.site_url, "aktuelles", article.source_id)

    def _news_item(self, article) -> Item:
        site = self.site
        link = site.absolute(article.url)
        body = article.get_content(site.site_url)
        image = getattr(article, "image", None)
        if image:
            # The credit goes wherever the picture goes, as press photos and image libraries require.
            caption = f"{image.caption} {image.credit}" if image.caption else image.credit
            figure = Markup('<figure><img src="{}" alt="{}"><figcaption>{}</figcaption></figure>').format(
                site.absolute(image.src), image.alt, caption
            )
            body = str(figure) + body
        published = self._aware(article.date)
        return Item(
            id=self._news_id(article),
            title=article.title,
            link=link,
            published=published,
            updated=self._aware(getattr(article, "modified", None) or article.date),
            summary=str(article.metadata.get("summary", "")),  # the front matter's plain text
            content=absolute_links(body, link),
            categories=tuple(
                site.topic_names[t] for t in getattr(article, "topics", None) or [] if t in site.topic_names
            ),
        )

    def _course_items(self, max_items: int | None) -> list[Item]:
        site = self.site
        histories = self.histories
        items, runs = [], {}
        for view in self.catalogue.courses.values():
            for run in view.upcoming(self.today):
                revision = histories[view.id].runs[run.run.id]
                prefix = {"abgesagt": "Abgesagt: ", "verschoben": "Verschoben: "}.get(run.status, "")
                when = f"ab {date_de(run.first_day)}" if run.first_day else "Termin folgt"
                items.append(
                    Item(
                        id=entry_id(site.site_url, "kurse", view.id, run.run.id),
                        title=f"{prefix}{run.course.title} ({when})",
                        link=site.run_url(run),
                        published=revision.created,
                        updated=revision.last_modified,
                        summary=run.course.summary,
                        content="",  # below, for the entries the feed shows
                        categories=tuple(site.topic_names[t] for t in run.course.topics if t in site.topic_names),
                    )
                )
                runs[items[-1].id] = run
        # HTML only for the entries the feed keeps: building it for all 2,000 runs of a large
        # catalogue cost ~0.5 s per build.
        chosen = sorted(items, key=newest_first, reverse=True)[:max_items]
        return [replace(item, content=_run_html(site, runs[item.id])) for item in chosen]


def _run_html(site: Site, run: RunView) -> str:
    course, r = run.course, run.run
    parts = [
        Markup("<p>{}</p>").format(course.summary),
        Markup("<p>{} · {} · Status: {}</p>").format(course.kind, run.format.label, r.status),
    ]
    if run.rhythm:
        parts.append(Markup("<p>Regelmäßig: {}</p>").format(run.rhythm))
    if run.sessions:
        rows = Markup("").join(Markup("<li>{}</li>").format(_session_text(s)) for s in run.sessions)
        parts.append(Markup("<ul>{}</ul>").format(rows))
    elif r.start_date:
        parts.append(Markup("<p>Zeitraum ab {}; die Einzeltermine folgen.</p>").format(date_de(r.start_date)))
    if r.note:
        parts.append(Markup("<p>{}</p>").format(r.note))
    place = f"{run.venue.name}, {run.venue.address}" if run.venue else "online"
    parts.append(Markup("<p>Ort: {}</p>").format(place))
    if r.registration_deadline:
        parts.append(Markup("<p>Anmeldeschluss: {}</p>").format(date_de(r.registration_deadline)))
    parts.append(Markup('<p><a href="{}">Zur Kursseite</a></p>').format(site.run_url(run)))
    return str(Markup("").join(parts))


def _session_text(session: SessionView) -> str:
    """A session's line with what its row on the course page adds: cancelled or postponed, why, its note."""
    text = session_line(session)
    if session.status in (CANCELLED, POSTPONED):
        text += f" – {session.status}"
    if session.session.reason:
        text += f" (Grund: {session.session.reason})"
    if session.session.note:
        text += f" – {session.session.note}"
    return text
