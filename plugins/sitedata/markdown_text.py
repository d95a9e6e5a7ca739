"""The one Markdown renderer for editors' text: news, pages and Markdown fields in YAML.

Raw HTML in Markdown is shown as text, not passed through: editors write Markdown,
and a pasted ``<script>`` or ``<img onerror=…>`` must never become markup.
"""

from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension


class EscapeRawHtml(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


def make_markdown(settings: dict) -> Markdown:
    config = dict(settings["MARKDOWN"])
    config["extensions"] = [*config.get("extensions", []), EscapeRawHtml()]
    return Markdown(**config)
