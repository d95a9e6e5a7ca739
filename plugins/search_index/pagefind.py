"""Run the Pagefind indexer over the output folder once every page is written."""

from __future__ import annotations

import subprocess
import sys


class SearchIndexError(RuntimeError):
    pass


def build_index(pelican) -> None:
    # The pagefind[bin] wheel ships the indexer binary; nothing is downloaded at build time.
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(pelican.output_path), "--silent"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise SearchIndexError(f"Pagefind failed: {result.stderr.strip() or result.stdout.strip()}")
