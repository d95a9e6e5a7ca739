"""Titles, descriptions, canonical URLs, OpenGraph, JSON-LD, sitemap and robots.txt of the built site."""

from __future__ import annotations

import json
import re
from collections import Counter
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
from sitedata.loader import load_project
from support import real_site as site_data

pytestmark = pytest.mark.slow  # builds whole sites (see README: the fast inner loop)


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.meta: dict[str, str] = {}
        self.canonical = ""
        self.jsonld: list[dict] = []
        self._in = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "body":
            self._in = "body"
        elif self._in == "body":
            return
        elif tag == "title":
            self._in = "title"
        elif tag == "meta" and ("name" in values or "property" in values):
            self.meta[values.get("name") or values["property"]] = values.get("content", "")
        elif tag == "link" and values.get("rel") == "canonical":
            self.canonical = values["href"]
        elif tag == "script" and values.get("type") == "application/ld+json":
            self._in = "jsonld"

    def handle_endtag(self, tag):
        if self._in != "body":
            self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "jsonld":
            self.jsonld.append(json.loads(data))


def _heads(site):
    heads = {}
    for html in sorted(site.output.rglob("*.html")):
        if "pagefind" in html.parts:
            continue
        head = _Head()
        head.feed(html.read_text(encoding="utf-8"))
        heads[html.relative_to(site.output).as_posix()] = head
    return heads


def test_titles_and_descriptions_are_unique_and_canonical_urls_absolute(real_site):
    heads = _heads(real_site)
    titles = Counter(h.title for h in heads.values())
    descriptions = Counter(h.meta["description"] for h in heads.values())
    assert [t for t, n in titles.items() if n > 1] == []
    assert [d for d, n in descriptions.items() if n > 1] == []
    base = load_project(real_site.root / "content", real_site.root / "data").network.site_url.rstrip("/") + "/"
    for path, head in heads.items():
        expected = base + path.removesuffix("index.html")
        assert head.canonical == expected, path
        assert head.meta["og:url"] == expected
        assert head.meta["og:title"] == head.title
        assert head.jsonld, path


def test_json_ld_describes_courses_runs_nodes_and_news(real_site):
    heads = _heads(real_site)
    project = load_project(real_site.root / "content", real_site.root / "data")
    for course in project.courses.values():
        (data,) = heads[f"kurse/{course.id}/index.html"].jsonld
        assert data["@type"] == "Course" and data["name"] == course.title
        # Where to register, as the page's „Anmeldung“ says, at the provider: no channel, no contact point.
        registration = course.registration
        channels = {"email": registration.email, "url": registration.url} if registration else {}
        expected = {key: str(value) for key, value in channels.items() if value}
        contact = data["provider"].get("contactPoint")
        assert contact == ({"@type": "ContactPoint", "contactType": "Anmeldung", **expected} if expected else None)
        instances = data["hasCourseInstance"]
        assert len(instances) == len(course.runs)
        for run, instance in zip(sorted(course.runs, key=lambda r: instance_order(r)), instances, strict=True):
            status = {"abgesagt": "EventCancelled", "verschoben": "EventPostponed"}.get(run.status, "EventScheduled")
            assert instance["eventStatus"] == "https://schema.org/" + status
            offers = instance["offers"]  # one per price (regular, reduced); one without a price while unknown
            assert len(offers) == (1 if course.price is None else 1 + (course.price.reduced is not None))
            assert all(o["@type"] == "Offer" for o in offers)
            if course.price is not None:
                assert all(o["priceCurrency"] == "EUR" for o in offers)
            first = min(run.sessions, key=lambda s: s.first_day, default=None)
            if first is not None and not first.timed:  # only the day is known: a date, no invented time
                assert instance["startDate"] == first.date.isoformat()
            else:
                assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", instance["startDate"])
            if run.registration_deadline:
                assert all(o["validThrough"] == run.registration_deadline.isoformat() for o in offers)
    links = site_data.links(project)
    for node_id in project.nodes:
        assert heads[links.node(node_id) + "index.html"].jsonld[0]["@type"] == "Place"
    for meta in site_data.published_news(project):
        head = heads[site_data.news_url(meta) + "index.html"]
        (data,) = head.jsonld
        assert data["@type"] == "NewsArticle"
        # The picture share previews show (og:image), as published: a rendition, never the original
        # file; none where the page has none (no picture of its own and no share image of the network).
        shared = head.meta.get("og:image")
        assert data.get("image", {}).get("url") == shared
        site_url = project.network.site_url.rstrip("/") + "/"
        assert shared is None or (real_site.output / shared.removeprefix(site_url)).is_file()
    assert heads["index.html"].jsonld[0]["@type"] == "Organization"


def instance_order(run):
    first = min((s.first_day for s in run.sessions), default=None)
    return (first or run.start_date, run.id)


def test_sitemap_lists_every_page_and_robots_points_to_it(real_site):
    project = load_project(real_site.root / "content", real_site.root / "data")
    base = project.network.site_url.rstrip("/") + "/"
    tree = ElementTree.parse(real_site.output / "sitemap.xml")
    urls = {loc.text for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    pages = {base + p for p in _heads(real_site) if p != "404.html"}
    assert urls == {p.removesuffix("index.html") for p in pages}
    assert f"Sitemap: {base}sitemap.xml" in (real_site.output / "robots.txt").read_text(encoding="utf-8")
