"""Index the pages in a process of its own while calendars and feeds are written.

Listed after parallel_render in PLUGINS, so every page exists when this generator's turn
comes; the calendar and feed generators after it write no pages. A process, not a thread:
those generators fork worker processes, which is only safe while the build has one thread.
The indexer is waited for when the build is finalized, and its failure fails the build
(``sitedata.background``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pelican.generators import Generator
from sitedata import background

from . import pagefind


class SearchIndexGenerator(Generator):
    def generate_context(self) -> None:
        self.process: subprocess.Popen | None = None

    def generate_output(self, writer) -> None:
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
