"""sitedata: validated YAML data and Markdown front matter for a network site."""

from pelican import signals

from . import background
from .content_cache import ContentCache
from .integration import add_reader, apply_project, keep_urls


def register() -> None:
    signals.initialized.connect(apply_project)
    signals.readers_init.connect(add_reader)
    signals.content_object_init.connect(keep_urls)
    signals.article_generator_init.connect(ContentCache.attach)
    signals.page_generator_init.connect(ContentCache.attach)
    signals.finalized.connect(background.wait_all)
