"""Find links in editors' Markdown whose scheme could run code (javascript:, data:, …)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}

_LINK = re.compile(
    r"\]\(\s*<?(?P<inline>[^)\s>]+)"  # [text](url)
    r"|^\s*\[[^\]]+\]:\s*<?(?P<reference>\S+?)>?\s*$"  # [ref]: url
    r"|\b(?:href|src)\s*=\s*[\"']?(?P<html>[^\"'\s>]*)"  # raw HTML attributes
    r"|<(?P<auto>[a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>",  # <scheme:…>
    re.IGNORECASE | re.MULTILINE,
)


def forbidden_links(text: str) -> Iterator[tuple[int, str]]:
    """(line index within ``text``, url) for every link with a scheme other than http(s), mailto, tel."""
    for match in _LINK.finditer(text):
        url = next(value for value in match.groups() if value is not None)
        scheme = urlsplit(url.strip()).scheme.lower()
        if scheme and scheme not in ALLOWED_SCHEMES:
            yield text.count("\n", 0, match.start(match.lastgroup)), url
