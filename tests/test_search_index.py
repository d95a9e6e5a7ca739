"""What the search index holds, read from the index Pagefind wrote for the real site."""

from __future__ import annotations

import datetime as dt
import gzip
import json

import pytest
from conftest import TODAY, BuiltSite
from support import real_site as site_data

pytestmark = pytest.mark.slow  # builds whole sites (see README: the fast inner loop)

FRAGMENT_PREFIX = b"pagefind_dcd"  # Pagefind's marker before the JSON of each gzipped fragment


def indexed_text(site: BuiltSite) -> dict[str, str]:
    """URL -> the text Pagefind indexed for that page, from every part of the index."""
    bundles = [site.output / "pagefind", *(site.output / "pagefind").glob("teil-*")]
    text = {}
    for fragment in (path for bundle in bundles for path in (bundle / "fragment").glob("*.pf_fragment")):
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(FRAGMENT_PREFIX))
        text[data["url"]] = data["content"]
    return text


def test_course_pages_are_found_by_their_own_text(real_site):
    """Not by the calendar instructions every course page carries, nor by the news it lists."""
    indexed = indexed_text(real_site)
    pages = {url: real_site.page(url) for url in indexed}
    courses = {url: text for url, text in indexed.items() if 'class="course"' in pages[url]}
    with_news = [url for url in courses if "Meldungen dazu" in pages[url]]
    with_calendar = [url for url in courses if "Thunderbird" in pages[url]]  # courses with dates to come
    # Some course pages list news and offer a calendar, if the data gives them any.
    project = site_data.project(real_site.root)
    assert courses and bool(with_news) == any(m.courses for m in site_data.published_news(project))
    assert bool(with_calendar) == bool(site_data.courses_with_sessions_to_come(project, dt.date.fromisoformat(TODAY)))
    assert with_news or with_calendar, "nothing on the course pages to keep out of the index"
    for url, text in courses.items():
        assert "Thunderbird" not in text, url
        assert "Meldungen dazu" not in text, url
        assert pages[url].split("<h1>", 1)[1].split("</h1>", 1)[0] in text, url
