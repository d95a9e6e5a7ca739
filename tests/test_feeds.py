"""Atom and RSS feeds as feed readers see them: well-formed, absolute links, ids that survive edits."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from catalogue.views import build_catalogue
from conftest import TODAY, build, copy_fixture
from support import real_site as site_data

pytestmark = pytest.mark.slow  # builds whole sites (see README: the fast inner loop)

TYPES = {".atom.xml": "application/atom+xml", ".rss.xml": "application/rss+xml"}


def parse(path: Path) -> feedparser.FeedParserDict:
    kind = next(t for suffix, t in TYPES.items() if path.name.endswith(suffix))
    # Without a content type feedparser flags bytes as "bozo"; a web server would send this header.
    parsed = feedparser.parse(path.read_bytes(), response_headers={"content-type": f"{kind}; charset=utf-8"})
    assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
    return parsed


@pytest.mark.parametrize("site_name", site_data.sites("real_site", "itas_site"))
def test_every_feed_is_well_formed_with_absolute_links(site_name, request):
    real_site = request.getfixturevalue(site_name)
    project = site_data.project(real_site.root)
    links = site_data.links(project)
    feeds = sorted((real_site.output / "feeds").glob("*.xml"))
    names = {p.name for p in feeds}
    # The network's two feeds and one per node and topic, each as Atom and RSS.
    bases = ["aktuelles", "kurse", *(links.news_feed_node(n).removeprefix("feeds/") for n in project.nodes)]
    bases += [links.news_feed_topic(t).removeprefix("feeds/") for t in project.topics]
    assert {f"{base}.{kind}.xml" for base in bases for kind in ("atom", "rss")} <= names
    for path in feeds:
        ET.parse(path)
        parsed = parse(path)
        assert parsed.feed.title.startswith(f"{project.network.name}: ")
        for entry in parsed.entries:
            assert entry.id.startswith("urn:uuid:")
            assert entry.link.startswith(site_data.base_url(project.network))
            html = entry.content[0].value if "content" in entry else entry.summary
            for url in re.findall(r"""(?:href|src)=["']([^"']*)["']""", html):
                assert re.match(r"(https?|mailto|tel):", url), (path.name, url)
    news = parse(real_site.output / "feeds" / "aktuelles.atom.xml")
    assert len(news.entries) == min(len(site_data.published_news(project)), 50)  # FEED_MAX_ITEMS
    assert news.entries[0].published >= news.entries[-1].published  # newest first
    assert news.feed.updated == news.entries[0].updated  # no build time anywhere
    courses = parse(real_site.output / "feeds" / "kurse.atom.xml")
    assert courses.entries and all("#durchfuehrung-" in e.link for e in courses.entries)
    # One entry per upcoming run; a cancelled or postponed one says so in its title.
    catalogue = build_catalogue(project, links, dt.date.fromisoformat(TODAY))
    moved = [r for r in catalogue.upcoming if r.status in ("abgesagt", "verschoben")]
    assert len(courses.entries) == min(len(catalogue.upcoming), 50)
    if len(catalogue.upcoming) <= 50:
        said = [e for e in courses.entries if e.title.startswith(("Abgesagt: ", "Verschoben: "))]
        assert len(said) == len(moved)


def test_entry_ids_survive_edited_title_slug_and_date_and_hostile_text_stays_xml(tmp_path):
    site = copy_fixture("minimal", tmp_path / "site")
    assert build(site, tmp_path / "one").returncode == 0
    article = site / "content" / "news" / "2026-10-01-meldung.md"
    hostile = 'Neu: <b>Wasserstoff</b> & "mehr" \\ ; , END:VEVENT'
    text = article.read_text(encoding="utf-8")
    text = text.replace("title: Neues Seminar zu Wasserstoff", f"title: '{hostile}'\nslug: umbenannt")
    text = text.replace("date: 2026-10-01", "date: 2026-10-02")
    article.write_text(text, encoding="utf-8")
    assert build(site, tmp_path / "two").returncode == 0
    for name in ("aktuelles", "bueros-mitte", "thema-wasserstoff"):
        for suffix in TYPES:
            before = parse(tmp_path / "one" / "feeds" / f"{name}{suffix}").entries
            after_path = tmp_path / "two" / "feeds" / f"{name}{suffix}"
            ET.parse(after_path)
            after = parse(after_path).entries
            assert len(before) == len(after) == 1
            assert before[0].id == after[0].id
            assert after[0].title == hostile
            assert after[0].link == "https://testnetz.example.org/aktuelles/umbenannt/"
