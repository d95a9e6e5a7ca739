"""pipeline: the files made from the finished site (calendars, courses.json, feeds, sitemap, search
index), written after every page; the build driver behind ``invoke build`` (build.py) and what
the invoke tasks do (commands.py)."""

from pelican import signals


def get_generators(pelican):
    from .site_files import SiteFilesGenerator  # only when Pelican builds: tasks import commands.py alone

    return SiteFilesGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
