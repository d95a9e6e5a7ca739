"""Property-based tests: generated valid data always builds; mutated data never crashes.

Examples are bounded and derandomised in CI (CI=true); by hand more examples run with a
random seed. Each bug these tests found is pinned below as a regression example.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, build, tree_digest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sitedata.loader import load_project
from sitedata.problems import DataProblems
from sitedata.test_sanitise import URL_ATTRIBUTES, hostile_markdown, scheme_as_browsers_read_it

pytestmark = pytest.mark.slow  # builds whole sites (see README: the fast inner loop)

settings.register_profile(
    "ci", max_examples=60, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))

COURSE = "data/courses/kurs.yml"
ODD_TEXT = [
    "Wasserstoff 🚗⚡",
    "שלום עולם",
    "zero\u200bwidth",
    "Cafe\u0301",
    "„Zitat“ – ‚halb‘",
    "ﷺ",
    "a" * 190,
    '<b>fett</b> & "Zitat"',
    "Zeile\nZeile",
]

text = st.one_of(
    st.sampled_from(ODD_TEXT),
    st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=120),
).filter(lambda value: value.strip())


@st.composite
def sessions(draw):
    day = dt.date(2027, 1, 4) + dt.timedelta(days=draw(st.integers(0, 300)))
    start_hour = draw(st.integers(4, 18))
    hours = draw(st.integers(1, 5))
    return day, start_hour, hours


@st.composite
def courses(draw):
    course = yaml.safe_load((FIXTURES / "minimal" / COURSE).read_text(encoding="utf-8"))
    for key in ("title", "summary", "description", "target_group"):
        course[key] = draw(text)
    course["title"] = course["title"][:200]
    course["summary"] = course["summary"][:400]
    days = sorted(set(draw(st.lists(sessions(), min_size=1, max_size=6, unique_by=lambda s: s[0]))))
    run = course["runs"][0]
    run.pop("start_date"), run.pop("end_date")
    run["registration_deadline"] = (days[0][0] - dt.timedelta(days=1)).isoformat()
    run["sessions"] = [
        {
            "id": f"tag-{n}",
            "start": f"{day} {hour:02d}:00",
            "end": f"{day} {hour + length:02d}:00",
            "room": draw(text)[:100],
        }
        for n, (day, hour, length) in enumerate(days, start=1)
    ]
    return course


def _site_with(folder: Path, write) -> Path:
    site = folder / "site"
    shutil.copytree(FIXTURES / "minimal", site)
    write(site)
    return site


@given(courses())
def test_valid_generated_courses_always_load(course):
    with tempfile.TemporaryDirectory() as folder:
        site = _site_with(
            Path(folder),
            lambda s: (s / COURSE).write_text(yaml.safe_dump(course, allow_unicode=True), encoding="utf-8"),
        )
        project = load_project(site / "content", site / "data")
        assert project.courses["kurs"].title == course["title"].strip()


MUTATIONS = st.sampled_from(["drop line", "insert junk", "retype value", "insert bytes", "truncate", "line ends"])


@given(
    MUTATIONS,
    st.integers(0, 10_000),
    st.binary(min_size=1, max_size=8),
    st.sampled_from(
        [
            "",
            "x",
            "- x",
            "key: [",
            "titel: 1",
            "runs: 5",
            "price: viel",
            "\t- a",
            ": :",
            "&a x",
            "*a",
            "!!python/object:os.system x",
            "'unclosed",
            "start: 2027-13-45 25:61",
            "a: " + "y" * 300_000,
        ]
    ),
)
@example("insert bytes", 3, b"\x00", "")  # NUL byte
@example("insert bytes", 3, b"\xe4\xfc", "")  # Latin-1 umlauts
@example("insert bytes", 0, b"\xef\xbb\xbf", "")  # BOM: allowed
@example("insert junk", 2, b"x", 'title: "Wasserstoff \\ud800"')  # lone surrogate escape
@example("insert junk", 2, b"x", 'title: "Klingel \\x07"')  # control character escape
@example("truncate", 641, b"\x00", "")  # "end: 2" was read as a Unix timestamp, then compared with local time
def test_mutated_course_never_crashes(mutation, position, payload, junk):
    original = (FIXTURES / "minimal" / COURSE).read_bytes()
    lines = original.split(b"\n")
    index = position % len(lines)
    if mutation == "drop line":
        lines.pop(index)
        data = b"\n".join(lines)
    elif mutation == "insert junk":
        lines.insert(index, junk.encode("utf-8", "surrogatepass"))
        data = b"\n".join(lines)
    elif mutation == "retype value":
        key, _, _ = lines[index].partition(b":")
        lines[index] = key + b": " + junk.encode("utf-8", "surrogatepass")
        data = b"\n".join(lines)
    elif mutation == "insert bytes":
        cut = position % len(original)
        data = original[:cut] + payload + original[cut:]
    elif mutation == "truncate":
        data = original[: position % len(original)]
    else:
        data = original.replace(b"\n", b"\r\n" if position % 2 else b"\r")
    with tempfile.TemporaryDirectory() as folder:
        site = _site_with(Path(folder), lambda s: (s / COURSE).write_bytes(data))
        try:
            load_project(site / "content", site / "data")
        except DataProblems as problems:
            assert problems.problems
            for problem in problems.problems:
                assert problem.path.startswith(("data/", "content/")) and problem.message
        if mutation == "line ends" or data in (original, b"\xef\xbb\xbf" + original):
            load_project(site / "content", site / "data")  # still valid: must not raise


def _parses(output: Path) -> None:
    """Every page, feed and calendar of a build parses with the parsers clients use."""
    from html.parser import HTMLParser

    import feedparser
    from icalendar import Calendar

    for page in output.rglob("*.html"):
        HTMLParser().feed(page.read_text(encoding="utf-8"))
    for feed in output.rglob("*.xml"):
        if feed.name != "sitemap.xml":
            assert not feedparser.parse(feed.read_bytes(), response_headers={"content-type": "application/xml"}).bozo
    for calendar in output.rglob("*.ics"):
        Calendar.from_ical(calendar.read_bytes())


@settings(max_examples=4, deadline=None)
@given(courses())
@example({"title": "Wasserstoff \ud800"})  # a lone surrogate must be a located error, not a crash
def test_whole_builds_succeed_or_fail_cleanly(course):
    """Whole builds: generated data builds and parses; a broken edit fails cleanly, output untouched."""
    with tempfile.TemporaryDirectory() as folder:
        site = _site_with(Path(folder), lambda s: None)
        valid = yaml.safe_load((site / COURSE).read_text("utf-8"))
        data = {**valid, **course}
        (site / COURSE).write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
        output = Path(folder) / "output"
        result = build(site, output)
        if "\ud800" in data["title"]:
            # libyaml refuses the escape as a syntax error (PyYAML's parser lets it through to our check)
            assert result.returncode == 1 and "Traceback" not in result.stderr
            assert "U+D800" in result.stderr or "ungültiges Zeichen in einer \\u-Angabe" in result.stderr
            return
        assert result.returncode == 0, result.stderr
        _parses(output)
        before = tree_digest(output)
        (site / COURSE).write_text((site / COURSE).read_text("utf-8") + "\nunbekannt: [\n", "utf-8")
        result = build(site, output)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert tree_digest(output) == before


# --- Hostile Markdown through a whole build (issue 24) ----------------------------------------

ALLOWED_IN_OUTPUT = {None, "http", "https", "mailto", "tel", "webcal"}  # webcal: the site's own subscribe links
TITLES = [
    "<script>alert(1)</script>",
    "Anmeldung \u202eevil.exe",
    "[x](javascript:alert(1))",
    "&#106;avascript:alert(1)",
    "Titel {: onclick=alert(1) }",
    '"><img src=x onerror=alert(1)>',
    "Zeile\u2028Trenner",
]


@st.composite
def hostile_news(draw):
    """Front matter and body of a news item built from hostile constructs."""
    title = draw(st.sampled_from(TITLES)) + draw(st.sampled_from(["", " – Meldung", "\u202e"]))
    summary = draw(st.sampled_from(TITLES))
    body = draw(hostile_markdown().filter(lambda text: "{filename}" not in text))  # no link to a missing file
    return {"title": title, "date": "2026-10-02", "summary": summary, "topics": ["wasserstoff"]}, body


def _assert_output_safe(output: Path) -> None:
    """Every page, feed, calendar, JSON file and the sitemap: well-formed, no script, no handler, no foreign scheme."""
    import json

    import lxml.etree
    import lxml.html
    from icalendar import Calendar

    def check_element_tree(root, where: str) -> None:
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            tag = element.tag.split("}")[-1].lower()
            if tag == "script":
                if element.get("type") == "application/ld+json":
                    assert "</script" not in (element.text or "").lower(), where
                    json.loads(element.text or "")
                else:
                    src = element.get("src", "")  # only the theme's own files, never inline code
                    assert src.startswith("/theme/js/") and not (element.text or "").strip(), f"{where}: {src!r}"
            for name, value in element.attrib.items():
                local = name.split("}")[-1].lower()
                assert not local.startswith("on"), f"{where}: {local}={value!r}"
                assert local != "style", f"{where}: style={value!r}"
                if local in URL_ATTRIBUTES:
                    scheme = scheme_as_browsers_read_it(value)
                    assert scheme in ALLOWED_IN_OUTPUT, f"{where}: {local}={value!r}"
                    # A mailto: names an address, or (the share link) none but a subject and body.
                    assert scheme != "mailto" or "@" in value or value.startswith("mailto:?"), (
                        f"{where}: {local}={value!r}"
                    )

    files = [path for path in output.rglob("*") if path.is_file() and "pagefind" not in path.parts]
    seen = Counter(path.suffix for path in files)
    assert seen[".html"] and seen[".xml"] and seen[".ics"] and seen[".json"], seen
    for path in files:
        where = str(path.relative_to(output))
        if path.suffix == ".html":
            check_element_tree(lxml.html.document_fromstring(path.read_bytes()), where)
        elif path.suffix == ".xml":
            tree = lxml.etree.fromstring(path.read_bytes())  # well-formed, or it raises
            check_element_tree(tree, where)
            for element in tree.iter():
                if not isinstance(element.tag, str):
                    continue
                name, text = element.tag.split("}")[-1], element.text or ""
                # The elements that carry HTML as text: Atom's type="html", RSS's description.
                if (element.get("type") == "html" or name == "description") and text.strip():
                    check_element_tree(lxml.html.fragment_fromstring(text, create_parent="div"), f"{where} (HTML)")
                if name == "loc":
                    assert scheme_as_browsers_read_it(text) in ("http", "https"), where
        elif path.suffix == ".ics":
            data = path.read_bytes()
            assert b"\r" not in data.replace(b"\r\n", b"") and b"\n" not in data.replace(b"\r\n", b""), where
            for component in Calendar.from_ical(data).walk():
                if "URL" in component:
                    assert scheme_as_browsers_read_it(str(component["URL"])) in ("http", "https"), where
        elif path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.slow
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(hostile_news(), min_size=1, max_size=3))
@example(
    [
        (
            {"title": TITLES[0], "date": "2026-10-02", "summary": TITLES[1], "topics": ["wasserstoff"]},
            "<script>alert(1)</script> [ok](https://example.org/?a=1&b=2) <info@example.org> "
            "[bidi](java\u202escript:alert(1)) &#106; Hinweis: **Lastenrad:**\n\n## Anker {: #anker }\n\n"
            "Text[^1]\n\n[^1]: Fußnote\n",
        )
    ]
)
@example(
    [
        (
            {"title": "Vier Fälle", "date": "2026-10-02", "summary": "Issue 24", "topics": ["wasserstoff"]},
            '[Anmeldung](&#106;avascript:alert(1))\n\n[r]\n\n[r]: javascript:alert(1) "Titel"\n\n'
            '[Link](https://example.org){: onmouseover="alert(1)" }\n\nAbsatz\n{: onclick="alert(2)" }\n',
        )
    ]
)
def test_hostile_news_never_reach_a_visitor(items):
    """A build with hostile news either succeeds with every output file safe, or fails with
    located German problems in those news files and nothing written."""
    with tempfile.TemporaryDirectory() as folder:
        site = _site_with(Path(folder), lambda s: None)
        for number, (meta, body) in enumerate(items, start=1):
            text = f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n{body}"
            (site / "content/news" / f"2026-10-02-feindlich-{number}.md").write_text(text, encoding="utf-8")
        output = Path(folder) / "output"
        result = build(site, output)
        assert "Traceback" not in result.stderr + result.stdout
        if result.returncode == 0:
            _assert_output_safe(output)
            return
        assert result.returncode == 1, result.stderr
        assert not output.exists()
        # Notices ("Hinweis: …", e.g. a preview outside git) may come first; they are not problems.
        problems = [line for line in result.stderr.rstrip().splitlines() if not line.startswith("Hinweis:")]
        assert problems[-1].endswith("es wurde nichts veröffentlicht."), result.stderr
        for line in problems[:-1]:
            assert line.startswith("content/news/2026-10-02-feindlich-") and "— erwartet:" in line, line
