"""The data model of a network site: what editors may write in data/ and front matter.

These pydantic models are the one source of truth for the shape of every YAML
kind; ``invoke schemas`` writes the JSON Schema files in schemas/ from them, and
their German descriptions become the hints editors see in their YAML editor.
Cross-file rules (references, dates in order) live in ``checks.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class Model(BaseModel):
    """Unknown keys are mistakes (usually typos), never silently ignored.

    A number where text is expected (``id: 2024``, ``postcode: 99084``) is taken as the
    text the editor typed; the YAML reader keeps leading zeros and times as text.
    """

    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, validate_default=True, coerce_numbers_to_str=True
    )


class Identified(Model):
    """A record in a file of its own, whose id is the file name (nodes, courses)."""

    _id: str = PrivateAttr(default="")

    @property
    def id(self) -> str:
        return self._id


# --- scalar types -------------------------------------------------------------------------

Text = Annotated[str, StringConstraints(min_length=1, max_length=2_000)]
LongText = Annotated[str, StringConstraints(min_length=1, max_length=50_000)]
# Lines of one Markdown text (a news body, a description): a long article has a few hundred; a
# pasted log of 100,000 lines kept python-markdown busy for minutes (rendering.py has the time limit).
MAX_MARKDOWN_LINES = 5_000


def _markdown_lines(value: str) -> str:
    if value.count("\n") >= MAX_MARKDOWN_LINES:
        raise ValueError(f"markdown_lines:{value.count(chr(10)) + 1}")
    return value


Markdown = Annotated[
    LongText,
    AfterValidator(_markdown_lines),
    Field(description="Text in Markdown (Absätze, **fett**, Listen, Links)."),
]
Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=80),
    Field(description="Kennung aus Kleinbuchstaben, Ziffern und Bindestrichen, z. B. „mittenstadt“."),
]


def _check_web_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"url_scheme:{parts.scheme or '(keins)'}")
    if not parts.netloc:
        raise ValueError("url_host")
    if any(ch.isspace() for ch in value):
        raise ValueError("url_space")
    return value


WebUrl = Annotated[
    str,
    StringConstraints(max_length=2_000),
    AfterValidator(_check_web_url),
    Field(description="Webadresse, beginnend mit https:// oder http://"),
]
Email = Annotated[
    str,
    StringConstraints(pattern=r"^[^@\s<>\"]+@[^@\s<>\"]+\.[A-Za-z]{2,}$", max_length=254),
    Field(description="E-Mail-Adresse, z. B. kontakt@example.org"),
]
Phone = Annotated[
    str,
    StringConstraints(pattern=r"^\+?[0-9][0-9 /()\-]{4,30}$"),
    Field(description="Telefonnummer, z. B. 0361 5603-0 oder +49 361 5603-0"),
]
Postcode = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9]{5}$"),
    WithJsonSchema({"type": ["string", "integer"], "pattern": "^[0-9]{5}$", "minimum": 1000, "maximum": 99999}),
    Field(description="Fünfstellige Postleitzahl"),
]


# Every date an editor writes lies in these years: a typo like 9999 or 0001 is caught here, before
# a time-zone conversion or a calendar overflows on it.
EARLIEST_YEAR, LATEST_YEAR = 1990, 2100


def _in_years(value: dt.date) -> dt.date:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(f"date_range:{value.year}")
    return value


def _local_datetime(value: object) -> object:
    """Sessions are written in the network's local time, like on a printed programme."""
    if isinstance(value, str):
        match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?", value.strip())
        if not match:
            raise ValueError("local_datetime")
        day, hour, minute, second = match.groups()
        return f"{day}T{int(hour):02d}:{minute}:{second or '00'}"
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value
    # Not a number either: pydantic would read 2 as 1970-01-01 00:00:02 UTC (found by hypothesis).
    raise ValueError("local_datetime")


def _plain_date(value: object) -> object:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise ValueError("date_format")


LocalDateTime = Annotated[
    dt.datetime,
    BeforeValidator(_local_datetime),
    AfterValidator(_in_years),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(:\d{2})?$"}),
    Field(
        description=f"Ortszeit ohne Zeitzone: JJJJ-MM-TT HH:MM, z. B. 2027-03-04 09:00 "
        f"(Jahre {EARLIEST_YEAR} bis {LATEST_YEAR})"
    ),
]
Date = Annotated[
    dt.date,
    BeforeValidator(_plain_date),
    AfterValidator(_in_years),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
    Field(description=f"Datum: JJJJ-MM-TT, z. B. 2027-03-04 (Jahre {EARLIEST_YEAR} bis {LATEST_YEAR})"),
]


def _check_timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("timezone") from None
    return value


# --- images --------------------------------------------------------------------------------


def _no_parent_steps(value: str) -> str:
    if ".." in value.split("/"):
        raise ValueError("path_dots")
    return value


class Image(Model):
    # Only below images/ (the folder copied to the site) and never "..": no path tricks.
    src: Annotated[
        str,
        StringConstraints(pattern=r"^images/[A-Za-z0-9_-][A-Za-z0-9_./-]*\.(jpg|jpeg|png|webp|svg)$"),
        AfterValidator(_no_parent_steps),
    ] = Field(description="Bilddatei unter content/images/, z. B. „images/eroeffnung.jpg“.")
    alt: Annotated[str, StringConstraints(min_length=3, max_length=300)] = Field(
        description="Alternativtext: was auf dem Bild zu sehen ist."
    )
    caption: Text | None = Field(None, description="Bildunterschrift (optional).")
    # Press photos and image libraries require their credit wherever the picture is shown.
    credit: Annotated[str, StringConstraints(min_length=3, max_length=200)] = Field(
        description="Bildnachweis, wie ihn Urheber oder Bildagentur verlangen, z. B. „Foto: Handwerkskammer Mitte“ "
        "oder „Grafik: Geschäftsstelle“; erscheint am Bild und auf der Seite „Bildnachweis“."
    )


# --- network, partners, topics -------------------------------------------------------------


class OfficeLabel(Model):
    """How the network calls its regional offices (Regionalbüro, Anlaufstelle, …)."""

    singular: Text = Field(description="Bezeichnung eines Standorts, z. B. „Regionalbüro“ oder „Anlaufstelle“.")
    plural: Text = Field(description="Mehrzahl, z. B. „Regionalbüros“ oder „Anlaufstellen“.")
    slug: Id = Field(
        description="Adresspfad der Standortseiten, z. B. „regionalbueros“ → /regionalbueros/mittenstadt/."
    )
    intro: Markdown | None = Field(None, description="Einleitung über der Standortübersicht.")


class Funding(Model):
    funder: Text = Field(description="Fördermittelgeber, z. B. „Bundesministerium für Wirtschaft und Energie“.")
    programme: Text = Field(description="Förderprogramm, z. B. „Zukunftsfonds Automobilindustrie“.")
    amount: Text | None = Field(None, description="Fördersumme als Text, z. B. „rund 1,6 Millionen Euro“.")
    period: Text | None = Field(None, description="Förderzeitraum als Text.")
    notice: Annotated[str, StringConstraints(min_length=10, max_length=300)] | None = Field(
        None,
        description="Förderhinweis im Wortlaut, den der Fördermittelgeber verlangt; steht im Fußbereich jeder "
        "Seite. Ohne Angabe: „Gefördert durch … im Rahmen des Programms …“ aus funder und programme.",
    )


# --- identity: logo and colours ------------------------------------------------------------

HexColour = Annotated[
    str,
    StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$"),
    Field(description="Farbe als sechsstelliger Hex-Wert mit #, z. B. „#0b4f8a“."),
]
# One file directly below data/identity/ (no "/" in the name: no path tricks). Shown as an image
# (<img>), an SVG runs no script and loads nothing; sitedata/identity.py checks the file itself.
LogoPath = Annotated[
    str,
    StringConstraints(pattern=r"^identity/[A-Za-z0-9_-][A-Za-z0-9_.-]*\.svg$"),
    Field(description="SVG-Datei unter data/identity/, z. B. „identity/logo.svg“."),
]


class ColourPair(Model):
    primary: HexColour = Field(
        description="Hauptfarbe als Hex-Wert mit #, z. B. „#0b4f8a“: Links, Schaltflächen, Kartenpunkte."
    )
    accent: HexColour = Field(
        description="Akzentfarbe als Hex-Wert mit #, z. B. „#083a66“: Links und Schaltflächen unter dem Mauszeiger."
    )


class Colours(ColourPair):
    """Text colours of the site; each is checked for WCAG AA contrast (4.5:1) when the site is built."""

    dark_mode: ColourPair = Field(
        description="Dieselben Farben für den dunklen Modus (helle Töne, die auf dunklem Grund lesbar sind)."
    )


class Contact(Model):
    """Role-based contact: a function, never a person's name."""

    role: Text = Field(description="Funktion statt Personenname, z. B. „Geschäftsstelle“ oder „Projektteam Nord“.")
    organisation: Id | None = Field(None, description="Kennung der Organisation aus data/partners.yml.")
    email: Email | None = None
    phone: Phone | None = None
    url: WebUrl | None = None

    @model_validator(mode="after")
    def _reachable(self) -> Contact:
        if not (self.email or self.phone or self.url):
            raise ValueError("contact_channel")
        return self


class ConsortiumMember(Model):
    partner: Id = Field(description="Kennung aus data/partners.yml.")
    role: Text = Field(description="Rolle im Verbund, z. B. „Konsortialführung“ oder „Verbundpartner“.")


class RegionMap(Model):
    name: Text = Field(description="Was der Umriss zeigt, z. B. „Freistaat Mittenland“ oder „Landkreis Musterkreis“.")
    outline: Annotated[
        str,
        StringConstraints(pattern=r"^map/[A-Za-z0-9_-][A-Za-z0-9_.-]*\.geojson$"),
    ] = Field(description="GeoJSON-Datei mit dem Umriss unter data/map/, z. B. „map/region.geojson“.")
    attribution: Text = Field(
        description="Quellenangabe, die unter der Karte steht, z. B. „Umriss: Natural Earth (gemeinfrei)“."
    )


class Cms(Model):
    """Where the web editor (/admin/, Decap CMS) saves: the network's own repository."""

    backend: Literal["github", "gitlab", "gitea"] = Field(
        description="Dienst, auf dem das Repository liegt: github, gitlab oder gitea (auch Forgejo)."
    )
    repo: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$", max_length=200)] = Field(
        description="Repository als „besitzer/name“, z. B. „netzmitte/website“."
    )
    branch: Text = Field("main", description="Zweig, auf dem die Website veröffentlicht wird.")
    base_url: WebUrl | None = Field(
        None,
        description="Anmeldedienst (OAuth), z. B. https://gitea.example.org; bei github.com der eigene OAuth-Dienst.",
    )
    api_root: WebUrl | None = Field(
        None, description="API-Adresse eines eigenen Servers, z. B. https://gitlab.example.org/api/v4."
    )
    app_id: Text | None = Field(None, description="Kennung der OAuth-Anwendung (GitLab, Gitea, Forgejo).")
    editorial_workflow: bool = Field(
        False, description="true = Entwürfe als Pull-/Merge-Requests, veröffentlicht erst nach Freigabe."
    )


# A network's own vocabulary of offers (network.yml ``course_kinds`` and ``course_formats``); these
# are the values when a network declares none. Courses name them; ``checks.py`` checks the names.
DEFAULT_COURSE_KINDS = ("Lehrgang", "Seminar", "Workshop", "Veranstaltung", "Sprechtag")
VocabularyName = Annotated[str, StringConstraints(min_length=1, max_length=60)]
# How one takes part in a format: what decides whether a run needs a place, and what search
# engines (courseMode, eventAttendanceMode) and calendars are told.
Attendance = Literal["vor Ort", "hybrid", "online"]


class CourseFormatEntry(Model):
    """One format of offers: the value courses write, its label on the site, how one takes part."""

    id: VocabularyName = Field(
        description="Wert, den Kurse unter „format“ angeben, z. B. „Präsenz“; daraus wird auch die Adresse der "
        "Filterseite (/kurse/format/praesenz/)."
    )
    label: VocabularyName = Field(description="So steht das Format auf der Website, z. B. „Präsenz“ oder „Online“.")
    attendance: Attendance = Field(
        description="Wie man teilnimmt: „vor Ort“, „hybrid“ (vor Ort oder online) oder „online“; davon hängt ab, "
        "ob eine Durchführung einen Ort braucht."
    )


DEFAULT_COURSE_FORMATS = (
    CourseFormatEntry(id="Präsenz", label="Präsenz", attendance="vor Ort"),
    CourseFormatEntry(id="hybrid", label="Hybrid", attendance="hybrid"),
    CourseFormatEntry(id="online", label="Online", attendance="online"),
)


class Network(Model):
    """data/network.yml: the network this site is about."""

    name: Annotated[str, StringConstraints(min_length=1, max_length=60)] = Field(
        description="Kurzname, z. B. „NetzMitte“."
    )
    long_name: Text = Field(description="Ausgeschriebener Name.")
    description: Annotated[str, StringConstraints(min_length=20, max_length=300)] = Field(
        description="Ein bis zwei Sätze über das Netzwerk (Startseite, Suchmaschinen)."
    )
    region: Text = Field(description="Region, z. B. „Musterregion Mitte“.")
    site_url: WebUrl = Field(description="Öffentliche Adresse der Website, z. B. https://www.example.org")
    timezone: Annotated[str, AfterValidator(_check_timezone)] = Field(
        "Europe/Berlin", description="Zeitzone aller Termine (IANA-Name)."
    )
    office_label: OfficeLabel | None = Field(None, description="Nur für Netzwerke mit regionalen Standorten.")
    funding: Funding
    consortium: list[ConsortiumMember] = Field(min_length=1)
    contact: Contact
    about: Markdown | None = Field(None, description="Längere Beschreibung für die Seite über das Netzwerk.")
    logo: LogoPath | None = Field(None, description="Logo des Netzwerks: SVG-Datei unter data/identity/.")
    colours: Colours | None = Field(None, description="Farben des Netzwerks; ohne Angabe die Farben des Themes.")
    map: RegionMap | None = Field(None, description="Umriss der Region für die Karte der Standorte.")
    share_image: Image | None = Field(
        None,
        description="Vorschaubild, wenn eine Seite ohne eigenes Bild geteilt wird (og:image); "
        "eine Rastergrafik (JPEG, PNG, WebP), am besten 1200 × 630 Pixel.",
    )
    cms: Cms | None = Field(
        None, description="Web-Redaktion unter /admin/; ohne Angabe gibt es sie nur mit `invoke cms`."
    )
    course_kinds: list[VocabularyName] = Field(
        default_factory=lambda: list(DEFAULT_COURSE_KINDS),
        min_length=1,
        max_length=50,
        description="Arten von Angeboten, die Kurse unter „kind“ angeben; so stehen sie auch auf der Website. "
        "Ohne Angabe: " + ", ".join(DEFAULT_COURSE_KINDS) + ".",
    )
    course_formats: list[CourseFormatEntry] = Field(
        default_factory=lambda: [entry.model_copy() for entry in DEFAULT_COURSE_FORMATS],
        min_length=1,
        max_length=20,
        description="Formate, die Kurse unter „format“ angeben, mit Bezeichnung und Teilnahmeart. Ohne Angabe: "
        + ", ".join(f"{f.id} ({f.attendance})" for f in DEFAULT_COURSE_FORMATS)
        + ".",
    )

    def course_format(self, value: str) -> CourseFormatEntry | None:
        """The declared format ``value`` (what a course writes), or None for an unknown one."""
        return next((entry for entry in self.course_formats if entry.id == value), None)

    def format_label(self, value: str) -> str:
        """``Online`` for ``online``: the one spelling of a format on the site (pages, filters, courses.json)."""
        return self.course_format(value).label

    def attendance(self, value: str) -> str:
        return self.course_format(value).attendance


class Partner(Model):
    id: Id = Field(description="Kennung, auf die andere Dateien verweisen.")
    name: Text = Field(description="Vollständiger Name der Organisation.")
    short_name: Text | None = Field(None, description="Kurzform, z. B. „HWK Mitte“.")
    kind: Text | None = Field(None, description="Art, z. B. „Kammer“, „Bildungsträger“, „Hochschule“.")
    city: Text | None = None
    url: WebUrl | None = None
    description: Markdown | None = None

    @property
    def label(self) -> str:
        return self.short_name or self.name


class Partners(Model):
    """data/partners.yml: organisations the site refers to."""

    partners: list[Partner]


class Topic(Model):
    id: Id = Field(description="Kennung, auf die Kurse, Standorte und Meldungen verweisen.")
    name: Text
    description: Text | None = None


class Topics(Model):
    """data/topics.yml: the network's topics."""

    topics: list[Topic]


# --- nodes ---------------------------------------------------------------------------------


class Address(Model):
    street: Text | None = Field(None, description="Straße und Hausnummer; weglassen, wenn nicht gesichert bekannt.")
    postcode: Postcode
    city: Text


class Coordinates(Model):
    lat: float = Field(ge=-90, le=90, description="Breitengrad, z. B. 50.9487")
    lon: float = Field(ge=-180, le=180, description="Längengrad, z. B. 10.7013")


# Whether a place can be reached without steps; absent = not known, shown as „keine Angabe“.
StepFree = Literal["ja", "nein", "teilweise"]
STEP_FREE_LABELS: dict[str | None, str] = {
    "ja": "ja",
    "nein": "nein",
    "teilweise": "teilweise",
    None: "keine Angabe",
}


class Location(Identified):
    """Where people meet, with how to get there: a venue (data/venues/) or a node's office.

    The one definition of address and access, shared by ``Venue`` and ``Node`` (a node is a
    venue with an office), so pages, calendars and structured data read them alike.
    """

    name: Text = Field(description="Name des Ortes.")
    address: Address
    coordinates: Coordinates
    step_free: StepFree | None = Field(
        None,
        description="Stufenlos erreichbar (Eingang und Räume): ja, nein oder teilweise; "
        "ohne Angabe zeigt die Seite „keine Angabe“.",
    )
    accessibility: Text | None = Field(
        None, description="Hinweis zur Barrierefreiheit, z. B. „Aufzug am Seiteneingang, barrierefreies WC im EG“."
    )
    parking: Text | None = Field(None, description="Parken, z. B. „Parkhaus gegenüber, 2 Behindertenparkplätze“.")
    public_transport: Text | None = Field(
        None, description="Anreise mit Bus und Bahn, z. B. „Straßenbahn 4, Haltestelle Stadthalle (2 Minuten)“."
    )
    directions_url: WebUrl | None = Field(
        None, description="Anfahrtsbeschreibung des Hauses im Web (nur als Link, die Seite lädt nichts von dort)."
    )


class Venue(Location):
    """data/venues/<id>.yml: a place where courses take place that is not a node; its id is the file name."""

    name: Text = Field(description="Name des Veranstaltungsorts, z. B. „Stadthalle Mittenstadt“.")
    coordinates: Coordinates | None = Field(
        None, description="Lage für Karte und Kalender; weglassen, wenn nicht gesichert bekannt."
    )


class Node(Location):
    """data/nodes/<id>.yml: one regional office; its id is the file name."""

    name: Text = Field(
        description="Ortsname ohne Bezeichnung, z. B. „Mittenstadt“ (die Bezeichnung kommt aus network.yml)."
    )
    order: int = Field(100, description="Reihenfolge in Listen (kleinere Zahl zuerst).")
    district: Text = Field(description="Landkreis oder kreisfreie Stadt.")
    host: Id = Field(description="Gastgebende Organisation (Kennung aus data/partners.yml).")
    venue: Text | None = Field(None, description="Name des Gebäudes oder Campus, falls nicht gleich dem Träger.")
    opened: Date | None = Field(None, description="Eröffnungsdatum.")
    focus_topics: list[Id] = Field(default_factory=list, description="Schwerpunktthemen (Kennungen aus topics.yml).")
    focus_note: Text | None = Field(None, description="Hinweis zum Schwerpunkt, z. B. wenn er noch nicht feststeht.")
    contact: Contact
    description: Markdown
    image: Image | None = Field(None, description="Bild des Standorts (optional), mit Alternativtext und Bildnachweis.")


# --- Markdown front matter -----------------------------------------------------------------


def _old_address(value: str) -> str:
    """An earlier address of this site, below its domain: what a redirect page is written for."""
    if "://" in value or value.startswith("//"):
        raise ValueError(f"redirect_domain:{value}")
    if not value.startswith("/"):
        raise ValueError(f"redirect_start:{value}")
    if not re.fullmatch(r"/[A-Za-z0-9._~/-]*", value) or "//" in value:
        raise ValueError(f"redirect_chars:{value}")
    if {".", ".."} & set(value.split("/")):
        raise ValueError(f"redirect_dots:{value}")
    return value


OldAddress = Annotated[
    str,
    StringConstraints(min_length=1, max_length=300),
    AfterValidator(_old_address),
    Field(description="Frühere Adresse dieser Website ab dem ersten „/“, z. B. /aktuelles/alte-meldung/"),
]
# Pelican's own status: a draft is written nowhere in the published site; ``invoke serve`` shows it marked.
Status = Annotated[
    Literal["published", "draft"],
    Field(description="„draft“ = Entwurf: nur in der Vorschau (invoke serve) zu sehen, nicht veröffentlicht."),
]
REDIRECTS_DESCRIPTION = (
    "Frühere Adressen, die hierher weiterleiten, z. B. /aktuelles/alte-meldung/ "
    "(frühere Adressen aus der git-Geschichte leiten von selbst weiter)."
)


class NewsMeta(Model):
    """Front matter of content/news/*.md."""

    title: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    date: Date
    summary: Annotated[str, StringConstraints(min_length=1, max_length=400)]
    slug: Id | None = Field(None, description="Adresse der Meldung; sonst aus dem Titel gebildet.")
    nodes: list[Id] = Field(default_factory=list)
    topics: list[Id] = Field(default_factory=list)
    courses: list[Id] = Field(default_factory=list)
    image: Image | None = None
    status: Status = "published"
    redirect_from: list[OldAddress] = Field(default_factory=list, max_length=50, description=REDIRECTS_DESCRIPTION)


class PageMeta(Model):
    """Front matter of content/pages/*.md."""

    title: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    summary: Annotated[str, StringConstraints(min_length=1, max_length=400)] | None = None
    slug: Id | None = None
    menu: int | None = Field(None, description="Position im Hauptmenü; ohne Angabe nicht im Menü.")
    footer: bool = Field(False, description="true = im Fußbereich jeder Seite verlinkt (z. B. Impressum).")
    status: Status = "published"
    redirect_from: list[OldAddress] = Field(default_factory=list, max_length=50, description=REDIRECTS_DESCRIPTION)
