"""newsfeeds: Atom and RSS feeds for news (all, per node, per topic) and for new courses."""

from pelican import signals

from .generator import NewsFeedGenerator


def get_generators(pelican) -> type[NewsFeedGenerator]:
    return NewsFeedGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
