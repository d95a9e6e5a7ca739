"""Atom and RSS 2.0 documents with feedgen, from items prepared by the generator.

Feed readers recognise an entry by its id. Ids here come from what editors never
change (a news file's name, a course's and run's ids), so an edited title, slug or
date updates an entry instead of publishing it again. Nothing depends on the clock:
a feed's ``updated`` is its newest entry's.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass, field
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator
from markupsafe import escape

ATOM = ".atom.xml"
RSS = ".rss.xml"
GENERATOR = "Netzwerk-Website (feedgen)"


def entry_id(site_url: str, *parts: str) -> str:
    """A URN that survives edits of title, slug and date (but not a new site_url)."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, '/'.join([site_url, *parts]))}"


_URL_ATTRIBUTE = re.compile(r"""(\s(?:href|src)\s*=\s*)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)


def absolute_links(html: str, base: str) -> str:
    """Feed readers have no page to resolve relative links against (xml:base is widely ignored)."""

    def resolve(match: re.Match) -> str:
        prefix, quote, url = match.groups()
        if url.startswith("#"):
            url = base + url
        return f"{prefix}{quote}{urljoin(base, url)}{quote}"

    return _URL_ATTRIBUTE.sub(resolve, html)


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    link: str
    published: dt.datetime  # timezone-aware
    updated: dt.datetime
    summary: str
    content: str  # HTML with absolute links
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class Feed:
    base: str  # output path without extension, e.g. "feeds/aktuelles"
    title: str
    subtitle: str
    page_url: str  # absolute
    items: list[Item] = field(default_factory=list)


def newest_first(item: Item) -> tuple[dt.datetime, str]:
    return item.published, item.id


def render(
    feed: Feed, site_url: str, author: dict[str, str], empty_updated: dt.datetime, max_items: int | None
) -> dict[str, bytes]:
    """``{path: bytes}`` for the Atom and the RSS version of one feed, with its ``max_items`` newest entries.

    Readers keep entries they have seen, so a feed only needs the recent ones; without the limit the
    network's feeds held every news item ever written (215 MB at 5,000 news).
    """
    items = sorted(feed.items, key=newest_first, reverse=True)[:max_items]
    updated = max((i.updated for i in items), default=empty_updated)
    out = {}
    for suffix, write in ((ATOM, "atom_str"), (RSS, "rss_str")):
        fg = FeedGenerator()
        fg.id(entry_id(site_url, feed.base))
        fg.title(feed.title)
        fg.subtitle(feed.subtitle)
        fg.author(author)
        fg.language("de")
        fg.generator(GENERATOR)
        # feedgen uses the last link as RSS <link>: the page, not the feed itself.
        fg.link(href=f"{site_url}/{feed.base}{suffix}", rel="self")
        fg.link(href=feed.page_url, rel="alternate")
        fg.updated(updated)
        fg.lastBuildDate(updated)
        for item in items:
            fe = fg.add_entry(order="append")
            fe.id(item.id)
            fe.guid(item.id, permalink=False)
            fe.title(item.title)
            fe.link(href=item.link)
            fe.published(item.published)
            fe.updated(item.updated)
            # The summary is plain text, but RSS's <description> is read as HTML: escaped once,
            # and marked as HTML for Atom, both show the text, never markup.
            fe.summary(str(escape(item.summary)), type="html")
            fe.content(item.content, type="html")
            for category in item.categories:
                fe.category(term=category)
        out[feed.base + suffix] = getattr(fg, write)(pretty=True)
    return out
