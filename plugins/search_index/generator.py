"""Index the pages in a process of its own while the other pages, calendars and feeds are written.

The indexer starts as soon as every page that can be searchable exists: parallel_render
renders the pages of templates that carry Pagefind's marker first and says when they are
written (``first_pages_written``), then renders the list pages while the indexer runs. Without
that signal (no such template) it starts when this generator's turn comes, after all pages.
A process, not a thread: the build forks (the render workers, the calendar writer and its
workers), which is only safe while it has one thread. The indexer is waited for when the build is
finalized, and its failure fails the build (``sitedata.background``).
"""

from __future__ import annotations

import functools
import subprocess
import sys
from pathlib import Path

from jinja2 import Environment, Template, meta
from parallel_render.writer import first_pages_written
from pelican.generators import Generator
from sitedata import background

from . import pagefind


@functools.cache
def renders_searchable(template: Template) -> bool:
    """Whether pages of ``template`` can carry Pagefind's marker (in it or a template it uses)."""
    environment, seen, todo = template.environment, set(), [template.name]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        marked, used = _read_template(environment, name)
        if marked:
            return True
        todo += used
    return False


@functools.cache
def _read_template(environment: Environment, name: str) -> tuple[bool, tuple[str, ...]]:
    """Whether the template's own source has the marker, and the templates it uses.

    Once per template: the base templates are reached from every page template, and parsing
    them again for each cost ~0.1 s of every build, just before the pages are rendered.
    """
    source = environment.loader.get_source(environment, name)[0]
    if pagefind.SEARCHABLE.decode() in source:
        return True, ()
    return False, tuple(used for used in meta.find_referenced_templates(environment.parse(source)) if used)


class SearchIndexGenerator(Generator):
    def generate_context(self) -> None:
        self.process: subprocess.Popen | None = None
        first_pages_written.connect(self._searchable_pages_written)

    def _searchable_pages_written(self, sender: object) -> None:
        self._start()

    def generate_output(self, writer) -> None:
        if self.process is None:
            self._start()

    def _start(self) -> None:
        first_pages_written.disconnect(self._searchable_pages_written)
        command = [sys.executable, pagefind.__file__, self.output_path]
        command += ["--pages-per-index", str(self.settings.get("SEARCH_PAGES_PER_INDEX", 500))]
        if self.settings.get("SEARCH_CACHE"):
            command += ["--cache", str(Path(self.settings["CACHE_PATH"]) / pagefind.BUNDLE)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        background.add(self)

    def stop(self) -> None:
        """A failed build: end the indexer before its output folder is removed."""
        if self.process is not None:
            self.process.kill()
            self.process.communicate()
            self.process = None

    def wait(self) -> None:
        if self.process is None:
            return
        _, errors = self.process.communicate()
        failed, self.process = self.process.returncode, None
        if failed:
            raise pagefind.SearchIndexError(errors.strip() or f"Pagefind indexer exited with {failed}")
