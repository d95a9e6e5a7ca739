"""The one Markdown renderer for editors' text: news, pages and Markdown fields in YAML.

Raw HTML in Markdown is shown as text, not passed through: editors write Markdown,
and a pasted ``<script>`` or ``<img onerror=…>`` must never become markup. What Markdown itself
makes goes through the sanitiser (``sanitise.py``) as its last step, so every caller of
``make_markdown`` (the reader, the forked prerender workers, the Jinja filter) gets safe HTML.
``MarkupCheck`` tells editors, during validation, what the sanitiser would remove and where.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections import Counter
from collections.abc import Iterator

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

from .sanitise import URL_ATTRIBUTES, Removal, browser_url, removed_markup, sanitise

# pelicanconf.py's MARKDOWN, for loading a project without Pelican's settings (tests, scripts);
# test_markdown_text.py keeps the two the same.
STANDARD_MARKDOWN = {
    "extensions": ["markdown.extensions.extra", "markdown.extensions.sane_lists"],
    "output_format": "html",
}


class EscapeRawHtml(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        # After the inline patterns (20), before attribute lists (8): an editor's own
        # {: style=… } still reaches the sanitiser and is reported.
        md.treeprocessors.register(DropTableAlignment(md), "drop_table_alignment", 15)


class DropTableAlignment(Treeprocessor):
    """The tables extension aligns columns with style="text-align: …"; the site's
    Content-Security-Policy (style-src 'self') never applied inline styles, and no style
    attribute may reach a page, so the alignment is dropped here rather than reported."""

    def run(self, root: etree.Element) -> None:
        for cell in root.iter():
            if cell.tag in ("th", "td") and cell.get("style", "").startswith("text-align:"):
                del cell.attrib["style"]


class SanitiseHtml(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Priority 0: after every other postprocessor (raw HTML 30, footnotes 25, "&" 20).
        md.postprocessors.register(_Sanitise(md), "sanitise", 0)


class _Sanitise(Postprocessor):
    def run(self, text: str) -> str:
        return sanitise(text)


def make_markdown(settings: dict, sanitised: bool = True) -> Markdown:
    """The editors' Markdown; ``sanitised=False`` only to find out what the sanitiser removes."""
    config = dict(settings["MARKDOWN"])
    # Front matter is YAML, read by the loader. Pelican's own Markdown reader adds the "meta"
    # extension to the shared settings, which would swallow a first line like "Hinweis: …".
    extensions = [e for e in config.get("extensions", []) if e not in ("meta", "markdown.extensions.meta")]
    config["extensions"] = [*extensions, EscapeRawHtml()]
    if sanitised:
        config["extensions"].append(SanitiseHtml())
    return Markdown(**config)


# --- What the sanitiser could remove, found without rendering most texts ---------------------
#
# Rendering every text a second time during validation would double the largest cost of a cold
# build. The sanitiser can only remove what an attribute list ({: … }) adds, or a link or image
# target with a scheme it does not allow; such a scheme is written in the text with a colon or
# hidden behind an HTML entity. ``could_lose_markup`` is true for every text where that may
# happen (a property test holds it to that), and only those are rendered to find out.

# Attribute lists; Pelican's own link placeholders such as {filename} are not one.
_ATTRIBUTE_LIST = re.compile(r"\{(?!(?:filename|static|attach|index|tag|category|author)\})")
# Entities survive Markdown in a link target and are decoded by the browser.
_ENTITY = re.compile(r"&(?:#|[0-9A-Za-z]+;)")
# Characters a scheme can be made of once Markdown's backslash escapes and the browser's
# removal of tabs and line breaks are applied.
_SCHEME_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-\\\t\n\r")
_IGNORED_IN_SCHEME = str.maketrans("", "", "\\\t\n\r")
# Before a scheme: what a URL parser strips at a target's start, and backticks, which a code span
# inside a link target ("[t](`javascript:…`)") takes out of the href.
_URL_EDGES = "".join(chr(code) for code in range(0x21)) + "`"
# After "http:" / "https:": a host the URL parser surely accepts (letters, digits, hyphens, a
# last label that is not a number, no punycode), an optional short port, then a path, query,
# fragment or the end of the target.
_SAFE_WEB = re.compile(
    r"//(?![^/?#)]*xn--)(?:[a-z0-9-]+\.)*(?!0x)[a-z0-9-]*[a-z][a-z0-9-]*(?::[0-9]{1,4})?(?:[/?#)]|\Z)",
    re.IGNORECASE,
)
# After "mailto:": an address, before anything that could end the link target.
_SAFE_MAILTO = re.compile(r"[^\s?@\\<>()\[\]&]+@[^\s?@\\<>()\[\]&]")


def could_lose_markup(text: str) -> bool:
    """False only if the sanitiser surely removes nothing from this text's Markdown."""
    if _ATTRIBUTE_LIST.search(text) or _ENTITY.search(text):
        return True
    colon = text.find(":")
    while colon >= 0:
        if not _safe_colon(text, colon):
            return True
        colon = text.find(":", colon + 1)
    return False


def _safe_colon(text: str, colon: int) -> bool:
    """Whether the colon at ``colon`` surely ends no scheme the sanitiser would remove."""
    start = colon
    while start > 0 and text[start - 1] in _SCHEME_CHARACTERS:
        start -= 1
    scheme = text[start:colon].translate(_IGNORED_IN_SCHEME).lower()
    after = text[colon + 1 : colon + 2]
    if scheme in ("http", "https"):
        return bool(_SAFE_WEB.match(text, colon + 1))
    if scheme == "mailto":
        return bool(_SAFE_MAILTO.match(text, colon + 1))
    if scheme == "tel":
        return after != "/"  # "tel://[" would be a host the URL parser refuses
    if not scheme[:1].isalpha():
        return True  # "9:00 Uhr", " :-)": nothing a URL parser takes for a scheme
    # A word with a colon in running text ("Hinweis: …", "**Lastenrad:**") is a scheme only if
    # a link target starts right before it: "[x]( javascript: …)", "<javascript:…>",
    # "[ref]: javascript:…" (attribute lists and entities are caught above). A target that
    # started earlier would hold a character no scheme may contain.
    opener = start
    while opener > 0 and text[opener - 1] in _URL_EDGES:
        opener -= 1
    return text[opener - 1 : opener] not in ("(", "<", ":")


class MarkupCheck:
    """What the sanitiser removes from an editor's text, with the line it was written on."""

    def __init__(self, markdown_settings: dict) -> None:
        self._settings = {"MARKDOWN": markdown_settings}
        self._markdown: Markdown | None = None

    def removals(self, text: str) -> Iterator[tuple[int, Removal]]:
        """(line index within ``text``, removal) for everything the sanitiser takes out."""
        if not text or not could_lose_markup(text):
            return
        if self._markdown is None:
            self._markdown = make_markdown(self._settings, sanitised=False)
        lines = [html.unescape(line).translate(_IGNORED_IN_SCHEME).lower() for line in text.split("\n")]
        seen: Counter[Removal] = Counter()
        for removal in removed_markup(self._markdown.reset().convert(text)):
            seen[removal] += 1
            yield _line_of(lines, removal, seen[removal]), removal


def _line_of(lines: list[str], removal: Removal, occurrence: int) -> int:
    """The line that shows the ``occurrence``-th such removal (entities decoded), else the first line."""
    name = removal.attribute.lower()
    if name in URL_ATTRIBUTES:
        url = browser_url(removal.value).translate(_IGNORED_IN_SCHEME).lower()
        scheme = url.partition(":")[0] + ":" if ":" in url else ""
        searches = [(url,), ("{", name), (scheme,)]  # the target, {: href=… }, its scheme
    elif name:
        searches = [("{", name), (name,)]  # an attribute list
    else:
        searches = [("{",)]
    for needles in searches:
        found = [index for index, line in enumerate(lines) if all(needles) and all(n in line for n in needles)]
        if found:
            return found[min(occurrence, len(found)) - 1]
    return 0


# Markdown link targets: [text](target "title"), <https://…> autolinks and [ref]: target definitions.
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)|<(https?://[^>\s]+)>|^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)


def link_targets(body: str) -> list[tuple[int, str]]:
    """Each link target in a Markdown body, with its index in the body."""
    return [(m.start(), next(group for group in m.groups() if group)) for m in _LINK_TARGET.finditer(body)]
