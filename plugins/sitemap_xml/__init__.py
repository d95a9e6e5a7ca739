"""sitemap_xml: sitemap.xml and robots.txt for every HTML page of the finished build."""

from pelican import signals

from .sitemap import write_sitemap


def register() -> None:
    signals.finalized.connect(write_sitemap)
