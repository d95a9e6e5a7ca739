"""Split a Markdown file into its YAML front matter and its body."""

from __future__ import annotations

from dataclasses import dataclass

DELIMITER = "---"


@dataclass
class FrontMatter:
    yaml_text: str
    body: str
    line_offset: int  # lines before the YAML text (the opening delimiter)


def split(text: str) -> FrontMatter | None:
    """Return the front matter, or None if the file does not start with ``---``."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != DELIMITER:
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == DELIMITER:
            return FrontMatter("\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), 1)
    return None
