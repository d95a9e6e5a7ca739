"""parallel_render: render every page on all cores once the template context is complete."""

from pelican import signals

from .generator import PageRenderer
from .writer import DeferredWriter, render_pending, start_prelinking


def get_writer(pelican) -> type[DeferredWriter]:
    return DeferredWriter


def get_generators(pelican) -> type[PageRenderer]:
    return PageRenderer


def register() -> None:
    signals.get_writer.connect(get_writer)
    signals.get_generators.connect(get_generators)
    signals.initialized.connect(start_prelinking)
    # A safety net for pages asked for after PageRenderer's turn: rendered before the build ends.
    signals.finalized.connect(render_pending)
