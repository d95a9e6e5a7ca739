"""search_index: a Pagefind full-text index of the finished build (German stemming from <html lang>)."""

from pelican import signals

from .pagefind import build_index


def register() -> None:
    signals.finalized.connect(build_index)
