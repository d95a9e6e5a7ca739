"""Editor-facing problems: where, which field, what is wrong, what is expected.

Every mistake in content/ or data/ becomes one ``Problem`` and is printed as
``path:line: field: what is wrong — what is expected``. Messages are German
because the editors are.
"""

from __future__ import annotations

import difflib
import logging
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

# Between INFO and WARNING: what ``invoke build`` shows, which never fails the build the way
# Pelican's fatal warnings do (a calendar cut to its size cap, a preview without git history).
NOTICE = logging.WARNING - 5
logging.addLevelName(NOTICE, "HINWEIS")

QUOTE_LIMIT = 60  # characters of a quoted value shown in a message; the rest becomes „…“
LINE_LIMIT = 600  # and of a whole message line, for a value echoed without quotes

_QUOTED = re.compile("„([^„“]*)“")


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int | None
    field: str
    message: str
    expected: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        expected = f" — erwartet: {self.expected}" if self.expected else ""
        return readable(f"{where}:{field} {self.message}{expected}")


class DataProblems(Exception):
    """Raised when content or data cannot be built; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.field, p.message))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        noun = "Problem" if count == 1 else "Probleme"
        lines = [str(problem) for problem in self.problems]
        lines.append(f"{count} {noun} gefunden – es wurde nichts veröffentlicht.")
        return "\n".join(lines)


class FileProblem(ValueError):
    """A file an editor named cannot be used: what is wrong and what is expected, in German.

    The caller knows where the file was named and turns this into a located ``Problem``.
    """

    def __init__(self, message: str, expected: str) -> None:
        super().__init__(message)
        self.message, self.expected = message, expected


class ProblemsWhileRendering(BaseException):
    """Problems found after validation, while Pelican reads a file (a text too hard to convert).

    A BaseException: Pelican catches every Exception of a reader and logs only the file's name;
    this one reaches the build, which reports it like any other problem.
    """

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems


def did_you_mean(word: str, choices: Any) -> str:
    """`` (meinten Sie „title“?)`` when a close match exists, else an empty string."""
    matches = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (meinten Sie „{matches[0]}“?)" if matches else ""


def one_of(choices: Any) -> str:
    return "einer von: " + ", ".join(f"„{c}“" for c in choices)


def visible(text: str) -> str:
    """Invisible characters (zero-width, direction marks, control and odd space characters) as «U+200B»:
    an editor must see what is wrong, and a terminal must not be steered by the message."""
    if text.isprintable():  # none of them (Python's "printable" is exactly not _invisible)
        return text
    return "".join(f"«U+{ord(ch):04X}»" if _invisible(ch) else ch for ch in text)


def _invisible(ch: str) -> bool:
    if ch == " ":
        return False
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp")


def shortened(text: str, limit: int = QUOTE_LIMIT) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def readable(line: str) -> str:
    """A message line as printed: each quoted value at most ``QUOTE_LIMIT`` characters (a pasted
    400 KB value is not echoed whole), invisible characters shown."""
    return visible(shortened(_QUOTED.sub(lambda quoted: f"„{shortened(quoted.group(1))}“", line), LINE_LIMIT))
