"""invoke serve in real headless Chromium: the page reloads after an edit, a broken edit shows its
located German problems instead of a stale page, and the fix brings the page back."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys

import pytest
from conftest import REPO, copy_fixture
from pipeline.preview import problem_page, with_reload
from support.browser import chromium, chromium_available

NEWS = "content/news/2026-10-01-meldung.md"
ARTICLE = "aktuelles/neues-seminar-zu-wasserstoff/"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WAIT_MS = 120_000  # an upper bound for a rebuild on a busy machine, not a timing requirement


def _start_serve(site, output, **popen) -> subprocess.Popen:
    """``invoke serve`` on ``site``, on a free port, its output read line by line."""
    return subprocess.Popen(
        [sys.executable, "-m", "invoke", "serve", "--root", str(site), "--port", "0", "--output", str(output)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        **popen,
    )


@pytest.fixture
def preview(tmp_path):
    """``invoke serve`` on a copy of the minimal network, on a free port; yields (site, base URL, output)."""
    site = copy_fixture("minimal", tmp_path / "site")
    output = tmp_path / "output"
    process = _start_serve(site, output)
    try:
        for line in process.stdout:  # the build's summary first, then the address
            if found := re.match(r"Vorschau: (http://127\.0\.0\.1:\d+/)", line):
                break
        else:
            pytest.fail(f"invoke serve ended without serving (exit {process.wait()})")
        yield site, found.group(1), output
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()


@pytest.mark.slow  # builds a site, several times, in a browser
def test_preview_reloads_after_an_edit_and_shows_a_broken_edits_problems(preview):
    if not chromium_available():
        if os.environ.get("CI"):
            pytest.fail("Chromium is required in CI (.ci/run installs Debian's chromium)")
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import expect

    site, base, output = preview
    news = site / NEWS
    original = news.read_text(encoding="utf-8")
    with chromium() as browser:
        page = browser.new_page()
        errors: list[str] = []  # script errors and policy violations (the problem page's status 500 is no error)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: "Content Security Policy" in message.text and errors.append(message.text))
        response = page.goto(base + ARTICLE)
        assert response.status == 200
        assert "script-src 'self'" in response.headers["content-security-policy"]  # the published site's policy
        expect(page.locator("main")).to_contain_text("Das Büro Mitte lädt zum Seminar ein.")

        # An edit: the open page reloads by itself (the marker set in this page is gone) and shows it.
        page.evaluate("window.beforeTheEdit = true")
        news.write_text(original.replace("lädt zum Seminar ein", "lädt herzlich zum Seminar ein"), encoding="utf-8")
        expect(page.locator("main")).to_contain_text("lädt herzlich zum Seminar ein", timeout=WAIT_MS)
        assert page.evaluate("window.beforeTheEdit") is None

        # A broken edit: the page becomes the problem, with file, line, field and the fix.
        news.write_text(original.replace("date: 2026-10-01", "date: 2026-13-01"), encoding="utf-8")
        problems = page.locator("pre.problems")
        expect(problems).to_contain_text(f"{NEWS}:3: date:", timeout=WAIT_MS)
        expect(problems).to_contain_text("erwartet: JJJJ-MM-TT")
        expect(page.locator("h1")).to_have_text("Die Website kann nicht gebaut werden")
        assert page.evaluate("document.documentElement.lang") == "de"
        assert _axe_violations(browser, base + ARTICLE) == []

        # The fix: the page is back, with the edit made since.
        news.write_text(original.replace("lädt zum Seminar ein", "lädt wieder zum Seminar ein"), encoding="utf-8")
        expect(page.locator("main")).to_contain_text("lädt wieder zum Seminar ein", timeout=WAIT_MS)
        expect(page.locator("h1")).to_have_text("Neues Seminar zu Wasserstoff")
        assert page.url == base + ARTICLE
        assert errors == []

    # The script is added on the way out: the built files are exactly what invoke build writes.
    assert "__vorschau" not in (output / ARTICLE / "index.html").read_text(encoding="utf-8")


# Builds one after the other in one process, as the preview makes them (in a child process of its
# own: a build registers Pelican's plugins and sets Pelican's logging, for the rest of its process).
# Prints each build's staging folder and the files the output then has.
REBUILDS = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from pipeline.commands import SETTINGS, build_failure, overrides, settings
site, theme, output, cache = sys.argv[2:6]
preview = {"PREVIEW": True, "THEME": theme, **overrides(None, cache, [])}
for build in range(4):
    if build == 3:
        article = Path(theme) / "templates" / "article.html"
        article.write_text(article.read_text().replace("</article>", "<p>Stand der Vorlage: neu</p></article>"))
    site_settings = settings(SETTINGS, site, preview)
    if failure := build_failure(site_settings, Path(output)):
        sys.exit(failure)
    files = sorted(str(path.relative_to(output)) for path in Path(output).rglob("*") if path.is_file())
    print("built", site_settings["OUTPUT_PATH"], len(files), hash(tuple(files)))
"""


@pytest.mark.slow  # builds a site four times
def test_rebuilds_in_the_same_process_are_whole_and_render_an_edited_template(tmp_path):
    """As in the preview, builds follow each other at once in one process. Each writes to a staging
    folder of its own, never to the one ``rm`` may still be deleting, so every output is whole;
    and Jinja does not look at a template's file again once it has it (``auto_reload`` is off), so
    an edited template shows only because every build makes new environments."""
    site = copy_fixture("minimal", tmp_path / "site")
    theme = shutil.copytree(REPO / "theme", tmp_path / "theme")
    output = tmp_path / "output"
    paths = [REPO / "plugins", site, theme, output, tmp_path / "cache"]
    done = subprocess.run([sys.executable, "-c", REBUILDS, *map(str, paths)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    builds = [line.split()[1:] for line in done.stdout.splitlines() if line.startswith("built ")]
    assert len(builds) == 4
    assert len({staging for staging, _, _ in builds}) == 4
    assert len({(count, files) for _, count, files in builds[:3]}) == 1, builds  # the same files, nothing edited
    assert "Stand der Vorlage: neu" in (output / ARTICLE / "index.html").read_text(encoding="utf-8")


def _axe_violations(browser, url: str) -> list[str]:
    """axe-core's findings on ``url`` (in a context of its own: axe is injected inline, which the policy forbids)."""
    context = browser.new_context(bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(url)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]
    finally:
        context.close()


def test_the_reload_script_goes_at_the_end_of_the_head_and_only_into_a_page():
    page = b"<!DOCTYPE html><html><head><title>x</title></head><body></body></html>"
    assert with_reload(page, "v1") == page.replace(
        b"</head>", b'<script src="/__vorschau/neu-laden.js" data-version="v1" defer></script></head>'
    )
    assert with_reload(b"<svg></svg>", "v1") == b"<svg></svg>"


def test_the_problem_page_shows_the_report_as_text():
    report = (
        "content/news/a.md:2: title: „<b>Fett</b>“ ist zu lang\n1 Problem gefunden – es wurde nichts veröffentlicht."
    )
    page = problem_page(report, "v2")
    assert "„&lt;b&gt;Fett&lt;/b&gt;“ ist zu lang\n1 Problem gefunden" in page and "<b>" not in page
    assert '<html lang="de">' in page and 'data-version="v2"' in page


def test_an_edited_py_file_stops_what_runs_beside_the_preview_before_the_restart(tmp_path, monkeypatch):
    """``invoke cms`` runs decap-server beside the preview; the preview restarts itself (execv) after
    an edit of plugin code, and the restarted command starts decap-server again: the old one must
    be stopped first, or it would be left running, holding its port."""
    import threading

    from pipeline import preview

    calls: list[str] = []

    class Restarted(Exception):
        pass

    def execv(*args):
        calls.append("execv")
        raise Restarted

    monkeypatch.setattr(preview.os, "execv", execv)
    watched = tmp_path / "plugins"
    watched.mkdir()
    timer = threading.Timer(1.0, lambda: (watched / "neu.py").write_text("x = 1\n"))
    timer.start()
    try:
        with pytest.raises(Restarted):
            preview.serve(
                tmp_path / "out", [watched], lambda: None, "127.0.0.1", 0, before_restart=lambda: calls.append("stop")
            )
    finally:
        timer.cancel()
    assert calls == ["stop", "execv"]


@pytest.mark.slow  # builds a site
def test_ctrl_c_stops_the_preview_even_when_it_was_started_with_sigint_ignored(tmp_path):
    site = copy_fixture("minimal", tmp_path / "site")
    # SIGINT ignored in the process, as a background job starts it.
    process = _start_serve(site, tmp_path / "out", preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        assert any(line.startswith("Vorschau: ") for line in process.stdout), "invoke serve ended without serving"
    finally:
        process.send_signal(signal.SIGINT)
        try:
            assert process.wait(timeout=30) == 0
        except subprocess.TimeoutExpired:
            process.kill()
            pytest.fail("invoke serve did not stop on Ctrl+C")
        finally:
            process.stdout.close()
