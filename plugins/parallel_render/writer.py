"""A Pelican writer that collects pages and renders them in forked worker processes.

Pelican renders each page the moment a generator asks for it, on one core. Once the
page-writing generators are done, though, the template context is complete and no longer
changes, so the pages can be rendered in any order and by any process: this writer only
records each ``write_file`` call (a paginated list as one call per page), and ``render_all``
(called by ``PageRenderer``) forks one worker per core. The workers inherit the context,
templates and writer (copy-on-write, nothing is pickled) and each writes its share of the
files with Pelican's own ``Writer.write_file``, so the bytes are the same as a one-core build.
Pages whose inputs did not change (news, courses, news lists, the catalogue's pages) are
linked from the cache instead (memo.py), most of them while Pelican still reads (prelink.py).
"""

from __future__ import annotations

import functools
import logging
import os
import traceback
from pathlib import Path
from typing import Any

import blinker
from pelican.paginator import Paginator
from pelican.utils import sanitised_join
from pelican.writers import Writer
from sitedata import background

from . import prelink
from .forked import chunked_map
from .memo import PageCache, cached_page_context, is_cached, list_page_arguments, renders_alone

logger = logging.getLogger(__name__)

# Sent in the parent with the number of pages finished, for a progress display.
pages_rendered = blinker.signal("parallel_render.pages_rendered")
# Settings key: a function of a template, true for the templates whose pages another step
# waits for. Their pages are rendered first and ``first_pages_written`` is sent once they all
# exist, while the other pages are still being rendered (the search indexer starts then).
RENDER_FIRST = "PARALLEL_RENDER_FIRST"
first_pages_written = blinker.signal("parallel_render.first_pages_written")

# Cached pages per task (most are linked, not rendered); a page that may be slow is a task of its
# own (memo.renders_alone).
CHUNK = 32

_writers: dict[str, DeferredWriter] = {}  # output path -> the writer of the running build
_prelinkers: dict[str, prelink.Prelinker] = {}  # output path -> the running build's prelinker


def page_cache_folder(settings: dict) -> Path:
    return Path(settings["CACHE_PATH"]) / "pages"


def start_prelinking(pelican) -> None:
    """Link the last build's cached pages into the output while Pelican reads (prelink.py)."""
    settings, output = pelican.settings, pelican.output_path
    if not settings.get("PAGE_CACHE") or settings.get("DELETE_OUTPUT_DIRECTORY"):
        return
    if os.path.isdir(output) and os.listdir(output):
        return  # only into a new, empty output folder, such as the build's staging folder
    _prelinkers[output] = background.add(prelink.Prelinker(page_cache_folder(settings), Path(output)))


class PageError(RuntimeError):
    """A page failed to render in a worker; carries the page and the worker's traceback."""


class DeferredWriter(Writer):
    def __init__(self, output_path: str, settings: dict | None = None) -> None:
        super().__init__(output_path, settings=settings)
        self.pending: list[tuple] = []
        self.names: set[str] = set()
        self.cached_pages: dict[str, str] = {}  # output path -> cache key, of the pages written so far
        _writers[output_path] = self

    def write_file(self, name, template, context, *args: Any, **kwargs: Any) -> None:
        if not name:  # Pelican's "do not write this" (empty or False SAVE_AS)
            return
        if not args and kwargs.get("template_name") in self.settings["PAGINATED_TEMPLATES"]:
            self._add_pages(name, template, context, **kwargs)
        else:
            self._add(name, template, context, args, kwargs)

    def _add_pages(self, name, template, context, relative_urls=False, paginated=None, url=None, **kwargs: Any) -> None:
        """A paginated list as one job per page, each with the arguments Pelican's ``write_file``
        gives that page: Pelican would write all pages in one call, so on one worker, and no page
        could be cached on its own."""
        if paginated is None:
            paginated = {key: value for key, value in kwargs.items() if key in ("articles", "dates")}
        if not paginated:  # Pelican writes a single page then
            self._add(name, template, context, (), {"relative_urls": relative_urls, "url": url, **kwargs})
            return
        template_name, override = kwargs.pop("template_name"), kwargs.pop("override_output", False)
        per_page = self.settings["PAGINATED_TEMPLATES"][template_name] or self.settings["DEFAULT_PAGINATION"]
        paginators = {key: Paginator(name, url, value, self.settings, per_page) for key, value in paginated.items()}
        for number in range(1, next(iter(paginators.values())).num_pages + 1):
            page_kwargs = dict(kwargs)
            for key, paginator in paginators.items():
                page = paginator.page(number)
                page_kwargs[f"{key}_paginator"] = paginator
                page_kwargs[f"{key}_page"] = page
                page_kwargs[f"{key}_previous_page"] = paginator.page(number - 1) if number > 1 else None
                page_kwargs[f"{key}_next_page"] = paginator.page(number + 1) if number < paginator.num_pages else None
            page_kwargs.update(relative_urls=relative_urls, override_output=override)
            self._add(page.save_as, template, context, (), page_kwargs)

    def _add(self, name: str, template, context: dict, args: tuple, kwargs: dict) -> None:
        if name in self.names and not kwargs.get("override_output"):
            # Pelican warns when a file is overwritten; warnings fail our build.
            logger.warning("%s would be written twice", name)
        self.names.add(name)
        self.pending.append((name, template, context, args, kwargs))

    def render_all(self) -> None:
        first = self.settings.get(RENDER_FIRST) or _never
        # The pages someone waits for first (see RENDER_FIRST); within each group the pages that
        # may be slow before the many cached ones, or the slow ones would come last and leave one
        # core idle at the end.
        jobs = sorted(self.pending, key=lambda job: (not first(job[1]), not renders_alone(job[1].name)))
        self.pending = []
        waited_for = sum(1 for job in jobs if first(job[1]))
        # Such a page costs up to a few tenths of a second (a year of news, the course list): each
        # is a task of its own, or one worker would get a chunk of them while the other sits idle.
        alone = [number for number, job in enumerate(jobs) if renders_alone(job[1].name)]
        cacheable = next((job for job in jobs if is_cached(job[1].name)), None)
        cache = None
        if cacheable is not None and self.settings.get("PAGE_CACHE"):
            cache = PageCache(page_cache_folder(self.settings), self.settings, cacheable[2])
        # The last build's pages, linked in while Pelican read; those no page of this build
        # replaces go now, before any page is announced as written.
        prelinker = _prelinkers.pop(self.output_path, None)
        linked = prelinker.wait() if prelinker is not None else {}
        for name in sorted(linked.keys() - {job[0] for job in jobs}):
            prelink.remove_page(self.output_path, name)
        done = 0
        # The pages share a few contexts, complete by now and copied by Pelican per page: each is
        # filtered for cached pages once, by id (filtering per page cost ~0.4 s at 6,000 pages).
        filtered: dict[tuple, dict] = {}
        render = functools.partial(_render, self, cache, filtered, linked)
        for chunk in chunked_map(render, jobs, CHUNK, breaks=[waited_for, *alone, *(n + 1 for n in alone)]):
            for job, key in zip(jobs[done : done + len(chunk)], chunk, strict=True):
                if key:
                    self.cached_pages[job[0]] = key
            pages_rendered.send(self, count=len(chunk))
            # Chunks arrive in order: once these are back, every page before them is written.
            if done < waited_for <= done + len(chunk):
                first_pages_written.send(self)
            done += len(chunk)
        if cache is not None:
            cache.prune(set(self.cached_pages.values()))
        if self.settings.get("PAGE_CACHE"):
            prelink.write_manifest(page_cache_folder(self.settings), self.cached_pages)


def _never(template: object) -> bool:
    return False


def _render(
    writer: Writer, cache: PageCache | None, filtered: dict[tuple, dict], linked: dict, job: tuple
) -> str | None:
    """Write one page; for a cacheable page, return its cache key."""
    name, template, context, args, kwargs = job
    key = None
    try:
        if is_cached(template.name):
            kwargs = list_page_arguments(kwargs)
            shown = (id(context), template.name)
            if shown not in filtered:
                filtered[shown] = cached_page_context(context, template.name)
            context = filtered[shown]
            if cache is not None:
                key = cache.key(name, template.name, kwargs, context)
                if linked.get(name) == key:
                    return key  # in the output since Pelican started (prelink.py)
        if name in linked:
            # The last build's page, another now: a link into the cache, never to be written through.
            os.unlink(sanitised_join(writer.output_path, name))
        if key is not None and cache.restore(key, writer.output_path, name):
            return key
        Writer.write_file(writer, name, template, context, *args, **kwargs)
        if key is not None:
            cache.store(key, writer.output_path, name)
    except Exception as error:
        raise PageError(f"{name}: {error.__class__.__name__}: {error}\n{traceback.format_exc()}") from None
    return key


def render_pending(pelican) -> None:
    writer = _writers.pop(pelican.output_path, None)
    if writer is not None:
        writer.render_all()
