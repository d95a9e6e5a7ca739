"""Small things visitors meet on every page (issue 23), read from the built sites: share links, the
breadcrumbs as JSON-LD, one spelling per course format, session cells that name their column."""

from __future__ import annotations

import datetime as dt
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from catalogue.links import Links
from catalogue.views import build_catalogue
from conftest import TODAY
from lxml import html
from sitedata.loader import load_project
from support import real_site as site_data

pytestmark = pytest.mark.slow  # builds whole sites (see README: the fast inner loop)

SITES = site_data.sites("real_site", "itas_site", "molewa_site")


def _pages(site):
    """Every page a visitor reads (not the redirect pages of earlier addresses, which leave at once)."""
    for path in sorted(site.output.rglob("*.html")):
        text = path.read_bytes()
        if "pagefind" not in path.parts and b'http-equiv="refresh"' not in text:
            yield path.relative_to(site.output).as_posix(), html.fromstring(text)


def _base(site) -> str:
    return load_project(site.root / "content", site.root / "data").network.site_url.rstrip("/") + "/"


@pytest.mark.parametrize("site_name", SITES)
def test_news_and_course_pages_offer_plain_share_links(site_name, request):
    site = request.getfixturevalue(site_name)
    base = _base(site)
    project = load_project(site.root / "content", site.root / "data")
    shared = {"news": 0, "course": 0}
    for path, page in _pages(site):
        kind = page.xpath("string(//article/@data-search-type)")
        shares = page.xpath("//aside[contains(@class, 'share')]")
        if kind not in ("Meldung", "Kurs"):
            assert not shares, f"{path}: share links outside news and course pages"
            continue
        (share,) = shares
        title = page.xpath("string(//h1)")
        address = base + path.removesuffix("index.html")
        links = {a.text_content(): a for a in share.iter("a")}
        assert set(links) == {"Per E-Mail teilen", "Auf LinkedIn teilen", "Auf Xing teilen"}, path
        mail = urlsplit(links["Per E-Mail teilen"].get("href"))
        assert mail.scheme == "mailto" and mail.path == ""  # the visitor picks the recipient
        assert parse_qs(mail.query) == {"subject": [title], "body": [address]}, path
        for name, host, route in (("LinkedIn", "www.linkedin.com", "/sharing/share-offsite/"),
                                  ("Xing", "www.xing.com", "/spi/shares/new")):  # fmt: skip
            link = links[f"Auf {name} teilen"]
            target = urlsplit(link.get("href"))
            assert (target.scheme, target.hostname, target.path) == ("https", host, route), path
            assert parse_qs(target.query) == {"url": [address]}, path
            assert "noopener" in link.get("rel").split(), path
        # nothing of the networks is loaded: no script, image or frame from another host
        foreign = page.xpath("//script/@src | //img/@src | //iframe/@src | //link/@href")
        assert not [src for src in foreign if urlsplit(src).hostname not in (None, urlsplit(base).hostname)], path
        shared["news" if kind == "Meldung" else "course"] += 1
    assert shared == {"news": len(project.news), "course": len(project.courses)}


@pytest.mark.parametrize("site_name", SITES)
def test_breadcrumbs_are_given_as_json_ld_exactly_as_shown(site_name, request):
    site = request.getfixturevalue(site_name)
    base = _base(site)
    seen = 0
    for path, page in _pages(site):
        lists = [
            data
            for text in page.xpath("//script[@type='application/ld+json']/text()")
            if (data := json.loads(text))["@type"] == "BreadcrumbList"
        ]
        crumbs = page.xpath("//nav[contains(@class, 'breadcrumbs')]//a")
        if not crumbs:
            assert path in ("index.html", "404.html") and not lists, path
            continue
        (data,) = lists
        assert data["@context"] == "https://schema.org"
        shown = [(n, a.text_content(), base + a.get("href").lstrip("/")) for n, a in enumerate(crumbs, start=1)]
        given = [(i["position"], i["name"], i["item"]) for i in data["itemListElement"]]
        assert given == shown, path
        assert given[0][1] == "Start" and given[-1][2] == base + path.removesuffix("index.html"), path
        seen += 1
    assert seen > 10


def test_each_course_format_is_written_one_way(real_site):
    project = load_project(real_site.root / "content", real_site.root / "data")
    # the network's own formats (network.yml's course_formats, or the defaults)
    format_labels = {entry.id: entry.label for entry in project.network.course_formats}
    labels = set(format_labels.values())
    for course in project.courses.values():
        page = html.fromstring((real_site.output / "kurse" / course.id / "index.html").read_bytes())
        assert page.xpath("string(//p[@class='kicker'])").endswith(" · " + format_labels[course.format])
    catalogue = html.fromstring((real_site.output / "kurse" / "index.html").read_bytes())
    shown = {meta.text_content().split(" · ")[2] for meta in catalogue.xpath("//li[@class='run']/p[@class='meta']")}
    assert shown and shown <= labels
    assert {a.text_content() for a in catalogue.xpath("//ul[@aria-labelledby='filter-format']//a")} == labels
    for entry in project.network.course_formats:  # every format has its filter page, used or not
        page = html.fromstring(
            (real_site.output / Links.of(project).courses_in_format(entry.id) / "index.html").read_bytes()
        )
        assert page.xpath("string(//h1/span)") == f"Format: {entry.label}"
    document = json.loads((real_site.output / "courses.json").read_text(encoding="utf-8"))
    assert {(c["format"], c["format_label"]) for c in document["courses"]} <= set(format_labels.items())
    assert {c["format_label"] for c in document["courses"]} == {
        format_labels[c.format] for c in project.courses.values()
    }
    # The courses feed has the upcoming runs: the labels of their formats.
    upcoming = build_catalogue(project, Links.of(project), dt.date.fromisoformat(TODAY)).upcoming
    feed = (real_site.output / "feeds" / "kurse.atom.xml").read_text(encoding="utf-8")
    assert set(re.findall(r" · ([^·<]+?) · Status: ", feed)) == {format_labels[r.course.format] for r in upcoming}


def test_every_session_cell_names_its_column(real_site):
    """On a phone the session table shows cards; each cell's label is its column's header."""
    for path in real_site.output.glob("kurse/*/index.html"):
        page = html.fromstring(path.read_bytes())
        for table in page.xpath("//table[contains(@class, 'sessions')]"):
            headers = [th.text_content() for th in table.xpath("./thead/tr/th")]
            for row in table.xpath("./tbody/tr"):
                assert [td.get("data-label") for td in row.xpath("./td")] == headers, path
