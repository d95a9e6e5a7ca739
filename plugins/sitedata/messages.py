"""Turn pydantic validation errors into German problems an editor can act on."""

from __future__ import annotations

import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from .course_model import MAX_SESSIONS_PER_COURSE, MAX_SESSIONS_PER_RUN
from .models import EARLIEST_YEAR, LATEST_YEAR, MAX_MARKDOWN_LINES
from .problems import Problem, did_you_mean, one_of, shortened
from .yamlsource import Loc, YamlDocument, dotted

# Messages raised as ValueError("key[:detail]") by the validators of the *model.py modules.
_VALUE_ERRORS = {
    "url_scheme": ("Link-Art „{detail}“ ist nicht erlaubt", "eine Webadresse mit https:// oder http://"),
    "url_host": ("Adresse ist unvollständig", "z. B. https://www.example.org/anmeldung"),
    "url_space": ("Adresse enthält Leerzeichen", "eine Adresse ohne Leerzeichen"),
    "local_datetime": ("kein gültiger Zeitpunkt", "Ortszeit ohne Zeitzone: JJJJ-MM-TT HH:MM, z. B. 2027-03-04 09:00"),
    "date_format": ("kein gültiges Datum", "JJJJ-MM-TT, z. B. 2027-03-04"),
    "date_range": (
        "Jahr {detail} liegt außerhalb des erlaubten Bereichs",
        f"ein Datum in den Jahren {EARLIEST_YEAR} bis {LATEST_YEAR}",
    ),
    "markdown_lines": (
        "Text hat zu viele Zeilen ({detail})",
        f"höchstens {MAX_MARKDOWN_LINES:,} Zeilen".replace(",", ".")
        + "; Protokolle oder Tabellen nicht einfügen, lange Texte aufteilen",
    ),
    "sessions_per_course": (
        f"mehr als {MAX_SESSIONS_PER_COURSE} Termine in allen Durchführungen zusammen",
        f"höchstens {MAX_SESSIONS_PER_COURSE} Termine je Kurs; eine lange Reihe als eigenen Kurs anlegen",
    ),
    "timezone": ("unbekannte Zeitzone", "ein IANA-Name wie „Europe/Berlin“"),
    "path_dots": ("„..“ im Pfad ist nicht erlaubt", "eine Datei unter images/, z. B. images/foto.jpg"),
    "redirect_domain": (
        "„{detail}“ ist eine frühere Adresse mit Domain",
        "nur den Pfad ab dem ersten „/“, z. B. /aktuelles/alte-meldung/ statt https://…/aktuelles/alte-meldung/",
    ),
    "redirect_start": ("frühere Adresse „{detail}“ beginnt nicht mit „/“", "z. B. /aktuelles/alte-meldung/"),
    "redirect_chars": (
        "frühere Adresse „{detail}“ enthält Zeichen, die in einer Adresse nicht vorkommen dürfen",
        "Buchstaben ohne Umlaute, Ziffern, - _ . und / (kein doppeltes /, kein ? oder #), "
        "z. B. /aktuelles/alte-meldung/",
    ),
    "redirect_dots": (
        "„.“ oder „..“ in der früheren Adresse „{detail}“ ist nicht erlaubt",
        "z. B. /aktuelles/alte-meldung/",
    ),
    "language": (
        "unbekannter Sprachcode „{detail}“",
        "ein Sprachcode nach ISO 639-1 in Kleinbuchstaben, z. B. de, en, fr, pl, cs",
    ),
    "contact_channel": ("Kontakt ohne Erreichbarkeit", "mindestens eines von email, phone oder url"),
    "registration_channel": (
        "Anmeldung ist erforderlich (required: true), aber ohne Weg",
        "url oder email; oder required: false, wenn man ohne Anmeldung kommen kann",
    ),
    "session_date_and_time": (
        "Tag (date) und Uhrzeit (start/end) zugleich angegeben",
        "entweder start und end mit Uhrzeit oder, solange die Uhrzeit nicht feststeht, nur date: JJJJ-MM-TT",
    ),
    "session_no_date": (
        "Termin ohne Datum",
        "start und end (JJJJ-MM-TT HH:MM) oder, solange die Uhrzeit nicht feststeht, date: JJJJ-MM-TT",
    ),
    "session_end_without_start": (
        "Ende (end) ohne Beginn (start)",
        "start: JJJJ-MM-TT HH:MM ergänzen; steht die Uhrzeit noch nicht fest, statt end nur date: JJJJ-MM-TT",
    ),
    "session_start_without_end": (
        "Beginn (start) ohne Ende (end)",
        "end: JJJJ-MM-TT HH:MM ergänzen; steht die Uhrzeit noch nicht fest, statt start nur date: JJJJ-MM-TT",
    ),
    "local_time": ("keine gültige Uhrzeit", "HH:MM, z. B. 10:00"),
    "series_ordinal_missing": (
        "monatliche Reihe ohne „ordinal“",
        "ordinal: erster, zweiter, dritter, vierter oder letzter (z. B. erster Mittwoch im Monat)",
    ),
    "series_ordinal_weekly": (
        "„ordinal“ gibt es nur bei rhythm: monatlich",
        "ordinal weglassen oder rhythm: monatlich; jede zweite Woche: interval: 2",
    ),
    "series_last_before_first": (
        "letzter Tag (last_day) liegt vor dem ersten Tag (first_day)",
        "last_day ab first_day",
    ),
    "series_start_end": (
        "nur eine der Uhrzeiten start und end angegeben",
        "start und end (HH:MM) oder, solange die Uhrzeit nicht feststeht, keine von beiden",
    ),
    "series_end_before_start": (
        "Ende (end) liegt nicht nach dem Beginn (start)",
        "end nach start, z. B. start: 10:00, end: 15:00",
    ),
    "series_too_many": (
        "die Reihe ergibt {detail} Termine",
        f"höchstens {MAX_SESSIONS_PER_RUN} Termine je Durchführung; first_day/last_day enger fassen oder "
        "die Reihe auf mehrere Durchführungen aufteilen",
    ),
    "series_empty": (
        "die Reihe ergibt keinen einzigen Termin",
        "first_day und last_day so, dass der Wochentag (weekday, ordinal) dazwischen liegt",
    ),
    "place_both": (
        "mehr als ein Ort angegeben (node, venue oder eine eigene Adresse)",
        "genau eines: node: <Standort>, venue: <Veranstaltungsort aus data/venues/> "
        "oder name, street, postcode und city",
    ),
    "place_incomplete": (
        "Ort ist unvollständig",
        "node: <Standort>, venue: <Veranstaltungsort aus data/venues/> "
        "oder name, street, postcode und city des Veranstaltungsorts",
    ),
}

# Keys of earlier versions of the data model, with what replaces them.
_RENAMED = {
    "cost_eur": "price: mit regular: <Euro> (0 = kostenfrei); cost_eur heißt jetzt price.regular",
}

_TYPE_NAMES = {
    "string_type": "ein Text",
    "int_type": "eine ganze Zahl",
    "int_parsing": "eine ganze Zahl",
    "int_from_float": "eine ganze Zahl",
    "float_type": "eine Zahl",
    "float_parsing": "eine Zahl",
    "decimal_type": "eine Zahl",
    "decimal_parsing": "eine Zahl",
    "bool_type": "true oder false",
    "bool_parsing": "true oder false",
    "list_type": "eine Liste (Zeilen mit „- “)",
    "dict_type": "Schlüssel mit Werten (schluessel: wert)",
    "model_type": "Schlüssel mit Werten (schluessel: wert)",
    "model_attributes_type": "Schlüssel mit Werten (schluessel: wert)",
}


_NUMBER_PARSING = {"int_parsing", "float_parsing", "decimal_parsing", "decimal_type", "float_type", "int_type"}
# German decimal comma, e.g. 0,00 or 12,5 (YAML reads it as text).
_DECIMAL_COMMA = re.compile(r"^([-+]?[0-9]+),([0-9]+)$")


def described(key: str, detail: str = "") -> tuple[str, str]:
    """Message and expectation for one of our validators' keys (also used where no model validates)."""
    message, expected = _VALUE_ERRORS[key]
    return message.format(detail=detail), expected


def problems_from_validation(
    error: ValidationError, model: type[BaseModel], doc: YamlDocument, display: str, base: Loc = ()
) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False):
        loc: Loc = (*base, *item["loc"])
        message, expected = _describe(item, model, item["loc"])
        problems.append(Problem(display, doc.line_of(loc), dotted(loc), message, expected))
    return problems


def _describe(item: dict[str, Any], model: type[BaseModel], loc: Loc) -> tuple[str, str]:
    kind = item["type"]
    ctx = item.get("ctx") or {}
    value = item.get("input")
    if kind == "missing":
        return "Pflichtangabe fehlt", _field_description(model, loc) or "einen Wert"
    if kind == "extra_forbidden" and loc[-1] in _RENAMED:
        return f"Schlüssel „{loc[-1]}“ gibt es nicht mehr", _RENAMED[loc[-1]]
    if kind == "extra_forbidden":
        allowed = _field_names(model, loc[:-1])
        hint = did_you_mean(loc[-1], allowed)
        return f"unbekannter Schlüssel „{loc[-1]}“{hint}", "einer von: " + ", ".join(sorted(allowed))
    if kind == "literal_error":
        choices = [c.strip(" '") for c in ctx.get("expected", "").replace(" or ", ", ").split(",")]
        return f"„{value}“ ist nicht vorgesehen{did_you_mean(value, choices)}", one_of(choices)
    if kind == "string_pattern_mismatch":
        return f"„{value}“ hat nicht die erwartete Form", _field_description(model, loc) or ctx.get("pattern", "")
    if kind == "string_too_short":
        return "darf nicht leer sein", _field_description(model, loc) or f"mindestens {ctx.get('min_length')} Zeichen"
    if kind == "string_too_long":
        return f"zu lang ({len(str(value))} Zeichen)", f"höchstens {ctx.get('max_length')} Zeichen"
    if kind == "too_short":
        return "Liste ist leer", f"mindestens {ctx.get('min_length')} Eintrag/Einträge"
    if kind == "too_long":
        return (
            f"Liste ist zu lang ({ctx.get('actual_length')} Einträge)",
            f"höchstens {ctx.get('max_length')} Einträge",
        )
    if kind == "finite_number":
        return f"„{value}“ ist keine endliche Zahl", _field_description(model, loc) or "eine Zahl"
    if kind in ("decimal_max_digits", "decimal_whole_digits"):
        return f"{shortened(str(value))} hat zu viele Stellen", _field_description(model, loc) or "eine kleinere Zahl"
    if kind == "int_parsing_size":
        return "Zahl ist zu groß", _field_description(model, loc) or "eine kleinere Zahl"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = ctx.get("gt", ctx.get("ge", ctx.get("lt", ctx.get("le"))))
        relation = {
            "greater_than": "größer als",
            "greater_than_equal": "mindestens",
            "less_than": "kleiner als",
            "less_than_equal": "höchstens",
        }[kind]
        return f"{shortened(str(value))} liegt außerhalb des erlaubten Bereichs", f"eine Zahl {relation} {bound}"
    if kind == "decimal_max_places":
        return f"{shortened(str(value))} hat zu viele Nachkommastellen", "höchstens zwei Nachkommastellen (Cent)"
    if kind in ("date_from_datetime_inexact", "date_parsing", "date_type", "date_from_datetime_parsing"):
        return f"„{value}“ ist kein gültiges Datum", "JJJJ-MM-TT, z. B. 2027-03-04"
    if kind.startswith("datetime"):
        return (
            f"„{value}“ ist kein gültiger Zeitpunkt",
            "Ortszeit ohne Zeitzone: JJJJ-MM-TT HH:MM, z. B. 2027-03-04 09:00",
        )
    if kind == "value_error":
        key, _, detail = str(ctx.get("error", "")).partition(":")
        if key in _VALUE_ERRORS:
            return described(key, detail)
        return "ungültiger Wert", _field_description(model, loc) or "einen Wert der beschriebenen Art"
    if kind in _NUMBER_PARSING and isinstance(value, str) and (comma := _DECIMAL_COMMA.match(value.strip())):
        written = f"{comma[1]}.{comma[2]}"
        return f"„{value}“ ist keine Zahl (Komma)", f"Dezimalpunkt statt Komma: {written}"
    if kind == "string_type" and isinstance(value, bool):
        shown = "true" if value else "false"
        return f"„{shown}“ ist ein Wahrheitswert, kein Text", f'den Text in Anführungszeichen: "{shown}"'
    if kind in _TYPE_NAMES:
        shown = "nichts" if value is None else f"„{value}“"
        return f"{shown} hat den falschen Typ", _TYPE_NAMES[kind]
    # A kind no rule above names (pydantic's own messages are English): say so in German.
    return "ungültiger Wert", _field_description(model, loc) or "einen Wert der beschriebenen Art"


def _model_at(model: type[BaseModel], loc: Loc) -> tuple[type[BaseModel] | None, Any]:
    """Follow ``loc`` through the model's fields; return the model reached and the last field."""
    current: type[BaseModel] | None = model
    field = None
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field = current.model_fields.get(part) or next(
            (f for f in current.model_fields.values() if f.alias == part), None
        )
        if field is None:
            return None, None
        current = _inner_model(field.annotation)
    return current, field


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) in (
        typing.Union,
        list,
        typing.Annotated,
    ):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found:
                return found
    return None


def _field_names(model: type[BaseModel], loc: Loc) -> list[str]:
    inner, _ = _model_at(model, loc)
    if inner is None:
        return []
    return [f.alias or name for name, f in inner.model_fields.items()]


def _field_description(model: type[BaseModel], loc: Loc) -> str:
    _, field = _model_at(model, loc)
    if field is None:
        return ""
    if field.description:
        return field.description
    for meta in field.metadata:
        if getattr(meta, "description", None):
            return meta.description
    return ""
