"""data/network.yml, data/partners.yml and data/topics.yml: the network, its organisations and topics
(scalar types and ``Contact``: ``models.py``)."""

from __future__ import annotations

from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, Field, StringConstraints

from .models import Contact, Id, Image, Markdown, Model, Text, WebUrl


def _check_timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("timezone") from None
    return value


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
# are the values when a network declares none. Courses name them; ``course_checks.py`` checks the names.
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
