"""Links from content/ and data/ into the site's own domain that lead to no page of the build.

A link to ``https://<site host>/anmeldung`` or to ``/anmeldung`` looks internal, so nobody
notices it is dead until a visitor clicks it. The build knows every file it wrote; this module
finds the links editors wrote and asks a predicate whether their path exists.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from .problems import Problem
from .yamlsource import Loc, dotted

if TYPE_CHECKING:
    from .loader import Project

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
    links += [url for targets in project.body_links.values() for _, url in targets]
    return any(own_path(url, site_url) is not None for url in links)


def dead_link_problems(project: Project, exists: Callable[[str], bool]) -> list[Problem]:
    """One located problem per link into the site's own domain whose page the build did not produce."""
    site_url, problems = project.network.site_url, []

    @cache  # news items link to the same pages (courses, nodes) over and over
    def dead(url: str) -> str | None:
        path = own_path(url, site_url)
        return None if path is None or exists(path) else path

    for display, loc, url in _data_links(project):
        if (path := dead(url)) is not None:
            doc = project.sources.get(display)
            line = doc.line_of(loc) if doc is not None else None
            problems.append(Problem(display, line, dotted(loc), _message(url, path), FIX))
    content = project.content_dir.relative_to(project.root).as_posix()
    for key, targets in project.body_links.items():
        for index, url in targets:
            if (path := dead(url)) is not None:
                line = _body_line(project.content_dir / key, project.bodies[key], index)  # read only for a dead link
                problems.append(Problem(f"{content}/{key}", line, "Text", _message(url, path), FIX))
    return problems


def _message(url: str, path: str) -> str:
    return f"Link „{url}“ zeigt auf diese Website, aber die Seite „{path}“ gibt es dort nicht"


# Pelican's own link placeholders: {filename} for a news item or page, {static} (or {attach}) for a file.
_PLACEHOLDER = re.compile(r"\{(filename|static|attach)\}([^?#]*)")
PLACEHOLDER_FIX = (
    "den Dateinamen unter content/ angeben, z. B. {filename}/news/2024-03-01-eroeffnung.md für eine Meldung "
    "oder {static}/images/foto.jpg für ein Bild"
)
HELD_BACK_FIX = "den Link erst setzen, wenn sie erschienen ist, oder beide am selben Tag veröffentlichen"


def placeholder_link_problems(project: Project, today: dt.date) -> list[Problem]:
    """Pelican's {filename}, {static} and {attach} links: each to a file that is there and, from a
    published text, never to a news item or page that is not published yet (its link would lead
    nowhere on the site). Pelican itself only warns, in English and without a line."""
    content, problems = project.content_dir.relative_to(project.root).as_posix(), []
    for key, targets in project.body_links.items():
        for index, url in targets:
            match = _PLACEHOLDER.match(url)
            if match is None:
                continue
            kind, path = match.groups()
            target = path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(key), path)
            target = unquote(posixpath.normpath(target))
            problem = _placeholder_problem(project, key, kind, target, today)
            if problem is not None:
                line = _body_line(project.content_dir / key, project.bodies[key], index)
                problems.append(Problem(f"{content}/{key}", line, "Text", f"Link „{url}“ {problem[0]}", problem[1]))
    return problems


def _placeholder_problem(project: Project, key: str, kind: str, target: str, today: dt.date) -> tuple[str, str] | None:
    """(message, fix) for one placeholder link, or None when it will lead to its page or file."""
    if kind == "attach":
        # {attach} moves the file beside the page; pictures here are published by the build (images.py).
        return "verwendet {attach}, das diese Website nicht unterstützt", "{static} statt {attach} schreiben"
    content = project.content_dir.relative_to(project.root).as_posix()
    is_text = target in project.news or target in project.pages
    if not is_text and not (project.content_dir / target).is_file():
        return f"zeigt auf „{content}/{target}“, aber die Datei gibt es nicht", PLACEHOLDER_FIX
    if kind == "filename" and not is_text:
        return "zeigt mit {filename} auf eine Datei, die keine Meldung und keine Seite ist", (
            "für Bilder und andere Dateien {static} statt {filename} schreiben"
        )
    if not is_text or not _published(project, key, today):
        return None  # a file, or a link from a text that is not published itself (preview only)
    if not _published(project, target, today):
        meta = project.news.get(target) or project.pages[target]
        if meta.status == "draft":
            return "zeigt auf einen Entwurf (status: draft), der nicht veröffentlicht wird", HELD_BACK_FIX
        return f"zeigt auf eine Meldung, die erst am {meta.date:%d.%m.%Y} erscheint", HELD_BACK_FIX
    return None


def _published(project: Project, key: str, today: dt.date) -> bool:
    """Whether the published build writes this news item or page (drafts and news still to come it holds back)."""
    if key in project.news:
        meta = project.news[key]
        return meta.status != "draft" and meta.date <= today
    return key in project.pages and project.pages[key].status != "draft"
