"""The site's sections, named once: the main menu (base.html), and „Sie sind hier“: Start › section ›
this page, on every page below home (_breadcrumbs.html), with the same trail as a schema.org
BreadcrumbList for search engines (structured.py)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape
from sitedata.network_model import Network

from .links import Links


@dataclass(frozen=True)
class Breadcrumbs:
    menu: tuple[tuple[str, str], ...]  # the main menu's sections in order: (site-relative URL, name)
    sections: dict[str, str]  # a section's first URL segment → its name: the menu's and the search page
    network_name: str

    @classmethod
    def of(cls, network: Network, links: Links) -> Breadcrumbs:
        menu = [(links.news, "Aktuelles"), (links.courses, "Kurse und Termine")]
        if network.office_label:
            menu.append((links.nodes, network.office_label.plural))
        menu += [(links.topics, "Themen"), (links.network, f"Über {network.name}")]
        sections = {url.strip("/"): name for url, name in (*menu, (links.search, "Suche"))}
        return cls(tuple(menu), sections, network.name)

    def trail(self, path: str, title: str | Markup) -> list[tuple[str | Markup, str]]:
        """(label, site-relative path) from the home page to the page at ``path``, whose <title>
        is ``title``. The section is the first segment of the page's own URL, so no template has to
        declare its place; a section's own page is named as the section."""
        first, *rest = path.strip("/").split("/")
        section = self.sections.get(first)
        if section and not rest:
            return [("Start", ""), (section, path)]
        trail = [("Start", "")]
        if section:
            trail.append((section, f"{first}/"))
        # The page's <title> ends in the network's name, which the trail's start already stands for
        # (escaped as the title is: „F&E“ is „F&amp;E“ in markup).
        suffix = f" – {self.network_name}"
        trail.append((title.rsplit(escape(suffix) if isinstance(title, Markup) else suffix, 1)[0], path))
        return trail
