"""The web editor end to end: `invoke cms` on a temporary git clone of the minimal network, driven
in real headless Chromium. Decap CMS creates a news item with an image and adds a session to a
course; its commits pass `invoke check` and show up in the built site, the news feed and the
course's calendar. No request leaves 127.0.0.1."""

from __future__ import annotations

import io
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest
from conftest import REPO, TODAY, build, copy_fixture, invoke
from support.browser import chromium, chromium_available
from support.golden import commit_all

from deploy.headers import CONTENT_SECURITY_POLICY

WAIT_MS = 120_000  # an upper bound on a busy machine, not a timing requirement
TITLE = "Web-Redaktion eingeführt"


def _png() -> bytes:
    """The picture an editor uploads: large enough for the site's image check (800 × 400 at least)."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (1200, 630), (128, 32, 32)).save(buffer, "PNG")
    return buffer.getvalue()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _log(site) -> list[str]:
    done = subprocess.run(["git", "log", "--format=%s"], cwd=site, capture_output=True, text=True, check=True)
    return done.stdout.splitlines()


@pytest.fixture
def cms(tmp_path):
    """`invoke cms` on a git repository of the minimal network; yields (site, preview URL)."""
    site = copy_fixture("minimal", tmp_path / "site")
    commit_all(site, "Fixture")
    proxy_port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "invoke", "cms", "--root", str(site), "--port", "0",
         "--proxy-port", str(proxy_port), "--output", str(tmp_path / "output")],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"}, start_new_session=True,
    )  # fmt: skip
    lines: list[str] = []
    # Read everything it prints, to the end: a pipe nobody reads can fill up and block the writer;
    # and a failure shows what it printed.
    reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
    try:
        for line in process.stdout:
            lines.append(line)
            if found := re.match(r"Vorschau: (http://127\.0\.0\.1:\d+/)", line):
                break
        else:
            pytest.fail(f"invoke cms ended without serving (exit {process.wait()}):\n{''.join(lines)}")
        reader.start()
        assert f"Web-Redaktion: {found.group(1)}admin/\n" in lines
        yield site, found.group(1)
    finally:
        process.send_signal(signal.SIGINT)  # as Ctrl+C: the preview stops, then decap-server
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            pytest.fail("invoke cms did not stop on Ctrl+C; it printed:\n" + "".join(lines[-40:]))
        finally:
            if reader.is_alive():
                reader.join(timeout=10)
            process.stdout.close()
        with socket.socket() as probe:  # decap-server was stopped with it
            assert probe.connect_ex(("127.0.0.1", proxy_port)) != 0


def _wait_for_commit(site, subject_part: str, before: int) -> None:
    deadline = time.monotonic() + WAIT_MS / 1000
    while time.monotonic() < deadline:
        if len(log := _log(site)) > before and subject_part in log[0]:
            return
        time.sleep(1)
    pytest.fail(f"no commit „{subject_part}“ in {site}: {_log(site)}")


@pytest.mark.slow  # a site build, decap-server and a browser
def test_web_editor_commits_a_news_item_and_a_session_that_the_site_shows(cms, tmp_path):
    if not chromium_available():
        if os.environ.get("CI"):
            pytest.fail("Chromium is required in CI (.ci/run installs Debian's chromium)")
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
    from playwright.sync_api import expect

    site, base = cms
    image = tmp_path / "web-redaktion.png"
    image.write_bytes(_png())
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        elsewhere: list[str] = []
        local = ("http://127.0.0.1:", "data:", "blob:")
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(local)
                      else (elsewhere.append(route.request.url), route.abort()))  # fmt: skip
        violations: list[str] = []
        requested: list[str] = []
        context.on("request", lambda request: requested.append(request.url))

        def new_page():
            page = context.new_page()
            page.set_default_timeout(WAIT_MS)
            page.on("console", lambda msg: "Content Security Policy" in msg.text and violations.append(msg.text))
            return page

        page = new_page()
        response = page.goto(base + "admin/")
        assert "'unsafe-inline'" in response.headers["content-security-policy"]  # /admin/'s own policy
        assert page.request.get(base).headers["content-security-policy"] == CONTENT_SECURITY_POLICY  # only there
        page.get_by_role("button", name="Login").click()

        # A news item with an image.
        before = len(_log(site))
        page.goto(base + "admin/#/collections/news/new")
        page.get_by_label("Titel", exact=True).fill(TITLE)
        page.get_by_label("Datum", exact=True).fill("2026-11-15")  # the browser's date picker
        page.get_by_label("Zusammenfassung", exact=True).fill(
            "Die Geschäftsstelle pflegt die Website jetzt im Browser."
        )
        page.get_by_role("button", name="Wähle ein Bild").click()
        with page.expect_file_chooser() as chooser:
            page.get_by_text("Hochladen").first.click()
        chooser.value.set_files(str(image))
        page.get_by_role("button", name="Ausgewähltes Element verwenden").click()
        expect(page.get_by_role("button", name="Entferne Bild")).to_be_visible()  # the upload is in the entry
        page.get_by_label("Alternativtext (optional)", exact=True).fill("Bildschirm mit der Web-Redaktion")
        page.get_by_label("Bildnachweis (optional)", exact=True).fill("Grafik: Geschäftsstelle")
        page.locator("[data-slate-editor]").first.click()
        page.keyboard.type("Ab sofort geht das ohne Terminal.")
        page.get_by_role("button", name="Veröffentlichen").click()
        page.get_by_text("Jetzt veröffentlichen").click()
        expect(page.get_by_text("Änderungen gespeichert")).to_be_visible()  # the CMS says: saved
        _wait_for_commit(site, "Create Meldung", before)

        # A session added to the spring run of the course.
        before = len(_log(site))
        page.close()  # a fresh page (logged in still): the entry just published holds the old one
        page = new_page()
        add_session = page.get_by_role("button", name="termine hinzufügen").first
        for attempt in range(3):
            # Decap sometimes ignores the first click on a list item it is still wiring up, and a
            # second click folds it again: each attempt starts from a freshly loaded editor.
            page.goto(base + "admin/#/collections/courses/entries/kurs")
            page.reload()
            expect(page.get_by_text("fruehjahr", exact=True)).to_be_visible()
            page.get_by_text("fruehjahr", exact=True).locator("xpath=..").locator("button").first.click()  # expand
            try:
                add_session.click(timeout=15_000)
                break
            except PlaywrightTimeoutError:
                if attempt == 2:
                    raise
        new_id = next(field for field in page.get_by_label("Kennung", exact=True).all()
                      if field.is_visible() and not field.input_value())  # fmt: skip
        # start and end are optional: a session may have only a date ("Uhrzeit folgt")
        session = new_id.locator("xpath=ancestor::div[.//label[starts-with(normalize-space(.), 'Ende')]][1]")
        new_id.fill("tag-3")
        session.get_by_label("Beginn (optional)", exact=True).fill("2027-03-30T09:00")
        session.get_by_label("Ende (optional)", exact=True).fill("2027-03-30T16:00")
        session.get_by_label("Titel (optional)", exact=True).fill("Zusatztermin")
        page.get_by_role("button", name="Veröffentlichen").click()
        page.get_by_text("Jetzt veröffentlichen").click()
        expect(page.get_by_text("Änderungen gespeichert")).to_be_visible()  # the CMS says: saved
        _wait_for_commit(site, "Update Kurs", before)
        context.close()
    assert elsewhere == [] and violations == []
    assert base + "theme/css/site.css" in requested  # the preview pane wears the site's own stylesheet

    # What Decap committed: Markdown with front matter, the image, the course's YAML.
    subprocess.run(["git", "diff", "--quiet", "HEAD"], cwd=site, check=True)  # everything committed
    news = next((site / "content" / "news").glob("*web-redaktion*.md")).read_text(encoding="utf-8")
    assert f"title: {TITLE}" in news and "src: images/web-redaktion.png" in news and "date: 2026-11-15" in news
    assert (site / "content" / "news" / "2026-11-15-web-redaktion-eingefuhrt.md").is_file()  # named by its date
    assert (site / "content" / "images" / "web-redaktion.png").read_bytes() == image.read_bytes()
    course = (site / "data" / "courses" / "kurs.yml").read_text(encoding="utf-8")
    assert "- id: tag-3\n        start: 2027-03-30 09:00\n        end: 2027-03-30 16:00\n" in course

    checked = invoke("check", "--root", str(site))
    assert checked.returncode == 0, checked.stderr
    output = tmp_path / "built"
    built = build(site, output)
    assert built.returncode == 0, built.stderr
    article = next(output.glob("aktuelles/web-redaktion*/index.html")).read_text(encoding="utf-8")
    assert TITLE in article and "bilder/web-redaktion-" in article and "Grafik: Geschäftsstelle" in article
    assert any(TITLE in feed.read_text(encoding="utf-8") for feed in (output / "feeds").glob("*.xml"))
    calendar = (output / "kurse" / "kurs" / "termine.ics").read_text(encoding="utf-8")
    assert "Zusatztermin" in calendar and "20270330T" in calendar
    assert TODAY  # the build's "today" (2026-11-22) lies after the news item's date: it is published
