"""sitedata: validated YAML data and Markdown front matter for a network site."""

from pelican import signals

from .integration import (
    add_reader,
    configure,
    content_made,
    publish_rasters_ourselves,
    refuse_foreign_statics,
    share_project,
    stop_prerendering,
)


def register() -> None:
    signals.initialized.connect(configure)
    signals.readers_init.connect(add_reader)
    signals.generator_init.connect(share_project)
    signals.content_object_init.connect(content_made)
    signals.article_generator_finalized.connect(stop_prerendering)
    signals.static_generator_finalized.connect(refuse_foreign_statics)
    signals.static_generator_finalized.connect(publish_rasters_ourselves)
