"""The data model of a network site: what editors may write in data/ and front matter.

These pydantic models (here the scalar types, images, contacts and front matter; the
network in ``network_model.py``, nodes and venues in ``place_model.py``, courses in
``course_model.py``) are the one source of truth for the shape of every YAML kind; ``invoke schemas`` writes the JSON Schema files in schemas/ from them, and
their German descriptions become the hints editors see in their YAML editor.
Cross-file rules (references, dates in order) live in ``checks.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal
from urllib.parse import urlsplit

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
        # Read where pydantic keeps private attributes (its documented ``__pydantic_private__``):
        # ``self._id`` takes BaseModel.__getattr__'s slow path, and calendars ask for ids per session.
        return self.__pydantic_private__["_id"]


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


# --- contacts ------------------------------------------------------------------------------


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
