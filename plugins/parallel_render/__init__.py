"""parallel_render: render every page on all cores once the template context is complete."""

from pelican import signals

from .writer import DeferredWriter, render_pending


def get_writer(pelican) -> type[DeferredWriter]:
    return DeferredWriter


def register() -> None:
    signals.get_writer.connect(get_writer)
    # First in PLUGINS, so the pages exist before the sitemap and search plugins read them.
    signals.finalized.connect(render_pending)
