"""What tests about the real site (marker ``content``) expect, read from its own data/ and content/.

A network that adopts the engine swaps in its own data/ and content/ and must still be able to run
these tests (tests/test_other_network.py does exactly that), so they never name ANeTT's ids, names
or texts: they ask this module for "a node", "a topic with courses", "the calendar's name", … of
whatever network the repository holds. A test that needs a situation the network does not have
(no cancelled course, no nodes) skips with the reason; the engine tests on the fixture networks
never skip.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CONTENT = pytest.mark.content


def sites(*names: str) -> list:
    """Parameters naming conftest's built sites; the real one is marked ``content``."""
    return [pytest.param(n, marks=CONTENT) if n == "real_site" else n for n in names]


@functools.cache
def project(root: Path = REPO):
    from sitedata.loader import load_project

    return load_project(root / "content", root / "data")


def host(network) -> str:
    return network.site_url.split("://", 1)[1].split("/")[0].rstrip("/")


def base_url(network) -> str:
    return network.site_url.rstrip("/") + "/"


def require(value, what: str):
    """``value``, or skip: the network in data/ has no ``what`` (a fact of its data, not a failure)."""
    if not value:
        pytest.skip(f"the network in data/ has no {what}")
    return value


def published_news(project) -> list:
    """Published news items, newest first."""
    return sorted((m for m in project.news.values() if m.status == "published"), key=lambda m: m.date, reverse=True)


def news_url(meta) -> str:
    from catalogue.links import Links
    from sitedata.slugs import slugify

    return f"{Links.news}{meta.slug or slugify(meta.title)}/"


def page_url(meta) -> str:
    from sitedata.slugs import slugify

    return f"{meta.slug or slugify(meta.title)}/"


def links(project):
    from catalogue.links import Links

    return Links.of(project)


def _to_come(session, today: dt.date) -> bool:
    return session.status is None and session.last_day >= today


def courses_with_sessions_to_come(project, today: dt.date) -> list:
    return [
        c
        for c in project.courses.values()
        if any(
            r.status not in ("abgesagt", "verschoben") and any(_to_come(s, today) for s in r.sessions) for r in c.runs
        )
    ]


def cancelled_courses(project) -> list:
    return [c for c in project.courses.values() if any(r.status == "abgesagt" for r in c.runs)]


def topics_with_courses(project) -> list:
    used = {t for c in project.courses.values() for t in c.topics}
    return [t for t in project.topics.values() if t.id in used]


# One page of each kind the engine makes; the accessibility and security-header tests open one each.
PAGE_TYPE_NAMES = [
    "home", "news list", "news page 2", "news year", "article", "article with picture", "picture credits",
    "catalogue", "catalogue by topic", "catalogue by node", "catalogue by format", "month view",
    "course archive", "course", "cancelled course", "nodes", "node", "topics", "topic", "network",
    "legal page", "search", "not found",
]  # fmt: skip


def page_types(project, output: Path, today: dt.date) -> dict[str, str]:
    """Kind of page → the path of one such page in ``output``; kinds the network has none of are left out."""
    link = links(project)
    news = published_news(project)
    nodes = sorted(project.nodes.values(), key=lambda n: (n.order, n.id))
    topics = topics_with_courses(project)
    to_come = courses_with_sessions_to_come(project, today)
    cancelled = cancelled_courses(project)
    pictured = [m for m in news if m.image]
    pages = sorted(project.pages.values(), key=lambda p: p.title)
    first = lambda pattern: next(  # noqa: E731 - the first page below output matching a glob
        (p.parent.relative_to(output).as_posix() + "/" for p in sorted(output.glob(pattern))), None
    )
    candidates = {
        "home": "",
        "news list": link.news,
        "news page 2": f"{link.news}seite/2/",
        "news year": link.news_year(news[-1].date.year) if news else None,
        "article": news_url(news[0]) if news else None,
        "article with picture": news_url(pictured[0]) if pictured else None,
        "picture credits": link.credits,
        "catalogue": link.courses,
        "catalogue by topic": link.courses_on_topic(topics[0].id) if topics else None,
        "catalogue by node": link.courses_at_place(nodes[0].address.city) if nodes else None,
        "catalogue by format": first("kurse/format/*/index.html"),
        "month view": first("kurse/monat/*/index.html"),
        "course archive": link.courses_archive,
        "course": link.course(to_come[0].id) if to_come else None,
        "cancelled course": link.course(cancelled[0].id) if cancelled else None,
        "nodes": link.nodes if nodes else None,
        "node": link.node(nodes[0].id) if nodes else None,
        "topics": link.topics,
        "topic": link.topic(topics[0].id) if topics else None,
        "network": link.network,
        "legal page": page_url(pages[0]) if pages else None,
        "search": link.search,
        "not found": "404.html",
    }
    assert set(candidates) == set(PAGE_TYPE_NAMES)
    # Pages only some sites have (enough news for a second page, pictures, past courses) count when
    # built; the others follow from the data, so a missing one fails where the test opens it.
    optional = {"news page 2", "picture credits", "course archive"}
    return {
        kind: path
        for kind, path in candidates.items()
        if path is not None and (kind not in optional or (output / path / "index.html").is_file())
    }
