"""Connect the validated project to Pelican: checked settings, facts from data/, the project, our reader."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

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
    settings["CACHE_PATH"] = str(cache_folder(settings, [Path(p) for p in settings.get("PLUGIN_PATHS", [])]))


def add_reader(readers) -> None:
    for extension in FrontMatterReader.file_extensions:
        readers.reader_classes[extension] = FrontMatterReader


def share_project(generator) -> None:
    """Validate content/ and data/ once, when the first generator is made (before anything is
    read or written), and share the project: with every generator and template through the
    context, and with our reader. Invalid input raises ``DataProblems`` listing every mistake."""
    context = generator.context
    if PROJECT not in context:
        context[PROJECT] = load_project_of(generator.settings)
    for reader in generator.readers.readers.values():
        if isinstance(reader, FrontMatterReader):
            reader.project = context[PROJECT]
