"""Connect the validated project to Pelican: settings from data/, our Markdown reader."""

from __future__ import annotations

import datetime as dt

from .loader import project_for
from .reader import FrontMatterReader


def today(settings: dict) -> dt.date:
    value = settings.get("TODAY")
    if value is None:
        return dt.date.today()
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def apply_project(pelican) -> None:
    """Network facts are written once, in data/network.yml; Pelican's settings follow them."""
    settings = pelican.settings
    network = project_for(settings).network
    settings["SITENAME"] = network.name
    settings["TIMEZONE"] = network.timezone
    settings["TODAY"] = today(settings)
    if settings.get("SITEURL_FROM_NETWORK"):
        settings["SITEURL"] = network.site_url.rstrip("/")


def add_reader(readers) -> None:
    for extension in FrontMatterReader.file_extensions:
        readers.reader_classes[extension] = FrontMatterReader
