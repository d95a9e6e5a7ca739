"""Generate a deterministic synthetic network site, and the same news as a plain Pelican site.

    python -m benchmarks.synthetic OUT --news 1000 --courses 200

writes ``OUT/network`` (content/ and data/ for ``invoke build --root``) and ``OUT/plain`` (a stock
Pelican project: Markdown with ``Title:``/``Date:`` headers, default theme, no plugins). Everything
comes from one seeded ``random.Random`` and fixed vocabularies, so two runs with the same arguments
write byte-identical files — a benchmark must measure the build, never a different input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from sitedata.slugs import slugify  # noqa: E402  (the site's own slugs, so ids never collide)

SEED = 2027
SITE_URL = "https://netzwerk-synthetisch.example.org"
TODAY = dt.date(2026, 11, 22)  # news are dated before the benchmark's "today"

# --- vocabulary ------------------------------------------------------------------------------

TOPICS = [
    ("elektromobilitaet", "Elektromobilität", "Elektrische Antriebe, Hochvolt-Sicherheit und Ladetechnik."),
    ("wasserstoff", "Wasserstoff", "Planung, Sicherheit und Anwendung von Wasserstofftechnik."),
    ("elektronik", "Elektrik/Elektronik", "Bordnetze, Leistungselektronik und Elektronikfertigung."),
    ("industrie-4-0", "Industrie 4.0", "Vernetzte Fertigung und Daten im Betrieb."),
    ("leichtbau", "Leichtbau und 3D-Druck", "Leichte Werkstoffe und additive Fertigung."),
    ("transformation", "Transformationsmanagement", "Veränderung planen, steuern und gestalten."),
    ("fachkraefte", "Fachkräfte und Demografie", "Nachwuchs gewinnen und Wissen sichern."),
    ("kreislaufwirtschaft", "Kreislaufwirtschaft", "Ressourcen schonen, Bauteile wiederverwenden."),
]

# (name, district, postcode, lat, lon): fictional towns, umlauts on purpose.
NODES = [
    ("Mittenstadt", "Landkreis Mitte", "99084", 50.98, 11.03),
    ("Grünhain", "Kreis Grünhain-Süd", "98527", 50.61, 10.69),
    ("Bärenfels", "Wartburgkreis", "99817", 50.97, 10.32),
    ("Schönau", "Ilm-Kreis", "98693", 50.68, 10.91),
    ("Lößnitz", "Saale-Holzland-Kreis", "07646", 50.87, 11.72),
    ("Mühlberg", "Landkreis Gotha", "99869", 50.87, 10.83),
    ("Überlingen am Forst", "Kyffhäuserkreis", "99706", 51.37, 10.87),
    ("Weißensee", "Landkreis Sömmerda", "99631", 51.20, 11.07),
    ("Oberhöfen", "Landkreis Schmalkalden-Meiningen", "98574", 50.72, 10.45),
    ("Rödental", "Unstrut-Hainich-Kreis", "99974", 51.21, 10.46),
]

PARTNERS = [
    ("netzwerkagentur", "Netzwerkagentur Transformation Mitte GmbH", "Netzwerkagentur", "Wirtschaftsförderung"),
    ("ihk-mitte", "Industrie- und Handelskammer Mitte", "IHK Mitte", "Kammer"),
    ("hwk-mitte", "Handwerkskammer Mitte", "HWK Mitte", "Kammer"),
    ("hochschule-mitte", "Technische Hochschule Mittenstadt", "TH Mittenstadt", "Hochschule"),
    ("bildungswerk-nord", "Bildungswerk Nord gGmbH", None, "Bildungsträger"),
    ("akademie-sued", "Akademie für Technik Süd", "Akademie Süd", "Bildungsträger"),
    ("kvhs-weissensee", "Kreisvolkshochschule Weißensee", "KVHS Weißensee", "Bildungsträger"),
    ("zentrum-loessnitz", "Technologiezentrum Lößnitz", None, "Technologiezentrum"),
    ("verband-zulieferer", "Verband der Zulieferer Mitte e. V.", "VZM", "Verband"),
    ("agentur-arbeit", "Agentur für Arbeit Mittenstadt", None, "Behörde"),
    ("wirtschaftsfoerderung-gruenhain", "Wirtschaftsförderung Grünhain", None, "Wirtschaftsförderung"),
    ("campus-baerenfels", "Bildungscampus Bärenfels", None, "Bildungsträger"),
]

SUBJECTS = [
    "Hochvolt-Sicherheit",
    "Wasserstoff im Betrieb",
    "Leistungselektronik",
    "Digitale Fertigung",
    "Additive Fertigung",
    "Bordnetze der Zukunft",
    "Fachkräftegewinnung",
    "Unternehmensnachfolge",
    "Batterietechnik",
    "Prozessdaten nutzen",
    "Kreislaufgerechte Konstruktion",
    "Führen im Wandel",
    "Förderprogramme für Zulieferer",
    "Energieeffizienz in der Produktion",
    "Robotik für kleine Serien",
    "Qualitätssicherung mit Sensorik",
    "Werkstoffe für den Leichtbau",
    "Ladeinfrastruktur im Betriebshof",
    "Künstliche Intelligenz in der Qualitätsprüfung",
    "Weiterbildung für Ältere",
]
EVENTS = [
    "startet",
    "geht in die zweite Runde",
    "zieht positive Bilanz",
    "bringt Betriebe zusammen",
    "stößt auf große Nachfrage",
    "wird ausgeweitet",
    "zeigt erste Ergebnisse",
    "lädt zum Mitmachen ein",
    "öffnet für neue Teilnehmende",
    "erhält Förderung",
]
PEOPLE = [
    "Beschäftigte",
    "Führungskräfte",
    "Auszubildende",
    "Personalverantwortliche",
    "Geschäftsführerinnen und Geschäftsführer",
    "Betriebsräte",
    "Fachkräfte aus der Instandhaltung",
    "Meisterinnen und Meister",
]
BUSINESSES = [
    "Zulieferbetriebe",
    "Werkzeugbauer",
    "Gießereien",
    "Kunststoffverarbeiter",
    "Elektronikfertiger",
    "Maschinenbauunternehmen",
    "Autohäuser und Werkstätten",
    "Logistikdienstleister",
]
ADJECTIVES = ["praxisnah", "kostenfrei", "kompakt", "berufsbegleitend", "gefördert", "regional", "offen", "modular"]
MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]
SENTENCES = [
    "Im Regionalbüro {ort} trafen sich {people} aus {count} Betrieben, um über {thema} zu sprechen.",
    "Viele {businesses} der Region spüren den Wandel inzwischen deutlich in ihren Auftragsbüchern.",
    "Als Partner begleitet {partner} das Vorhaben fachlich und bringt Erfahrung aus früheren Projekten ein.",
    "Gefragt sind vor allem Angebote, die sich mit dem Schichtbetrieb vereinbaren lassen.",
    "Nach Angaben der Veranstalter waren alle {count} Plätze innerhalb weniger Tage vergeben.",
    "Für {people} ist das Angebot {adjective}; die Kosten übernimmt das Förderprogramm.",
    "Wer nicht vor Ort sein kann, erhält die Unterlagen im Anschluss per E-Mail.",
    "Bis zum {tag}. {monat} sollen weitere Termine in {ort} und Umgebung folgen.",
    "Gerade kleine Unternehmen profitieren davon, dass sie ihre Fragen direkt an Fachleute richten können.",
    "„Wir müssen heute ausbilden, was morgen gebraucht wird“, sagte eine Teilnehmerin aus {ort}.",
    "Die Ergebnisse fließen in die Planung des Weiterbildungsprogramms für das kommende Jahr ein.",
    "Neben Vorträgen standen praktische Übungen an Demonstratoren auf dem Programm.",
    "Das Thema {thema} gewinnt für {businesses} spürbar an Bedeutung.",
    "In kurzen Impulsen stellten drei Betriebe vor, wie sie ihre Fertigung umgestellt haben.",
    "Anschließend tauschten sich die Teilnehmenden in kleinen Gruppen über ihre Erfahrungen aus.",
    "Die Nachfrage nach Beratung zu Fördermitteln ist im vergangenen Halbjahr um {count} Prozent gestiegen.",
    "Außerdem wurde über die Zusammenarbeit mit Schulen und Hochschulen gesprochen.",
    "Für Rückfragen steht das Team des Regionalbüros {ort} gern zur Verfügung.",
    "Die Veranstaltungsreihe wird gemeinsam mit dem Partner „{partner}“ organisiert.",
    "Ein Schwerpunkt lag auf der Frage, wie sich Wissen erfahrener Beschäftigter sichern lässt.",
    "Größere Investitionen planen die meisten Betriebe erst, wenn die Förderbedingungen feststehen.",
    "Übrigens: Auch Betriebe außerhalb der Pilotregion können an den Veranstaltungen teilnehmen.",
    "Die Gespräche zeigten, dass {people} vor allem verlässliche Informationen und kurze Wege schätzen.",
    "Mehrere Unternehmen kündigten an, künftig enger bei der Ausbildung zusammenzuarbeiten.",
    "Zum Abschluss besichtigten die Gäste die Werkhalle eines Zulieferers in {ort}.",
    "Die Präsentationen der Veranstaltung sind auf Anfrage erhältlich.",
    "Ziel ist es, {businesses} beim Einstieg in das Thema {thema} zu unterstützen.",
    "Ob Schweißroboter, Prüfstand oder Lastenrad: Die Beispiele aus der Praxis überzeugten.",
]
HEADINGS = [
    "Worum es geht",
    "Was die Betriebe erwartet",
    "Ergebnisse aus der Praxis",
    "Nächste Schritte",
    "Stimmen aus der Region",
    "Förderung und Anmeldung",
    "Hintergrund",
    "Zahlen und Fakten",
    "Wie es weitergeht",
    "Ansprechpartner vor Ort",
    "Häufige Fragen",
    "Überblick über die Termine",
]
LIST_ITEMS = [
    "Grundlagen und Begriffe zum Thema {thema}",
    "Sicherheit am Arbeitsplatz und gesetzliche Vorgaben",
    "Fördermöglichkeiten für {businesses}",
    "Erfahrungen aus Betrieben in {ort}",
    "Übungen an echten Bauteilen",
    "Austausch mit anderen Unternehmen",
    "Beratung zu Qualifizierung und Personalentwicklung",
    "Zertifikat des Partners „{partner}“",
    "Kostenfreie Teilnahme für {people}",
    "Nächster Termin im {monat} 2027",
]
KINDS = ["Lehrgang", "Seminar", "Workshop", "Veranstaltung", "Sprechtag"]
MODULES = ["Grundlagen", "Sicherheit", "Praxis", "Vertiefung", "Prüfung", "Transfer"]


@dataclass
class _Course:
    id: str
    title: str


@dataclass
class Generated:
    """What was written, for the benchmark's edits and reports."""

    network: Path
    plain: Path
    news: list[str] = field(default_factory=list)  # news file names (same in both sites)
    courses: list[str] = field(default_factory=list)  # course ids
    sessions: int = 0


# --- text ------------------------------------------------------------------------------------


class _Writer:
    """German text from the fixed vocabulary; one seeded RNG for everything."""

    def __init__(self, rng: random.Random, node_names: list[str], courses: list[_Course]) -> None:
        self.rng = rng
        self.node_names = node_names
        self.courses = courses

    def fill(self, template: str) -> str:
        rng = self.rng
        return template.format(
            ort=rng.choice(self.node_names),
            thema=rng.choice(TOPICS)[1],
            partner=rng.choice(PARTNERS)[1],
            people=rng.choice(PEOPLE),
            businesses=rng.choice(BUSINESSES),
            adjective=rng.choice(ADJECTIVES),
            count=rng.randint(3, 60),
            tag=rng.randint(1, 28),
            monat=rng.choice(MONTHS),
        )

    def sentence(self) -> str:
        text = self.fill(self.rng.choice(SENTENCES))
        roll = self.rng.random()
        if roll < 0.12:  # inline markup and links, as editors write them
            words = text.split(" ")
            i = self.rng.randrange(len(words) - 1)
            words[i] = f"**{words[i]}**"
            text = " ".join(words)
        elif roll < 0.2:
            text += f" Mehr dazu auf der [Seite der Partner](https://www.example.org/{self.rng.choice(PARTNERS)[0]}/)."
        elif roll < 0.26 and self.courses:
            course = self.rng.choice(self.courses)
            text += f" Details stehen beim Kurs [{course.title}](/kurse/{course.id}/)."
        return text

    def paragraph(self, sentences: tuple[int, int] = (2, 5)) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(*sentences)))

    def bullet_list(self) -> str:
        items = self.rng.sample(LIST_ITEMS, self.rng.randint(3, 6))
        marker = "1." if self.rng.random() < 0.3 else "-"
        return "\n".join(f"{marker} {self.fill(item)}" for item in items)

    def table(self) -> str:
        rows = ["| Termin | Ort | Thema |", "| --- | --- | --- |"]
        for _ in range(self.rng.randint(3, 5)):
            rows.append(
                f"| {self.rng.randint(1, 28)}. {self.rng.choice(MONTHS)} 2027 "
                f"| {self.rng.choice(self.node_names)} | {self.rng.choice(TOPICS)[1]} |"
            )
        return "\n".join(rows)

    def article(self) -> str:
        """300–800 words: intro, sections with headings, one list, one table."""
        target = self.rng.randint(300, 740)  # the last section overshoots by up to ~60 words
        blocks = [self.paragraph()]
        headings = self.rng.sample(HEADINGS, len(HEADINGS))
        list_at, table_at = self.rng.sample(range(3), 2)
        section = 0
        while _words(blocks) < target:
            blocks.append(f"## {headings[section % len(headings)]}")
            blocks.append(self.paragraph())
            if section == list_at:
                blocks.append(self.bullet_list())
            if section == table_at:
                blocks.append(self.table())
            if self.rng.random() < 0.3:
                blocks.append(f"### {self.rng.choice(MODULES)}")
                blocks.append(self.paragraph((1, 3)))
            section += 1
        while section <= max(list_at, table_at):  # short targets still get their list and table
            blocks.append(f"## {headings[section % len(headings)]}")
            blocks.append(self.bullet_list() if section == list_at else self.table())
            section += 1
        return "\n\n".join(blocks) + "\n"


def _words(blocks: list[str]) -> int:
    return sum(len(block.split()) for block in blocks)


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def _ids(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


def _indent(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line else "" for line in text.rstrip("\n").split("\n"))


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))  # bytes: no platform newline translation


# --- data/ -----------------------------------------------------------------------------------


def _write_data(data: Path, rng: random.Random, writer: _Writer, node_ids: list[str]) -> None:
    _write(
        data / "network.yml",
        f"""name: SynNetz
long_name: Synthetisches Transformationsnetzwerk Mitte
description: Ein erfundenes Netzwerk mit vielen Meldungen und Kursen, an dem die Build-Zeit gemessen wird.
region: Musterregion Mitte
site_url: {SITE_URL}
timezone: Europe/Berlin
office_label:
  singular: Regionalbüro
  plural: Regionalbüros
  slug: regionalbueros
  intro: Die Regionalbüros sind Anlaufstellen vor Ort für **Betriebe** und Beschäftigte.
funding:
  funder: Bundesministerium für Wirtschaft und Energie
  programme: Zukunftsfonds Automobilindustrie
  amount: rund 2 Millionen Euro
  period: 2025 bis 2028
consortium:
  - partner: netzwerkagentur
    role: Konsortialführung
  - partner: ihk-mitte
    role: Verbundpartner
  - partner: hochschule-mitte
    role: Verbundpartner
contact:
  role: Geschäftsstelle
  organisation: netzwerkagentur
  email: kontakt@netzwerk-synthetisch.example.org
  phone: 0361 123456-0
about: |
{_indent(writer.paragraph((4, 6)), 2)}
""",
    )
    lines = ["partners:"]
    for ident, name, short, kind in PARTNERS:
        lines += [f"  - id: {ident}", f"    name: {_q(name)}"]
        if short:
            lines.append(f"    short_name: {_q(short)}")
        lines += [f"    kind: {_q(kind)}", f"    url: https://www.example.org/{ident}/"]
        lines.append(f"    description: {_q(writer.paragraph((1, 2)))}")
    _write(data / "partners.yml", "\n".join(lines) + "\n")
    lines = ["topics:"]
    for ident, name, description in TOPICS:
        lines += [f"  - id: {ident}", f"    name: {_q(name)}", f"    description: {_q(description)}"]
    _write(data / "topics.yml", "\n".join(lines) + "\n")

    hosts = [p[0] for p in PARTNERS]
    for order, ((name, district, postcode, lat, lon), ident) in enumerate(zip(NODES, node_ids, strict=True), 1):
        focus = sorted(rng.sample([t[0] for t in TOPICS], rng.randint(1, 3)))
        _write(
            data / "nodes" / f"{ident}.yml",
            f"""name: {_q(name)}
order: {order}
district: {_q(district)}
host: {rng.choice(hosts)}
address:
  street: {_q(f"{rng.choice(['Hauptstraße', 'Am Markt', 'Bahnhofstraße', 'Gewerbering'])} {rng.randint(1, 40)}")}
  postcode: "{postcode}"
  city: {_q(name)}
coordinates:
  lat: {lat}
  lon: {lon}
opened: {dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 500))}
focus_topics: {_ids(focus)}
contact:
  role: {_q(f"Team Regionalbüro {name}")}
  organisation: netzwerkagentur
  phone: 0361 123456-{order}
description: |
{_indent(writer.paragraph((3, 5)) + chr(10) * 2 + writer.paragraph((2, 4)), 2)}
""",
        )


def _course_yaml(rng: random.Random, writer: _Writer, course: _Course, node_ids: list[str]) -> tuple[str, int]:
    kind = rng.choice(KINDS)
    roll = rng.random()
    fmt = "Präsenz" if roll < 0.7 else ("hybrid" if roll < 0.85 else "online")
    topics = sorted(rng.sample([t[0] for t in TOPICS], rng.randint(1, 2)))
    cost = "0" if rng.random() < 0.5 else f"{rng.randint(5, 120) * 10}.00"
    description = writer.paragraph((2, 4)) + "\n\n" + writer.bullet_list() + "\n\n" + writer.paragraph((1, 3))
    lines = [
        f"title: {_q(course.title)}",
        f"summary: {_q(writer.sentence())}",
        "description: |",
        _indent(description, 2),
        f"kind: {kind}",
        f"topics: {_ids(topics)}",
        f"provider: {rng.choice(PARTNERS)[0]}",
        f"target_group: {_q(f'{rng.choice(PEOPLE)} aus Unternehmen der Region')}",
        f"format: {fmt}",
        f"workload_ue: {rng.choice([4, 8, 16, 24, 40, 80])}",
        "price:",
        f"  regular: {cost}",
        "registration:",
        "  required: true",
        f"  url: https://anmeldung.example.org/{course.id}",
        f"capacity: {rng.choice([8, 12, 16, 20, 30])}",
        "runs:",
    ]
    sessions = 0
    # Distinct months keep run ids unique; Feb–Nov keeps every session (and its deadline) in 2027.
    months = sorted(rng.sample(range(2, 12), rng.randint(1, 3)))
    for month in months:
        status = rng.choices(["buchbar", "geplant", "ausgebucht", "abgesagt"], [70, 15, 10, 5])[0]
        count = rng.randint(1, 6)
        day = dt.date(2027, month, rng.randint(1, 20))
        lines += [f"  - id: 2027-{month:02d}", f"    status: {status}"]
        if fmt != "online":
            if rng.random() < 0.9:
                lines += ["    place:", f"      node: {rng.choice(node_ids)}"]
            else:  # a venue outside the network's offices
                lines += [
                    "    place:",
                    "      name: Stadthalle Mittenstadt",
                    "      street: Marktplatz 2",
                    '      postcode: "99084"',
                    "      city: Mittenstadt",
                ]
        lines.append(f"    registration_deadline: {day - dt.timedelta(days=rng.randint(3, 21))}")
        if status == "abgesagt":
            lines.append("    note: Zu wenige Anmeldungen; ein neuer Termin folgt.")
        lines.append("    sessions:")
        start_hour, end_hour = rng.choice([(9, 16), (8, 15), (13, 17), (10, 12)])
        for s in range(count):
            # One session a day, days apart: sessions never overlap, no DST-skipped hour (02:00).
            lines += [
                f"      - id: termin-{s + 1}",
                f"        start: {day} {start_hour:02d}:00",
                f"        end: {day} {end_hour:02d}:{rng.choice(['00', '30'])}",
            ]
            if kind == "Lehrgang":
                lines.append(f"        title: {_q(f'Modul {s + 1}: {MODULES[s]}')}")
            day += dt.timedelta(days=rng.randint(1, 4))
        sessions += count
    return "\n".join(lines) + "\n", sessions


# --- news ------------------------------------------------------------------------------------


@dataclass
class _News:
    filename: str
    title: str
    slug: str
    date: dt.date
    summary: str
    nodes: list[str]
    topics: list[str]
    courses: list[str]
    body: str


def _titles(rng: random.Random, count: int, taken: set[str]) -> list[tuple[str, str]]:
    """Unique (title, slug) pairs; a collision just draws again (deterministically)."""
    found = []
    while len(found) < count:
        title = f"{rng.choice(SUBJECTS)} in {rng.choice(NODES)[0]} {rng.choice(EVENTS)}"
        if rng.random() < 0.5:
            title = f"{title} ({rng.choice(MONTHS)} {rng.randint(2019, 2026)})"
        slug = slugify(title)
        if slug not in taken:
            taken.add(slug)
            found.append((title, slug))
    return found


def generate(folder: Path, news: int, courses: int, seed: int = SEED) -> Generated:
    """Write ``folder/network`` (our site) and ``folder/plain`` (plain Pelican, same news)."""
    rng = random.Random(seed)
    network, plain = folder / "network", folder / "plain"
    node_names = [n[0] for n in NODES]
    node_ids = [slugify(name) for name in node_names]

    course_list = []
    repeats: dict[str, int] = {}  # at M=1,000 titles repeat; a counter keeps ids short (≤ 80 characters)
    for _ in range(courses):
        variant = rng.choice(["Einstieg", "Praxis", "Kompakt", "Aufbau", "Spezial"])
        title = f"{rng.choice(SUBJECTS)}: {variant} in {rng.choice(node_names)}"
        ident = slugify(title)[:72].rstrip("-")
        repeats[ident] = repeats.get(ident, 0) + 1
        if repeats[ident] > 1:
            ident = f"{ident}-{repeats[ident]}"
        course_list.append(_Course(ident, title))

    writer = _Writer(rng, node_names, course_list)
    _write_data(network / "data", rng, writer, node_ids)
    result = Generated(network, plain)
    for course in course_list:
        text, sessions = _course_yaml(rng, writer, course, node_ids)
        _write(network / "data" / "courses" / f"{course.id}.yml", text)
        result.courses.append(course.id)
        result.sessions += sessions

    items = []
    for title, slug in _titles(rng, news, set()):
        date = TODAY - dt.timedelta(days=rng.randint(1, 8 * 365))
        linked = rng.sample(course_list, min(len(course_list), rng.randint(0, 2)))
        items.append(
            _News(
                filename=f"{date}-{slug}.md",
                title=title,
                slug=slug,
                date=date,
                summary=" ".join(writer.fill(rng.choice(SENTENCES)) for _ in range(2)),  # plain text, < 400
                nodes=sorted(rng.sample(node_ids, rng.randint(0, 2))),
                topics=sorted(rng.sample([t[0] for t in TOPICS], rng.randint(1, 2))),
                courses=sorted(c.id for c in linked),
                body=writer.article(),
            )
        )

    _write(
        network / "content" / "pages" / "impressum.md",
        "---\ntitle: Impressum\nfooter: true\n---\nNetzwerkagentur Transformation Mitte GmbH, Hauptstraße 1, 99084 Mittenstadt.\n",
    )
    topic_names = {t[0]: t[1] for t in TOPICS}
    node_name = dict(zip(node_ids, node_names, strict=True))
    for item in items:
        _write(
            network / "content" / "news" / item.filename,
            f"""---
title: {_q(item.title)}
date: {item.date}
summary: {_q(item.summary)}
nodes: {_ids(item.nodes)}
topics: {_ids(item.topics)}
courses: {_ids(item.courses)}
---
{item.body}""",
        )
        # Plain Pelican: topics become its category, nodes its tags, as the nearest stock equivalent.
        tags = ", ".join(node_name[n] for n in item.nodes)
        _write(
            plain / "content" / item.filename,
            f"""Title: {item.title}
Date: {item.date} 10:00
Category: {topic_names[item.topics[0]]}
{f"Tags: {tags}{chr(10)}" if tags else ""}Slug: {item.slug}
Summary: {item.summary}

{item.body}""",
        )
        result.news.append(item.filename)
    _write(plain / "pelicanconf.py", PLAIN_CONF)
    return result


PLAIN_CONF = '''"""Plain Pelican for comparison: default theme, Pelican's default feeds, no plugins, its content cache on."""

SITENAME = "Synthetisches Netzwerk"
SITEURL = "https://netzwerk-synthetisch.example.org"
PATH = "content"
TIMEZONE = "Europe/Berlin"
DEFAULT_LANG = "de"
DEFAULT_PAGINATION = 10
PLUGINS = []  # an empty list, not None: no namespace plugins are auto-loaded
# Pelican's own content cache, as its documentation suggests for sites that grow.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
'''


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--news", type=int, default=1000)
    parser.add_argument("--courses", type=int, default=200)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    made = generate(args.folder, args.news, args.courses, args.seed)
    print(f"{made.network}: {len(made.news)} news, {len(made.courses)} courses, {made.sessions} sessions")
    print(f"{made.plain}: {len(made.news)} news")


if __name__ == "__main__":
    main()
