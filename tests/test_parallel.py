"""Work on both cores (Markdown ahead, the courses' history, the catalogue's pages and the
pictures in forked workers) changes no byte.

The thresholds keep small sites in one process; here they are lowered so that a small site is
built both ways, each in a process of its own as ``invoke build`` runs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, TODAY, copy_fixture, tree_digest
from support.golden import commit_all

pytestmark = pytest.mark.slow

SCRIPT = """
import sys
from pathlib import Path
sys.path[:0] = [{plugins!r}]
import catalogue.generator, pipeline.site_files, sitedata.prerender
from pelican.settings import read_settings
from pipeline.build import build
import sitedata.forked
catalogue.generator.PARALLEL_FROM = sitedata.prerender.PARALLEL_FROM = {threshold}
pipeline.site_files.GIT_WORKER_FROM = {threshold}
pools = []
start = sitedata.forked.ForkedPool.__init__
def started(self, workers, function, *args, **kwargs):
    pools.append(getattr(function, "func", function).__name__)
    print("pool started:", pools[-1], file=sys.stderr, flush=True)
    start(self, workers, function, *args, **kwargs)
sitedata.forked.ForkedPool.__init__ = started
if {thread}:  # as in the preview, whose web server thread keeps the build from forking
    import threading
    threading.Thread(target=threading.Event().wait, daemon=True).start()
settings = read_settings({conf!r}, override={{"PATH": {content!r}, "TODAY": {today!r}, "CACHE_PATH": {cache!r}}})
build(settings, Path({output!r}))
print(" ".join(sorted(pools)))
"""


def run(threshold: int, content, cache, output, thread: bool = False) -> subprocess.CompletedProcess:
    script = SCRIPT.format(
        plugins=str(REPO / "plugins"),
        threshold=threshold,
        thread=thread,
        conf=str(REPO / "pelicanconf.py"),
        content=str(content),
        today=TODAY,
        cache=str(cache),
        output=str(output),
    )
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)


def test_parallel_and_one_process_builds_are_byte_identical(tmp_path):
    sys.path.insert(0, str(REPO))
    from benchmarks.synthetic import generate

    made = generate(tmp_path / "site", news=150, courses=30)
    (made.network / "content/images").mkdir(exist_ok=True)
    shutil.copy(FIXTURES / "itas/content/images/helpdesk-grafik.png", made.network / "content/images")
    commit_all(made.network, "Synthetisches Netzwerk")  # the courses' history comes from git

    def built(name: str, threshold: int, pools: str, thread: bool = False) -> dict[str, str]:
        output = tmp_path / name
        done = run(threshold, made.network / "content", tmp_path / f"{name}-cache", output, thread)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == pools, "worker pools started"
        return tree_digest(output)

    # Cold: Markdown ahead (the courses' history waits for that pool), the catalogue's pages and
    # the search index. Warm (no Markdown to render): the history, the pages and the index. The
    # pictures are encoded in a worker only beside a catalogue written in this process.
    parallel = built("parallel", 1, "_render _write_pages build_index")
    assert built("parallel", 1, "_write_pages build_index read_git") == parallel
    assert parallel == built("one-process", 10**9, "_write_pictures build_index")
    # With a thread beside it (the preview's), nothing is forked; Pagefind runs meanwhile all the same.
    assert parallel == built("with-a-thread", 1, "", thread=True)
    assert "images/helpdesk-grafik.png" in parallel
    assert sum(name.endswith(".html") for name in parallel) > 200


PAGE_WHERE_THE_CATALOGUE_WRITES = (
    "content/pages/kurse.md",
    "---\ntitle: Kurse\nslug: kurse\n---\nText.\n",
    # Found before anything is written, with the line of the page's slug.
    "content/pages/kurse.md:3: slug: Adresse „/kurse/“ ist schon vergeben",
)
BROKEN_LINK_IN_NEWS = (
    "content/news/2026-10-02-kaputt.md",
    "---\ntitle: Kaputt\ndate: 2026-10-02\nsummary: Ein Link ins Leere.\n---\n[alt]({filename}/news/fehlt.md)\n",
    "fehlt.md",
)


DEAD_LINK_FOUND_AFTER_THE_PAGES = (
    "content/news/2026-10-03-tot.md",
    "---\ntitle: Tot\ndate: 2026-10-03\nsummary: Ein Link ins Leere.\n---\n"
    "[weg](https://testnetz.example.org/gibt-es-nicht/)\n",
    "„/gibt-es-nicht/“ gibt es dort nicht",
)


@pytest.mark.parametrize(
    "threshold, thread", [(1, False), (10**9, False), (1, True)], ids=["parallel", "one-process", "with-a-thread"]
)
@pytest.mark.parametrize(
    "case",
    [PAGE_WHERE_THE_CATALOGUE_WRITES, BROKEN_LINK_IN_NEWS, DEAD_LINK_FOUND_AFTER_THE_PAGES],
    ids=["twice", "broken link", "dead link"],
)
def test_a_failure_while_the_worker_writes_fails_the_build_and_leaves_nothing(case, threshold, thread, tmp_path):
    path, text, named = case
    site = copy_fixture("minimal", tmp_path / "site")
    (site / path).write_text(text, encoding="utf-8")
    done = run(threshold, site / "content", tmp_path / "cache", tmp_path / "output", thread)
    assert done.returncode != 0
    assert named in done.stderr
    assert not (tmp_path / "output").exists()
    # Neither the staging output nor the pages' folder of a Pagefind run is left behind.
    assert not [
        p.name for p in tmp_path.iterdir() if p.name.startswith((".output", ".pagefind")) and p.suffix != ".lock"
    ]
    # Nor a Pagefind process: one still running shows in /proc, one that finished left its bundle.
    assert not processes_naming(tmp_path)
    assert not list((tmp_path / "cache").rglob("*.running-*"))


def processes_naming(folder) -> list[str]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            command = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # ended meanwhile
            continue
        if str(folder) in command:
            found.append(command)
    return found


def test_a_deleted_session_found_by_the_history_worker_stops_the_build(tmp_path):
    from test_calendars import committed_fixture

    site = committed_fixture(tmp_path)
    cache, output = tmp_path / "cache", tmp_path / "output"
    assert run(1, site / "content", cache, output).returncode == 0  # the next build has no Markdown to render
    course = site / "data" / "courses" / "kurs.yml"
    text = course.read_text(encoding="utf-8")
    session = "      - id: tag-2\n        start: 2027-03-29 09:00\n        end: 2027-03-29 16:00\n"
    assert session in text
    course.write_text(text.replace(session, ""), encoding="utf-8")
    done = run(1, site / "content", cache, output)
    assert done.returncode != 0
    assert "data/courses/kurs.yml" in done.stderr and "„tag-2“" in done.stderr and "status: abgesagt" in done.stderr
    assert "pool started: read_git" in done.stderr  # the worker found it
