"""Run the Pagefind indexer over the output folder once every page is written.

The index depends only on the HTML files and the indexer's version, so a finished index is
kept in CACHE_PATH/pagefind under a hash of both; a build whose pages did not change copies
it instead of indexing again (the warm/cold test proves the bytes are the same).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import shutil
import subprocess
import sys
from pathlib import Path

BUNDLE = "pagefind"  # Pagefind's output folder inside the site


class SearchIndexError(RuntimeError):
    pass


def _pages_digest(site: Path) -> str:
    digest = hashlib.sha256(importlib.metadata.version("pagefind").encode())
    for page in sorted(site.rglob("*.html")):
        digest.update(page.relative_to(site).as_posix().encode() + b"\0" + page.read_bytes() + b"\0")
    return digest.hexdigest()


def build_index(pelican) -> None:  # pelican: the Pelican instance
    site = Path(pelican.output_path)
    settings = pelican.settings
    cached = Path(settings["CACHE_PATH"]) / "pagefind" / _pages_digest(site) if settings.get("SEARCH_CACHE") else None
    if cached is not None and cached.is_dir():
        shutil.copytree(cached, site / BUNDLE)
        return
    # The pagefind[bin] wheel ships the indexer binary; nothing is downloaded at build time.
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise SearchIndexError(f"Pagefind failed: {result.stderr.strip() or result.stdout.strip()}")
    if cached is not None:
        # Keep only the newest index: an older one can never match again after pages changed.
        shutil.rmtree(cached.parent, ignore_errors=True)
        shutil.copytree(site / BUNDLE, cached)
