"""Write sitemap.xml and robots.txt from the HTML files in the output folder.

Walking the finished output (instead of Pelican's content_written signal) includes every
page, whichever generator wrote it. No lastmod: a build date would change the file on
every build, and the pages carry their own dates.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from xml.sax.saxutils import escape

from sitedata.folders import files_below

EXCLUDED = {"404.html"}
SKIPPED_FOLDERS = {"theme", "pagefind"}


def page_urls(output: Path, base: str, skipped: Collection[str] = ()) -> list[str]:
    """``skipped``: files that are not pages of their own (redirects to a page)."""
    pages = files_below(output, ".html", SKIPPED_FOLDERS)
    skipped = EXCLUDED.union(skipped)
    return [base + page.removesuffix("index.html") for page in pages if page not in skipped]


def write_sitemap(output: Path, site_url: str, skipped: Collection[str] = ()) -> None:
    base = site_url.rstrip("/") + "/"
    entries = "".join(f"  <url><loc>{escape(url)}</loc></url>\n" for url in page_urls(output, base, skipped))
    (output / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "</urlset>\n",
        encoding="utf-8",
    )
    (output / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n", encoding="utf-8")
