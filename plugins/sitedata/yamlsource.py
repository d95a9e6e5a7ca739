"""Read YAML into plain Python data plus a map from data paths to source lines.

PyYAML alone loses line numbers, silently keeps the last of two duplicate keys,
expands aliases (the "billion laughs" attack) and turns dates into objects before
our models see them. We compose the node tree ourselves instead:

* every mapping key, list item and value remembers its line, so a validation error
  at ``runs[0].sessions[1].end`` can point at the right line;
* duplicate keys, aliases/anchors and non-standard tags are reported as problems;
* plain scalars are resolved by YAML 1.2 core-schema rules (see ``_Resolver``), so
  ``01067``, ``no`` and ``10:00`` stay what the editor typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

# Larger files are refused before parsing: no editor writes a 1 MiB course file,
# and a limit keeps a pasted blob from stalling the build.
MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 32

Loc = tuple[str | int, ...]

# C0/C1 control characters except tab and newline, and lone UTF-16 surrogates.
_FORBIDDEN_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_STANDARD_TAGS = _SCALAR_TAGS | {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


class _Resolver(yaml.resolver.BaseResolver):
    """Plain scalars resolved by YAML 1.2 core-schema rules, narrowed to what editors mean.

    YAML 1.1 (PyYAML's default) turns ``no``/``on`` into booleans, ``10:00`` into 600
    (sexagesimal) and ``01067`` into 567 (octal); editors typing postcodes, times and
    answers get surprises. Here only ``true``/``false`` are booleans, ``null``/``~``/empty
    is nothing, a number is decimal without a leading zero (``01067`` stays the text the
    editor typed) and timestamps stay text so that the models parse all dates alike.
    Explicit ``!!int`` etc. keep PyYAML's constructors.
    """


for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|(?:0|[1-9][0-9]*)(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+.0123456789",
    ),
):
    _Resolver.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


if yaml.__with_libyaml__:
    # libyaml's C parser composes about ten times faster than PyYAML's Python one.
    class _Composer(yaml.cyaml.CParser, yaml.constructor.SafeConstructor, _Resolver):
        def __init__(self, stream: str) -> None:
            yaml.cyaml.CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            _Resolver.__init__(self)

else:  # pragma: no cover - PyYAML built without libyaml

    class _Composer(
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        yaml.composer.Composer,
        yaml.constructor.SafeConstructor,
        _Resolver,
    ):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            _Resolver.__init__(self)


@dataclass
class YamlDocument:
    """Parsed YAML data and where each part of it stands in the file."""

    display: str  # the file's path as editors know it (a plain string: thousands are cached)
    data: Any = None
    lines: dict[Loc, int] = field(default_factory=dict)
    line_offset: int = 0  # for front matter that starts below line 1

    def line_of(self, loc: Loc) -> int | None:
        """The line of the deepest part of ``loc`` that exists in the file."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line + self.line_offset
        return None


def read_text(path: Path, display: str, problems: list[Problem]) -> str | None:
    """Read a UTF-8 text file, reporting size and encoding mistakes as problems."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(
                Problem(
                    display,
                    None,
                    "",
                    f"Datei ist zu groß ({size:,} Bytes)".replace(",", "."),
                    f"höchstens {MAX_FILE_BYTES:,} Bytes; Inhalt aufteilen oder kürzen".replace(",", "."),
                )
            )
            return None
        raw = path.read_bytes()
    except OSError as error:
        problems.append(
            Problem(display, None, "", f"Datei kann nicht gelesen werden ({error.strerror})", "eine lesbare Datei")
        )
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(
            Problem(
                display,
                line,
                "",
                "Datei ist nicht UTF-8-kodiert (z. B. Latin-1 aus einem alten Editor)",
                "als UTF-8 speichern",
            )
        )
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if bad := _FORBIDDEN_CHARACTER.search(text):
        line = text[: bad.start()].count("\n") + 1
        problems.append(
            Problem(
                display,
                line,
                "",
                f"Datei enthält das Steuerzeichen U+{ord(bad.group()):04X}",
                "reinen Text; das Zeichen löschen (oft beim Kopieren aus Textverarbeitungen entstanden)",
            )
        )
        return None
    return text


def parse_yaml(text: str, display: str, problems: list[Problem], line_offset: int = 0) -> YamlDocument | None:
    """Parse one YAML document (``display``: its path as editors know it); on any problem append it and return None."""
    document = YamlDocument(display=display, line_offset=line_offset)
    loader = _Composer(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 + line_offset if mark else None
        problems.append(
            Problem(
                display,
                line,
                "",
                f"YAML-Syntaxfehler: {_syntax_message(error, text, line_offset)}",
                "gültiges YAML (Einrückung mit Leerzeichen, Doppelpunkt nach jedem Schlüssel, "
                "Texte mit „:“ oder „#“ in Anführungszeichen)",
            )
        )
        return None
    except yaml.YAMLError as error:
        problems.append(Problem(display, None, "", f"YAML-Fehler: {error}", "gültiges YAML"))
        return None
    finally:
        loader.dispose()
    if root is None:
        return document
    fatal: list[Problem] = []
    document.data = _convert(root, (), document, loader, display, problems, fatal, 0, set())
    problems.extend(fatal)
    # Duplicate keys are reported but the file is still checked; broken structure stops here.
    return None if fatal else document


def _convert(
    node: yaml.Node,
    loc: Loc,
    doc: YamlDocument,
    loader: _Composer,
    display: str,
    problems: list[Problem],
    fatal: list[Problem],
    depth: int,
    seen: set[int],
) -> Any:
    line = node.start_mark.line + 1
    doc.lines.setdefault(loc, line)
    if id(node) in seen:
        # Both parsers give an alias (*name) the very node of its anchor (&name). Expanding it
        # could grow exponentially ("billion laughs"), so a second visit is refused.
        fatal.append(
            Problem(
                display,
                doc.lines[loc] + doc.line_offset,
                _dotted(loc),
                "Anker und Verweise (&name / *name) sind nicht erlaubt",
                "den Wert ausschreiben",
            )
        )
        return None
    seen.add(id(node))
    if depth > MAX_DEPTH:
        fatal.append(
            Problem(
                display,
                line + doc.line_offset,
                _dotted(loc),
                f"zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen)",
                "eine flachere Struktur",
            )
        )
        return None
    if node.tag not in _STANDARD_TAGS:
        fatal.append(
            Problem(
                display,
                line + doc.line_offset,
                _dotted(loc),
                f"unbekannter YAML-Typ {_shown(node.tag)}",
                "einfache Werte, Listen und Schlüssel ohne !-Typangabe",
            )
        )
        return None
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            try:
                key = _scalar(loader, key_node)
            except ValueError:
                fatal.append(
                    Problem(
                        display,
                        key_node.start_mark.line + 1 + doc.line_offset,
                        _dotted(loc),
                        f"Schlüssel passt nicht zur Typangabe {_shown(key_node.tag)}"
                        if isinstance(key_node, yaml.ScalarNode)
                        else "ein Schlüssel muss ein einfacher Text sein",
                        "schluessel: wert (der Schlüssel einfacher Text ohne !-Typangabe)",
                    )
                )
                continue
            if isinstance(key, bool | type(None)) or not isinstance(key, str | int):
                key = key_node.value
            key = str(key)
            key_loc = (*loc, key)
            if key in result:
                problems.append(
                    Problem(
                        display,
                        key_node.start_mark.line + 1 + doc.line_offset,
                        _dotted(key_loc),
                        f"Schlüssel doppelt (zuerst in Zeile {doc.lines[key_loc] + doc.line_offset})",
                        "jeden Schlüssel nur einmal",
                    )
                )
                continue
            doc.lines[key_loc] = key_node.start_mark.line + 1
            result[key] = _convert(value_node, key_loc, doc, loader, display, problems, fatal, depth + 1, seen)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(item, (*loc, index), doc, loader, display, problems, fatal, depth + 1, seen)
            for index, item in enumerate(node.value)
        ]
    try:
        value = _scalar(loader, node)
    except ValueError:
        fatal.append(
            Problem(
                display,
                line + doc.line_offset,
                _dotted(loc),
                f"Wert passt nicht zur Typangabe {_shown(node.tag)}",
                "den Wert ohne !!-Typangabe (Texte mit Sonderzeichen in Anführungszeichen)",
            )
        )
        return None
    if isinstance(value, str) and (bad := _FORBIDDEN_CHARACTER.search(value)):
        # Escapes like "\ud800" or "\x07" in quoted YAML would reach HTML, feeds and calendars.
        problems.append(
            Problem(
                display,
                line + doc.line_offset,
                _dotted(loc),
                f"unerlaubtes Zeichen U+{ord(bad.group()):04X} (Steuerzeichen oder halbes Unicode-Zeichen)",
                "normalen Text; das Zeichen löschen",
            )
        )
    return value


def _shown(tag: str) -> str:
    """A tag as editors write it: ``!!int``, not ``tag:yaml.org,2002:int``."""
    return tag.replace("tag:yaml.org,2002:", "!!")


def _scalar(loader: _Composer, node: yaml.Node) -> Any:
    """A scalar's value; ValueError for a node that is no scalar or does not fit its tag
    (``!!int abc``, ``!!map x``, ``!x``).

    Calls the tag's constructor straight away: ``construct_object``'s bookkeeping (recursion
    guard, memo, generators) is for collections, and was a fifth of parsing 6,000 files.
    """
    if not isinstance(node, yaml.ScalarNode) or node.tag not in _SCALAR_TAGS:
        raise ValueError(node.tag)
    try:
        return loader.yaml_constructors[node.tag](loader, node)
    except (KeyError, ValueError, yaml.YAMLError) as error:  # e.g. int("abc"), or "maybe" as a bool
        raise ValueError(node.tag) from error


# libyaml's messages (and PyYAML's where they differ), in the editors' language; the first
# English fragment a message contains decides. Editors see German only.
_SYNTAX_MESSAGES = {
    "mapping values are not allowed": "Doppelpunkt an unerwarteter Stelle",
    "could not find expected ':'": "Doppelpunkt nach dem Schlüssel fehlt",
    "found unexpected ':'": "Doppelpunkt an unerwarteter Stelle",
    "found unexpected end of stream": "Datei endet mitten in einem Wert (Anführungszeichen nicht geschlossen?)",
    "tab character": "Tabulator statt Leerzeichen",
    "did not find expected key": "Einrückung passt nicht",
    "did not find expected '-' indicator": "Einrückung der Liste passt nicht",
    "expected <block end>, but found '-'": "Einrückung der Liste passt nicht",
    "block sequence entries are not allowed": "Listeneintrag „- “ an unerwarteter Stelle",
    "expected <block end>": "Einrückung passt nicht",
    "did not find expected node content": "Wert fehlt oder beginnt mit einem Sonderzeichen",
    "did not find expected ',' or ']'": "Liste in [ ] nicht geschlossen",
    "did not find expected ',' or '}'": "Angaben in { } nicht geschlossen",
    "found invalid Unicode character escape code": "ungültiges Zeichen in einer \\u-Angabe",
    "found unknown escape character": "unbekannte Angabe nach „\\“ in Anführungszeichen (Pfad? einfache Anführungszeichen nehmen)",
    "cannot start any token": "Zeichen an dieser Stelle nicht erlaubt (Text mit Sonderzeichen in Anführungszeichen setzen)",
    "found undefined tag handle": "unbekannte !-Typangabe",
    "found undefined alias": "Verweis (*name) ohne Anker",
    "but found another document": "mehr als ein Dokument (Zeile „---“ in der Datei)",
    "expected <document start>": "mehr als ein Dokument (Zeile „---“ in der Datei)",
    "control characters are not allowed": "Steuerzeichen in der Datei",
    "while scanning a quoted scalar": "Anführungszeichen nicht geschlossen",
    "while scanning a simple key": "Schlüssel ohne Doppelpunkt",
    "while parsing": "Aufbau passt nicht",
}


def _syntax_message(error: yaml.MarkedYAMLError, text: str, line_offset: int) -> str:
    original = error.problem or error.context or "unbekannt"
    found = error.problem_mark
    line_text = text.split("\n")[found.line] if found and found.line < text.count("\n") + 1 else ""
    if "cannot start any token" in original and "\t" in line_text[: len(line_text) - len(line_text.lstrip())]:
        message = _SYNTAX_MESSAGES["tab character"]
    else:
        message = next((de for en, de in _SYNTAX_MESSAGES.items() if en in original), None)
        context = error.context or ""
        message = message or next((de for en, de in _SYNTAX_MESSAGES.items() if en in context), "Aufbau passt nicht")
    # An unclosed bracket or quote is noticed lines later; say where it began.
    start = error.context_mark
    if start and found and start.line != found.line:
        message += f", begonnen in Zeile {start.line + 1 + line_offset}"
    return message


def _dotted(loc: Loc) -> str:
    """``('runs', 0, 'sessions')`` -> ``runs[0].sessions``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


dotted = _dotted
