"""Problems located in one source file: the line of the offending value, the field, the fix."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .markdown_text import MarkupCheck
from .problems import Problem, did_you_mean, one_of
from .yamlsource import Loc, YamlDocument, dotted

if TYPE_CHECKING:
    from .loader import Project
    from .sanitise import Removal

LINK_TARGETS = "http(s), mailto mit Adresse, tel oder Links innerhalb der Website"
# Characters that would break or reorder the one-line message: controls and bidi overrides.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def removal_message(removal: Removal) -> tuple[str, str]:
    """(message, expected) for something the sanitiser removed from an editor's Markdown."""
    value = _UNPRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", removal.value)
    value = value if len(value) <= 80 else value[:79] + "…"
    name, element = removal.attribute, removal.element
    if not name:
        return f"Element <{element}> ist nicht erlaubt und wurde entfernt", "Markdown ohne HTML-Elemente"
    if name == "href" and value.lower().strip().startswith("mailto:"):
        return f"Link-Ziel „{value}“ ohne E-Mail-Adresse wurde entfernt", "mailto:name@example.org"
    if name == "href":
        return f"Link-Ziel „{value}“ ist nicht erlaubt und wurde entfernt", LINK_TARGETS
    if name == "src":
        return f"Bildquelle „{value}“ ist nicht erlaubt und wurde entfernt", "ein Bild unter images/ oder https://"
    why = {"on": " (es würde ein Skript ausführen)", "style": " (die Gestaltung kommt von der Website)"}
    reason = why["on"] if name.startswith("on") else why["style"] if name in ("style", "class") else ""
    return (
        f"Attribut „{name}“ an <{element}> ist nicht erlaubt{reason} und wurde entfernt",
        "Markdown ohne Attributliste {: … }; erlaubt ist z. B. {: #anker } an Überschriften",
    )


class Located:
    """Builds problems for one source file."""

    def __init__(self, project: Project, display: str, problems: list[Problem], markup: MarkupCheck) -> None:
        self.display = display
        self.markup = markup
        self.sources = project.sources
        self.problems = problems
        self.unvalidated = project.unvalidated

    @property
    def doc(self) -> YamlDocument | None:
        # Asked for only when there is a problem to locate.
        return self.sources.get(self.display)

    def add(self, loc: Loc, message: str, expected: str = "") -> None:
        line = self.doc.line_of(loc) if self.doc else None
        self.problems.append(Problem(self.display, line, dotted(loc), message, expected))

    def markdown(self, loc: Loc, text: str | None) -> None:
        """What the sanitiser removes from a Markdown field; a multi-line block starts on the line below its key."""
        found = list(self.markup.removals(text)) if text else []
        if not found:
            return
        doc = self.doc
        start = (doc.line_of(loc) or 0) if doc else 0
        first = start + 1 if "\n" in text.strip() else start
        for index, removal in found:
            line = first + index if doc else None
            self.problems.append(Problem(self.display, line, dotted(loc), *removal_message(removal)))

    def refs(self, loc: Loc, ids: Iterable[str], known: dict, what: str) -> None:
        for index, ref in enumerate(ids):
            self.ref((*loc, index), ref, known, what)

    def ref(self, loc: Loc, ref: str | None, known: dict, what: str) -> None:
        # A record whose own file failed validation still exists: no second, misleading error.
        if ref is not None and ref not in known and ref not in self.unvalidated:
            self.add(
                loc,
                f"{what} „{ref}“ gibt es nicht{did_you_mean(ref, known)}",
                one_of(known) if known else "zuerst die Datei dafür anlegen",
            )
