"""catalogue: pages for the network, its nodes, courses and topics, and German template filters."""

from pelican import signals

from .filters import register_filters
from .generator import CatalogueGenerator


def add_filters(pelican) -> None:
    register_filters(pelican.settings)


def get_generators(pelican) -> type[CatalogueGenerator]:
    return CatalogueGenerator


def register() -> None:
    signals.initialized.connect(add_filters)
    signals.get_generators.connect(get_generators)
