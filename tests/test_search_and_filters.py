"""Search and catalogue filters in real headless Chromium: every hit with its type, the header's
search box without JavaScript, and filter state that lives in the URL."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import quote, urlencode

import pytest
from support import real_site as site_data
from test_browser import _open, base_url, browser, real_catalogue  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow  # builds the real site


def _index_count(context, site_url: str, term: str) -> int:
    """What the built Pagefind index itself finds, asked directly in a tab of its own (not through our page)."""
    page = context.new_page()
    page.goto(f"{site_url}404.html")
    try:
        return page.evaluate(
            """async (term) => {
            const pagefind = await import(new URL("/pagefind/pagefind.js", location.href).href);
            await pagefind.init();
            return (await pagefind.search(term)).results.length;
        }""",
            term,
        )
    finally:
        page.close()


def _search_words() -> list[str]:
    """Two words of the real data that the search finds: the longest words of two course titles."""
    titles = [c.title for c in site_data.project().courses.values()]
    words = [max(found, key=len) for t in titles if (found := re.findall(r"[A-Za-zÄÖÜäöüß]{6,}", t))]
    words = sorted(set(words), key=lambda w: (-len(w), w))
    return site_data.require(words[:2] if len(words) > 1 else None, "two course titles with a long word")


def test_search_shows_every_hit_with_its_type(browser, base_url, real_site):  # noqa: F811
    project = site_data.project()
    office = site_data.require(project.network.office_label, "office_label (nodes)")
    # The label's first word ("Regionalbüro", "QTI" of "QTI-Knoten") is on node pages and in news about them.
    term = re.split(r"[\s-]", office.singular)[0]
    context, page, _, foreign, errors = _open(browser, base_url, f"suche/?q={quote(term)}")
    try:
        expected = _index_count(context, base_url, term)
        # more than one step of hits, so that the paging is exercised
        site_data.require(expected > 20, f"more than 20 pages that mention {term!r}")
        status = page.locator("[data-search-status]")
        page.wait_for_function("n => document.querySelectorAll('[data-search-results] li').length > 0", arg=expected)
        assert status.inner_text() == f"{expected} Treffer für „{term}“"
        more = page.get_by_role("button", name="Weitere Treffer anzeigen")
        while more.is_visible():
            shown = page.locator("[data-search-results] li").count()
            more.click()
            page.wait_for_function("n => document.querySelectorAll('[data-search-results] li').length > n", arg=shown)
        assert page.locator("[data-search-results] li").count() == expected
        labels = page.locator("[data-search-results] li").evaluate_all(
            "items => items.map(i => (i.querySelector('.search-type') || {}).textContent)"
        )
        assert all(labels)
        assert {project.network.office_label.singular, "Meldung"} <= set(labels)
        # the excerpt is the page's own description, never a sentence's leftover
        excerpts = page.locator("[data-search-results] li > p:last-child").all_inner_texts()
        assert all(re.match(r"[A-ZÄÖÜ0-9„]", text) for text in excerpts), excerpts
        assert page.get_by_label("Suchbegriff").input_value() == term
        assert not foreign and not errors
    finally:
        context.close()


def test_header_search_works_without_javascript(browser, base_url):  # noqa: F811
    word, _ = _search_words()
    context, page, *_ = _open(browser, base_url, "kurse/", width=390, javascript=False)
    try:
        page.get_by_role("search", name="Website durchsuchen").get_by_label("Suche").fill(word)
        page.get_by_role("search", name="Website durchsuchen").get_by_role("button", name="Suchen").click()
        page.wait_for_load_state()
        assert page.url == f"{base_url}suche/?q={quote(word)}"
        assert page.locator("[data-search-hint]").is_visible()
    finally:
        context.close()


def test_header_search_runs_the_query_and_keeps_it_in_the_url(browser, base_url):  # noqa: F811
    first, second = _search_words()
    context, page, *_ = _open(browser, base_url, "")
    try:
        page.get_by_role("search", name="Website durchsuchen").get_by_label("Suche").fill(first)
        page.keyboard.press("Enter")
        page.wait_for_selector("[data-search-results] li", timeout=30_000)
        assert page.get_by_label("Suchbegriff").input_value() == first
        field = page.get_by_label("Suchbegriff")
        field.fill(second)
        page.wait_for_url(f"**/suche/?q={quote(second)}")
        page.reload(wait_until="networkidle")
        page.wait_for_selector("[data-search-results] li", timeout=30_000)
        assert page.locator("[data-search-status]").inner_text().endswith(f"für „{second}“")
    finally:
        context.close()


def _count(page) -> str:
    return page.locator(".filter-form [role=status]").inner_text()


def test_filter_state_lives_in_the_url_and_reset_clears_it(browser, base_url):  # noqa: F811
    # A format that some upcoming runs have, some of them free of charge and some not.
    _, catalogue = real_catalogue()
    formats = Counter(r.course.format for r in catalogue.upcoming)
    mixed = [
        f
        for f, _ in formats.most_common()
        if len({r.course.free for r in catalogue.upcoming if r.course.format == f}) == 2
    ]
    course_format = site_data.require(len(formats) > 1 and mixed, "format with free and paid runs among others")[0]
    context, page, *_ = _open(browser, base_url, "kurse/")
    try:
        assert page.locator(".filter-groups").is_hidden()  # one interface: the no-JS lists give way
        total = page.locator(".run:visible").count()
        page.select_option("#auswahl-format", course_format)
        presence = page.locator(".run:visible").count()
        page.check("#auswahl-kostenfrei")
        free = page.locator(".run:visible").count()
        assert 0 < free < presence < total
        assert page.locator(".run:visible[data-free]").count() == free
        assert urlencode({"format": course_format}) in page.url and "kostenfrei=1" in page.url
        page.reload(wait_until="networkidle")
        assert page.locator(".run:visible").count() == free
        assert page.is_checked("#auswahl-kostenfrei")
        page.go_back()
        assert page.locator(".run:visible").count() == presence
        assert not page.is_checked("#auswahl-kostenfrei")
        page.check("#auswahl-zertifikat")
        assert page.locator(".run:visible").count() == page.locator(".run:visible[data-certificate]").count()
        page.get_by_role("button", name="Filter zurücksetzen").click()
        assert page.locator(".run:visible").count() == total
        assert page.url == f"{base_url}kurse/"
    finally:
        context.close()


def test_date_range_and_zero_results_message(browser, base_url):  # noqa: F811
    context, page, *_ = _open(browser, base_url, "kurse/")
    try:
        months = sorted(page.locator(".run").evaluate_all("items => items.map(i => i.dataset.first.slice(0, 7))"))
        site_data.require(len(set(months)) > 1, "upcoming runs in more than one month")
        page.goto(f"{base_url}kurse/?von={months[-1]}", wait_until="networkidle")
        last = page.locator(".run:visible").evaluate_all("items => items.map(i => i.dataset.last)")
        assert last and all(day >= months[-1] for day in last)
        assert page.locator(".filter-empty").is_hidden()
        page.goto(f"{base_url}kurse/?von={months[-1]}&bis={months[0]}", wait_until="networkidle")
        assert page.locator(".run:visible").count() == 0
        assert page.locator(".filter-empty").is_visible()
        assert "Entfernen Sie einen Filter" in _count(page)  # announced: role=status
        assert page.locator(".filter-empty a[href='#kalender-abo-titel']").count() == 1
    finally:
        context.close()


def test_filter_link_lists_without_javascript(browser, base_url):  # noqa: F811
    context, page, *_ = _open(browser, base_url, "kurse/", javascript=False)
    try:
        assert page.locator(".filter-groups").is_visible()
        assert page.locator(".filter-form").count() == 0
    finally:
        context.close()
