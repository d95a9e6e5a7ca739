"""Reuse the HTML of pages whose inputs did not change.

News and course pages are nine tenths of a large site. Each shows its own article or course
(and a course the news items that mention it) plus site-wide facts: network, offices,
topics, partners, menu pages, course titles. News lists show their own entries, and the
catalogue's pages what the courses make (``CACHED_LISTS``). That is enforced, not assumed:
these pages are always rendered (cold or warm) with a context that holds only the entries in
``CACHED_PAGE_CONTEXT`` and their template's ``Shown`` entries plus the settings and the
page's own arguments, and the cache key is a hash of exactly those inputs. A template that
reached for anything else would miss it in every build alike, so a cached page can never
differ from a freshly rendered one.

Pages are kept in CACHE_PATH/pages and hard-linked (copied where links are impossible) into
the output and back; nothing edits an output file in place afterwards (``deploy/publish.py``
writes changed pages as new files), so nothing can change a cached page through its link.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from pelican.paginator import Page, Paginator
from pelican.utils import sanitised_join
from sitedata.cachefiles import fingerprint, link_or_copy, settings_fingerprint
from sitedata.integration import VOLATILE_SETTINGS
from sitedata.loader import PROJECT

from .prelink import cached_file

# The templates whose pages are cached, and how to find the source files each page shows.
CACHED_TEMPLATES = ("article.html", "course.html")


@dataclass(frozen=True)
class Shown:
    """What the pages of a cached list template show besides CACHED_PAGE_CONTEXT, their
    arguments and the settings; each part is in the page's key."""

    news: str | None = None  # the argument with the news items listed (their files and URLs)
    runs: str | None = None  # the argument with the course runs listed (their courses' files)
    context: tuple[str, ...] = ()  # context entries, in the key as they are (JSON)
    # Context entries and arguments made from data/ with the courses: every course file is in the key.
    from_courses: tuple[str, ...] = ()
    # Context helpers whose output depends only on their arguments (``once``).
    helpers: tuple[str, ...] = ()


PAGINATED = "articles"  # the key Pelican paginates news lists under (``articles_page`` and so on)
# A page of Pelican's paginated news list is first cut down to its own entries, page numbers
# and neighbours (``list_page_arguments``).
_CATALOGUE = Shown(context=("first_month",), from_courses=("catalogue", "runs", "month"), helpers=("once",))
CACHED_LISTS = {
    "index.html": Shown(news=f"{PAGINATED}_page", context=("news_years",)),
    "news_year.html": Shown(news="year_articles", context=("news_years",)),
    "news_archive.html": Shown(news="archive_articles"),
    "catalogue.html": _CATALOGUE,
    "archive.html": _CATALOGUE,
    # A filter page changes only with the courses it lists: a course edit re-renders ~4 of ~20.
    "filtered.html": Shown(runs="runs", context=("first_month",), helpers=("once",)),
    "month.html": _CATALOGUE,
}

# What a cached page may show besides its own arguments and the settings. Everything here
# derives from data/ (without courses), the pages and the course titles, which the key covers.
CACHED_PAGE_CONTEXT = frozenset(
    {
        "calendars",
        "canonical_base",
        "course_titles",
        "feeds",
        "footer_pages",
        "formats",
        "links",
        "localsiteurl",
        "menu_pages",
        "network",
        "network_map",
        "node_names",
        "nodes",
        "nodes_by_topic",
        "office",
        "partners",
        "structured",
        "today",
        "topics",
    }
)
PACKAGES = ("pelican", "jinja2", "markdown", "babel", "markupsafe", "pydantic")


def cached_page_context(context: dict, template: str) -> dict:
    listed = CACHED_LISTS.get(template, Shown())
    shown = CACHED_PAGE_CONTEXT.union(listed.context, listed.from_courses, listed.helpers)
    return {key: value for key, value in context.items() if key.isupper() or key in shown}


def is_cached(template: str) -> bool:
    return template in CACHED_TEMPLATES or template in CACHED_LISTS


def renders_alone(template: str) -> bool:
    """Pages that are few and may each take tenths of a second: those never cached, and the
    catalogue's, which a course edit renders again (each shows many runs). The others are news
    and course pages and pages of news lists, thousands and nearly always linked from the cache."""
    listed = CACHED_LISTS.get(template)
    if listed is not None:
        return bool(listed.from_courses) or listed.runs is not None
    return template not in CACHED_TEMPLATES


def list_page_arguments(kwargs: dict) -> dict:
    """One page of a paginated news list as Pelican describes it, cut down to what the page
    shows: its entries, its number, the numbers of the whole list and its neighbours' URLs.

    Pelican hands every page the whole list (``articles``, ``dates``, each paginator's
    ``object_list``), so the cache key would have to cover every news item.
    """
    page = kwargs.get(f"{PAGINATED}_page")
    if page is None:  # not a page of a paginated list
        return kwargs
    whole = page.paginator
    numbers = Paginator(whole.name, whole.url, [], whole.settings, whole.per_page)
    numbers.orphans, numbers._count, numbers._num_pages = whole.orphans, whole.count, whole.num_pages

    def stand_in(other: Page | None, entries: list) -> Page | None:
        if other is None:
            return None
        return Page(other.full_name, other.base_url, entries, other.number, numbers, other.settings)

    plain = {key: value for key, value in kwargs.items() if not key.startswith(("articles", "dates"))}
    return {
        **plain,
        f"{PAGINATED}_paginator": numbers,
        f"{PAGINATED}_page": stand_in(page, page.object_list),
        f"{PAGINATED}_previous_page": stand_in(kwargs[f"{PAGINATED}_previous_page"], []),
        f"{PAGINATED}_next_page": stand_in(kwargs[f"{PAGINATED}_next_page"], []),
    }


class PageCache:
    """HTML of news and course pages in ``folder``, named by a hash of everything the page is made from."""

    def __init__(self, folder: Path, settings: dict, context: dict) -> None:
        self.folder = str(folder)
        project = settings[PROJECT]
        self.courses = str(project.data_dir / "courses")
        # The loader hashed every source file as it read it: the same bytes the page is made from.
        self.digests = project.digests
        self.course_files = sorted(path for path in self.digests if os.path.dirname(path) == self.courses)
        self.site_key = _site_key(settings, context)
        self.folders_made: set[str] = set()

    def key(self, name: str, template: str, kwargs: dict, context: dict) -> str:
        """A hash of the site-wide inputs, the page's arguments and context (as the page is
        rendered with them) and the source files it shows."""
        listed = CACHED_LISTS.get(template, Shown())
        numbers, shown, sources = None, [], []
        if listed.news is not None:
            shown = kwargs[listed.news]
            if isinstance(shown, Page):
                paginator = shown.paginator
                numbers = [shown.number, paginator.num_pages, paginator.count, paginator.per_page, paginator.orphans]
                shown = shown.object_list
            sources = [a.source_path for a in shown]
        elif "article" in kwargs:
            shown, sources = [kwargs["article"]], [kwargs["article"].source_path]
        elif "course" in kwargs:
            shown = kwargs["course_news"]
            sources = [os.path.join(self.courses, f"{kwargs['course'].id}.yml"), *(a.source_path for a in shown)]
        runs = None
        if listed.runs is not None:
            runs = [(run.course.id, run.run.id) for run in kwargs[listed.runs]]
            sources += [os.path.join(self.courses, f"{course}.yml") for course in sorted({c for c, _ in runs})]
        if listed.from_courses:
            sources += self.course_files
        objects = {"article", "course", "course_news", listed.news, listed.runs, *listed.from_courses}
        plain = sorted((k, str(v)) for k, v in kwargs.items() if k not in objects and not k.startswith(PAGINATED))
        shown_context = {entry: context.get(entry) for entry in listed.context}
        courses = [os.path.basename(path) for path in self.course_files] if listed.from_courses else None
        described = [
            self.site_key,
            name,
            template,
            plain,
            [a.url for a in shown],
            numbers,
            shown_context,
            courses,
            runs,
        ]
        digest = hashlib.sha256(json.dumps(described, sort_keys=True, default=str).encode())
        for source in sources:
            digest.update(b"\0" + self._digest(source))
        return digest.hexdigest()

    def _digest(self, source: str) -> bytes:
        known = self.digests.get(source)
        return known if known is not None else hashlib.sha256(Path(source).read_bytes()).digest()

    def restore(self, key: str, output: str, name: str) -> bool:
        cached = self._file(key)
        if not os.path.isfile(cached):
            return False
        target = sanitised_join(output, name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        link_or_copy(cached, target)
        return True

    def store(self, key: str, output: str, name: str) -> None:
        cached = self._file(key)
        folder = os.path.dirname(cached)
        # 256 folders for ~6,500 pages: makedirs on an existing folder costs three system calls.
        if folder not in self.folders_made:
            os.makedirs(folder, exist_ok=True)
            self.folders_made.add(folder)
        link_or_copy(sanitised_join(output, name), cached)

    def prune(self, used: set[str]) -> None:
        """Drop pages that no news item of this build produced (edited or deleted ones)."""
        for cached in Path(self.folder).glob("*/*.html"):
            if cached.stem not in used:
                cached.unlink()

    def _file(self, key: str) -> str:
        return cached_file(self.folder, key)


def _site_key(settings: dict, context: dict) -> str:
    """Everything besides the article that a news page can show."""
    project = settings[PROJECT]
    code = [Path(settings["THEME"])] + [Path(p) for p in settings.get("PLUGIN_PATHS", [])]
    # Courses are left out: only their titles reach news pages, see below.
    folders = [*code, project.data_dir, project.content_dir / "pages"]
    digest = fingerprint(folders, PACKAGES, skip=project.data_dir / "courses")
    digest.update(settings_fingerprint(settings, VOLATILE_SETTINGS))
    # Course titles (links from news) and every URL (Pelican's {filename} links).
    digest.update(json.dumps(context.get("course_titles", {}), sort_keys=True).encode())
    contents = [*context.get("articles", []), *context.get("pages", [])]
    digest.update(json.dumps(sorted((c.source_path, c.url) for c in contents)).encode())
    return digest.hexdigest()
