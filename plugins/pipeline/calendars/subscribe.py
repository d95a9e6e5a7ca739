"""Subscribe and "add to calendar" links for templates.

Templates get one object, ``calendars``, and never build calendar URLs themselves.
Google's ``cid`` shortcut and Outlook's deep links are undocumented and sometimes
flaky, so templates always show the plain https URL next to them.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from catalogue.views import RunView, SessionView

from .event_text import location, short_description, summary
from .site import Site
from .status import still_to_come

GOOGLE = "https://calendar.google.com/calendar/render"
OUTLOOK_365 = "https://outlook.office.com/owa/"
OUTLOOK_COM = "https://outlook.live.com/owa/"


def webcal(url: str) -> str:
    """webcal:// opens the subscribe dialog of Apple Calendar, Thunderbird and Outlook desktop."""
    return "webcal://" + url.split("://", 1)[1]


def _outlook(base: str, url: str, name: str) -> str:
    query = urlencode(
        {"path": "/calendar/action/compose", "rru": "addsubscription", "url": webcal(url), "name": name},
        quote_via=quote,
    )
    return f"{base}?{query}"


@dataclass(frozen=True)
class Subscription:
    name: str
    path: str  # relative to SITEURL, for links in this site's own pages
    url: str  # absolute (from site_url), for calendar apps and "Von URL hinzufügen"

    @property
    def webcal(self) -> str:
        return webcal(self.url)

    @property
    def google(self) -> str:
        return f"{GOOGLE}?{urlencode({'cid': self.webcal}, quote_via=quote)}"

    @property
    def outlook_365(self) -> str:
        return _outlook(OUTLOOK_365, self.url, self.name)

    @property
    def outlook_com(self) -> str:
        return _outlook(OUTLOOK_COM, self.url, self.name)


@dataclass(frozen=True)
class SessionLinks:
    google: str  # "add to Google Calendar" for this one session
    ics: str  # path of this session's own .ics (one event, same UID as in the subscriptions), relative to SITEURL


def _dates(session: SessionView, site: Site) -> str:
    """Google's ``dates``: UTC instants, or for a day without times („Uhrzeit folgt“) the day and the next."""
    if not session.timed:
        return f"{session.day:%Y%m%d}/{session.day + dt.timedelta(days=1):%Y%m%d}"
    return f"{_utc(session.start, site)}/{_utc(session.end, site)}"


@functools.lru_cache(maxsize=1024)
def _quoted(value: str) -> str:
    return quote(value, safe="")


def _utc(value: dt.datetime, site: Site) -> str:
    return value.replace(tzinfo=site.zone).astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


class Calendars:
    """The ``calendars`` template variable."""

    def __init__(self, site: Site, node_names: dict[str, str], today: dt.date) -> None:
        self.site = site
        self.node_names = node_names
        self.today = today

    @property
    def all(self) -> Subscription:
        return self._subscription(f"{self.site.name}: Kurse und Termine", self.site.links.calendar_all)

    def node(self, node_id: str) -> Subscription:
        return self._subscription(
            f"{self.site.name}: {self.node_names[node_id]}", self.site.links.calendar_node(node_id)
        )

    def topic(self, topic_id: str) -> Subscription:
        name = f"{self.site.name}: {self.site.topic_names[topic_id]}"
        return self._subscription(name, self.site.links.calendar_topic(topic_id))

    def course(self, course_id: str, title: str) -> Subscription:
        return self._subscription(title, self.site.links.calendar_course(course_id))

    def _subscription(self, name: str, path: str) -> Subscription:
        return Subscription(name, path, self.site.absolute(path))

    def session(self, run: RunView, session: SessionView) -> SessionLinks | None:
        """Links to add one session, only while it is still to come (never for a cancelled one)."""
        site = self.site
        if not still_to_come(session, self.today):
            return None
        query = {
            "action": "TEMPLATE",
            "text": summary(run, session),
            "dates": _dates(session, site),
            "details": short_description(site, run),
            "location": location(run, session),
            "ctz": site.timezone,
        }
        # What urlencode(query, quote_via=quote) gives; a run's description and place are the same
        # in each of its sessions' links, so they are quoted once.
        encoded = "&".join(f"{name}={_quoted(value)}" for name, value in query.items())
        return SessionLinks(
            google=f"{GOOGLE}?{encoded}",
            ics=site.links.calendar_session(run.course.id, run.run.id, session.session.id),
        )
