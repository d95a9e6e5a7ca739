"""Pelican reader for Markdown with YAML front matter, fed by the validated project.

The front matter was already parsed and validated by ``load_project``; the reader only
renders the body and hands the validated fields to Pelican, so a mistake in front matter can
never reach a page half-understood. Its result depends on the file and the settings alone, so
Pelican's reader-level content cache may keep it between builds (see ``settings.cache_folder``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar

from markdown import Markdown
from pelican.readers import BaseReader

from .loader import Project
from .markdown_text import make_markdown
from .models import NewsMeta
from .prerender import Prerendered
from .problems import Problem, ProblemsWhileRendering
from .rendering import EXPECTED, MarkdownFailed, convert
from .settings import SiteSettings
from .slugs import slugify


class FrontMatterReader(BaseReader):
    enabled = True
    # All of Markdown's extensions, so Pelican's own Markdown reader is never created (it would
    # add its "meta" extension to the shared settings); the loader reports any file not ending in .md.
    file_extensions: ClassVar[list[str]] = ["md", "markdown", "mkd", "mdown"]
    project: Project | None = None  # given by ``integration.share_project`` before anything is read
    prerendered: Prerendered | None = None  # bodies rendered ahead in a cold build (prerender.py)
    _markdown: Markdown | None = None

    @property
    def time_limit(self) -> float:
        return SiteSettings.of(self.settings).MARKDOWN_TIME_LIMIT

    def read(self, source_path: str) -> tuple[str, dict]:
        if self.project is None:
            raise RuntimeError("FrontMatterReader: no project (is the sitedata plugin enabled?)")
        key = Path(source_path).resolve().relative_to(self.project.content_dir).as_posix()
        meta = self.project.news.get(key) or self.project.pages.get(key)
        if meta is None:
            raise ValueError(f"{key}: not part of the validated project (only news/ and pages/ are read)")
        body = self.project.bodies[key]
        content = self.prerendered.take(key, body) if self.prerendered is not None else None
        if content is None:
            if self._markdown is None:
                self._markdown = make_markdown(self.settings)
            try:
                content = convert(self._markdown, body, self.time_limit)
            except MarkdownFailed as failed:
                self._markdown = None
                where = f"{self.project.content_dir.name}/{key}"
                raise ProblemsWhileRendering([Problem(where, None, "", str(failed), EXPECTED)]) from None

        metadata = meta.model_dump(exclude_none=True)
        metadata["slug"] = meta.slug or slugify(meta.title)
        metadata["source_id"] = Path(key).stem
        if isinstance(meta, NewsMeta):
            metadata["date"] = dt.datetime.combine(meta.date, dt.time())
            metadata["image"] = meta.image
        return content, metadata
