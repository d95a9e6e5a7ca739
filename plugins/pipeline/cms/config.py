"""Decap CMS's config.yml, generated from the pydantic models' JSON Schemas (as ``invoke schemas``).

Every field of every model becomes a CMS field with the model's required flag, choice list
(select widget), pattern (with the type's German description as the message), limits and German
hint, so the web editor cannot drift from ``invoke check``. Only the German labels are kept here,
by field name (a field name means the same in every model); a field without one fails
tests/test_cms_config.py.
"""

from __future__ import annotations

from typing import Any

import yaml
from pydantic import TypeAdapter
from sitedata.course_model import Course
from sitedata.models import Date, LocalDateTime, Markdown, NewsMeta, PageMeta
from sitedata.network_model import Network, Partners, Topics
from sitedata.place_model import Node, Venue

LABELS = {
    "about": "Über das Netzwerk",
    "accent": "Akzentfarbe",
    "address": "Anschrift",
    "alt": "Alternativtext",
    "amount": "Fördersumme",
    "api_root": "API-Adresse",
    "app_id": "OAuth-Anwendung",
    "attribution": "Quellenangabe",
    "backend": "Dienst",
    "base_url": "Anmeldedienst",
    "branch": "Zweig",
    "capacity": "Teilnehmerplätze",
    "caption": "Bildunterschrift",
    "certificate": "Abschluss",
    "city": "Ort",
    "cms": "Web-Redaktion",
    "colours": "Farben",
    "consortium": "Verbund",
    "contact": "Kontakt",
    "coordinates": "Koordinaten",
    "attendance": "Teilnahme",
    "co_organisers": "Mitveranstalter",
    "course_formats": "Formate der Angebote",
    "course_kinds": "Arten von Angeboten",
    "courses": "Kurse",
    "credit": "Bildnachweis",
    "dark_mode": "Farben im dunklen Modus",
    "date": "Datum",
    "description": "Beschreibung",
    "district": "Landkreis",
    "editorial_workflow": "Entwürfe mit Freigabe",
    "email": "E-Mail",
    "end": "Ende",
    "end_date": "Letzter Tag",
    "example": "Beispieldaten",
    "exceptions": "Ausnahmen (fallen aus)",
    "extra": "Zusätzliche Tage",
    "first_day": "Erster Tag",
    "focus_note": "Hinweis zum Schwerpunkt",
    "focus_topics": "Schwerpunktthemen",
    "footer": "Im Fußbereich",
    "format": "Format",
    "funder": "Fördermittelgeber",
    "funding": "Förderung",
    "funding_note": "Hinweis zur Förderung",
    "host": "Träger",
    "id": "Kennung",
    "image": "Bild",
    "interval": "Abstand (jede n-te Woche bzw. jeder n-te Monat)",
    "intro": "Einleitung",
    "kind": "Art",
    "label": "Bezeichnung",
    "language": "Sprache",
    "last_day": "Letzter Tag",
    "lat": "Breitengrad",
    "logo": "Logo (SVG)",
    "lon": "Längengrad",
    "long_name": "Ausgeschriebener Name",
    "map": "Karte",
    "menu": "Position im Menü",
    "name": "Name",
    "node": "Standort",
    "nodes": "Standorte",
    "note": "Hinweis",
    "on_request": "Preis auf Anfrage",
    "online_access": "Online-Teilnahme",
    "notice": "Förderhinweis (Wortlaut)",
    "office_label": "Bezeichnung der Standorte",
    "opened": "Eröffnet am",
    "order": "Reihenfolge",
    "ordinal": "Der wievielte Wochentag im Monat",
    "organisation": "Organisation",
    "outline": "Umriss (GeoJSON-Datei)",
    "partner": "Partner",
    "partners": "Partner",
    "period": "Förderzeitraum",
    "phone": "Telefon",
    "place": "Ort",
    "plural": "Mehrzahl",
    "postcode": "Postleitzahl",
    "prerequisites": "Voraussetzungen",
    "price": "Kosten",
    "primary": "Hauptfarbe",
    "programme": "Förderprogramm",
    "provider": "Anbieter",
    "reason": "Grund der Absage",
    "redirect_from": "Frühere Adressen",
    "reduced": "Ermäßigter Preis (Euro)",
    "reduced_for": "Ermäßigung für",
    "region": "Region",
    "registration": "Anmeldung",
    "registration_deadline": "Anmeldeschluss",
    "regular": "Regulärer Preis (Euro)",
    "repo": "Repository",
    "required": "Anmeldung erforderlich",
    "rhythm": "Rhythmus",
    "role": "Rolle",
    "room": "Raum",
    "runs": "Durchführungen",
    "series": "Reihe (regelmäßige Termine)",
    "sessions": "Termine",
    "share_image": "Vorschaubild zum Teilen",
    "short_name": "Kurzname",
    "singular": "Einzahl",
    "site_url": "Adresse der Website",
    "slug": "Adresse (Slug)",
    "src": "Bilddatei",
    "start": "Beginn",
    "start_date": "Erster Tag",
    "status": "Status",
    "street": "Straße",
    "summary": "Zusammenfassung",
    "target_group": "Zielgruppe",
    "timezone": "Zeitzone",
    "title": "Titel",
    "topics": "Themen",
    "url": "Webadresse",
    "venue": "Veranstaltungsort",
    "venues": "Veranstaltungsorte",
    "step_free": "Stufenlos erreichbar",
    "accessibility": "Barrierefreiheit (Hinweis)",
    "parking": "Parken",
    "public_transport": "Bus und Bahn",
    "directions_url": "Anfahrtsbeschreibung (Link)",
    "waiting_list": "Warteliste",
    "weekday": "Wochentag",
    "workload_ue": "Umfang (UE)",
}

MEDIA_FOLDER, PUBLIC_FOLDER = "content/images", "images"  # NewsMeta.image.src: "images/…"
MARKDOWN_MAX = TypeAdapter(Markdown).json_schema()["maxLength"]
# Dates and local times get the browser's own date pickers; the value stays the text the models
# read (``2027-03-04``, ``2027-03-04 09:00``), and a news item's date names its file.
DATE_PATTERN = TypeAdapter(Date).json_schema()["pattern"]
DATETIME_PATTERN = TypeAdapter(LocalDateTime).json_schema()["pattern"]
PICKERS = {
    DATE_PATTERN: {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False},
    DATETIME_PATTERN: {"widget": "datetime", "format": "YYYY-MM-DD HH:mm", "date_format": "YYYY-MM-DD",
                       "time_format": "HH:mm"},
}  # fmt: skip
# Texts of a few sentences (summaries, alt texts) get a box of several lines; a plain Text (up to
# 2,000 characters, e.g. a name or a web address) one line.
TEXT_MIN, TEXT_MAX = 300, 2_000


def collections(network: Network) -> list[dict[str, Any]]:
    """The CMS's collections: every kind an editor writes, each from its model; a course's kind and
    format are chosen from the network's own (network.yml's course_kinds and course_formats)."""

    def body() -> dict[str, Any]:  # a new dict each time: YAML would write a shared one as an alias
        return {"name": "body", "label": "Text", "widget": "markdown", "required": True,
                "hint": "Der Text in Markdown (Absätze, **fett**, Listen, Links)."}  # fmt: skip

    return [
        {
            "name": "news", "label": "Meldungen", "label_singular": "Meldung", "folder": "content/news",
            "extension": "md", "format": "frontmatter", "create": True,
            "slug": "{{year}}-{{month}}-{{day}}-{{slug}}", "summary": "{{date}} – {{title}}",
            "sortable_fields": ["date", "title"], "fields": [*fields_of(NewsMeta), body()],
        },
        {
            "name": "pages", "label": "Seiten", "label_singular": "Seite", "folder": "content/pages",
            "extension": "md", "format": "frontmatter", "create": True, "slug": "{{slug}}",
            "fields": [*fields_of(PageMeta), body()],
        },
        {
            "name": "courses", "label": "Kurse und Termine", "label_singular": "Kurs", "folder": "data/courses",
            "extension": "yml", "format": "yml", "create": True, "slug": "{{slug}}",
            "fields": _with_vocabulary(fields_of(Course), network),
        },
        {
            "name": "nodes", "label": "Standorte", "label_singular": "Standort", "folder": "data/nodes",
            "extension": "yml", "format": "yml", "create": True, "slug": "{{slug}}", "identifier_field": "name",
            "fields": fields_of(Node),
        },
        {
            "name": "venues", "label": "Veranstaltungsorte", "label_singular": "Veranstaltungsort",
            "folder": "data/venues", "extension": "yml", "format": "yml", "create": True, "slug": "{{slug}}",
            "identifier_field": "name", "fields": fields_of(Venue),
        },
        {
            "name": "data", "label": "Netzwerk, Themen, Partner", "files": [
                {"name": "network", "label": "Netzwerk", "file": "data/network.yml", "fields": fields_of(Network)},
                {"name": "topics", "label": "Themen", "file": "data/topics.yml", "fields": fields_of(Topics)},
                {"name": "partners", "label": "Partner", "file": "data/partners.yml", "fields": fields_of(Partners)},
            ],
        },
    ]  # fmt: skip


MODELS = {"news": NewsMeta, "pages": PageMeta, "courses": Course, "nodes": Node, "venues": Venue,
          "network": Network, "topics": Topics, "partners": Partners}  # fmt: skip


def _with_vocabulary(fields: list[dict[str, Any]], network: Network) -> list[dict[str, Any]]:
    """A course's ``kind`` and ``format`` as selects of the network's values (labels for formats)."""
    choices = {
        "kind": list(network.course_kinds),
        "format": [{"label": entry.label, "value": entry.id} for entry in network.course_formats],
    }
    return [
        {**field, "widget": "select", "options": choices[field["name"]]} if field["name"] in choices else field
        for field in fields
    ]


def fields_of(model) -> list[dict[str, Any]]:
    schema = model.model_json_schema(mode="validation")
    return _object_fields(schema, schema.get("$defs", {}))


def _object_fields(schema: dict, defs: dict, within: str | None = None) -> list[dict[str, Any]]:
    """``within``: the label of an optional object this one is part of (a course's ``contact``, a
    news item's ``image``). Decap checks the fields inside even while that object is left empty
    and then refuses to save, so they are optional in the editor with a hint; ``invoke check``
    (run on every preview build) still names a half-filled one."""
    required = set(schema.get("required", ()))
    fields = []
    for name, prop in schema["properties"].items():
        field = _field(name, prop, name in required and within is None, defs, within)
        if name in required and within is not None:
            field["hint"] = (field.get("hint", "") + f" Pflicht, sobald „{within}“ ausgefüllt ist.").strip()
        fields.append(field)
    return fields


def _resolve(schema: dict, defs: dict) -> dict:
    while "$ref" in schema:
        schema = {**defs[schema["$ref"].rsplit("/", 1)[1]], **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


def _field(name: str, prop: dict, required: bool, defs: dict, within: str | None = None) -> dict[str, Any]:
    # ``X | None``: the one alternative that is not null.
    inner = [option for option in prop.get("anyOf", [prop]) if option.get("type") != "null"]
    kind = _resolve(inner[0], defs) if len(inner) == 1 else _number_or_text(inner)
    field: dict[str, Any] = {"name": name, "label": LABELS.get(name, name), "required": required}
    if hint := prop.get("description") or kind.get("description"):
        field["hint"] = hint
    field.update(_widget(kind, defs, within or (None if required else field["label"])))
    if "default" in prop and prop["default"] not in (None, [], ""):
        field["default"] = prop["default"]
    return field


def _number_or_text(options: list[dict]) -> dict:
    """A decimal (``price.regular``) is a number or a text of digits: the number it is."""
    return next(option for option in options if option.get("type") == "number")


def _widget(kind: dict, defs: dict, within: str | None = None) -> dict[str, Any]:
    if "properties" in kind:
        return {"widget": "object", "collapsed": False, "fields": _object_fields(kind, defs, within)}
    if kind.get("type") == "array":
        items = _resolve(kind["items"], defs)
        widget: dict[str, Any] = {"widget": "list"}
        if "properties" in items:
            widget["fields"] = _object_fields(items, defs)
        else:  # a list of ids: one text field per item, each checked like the id
            widget["field"] = {"name": "item", "label": LABELS["id"], **_widget(items, defs)}
        if "minItems" in kind:
            widget["min"] = kind["minItems"]
        if "maxItems" in kind:
            widget["max"] = kind["maxItems"]
        return widget
    if "enum" in kind:
        return {"widget": "select", "options": list(kind["enum"])}
    if kind.get("type") == "boolean":
        return {"widget": "boolean"}
    if kind.get("type") in ("integer", "number"):
        widget = {"widget": "number", "value_type": "int" if kind["type"] == "integer" else "float"}
        for bound, key in (("min", "minimum"), ("max", "maximum"), ("min", "exclusiveMinimum")):
            if key in kind:
                widget[bound] = kind[key] + (1 if key == "exclusiveMinimum" and kind["type"] == "integer" else 0)
        return widget
    widget = {"widget": "string"}
    if kind.get("pattern") in PICKERS:
        widget = dict(PICKERS[kind["pattern"]])
    elif kind.get("pattern", "").startswith("^images/"):
        widget = {"widget": "image", "choose_url": False}
    elif kind.get("maxLength", 0) >= MARKDOWN_MAX:
        widget = {"widget": "markdown"}
    elif TEXT_MIN <= kind.get("maxLength", 0) < TEXT_MAX:
        widget = {"widget": "text"}
    # The image widget chooses files from media_folder itself (and holds a draft's blob: address
    # until the save): the model's pattern, checked by `invoke check`, would refuse that.
    if "pattern" in kind and widget["widget"] != "image":
        widget["pattern"] = [kind["pattern"], _pattern_message(kind)]
    return widget


def _pattern_message(kind: dict) -> str:
    described = kind.get("description")
    return (
        f"Bitte so eingeben: {described}" if described else f"Bitte im erwarteten Format eingeben ({kind['pattern']})."
    )


def config(network: Network, local_backend: str | None = None) -> dict[str, Any]:
    """The whole configuration; ``local_backend``: decap-server's API address (``invoke cms``)."""
    settings: dict[str, Any] = {"locale": "de"}
    if network.cms:
        cms = network.cms
        backend = {"name": cms.backend, "repo": cms.repo, "branch": cms.branch}
        for key in ("base_url", "api_root", "app_id"):
            if value := getattr(cms, key):
                backend[key] = value
        if cms.app_id and cms.backend == "gitlab":
            backend["auth_type"] = "pkce"
        settings["backend"] = backend
        if cms.editorial_workflow:
            settings["publish_mode"] = "editorial_workflow"
    else:  # only `invoke cms`: the local proxy is the backend itself
        settings["backend"] = {"name": "proxy", "proxy_url": local_backend, "branch": "main"}
    if local_backend:
        settings["local_backend"] = {"url": local_backend}
    settings |= {
        "site_url": network.site_url,
        "media_folder": MEDIA_FOLDER,
        "public_folder": PUBLIC_FOLDER,
        # An optional field left empty is left out, as an editor would: "" fails min_length.
        "omit_empty_optional_fields": True,
        # File names are ids: a–z, 0–9 and hyphens (Id's pattern), umlauts spelt without accents.
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections(network),
    }
    return settings


def config_text(network: Network, local_backend: str | None = None) -> str:
    header = "# Generated from the models (plugins/pipeline/cms/config.py) – never edit by hand.\n"
    return header + yaml.safe_dump(config(network, local_backend), allow_unicode=True, sort_keys=False, width=120)
