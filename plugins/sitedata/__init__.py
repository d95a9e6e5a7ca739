"""sitedata: validated YAML data and Markdown front matter for a network site."""

from pelican import signals

from . import background
from .content_cache import ContentCache
from .integration import add_reader, apply_project, cache_compiled_templates, keep_urls


def register() -> None:
    signals.initialized.connect(apply_project)
    signals.readers_init.connect(add_reader)
    signals.content_object_init.connect(keep_urls)
    signals.article_generator_init.connect(ContentCache.attach)
    signals.page_generator_init.connect(ContentCache.attach)
    signals.generator_init.connect(cache_compiled_templates)
    signals.initialized.connect(wait_for_background_jobs_last)


def wait_for_background_jobs_last(pelican) -> None:
    """Connected once every plugin has registered: Pelican calls ``finalized`` receivers in the
    order they were connected, so the other plugins' last steps (the sitemap) run while the
    search indexer and the calendar writer are still at work."""
    signals.finalized.connect(background.wait_all)
