"""Write sitemap.xml and robots.txt from the HTML files in the output folder.

Walking the finished output (instead of Pelican's content_written signal) includes every
page, whichever generator wrote it. No lastmod: a build date would change the file on
every build, and the pages carry their own dates.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from sitedata.loader import project_for

EXCLUDED = {"404.html"}


def page_urls(output: Path, base: str) -> list[str]:
    urls = []
    for path in sorted(output.rglob("*.html")):
        relative = path.relative_to(output).as_posix()
        if relative in EXCLUDED or relative.split("/")[0] in {"theme", "pagefind"}:
            continue
        urls.append(base + relative.removesuffix("index.html"))
    return urls


def write_sitemap(pelican) -> None:
    output = Path(pelican.output_path)
    base = project_for(pelican.settings).network.site_url.rstrip("/") + "/"
    entries = "".join(f"  <url><loc>{escape(url)}</loc></url>\n" for url in page_urls(output, base))
    (output / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "</urlset>\n",
        encoding="utf-8",
    )
    (output / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n", encoding="utf-8")
