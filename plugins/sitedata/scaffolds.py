"""Starting points for editors: a news item, a course, a node (``invoke new-article`` etc.).

Each file is valid as written, and an existing file is never touched.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from .loader import Project
from .slugs import slugify


class AlreadyThere(FileExistsError):
    pass


def write_new(path: Path, text: str) -> Path:
    """Create a file for an editor; raises ``AlreadyThere`` rather than overwrite one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise AlreadyThere(
            f"{path} gibt es schon – nichts überschrieben. Bitte einen anderen Titel oder eine andere Kennung wählen."
        ) from None
    return path


def _yaml_text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def new_article(site: Path, title: str, day: str) -> Path:
    return write_new(
        site / "content" / "news" / f"{day}-{slugify(title)}.md",
        f"""---
title: {_yaml_text(title)}
date: {day}
summary: Ein bis zwei Sätze, die in Listen und Feeds erscheinen.
nodes: []
topics: []
courses: []
# Bild (optional): Datei unter content/images/ ablegen, dann die Zeilen ohne „# “ übernehmen.
# Handbuch (docs/redaktion.md), Abschnitt „Bilder“: Größe, Alternativtext und Bildnachweis.
# image:
#   src: images/dateiname.jpg
#   alt: Was auf dem Bild zu sehen ist, in einem Satz.
#   caption: Bildunterschrift (optional).
#   credit: "Foto: Quelle oder Rechteinhaber"
---
Text der Meldung in Markdown.
""",
    )


def new_course(
    site: Path,
    project: Project,
    title: str,
    topic: str | None,
    provider: str | None,
    node: str | None,
    kind: str | None,
) -> Path:
    topic = topic or next(iter(project.topics))
    provider = provider or next(iter(project.partners))
    node = node or next(iter(project.nodes), None)
    network = project.network
    # The network's own vocabulary: "Seminar" where it has one, else its first kind; a format one
    # takes part in on site when there is a node, else an online one (network.yml's course_formats).
    kind = kind or ("Seminar" if "Seminar" in network.course_kinds else network.course_kinds[0])
    attendance = "vor Ort" if node else "online"
    formats = network.course_formats
    course_format = next((f.id for f in formats if f.attendance == attendance), formats[0].id)
    start = dt.date.today() + dt.timedelta(days=60)
    place = f"    place:\n      node: {node}\n" if node else ""
    return write_new(
        site / "data" / "courses" / f"{slugify(title)}.yml",
        f"""# yaml-language-server: $schema=../../schemas/course.schema.json
title: {_yaml_text(title)}
summary: Ein bis zwei Sätze für Listen und Kalender.
description: |
  Beschreibung in Markdown: Inhalte, Ablauf, Nutzen.
kind: {kind}
topics: [{topic}]
provider: {provider}
target_group: Beschäftigte aus Unternehmen der Region
format: {_yaml_text(course_format)}
# Sprache, wenn nicht Deutsch: language: en
# Kosten: regular: 0 = kostenfrei; dazu ggf. reduced und reduced_for, oder statt regular
# on_request: true. Preis noch nicht bekannt? Abschnitt weglassen: „Kosten: noch nicht bekannt“.
# price:
#   regular: 0
# Kontakt für Fragen (Funktion, kein Name) und Mitveranstalter aus data/partners.yml:
# contact:
#   role: Kursbüro
#   email: kurse@example.org
# co_organisers: []
# Anmeldung nötig? required: true (dann url oder email) oder required: false (ohne Anmeldung).
# Unbekannt? Abschnitt weglassen: Die Seite zeigt dann „Anmeldung: keine Angabe“.
# registration:
#   required: true
#   url: https://www.example.org/anmeldung
runs:
  - id: {start:%Y-%m}
    status: geplant
{place}    registration_deadline: {start - dt.timedelta(days=14)}
    # Alle Plätze vergeben, aber mit Warteliste: status: ausgebucht und waiting_list: true
    # Regelmäßig, z. B. jeden ersten Mittwoch im Monat? Statt sessions eine Reihe (Handbuch:
    # „Regelmäßige Termine (Reihe)“); zum Verwenden „# “ entfernen und sessions löschen:
    # series:
    #   rhythm: monatlich
    #   ordinal: erster
    #   weekday: Mittwoch
    #   first_day: {start}
    #   last_day: {start + dt.timedelta(days=180)}
    #   start: 10:00
    #   end: 15:00
    sessions:
      - id: termin-1
        # Uhrzeit noch offen? Statt start und end nur das Datum: date: {start}
        start: {start} 09:00
        end: {start} 16:00
""",
    )


def new_node(
    site: Path, project: Project, name: str, host: str, district: str, postcode: str, lat, lon, street: str | None
) -> Path:
    contact = project.network.contact
    street_line = f"  street: {_yaml_text(street)}\n" if street else ""
    channel = next(
        f"  {key}: {_yaml_text(value)}\n" for key in ("phone", "email", "url") if (value := getattr(contact, key))
    )
    return write_new(
        site / "data" / "nodes" / f"{slugify(name)}.yml",
        f"""# yaml-language-server: $schema=../../schemas/node.schema.json
name: {_yaml_text(name)}
district: {_yaml_text(district)}
host: {host}
address:
{street_line}  postcode: "{postcode}"
  city: {_yaml_text(name)}
coordinates:
  lat: {float(lat)}
  lon: {float(lon)}
focus_topics: []
contact:
  role: {_yaml_text(contact.role)}
{channel}description: |
  Beschreibung des Standorts in Markdown.
""",
    )


def new_venue(site: Path, project: Project, name: str, postcode: str, city: str, street: str | None) -> Path:
    """A venue with its address; access and directions are left as comments, to be filled in
    only with what is known (an absent ``step_free`` shows as „keine Angabe“)."""
    street_line = f"  street: {_yaml_text(street)}\n" if street else ""
    return write_new(
        site / "data" / "venues" / f"{slugify(name)}.yml",
        f"""# yaml-language-server: $schema=../../schemas/venue.schema.json
name: {_yaml_text(name)}
address:
{street_line}  postcode: "{postcode}"
  city: {_yaml_text(city)}
# Nur eintragen, was gesichert bekannt ist; ohne Angabe zeigt die Kursseite „keine Angabe“.
# coordinates:
#   lat: 50.9
#   lon: 11.0
# step_free: ja  # oder nein, teilweise
# accessibility: Aufzug am Seiteneingang
# parking: Parkplätze am Haus
# public_transport: Bus 1, Haltestelle Markt
# directions_url: https://example.org/anfahrt/
""",
    )
