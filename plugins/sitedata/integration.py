"""Connect the validated project to Pelican: checked settings, facts from data/, the project, our reader."""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import os
import pickle
from pathlib import Path

import jinja2
from pelican.contents import Article, Page
from pelican.generators import ArticlesGenerator
from pelican.urlwrappers import Category

from . import frontmatter, prerender
from .buildcache import Entries
from .images import is_raster
from .loader import data_path, load_network, load_project_of
from .prerender import Prerendered
from .problems import DataProblems, Problem
from .reader import FrontMatterReader
from .settings import SiteSettings, cache_folder, check_settings, used_cache_folder
from .sourcetree import foreign_static
from .yamlsource import read_text

PROJECT = "project"  # the template context's name for the validated project


def configure(pelican) -> None:
    """Check the settings; network facts are written once, in data/network.yml, and Pelican's follow them."""
    settings = pelican.settings
    ours = check_settings(settings)
    settings["TODAY"] = ours.TODAY or dt.date.today()  # "today" decides upcoming/past
    if ours.PREVIEW:
        # Pelican writes drafts (and news held back by ``hold_back``) with DRAFT_SAVE_AS, which the
        # published build leaves empty; the preview writes them to the address they will have.
        for draft, published in (("DRAFT", "ARTICLE"), ("DRAFT_PAGE", "PAGE")):
            for key in ("URL", "SAVE_AS"):
                settings[f"{draft}_{key}"] = settings[f"{published}_{key}"]
    network = load_network(data_path(settings))
    if network is not None:  # else the project's validation reports what is wrong with it
        settings["SITENAME"] = network.name
        settings["TIMEZONE"] = network.timezone
        if settings.get("SITEURL_FROM_NETWORK"):
            settings["SITEURL"] = network.site_url.rstrip("/")
    folder = cache_folder(settings, [Path(p) for p in settings.get("PLUGIN_PATHS", [])])
    used_cache_folder(folder)
    settings["CACHE_PATH"] = str(folder)
    _drop_broken_content_cache(folder, settings.get("GZIP_CACHE", True))
    # Compiled templates too: each of Pelican's generators compiles the templates it uses in an
    # environment of its own. Jinja checks each entry against its template's source.
    (folder / "templates").mkdir(parents=True, exist_ok=True)
    settings["JINJA_ENVIRONMENT"] = {
        **settings["JINJA_ENVIRONMENT"],
        "bytecode_cache": jinja2.FileSystemBytecodeCache(str(folder / "templates")),
    }


def _drop_broken_content_cache(folder: Path, gzipped: bool) -> None:
    """Pelican's content cache (a file per generator, ``*-Readers``) that a killed build left half
    written, or a damaged disk: Pelican stops on an empty file (EOFError) and warns on a corrupt one,
    which fails the build. Such a file is removed: a cache miss."""
    for path in folder.glob("*-Readers"):
        try:
            with (gzip.open if gzipped else open)(path, "rb") as cache:
                pickle.load(cache)
        except Exception:
            path.unlink(missing_ok=True)


def add_reader(readers) -> None:
    for extension in FrontMatterReader.file_extensions:
        readers.reader_classes[extension] = FrontMatterReader


def content_made(content) -> None:
    """One receiver, so that the order is sure: the status decides which URL pattern applies."""
    hold_back(content)
    keep_urls(content)


def hold_back(content) -> None:
    """A news item dated after "today" waits for its day: it gets Pelican's own draft status, which
    keeps it out of every list, archive, feed and page of the published build, as a front matter
    ``status: draft`` does. Not Pelican's WITH_FUTURE_DATES: that compares with the clock, and
    "today" is a setting here (TODAY), so that a build can be reproduced."""
    if isinstance(content, Article) and content.date.date() > content.settings["TODAY"]:
        content.status = "draft"
    if isinstance(content, Article) and content.status == "draft":
        # Pelican's draft writer passes the category on; this site has none (CATEGORY_SAVE_AS is empty).
        content.category = Category(content.settings["DEFAULT_CATEGORY"], content.settings)


def keep_urls(content) -> None:
    """Keep a news item's or page's URL once it is known.

    Pelican works it out again from its settings on every access, and lists, links, feeds and
    the sitemap ask tens of thousands of times in a large build. It is final when the object is
    made, so it is kept as Pelican's own ``override_url``, which it reads first. (Not
    ``override_save_as``: with it, Pelican's writer lets a later page silently skip the file.)
    Static files are left alone: an ``{attach}`` link may still move them.
    """
    if isinstance(content, Article | Page):
        content.override_url = content.url


def share_project(generator) -> None:
    """Validate content/ and data/ once, when the first generator is made (before anything is
    read or written), and share the project: with every generator and template through the
    context, and with our reader. Invalid input raises ``DataProblems`` listing every mistake."""
    context, readers = generator.context, generator.readers
    ours = [reader for reader in readers.readers.values() if isinstance(reader, FrontMatterReader)]
    news_reader = ours and isinstance(generator, ArticlesGenerator)
    if PROJECT not in context:
        sources = Entries(Path(generator.settings["CACHE_PATH"]), "sources")
        # The news generator is Pelican's first: its missing Markdown is rendered while the project is validated.
        start = functools.partial(_prerender, generator, ours) if news_reader else None
        try:
            context[PROJECT] = load_project_of(generator.settings, sources, start)
        except DataProblems:
            stop_prerendering(generator)
            raise
    elif news_reader:
        project = context[PROJECT]
        _prerender(generator, ours, {key: project.content_dir / key for key in project.news})
    for reader in ours:
        reader.project = context[PROJECT]


def _prerender(generator, ours: list[FrontMatterReader], news: dict[str, Path]) -> None:
    """Render ahead the news bodies Pelican's content cache does not hold (a cold build: all of them).

    In the order Pelican will read them: its generator reads the files its ``get_files`` returns,
    a set whose order the same call in the same process repeats. The workers then stay ahead of
    the reader, and what the reader reaches first it renders itself (``Prerendered.take``).
    """
    settings = generator.settings
    reading_order = generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
    reading_order = [key for key in reading_order if key in news]

    def uncached(key: str) -> bool:  # Pelican's cache hashes the file to tell
        return generator.readers.get_cached_data(os.path.abspath(os.path.join(generator.path, key)), None) is None

    # A rebuild lacks a few bodies at most, and would hash every file to learn that: a sample of
    # about PARALLEL_FROM files decides first. Bodies it misses are rendered by the reader itself.
    sample = reading_order[:: max(1, len(reading_order) // prerender.PARALLEL_FROM)]
    missing = {}
    for key in reading_order if any(map(uncached, sample)) else []:
        if uncached(key):
            text = read_text(news[key], key, [])
            parts = frontmatter.split(text) if text is not None else None
            if parts is not None:  # else validation reports it, and nothing is read
                missing[key] = parts.body
    seconds = SiteSettings.of(settings).MARKDOWN_TIME_LIMIT
    prerendered = Prerendered(settings["MARKDOWN"], missing, seconds)
    for reader in ours:
        reader.prerendered = prerendered


def stop_prerendering(generator) -> None:
    """Once the news are read: workers whose results nobody took (a file Pelican skipped) are stopped."""
    for reader in generator.readers.readers.values():
        if isinstance(reader, FrontMatterReader) and reader.prerendered is not None:
            reader.prerendered.close()


def refuse_foreign_statics(generator) -> None:
    """Nothing from outside content/ is ever copied: the source check ran before Pelican looked
    for static files, but a link made since, or a ``{static}`` link with ``..``, must still stop
    the build before Pelican's static generator copies anything."""
    content = Path(generator.path)
    problems = [
        Problem(shown, None, "", f"wird nicht veröffentlicht: {why}", "eine echte Datei unter content/images/")
        for static in generator.staticfiles
        if (why := foreign_static(Path(static.source_path), content))
        for shown in [_shown_path(Path(static.source_path), content.parent)]
    ]
    if problems:
        raise DataProblems(problems)


def _shown_path(path: Path, site: Path) -> str:
    absolute = Path(os.path.normpath(path))
    return absolute.relative_to(site).as_posix() if absolute.is_relative_to(site) else str(absolute)


RASTERS = "raster_statics"  # the context's name for the raster files under images/ that we publish


def publish_rasters_ourselves(generator) -> None:
    """Raster files under images/ are not copied as uploaded (a camera's EXIF would publish where
    the photo was taken): they leave Pelican's static files and are written re-encoded without
    metadata at the same path (``images.write_pictures``, from the pipeline)."""
    rasters = [static for static in generator.staticfiles if is_raster(static.save_as)]
    for static in rasters:
        generator.staticfiles.remove(static)
    generator.context[RASTERS] = sorted(static.save_as for static in rasters)
