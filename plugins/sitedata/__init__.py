"""sitedata: validated YAML data and Markdown front matter for a network site."""

from pelican import signals

from . import background
from .integration import add_reader, apply_project, keep_urls


def register() -> None:
    signals.initialized.connect(apply_project)
    signals.readers_init.connect(add_reader)
    signals.content_object_init.connect(keep_urls)
    signals.finalized.connect(background.wait_all)
