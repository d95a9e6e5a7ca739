"""Load data/ and the front matter of content/ into one validated ``Project``.

Nothing is written and nothing is rendered here: ``load_project`` either returns
a consistent project or raises ``DataProblems`` listing every mistake at once.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from . import frontmatter
from .buildcache import Entries, key
from .checks import check_project
from .course_model import Course
from .images import Measured
from .located import removal_message
from .markdown_text import STANDARD_MARKDOWN, MarkupCheck, link_targets
from .messages import described, problems_from_validation
from .models import ID_PATTERN, MAX_MARKDOWN_LINES, NewsMeta, PageMeta
from .network_model import Network, Partner, Partners, Topic, Topics
from .place_model import Node, Venue
from .problems import DataProblems, Problem, visible
from .sourcetree import SourceTree, folders_outside, ignored
from .yamlsource import MAX_FILE_BYTES, YamlDocument, parse_yaml, read_text

M = TypeVar("M", bound=BaseModel)

DATA_SUFFIX = ".yml"
CONTENT_SUFFIX = ".md"
NEWS_DIR = "news"
PAGES_DIR = "pages"


@dataclass
class Project:
    """Everything the site is built from, validated and cross-checked."""

    root: Path
    content_dir: Path
    data_dir: Path
    network: Network
    partners: dict[str, Partner]
    topics: dict[str, Topic]
    nodes: dict[str, Node]
    venues: dict[str, Venue]  # places that are not nodes (data/venues/)
    courses: dict[str, Course]
    news: dict[str, NewsMeta]  # key: path relative to content_dir, e.g. "news/2024-03-01-eroeffnung.md"
    pages: dict[str, PageMeta]
    bodies: dict[str, str] = field(default_factory=dict, repr=False)  # Markdown below the front matter, same keys
    # Each body's link targets with their index (for ownlinks.py), found when the file was read.
    body_links: dict[str, list[tuple[int, str]]] = field(default_factory=dict, repr=False)
    sources: dict[str, YamlDocument] = field(default_factory=dict, repr=False)  # by path as editors know it
    unvalidated: set[str] = field(default_factory=set)  # ids of node/venue/course files that failed validation
    images: dict[str, Measured] = field(default_factory=dict)  # the editors' images by src, once checked


def editor_path(path: Path, root: Path) -> str:
    """The path as editors know it, relative to the site root (``root``)."""
    # A string prefix test: Path.relative_to, several times per file, was ~0.4 s at 6,000 files.
    text, prefix = str(path), os.path.join(root, "")
    return text[len(prefix) :].replace(os.sep, "/") if text.startswith(prefix) else path.as_posix()


class _Reader:
    """Collects problems while reading files relative to one site root.

    ``cache``: files read without any problem in an earlier build, as (document, record, body, links)
    under a key of the file's bytes, its path and the model; a file with the same key is taken
    from there instead of being parsed and validated again (the cross-file checks always run).
    ``markup``: what the sanitiser would remove from a body (the cache only holds bodies without).
    """

    def __init__(self, root: Path, cache: Entries | None = None, markup: MarkupCheck | None = None) -> None:
        self.root = root
        self.cache = cache
        self.markup = markup or MarkupCheck(STANDARD_MARKDOWN)
        self.problems: list[Problem] = []
        self.sources: dict[str, YamlDocument] = {}
        self.unvalidated: set[str] = set()
        self.bodies: dict[Path, str] = {}
        self.links: dict[Path, list[tuple[int, str]]] = {}  # each body's link targets
        self.refused: set[Path] = set()  # already reported by the source tree's check

    def load(self, path: Path, model: type[M], front_matter: bool = False) -> M | None:
        """Read, parse and validate one file (data, or the front matter of a Markdown file)."""
        display, entry = self.display(path), None
        if path in self.refused:
            return None
        if self.cache is not None:
            try:
                with open(path, "rb") as file:
                    data = file.read(MAX_FILE_BYTES + 1)
                entry = key(model.__name__, display, data) if len(data) <= MAX_FILE_BYTES else None
            except OSError:
                entry = None  # reported when the file is read below
            cached = self.cache.get(entry) if entry else None
            if cached is not None:
                self.sources[display], record, body, links = cached
                if front_matter:
                    self.bodies[path], self.links[path] = body, links
                return record
        before = len(self.problems)
        record = self.validate(model, self.front_matter(path) if front_matter else self.document(path))
        if entry and record is not None and len(self.problems) == before:
            self.cache.put(entry, (self.sources[display], record, self.bodies.get(path), self.links.get(path)))
        return record

    def display(self, path: Path) -> str:
        return editor_path(path, self.root)

    def document(self, path: Path) -> YamlDocument | None:
        display = self.display(path)
        text = read_text(path, display, self.problems)
        if text is None:
            return None
        doc = parse_yaml(text, display, self.problems)
        if doc is not None:
            self.sources[display] = doc
        return doc

    def front_matter(self, path: Path) -> YamlDocument | None:
        display = self.display(path)
        text = read_text(path, display, self.problems)
        if text is None:
            return None
        parts = frontmatter.split(text)
        if parts is None:
            self.problems.append(
                Problem(
                    display,
                    1,
                    "",
                    "Kopfbereich (Front Matter) fehlt",
                    "die Datei beginnt mit einer Zeile „---“, darunter title, date, … und wieder eine Zeile „---“",
                )
            )
            return None
        doc = parse_yaml(parts.yaml_text, display, self.problems, line_offset=parts.line_offset)
        if doc is not None:
            self.sources[display] = doc
        self.bodies[path] = parts.body
        body_line = parts.line_offset + parts.yaml_text.count("\n") + 3  # opening and closing "---"
        if (lines := parts.body.count("\n") + 1) > MAX_MARKDOWN_LINES:
            self.problems.append(
                Problem(
                    display,
                    body_line + MAX_MARKDOWN_LINES,
                    "",
                    *described("markdown_lines", f"{lines:,}".replace(",", ".")),
                )
            )
            return None
        for index, removal in self.markup.removals(parts.body):
            self.problems.append(Problem(display, body_line + index, "", *removal_message(removal)))
        self.links[path] = link_targets(parts.body)
        return doc

    def validate(self, model: type[M], doc: YamlDocument | None) -> M | None:
        if doc is None:
            return None
        display = doc.display
        if not isinstance(doc.data, dict):
            self.problems.append(
                Problem(
                    display,
                    doc.line_of(()) or 1,
                    "",
                    "Datei enthält keine Schlüssel mit Werten",
                    "Angaben in der Form „schluessel: wert“",
                )
            )
            return None
        try:
            return model.model_validate(doc.data)
        except ValidationError as error:
            self.problems.extend(problems_from_validation(error, model, doc, display))
            return None

    def files(self, folder: Path, suffix: str) -> list[Path]:
        """The files of one kind in a folder; anything else there is reported, not ignored."""
        if not folder.is_dir():
            return []
        found = []
        with os.scandir(folder) as scan:  # thousands of news: no stat or pathlib sorting per file
            entries = sorted(scan, key=lambda entry: entry.name)
        for entry in entries:
            path = folder / entry.name
            if ignored(entry.name) or path in self.refused:
                continue
            if path.suffix != suffix or not entry.is_file():
                self.problems.append(
                    Problem(
                        self.display(path),
                        None,
                        "",
                        "Datei wird nicht gelesen",
                        f"eine Datei mit der Endung „{suffix}“ (Kleinbuchstaben)",
                    )
                )
            elif not re.match(ID_PATTERN, path.stem):
                self.problems.append(
                    Problem(
                        self.display(path),
                        None,
                        "",
                        f"Dateiname „{path.stem}“ ist keine gültige Kennung",
                        "Kleinbuchstaben, Ziffern und Bindestriche, ohne Umlaute und "
                        "Leerzeichen, z. B. „wasserstoff-grundlagen.yml“",
                    )
                )
            else:
                found.append(path)
        return found

    def records(self, folder: Path, model: type[M]) -> dict[str, M]:
        records = {}
        for path in self.files(folder, DATA_SUFFIX):
            record = self.load(path, model)
            if record is None:
                self.unvalidated.add(path.stem)
            else:
                record._id = path.stem
                records[path.stem] = record
        return records


def load_project(
    content_dir: Path,
    data_dir: Path,
    cache: Entries | None = None,
    markdown_settings: dict | None = None,
    static_dirs: Sequence[str] = ("images",),
    news_found: Callable[[dict[str, Path]], None] | None = None,
) -> Project:
    """Read and validate everything; raise ``DataProblems`` listing every mistake.

    ``cache`` keeps the files that had no problems between builds (see ``_Reader``);
    ``markdown_settings``: Pelican's MARKDOWN, to find what the sanitiser would remove.
    ``static_dirs``: the folders of content/ that are published as they are (STATIC_PATHS).
    ``news_found``: told the news files (by key) that passed the source check, before any file
    is parsed, so that their Markdown can be rendered meanwhile (prerender.py).
    """
    if outside := folders_outside(content_dir, data_dir):
        raise DataProblems(outside)
    content_dir, data_dir = content_dir.resolve(), data_dir.resolve()
    root = Path(os.path.commonpath([content_dir, data_dir]))
    reader = _Reader(root, cache, MarkupCheck(markdown_settings or STANDARD_MARKDOWN))
    tree = SourceTree(content_dir, data_dir, static_dirs, reader.display)
    reader.problems.extend(tree.problems)
    reader.refused = tree.refused  # reported once, never read
    # A record whose file name was refused (e.g. a zero-width space in it) is reported there, not
    # again at every reference to it.
    reader.unvalidated.update("".join(ch for ch in path.stem if visible(ch) == ch) for path in tree.refused)
    try:
        return _load(reader, content_dir, data_dir, news_found)
    finally:
        if cache is not None:
            cache.save()


def _load(
    reader: _Reader, content_dir: Path, data_dir: Path, news_found: Callable[[dict[str, Path]], None] | None
) -> Project:
    root = reader.root
    news_files = {f"{NEWS_DIR}/{path.name}": path for path in reader.files(content_dir / NEWS_DIR, CONTENT_SUFFIX)}
    if news_found is not None:
        news_found(news_files)

    network_path = data_dir / "network.yml"
    if not network_path.is_file():
        raise DataProblems(
            [
                *reader.problems,
                Problem(
                    reader.display(network_path),
                    None,
                    "",
                    "Datei fehlt",
                    "data/network.yml mit den Angaben zum Netzwerk",
                ),
            ]
        )
    network = reader.load(network_path, Network)
    partners = _listed(reader, data_dir / "partners.yml", Partners, "partners")
    topics = _listed(reader, data_dir / "topics.yml", Topics, "topics")
    nodes = reader.records(data_dir / "nodes", Node)
    venues = reader.records(data_dir / "venues", Venue)
    courses = reader.records(data_dir / "courses", Course)
    news = _front_matters(reader, news_files, NewsMeta)
    pages_dir = content_dir / PAGES_DIR
    pages = _front_matters(
        reader, {f"{PAGES_DIR}/{path.name}": path for path in reader.files(pages_dir, CONTENT_SUFFIX)}, PageMeta
    )

    lists_broken = any(
        p.path in (reader.display(data_dir / "partners.yml"), reader.display(data_dir / "topics.yml"))
        for p in reader.problems
    )
    if network is None or lists_broken:
        # Without the network, partners or topics every reference would look wrong: stop here.
        raise DataProblems(reader.problems)

    project = Project(
        root=root,
        content_dir=content_dir,
        data_dir=data_dir,
        network=network,
        partners={p.id: p for p in partners},
        topics={t.id: t for t in topics},
        nodes=dict(sorted(nodes.items(), key=lambda item: (item[1].order, item[1].name))),
        venues=dict(sorted(venues.items(), key=lambda item: item[1].name)),
        courses=courses,
        news=news,
        pages=pages,
        sources=reader.sources,
        unvalidated=reader.unvalidated,
        bodies={key: reader.bodies[content_dir / key] for key in (*news, *pages)},
        body_links={key: reader.links[content_dir / key] for key in (*news, *pages)},
    )
    problems = reader.problems + check_project(project, reader.display, reader.markup)
    if problems:
        raise DataProblems(problems)
    return project


def _listed(reader: _Reader, path: Path, model: type[Partners] | type[Topics], key: str) -> list:
    if not path.is_file():
        reader.problems.append(Problem(reader.display(path), None, "", "Datei fehlt", f"eine Liste unter „{key}:“"))
        return []
    parsed = reader.load(path, model)
    return getattr(parsed, key) if parsed is not None else []


def _front_matters(reader: _Reader, files: dict[str, Path], model: type[M]) -> dict[str, M]:
    found = {}
    for name, path in files.items():
        meta = reader.load(path, model, front_matter=True)
        if meta is not None:
            found[name] = meta
    return found


def data_path(settings: dict) -> Path:
    """DATA_PATH, relative to the folder that holds the content folder (the site root)."""
    content = Path(settings["PATH"])
    return content.parent / settings.get("DATA_PATH", "data")


def load_network(data_dir: Path) -> Network | None:
    """Only data/network.yml, or None when it is missing or invalid (``load_project`` says why)."""
    path = data_dir.resolve() / "network.yml"
    return _Reader(path.parent).load(path, Network) if path.is_file() else None


def load_project_of(
    settings: dict, cache: Entries | None = None, news_found: Callable[[dict[str, Path]], None] | None = None
) -> Project:
    """The project of these Pelican settings; raises DataProblems for bad input."""
    return load_project(
        Path(settings["PATH"]),
        data_path(settings),
        cache,
        settings["MARKDOWN"],
        settings.get("STATIC_PATHS", ("images",)),
        news_found,
    )
