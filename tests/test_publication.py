"""What is published when: news dated after "today" wait for their day and drafts stay out of
every file of a published build (the preview shows both, marked); old addresses of news and
pages lead to the new ones (git history and ``redirect_from``)."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, build, copy_fixture, invoke
from support.browser import serve
from support.golden import commit_all
from test_browser import AXE, browser  # noqa: F401 - the shared Chromium fixture

pytestmark = pytest.mark.slow  # builds whole sites (see README: the fast inner loop)

NEWS = "content/news/2026-10-01-meldung.md"
LATER = """---
title: Start der Kampagne Zukunftswort
date: 2027-03-12
summary: Die Kampagne Zukunftswort beginnt.
nodes: [mitte]
topics: [wasserstoff]
courses: [kurs]
---
Der Text der Kampagne Zukunftswort.
"""
DRAFT = """---
title: Ein Entwurfswort
date: 2026-09-01
summary: Noch nicht fertig, Entwurfswort.
nodes: [mitte]
topics: [wasserstoff]
status: draft
---
Der Entwurfswort-Text.
"""
DRAFT_PAGE = "---\ntitle: Seite Geheimwort\nstatus: draft\nmenu: 3\n---\nText.\n"
HELD_BACK = ("Zukunftswort", "start-der-kampagne", "Entwurfswort", "ein-entwurfswort", "Geheimwort", "geheimwort")


def mentions(output: Path, word: str) -> list[str]:
    """Every file below ``output`` whose bytes (Pagefind's gzipped index parts unpacked) contain ``word``."""
    found = []
    for path in sorted(output.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        if word.encode() in data:
            found.append(path.relative_to(output).as_posix())
    return found


@pytest.fixture(scope="module")
def held_back(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The minimal network with a news item for a later day and a draft: built as published, as the
    preview builds it, and on the later day."""
    work = tmp_path_factory.mktemp("held-back")
    site = copy_fixture("minimal", work / "site")
    (site / "content/news/2027-03-12-kampagne.md").write_text(LATER, encoding="utf-8")
    (site / "content/news/2026-09-01-entwurf.md").write_text(DRAFT, encoding="utf-8")
    (site / "content/pages/geheim.md").write_text(DRAFT_PAGE, encoding="utf-8")
    builds = {
        "published": [],
        "preview": ["--setting", "PREVIEW=true"],
    }
    outputs = {}
    for name, extra in builds.items():
        outputs[name] = work / name
        result = build(site, outputs[name], *extra)
        assert result.returncode == 0, result.stderr
    outputs["on its day"] = work / "on-its-day"
    result = invoke("build", "--root", str(site), "--output", str(outputs["on its day"]), "--today", "2027-03-12")
    assert result.returncode == 0, result.stderr
    return outputs


def test_the_scan_sees_into_every_file(held_back):
    """The counterpart: a published news item is found in its page, lists, feeds, sitemap and search index."""
    found = mentions(held_back["published"], "Das Büro Mitte lädt")
    assert "aktuelles/neues-seminar-zu-wasserstoff/index.html" in found
    assert any(name.startswith("pagefind/fragment/") for name in found), found
    found = mentions(held_back["published"], "neues-seminar-zu-wasserstoff")
    for name in (
        "aktuelles/index.html",
        "sitemap.xml",
        "feeds/aktuelles.atom.xml",
        "themen/wasserstoff/index.html",
        "bueros/mitte/index.html",
    ):
        assert name in found, found


@pytest.mark.parametrize("word", HELD_BACK)
def test_news_for_a_later_day_and_drafts_are_in_no_published_file(held_back, word):
    assert mentions(held_back["published"], word) == []


def test_the_preview_shows_both_marked(held_back):
    output = held_back["preview"]
    later = (output / "aktuelles/start-der-kampagne-zukunftswort/index.html").read_text(encoding="utf-8")
    assert "Vorschau, nicht veröffentlicht:</strong> erscheint am 12. März 2027</p>" in later
    draft = (output / "aktuelles/ein-entwurfswort/index.html").read_text(encoding="utf-8")
    assert "Vorschau, nicht veröffentlicht:</strong> Entwurf</p>" in draft
    page = (output / "seite-geheimwort/index.html").read_text(encoding="utf-8")
    assert "Vorschau, nicht veröffentlicht:</strong> Entwurf</p>" in page
    published = (output / "aktuelles/neues-seminar-zu-wasserstoff/index.html").read_text(encoding="utf-8")
    assert "Vorschau" not in published


def test_the_preview_notes_are_accessible(held_back, browser):  # noqa: F811
    with serve(held_back["preview"]) as url:
        context = browser.new_context(viewport={"width": 390, "height": 900})
        try:
            page = context.new_page()
            for path in (
                "aktuelles/start-der-kampagne-zukunftswort/",
                "aktuelles/ein-entwurfswort/",
                "seite-geheimwort/",
            ):
                page.goto(url + path, wait_until="load")
                assert page.get_by_role("note").inner_text().startswith("Vorschau, nicht veröffentlicht:")
                page.add_script_tag(path=str(AXE))
                result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
                assert result["violations"] == [], (path, [v["id"] for v in result["violations"]])
        finally:
            context.close()


def test_news_appear_on_their_day(held_back):
    output = held_back["on its day"]
    page = (output / "aktuelles/start-der-kampagne-zukunftswort/index.html").read_text(encoding="utf-8")
    assert "Vorschau" not in page and "Der Text der Kampagne Zukunftswort." in page
    found = mentions(output, "start-der-kampagne-zukunftswort")
    for name in (
        "aktuelles/index.html",
        "sitemap.xml",
        "feeds/aktuelles.atom.xml",
        "themen/wasserstoff/index.html",
        "bueros/mitte/index.html",
    ):
        assert name in found, found
    assert any(name.startswith("pagefind/fragment/") for name in mentions(output, "Zukunftswort"))
    assert mentions(output, "Entwurfswort") == [], "a draft waits for no day"


def _git(site: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=site, check=True, capture_output=True)


@pytest.fixture(scope="module")
def renamed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal network in git; its news item then renamed (file and slug) in a second commit."""
    work = tmp_path_factory.mktemp("renamed")
    site = copy_fixture("minimal", work / "site")
    commit_all(site, "Erste Fassung")
    _git(site, "mv", NEWS, "content/news/2026-10-01-seminar.md")
    moved = site / "content/news/2026-10-01-seminar.md"
    text = moved.read_text(encoding="utf-8")
    moved.write_text(text.replace("title: Neues Seminar", "slug: wasserstoff-seminar\ntitle: Neues Seminar"), "utf-8")
    commit_all(site, "Kürzere Adresse", when="2026-11-02T09:00:00+00:00")
    output = work / "output"
    result = build(site, output)
    assert result.returncode == 0, result.stderr
    return output


def test_an_earlier_slug_from_git_leads_to_the_new_address(renamed, browser):  # noqa: F811
    old = renamed / "aktuelles/neues-seminar-zu-wasserstoff/index.html"
    html = old.read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=/aktuelles/wasserstoff-seminar/">' in html
    assert '<link rel="canonical" href="https://testnetz.example.org/aktuelles/wasserstoff-seminar/">' in html
    assert '<meta name="robots" content="noindex">' in html
    assert "neues-seminar-zu-wasserstoff" not in (renamed / "sitemap.xml").read_text(encoding="utf-8")
    rule = "/aktuelles/neues-seminar-zu-wasserstoff/ /aktuelles/wasserstoff-seminar/ 301"
    assert rule in (renamed / "_redirects").read_text(encoding="utf-8").splitlines()
    with serve(renamed) as url:
        for javascript in (True, False):  # the refresh is HTML: it needs no script
            context = browser.new_context(java_script_enabled=javascript)
            try:
                page = context.new_page()
                page.goto(url + "aktuelles/neues-seminar-zu-wasserstoff/")
                page.wait_for_url(url + "aktuelles/wasserstoff-seminar/")
                assert page.locator("h1").inner_text() == "Neues Seminar zu Wasserstoff"
            finally:
                context.close()


def test_the_redirect_page_is_valid_html(renamed):
    vnu = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not vnu.is_file() or shutil.which("java") is None:
        pytest.fail("vnu.jar and java are required: run `invoke tools` (CI installs java)")
    page = renamed / "aktuelles/neues-seminar-zu-wasserstoff/index.html"
    done = subprocess.run(
        ["java", "-jar", str(vnu), "--format", "json", "--exit-zero-always", str(page)],
        capture_output=True,
        text=True,
        check=True,
    )
    errors = [m["message"] for m in json.loads(done.stderr)["messages"] if m["type"] == "error"]
    assert not errors


def test_explicit_earlier_addresses_redirect(tmp_path: Path):
    site = copy_fixture("minimal", tmp_path / "site")
    news = site / NEWS
    text = news.read_text(encoding="utf-8")
    news.write_text(text.replace("date:", "redirect_from: [/presse/seminar.html, /alt/seminar]\ndate:"), "utf-8")
    output = tmp_path / "output"
    result = build(site, output)
    assert result.returncode == 0, result.stderr
    for page in ("presse/seminar.html", "alt/seminar/index.html"):
        assert 'url=/aktuelles/neues-seminar-zu-wasserstoff/"' in (output / page).read_text(encoding="utf-8")
    nginx = (output / "redirects.nginx.conf").read_text(encoding="utf-8")
    assert "location = /presse/seminar.html { return 301 /aktuelles/neues-seminar-zu-wasserstoff/; }" in nginx
    apache = (output / "redirects.htaccess").read_text(encoding="utf-8")
    assert 'RedirectMatch 301 "^/alt/seminar$" /aktuelles/neues-seminar-zu-wasserstoff/' in apache
    # Outside a git clone there is no history: only the explicit list.
    assert len((output / "_redirects").read_text(encoding="utf-8").splitlines()) == 3


def test_an_earlier_slug_another_page_uses_now_stays_that_page(tmp_path: Path):
    """The news item gives its old address up; a new page takes it: no redirect over that page."""
    site = copy_fixture("minimal", tmp_path / "site")
    commit_all(site, "Erste Fassung")
    news = site / NEWS
    news.write_text(news.read_text(encoding="utf-8").replace("title: Neues Seminar", "title: Seminar"), "utf-8")
    (site / "content/news/2026-10-02-neu.md").write_text(
        "---\ntitle: Neues Seminar zu Wasserstoff\ndate: 2026-10-02\nsummary: Eine andere Meldung.\n---\nAndere.\n",
        encoding="utf-8",
    )
    output = tmp_path / "output"
    result = build(site, output)
    assert result.returncode == 0, result.stderr
    assert "Eine andere Meldung." in (output / "aktuelles/neues-seminar-zu-wasserstoff/index.html").read_text("utf-8")
    assert "neues-seminar" not in (output / "_redirects").read_text(encoding="utf-8")
