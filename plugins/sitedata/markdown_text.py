"""The one Markdown renderer for editors' text: news, pages and Markdown fields in YAML.

Raw HTML in Markdown is shown as text, not passed through: editors write Markdown,
and a pasted ``<script>`` or ``<img onerror=…>`` must never become markup.
"""

from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor as InlinePattern
from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString


class EscapeRawHtml(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


# The inline patterns python-markdown registers for our extensions, by name: each regular
# expression, checked by hand, and the strings of which whatever it matches contains one.
CHECKED_PATTERNS = {
    "backtick": (r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)", ("`",)),
    "escape": (r"\\(.)", ("\\",)),
    "footnote": (r"\[\^([^\]]*)\]", ("[^",)),
    "reference": (r"(?<!\!)\[", ("[",)),
    "link": (r"(?<!\!)\[", ("[",)),
    "image_link": (r"\!\[", ("![",)),
    "image_reference": (r"\!\[", ("![",)),
    "short_reference": (r"(?<!\!)\[", ("[",)),
    "short_image_ref": (r"\!\[", ("![",)),
    "autolink": (r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>", ("<",)),
    "automail": (r"<([^<> !]+@[^@<> ]+)>", ("<",)),
    "linebreak": (r"  \n", ("  \n",)),
    "entity": (r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)", ("&",)),
    "em_strong": (r"\*|_", ("*", "_")),
}


class PlainTextShortcut(Extension):
    """Inline patterns are tried only on text that contains what they need to match.

    python-markdown tries every inline pattern (14 here) on every piece of text, one regular
    expression search and several Python calls each, though most headings, list items and
    table cells have nothing to match and most of the rest only a link or an emphasis.
    Skipping a pattern that cannot match took a third, then about another fifth, off the time
    Markdown took for a news body; the result is the same, since such a pattern leaves the
    text unchanged. The shortcut is used only while every registered pattern is one in
    ``CHECKED_PATTERNS``, so an upgraded or added pattern falls back to python-markdown's own
    processing. Register last.
    """

    def extendMarkdown(self, md: Markdown) -> None:
        needs = {regex: strings for regex, strings in CHECKED_PATTERNS.values()}
        if all(isinstance(pattern, InlinePattern) and pattern.pattern in needs for pattern in md.inlinePatterns):
            processor = ShortcutInlineProcessor(md, [needs[pattern.pattern] for pattern in md.inlinePatterns])
            md.treeprocessors.register(processor, "inline", 20)


class ShortcutInlineProcessor(InlineProcessor):
    def __init__(self, md: Markdown, needs: list[tuple[str, ...]]) -> None:
        super().__init__(md)
        self.needs = needs  # for each pattern, in order: the strings one of which a match contains

    # Overrides the private step python-markdown calls for each piece of text (the name is the
    # mangled ``__handleInline``): its loop as of Markdown 3.11, but without trying a pattern the
    # text cannot match. test_markdown_text.py compares the HTML with python-markdown's own.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if isinstance(data, AtomicString):
            return data
        start = 0
        while patternIndex < len(self.needs):
            for string in self.needs[patternIndex]:  # a loop, not any(): a generator costs more here
                if string in data:
                    break
            else:
                patternIndex, start = patternIndex + 1, 0  # what a pattern that did not match returns
                continue
            pattern = self.inlinePatterns[patternIndex]
            data, matched, start = self._InlineProcessor__applyPattern(pattern, data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


def make_markdown(settings: dict) -> Markdown:
    config = dict(settings["MARKDOWN"])
    # Front matter is YAML, read by the loader. Pelican's own Markdown reader adds the "meta"
    # extension to the shared settings, which would swallow a first line like "Hinweis: …".
    extensions = [e for e in config.get("extensions", []) if e not in ("meta", "markdown.extensions.meta")]
    config["extensions"] = [*extensions, EscapeRawHtml(), PlainTextShortcut()]
    return Markdown(**config)
