"""The plain-text shortcut changes nothing but speed: same HTML as python-markdown's own processing."""

from __future__ import annotations

from pathlib import Path

import markdown
from hypothesis import example, given
from hypothesis import strategies as st
from markdown.inlinepatterns import SimpleTagInlineProcessor
from markdown.treeprocessors import InlineProcessor

import pelicanconf
from sitedata.markdown_text import ShortcutInlineProcessor, make_markdown

SETTINGS = {"MARKDOWN": pelicanconf.MARKDOWN}
REPO = Path(__file__).resolve().parents[2]

EVERY_INLINE_CONSTRUCT = """\
# Überschrift mit `Code` und *Betonung* {#anker}

Absatz mit **fett**, __auch fett__, *kursiv*, _kursiv_, ***beides*** und a * b _ c.
Zeilenumbruch am Ende \x20
nächste Zeile mit \\*Escape\\*, \\\\ doppeltem Backslash und \\`keinem Code\\`.

[Link](https://example.org/ "Titel"), [Referenz][ref], [ref], ![Bild](/b.png), ![Ref-Bild][ref]
und <https://example.org/autolink> sowie <kontakt@example.org>, &amp; &#228; &#xE4; &copy; & ;
Fußnote[^1] und `` Code mit ` Backtick `` und <b>rohes HTML</b> <script>alert(1)</script>.

*[HTML]: Hypertext Markup Language
HTML als Abkürzung.

[ref]: https://example.org/ref
[^1]: Die Fußnote mit *Betonung*.

| Termin | Ort *kursiv* |
| --- | :---: |
| 1. Juni | [Mittenstadt](/mittenstadt/) |
| 2. Juni | Bärenfels |

Begriff
:   Erklärung mit `Code`.

- Punkt ohne Zeichen \x20
  mit Zeilenumbruch
- Punkt mit [Link](/x/)

<div markdown="1">*in HTML*</div>
"""


def _without_shortcut() -> markdown.Markdown:
    """The site's renderer with python-markdown's own inline step back in place."""
    renderer = make_markdown(SETTINGS)
    renderer.treeprocessors.register(InlineProcessor(renderer), "inline", 20)
    return renderer


def test_the_site_configuration_uses_the_shortcut():
    # Fails when a Markdown upgrade changes a pattern: check the new ones and update CHECKED_PATTERNS.
    assert isinstance(make_markdown(SETTINGS).treeprocessors["inline"], ShortcutInlineProcessor)


def test_same_html_for_every_inline_construct_and_the_sites_own_text():
    stock, shortcut = _without_shortcut(), make_markdown(SETTINGS)
    texts = [EVERY_INLINE_CONSTRUCT] + [p.read_text(encoding="utf-8") for p in sorted(REPO.glob("content/**/*.md"))]
    for text in texts:
        assert shortcut.reset().convert(text) == stock.reset().convert(text)
    assert "<em>Escape</em>" not in shortcut.reset().convert(EVERY_INLINE_CONSTRUCT)


# Text made of the characters inline patterns look for, and of plain letters and line breaks.
markdownish = st.text(alphabet=st.sampled_from(list("`\\[]()!<>&;#*_ \n:@/.aäß1^|-")), max_size=80)


@given(markdownish)
@example("Zeile  \nnächste Zeile")
def test_same_html_for_any_text(text: str):
    assert make_markdown(SETTINGS).convert(text) == _without_shortcut().convert(text)


class Highlight(markdown.extensions.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.inlinePatterns.register(SimpleTagInlineProcessor(r"()==(.+?)==", "mark"), "mark", 5)


def test_an_unchecked_pattern_turns_the_shortcut_off():
    renderer = make_markdown({"MARKDOWN": {**pelicanconf.MARKDOWN, "extensions": [Highlight()]}})
    assert type(renderer.treeprocessors["inline"]) is InlineProcessor
    assert renderer.convert("ein ==Hinweis==") == "<p>ein <mark>Hinweis</mark></p>"
