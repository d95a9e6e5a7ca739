"""Work on both cores (Markdown ahead, the catalogue's pages in a forked worker) changes no byte.

The thresholds keep small sites in one process; here they are lowered so that a small site is
built both ways, each in a process of its own as ``invoke build`` runs.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO, TODAY, copy_fixture, tree_digest

pytestmark = pytest.mark.slow

SCRIPT = """
import sys
from pathlib import Path
sys.path[:0] = [{plugins!r}]
import catalogue.generator, sitedata.prerender
from pelican.settings import read_settings
from pipeline.build import build
import sitedata.forked
catalogue.generator.PARALLEL_FROM = sitedata.prerender.PARALLEL_FROM = {threshold}
pools = []
start = sitedata.forked.ForkedPool.__init__
sitedata.forked.ForkedPool.__init__ = lambda self, *args, **kwargs: (pools.append(args), start(self, *args, **kwargs))[1]
settings = read_settings({conf!r}, override={{"PATH": {content!r}, "TODAY": {today!r}, "CACHE_PATH": {cache!r}}})
build(settings, Path({output!r}))
print(len(pools))
"""


def run(threshold: int, content, cache, output) -> subprocess.CompletedProcess:
    script = SCRIPT.format(
        plugins=str(REPO / "plugins"),
        threshold=threshold,
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

    def built(name: str, threshold: int) -> dict[str, str]:
        output = tmp_path / name
        done = run(threshold, made.network / "content", tmp_path / f"{name}-cache", output)
        assert done.returncode == 0, done.stderr
        # Markdown and the catalogue's pages above the thresholds; the search index always.
        assert done.stdout.strip() == ("3" if threshold == 1 else "1"), "worker pools started"
        return tree_digest(output)

    parallel = built("parallel", 1)
    assert parallel == built("one-process", 10**9)
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


@pytest.mark.parametrize("threshold", [1, 10**9], ids=["parallel", "one-process"])
@pytest.mark.parametrize("case", [PAGE_WHERE_THE_CATALOGUE_WRITES, BROKEN_LINK_IN_NEWS], ids=["twice", "broken link"])
def test_a_failure_while_the_worker_writes_fails_the_build_and_leaves_nothing(case, threshold, tmp_path):
    path, text, named = case
    site = copy_fixture("minimal", tmp_path / "site")
    (site / path).write_text(text, encoding="utf-8")
    done = run(threshold, site / "content", tmp_path / "cache", tmp_path / "output")
    assert done.returncode != 0
    assert named in done.stderr
    assert not (tmp_path / "output").exists()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".output") and p.suffix != ".lock"]
