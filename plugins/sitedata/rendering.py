"""Render every Markdown body once: in parallel on all cores, and remembered between builds.

Markdown conversion is the largest cost of a build (a few milliseconds per article). The
HTML depends only on the body text and the renderer's configuration, so it is cached in
files named by a hash of both: an edited article is rendered again, an unchanged one is
read back, and the output is the same either way.
"""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import markdown

from .markdown_text import make_markdown

# Bump when the rendering changes in a way the configuration does not show (e.g. EscapeRawHtml).
RENDERER_VERSION = "1"
# Below this many bodies, starting worker processes costs more than it saves.
PARALLEL_FROM = 200

_worker_renderer = None


def _start_worker(config: dict) -> None:
    global _worker_renderer
    _worker_renderer = make_markdown({"MARKDOWN": config})


def _render_in_worker(body: str) -> str:
    return _worker_renderer.reset().convert(body)


def render_bodies(bodies: dict[str, str], config: dict, cache_dir: Path | None) -> dict[str, str]:
    """HTML for each body, keyed like ``bodies``."""
    fingerprint = json.dumps([RENDERER_VERSION, markdown.__version__, config], sort_keys=True, default=str)
    digests = {key: hashlib.sha256((fingerprint + body).encode()).hexdigest() for key, body in bodies.items()}
    rendered: dict[str, str] = {}
    if cache_dir is not None:
        for key, digest in digests.items():
            cached = cache_dir / digest[:2] / f"{digest}.html"
            if cached.is_file():
                rendered[key] = cached.read_text(encoding="utf-8")
    todo = [key for key in bodies if key not in rendered]
    texts = [bodies[key] for key in todo]
    workers = os.cpu_count() or 1
    if len(todo) >= PARALLEL_FROM and workers > 1:
        with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(config,)) as pool:
            html = list(pool.map(_render_in_worker, texts, chunksize=max(1, len(texts) // (workers * 8))))
    else:
        renderer = make_markdown({"MARKDOWN": config})
        html = [renderer.reset().convert(text) for text in texts]
    for key, result in zip(todo, html, strict=True):
        rendered[key] = result
        if cache_dir is not None:
            target = cache_dir / digests[key][:2] / f"{digests[key]}.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(result, encoding="utf-8")
    return rendered
