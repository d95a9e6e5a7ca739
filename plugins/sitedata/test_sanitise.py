"""The sanitiser after Markdown: what editors' HTML may contain, what is removed, what is reported.

The property test renders Markdown built from hostile constructs and holds three promises:
the published HTML has no script, event handler, style or foreign link scheme (checked with
lxml and a URL reading of its own, not the sanitiser's); everything the sanitiser removes is
reported; and the shortcut that skips rendering during validation never skips a text that
loses something.
"""

from __future__ import annotations

import os
import re
from collections import Counter

import lxml.html
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import pelicanconf
from sitedata.markdown_text import MarkupCheck, could_lose_markup, make_markdown
from sitedata.sanitise import Removal, removed_markup, sanitise

SETTINGS = {"MARKDOWN": pelicanconf.MARKDOWN}
SAFE = make_markdown(SETTINGS)
RAW = make_markdown(SETTINGS, sanitised=False)

# Every attribute that holds a URL in HTML, SVG or MathML, as lxml names it.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "cite", "data", "background"}
URL_ATTRIBUTES |= {"srcset", "longdesc", "codebase", "manifest", "ping", "dynsrc", "lowsrc", "usemap"}
SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):", re.IGNORECASE)


def scheme_as_browsers_read_it(value: str) -> str | None:
    """WHATWG URL parsing up to the scheme: C0 controls and spaces at the ends go, tabs and line breaks anywhere."""
    url = value.strip("".join(map(chr, range(0x21)))).replace("\t", "").replace("\n", "").replace("\r", "")
    match = SCHEME.match(url)
    return match.group(1).lower() if match else None


def assert_safe(fragment: str) -> None:
    """No script, no event handler, no style and only allowed link schemes in an HTML fragment."""
    if not fragment.strip():
        return
    for element in lxml.html.fragment_fromstring(fragment, create_parent="div").iter():
        if not isinstance(element.tag, str):
            continue  # comments, processing instructions
        assert element.tag.lower() not in {"script", "style", "iframe", "object", "embed", "form", "svg", "math"}
        for name, value in element.attrib.items():
            name = name.lower()
            assert not name.startswith("on"), f"event handler {name}={value!r} in {fragment!r}"
            assert name != "style", f"style={value!r} in {fragment!r}"
            if name.split("}")[-1] in URL_ATTRIBUTES or name in URL_ATTRIBUTES:
                scheme = scheme_as_browsers_read_it(value)
                assert scheme in (None, "http", "https", "mailto", "tel"), f"{name}={value!r} in {fragment!r}"
                if scheme == "mailto":
                    assert "@" in value, f"mailto without an address in {fragment!r}"


def _markup(fragment: str) -> Counter:
    found: Counter = Counter()
    if fragment.strip():
        for element in lxml.html.fragment_fromstring(fragment, create_parent="div").iter():
            if isinstance(element.tag, str):
                found[(element.tag, "")] += 1
                found.update((element.tag, name) for name in element.attrib)
    return found


# --- The four cases of issue 24, and what is kept -------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "removed"),
    [
        ("[Anmeldung](&#106;avascript:alert(1))", Removal("a", "href", "javascript:alert(1)")),
        ('[r]\n\n[r]: javascript:alert(1) "Titel"', Removal("a", "href", "javascript:alert(1)")),
        ('[Link](https://example.org){: onmouseover="alert(1)" }', Removal("a", "onmouseover", "alert(1)")),
        ('Absatz\n{: onclick="alert(2)" }', Removal("p", "onclick", "alert(2)")),
        ("[Mail](mailto:)", Removal("a", "href", "mailto:")),
        ('[ok](https://example.org){: href="javascript:alert(3)" }', Removal("a", "href", "javascript:alert(3)")),
        ("[x](<javascript: alert(1)>)", Removal("a", "href", "javascript: alert(1)")),
        ("![Bild](data:image/svg+xml;base64,PHN2Zz4=)", Removal("img", "src", "data:image/svg+xml;base64,PHN2Zz4=")),
        ('## Titel {: style="color: red" }', Removal("h2", "style", "color: red")),
        ("Text {: .button }\n{: .button }", Removal("p", "class", "button")),
    ],
)
def test_hostile_markup_is_removed_and_reported(markdown, removed):
    html = SAFE.reset().convert(markdown)
    assert_safe(html)
    assert removed in removed_markup(RAW.reset().convert(markdown))
    assert could_lose_markup(markdown)


def test_what_the_site_writes_is_kept():
    markdown = (
        "## Anmeldung {: #anmeldung }\n\n"
        "Text mit **fett**, *kursiv*, `code`, [extern](https://example.org/a?b=1&c=2#d), "
        "[intern](/kurse/kurs/), [Datei]({filename}/news/a.md), [Anker](#anmeldung), "
        "[Mail](mailto:info@example.org?subject=Frage), [Telefon](tel:+49-361-1234) und <info@example.org>.\n\n"
        '![Foto](images/foto.jpg "Titel")\n\n'
        "3. drei\n4. vier\n\n> Zitat\n\nBegriff\n:   Erklärung\n\n"
        "| A | B |\n|:--|--:|\n| 1 | 2 |\n\n```python\nx = 1\n```\n\n*[WLAN]: drahtloses lokales Netzwerk\n\n"
        "Das WLAN[^1].\n\n[^1]: Fußnote\n\n---\n"
    )
    raw = RAW.reset().convert(markdown)
    assert removed_markup(raw) == []
    html = SAFE.reset().convert(markdown)
    assert _markup(html) == _markup(raw)
    for kept in (
        'id="anmeldung"',
        'href="https://example.org/a?b=1&amp;c=2#d"',
        'href="{filename}/news/a.md"',
        'href="mailto:info@example.org"',
        '<ol start="3">',
        'class="language-python"',
        '<abbr title="drahtloses lokales Netzwerk">',
        'class="footnote-ref"',
        '<img alt="Foto" src="images/foto.jpg" title="Titel">',
    ):
        assert kept in html
    assert "style=" not in raw, "table alignment is dropped before the sanitiser"
    assert "rel=" not in html, "no rel added: links stay as written"


def test_output_is_deterministic():
    markdown = '[a](https://example.org){: title="t" onclick="x" }\n{: #p onclick="y" }'
    assert len({SAFE.reset().convert(markdown) for _ in range(5)}) == 1


def test_removals_are_located_on_the_line_that_shows_them():
    check = MarkupCheck(pelicanconf.MARKDOWN)
    text = (
        "Erste Zeile: ohne Link.\n\n"
        "[Anmeldung](&#106;avascript:alert(1)) und [Mail](mailto:)\n\n"
        '[Link](https://example.org){: onmouseover="alert(1)" }\n\n'
        'Absatz\n{: onclick="alert(2)" }\n\n'
        "[r]\n\n"
        '[r]: vbscript:msgbox "Titel"\n'
    )
    assert sorted(check.removals(text)) == [
        (2, Removal("a", "href", "javascript:alert(1)")),
        (2, Removal("a", "href", "mailto:")),
        (4, Removal("a", "onmouseover", "alert(1)")),
        (7, Removal("p", "onclick", "alert(2)")),
        (11, Removal("a", "href", "vbscript:msgbox")),
    ]
    assert list(check.removals("Hinweis: [gut](https://example.org/) um 9:00 Uhr. Übrigens: ja.")) == []


# --- Generated hostile Markdown -------------------------------------------------------------

SCHEMES = [
    "javascript", "JaVaScRiPt", "vbscript", "data", "java\tscript", "java\nscript", " javascript",
    "\x01javascript", "jav&#x09;ascript", "&#106;avascript", "&#x6A;avascript", "&#0000106;avascript",
    "javas&#99;ript", "java\u202escript", "\u202ejavascript", "ja\\vascript", "java\\.script",
    "https", "http", "HTTPS", "mailto", "tel", "ftp", "webcal", "file",
]  # fmt: skip
COLONS = [":", "&colon;", "&#58;", "&#x3a;", "&#X3A;", ": ", "\t:"]
TARGETS = [
    "alert(1)", "", "//example.org/", "//example.org", "a@example.org", "info@example.org?subject=x",
    " alert(1)", "text/html;base64,PHNjcmlwdD4=", "//[", "//xn--zz.de", "//1.2.3.999", "//a b",
    "//example.org:99999", "alert(document.cookie)//", "+49 361",
]  # fmt: skip
RELATIVE = ["/kurse/a/", "#anker", "../x", "{filename}/news/a.md", "?q=1", "", "//example.org"]


@st.composite
def urls(draw):
    if draw(st.integers(0, 4)) == 0:
        return draw(st.sampled_from(RELATIVE))
    return draw(st.sampled_from(SCHEMES)) + draw(st.sampled_from(COLONS)) + draw(st.sampled_from(TARGETS))


ATTRIBUTES = [
    'onclick="alert(1)"', "onmouseover=alert(1)", "ONCLICK='x'", 'style="color:red"', "#anker", ".button",
    'formaction="javascript:x"', 'xlink:href="javascript:x"', 'title="t"', 'width="10"',
]  # fmt: skip
RAW_HTML = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '<a href="javascript:x">x</a>',
    '<svg><a xlink:href="javascript:x">s</a></svg>', "<iframe src=javascript:x>", "<!-- x -->",
    "<form action=javascript:x><button formaction=javascript:x>b</button></form>", "<style>*{}</style>",
    "<div markdown=1>[x](javascript:y)</div>",
]  # fmt: skip
TEXT = [
    "Hinweis: ",
    "Text",
    "\u202e",
    "\u2066",
    "\x0b",
    "\x1b",
    "\r",
    "&amp;",
    "&#0;",
    "*",
    "_",
    "`",
    "\\",
    "9:00 ",
    "ü",
]


@st.composite
def hostile_markdown(draw):
    url, other = draw(urls()), draw(urls())
    attribute = "{: " + " ".join(draw(st.lists(st.sampled_from(ATTRIBUTES), min_size=1, max_size=3))) + " }"
    text = draw(st.sampled_from(TEXT))
    pieces = st.sampled_from(
        [
            f"[{text}]({url})",
            f"[t](<{url}>)",
            f'[t]( {url} "Titel")',
            f"[t]({text}{url})",
            f"[t]( {text}\n{url})",
            f"**{text}{url}**",
            f'[t][r]\n\n[r]: {url} "Titel"\n',
            f"[r]\n\n[r]:\n    {url}\n",
            f"<{url}>",
            f"![alt]({url})",
            f"[[a]({url})]({other})",
            f"[t]({url}){attribute}",
            f"Absatz{text}\n{attribute}",
            f"## Titel {attribute}",
            f"![alt]({url}){attribute}",
            f"```\n{url}\n```",
            f"    {url}",
            f"> [z]({url})",
            f"- [l]({url})",
            f"| a |\n|---|\n| [z]({url}) |",
            f"Text[^1]\n\n[^1]: [f]({url})",
            draw(st.sampled_from(RAW_HTML)),
            text,
        ]
    )
    separators = st.sampled_from(["", " ", "\n", "\n\n"])
    parts = draw(st.lists(st.tuples(pieces, separators), min_size=1, max_size=5))
    return "".join(piece + separator for piece, separator in parts)


@settings(
    max_examples=300,
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow],
)
@given(hostile_markdown())
@example("[Anmeldung](&#106;avascript:alert(1))")
@example('[x][r]\n\n[r]: javascript:alert(1) "Titel"')
@example('[Link](https://example.org){: onmouseover="alert(1)" }')
@example('Absatz\n{: onclick="alert(2)" }')
@example("[Mail](mailto:)")
@example("[t](`javascript:alert(1))[t](`javascript:alert(1))")  # a code span in the link target
def test_hostile_markdown_never_becomes_script_and_every_removal_is_reported(markdown):
    raw = RAW.reset().convert(markdown)
    html = SAFE.reset().convert(markdown)
    assert html == sanitise(raw).strip()
    assert_safe(html)
    removed = removed_markup(raw)
    if not removed:
        assert _markup(html) == _markup(raw), "something was removed without a report"
    if not could_lose_markup(markdown):
        assert not removed, f"validation would not have rendered {markdown!r}"
