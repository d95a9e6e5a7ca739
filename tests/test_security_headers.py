"""The deployment headers are current and every page works with the Content-Security-Policy enforced."""

from __future__ import annotations

import pytest
from conftest import REPO
from support import real_site as site_data
from support.browser import serve
from test_browser import browser, page_of_type  # noqa: F401 - the shared Chromium fixture

from deploy.headers import HEADERS, RENDERERS

pytestmark = pytest.mark.slow  # builds whole sites (see README: the fast inner loop)


@pytest.mark.parametrize("name", RENDERERS)
def test_committed_server_config_is_generated(name):
    committed = (REPO / "deploy" / name).read_text(encoding="utf-8")
    assert committed == RENDERERS[name](), "run `invoke deploy-config` and commit the result"


@pytest.fixture(scope="module")
def strict_url(real_site):
    with serve(real_site.output, headers=HEADERS) as url:
        yield url


# Registered before any page script runs, so even a violation during parsing is recorded.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline")));
"""


@pytest.mark.parametrize("kind", site_data.PAGE_TYPE_NAMES)
def test_pages_need_nothing_the_policy_forbids(browser, strict_url, real_site, kind):  # noqa: F811
    path = page_of_type(kind, real_site)
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    try:
        response = page.goto(strict_url + path, wait_until="networkidle")
        assert response.headers["content-security-policy"] == HEADERS["Content-Security-Policy"]
        if path == "suche/":
            # a word the index has: the longest of the first course title
            title = next(iter(site_data.project().courses.values())).title
            page.get_by_label("Suchbegriff").fill(max(title.split(), key=len).strip(":,."))
            page.wait_for_selector("[data-search-results] li", timeout=30_000)
        violations = page.evaluate("window.__violations")
        assert not violations
        assert not [m for m in console if "Content Security Policy" in m]
    finally:
        context.close()
