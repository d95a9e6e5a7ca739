"""A warm build (Pelican's content cache from earlier builds) gives the bytes of a cold one.

Run the way editors work: the site is a git checkout, edits are committed or not, and the engine
itself (plugins, templates, settings) is a copy that the test edits too, as a developer would.
"""

from __future__ import annotations

import itertools
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, TODAY, tree_digest
from support.golden import commit_all

pytestmark = pytest.mark.slow

ENGINE = ("tasks.py", "pelicanconf.py", "publishconf.py", "plugins", "theme")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_warm_builds_equal_cold_builds_after_every_kind_of_edit(tmp_path):
    engine = tmp_path / "engine"
    engine.mkdir()
    for name in ENGINE:
        source = REPO / name
        copy = shutil.copytree if source.is_dir() else shutil.copy
        copy(source, engine / name, **({"ignore": shutil.ignore_patterns("__pycache__")} if source.is_dir() else {}))
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "minimal", site)
    news, course = site / "content/news/2026-10-01-meldung.md", site / "data/courses/kurs.yml"
    news.write_text(news.read_text(encoding="utf-8") + "\n## Ablauf\n\nVormittags Theorie.\n", encoding="utf-8")
    commit_all(site, "Erster Stand", "2026-10-01T08:00:00+00:00")
    warm_cache, builds = tmp_path / "warm-cache", iter(range(100))

    def build(cache: Path, *settings: str) -> dict[str, str]:
        output = tmp_path / f"output-{next(builds)}"
        command = [sys.executable, "-m", "invoke", "build", "--root", str(site), "--output", str(output)]
        command += ["--today", TODAY, "--cache", str(cache), *(f"--setting={s}" for s in settings)]
        done = subprocess.run(command, cwd=engine, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        return tree_digest(output)

    def warm_equals_cold(name: str, *settings: str) -> dict[str, str]:
        warm = build(warm_cache, *settings)
        cold = build(tmp_path / f"cold-cache-{name}", *settings)
        assert warm == cold, name
        return warm

    outputs = {"first": build(warm_cache)}
    outputs["unchanged"] = warm_equals_cold("unchanged")
    edit(news, "lädt zum Seminar ein", "lädt herzlich ein")
    outputs["news"] = warm_equals_cold("news")
    edit(course, "end: 2027-10-05 16:00", "end: 2027-10-05 17:00")  # not committed: a revision more
    outputs["course, uncommitted"] = warm_equals_cold("course, uncommitted")
    commit_all(site, "Kurs verlängert", "2026-10-02T08:00:00+00:00")
    outputs["course, committed"] = warm_equals_cold("course, committed")
    edit(engine / "theme/templates/article.html", "</article>", "<p>Stand der Vorlage: neu</p></article>")
    outputs["template"] = warm_equals_cold("template")
    # A Markdown extension added in plugin code: headings get ids, in news read from the cache too.
    edit(
        engine / "plugins/sitedata/markdown_text.py",
        "[*extensions, EscapeRawHtml()]",
        '[*extensions, "toc", EscapeRawHtml()]',
    )
    outputs["plugin code"] = warm_equals_cold("plugin code")
    outputs["setting"] = warm_equals_cold("setting", "FEED_MAX_ITEMS=1")
    news.unlink()
    outputs["deleted"] = warm_equals_cold("deleted")

    assert not any(path.startswith("aktuelles/neues-seminar-zu-wasserstoff") for path in outputs["deleted"])
    steps = list(outputs.values())
    assert steps[0] == steps[1]
    assert all(before != after for before, after in itertools.pairwise(steps[1:])), "every edit shows"
