"""Editor-facing problems: where, which field, what is wrong, what is expected.

Every mistake in content/ or data/ becomes one ``Problem`` and is printed as
``path:line: field: what is wrong — what is expected``. Messages are German
because the editors are.
"""

from __future__ import annotations

import difflib
import logging
from dataclasses import dataclass
from typing import Any

# Between INFO and WARNING: what ``invoke build`` shows, which never fails the build the way
# Pelican's fatal warnings do (a calendar cut to its size cap, a preview without git history).
NOTICE = logging.WARNING - 5
logging.addLevelName(NOTICE, "HINWEIS")


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
        return f"{where}:{field} {self.message}{expected}"


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


def did_you_mean(word: str, choices: Any) -> str:
    """`` (meinten Sie „title“?)`` when a close match exists, else an empty string."""
    matches = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (meinten Sie „{matches[0]}“?)" if matches else ""


def one_of(choices: Any) -> str:
    return "einer von: " + ", ".join(f"„{c}“" for c in choices)
