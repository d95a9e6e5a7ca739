"""Hostile strings in every free-text data field arrive as text: in HTML, attributes and JSON-LD."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import build, copy_fixture
from sitedata import frontmatter

pytestmark = pytest.mark.slow  # builds whole sites (see README: the fast inner loop)

HOSTILE = "<script>alert(1)</script>\"'&<b>x</b>"
# Keys whose values are ids, references, dates, numbers, enums or URLs: they are validated, not free text.
NOT_TEXT = {
    "id",
    "node",
    "venue",  # a venue id in a place (the minimal node names no building)
    "step_free",
    "host",
    "provider",
    "partner",
    "organisation",
    "topics",
    "focus_topics",
    "nodes",
    "courses",
    "start",
    "end",
    "date",
    "opened",
    "registration_deadline",
    "start_date",
    "end_date",
    "url",
    "site_url",
    "email",
    "phone",
    "postcode",
    "timezone",
    "slug",
    "kind",
    "format",
    "status",
    "src",
    "lat",
    "lon",
    "order",
    "menu",
    "footer",
    "example",
    "regular",
    "reduced",
    "language",
    "co_organisers",
    "workload_ue",
    "capacity",
}


def poison(value, key=None):
    if isinstance(value, dict):
        return {k: poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [poison(v, key) for v in value]
    if isinstance(value, str) and key not in NOT_TEXT:
        return HOSTILE + value
    return value


def poison_site(site: Path) -> None:
    for path in (site / "data").rglob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(poison(data), allow_unicode=True), encoding="utf-8")
    for path in (site / "content").rglob("*.md"):
        parts = frontmatter.split(path.read_text(encoding="utf-8"))
        meta = poison(yaml.safe_load(parts.yaml_text))
        body = HOSTILE + parts.body
        path.write_text(f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n{body}", encoding="utf-8")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.text: list[str] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        else:
            self.text.append(data)


def _strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value


def test_hostile_strings_stay_text_everywhere(tmp_path):
    site = copy_fixture("minimal", tmp_path / "site")
    poison_site(site)
    output = tmp_path / "output"
    result = build(site, output)
    assert result.returncode == 0, result.stderr

    seen_in_text = seen_in_jsonld = 0
    for html in output.rglob("*.html"):
        if "pagefind" in html.parts:
            continue
        page = _Page()
        page.feed(html.read_text(encoding="utf-8"))
        assert ("b", {}) not in page.tags, f"{html}: data became a <b> element"
        for tag, attrs in page.tags:
            assert not any(name.startswith("on") for name in attrs), f"{html}: event handler attribute on <{tag}>"
        for attrs, text in page.scripts:
            if attrs.get("type") == "application/ld+json":
                assert "</script" not in text.lower()
                seen_in_jsonld += any(HOSTILE in s for s in _strings(json.loads(text)))
            else:
                assert "src" in attrs and not text.strip(), f"{html}: inline script {text[:60]!r}"
        seen_in_text += HOSTILE in "".join(page.text)
    assert seen_in_text > 5 and seen_in_jsonld > 3
    _feeds_calendars_and_json_keep_the_strings(output)


def _feeds_calendars_and_json_keep_the_strings(output: Path) -> None:
    import feedparser
    from icalendar import Calendar

    feeds = sorted((output / "feeds").glob("*.xml"))
    assert feeds
    for feed in feeds:
        parsed = feedparser.parse(feed.read_bytes(), response_headers={"content-type": "application/atom+xml"})
        assert not parsed.bozo, (feed, parsed.bozo_exception)
        assert all(HOSTILE in entry.title for entry in parsed.entries), feed
    calendars = sorted(output.rglob("*.ics"))
    assert calendars
    for path in calendars:
        events = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        # Three sessions in the fixture course, all in the office's town (its calendar has the
        # Stadthalle's too): a title can never add or end an event.
        expected = {"thema-digitalisierung.ics": 0}.get(path.name, 3)
        if path.name.startswith("termin-"):  # a session's own download
            expected = 1
        assert len(events) == expected, path
        assert all(HOSTILE in str(event["SUMMARY"]) for event in events), path
        assert all(HOSTILE in str(event["LOCATION"]) or "Stadthalle" in str(event["LOCATION"]) for event in events)
    catalogue = json.loads((output / "courses.json").read_text(encoding="utf-8"))
    assert sum(HOSTILE in value for value in _strings(catalogue)) >= 5
