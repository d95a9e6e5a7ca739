"""Links from content/ and data/ into the site's own domain that lead to no page of the build.

A link to ``https://<site host>/anmeldung`` or to ``/anmeldung`` looks internal, so nobody
notices it is dead until a visitor clicks it. The build knows every file it wrote; this module
finds the links editors wrote and asks a predicate whether their path exists.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from .problems import Problem
from .yamlsource import Loc, dotted

if TYPE_CHECKING:
    from .loader import Project

# Markdown link targets: [text](target "title"), <https://…> autolinks and [ref]: target definitions.
_MARKDOWN_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)|<(https?://[^>\s]+)>|^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
FIX = "eine Seite, die die Website erzeugt (z. B. /kurse/), eine externe https://-Adresse oder mailto:"


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


def own_path(url: str, site_url: str) -> str | None:
    """The path of ``url`` inside the site, or None when it points elsewhere (or is only an #anchor)."""
    parts = urlsplit(url.strip())
    if parts.scheme in ("http", "https"):
        if _host(url) != _host(site_url):
            return None
    elif parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None  # mailto:, tel:, relative links and #anchors are not ours to resolve here
    return unquote(parts.path) or "/"


def page_exists(output: Path) -> Callable[[str], bool]:
    """Whether the built folder ``output`` serves ``path`` (a file, or a folder with index.html)."""

    def exists(path: str) -> bool:
        target = output / path.lstrip("/")
        return target.is_file() or (target / "index.html").is_file()

    return exists


def _data_links(project: Project) -> Iterator[tuple[str, Loc, str]]:
    net = project.network
    if net.contact.url:
        yield "data/network.yml", ("contact", "url"), net.contact.url
    for index, partner in enumerate(project.partners.values()):
        if partner.url:
            yield "data/partners.yml", ("partners", index, "url"), partner.url
    for node_id, node in project.nodes.items():
        if node.contact.url:
            yield f"data/nodes/{node_id}.yml", ("contact", "url"), node.contact.url
    for course_id, course in project.courses.items():
        registration = course.registration
        if registration is not None and registration.url:
            yield f"data/courses/{course_id}.yml", ("registration", "url"), registration.url


def _targets(body: str) -> Iterator[tuple[int, str]]:
    """Each link target in a Markdown body, with its index in the body."""
    for match in _MARKDOWN_TARGET.finditer(body):
        yield match.start(), next(group for group in match.groups() if group)


def _body_line(path: Path, body: str, index: int) -> int | None:
    """The file's line of ``body[index]`` (the body follows the front matter)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    start = text.find(body)
    return text.count("\n", 0, start) + body.count("\n", 0, index) + 1 if start >= 0 else None


def has_own_links(project: Project) -> bool:
    """Whether any link points into the site (only a build can tell which of them resolve)."""
    site_url = project.network.site_url
    links = [url for *_, url in _data_links(project)]
    links += [url for body in project.bodies.values() for _, url in _targets(body)]
    return any(own_path(url, site_url) is not None for url in links)


def dead_link_problems(project: Project, exists: Callable[[str], bool]) -> list[Problem]:
    """One located problem per link into the site's own domain whose page the build did not produce."""
    site_url, problems = project.network.site_url, []

    def dead(url: str) -> str | None:
        path = own_path(url, site_url)
        return None if path is None or exists(path) else path

    for display, loc, url in _data_links(project):
        if (path := dead(url)) is not None:
            doc = project.sources.get(display)
            line = doc.line_of(loc) if doc is not None else None
            problems.append(Problem(display, line, dotted(loc), _message(url, path), FIX))
    content = project.content_dir.relative_to(project.root).as_posix()
    for key, body in project.bodies.items():
        for index, url in _targets(body):
            if (path := dead(url)) is not None:
                line = _body_line(project.content_dir / key, body, index)  # read only for a dead link
                problems.append(Problem(f"{content}/{key}", line, "Text", _message(url, path), FIX))
    return problems


def _message(url: str, path: str) -> str:
    return f"Link „{url}“ zeigt auf diese Website, aber die Seite „{path}“ gibt es dort nicht"
