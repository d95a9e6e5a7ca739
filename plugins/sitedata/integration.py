"""Connect the validated project to Pelican: checked settings, facts from data/, the project, our reader."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2
from pelican.contents import Article, Page

from .buildcache import Entries
from .loader import data_path, load_network, load_project_of
from .reader import FrontMatterReader
from .settings import cache_folder, check_settings

PROJECT = "project"  # the template context's name for the validated project


def today(settings: dict) -> dt.date:
    value = settings.get("TODAY")
    if value is None:
        return dt.date.today()
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def configure(pelican) -> None:
    """Check the settings; network facts are written once, in data/network.yml, and Pelican's follow them."""
    settings = pelican.settings
    check_settings(settings)
    settings["TODAY"] = today(settings)
    network = load_network(data_path(settings))
    if network is not None:  # else the project's validation reports what is wrong with it
        settings["SITENAME"] = network.name
        settings["TIMEZONE"] = network.timezone
        if settings.get("SITEURL_FROM_NETWORK"):
            settings["SITEURL"] = network.site_url.rstrip("/")
    folder = cache_folder(settings, [Path(p) for p in settings.get("PLUGIN_PATHS", [])])
    settings["CACHE_PATH"] = str(folder)
    # Compiled templates too: each of Pelican's generators compiles the templates it uses in an
    # environment of its own. Jinja checks each entry against its template's source.
    (folder / "templates").mkdir(parents=True, exist_ok=True)
    settings["JINJA_ENVIRONMENT"] = {
        **settings["JINJA_ENVIRONMENT"],
        "bytecode_cache": jinja2.FileSystemBytecodeCache(str(folder / "templates")),
    }


def add_reader(readers) -> None:
    for extension in FrontMatterReader.file_extensions:
        readers.reader_classes[extension] = FrontMatterReader


def keep_urls(content) -> None:
    """Keep a news item's or page's URL and file name once they are known.

    Pelican works both out again from its settings on every access, and lists, links, feeds
    and the sitemap ask tens of thousands of times in a large build. They are final when the
    object is made, so they are kept as Pelican's own ``override_`` values, which it reads
    first. Static files are left alone: an ``{attach}`` link may still move them.
    """
    if isinstance(content, Article | Page):
        content.override_url = content.url
        content.override_save_as = content.save_as


def share_project(generator) -> None:
    """Validate content/ and data/ once, when the first generator is made (before anything is
    read or written), and share the project: with every generator and template through the
    context, and with our reader. Invalid input raises ``DataProblems`` listing every mistake."""
    context = generator.context
    if PROJECT not in context:
        sources = Entries(Path(generator.settings["CACHE_PATH"]), "sources")
        context[PROJECT] = load_project_of(generator.settings, sources)
    for reader in generator.readers.readers.values():
        if isinstance(reader, FrontMatterReader):
            reader.project = context[PROJECT]
