"""search_index: a Pagefind full-text index of the finished build (German stemming from <html lang>)."""

from pelican import signals

from .generator import SearchIndexGenerator, stop_indexing, wait_for_indexing


def get_generators(pelican) -> type[SearchIndexGenerator]:
    return SearchIndexGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(wait_for_indexing)


__all__ = ["register", "stop_indexing"]
