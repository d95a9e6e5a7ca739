"""Find links in editors' Markdown whose scheme could run code (javascript:, data:, …)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}

_MARKDOWN_LINK = (
    r"\]\(\s*<?(?P<inline>[^)\s>]+)"  # [text](url)
    r"|^\s*\[[^\]]+\]:\s*<?(?P<reference>\S+?)>?\s*$"  # [ref]: url
    r"|<(?P<auto>[a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>"  # <scheme:…>
)
_HTML_LINK = r"|\b(?:href|src)\s*=\s*[\"']?(?P<html>[^\"'\s>]*)"  # raw HTML attributes
_LINK = re.compile(_MARKDOWN_LINK + _HTML_LINK, re.IGNORECASE | re.MULTILINE)
# Searching for href/src case-insensitively at every position was 80 % of the cost; most
# bodies contain neither word (casefold() matches what IGNORECASE matches, "ſrc" included),
# and most not even the "=" an attribute needs, which spares folding them.
_LINK_WITHOUT_HTML = re.compile(_MARKDOWN_LINK, re.IGNORECASE | re.MULTILINE)


def forbidden_links(text: str) -> Iterator[tuple[int, str]]:
    """(line index within ``text``, url) for every link with a scheme other than http(s), mailto, tel."""
    attributes = "=" in text and ("href" in (folded := text.casefold()) or "src" in folded)
    pattern = _LINK if attributes else _LINK_WITHOUT_HTML
    for match in pattern.finditer(text):
        url = next(value for value in match.groups() if value is not None)
        scheme = urlsplit(url.strip()).scheme.lower()
        if scheme and scheme not in ALLOWED_SCHEMES:
            yield text.count("\n", 0, match.start(match.lastgroup)), url
