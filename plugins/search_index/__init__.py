"""search_index: a Pagefind full-text index of the finished build (German stemming from <html lang>)."""

from pelican import signals

from .generator import SearchIndexGenerator


def get_generators(pelican) -> type[SearchIndexGenerator]:
    return SearchIndexGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
