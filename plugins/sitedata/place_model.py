"""data/nodes/ and data/venues/: where people meet, with address and access (scalar types: ``models.py``)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .models import Contact, Date, Id, Identified, Image, Markdown, Model, Postcode, Text, WebUrl


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
