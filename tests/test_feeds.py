"""Atom and RSS feeds as feed readers see them: well-formed, absolute links, ids that survive edits."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from conftest import build, copy_fixture

pytestmark = pytest.mark.slow  # builds whole sites (see README: the fast inner loop)

TYPES = {".atom.xml": "application/atom+xml", ".rss.xml": "application/rss+xml"}


def parse(path: Path) -> feedparser.FeedParserDict:
    kind = next(t for suffix, t in TYPES.items() if path.name.endswith(suffix))
    # Without a content type feedparser flags bytes as "bozo"; a web server would send this header.
    parsed = feedparser.parse(path.read_bytes(), response_headers={"content-type": f"{kind}; charset=utf-8"})
    assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
    return parsed


def test_every_feed_is_well_formed_with_absolute_links(real_site):
    feeds = sorted((real_site.output / "feeds").glob("*.xml"))
    names = {p.name for p in feeds}
    assert {"aktuelles.atom.xml", "aktuelles.rss.xml", "kurse.atom.xml", "kurse.rss.xml"} <= names
    assert "qti-knoten-gotha.atom.xml" in names and "thema-wasserstoff.rss.xml" in names
    for path in feeds:
        ET.parse(path)
        parsed = parse(path)
        assert parsed.feed.title.startswith("ANeTT: ")
        for entry in parsed.entries:
            assert entry.id.startswith("urn:uuid:")
            assert entry.link.startswith("https://anett-thueringen.de/")
            html = entry.content[0].value if "content" in entry else entry.summary
            for url in re.findall(r"""(?:href|src)=["']([^"']*)["']""", html):
                assert re.match(r"(https?|mailto|tel):", url), (path.name, url)
    news = parse(real_site.output / "feeds" / "aktuelles.atom.xml")
    assert len(news.entries) == 11
    assert news.entries[0].published >= news.entries[-1].published  # newest first
    assert news.feed.updated == news.entries[0].updated  # no build time anywhere
    courses = parse(real_site.output / "feeds" / "kurse.atom.xml")
    assert courses.entries and all("#durchfuehrung-" in e.link for e in courses.entries)
    assert any(e.title.startswith("Abgesagt: ") or e.title.startswith("Verschoben: ") for e in courses.entries)


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
