"""Editors' Markdown: raw HTML is shown as text, the result is sanitised, Pelican's "meta" extension never applies."""

from __future__ import annotations

import pelicanconf
from sitedata.markdown_text import STANDARD_MARKDOWN, make_markdown

SETTINGS = {"MARKDOWN": pelicanconf.MARKDOWN}


def test_raw_html_is_text():
    html = make_markdown(SETTINGS).convert("<b>fett</b> <script>alert(1)</script>\n\n<div onclick='x()'>Block</div>")
    assert "<script>" not in html and "<b>" not in html and "<div" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_first_line_like_a_header_stays_text():
    settings = {"MARKDOWN": {**pelicanconf.MARKDOWN, "extensions": [*pelicanconf.MARKDOWN["extensions"], "meta"]}}
    assert make_markdown(settings).convert("Hinweis: bitte anmelden") == "<p>Hinweis: bitte anmelden</p>"


def test_tables_and_footnotes_from_extra():
    html = make_markdown(SETTINGS).convert("| A | B |\n| --- | --- |\n| 1 | 2 |\n\nText[^1]\n\n[^1]: Fußnote")
    assert "<table>" in html and 'class="footnote"' in html


def test_projects_loaded_without_pelican_render_like_the_build():
    assert STANDARD_MARKDOWN == pelicanconf.MARKDOWN


def test_every_renderer_sanitises():
    html = make_markdown(SETTINGS).convert('[a](javascript:alert(1)){: onclick="x" style="y" }')
    assert html == "<p><a>a</a></p>"
    unsanitised = make_markdown(SETTINGS, sanitised=False).convert("[a](javascript:alert(1))")
    assert unsanitised == '<p><a href="javascript:alert(1)">a</a></p>'


def test_table_alignment_is_dropped_not_reported():
    html = make_markdown(SETTINGS, sanitised=False).convert("| A | B |\n|:--|--:|\n| 1 | 2 |")
    assert "<th>A</th>" in html and "style" not in html
