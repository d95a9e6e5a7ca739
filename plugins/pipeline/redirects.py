"""Old addresses keep working: a redirect page at each earlier address of a news item or page,
and the same list as server rules.

One list, from two sources: the front matter's ``redirect_from`` (checked against every other
output path by catalogue/paths.py, like any address an editor chooses) and the git history, where
an earlier version of the same file (renames followed) had another slug or title. An earlier
address that another page uses now stays that page's. Only news and pages that are published get
redirects: a draft's old address would lead to a page that is not there.

Every redirect is a small HTML page (meta refresh, canonical link, a visible link, noindex), which
works on any host, and a line in each of the server rule files written beside the pages:
``_redirects`` (Netlify, Cloudflare Pages), ``redirects.nginx.conf`` (``include`` it in the
``server { }`` block) and ``redirects.htaccess`` (Apache: add its lines to the ``.htaccess``), so
that a server that reads them answers with a real ``301``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from catalogue.paths import redirect_save_as
from sitedata import frontmatter
from sitedata.loader import NEWS_DIR, PAGES_DIR, Project
from sitedata.slugs import slugify
from sitedata.yamlsource import parse_yaml

from .calendars.git_log import file_history, read_blobs, uncommitted

RULE_FILES = ("_redirects", "redirects.nginx.conf", "redirects.htaccess")
GENERATED = "# Written by the build: earlier addresses of news and pages (front matter redirect_from, git history).\n"


class Redirect(NamedTuple):
    address: str  # the earlier address, from the site's root: /aktuelles/alter-titel/
    target: str  # the URL now, as Pelican gives it: aktuelles/neuer-titel/
    title: str


def collect_redirects(
    project: Project, published: Iterable, owners: Mapping[str, str], earlier: Mapping[str, list[str]]
) -> list[Redirect]:
    """Every redirect of the published news and pages (``published``: Pelican's content objects),
    sorted by address; ``owners``: the output paths already taken (catalogue/paths.py);
    ``earlier``: what ``earlier_urls`` found in git."""
    contents = {content.relative_source_path: content for content in published}
    taken = set(owners)
    chosen: dict[str, Redirect] = {}
    for key in sorted(contents):
        meta = project.news.get(key) or project.pages.get(key)
        for address in meta.redirect_from if meta else ():
            chosen[redirect_save_as(address)] = Redirect(address, contents[key].url, contents[key].title)
    for key in sorted(earlier.keys() & contents.keys()):
        for url in earlier[key]:
            save_as = redirect_save_as(url)
            if save_as not in taken and save_as not in chosen and url != contents[key].url:
                chosen[save_as] = Redirect(f"/{url}", contents[key].url, contents[key].title)
    return sorted(chosen.values())


def earlier_urls(project: Project, settings: Mapping[str, Any]) -> dict[str, list[str]]:
    """The URLs that earlier committed versions of each news item and page had, newest first, by
    key (none outside a git clone). Needs only git and the project, so a large site reads it in a
    forked worker while Pelican reads the news (pipeline.site_files)."""
    patterns = {NEWS_DIR: settings.get("ARTICLE_URL", ""), PAGES_DIR: settings.get("PAGE_URL", "")}
    return _earlier_urls(project.content_dir, [*project.news, *project.pages], patterns)


def _earlier_urls(content_dir: Path, keys: Iterable[str], patterns: Mapping[str, str]) -> dict[str, list[str]]:
    """The URLs earlier committed versions of each file had, newest first (none outside a git clone).

    Versions with the bytes the file has now are not read: a site whose files are as committed
    reads nothing but the log (and what ``git diff`` says is uncommitted)."""
    history = file_history(content_dir, keys)
    edited = uncommitted(content_dir) if history else set()
    wanted: dict[str, list[tuple[str, str]]] = {}
    for key, versions in history.items():
        now = None if key in edited else versions[0][1]  # the newest version is the last commit's
        wanted[key] = [(path, blob) for path, blob in versions if blob != now]
    blobs = sorted({blob for versions in wanted.values() for _, blob in versions})
    texts = dict(zip(blobs, read_blobs(content_dir, blobs), strict=True))
    slugs: dict[str, str | None] = {}
    urls: dict[str, list[str]] = {}
    for key, versions in wanted.items():
        for path, blob in versions:
            if blob not in slugs:
                slugs[blob] = _slug(texts[blob])
            pattern = patterns.get(path.partition("/")[0], "")
            if slugs[blob] and pattern and (url := pattern.format(slug=slugs[blob])) not in urls.get(key, []):
                urls.setdefault(key, []).append(url)
    return urls


def _slug(data: bytes | None) -> str | None:
    """The slug of one earlier version, as the reader forms it; None for a version that cannot be read."""
    try:
        text = data.decode("utf-8") if data is not None else ""
    except UnicodeDecodeError:
        return None
    parts = frontmatter.split(text)
    doc = parse_yaml(parts.yaml_text, "alt.md", []) if parts else None
    front = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    slug, title = front.get("slug"), front.get("title")
    if isinstance(slug, str) and slug.strip():
        return slug.strip()
    return slugify(title) if isinstance(title, str) and title.strip() else None


def nginx(redirects: list[Redirect]) -> str:
    lines = [GENERATED, "# include it inside the server { } block that serves the output folder.\n"]
    return "".join(lines + [f"location = {r.address} {{ return 301 /{r.target}; }}\n" for r in redirects])


def apache(redirects: list[Redirect]) -> str:
    lines = [GENERATED, "# Add these lines to the output folder's .htaccess (mod_alias).\n"]
    # RedirectMatch with anchors: a plain Redirect would also take every address below the old one.
    return "".join(lines + [f'RedirectMatch 301 "^{re.escape(r.address)}$" /{r.target}\n' for r in redirects])


def static_host(redirects: list[Redirect]) -> str:
    """The _redirects format of Netlify and Cloudflare Pages."""
    return "".join([GENERATED] + [f"{r.address} /{r.target} 301\n" for r in redirects])


def write_rules(output: Path, redirects: list[Redirect]) -> None:
    for name, render in zip(RULE_FILES, (static_host, nginx, apache), strict=True):
        (output / name).write_text(render(redirects), encoding="utf-8")
