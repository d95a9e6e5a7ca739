"""Pelican reader for Markdown with YAML front matter, fed by the validated project.

The front matter was already parsed and validated by ``load_project``; the reader
only renders the body and hands the validated fields to Pelican, so a mistake in
front matter can never reach a page half-understood.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar

from pelican.readers import BaseReader

from .loader import project_for
from .models import NewsMeta
from .rendering import RENDERER, BodyRenderer
from .slugs import slugify


class FrontMatterReader(BaseReader):
    enabled = True
    # All of Markdown's extensions, so Pelican's own Markdown reader is never created (it would
    # add its "meta" extension to the shared settings); the loader reports any file not ending in .md.
    file_extensions: ClassVar[list[str]] = ["md", "markdown", "mkd", "mdown"]

    def read(self, source_path: str) -> tuple[str, dict]:
        project = project_for(self.settings)
        path = Path(source_path)
        try:  # Pelican's paths are usually the resolved ones already; resolving 5,000 cost ~0.5 s
            key = path.relative_to(project.content_dir).as_posix()
        except ValueError:
            key = path.resolve().relative_to(project.content_dir).as_posix()
        meta = project.news.get(key) or project.pages.get(key)
        if meta is None:
            raise ValueError(f"{key}: not part of the validated project (only news/ and pages/ are read)")
        if not project.rendered:
            # All bodies at once, on first use: in parallel, and cached between builds; the
            # build may have started the renderer before validation (see rendering.py).
            renderer = self.settings.get(RENDERER) or BodyRenderer.from_settings(self.settings)
            project.rendered = renderer.render(project.bodies)
        content = project.rendered[key]

        metadata = meta.model_dump(exclude_none=True)
        metadata["slug"] = meta.slug or slugify(meta.title)
        metadata["source_id"] = Path(key).stem
        if isinstance(meta, NewsMeta):
            metadata["date"] = dt.datetime.combine(meta.date, dt.time())
            metadata["image"] = meta.image
        return content, metadata
