"""What every calendar and ``courses.json`` need to know about the site."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from catalogue.links import Links
from catalogue.views import RunView
from sitedata.loader import Project


@dataclass(frozen=True)
class Site:
    """What every calendar needs to know about the site, with absolute URLs from ``site_url``."""

    name: str
    site_url: str  # without trailing slash
    timezone: str
    links: Links
    topic_names: dict[str, str]
    provider_names: dict[str, str] = field(default_factory=dict)
    contact_email: str | None = None  # the network's role-based address, ORGANIZER when a course has none

    @classmethod
    def of(cls, project: Project, links: Links) -> Site:
        """Feeds and calendars always use absolute URLs from ``site_url``, whatever SITEURL is."""
        network = project.network
        topic_names = {t.id: t.name for t in project.topics.values()}
        provider_names = {p.id: p.name for p in project.partners.values()}
        return cls(
            network.name,
            network.site_url.rstrip("/"),
            network.timezone,
            links,
            topic_names,
            provider_names,
            network.contact.email,
        )

    @cached_property  # in every UID
    def host(self) -> str:
        return urlsplit(self.site_url).hostname or "localhost"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def prodid(self) -> str:
        return f"-//{self.name}//Kurskalender der Netzwerk-Website//DE"

    def absolute(self, path: str) -> str:
        return f"{self.site_url}/{path}"

    def run_url(self, run: RunView) -> str:
        return f"{self.absolute(self.links.course(run.course.id))}#{run.anchor}"
