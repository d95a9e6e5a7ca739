"""Every page type in real headless Chromium: axe-core accessibility, no third-party requests,
no horizontal scrolling on a phone, a working skip link, and filters that work without JavaScript."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections import Counter
from urllib.parse import urlsplit

import pytest
from conftest import REPO, TODAY
from support import real_site as site_data
from support.browser import chromium, chromium_available, serve

pytestmark = pytest.mark.slow  # builds whole sites (see README: the fast inner loop)

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"


def real_catalogue():
    """The real site's catalogue on the builds' "today": which runs the catalogue pages list."""
    from catalogue.views import build_catalogue

    project = site_data.project()
    return project, build_catalogue(project, site_data.links(project), dt.date.fromisoformat(TODAY))


def course_with_sessions() -> str:
    """The page of a course of the real data with sessions still to come (a calendar to subscribe to)."""
    project = site_data.project()
    to_come = site_data.courses_with_sessions_to_come(project, dt.date.fromisoformat(TODAY))
    return site_data.links(project).course(site_data.require(to_come, "course with sessions to come")[0].id)


def page_of_type(kind: str, site) -> str:
    """One page of this kind in the built real site (the kinds: support.real_site.PAGE_TYPE_NAMES)."""
    found = site_data.page_types(site_data.project(site.root), site.output, dt.date.fromisoformat(TODAY))
    site_data.require(kind in found, f"page of the kind {kind!r}")
    return found[kind]


@pytest.fixture(scope="module")
def browser():
    if not chromium_available():
        if os.environ.get("CI"):
            pytest.fail("Chromium is required in CI (.ci/run installs Debian's chromium)")
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    with chromium() as instance:
        yield instance


@pytest.fixture(scope="module")
def base_url(real_site):
    with serve(real_site.output) as url:
        yield url


def _open(browser, base_url, path, width=1366, javascript=True):
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript)
    foreign: list[str] = []

    def route(route):
        host = urlsplit(route.request.url).hostname
        if host not in ("127.0.0.1", "localhost"):
            foreign.append(route.request.url)
            return route.abort()
        return route.continue_()

    context.route("**/*", route)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(base_url + path, wait_until="networkidle")
    return context, page, response, foreign, errors


# Pages that only a site with many news items has (the benchmark's generated network).
LARGE_SITE_PAGE_TYPES = {
    "topic with more than it shows": "themen/wasserstoff/",
    "all news of a topic": "themen/wasserstoff/meldungen/",
}


@pytest.fixture(scope="module")
def synthetic_url(synthetic_site):
    with serve(synthetic_site.output) as url:
        yield url


@pytest.mark.parametrize("kind", site_data.PAGE_TYPE_NAMES)
def test_page_is_accessible_private_and_fits_a_phone(browser, base_url, real_site, kind):
    _check_accessible_private_and_fits_a_phone(browser, base_url, page_of_type(kind, real_site))


@pytest.mark.parametrize("path", LARGE_SITE_PAGE_TYPES.values(), ids=LARGE_SITE_PAGE_TYPES.keys())
def test_large_site_page_is_accessible_private_and_fits_a_phone(browser, synthetic_url, path):
    _check_accessible_private_and_fits_a_phone(browser, synthetic_url, path)


def _check_accessible_private_and_fits_a_phone(browser, base_url, path):
    context, page, response, foreign, errors = _open(browser, base_url, path)
    try:
        assert response.status == 200
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        violations = [
            f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]
        ]
        assert not violations
        assert not foreign, f"requests to other hosts: {foreign}"
        assert not errors, f"JavaScript errors: {errors}"
    finally:
        context.close()

    context, page, _, foreign, _ = _open(browser, base_url, path, width=390)
    try:
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{overflow}px horizontal scroll at 390 px"
        assert not foreign
    finally:
        context.close()


def test_pictures_on_a_phone_load_small_webp_in_the_box_their_size_reserved(browser, base_url, real_site):
    """The lead picture loads at once, as WebP in the smallest width that fills a 390 px phone, in a
    box that had its height before the file arrived (width and height set); list thumbnails wait
    until they are scrolled to (loading="lazy")."""
    pictured = page_of_type("article with picture", real_site)
    credit = next(
        m.image.credit for m in site_data.published_news(site_data.project()) if site_data.news_url(m) == pictured
    )
    context, page, _, foreign, _ = _open(browser, base_url, pictured, width=390)
    try:
        lead = page.evaluate(
            """() => { const img = document.querySelector('figure.picture img');
                return {src: img.currentSrc, natural: img.naturalWidth, width: img.getBoundingClientRect().width,
                        height: img.getBoundingClientRect().height, loading: img.getAttribute('loading'),
                        ratio: img.getAttribute('width') / img.getAttribute('height'),
                        credit: img.closest('figure').querySelector('.credit').textContent}; }"""
        )
        assert lead["src"].endswith("-480.webp") and lead["natural"] > 0  # (in CSS pixels of the chosen width)
        assert lead["loading"] is None
        assert 300 < lead["width"] <= 390 and abs(lead["width"] / lead["height"] - lead["ratio"]) < 0.02
        assert credit in " ".join(lead["credit"].split())
        assert not foreign
    finally:
        context.close()

    context = browser.new_context(viewport={"width": 390, "height": 900}, java_script_enabled=True)
    try:
        page = context.new_page()
        # Before any picture arrives, its box already has the picture's height.
        page.route("**/bilder/**", lambda route: route.abort())
        page.goto(base_url + site_data.links(site_data.project()).news, wait_until="networkidle")
        thumb = page.evaluate(
            """() => { const img = document.querySelector('.news-thumb');
                return {loading: img.getAttribute('loading'), height: img.getBoundingClientRect().height,
                        width: img.getBoundingClientRect().width}; }"""
        )
        assert thumb["loading"] == "lazy"
        assert thumb["width"] > 0 and thumb["height"] > thumb["width"] / 2
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    finally:
        context.close()


NETWORKS = {"real": "real_site", "itas": "itas_site", "molewa": "molewa_site"}


DARK_COLOUR_RULES = {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}


@pytest.mark.parametrize("network", [pytest.param("real", marks=site_data.CONTENT), "itas", "molewa"])
def test_every_page_is_accessible_private_and_fits(browser, request, network):
    """Every page of every network (not one per type: long German words sit in single pages): at
    390 and 1366 px no horizontal scroll and no request to another host; at 390 px axe 0 findings
    at any impact in light colours and, in the same visit, axe's colour rules in dark colours, which
    change nothing but colours (site.css). One browser, one served site per network, one context per
    width."""
    site = request.getfixturevalue(NETWORKS[network])
    # Not the redirect pages of earlier addresses: they leave at once (test_publication.py follows them).
    paths = sorted(
        path.relative_to(site.output).as_posix()
        for path in site.output.rglob("*.html")
        if "pagefind" not in path.relative_to(site.output).parts and b'http-equiv="refresh"' not in path.read_bytes()
    )
    problems: dict[str, list[str]] = {}
    with serve(site.output) as url:
        for width in (390, 1366):
            context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme="light")
            foreign: list[str] = []

            def route(route, foreign=foreign):
                if urlsplit(route.request.url).hostname not in ("127.0.0.1", "localhost"):
                    foreign.append(route.request.url)
                    return route.abort()
                return route.continue_()

            context.route("**/*", route)
            try:
                page = context.new_page()
                for path in paths:
                    page.emulate_media(color_scheme="light")
                    page.goto(url + path, wait_until="load")
                    found = problems.setdefault(f"{path} @ {width}px", [])
                    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                    if overflow > 0:
                        found.append(f"{overflow}px horizontal scroll")
                    found += [f"request to another host: {f}" for f in foreign]
                    foreign.clear()
                    if width != 390:
                        continue  # axe once per page and colour scheme, at the narrowest width
                    page.add_script_tag(path=str(AXE))
                    for scheme, options in (("light", {}), ("dark", {"runOnly": DARK_COLOUR_RULES})):
                        page.emulate_media(color_scheme=scheme)
                        result = page.evaluate(
                            "async options => await axe.run(document, options)",
                            {"resultTypes": ["violations"], **options},
                        )
                        found += [
                            f"{v['id']} ({v['impact']}, {scheme}): {[n['target'] for n in v['nodes']][:3]}"
                            for v in result["violations"]
                        ]
            finally:
                context.close()
    failed = {where: found for where, found in problems.items() if found}
    assert len(paths) >= 10 and not failed, json.dumps(failed, ensure_ascii=False, indent=1)


def test_session_cards_on_a_phone_keep_every_line_of_a_value_in_its_column(browser, base_url, real_site):
    """On a 390 px phone each session is a card of label and value; a value that wraps (a module's
    title, the calendar links) keeps its lines beside the labels, on every course page."""
    catalogue = json.loads((real_site.output / "courses.json").read_text(encoding="utf-8"))
    context, page, *_ = _open(browser, base_url, "", width=390)
    misplaced, cells = [], 0
    try:
        for course in catalogue["courses"]:
            page.goto(course["url"].replace(catalogue["network"]["site_url"] + "/", base_url), wait_until="load")
            # The boxes of the content (not of the label, a ::before), line by line: none may start
            # left of where the first line's value starts.
            found = page.evaluate(
                """() => Array.from(document.querySelectorAll('.sessions td'), td => {
                    const range = document.createRange(); range.selectNodeContents(td);
                    const boxes = Array.from(range.getClientRects()).filter(r => r.width > 0);
                    return {label: td.dataset.label, text: td.textContent.trim().slice(0, 40),
                            first: boxes.length ? boxes[0].left : 0,
                            left: boxes.length ? Math.min(...boxes.map(r => r.left)) : 0,
                            lines: new Set(boxes.map(r => Math.round(r.top))).size};
                })"""
            )
            cells += sum(1 for cell in found if cell["lines"] > 1)
            misplaced += [(course["url"], cell) for cell in found if cell["left"] < cell["first"] - 1]
    finally:
        context.close()
    assert cells > 0, "no value wrapped onto a second line: the check would see nothing"
    assert not misplaced, misplaced[:5]


def test_every_course_page_offers_calendars_only_for_what_is_still_to_come(browser, base_url, real_site):
    """Per session: "add" links only for sessions still to come and not cancelled, and the .ics is that
    one event; per course: a subscription only while it has dates to come (checked on every course page)."""
    import datetime as dt

    from icalendar import Calendar

    today = dt.date.fromisoformat(TODAY)
    catalogue = json.loads((real_site.output / "courses.json").read_text(encoding="utf-8"))
    context, page, *_ = _open(browser, base_url, "")
    try:
        for course in catalogue["courses"]:
            page.goto(course["url"].replace(catalogue["network"]["site_url"] + "/", base_url), wait_until="load")
            runs_to_come = [r for r in course["runs"] if r["last_day"] and r["last_day"] >= TODAY]
            subscribe = page.locator(".calendar-subscribe")
            assert subscribe.count() == (1 if runs_to_come else 0), course["id"]
            if runs_to_come:
                address = subscribe.locator("input[type=url]").input_value()
                assert address == course["calendar_url"]
            for run in course["runs"]:
                for session in run["sessions"]:
                    row = page.locator(f"#durchfuehrung-{run['id']}-{session['id']}")
                    links = row.locator(".calendar-add a")
                    to_come = (
                        session["status"] is None
                        and dt.date.fromisoformat((session["end"] or session["date"])[:10]) >= today
                    )
                    assert links.count() == (2 if to_come else 0), (course["id"], session["id"])
                    if not to_come:
                        continue
                    google, ics = links.nth(0).get_attribute("href"), links.nth(1).get_attribute("href")
                    assert google.startswith("https://calendar.google.com/calendar/render?action=TEMPLATE")
                    response = page.request.get(base_url.rstrip("/") + ics)
                    assert response.ok
                    (event,) = Calendar.from_ical(response.body()).walk("VEVENT")
                    assert str(event["UID"]) == session["uid"] and "X-WR-CALNAME" not in Calendar.from_ical(
                        response.body()
                    )
    finally:
        context.close()


def test_skip_link_moves_focus_to_the_content(browser, base_url):
    context, page, *_ = _open(browser, base_url, "kurse/")
    try:
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Zum Inhalt springen"
        assert page.evaluate("document.activeElement.getBoundingClientRect().top >= 0")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "inhalt"
        page.keyboard.press("Tab")
        assert page.evaluate("document.querySelector('main').contains(document.activeElement)")
    finally:
        context.close()


def _most_common(values):
    return Counter(values).most_common(1)[0][0] if values else None


def test_catalogue_filters_work_without_javascript(browser, base_url):
    # The topic and the format with the most upcoming runs in the real data, whichever they are.
    project, catalogue = real_catalogue()
    topic = site_data.require(_most_common([t for r in catalogue.upcoming for t in r.course.topics]), "upcoming course")
    course_format = _most_common([r.course.format for r in catalogue.upcoming])
    label = next(f.label for f in project.network.course_formats if f.id == course_format)
    context, page, *_ = _open(browser, base_url, "kurse/", javascript=False)
    try:
        page.get_by_role("link", name=project.topics[topic].name, exact=True).first.click()
        page.wait_for_load_state()
        assert page.url.endswith("/" + site_data.links(project).courses_on_topic(topic))
        titles = page.locator(".run-title a").all_inner_texts()
        expected = {c.title for c in project.courses.values() if topic in c.topics}
        assert titles and set(titles) <= expected
        page.get_by_role("link", name=label, exact=True).click()
        page.wait_for_load_state()
        formats = page.locator(".run").evaluate_all("items => items.map(i => i.dataset.format)")
        assert formats and set(formats) == {course_format}
    finally:
        context.close()


def test_javascript_combines_filters_in_place(browser, base_url):
    # A format that some but not all upcoming runs have, and a town where runs of that format take place.
    _, catalogue = real_catalogue()
    formats = Counter(r.course.format for r in catalogue.upcoming)
    site_data.require(len(formats) > 1, "upcoming runs in more than one format")
    course_format = formats.most_common(1)[0][0]
    town = _most_common([c for r in catalogue.upcoming if r.course.format == course_format for c in r.cities])
    site_data.require(town, f"upcoming run in the format {course_format!r} at a place")
    context, page, *_ = _open(browser, base_url, "kurse/")
    try:
        total = page.locator(".run:visible").count()
        page.select_option("#auswahl-format", course_format)
        presence = page.locator(".run:visible").count()
        assert 0 < presence < total
        page.select_option("#auswahl-ort", town)
        both = page.locator(".run:visible")
        assert 0 < both.count() <= presence
        assert all(town in p.split() for p in both.evaluate_all("items => items.map(i => i.dataset.place)"))
        assert page.locator(".filter-form [role=status]").inner_text().endswith(("Angebot", "Angebote"))
    finally:
        context.close()


def test_search_finds_german_words(browser, base_url):
    # The longest word of a course title (German compounds are long): the index must find it.
    project = site_data.project()
    words = [w for c in project.courses.values() for w in re.findall(r"[A-Za-zÄÖÜäöüß]{8,}", c.title)]
    word = max(site_data.require(words, "course title with a long word"), key=len)
    context, page, *_ = _open(browser, base_url, "suche/")
    try:
        page.get_by_label("Suchbegriff").fill(word)
        page.wait_for_selector("[data-search-results] li", timeout=30_000)
        assert page.locator("[data-search-results] li").count() > 0
        assert "Treffer" in page.get_by_role("status").inner_text()
        assert page.locator("[data-search-hint]").is_hidden()
    finally:
        context.close()


def test_search_in_parts_finds_what_one_index_finds(browser, real_site, tmp_path_factory):
    """A large site's index comes in parts that the search page merges: the same hits as one index."""
    from conftest import build
    from pipeline.search_index.pagefind import read_pages, searchable

    # About a quarter of the pages a part: three parts or more, whatever the network's size.
    pages = len(searchable(read_pages(real_site.output)))
    site_data.require(pages >= 4, f"4 searchable pages to split the search index into parts (has {pages})")
    output = tmp_path_factory.mktemp("parts") / "output"
    assert build(None, output, "--setting", f"SEARCH_PAGES_PER_INDEX={pages // 4}").returncode == 0
    assert len(json.loads((output / "pagefind" / "teile.json").read_text())) >= 3
    # The word most course and news summaries share: hits from many parts of the index.
    project = site_data.project()
    texts = [*(c.summary for c in project.courses.values()), *(m.summary for m in project.news.values())]
    counted = Counter(w for text in texts for w in set(re.findall(r"[A-Za-zÄÖÜäöüß]{6,}", text)))
    term = site_data.require(counted, "course or news summary with a long word").most_common(1)[0][0]

    def hits(site) -> list[str]:
        with serve(site) as url:
            context, page, *_ = _open(browser, url, "suche/")
            try:
                page.get_by_label("Suchbegriff").fill(term)
                page.wait_for_selector("[data-search-results] li", timeout=30_000)
                more = page.get_by_role("button", name="Weitere Treffer anzeigen")
                while more.is_visible():  # every hit, not the first step of them
                    shown = page.locator("[data-search-results] li").count()
                    more.click()
                    page.wait_for_function(
                        "n => document.querySelectorAll('[data-search-results] li').length > n", arg=shown
                    )
                return sorted(page.locator("[data-search-results] a").evaluate_all("a => a.map(x => x.pathname)"))
            finally:
                context.close()

    assert hits(output) == hits(real_site.output)


def test_copy_button_copies_the_calendar_address_and_says_so(browser, real_site):
    """With the site's own CSP: the button copies the address and a status line announces it; without
    JavaScript there is no button at all, only the address to copy by hand."""
    from deploy.headers import HEADERS

    COURSE_WITH_SESSIONS = course_with_sessions()

    with serve(real_site.output, headers=HEADERS) as url:
        context, page, *_ = _open(browser, url, COURSE_WITH_SESSIONS, javascript=False)
        try:
            assert page.get_by_role("button", name="Adresse kopieren").count() == 0
            assert page.locator(".calendar-url input").is_visible()
        finally:
            context.close()

        context, page, _, foreign, errors = _open(browser, url, COURSE_WITH_SESSIONS, width=390)
        try:
            context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
            page.evaluate("navigator.clipboard.writeText('vorher')")
            address = page.locator(".calendar-url input").input_value()
            status = page.locator(".calendar-url [role=status]")
            assert status.inner_text() == ""
            button = page.get_by_role("button", name="Adresse kopieren")
            assert button.count() == 1 and button.is_visible()
            button.click()
            page.wait_for_function("() => document.querySelector('.calendar-url [role=status]').textContent")
            assert status.inner_text() == "Adresse kopiert"
            assert page.evaluate("navigator.clipboard.readText()") == address
            assert address.startswith("https://") and address.endswith(".ics")
            assert not errors and not foreign
        finally:
            context.close()


def test_session_table_becomes_cards_on_a_phone(browser, base_url):
    measure = """table => {
      const rows = [...table.tBodies[0].rows];
      const shown = cells => cells.filter(c => getComputedStyle(c).display !== 'none');
      const below = items => items.every((item, i) =>
        i === 0 || item.getBoundingClientRect().top >= items[i - 1].getBoundingClientRect().bottom - 1);
      return {
        row: getComputedStyle(rows[0]).display,
        headerShown: table.tHead.getBoundingClientRect().height > 1,
        headers: [...table.tHead.rows[0].cells].map(th => JSON.stringify(th.textContent)),
        labels: shown([...rows[0].cells]).map(td => getComputedStyle(td, '::before').content),
        rowsStacked: below(rows),
        cellsStacked: rows.every(row => below(shown([...row.cells]))),
        fits: table.parentElement.scrollWidth <= table.parentElement.clientWidth,
      };
    }"""
    COURSE_WITH_SESSIONS = course_with_sessions()
    context, page, *_ = _open(browser, base_url, COURSE_WITH_SESSIONS, width=390)
    try:
        phone = page.locator("table.sessions").first.evaluate(measure)
        assert phone["row"] == "block" and not phone["headerShown"]
        assert phone["rowsStacked"] and phone["cellsStacked"] and phone["fits"]
        assert phone["labels"] and set(phone["labels"]) <= set(phone["headers"])
        assert phone["labels"][:3] == phone["headers"][:3]  # Nr., Datum, Uhrzeit
    finally:
        context.close()
    context, page, *_ = _open(browser, base_url, COURSE_WITH_SESSIONS, width=1366)
    try:
        desktop = page.locator("table.sessions").first.evaluate(measure)
        assert desktop["row"] == "table-row" and desktop["headerShown"] and desktop["fits"]
        assert set(desktop["labels"]) == {"none"}
    finally:
        context.close()


def test_month_grid_is_a_named_scroll_region_with_a_visible_cue(browser, base_url, real_site):
    path = page_of_type("month view", real_site)
    for width, scrolls in ((390, True), (1366, False)):
        context, page, *_ = _open(browser, base_url, path, width=width)
        try:
            region = page.get_by_role("region", name=re.compile(r"^Termine im \w+ \d{4}$"))
            assert region.get_attribute("tabindex") == "0"
            assert region.evaluate("r => r.scrollWidth > r.clientWidth") is scrolls
            assert page.locator(".scroll-hint").is_visible() is scrolls
            region.focus()
            assert page.evaluate("document.activeElement.getAttribute('role')") == "region"
        finally:
            context.close()
