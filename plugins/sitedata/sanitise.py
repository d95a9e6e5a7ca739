"""The one sanitising step for editors' HTML: what rendered Markdown may contain, and what was removed.

Markdown with its extensions can still make a script link (``[x](&#106;avascript:…)``, a
reference link, ``{: href=… }``) or an event handler (``{: onclick=… }``). Every piece of
editor HTML therefore goes through ``sanitise`` (nh3, the Python binding of the Rust sanitiser
ammonia, which parses HTML as browsers do) after Markdown. The allow-list holds what the
site's Markdown produces and nothing else. ``removed_markup`` says what was taken out, so that
the editor is told (``invoke check``); the published HTML is safe either way.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES = frozenset({"href", "src"})

# What Markdown with "extra" and "sane_lists" writes: headings (ids from {: #anker } or "toc"),
# paragraphs, lists (ol start=), definition lists, quotes, code, tables, abbreviations,
# footnotes (sup, div, ids, back links with a title), links and images.
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    **{f"h{level}": frozenset({"id"}) for level in range(1, 7)},
    **{tag: frozenset() for tag in ("p", "br", "hr", "em", "strong", "blockquote", "pre", "ul")},
    **{tag: frozenset() for tag in ("dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td")},
    "a": frozenset({"href", "title", "class"}),
    "img": frozenset({"src", "alt", "title", "width", "height"}),
    "abbr": frozenset({"title"}),
    "code": frozenset({"class"}),
    "ol": frozenset({"start"}),
    "li": frozenset({"id"}),
    "sup": frozenset({"id"}),
    "div": frozenset({"class"}),
}
ALLOWED_TAGS = frozenset(ALLOWED_ATTRIBUTES)

# Classes only as Markdown writes them (footnotes, the language of a fenced code block): an
# editor's own classes could borrow the site's styles, e.g. hide text or dress a link as a button.
_ALLOWED_CLASSES = {
    "a": re.compile(r"footnote-ref|footnote-backref"),
    "div": re.compile(r"footnote"),
    "code": re.compile(r"language-[\w#.+-]+"),
}
# A mailto: link needs an address (``[Mail](mailto:)`` opens an empty mail to nobody).
_MAILTO_WITH_ADDRESS = re.compile(r"mailto:[^?@]+@[^?]+(\?.*)?", re.IGNORECASE | re.DOTALL)
# How browsers read a URL attribute before its scheme (WHATWG URL: leading and trailing C0
# controls and spaces are dropped, tabs and line breaks anywhere).
_URL_EDGES = "".join(chr(code) for code in range(0x21))
_URL_TABS_AND_BREAKS = str.maketrans("", "", "\t\n\r")


def browser_url(value: str) -> str:
    """The URL as a browser parses it from an attribute value (already free of entities)."""
    return value.strip(_URL_EDGES).translate(_URL_TABS_AND_BREAKS)


def _keep_attribute(element: str, attribute: str, value: str) -> str | None:
    """nh3 has already checked tags, attributes and URL schemes; the rules it has no option for."""
    if attribute in URL_ATTRIBUTES and browser_url(value).lower().startswith("mailto:"):
        return value if _MAILTO_WITH_ADDRESS.fullmatch(browser_url(value)) else None
    if attribute == "class":
        allowed = _ALLOWED_CLASSES.get(element)
        return value if allowed and all(allowed.fullmatch(name) for name in value.split()) else None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags={"script", "style"},
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    attribute_filter=_keep_attribute,
    strip_comments=True,
    # No rel="noopener noreferrer" on every link: nothing may open a new window (no target=),
    # the site's Referrer-Policy already applies, and internal links stay as they were written.
    link_rel=None,
    url_schemes=set(ALLOWED_SCHEMES),
    url_relative="pass_through",  # links within the site: /kurse/…, ../, #anker, {filename}…
)


def sanitise(html: str) -> str:
    """Editor HTML with every element, attribute and URL outside the allow-list removed."""
    return _CLEANER.clean(html)


@dataclass(frozen=True, order=True)
class Removal:
    """One element or attribute ``sanitise`` took out; ``attribute`` is empty for an element."""

    element: str
    attribute: str = ""
    value: str = ""


class _Markup(HTMLParser):
    """Every element and attribute as a browser sees it (entities decoded)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: Counter[str] = Counter()
        self.attributes: Counter[Removal] = Counter()
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements[tag] += 1
        for name, value in attrs:
            # html5ever (inside nh3) turns NUL into U+FFFD and CR LF into LF; compare like with like.
            text = (value or "").replace("\0", "\ufffd").replace("\r\n", "\n").replace("\r", "\n")
            self.attributes[Removal(tag, name, text)] += 1


def removed_markup(html: str) -> list[Removal]:
    """What ``sanitise(html)`` takes out of ``html``, once per occurrence, in a stable order.

    Compared as counts, not position by position: the sanitiser only ever removes (it adds no
    ``rel``, and a browser's repair of misnested markup only adds copies), so what ``html`` has
    more of than the sanitised HTML is exactly what was removed.
    """
    before, after = _Markup(html), _Markup(sanitise(html))
    elements = before.elements - after.elements
    # An element's attributes go with it: one report for the element.
    attributes = [
        removal for removal in (before.attributes - after.attributes).elements() if removal.element not in elements
    ]
    return sorted([Removal(tag) for tag in elements.elements()] + attributes)
