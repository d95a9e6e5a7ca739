"""pipeline: the files made from the finished site (calendars, courses.json, feeds, sitemap, search
index), written after every page, and the build driver behind ``invoke build`` (build.py)."""

from pelican import signals

from .site_files import SiteFilesGenerator


def get_generators(pelican) -> type[SiteFilesGenerator]:
    return SiteFilesGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
