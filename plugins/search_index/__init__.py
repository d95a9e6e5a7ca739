"""search_index: a Pagefind full-text index of the finished build (German stemming from <html lang>)."""

from parallel_render.writer import RENDER_FIRST
from pelican import signals

from .generator import SearchIndexGenerator, renders_searchable


def render_searchable_first(pelican) -> None:
    pelican.settings[RENDER_FIRST] = renders_searchable


def get_generators(pelican) -> type[SearchIndexGenerator]:
    return SearchIndexGenerator


def register() -> None:
    signals.initialized.connect(render_searchable_first)
    signals.get_generators.connect(get_generators)
