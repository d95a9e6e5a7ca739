"""sitedata: validated YAML data and Markdown front matter for a network site."""

from pelican import signals

from .integration import add_reader, apply_project


def register() -> None:
    signals.initialized.connect(apply_project)
    signals.readers_init.connect(add_reader)
