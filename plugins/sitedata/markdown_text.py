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
    # Front matter is YAML, read by the loader. Pelican's own Markdown reader adds the "meta"
    # extension to the shared settings, which would swallow a first line like "Hinweis: …".
    extensions = [e for e in config.get("extensions", []) if e not in ("meta", "markdown.extensions.meta")]
    config["extensions"] = [*extensions, EscapeRawHtml()]
    return Markdown(**config)
