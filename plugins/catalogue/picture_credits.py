"""The credits page (Bildnachweis): every picture of the site with the pages that show it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sitedata.loader import Project
from sitedata.models import Image

from .links import Links
from .views import node_names


@dataclass(frozen=True)
class CreditUse:
    title: str
    url: str


@dataclass
class Credit:
    """One picture on the credits page (Bildnachweis): its credit line and every page showing it."""

    image: Image
    uses: list[CreditUse]


def picture_credits(project: Project, articles: Iterable, links: Links) -> list[Credit]:
    """Every picture of the site with the pages that show it, by credit line; ``articles``: Pelican's
    news items (with their URLs). Empty when the site has no pictures (then there is no such page)."""
    found: dict[tuple[str, str], Credit] = {}

    def add(image: Image | None, title: str, url: str) -> None:
        if image is not None:
            credit = found.setdefault((image.src, image.credit), Credit(image, []))
            credit.uses.append(CreditUse(title, url))

    names = node_names(project)
    add(project.network.share_image, "Vorschaubild beim Teilen der Seiten", "")
    for node_id, node in project.nodes.items():
        add(node.image, names.get(node_id, node.name), links.node(node_id))
    for article in articles:
        add(getattr(article, "image", None), article.title, article.url)
    return sorted(found.values(), key=lambda credit: (credit.image.credit, credit.image.src))


def has_pictures(project: Project) -> bool:
    return bool(
        project.network.share_image
        or any(node.image for node in project.nodes.values())
        or any(meta.image for meta in project.news.values())
    )
