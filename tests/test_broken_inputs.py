"""Every kind of editor mistake ends in a located, specific message, exit 1, and an untouched output/.

Each case edits a copy of tests/fixtures/minimal (a valid site) in one way and runs the
real ``invoke build``. The expected line is where the edit stands in the edited file.
"""

from __future__ import annotations

import io
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import build, copy_fixture, invoke, tree_digest
from PIL import Image as PilImage

pytestmark = pytest.mark.slow  # builds whole sites (see README: the fast inner loop)

COURSE = "data/courses/kurs.yml"
NODE = "data/nodes/mitte.yml"
VENUE = "data/venues/stadthalle.yml"
NEWS = "content/news/2026-10-01-meldung.md"
NETWORK = "data/network.yml"
PARTNERS = "data/partners.yml"


@dataclass
class Case:
    name: str
    edit: Callable[[Path], None]
    path: str
    field: str
    message: str
    needle: str | None = None  # the line is the first line of the edited file containing this
    occurrence: int = 1  # … or its n-th line containing it
    line: int | None = None  # or given directly (None with no needle: no line, e.g. file-level problems)


def replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(site: Path) -> None:
        file = site / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"fixture changed: {old!r} not in {path}"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def write(path: str, content: bytes) -> Callable[[Path], None]:
    def edit(site: Path) -> None:
        (site / path).write_bytes(content)

    return edit


def symlink(path: str, target: str) -> Callable[[Path], None]:
    def edit(site: Path) -> None:
        (site / path).symlink_to(target)

    return edit


def fifo(path: str) -> Callable[[Path], None]:
    def edit(site: Path) -> None:
        os.mkfifo(site / path)

    return edit


def image_link(path: str, target: str) -> Callable[[Path], None]:
    def edit(site: Path) -> None:
        (site / "content/images").mkdir(exist_ok=True)
        (site / path).symlink_to(target)

    return edit


def with_image(name: str, data: bytes, path: str, old: str, new: str) -> Callable[[Path], None]:
    """An image file under content/images/ and a reference to it in ``path``."""

    def edit(site: Path) -> None:
        (site / "content/images").mkdir(exist_ok=True)
        (site / "content/images" / name).write_bytes(data)
        replace(path, old, new)(site)

    return edit


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    PilImage.new("1", (width, height)).save(out, "PNG")
    return out.getvalue()


NEWS_IMAGE = "courses: [kurs]\nimage:\n  src: images/{name}\n  alt: Ein Bild vom Seminar\n  credit: 'Foto: Büro'\n"


def link_loop(site: Path) -> None:
    (site / "data/courses/a.yml").symlink_to("b.yml")
    (site / "data/courses/b.yml").symlink_to("a.yml")


def renamed(path: str, new: str) -> Callable[[Path], None]:
    def edit(site: Path) -> None:
        (site / path).rename(site / new)

    return edit


def copied(path: str, new: str) -> Callable[[Path], None]:
    def edit(site: Path) -> None:
        shutil.copy(site / path, site / new)

    return edit


def appended(path: str, text: str) -> Callable[[Path], None]:
    def edit(site: Path) -> None:
        with (site / path).open("a", encoding="utf-8") as file:
            file.write(text)

    return edit


def case(
    name: str, path: str, old: str, new: str, field: str, message: str, needle: str | None = None, occurrence: int = 1
) -> Case:
    return Case(name, replace(path, old, new), path, field, message, needle or new.strip().splitlines()[0], occurrence)


# The minimal fixture's second run, whose one session becomes a series in the series cases.
AUTUMN_SESSIONS = "    sessions:\n      - id: tag-1\n        start: 2027-10-05 09:00\n        end: 2027-10-05 16:00\n"
SERIES = (
    "    series:\n      rhythm: wöchentlich\n      weekday: Mittwoch\n      first_day: 2027-10-01\n"
    "      last_day: 2027-10-31\n      start: 09:00\n      end: 16:00\n"
)


def series_case(name: str, old: str, new: str, field: str, message: str, needle: str = "series:") -> Case:
    """The autumn run as a weekly series (Wednesdays in October 2027), with one edit."""
    assert old in SERIES
    return Case(name, replace(COURSE, AUTUMN_SESSIONS, SERIES.replace(old, new, 1)), COURSE, field, message, needle)


def edits(*steps: Callable[[Path], None]) -> Callable[[Path], None]:
    def edit(site: Path) -> None:
        for step in steps:
            step(site)

    return edit


def folder_file(path: str, content: bytes) -> Callable[[Path], None]:
    """A file in a folder the fixture does not have yet (data/identity/, data/map/)."""

    def edit(site: Path) -> None:
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(content)

    return edit


def colours(primary: str = "#0b4f8a", dark_accent: str = "#b5d9ff") -> str:
    return (
        f'colours:\n  primary: "{primary}"\n  accent: "#083a66"\n'
        f'  dark_mode:\n    primary: "#8cc4ff"\n    accent: "{dark_accent}"\n'
    )


SQUARE = b'{"type": "Polygon", "coordinates": [[[10, 50], [12, 50], [12, 52], [10, 52], [10, 50]]]}'
MAP = "map:\n  name: Testland\n  outline: map/region.geojson\n  attribution: Testumriss\n"


CASES = [
    # Output paths two sources would write: named at the source an editor can change.
    Case(
        "page titled like the network page",
        write("content/pages/netz.md", b"---\ntitle: Netzwerk\n---\nText.\n"),
        "content/pages/netz.md",
        "title",
        "Adresse „/netzwerk/“ ist schon vergeben an die Netzwerkseite — erwartet: einen anderen Titel",
        line=2,
    ),
    Case(
        "page slug of the catalogue",
        write("content/pages/liste.md", b"---\ntitle: Liste\nslug: kurse\n---\nText.\n"),
        "content/pages/liste.md",
        "slug",
        "Adresse „/kurse/“ ist schon vergeben an die Kursübersicht — erwartet: einen anderen Titel oder ein eigenes „slug:“",
        line=3,
    ),
    case(
        "office slug of the news",
        NETWORK,
        "slug: bueros",
        "slug: aktuelles",
        "office_label.slug",
        "Adresse „/aktuelles/“ ist schon vergeben an die Meldungsübersicht — erwartet: ein anderes slug",
    ),
    Case(
        "course file named like the archive",
        copied(COURSE, "data/courses/archiv.yml"),
        "data/courses/archiv.yml",
        "",
        "Adresse „/kurse/archiv/“ ist schon vergeben an das Kursarchiv — erwartet: einen anderen Dateinamen",
    ),
    # An earlier address (redirect_from) must be free and written from the site's root.
    case(
        "redirect from the catalogue's address",
        NEWS,
        "courses: [kurs]\n",
        "courses: [kurs]\nredirect_from:\n  - /kurse/\n",
        "redirect_from[0]",
        "Adresse „/kurse/“ ist schon vergeben an die Kursübersicht — erwartet: eine frühere Adresse, unter der",
        needle="- /kurse/",
    ),
    case(
        "redirect from the item's own address",
        NEWS,
        "courses: [kurs]\n",
        "courses: [kurs]\nredirect_from: [/aktuelles/neues-seminar-zu-wasserstoff/]\n",
        "redirect_from[0]",
        "„/aktuelles/neues-seminar-zu-wasserstoff/“ ist die heutige Adresse von dieser Meldung",
        needle="redirect_from:",
    ),
    Case(
        "redirect from another item's address",
        write(
            "content/pages/ueber.md",
            b"---\ntitle: \xc3\x9cber uns\nredirect_from:\n  - /alt/\n  - /aktuelles/neues-seminar-zu-wasserstoff/\n---\nText.\n",
        ),
        "content/pages/ueber.md",
        "redirect_from[1]",
        "Adresse „/aktuelles/neues-seminar-zu-wasserstoff/“ ist schon vergeben an eine Meldung",
        line=5,
    ),
    case(
        "redirect with the domain",
        NEWS,
        "courses: [kurs]\n",
        "courses: [kurs]\nredirect_from: [https://testnetz.example.org/alt/]\n",
        "redirect_from[0]",
        "„https://testnetz.example.org/alt/“ ist eine frühere Adresse mit Domain — erwartet: nur den Pfad",
        needle="redirect_from:",
    ),
    case(
        "redirect without a leading slash",
        NEWS,
        "courses: [kurs]\n",
        "courses: [kurs]\nredirect_from: [aktuelles/alt/]\n",
        "redirect_from[0]",
        "frühere Adresse „aktuelles/alt/“ beginnt nicht mit „/“",
        needle="redirect_from:",
    ),
    case(
        "redirect with a query",
        NEWS,
        "courses: [kurs]\n",
        "courses: [kurs]\nredirect_from: [/presse?id=3]\n",
        "redirect_from[0]",
        "frühere Adresse „/presse?id=3“ enthält Zeichen, die in einer Adresse nicht vorkommen dürfen",
        needle="redirect_from:",
    ),
    case(
        "redirect climbing out of the site",
        NEWS,
        "courses: [kurs]\n",
        "courses: [kurs]\nredirect_from: [/alt/../../etc/]\n",
        "redirect_from[0]",
        "„.“ oder „..“ in der früheren Adresse „/alt/../../etc/“ ist nicht erlaubt",
        needle="redirect_from:",
    ),
    case(
        "unknown status",
        NEWS,
        "courses: [kurs]\n",
        "courses: [kurs]\nstatus: entwurf\n",
        "status",
        "„entwurf“ ist nicht vorgesehen — erwartet: einer von: „published“, „draft“",
        needle="status:",
    ),
    # YAML 1.1 would have read these as octal 262, 600 and text; the message shows what was typed.
    case(
        "postcode with a leading zero",
        NODE,
        'postcode: "12345"',
        "postcode: 0406",
        "address.postcode",
        "„0406“ hat nicht die erwartete Form",
    ),
    case(
        "time without a date",
        COURSE,
        "end: 2027-03-10 16:00",
        "end: 10:00",
        "runs[0].sessions[0].end",
        "kein gültiger Zeitpunkt — erwartet: Ortszeit ohne Zeitzone: JJJJ-MM-TT HH:MM",
    ),
    case(
        "decimal comma",
        COURSE,
        "  regular: 0",
        "  regular: 0,00",
        "price.regular",
        "„0,00“ ist keine Zahl (Komma) — erwartet: Dezimalpunkt statt Komma: 0.00",
    ),
    case(
        "boolean where text is expected",
        COURSE,
        "target_group: Fachkräfte",
        "target_group: true",
        "target_group",
        '„true“ ist ein Wahrheitswert, kein Text — erwartet: den Text in Anführungszeichen: "true"',
    ),
    case(
        "yaml syntax",
        COURSE,
        "topics: [wasserstoff]",
        "topics: [wasserstoff",
        "",
        "begonnen in Zeile 5",
        needle="provider:",
    ),
    case(
        "tab indentation",
        COURSE,
        "  url: https://traeger.example.org/anmeldung",
        "\turl: https://traeger.example.org/anmeldung",
        "",
        "Tabulator statt Leerzeichen",
        needle="\turl",
    ),
    case(
        "missing key",
        COURSE,
        "summary: Ein Seminar über den sicheren Umgang mit Wasserstoff.\n",
        "",
        "summary",
        "Pflichtangabe fehlt",
        needle="title:",
    ),
    case(
        "unknown key with suggestion",
        COURSE,
        "title: Wasserstoff",
        "titel: Wasserstoff",
        "titel",
        "unbekannter Schlüssel „titel“ (meinten Sie „title“?)",
    ),
    case("wrong type", COURSE, "workload_ue: 8", "workload_ue: acht", "workload_ue", "„acht“ hat den falschen Typ"),
    case(
        "unknown kind",
        COURSE,
        "kind: Seminar",
        "kind: Seminr",
        "kind",
        "Art „Seminr“ ist für dieses Netzwerk nicht vorgesehen (meinten Sie „Seminar“?)",
    ),
    case("unknown format", COURSE, "format: Präsenz", "format: Praesenz", "format", "meinten Sie „Präsenz“?"),
    case(
        "unknown topic",
        COURSE,
        "topics: [wasserstoff]",
        "topics: [wasserstof]",
        "topics[0]",
        "Thema „wasserstof“ gibt es nicht (meinten Sie „wasserstoff“?)",
    ),
    case(
        "unknown provider",
        COURSE,
        "provider: akademie",
        "provider: akadmie",
        "provider",
        "Organisation „akadmie“ gibt es nicht (meinten Sie „akademie“?)",
    ),
    case(
        "unknown node in run",
        COURSE,
        "node: mitte",
        "node: mite",
        "runs[0].place.node",
        "Standort „mite“ gibt es nicht (meinten Sie „mitte“?)",
    ),
    case("unknown node in news", NEWS, "nodes: [mitte]", "nodes: [nord]", "nodes[0]", "Standort „nord“ gibt es nicht"),
    case(
        "unknown course in news",
        NEWS,
        "courses: [kurs]",
        "courses: [kurse]",
        "courses[0]",
        "Kurs „kurse“ gibt es nicht (meinten Sie „kurs“?)",
    ),
    case(
        "end before start",
        COURSE,
        "end: 2027-03-10 16:00",
        "end: 2027-03-10 08:00",
        "runs[0].sessions[0].end",
        "Ende (2027-03-10 08:00) liegt nicht nach dem Beginn (2027-03-10 09:00)",
    ),
    case(
        "deadline after first session",
        COURSE,
        "registration_deadline: 2027-03-01",
        "registration_deadline: 2027-03-15",
        "runs[0].registration_deadline",
        "Anmeldeschluss 2027-03-15 liegt nach dem ersten Termin (2027-03-10)",
    ),
    case(
        "duplicate session id",
        COURSE,
        "- id: tag-2",
        "- id: tag-1",
        "runs[0].sessions[1].id",
        "Termin-Kennung „tag-1“ ist doppelt",
        occurrence=2,
    ),
    case(
        "duplicate run id",
        COURSE,
        "- id: herbst",
        "- id: fruehjahr",
        "runs[1].id",
        "Durchführung „fruehjahr“ ist doppelt",
        occurrence=2,
    ),
    case(
        "session outside run",
        COURSE,
        "end_date: 2027-03-31",
        "end_date: 2027-03-20",
        "runs[0].sessions[1].end",
        "Termin liegt nach dem letzten Tag der Durchführung (2027-03-20)",
        needle="end: 2027-03-29",
    ),
    case(
        "javascript url",
        COURSE,
        "url: https://traeger.example.org/anmeldung",
        "url: javascript:alert(1)",
        "registration.url",
        "Link-Art „javascript“ ist nicht erlaubt",
    ),
    case(
        "url without scheme",
        PARTNERS,
        "url: https://traeger.example.org",
        "url: www.traeger.example.org",
        "partners[0].url",
        "Link-Art „(keins)“ ist nicht erlaubt",
    ),
    case(
        "image without alt",
        NEWS,
        "courses: [kurs]\n",
        "courses: [kurs]\nimage:\n  src: images/foto.jpg\n",
        "image.alt",
        "Pflichtangabe fehlt",
        needle="image:",
    ),
    case(
        "duplicate partner id",
        PARTNERS,
        "- id: akademie",
        "- id: traeger",
        "partners[1].id",
        "Kennung „traeger“ ist doppelt",
        occurrence=2,
    ),
    case(
        "duplicate yaml key",
        NODE,
        "district: Landkreis Mitte",
        "district: Landkreis Mitte\ndistrict: Kreis",
        "district",
        "Schlüssel doppelt (zuerst in Zeile 2)",
        needle="district: Kreis",
    ),
    case(
        "time skipped by DST",
        COURSE,
        "start: 2027-03-29 09:00",
        "start: 2027-03-28 02:30",
        "runs[0].sessions[1].start",
        "2027-03-28 02:30 gibt es in der Zeitzone Europe/Berlin nicht",
    ),
    case("impossible date", NODE, "opened: 2025-05-02", "opened: 2025-02-30", "opened", "kein gültiges Datum"),
    case(
        "wrong timezone",
        NETWORK,
        "timezone: Europe/Berlin",
        "timezone: Europe/Erfurt",
        "timezone",
        "unbekannte Zeitzone",
    ),
    case(
        "negative cost",
        COURSE,
        "  regular: 0",
        "  regular: -10",
        "price.regular",
        "-10 liegt außerhalb des erlaubten Bereichs",
    ),
    # --- a network's vocabulary and what a course says about its offer ---------------------
    case(
        "kind not in the network's vocabulary",
        COURSE,
        "kind: Seminar",
        "kind: Kongress",
        "kind",
        "Art „Kongress“ ist für dieses Netzwerk nicht vorgesehen",
    ),
    Case(
        "kind the network does not declare",
        replace(NETWORK, "timezone: Europe/Berlin", "timezone: Europe/Berlin\ncourse_kinds: [Lehrgang, Kongress]"),
        COURSE,
        "kind",
        "Art „Seminar“ ist für dieses Netzwerk nicht vorgesehen",
        "kind: Seminar",
    ),
    case(
        "format not in the network's vocabulary",
        COURSE,
        "format: Präsenz",
        "format: Praesenz",
        "format",
        "Format „Praesenz“ ist für dieses Netzwerk nicht vorgesehen (meinten Sie „Präsenz“?)",
    ),
    case(
        "two formats with one address",
        NETWORK,
        "timezone: Europe/Berlin",
        "timezone: Europe/Berlin\ncourse_formats:\n  - id: Präsenz\n    label: Präsenz\n    attendance: vor Ort\n"
        "  - id: praesenz\n    label: Vor Ort\n    attendance: vor Ort",
        "course_formats[1].id",
        "ergibt dieselbe Adresse /kurse/format/praesenz/",
        "  - id: praesenz",
    ),
    case(
        "format without attendance",
        NETWORK,
        "timezone: Europe/Berlin",
        "timezone: Europe/Berlin\ncourse_formats:\n  - id: Präsenz\n    label: Präsenz\n    attendance: draußen",
        "course_formats[0].attendance",
        "„draußen“ ist nicht vorgesehen",
        "    attendance: draußen",
    ),
    case(
        "course contact without a way to reach it",
        COURSE,
        "target_group: Fachkräfte",
        "target_group: Fachkräfte\ncontact:\n  role: Kursbüro",
        "contact",
        "Kontakt ohne Erreichbarkeit",
        "contact:",
    ),
    case(
        "course contact of an unknown organisation",
        COURSE,
        "target_group: Fachkräfte",
        "target_group: Fachkräfte\ncontact:\n  role: Kursbüro\n  organisation: akademi\n  email: kurse@example.org",
        "contact.organisation",
        "Organisation „akademi“ gibt es nicht (meinten Sie „akademie“?)",
        "  organisation: akademi",
    ),
    case(
        "reduced price above the regular one",
        COURSE,
        "  regular: 0",
        "  regular: 100\n  reduced: 150\n  reduced_for: Mitglieder",
        "price.reduced",
        "ermäßigter Preis 150 € ist nicht niedriger als der reguläre (100 €)",
        "  reduced: 150",
    ),
    case(
        "price on request and an amount",
        COURSE,
        "  regular: 0",
        "  regular: 90\n  on_request: true",
        "price.on_request",
        "Preis auf Anfrage, aber auch ein regulärer Preis",
        "  on_request: true",
    ),
    case(
        "price without a regular amount",
        COURSE,
        "price:\n  regular: 0",
        "price:\n  on_request: false",
        "price",
        "Kosten ohne regulären Preis",
        "price:",
    ),
    case(
        "reduction without a reduced price",
        COURSE,
        "  regular: 0",
        "  regular: 90\n  reduced_for: Mitglieder",
        "price.reduced_for",
        "Ermäßigung ohne ermäßigten Preis",
        "  reduced_for: Mitglieder",
    ),
    case(
        "the old cost_eur",
        COURSE,
        "price:\n  regular: 0",
        "cost_eur: 0",
        "cost_eur",
        "Schlüssel „cost_eur“ gibt es nicht mehr",
    ),
    case(
        "unknown co-organiser",
        COURSE,
        "provider: akademie",
        "provider: akademie\nco_organisers: [akademi]",
        "co_organisers[0]",
        "Organisation „akademi“ gibt es nicht (meinten Sie „akademie“?)",
        "co_organisers:",
    ),
    case(
        "provider as its own co-organiser",
        COURSE,
        "provider: akademie",
        "provider: akademie\nco_organisers: [traeger, akademie]",
        "co_organisers[1]",
        "„akademie“ ist schon der Anbieter (provider)",
        "co_organisers:",
    ),
    case(
        "language written out",
        COURSE,
        "target_group: Fachkräfte",
        "target_group: Fachkräfte\nlanguage: Englisch",
        "language",
        "„Englisch“ hat nicht die erwartete Form",
        "language: Englisch",
    ),
    case(
        "unknown language code",
        COURSE,
        "target_group: Fachkräfte",
        "target_group: Fachkräfte\nlanguage: xx",
        "language",
        "unbekannter Sprachcode „xx“",
        "language: xx",
    ),
    case(
        "online access for an offer only on site",
        COURSE,
        "target_group: Fachkräfte",
        "target_group: Fachkräfte\nonline_access: Den Link senden wir per E-Mail.",
        "online_access",
        "Hinweis zur Online-Teilnahme, aber Format „Präsenz“ findet nur vor Ort statt",
        "online_access:",
    ),
    case(
        "reason for a session that takes place",
        COURSE,
        "        end: 2027-03-10 16:00",
        "        end: 2027-03-10 16:00\n        reason: Referent erkrankt",
        "runs[0].sessions[0].reason",
        "Grund einer Absage, aber der Termin ist weder abgesagt noch verschoben",
        "reason:",
    ),
    case(
        "node and address at once",
        COURSE,
        "node: mitte",
        "node: mitte\n      city: Mittenstadt",
        "runs[0].place",
        "mehr als ein Ort angegeben (node, venue oder eine eigene Adresse)",
        needle="place:",
    ),
    case(
        "overlapping sessions",
        COURSE,
        "start: 2027-03-29 09:00\n        end: 2027-03-29 16:00",
        "start: 2027-03-10 12:00\n        end: 2027-03-10 18:00",
        "runs[0].sessions[1].start",
        "Termin überschneidet sich mit „tag-1“",
    ),
    case(
        "yaml alias",
        NODE,
        "district: Landkreis Mitte",
        "district: &d Landkreis Mitte\nvenue: *d",
        "",
        "Anker und Verweise (&name / *name) sind nicht erlaubt",
        needle="venue:",
    ),
    case(
        "python object tag",
        NODE,
        "district: Landkreis Mitte",
        "district: !!python/object/apply:os.system [ls]",
        "district",
        "unbekannter YAML-Typ",
    ),
    case(
        "value that does not fit its tag",
        NODE,
        "district: Landkreis Mitte",
        "district: !!int Landkreis Mitte",
        "district",
        "Wert passt nicht zur Typangabe !!int",
    ),
    case(
        "offices without a label",
        NETWORK,
        "office_label:\n  singular: Büro\n  plural: Büros\n  slug: bueros\n",
        "",
        "office_label",
        "es gibt Standorte in data/nodes/, aber keine Bezeichnung dafür",
        needle="name: TestNetz",
    ),
    case(
        "javascript link in news text",
        NEWS,
        "Das Büro Mitte lädt",
        "[Anmeldung](javascript:alert(1))\nDas Büro Mitte lädt",
        "",
        "Link-Ziel „javascript:alert(1)“ ist nicht erlaubt und wurde entfernt",
        needle="[Anmeldung]",
    ),
    case(
        "data link in a course description",
        COURSE,
        "description: Inhalte des Seminars.",
        "description: |\n  Inhalte.\n  [mehr](data:text/html,x)",
        "description",
        "Link-Ziel „data:text/html,x“ ist nicht erlaubt und wurde entfernt",
        needle="[mehr]",
    ),
    case(
        "javascript link behind an entity",
        NEWS,
        "Das Büro Mitte lädt",
        "Das Büro Mitte lädt\n\n[Anmeldung](&#106;avascript:alert(1))\n",
        "",
        "Link-Ziel „javascript:alert(1)“ ist nicht erlaubt und wurde entfernt",
        needle="[Anmeldung]",
    ),
    case(
        "javascript in a reference link",
        NEWS,
        "Das Büro Mitte lädt",
        'Zur [Anmeldung][r].\n\n[r]: javascript:alert(1) "Titel"\n\nDas Büro Mitte lädt',
        "",
        "Link-Ziel „javascript:alert(1)“ ist nicht erlaubt und wurde entfernt",
        needle="[r]: javascript",
    ),
    case(
        "event handler on a link",
        NEWS,
        "Das Büro Mitte lädt",
        '[Link](https://example.org){: onmouseover="alert(1)" }\n\nDas Büro Mitte lädt',
        "",
        "Attribut „onmouseover“ an <a> ist nicht erlaubt (es würde ein Skript ausführen) und wurde entfernt",
        needle="onmouseover",
    ),
    case(
        "event handler on a paragraph in a course description",
        COURSE,
        "description: Inhalte des Seminars.",
        'description: |\n  Inhalte des Seminars.\n  {: onclick="alert(2)" }',
        "description",
        "Attribut „onclick“ an <p> ist nicht erlaubt (es würde ein Skript ausführen) und wurde entfernt",
        needle="onclick",
    ),
    case(
        "mailto without an address",
        NEWS,
        "Das Büro Mitte lädt",
        "Schreiben Sie uns: [Mail](mailto:)\n\nDas Büro Mitte lädt",
        "",
        "Link-Ziel „mailto:“ ohne E-Mail-Adresse wurde entfernt",
        needle="[Mail]",
    ),
    case(
        "image path escaping images/",
        NEWS,
        "courses: [kurs]\n",
        "courses: [kurs]\nimage:\n  src: images/fotos/../../geheim.jpg\n  alt: Ein Bild\n",
        "image.src",
        "„..“ im Pfad ist nicht erlaubt",
        needle="src:",
    ),
    Case("latin-1 file", write(NODE, "name: Süd\n".encode("latin-1")), NODE, "", "nicht UTF-8-kodiert", line=1),
    Case(
        "missing front matter",
        write(NEWS, b"Nur Text, kein Kopfbereich.\n"),
        NEWS,
        "",
        "Kopfbereich (Front Matter) fehlt",
        line=1,
    ),
    Case(
        "case-only duplicate file name",
        write("data/nodes/Mitte.yml", b"name: x\n"),
        "data/nodes/Mitte.yml",
        "",
        "Dateiname „Mitte“ ist keine gültige Kennung",
    ),
    Case(
        "symlink out of the site",
        symlink("data/nodes/fremd.yml", "/etc/hostname"),
        "data/nodes/fremd.yml",
        "",
        "symbolische Verknüpfungen werden nicht gelesen",
    ),
    Case(
        "space and dots in a file name",
        write("data/courses/neuer kurs..yml", b"title: x\n"),
        "data/courses/neuer kurs..yml",
        "",
        "ist keine gültige Kennung",
    ),
    Case(
        "wrong file extension",
        write("data/courses/neu.yaml", b"title: x\n"),
        "data/courses/neu.yaml",
        "",
        "Datei wird nicht gelesen",
    ),
    Case(
        "symlink to /etc/passwd as an image",
        image_link("content/images/plan.jpg", "/etc/passwd"),
        "content/images/plan.jpg",
        "",
        "symbolische Verknüpfungen werden nicht gelesen",
    ),
    Case(
        "symlink loop among the courses",
        link_loop,
        "data/courses/a.yml",
        "",
        "symbolische Verknüpfungen werden nicht gelesen",
    ),
    Case(
        "fifo in data",
        fifo("data/kurse.yml"),
        "data/kurse.yml",
        "",
        "ist keine normale Datei (Gerät, FIFO oder Socket)",
    ),
    Case(
        "courses folder renamed",
        renamed("data/courses", "data/kurse"),
        "data/kurse",
        "",
        "wird nicht gelesen: unbekannte Datei oder unbekannter Ordner",
    ),
    Case(
        "unknown file in content",
        write("content/notizen.txt", b"x\n"),
        "content/notizen.txt",
        "",
        "wird nicht gelesen: unbekannte Datei oder unbekannter Ordner",
    ),
    Case(
        "file name of 200 characters",
        write(f"data/nodes/{'a' * 200}.yml", b"name: x\n"),
        f"data/nodes/{'a' * 200}.yml",
        "",
        "Name ist zu lang (204 Zeichen)",
    ),
    Case(
        "zero-width space in a node's file name",
        renamed(NODE, "data/nodes/mitte\u200b.yml"),
        "data/nodes/mitte«U+200B».yml",
        "",
        "Name enthält ein unsichtbares Zeichen",
    ),
    case(
        "session in year 9999",
        COURSE,
        "start: 2027-03-10 09:00",
        "start: 9999-03-10 09:00",
        "runs[0].sessions[0].start",
        "Jahr 9999 liegt außerhalb des erlaubten Bereichs",
    ),
    case(
        "session in year 1 before UTC's year 1",
        COURSE,
        "start: 2027-10-05 09:00\n        end: 2027-10-05 16:00",
        "start: 0001-01-01 00:10\n        end: 0001-01-01 00:20",
        "runs[1].sessions[0].start",
        "Jahr 1 liegt außerhalb des erlaubten Bereichs",
    ),
    case("news date in 1989", NEWS, "date: 2026-10-01", "date: 1989-12-31", "date", "Jahr 1989 liegt außerhalb"),
    case(
        "deadline in 2101",
        COURSE,
        "registration_deadline: 2027-03-01",
        "registration_deadline: 2101-03-01",
        "runs[0].registration_deadline",
        "Jahr 2101 liegt außerhalb",
    ),
    case(
        "node opened in 1900", NODE, "opened: 2025-05-02", "opened: 1900-05-02", "opened", "Jahr 1900 liegt außerhalb"
    ),
    case(
        "1,001 sessions in one run",
        COURSE,
        "    sessions:\n      - id: tag-1\n        start: 2027-03-10",
        "    sessions:\n"
        + "".join(
            f"      - id: s{i}\n        start: 2027-04-01 09:00\n        end: 2027-04-01 10:00\n" for i in range(999)
        )
        + "      - id: tag-1\n        start: 2027-03-10",
        "runs[0].sessions",
        "Liste ist zu lang (1001 Einträge)",
        needle="    sessions:",
    ),
    Case(
        "pasted log of 100,000 lines in a news body",
        appended(NEWS, "[x\n" * 100_000),
        NEWS,
        "",
        "Text hat zu viele Zeilen (100.002)",
        line=5009,  # the first line over the limit (the body starts on line 9)
    ),
    case(
        "markdown field of 6,000 lines",
        COURSE,
        "description: Inhalte des Seminars.",
        "description: |\n" + "  x\n" * 6_000,
        "description",
        "Text hat zu viele Zeilen",
        needle="description: |",
    ),
    case(
        "value of 400 KB is quoted shortened",
        COURSE,
        "    status: buchbar",
        "    status: b" + "u" * 400_000,
        "runs[0].status",
        "„b" + "u" * 59 + "…“ ist nicht vorgesehen",
        needle="    status: bu",
    ),
    # Identity and map (issue 23): colours readable in both modes, a safe logo, a usable outline.
    Case(
        "colour too light to read on white",
        appended(NETWORK, colours(primary="#7fb2e5")),
        NETWORK,
        "colours.primary",
        "Farbe „#7fb2e5“ ist im hellen Modus nicht lesbar: Kontrast zu Kopf- und Fußbereich (#f3f6f9) nur 2,0:1, nötig sind 4,5:1 (WCAG AA) — erwartet: eine dunklere Farbe",
        needle='primary: "#7fb2e5"',
    ),
    Case(
        "dark-mode colour too dark to read",
        appended(NETWORK, colours(dark_accent="#335577")),
        NETWORK,
        "colours.dark_mode.accent",
        "Farbe „#335577“ ist im dunklen Modus nicht lesbar",
        needle='accent: "#335577"',
    ),
    Case(
        "colour that is no hex value",
        appended(NETWORK, colours(primary="blau")),
        NETWORK,
        "colours.primary",
        "„blau“ hat nicht die erwartete Form — erwartet: Hauptfarbe als Hex-Wert mit #",
        needle='primary: "blau"',
    ),
    Case(
        "logo with a script",
        edits(
            folder_file(
                "data/identity/logo.svg",
                b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script></svg>',
            ),
            appended(NETWORK, "logo: identity/logo.svg\n"),
        ),
        NETWORK,
        "logo",
        "Logodatei enthält ein Skript oder eingebettetes HTML (<script>)",
        needle="logo:",
    ),
    Case(
        "logo file missing",
        appended(NETWORK, "logo: identity/fehlt.svg\n"),
        NETWORK,
        "logo",
        "Logodatei „identity/fehlt.svg“ nicht gefunden",
        needle="logo:",
    ),
    Case(
        "outline that is no polygon",
        edits(
            folder_file("data/map/region.geojson", b'{"type": "Point", "coordinates": [11, 51]}'),
            appended(NETWORK, MAP),
        ),
        NETWORK,
        "map.outline",
        "GeoJSON-Typ „Point“ wird nicht gezeichnet",
        needle="outline:",
    ),
    Case(
        "node outside the map outline (latitude and longitude swapped)",
        edits(
            folder_file("data/map/region.geojson", SQUARE),
            appended(NETWORK, MAP),
            replace(NODE, "lat: 51.0\n  lon: 11.0", "lat: 11.0\n  lon: 51.0"),
        ),
        NODE,
        "coordinates",
        "Standort (11.0, 51.0) liegt außerhalb des Kartenumrisses (map/region.geojson)",
        needle="coordinates:",
    ),
    case(
        "unknown venue in run",
        COURSE,
        "venue: stadthalle",
        "venue: stadthale",
        "runs[1].place.venue",
        "Veranstaltungsort „stadthale“ gibt es nicht in data/venues/ (meinten Sie „stadthalle“?) — erwartet: "
        "einer von: „stadthalle“ oder eine neue Datei data/venues/stadthale.yml",
    ),
    Case(
        "unknown venue in a session's own place",
        replace(COURSE, "      - id: tag-2\n", "      - id: tag-2\n        place:\n          venue: rathaus\n"),
        COURSE,
        "runs[0].sessions[1].place.venue",
        "Veranstaltungsort „rathaus“ gibt es nicht in data/venues/",
        needle="venue: rathaus",
    ),
    case(
        "node and venue at once",
        COURSE,
        "node: mitte",
        "node: mitte\n      venue: stadthalle",
        "runs[0].place",
        "mehr als ein Ort angegeben (node, venue oder eine eigene Adresse)",
        needle="place:",
    ),
    case(
        "venue without a name",
        VENUE,
        "name: Stadthalle\n",
        "",
        "name",
        "Pflichtangabe fehlt",
        needle="address:",
    ),
    case(
        "venue without an address",
        VENUE,
        'address:\n  street: Marktplatz 2\n  postcode: "12345"\n  city: Mittenstadt\n',
        "",
        "address",
        "Pflichtangabe fehlt",
        needle="name:",
    ),
    case(
        "venue latitude out of range",
        VENUE,
        "lat: 51.01",
        "lat: 151.01",
        "coordinates.lat",
        "151.01 liegt außerhalb des erlaubten Bereichs",
    ),
    case(
        "step-free access as yes",
        VENUE,
        "step_free: ja",
        "step_free: yes",
        "step_free",
        "„yes“ ist nicht vorgesehen — erwartet: einer von: „ja“, „nein“, „teilweise“",
    ),
    case(
        "directions link without a scheme",
        VENUE,
        "step_free: ja",
        "step_free: ja\ndirections_url: www.stadthalle.example.org/anfahrt",
        "directions_url",
        "Link-Art „(keins)“ ist nicht erlaubt",
        needle="directions_url:",
    ),
    Case(
        "venue outside the map outline (latitude and longitude swapped)",
        edits(
            folder_file("data/map/region.geojson", SQUARE),
            appended(NETWORK, MAP),
            replace(VENUE, "lat: 51.01\n  lon: 11.01", "lat: 11.01\n  lon: 51.01"),
        ),
        VENUE,
        "coordinates",
        "Veranstaltungsort (11.01, 51.01) liegt außerhalb des Kartenumrisses (map/region.geojson)",
        needle="coordinates:",
    ),
    case(
        "zero-width space in a value is shown",
        COURSE,
        "kind: Seminar",
        'kind: "Seminar\\u200b"',
        "kind",
        "Art „Seminar«U+200B»“ ist für dieses Netzwerk nicht vorgesehen",
    ),
    case(
        "tab character in the indentation is German",
        NODE,
        "district: Landkreis Mitte",
        "district: Landkreis Mitte\n\tvenue: x",
        "",
        "YAML-Syntaxfehler: Tabulator statt Leerzeichen, begonnen in Zeile",
        needle="\tvenue",
    ),
    case(
        "registration link into the own site, to no page",
        COURSE,
        "url: https://traeger.example.org/anmeldung",
        "url: https://testnetz.example.org/anmeldung",
        "registration.url",
        "zeigt auf diese Website, aber die Seite „/anmeldung“ gibt es dort nicht",
    ),
    case(
        "root-relative link in a news text, to no page",
        NEWS,
        "Das Büro Mitte lädt zum Seminar ein.",
        "Das Büro Mitte lädt zum [Seminar](/projektbeschreibung/) ein.",
        "Text",
        "die Seite „/projektbeschreibung/“ gibt es dort nicht",
    ),
    case(
        "{filename} link to a news file that is not there",
        NEWS,
        "Das Büro Mitte lädt zum Seminar ein.",
        "Siehe [ältere Meldung]({filename}2025-01-01-fehlt.md). Das Büro Mitte lädt zum Seminar ein.",
        "Text",
        "zeigt auf „content/news/2025-01-01-fehlt.md“, aber die Datei gibt es nicht",
    ),
    Case(
        "{filename} link from a published news item to one still to come",
        edits(
            write(
                "content/news/2026-12-20-vorschau.md",
                b"---\ntitle: Vorschau\ndate: 2026-12-20\nsummary: Erscheint im Dezember.\n---\nText.\n",
            ),
            replace(
                NEWS, "Das Büro Mitte lädt", "Siehe [Vorschau]({filename}2026-12-20-vorschau.md).\nDas Büro Mitte lädt"
            ),
        ),
        NEWS,
        "Text",
        "zeigt auf eine Meldung, die erst am 20.12.2026 erscheint",
        needle="{filename}2026-12-20-vorschau.md",
    ),
    Case(
        "{filename} link to a picture instead of {static}",
        with_image("bild.png", png(1200, 800), NEWS, "Das Büro Mitte lädt", "![Bild]({filename}/images/bild.png)\nDas"),
        NEWS,
        "Text",
        "{static} statt {filename} schreiben",
        needle="{filename}/images/bild.png",
    ),
    case(
        "{attach} link",
        NEWS,
        "Das Büro Mitte lädt zum Seminar ein.",
        "Siehe [Flyer]({attach}/images/flyer.pdf). Das Büro Mitte lädt zum Seminar ein.",
        "Text",
        "{static} statt {attach} schreiben",
    ),
    Case(
        "file too large",
        write("data/courses/gross.yml", b"# " + b"x" * 1_100_000 + b"\n"),
        "data/courses/gross.yml",
        "",
        "Datei ist zu groß",
    ),
    # Registration as a state (issue 22): what is written must not contradict itself.
    case(
        "registration without saying whether it is required",
        COURSE,
        "  required: true\n",
        "",
        "registration.required",
        "Pflichtangabe fehlt",
        needle="registration:",
    ),
    case(
        "registration required is no yes or no",
        COURSE,
        "required: true",
        "required: vielleicht",
        "registration.required",
        "„vielleicht“ hat den falschen Typ — erwartet: true oder false",
    ),
    case(
        "registration required without a way to register",
        COURSE,
        "  url: https://traeger.example.org/anmeldung\n",
        "",
        "registration",
        "Anmeldung ist erforderlich (required: true), aber ohne Weg",
        needle="registration:",
    ),
    case(
        "deadline although no registration is required",
        COURSE,
        "required: true",
        "required: false",
        "runs[0].registration_deadline",
        "Anmeldeschluss, aber laut registration.required ist keine Anmeldung nötig",
        needle="registration_deadline: 2027-03-01",
    ),
    Case(
        "fully booked although no registration is required",
        lambda site: (
            replace(COURSE, "required: true", "required: false")(site),
            replace(COURSE, "    registration_deadline: 2027-03-01\n", "")(site),
            replace(COURSE, "status: buchbar", "status: ausgebucht")(site),
        ),
        COURSE,
        "runs[0].status",
        "ausgebucht, aber laut registration.required ist keine Anmeldung nötig",
        needle="status: ausgebucht",
    ),
    case(
        "waiting list of a run that is not fully booked",
        COURSE,
        "    status: buchbar\n",
        "    status: buchbar\n    waiting_list: true\n",
        "runs[0].waiting_list",
        "Warteliste bei Status „buchbar“ — erwartet: waiting_list: true nur mit status: ausgebucht",
        needle="waiting_list: true",
    ),
    Case(
        "waiting list without any registration",
        lambda site: (
            replace(COURSE, "registration:\n  required: true\n  url: https://traeger.example.org/anmeldung\n", "")(
                site
            ),
            replace(COURSE, "    status: buchbar\n", "    status: ausgebucht\n    waiting_list: true\n")(site),
        ),
        COURSE,
        "runs[0].waiting_list",
        "Warteliste, aber der Kurs sagt nicht, wie man sich anmeldet",
        needle="waiting_list: true",
    ),
    # Sessions with a date but no times yet ("Uhrzeit folgt").
    case(
        "session end without start",
        COURSE,
        "        start: 2027-03-10 09:00\n",
        "",
        "runs[0].sessions[0]",
        "Ende (end) ohne Beginn (start) — erwartet: start: JJJJ-MM-TT HH:MM ergänzen",
        needle="- id: tag-1",
    ),
    case(
        "session start without end",
        COURSE,
        "        end: 2027-03-10 16:00\n",
        "",
        "runs[0].sessions[0]",
        "Beginn (start) ohne Ende (end)",
        needle="- id: tag-1",
    ),
    case(
        "session without any date",
        COURSE,
        "        start: 2027-03-10 09:00\n        end: 2027-03-10 16:00\n",
        "",
        "runs[0].sessions[0]",
        "Termin ohne Datum",
        needle="- id: tag-1",
    ),
    case(
        "session with a date and times",
        COURSE,
        "        start: 2027-03-10 09:00\n",
        "        date: 2027-03-10\n        start: 2027-03-10 09:00\n",
        "runs[0].sessions[0]",
        "Tag (date) und Uhrzeit (start/end) zugleich angegeben",
        needle="- id: tag-1",
    ),
    case(
        "session date after the run's last day",
        COURSE,
        "        start: 2027-03-29 09:00\n        end: 2027-03-29 16:00\n",
        "        date: 2027-04-02\n",
        "runs[0].sessions[1].date",
        "Termin liegt nach dem letzten Tag der Durchführung (2027-03-31)",
    ),
    Case(
        "deadline after a session without times",
        lambda site: (
            replace(
                COURSE, "        start: 2027-03-10 09:00\n        end: 2027-03-10 16:00\n", "        date: 2027-03-10\n"
            )(site),
            replace(COURSE, "registration_deadline: 2027-03-01", "registration_deadline: 2027-03-12")(site),
        ),
        COURSE,
        "runs[0].registration_deadline",
        "Anmeldeschluss 2027-03-12 liegt nach dem ersten Termin (2027-03-10)",
        needle="registration_deadline",
    ),
    # Series: a recurring run (rhythm, exceptions, extra days), expanded into sessions.
    series_case(
        "series with an unknown rhythm",
        "rhythm: wöchentlich",
        "rhythm: täglich",
        "runs[1].series.rhythm",
        "„täglich“ ist nicht vorgesehen",
        needle="rhythm: täglich",
    ),
    series_case(
        "monthly series without ordinal",
        "rhythm: wöchentlich",
        "rhythm: monatlich",
        "runs[1].series",
        "monatliche Reihe ohne „ordinal“",
    ),
    series_case(
        "weekly series with ordinal",
        "      weekday: Mittwoch\n",
        "      weekday: Mittwoch\n      ordinal: erster\n",
        "runs[1].series",
        "„ordinal“ gibt es nur bei rhythm: monatlich",
    ),
    series_case(
        "series ending before it begins",
        "last_day: 2027-10-31",
        "last_day: 2027-09-30",
        "runs[1].series",
        "letzter Tag (last_day) liegt vor dem ersten Tag (first_day)",
    ),
    series_case(
        "series ending before its start time",
        "end: 16:00",
        "end: 08:00",
        "runs[1].series",
        "Ende (end) liegt nicht nach dem Beginn (start)",
    ),
    series_case(
        "series with only a start time",
        "      end: 16:00\n",
        "",
        "runs[1].series",
        "nur eine der Uhrzeiten start und end angegeben",
    ),
    series_case(
        "series with a bad time",
        "start: 09:00",
        "start: 9 Uhr",
        "runs[1].series.start",
        "keine gültige Uhrzeit",
        needle="start: 9 Uhr",
    ),
    series_case(
        "series with too many sessions",
        "first_day: 2027-10-01\n      last_day: 2027-10-31",
        "first_day: 1990-01-01\n      last_day: 2100-12-31",
        "runs[1].series",
        "die Reihe ergibt 5792 Termine",
    ),
    series_case(
        "series without a single day",
        "last_day: 2027-10-31",
        "last_day: 2027-10-05",
        "runs[1].series",
        "die Reihe ergibt keinen einzigen Termin",
    ),
    series_case(
        "series exception outside the series",
        "      end: 16:00\n",
        "      end: 16:00\n      exceptions:\n        - date: 2027-10-07\n",
        "runs[1].series.exceptions[0].date",
        "Ausnahme 2027-10-07 liegt außerhalb der Reihe",
        needle="- date: 2027-10-07",
    ),
    series_case(
        "series extra day that is already a day of it",
        "      end: 16:00\n",
        "      end: 16:00\n      extra:\n        - 2027-10-13\n",
        "runs[1].series.extra[0]",
        "zusätzlicher Tag 2027-10-13 ist schon ein Termin der Reihe",
        needle="- 2027-10-13",
    ),
    Case(
        "session id that is a day of the series",
        replace(
            COURSE,
            AUTUMN_SESSIONS,
            AUTUMN_SESSIONS.replace("id: tag-1", "id: 2027-10-13").replace("10-05", "10-04") + SERIES,
        ),
        COURSE,
        "runs[1].sessions[0].id",
        "Termin-Kennung „2027-10-13“ ist auch ein Tag der Reihe (series)",
        needle="id: 2027-10-13",
    ),
    # Images: too small, too large (pixels, bytes), unreadable, without credit or alt (also a node's,
    # the network's share image), located at the line of the reference.
    Case(
        "image too small",
        with_image("klein.png", png(640, 480), NEWS, "courses: [kurs]\n", NEWS_IMAGE.format(name="klein.png")),
        NEWS,
        "image.src",
        "„images/klein.png“: Bild ist zu klein (640 × 480 Pixel)",
        needle="src: images/klein.png",
    ),
    Case(
        "image with too many pixels",
        with_image("riesig.png", png(9000, 5000), NEWS, "courses: [kurs]\n", NEWS_IMAGE.format(name="riesig.png")),
        NEWS,
        "image.src",
        "Bild hat zu viele Pixel (9000 × 5000 Pixel)",
        needle="src: images/riesig.png",
    ),
    Case(
        "image file too large",
        with_image("gross.jpg", b"\xff" * 15_000_001, NEWS, "courses: [kurs]\n", NEWS_IMAGE.format(name="gross.jpg")),
        NEWS,
        "image.src",
        "Bilddatei ist zu groß (15,0 MB)",
        needle="src: images/gross.jpg",
    ),
    Case(
        "image that is not an image",
        with_image("text.jpg", b"Hallo\n", NEWS, "courses: [kurs]\n", NEWS_IMAGE.format(name="text.jpg")),
        NEWS,
        "image.src",
        "Datei ist kein lesbares Bild",
        needle="src: images/text.jpg",
    ),
    Case(
        "image without credit",
        with_image(
            "foto.png",
            png(1200, 800),
            NEWS,
            "courses: [kurs]\n",
            "courses: [kurs]\nimage:\n  src: images/foto.png\n  alt: Ein Bild vom Seminar\n",
        ),
        NEWS,
        "image.credit",
        "Pflichtangabe fehlt",
        needle="image:",
    ),
    Case(
        "node image without alt",
        with_image(
            "buero.png",
            png(1200, 800),
            NODE,
            "description: Das Büro in Mittenstadt.\n",
            "description: Das Büro in Mittenstadt.\nimage:\n  src: images/buero.png\n  credit: 'Foto: Büro'\n",
        ),
        NODE,
        "image.alt",
        "Pflichtangabe fehlt",
        needle="image:",
    ),
    Case(
        "unreadable image used only in a text",
        with_image(
            "kaputt.jpg",
            b"kein JPEG\n",
            NEWS,
            "Das Büro Mitte lädt",
            "![Plan](/images/kaputt.jpg)\n\nDas Büro Mitte lädt",
        ),
        "content/images/kaputt.jpg",
        "",
        "Datei ist kein lesbares Bild",
    ),
    Case(
        "share image svg without size",
        with_image(
            "teilen.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="10" height="10"/></svg>',
            NETWORK,
            "funding:\n",
            "share_image:\n  src: images/teilen.svg\n  alt: Eine Grafik\n  credit: 'Grafik: Büro'\nfunding:\n",
        ),
        NETWORK,
        "share_image.src",
        "SVG-Bild ohne Größenangabe",
        needle="src: images/teilen.svg",
    ),
]


@pytest.fixture(scope="module")
def previous_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A good build of the fixture: what editors and visitors see before the broken edit."""
    output = tmp_path_factory.mktemp("previous") / "output"
    result = build(copy_fixture("minimal", tmp_path_factory.mktemp("good") / "site"), output)
    assert result.returncode == 0, result.stderr
    return output


def test_table_is_large_enough():
    assert len({c.name for c in CASES}) == len(CASES) >= 25


@pytest.mark.parametrize("broken", CASES, ids=[c.name for c in CASES])
def test_broken_input_is_reported_and_output_kept(broken: Case, tmp_path: Path, previous_output: Path):
    site = copy_fixture("minimal", tmp_path / "site")
    broken.edit(site)
    output = tmp_path / "output"
    shutil.copytree(previous_output, output)
    before = tree_digest(output)

    result = build(site, output)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    line = broken.line
    if broken.needle is not None:
        lines = (site / broken.path).read_text(encoding="utf-8").splitlines()
        line = [number for number, text in enumerate(lines, start=1) if broken.needle in text][broken.occurrence - 1]
    where = f"{broken.path}:{line}:" if line else f"{broken.path}:"
    prefix = f"{where} {broken.field}:" if broken.field else where
    reported = [row for row in result.stderr.splitlines() if row.startswith(prefix) and broken.message in row]
    assert reported, f"expected a line starting {prefix!r} with {broken.message!r}; got:\n{result.stderr}"
    assert "— erwartet:" in reported[0]
    assert result.stderr.rstrip().endswith("es wurde nichts veröffentlicht.")
    assert tree_digest(output) == before
    assert len(result.stderr) < 5_000, "long values are quoted shortened"
    assert "did not find" not in result.stderr and "Input should" not in result.stderr, "English parser messages"


def test_a_text_that_takes_too_long_to_convert_is_named(tmp_path: Path, previous_output: Path):
    """python-markdown needs minutes for some texts under every size limit (here one line of 20,000
    „[“, about 1,5 min); the time limit stops it and names the file."""
    site = copy_fixture("minimal", tmp_path / "site")
    appended(NEWS, "[" * 20_000 + "\n")(site)
    output = tmp_path / "output"
    shutil.copytree(previous_output, output)
    before = tree_digest(output)
    started = time.monotonic()
    result = build(site, output, "--setting", "MARKDOWN_TIME_LIMIT=1")
    assert time.monotonic() - started < 30
    assert result.returncode == 1
    assert f"{NEWS}: Text lässt sich nicht in 1 s umwandeln — erwartet:" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(output) == before


def test_failure_during_rendering_keeps_output(tmp_path: Path, previous_output: Path):
    """A failure after validation (here: a template that names a variable nobody gives it, which
    fails the news page once other pages are written) must not leave a half-written site."""
    site = copy_fixture("minimal", tmp_path / "site")
    theme = shutil.copytree(Path(__file__).parent.parent / "theme", tmp_path / "theme")
    article = theme / "templates" / "article.html"
    article.write_text(article.read_text(encoding="utf-8").replace("{% endblock %}", "{{ nirgends }}{% endblock %}", 1))
    output = tmp_path / "output"
    shutil.copytree(previous_output, output)
    before = tree_digest(output)
    result = build(site, output, "--setting", f"THEME={theme}")
    assert result.returncode == 1
    line = next(n for n, text in enumerate(article.read_text(encoding="utf-8").splitlines(), 1) if "nirgends" in text)
    assert f"Vorlage {article}, Zeile {line}: UndefinedError: 'nirgends' is undefined" in result.stderr, result.stderr
    assert "wurde nicht verändert" in result.stderr
    assert tree_digest(output) == before
    assert not [p for p in output.parent.iterdir() if p.name.startswith(".output") and p.suffix != ".lock"]


def test_missing_site_folder_is_named(tmp_path: Path):
    result = invoke("build", "--root", str(tmp_path / "fehlt"), "--output", str(tmp_path / "output"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"--root {tmp_path / 'fehlt'}: kein Ordner „content“" in result.stderr
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("CALENDAR_MAX_BYTES=viel", "Einstellung CALENDAR_MAX_BYTES: ungültiger Wert 'viel'"),
        ("PAGE_CACH=false", "Unbekannte Einstellung PAGE_CACH"),
    ],
)
def test_a_wrong_setting_fails_the_build_and_keeps_output(setting, message, tmp_path: Path, previous_output: Path):
    site = copy_fixture("minimal", tmp_path / "site")
    output = tmp_path / "output"
    shutil.copytree(previous_output, output)
    before = tree_digest(output)
    result = build(site, output, "--setting", setting)
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr
    assert "wurde nicht verändert" in result.stderr
    assert tree_digest(output) == before
    assert not [p for p in output.parent.iterdir() if p.name.startswith(".output") and p.suffix != ".lock"]


def test_problems_found_after_a_cached_build_are_located(tmp_path: Path):
    """Renaming a topic after a build (news read from Pelican's content cache) still points at
    each file and line that names it."""
    site = copy_fixture("minimal", tmp_path / "site")
    cache = tmp_path / "cache"
    assert build(site, tmp_path / "first", "--cache", str(cache)).returncode == 0
    topics = site / "data/topics.yml"
    topics.write_text(topics.read_text(encoding="utf-8").replace("id: wasserstoff", "id: h2"), encoding="utf-8")

    result = build(site, tmp_path / "second", "--cache", str(cache))

    assert result.returncode == 1
    for path, field in ((COURSE, "topics[0]"), (NEWS, "topics[0]"), ("data/nodes/mitte.yml", "focus_topics[0]")):
        lines = (site / path).read_text(encoding="utf-8").splitlines()
        line = next(number for number, text in enumerate(lines, start=1) if "[wasserstoff]" in text)
        assert f"{path}:{line}: {field}: Thema „wasserstoff“ gibt es nicht" in result.stderr, result.stderr


def test_links_into_the_own_site_that_resolve_build(tmp_path: Path):
    """The counterpart of the dead-link cases: links to pages the build produces are fine."""
    site = copy_fixture("minimal", tmp_path / "site")
    replace(COURSE, "url: https://traeger.example.org/anmeldung", "url: https://testnetz.example.org/kurse/")(site)
    replace(
        NEWS, "Das Büro Mitte lädt zum Seminar ein.", "Zum [Seminar](/kurse/kurs/) und [Kalender](/kalender/alle.ics)."
    )(site)
    result = build(site, tmp_path / "output")
    assert result.returncode == 0, result.stderr


def test_invoke_check_names_a_dead_link_into_the_own_site(tmp_path: Path):
    site = copy_fixture("minimal", tmp_path / "site")
    replace(COURSE, "url: https://traeger.example.org/anmeldung", "url: https://www.testnetz.example.org/anmeldung")(
        site
    )
    result = invoke("check", "--root", str(site))
    assert result.returncode == 1
    assert (
        "data/courses/kurs.yml:14: registration.url: Link „https://www.testnetz.example.org/anmeldung“ zeigt auf diese Website"
        in result.stderr
    )
