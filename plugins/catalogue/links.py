"""The URL of every generated page, calendar and feed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sitedata.loader import Project
from sitedata.slugs import slugify


@dataclass(frozen=True)
class Links:
    """Every URL pattern of the generated pages, in one place (relative to SITEURL)."""

    office_slug: str | None

    @classmethod
    def of(cls, project: Project) -> Links:
        office = project.network.office_label
        return cls(office.slug if office else None)

    network = "netzwerk/"
    courses = "kurse/"
    topics = "themen/"
    news = "aktuelles/"

    @property
    def nodes(self) -> str:
        return f"{self.office_slug}/" if self.office_slug else ""

    def node(self, node_id: str) -> str:
        return f"{self.office_slug}/{node_id}/"

    def course(self, course_id: str) -> str:
        return f"kurse/{course_id}/"

    def topic(self, topic_id: str) -> str:
        return f"themen/{topic_id}/"

    # Every news item of a node or topic, when its page shows only the latest ones.
    def node_news(self, node_id: str) -> str:
        return f"{self.node(node_id)}meldungen/"

    def topic_news(self, topic_id: str) -> str:
        return f"{self.topic(topic_id)}meldungen/"

    # Catalogue filter pages: each is a plain page, so filtering works without JavaScript.
    def courses_on_topic(self, topic_id: str) -> str:
        return f"kurse/thema/{topic_id}/"

    def courses_at_place(self, city: str) -> str:
        """Every course in one town or city, at a node or any other venue."""
        return f"kurse/ort/{slugify(city)}/"

    def courses_in_format(self, course_format: str) -> str:
        # from the value courses write (network.yml's course_formats): Präsenz → praesenz
        return f"kurse/format/{slugify(course_format)}/"

    def month(self, month: dt.date) -> str:
        return f"kurse/monat/{month:%Y-%m}/"

    courses_archive = "kurse/archiv/"
    search = "suche/"
    credits = "bildnachweis/"

    def news_year(self, year: int) -> str:
        return f"aktuelles/archiv/{year}/"

    @staticmethod
    def save_as(url: str) -> str:
        return f"{url}index.html"

    # Calendars and feeds are files, not pages: their URL is also their path in the output.
    calendar_all = "kalender/alle.ics"
    news_feed_base = "feeds/aktuelles"
    courses_feed_base = "feeds/kurse"
    courses_json = "courses.json"

    def calendar_node(self, node_id: str) -> str:
        return f"kalender/{self.office_slug}-{node_id}.ics"

    def calendar_topic(self, topic_id: str) -> str:
        return f"kalender/thema-{topic_id}.ics"

    def calendar_course(self, course_id: str) -> str:
        return f"kurse/{course_id}/termine.ics"

    def calendar_session(self, course_id: str, run_id: str, session_id: str) -> str:
        return f"kurse/{course_id}/termin-{run_id}-{session_id}.ics"

    def news_feed_node(self, node_id: str) -> str:
        """Base path without extension; ``.atom.xml`` and ``.rss.xml`` are appended."""
        return f"feeds/{self.office_slug}-{node_id}"

    def news_feed_topic(self, topic_id: str) -> str:
        return f"feeds/thema-{topic_id}"
