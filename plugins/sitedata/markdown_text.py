"""The one Markdown renderer for editors' text: news, pages and Markdown fields in YAML.

Raw HTML in Markdown is shown as text, not passed through: editors write Markdown,
and a pasted ``<script>`` or ``<img onerror=…>`` must never become markup.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor as InlinePattern
from markdown.treeprocessors import InlineProcessor


class EscapeRawHtml(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


# The inline patterns python-markdown registers for our extensions, by name and regular
# expression, each checked by hand: whatever it matches contains one of the characters
# ` \ [ < & * _ or a line break after two spaces.
MATCHES_NEED_ONE_OF = re.compile(r"[`\\\[<&*_]|  \n")
CHECKED_PATTERNS = {
    "backtick": r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)",
    "escape": r"\\(.)",
    "footnote": r"\[\^([^\]]*)\]",
    "reference": r"(?<!\!)\[",
    "link": r"(?<!\!)\[",
    "image_link": r"\!\[",
    "image_reference": r"\!\[",
    "short_reference": r"(?<!\!)\[",
    "short_image_ref": r"\!\[",
    "autolink": r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>",
    "automail": r"<([^<> !]+@[^@<> ]+)>",
    "linebreak": r"  \n",
    "entity": r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)",
    "em_strong": r"\*|_",
}


class PlainTextShortcut(Extension):
    """Text in which no inline pattern can match is left as it is without trying each pattern.

    python-markdown tries every inline pattern (14 here) on every piece of text, one regular
    expression search and several Python calls each; that was a third of the time Markdown
    took for a news body, though most headings, list items and table cells have nothing to
    match. The result is the same: a pattern that cannot match leaves text unchanged. The
    shortcut is used only while every registered pattern is one in ``CHECKED_PATTERNS``, so an
    upgraded or added pattern falls back to python-markdown's own processing. Register last.
    """

    def extendMarkdown(self, md: Markdown) -> None:
        checked = set(CHECKED_PATTERNS.values())
        if all(isinstance(pattern, InlinePattern) and pattern.pattern in checked for pattern in md.inlinePatterns):
            md.treeprocessors.register(ShortcutInlineProcessor(md), "inline", 20)


class ShortcutInlineProcessor(InlineProcessor):
    # Overrides the private step python-markdown calls for each piece of text (the name is
    # the mangled ``__handleInline``); it is called with text and the first pattern to try.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if not MATCHES_NEED_ONE_OF.search(data):
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)


def make_markdown(settings: dict) -> Markdown:
    config = dict(settings["MARKDOWN"])
    # Front matter is YAML, read by the loader. Pelican's own Markdown reader adds the "meta"
    # extension to the shared settings, which would swallow a first line like "Hinweis: …".
    extensions = [e for e in config.get("extensions", []) if e not in ("meta", "markdown.extensions.meta")]
    config["extensions"] = [*extensions, EscapeRawHtml(), PlainTextShortcut()]
    return Markdown(**config)
