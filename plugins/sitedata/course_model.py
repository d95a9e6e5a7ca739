"""data/courses/<id>.yml: a course with its runs and their sessions (see models.py for the rest).

The one definition of every field of a course, like models.py for the other kinds; the
scalar types (dates in local time, ids, addresses) are models.py's.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from .models import Coordinates, Date, Email, Id, Identified, LocalDateTime, Markdown, Model, Postcode, Text, WebUrl

# Sessions per run and per course: a daily series of almost three years fits in one run; the build
# cost grows linearly with them (`invoke bench --series`), and these bounds keep it bounded too.
MAX_SESSIONS_PER_RUN = 1_000
MAX_SESSIONS_PER_COURSE = 10_000

CourseKind = Literal["Lehrgang", "Seminar", "Workshop", "Veranstaltung", "Sprechtag"]
CourseFormat = Literal["Präsenz", "hybrid", "online"]
# How the site writes each format, everywhere a visitor reads one (pages, filters, courses.json's
# format_label). The values editors type stay the ids: data files, URLs and filter state keep them.
FORMAT_LABELS: dict[str, str] = {"Präsenz": "Präsenz", "hybrid": "Hybrid", "online": "Online"}
RunStatus = Literal["geplant", "buchbar", "ausgebucht", "abgesagt", "verschoben"]
SessionStatus = Literal["abgesagt", "verschoben"]


class Registration(Model):
    """How to register; whether one must is written (``required``), never inferred from the channels.

    A course without this section says "Anmeldung: keine Angabe": absence is no statement.
    """

    required: bool = Field(
        description="Ist eine Anmeldung nötig? true = ja (dann url oder email); false = ohne Anmeldung, einfach kommen."
    )
    url: WebUrl | None = Field(None, description="Anmeldeformular im Web.")
    email: Email | None = Field(None, description="Anmeldung per E-Mail.")
    note: Text | None = Field(None, description="Hinweis zur Anmeldung.")

    @model_validator(mode="after")
    def _one_channel(self) -> Registration:
        if self.required and not (self.url or self.email):
            raise ValueError("registration_channel")
        return self


class Place(Model):
    """A node of the network, a venue from data/venues/, or (once) a venue's address written here."""

    node: Id | None = Field(None, description="Kennung eines Standorts aus data/nodes/.")
    venue: Id | None = Field(
        None, description="Kennung eines Veranstaltungsorts aus data/venues/ (mit Barrierefreiheit und Anreise)."
    )
    name: Text | None = Field(
        None, description="Name des Veranstaltungsorts (nur ohne node und venue; besser: eine Datei in data/venues/)."
    )
    street: Text | None = None
    postcode: Postcode | None = None
    city: Text | None = None
    coordinates: Coordinates | None = None

    @model_validator(mode="after")
    def _one_place(self) -> Place:
        address = [self.name, self.street, self.postcode, self.city]
        if sum((bool(self.node), bool(self.venue), any(address) or self.coordinates is not None)) > 1:
            raise ValueError("place_both")
        if not self.node and not self.venue and not all(address):
            raise ValueError("place_incomplete")
        return self


class Session(Model):
    """A session with its times (``start`` and ``end``), or only its day (``date``) while the times are not fixed."""

    id: Id = Field(description="Feste Kennung des Termins; nie ändern, auch wenn sich Datum oder Uhrzeit ändern.")
    start: LocalDateTime | None = Field(None, description="Beginn (Ortszeit), zusammen mit end.")
    end: LocalDateTime | None = Field(None, description="Ende (Ortszeit), zusammen mit start.")
    date: Date | None = Field(
        None,
        description="Nur der Tag, solange die Uhrzeit noch nicht feststeht (Seite: „Uhrzeit folgt“); dann ohne start und end.",
    )
    title: Text | None = Field(None, description="Titel des Termins, z. B. „Modul 2: Sicherheit“.")
    room: Text | None = Field(None, description="Raum.")
    place: Place | None = Field(
        None,
        description="Ort nur dieses Termins, wenn er woanders stattfindet als die Durchführung "
        "(z. B. ein Modul bei einem Partner); ohne Angabe der Ort der Durchführung.",
    )
    status: SessionStatus | None = Field(None, description="Eigener Status, falls nur dieser Termin betroffen ist.")
    note: Text | None = Field(
        None, description="Hinweis zu diesem Termin, z. B. Grund einer Absage oder wann er nachgeholt wird."
    )

    @model_validator(mode="after")
    def _times_or_day(self) -> Session:
        if self.date is not None and (self.start or self.end):
            raise ValueError("session_date_and_time")
        if self.date is None:
            if self.start is None and self.end is None:
                raise ValueError("session_no_date")
            if self.start is None:
                raise ValueError("session_end_without_start")
            if self.end is None:
                raise ValueError("session_start_without_end")
        return self

    @property
    def timed(self) -> bool:
        """False while only the day is known („Uhrzeit folgt“)."""
        return self.date is None

    @property
    def first_day(self) -> dt.date:
        return self.date or self.start.date()

    @property
    def last_day(self) -> dt.date:
        return self.date or self.end.date()


class Run(Model):
    id: Id = Field(description="Feste Kennung der Durchführung, z. B. „2027-fruehjahr“.")
    status: RunStatus
    place: Place | None = Field(None, description="Ort; bei reinen Online-Formaten weglassen.")
    registration_deadline: Date | None = Field(
        None,
        description="Anmeldeschluss (letzter Tag, an dem man sich anmelden kann); nur mit registration.required: true.",
    )
    waiting_list: bool = Field(
        False,
        description="true = ausgebucht, aber man kann sich auf die Warteliste setzen lassen; nur mit status: ausgebucht.",
    )
    start_date: Date | None = Field(None, description="Erster Tag, wenn die Termine noch nicht feststehen.")
    end_date: Date | None = Field(None, description="Letzter Tag, wenn die Termine noch nicht feststehen.")
    note: Text | None = Field(None, description="Hinweis, z. B. Grund einer Absage oder Verschiebung.")
    sessions: list[Session] = Field(
        default_factory=list,
        max_length=MAX_SESSIONS_PER_RUN,
        description=f"Einzeltermine (Sitzungen), höchstens {MAX_SESSIONS_PER_RUN} je Durchführung.",
    )


class Course(Identified):
    """data/courses/<id>.yml: a course or event with its runs and sessions; its id is the file name."""

    title: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    summary: Annotated[str, StringConstraints(min_length=1, max_length=400)] = Field(
        description="Ein bis zwei Sätze für Listen und Kalender."
    )
    description: Markdown
    kind: CourseKind
    topics: list[Id] = Field(min_length=1, description="Themen (Kennungen aus topics.yml).")
    provider: Id = Field(description="Anbieter (Kennung aus data/partners.yml).")
    target_group: Text = Field(description="Zielgruppe.")
    prerequisites: Text | None = Field(None, description="Voraussetzungen; ohne Angabe zeigt die Seite dazu nichts.")
    certificate: Text | None = Field(None, description="Abschluss oder Zertifikat.")
    format: CourseFormat
    workload_ue: int | None = Field(None, gt=0, le=5_000, description="Umfang in Unterrichtseinheiten (UE).")
    cost_eur: Decimal = Field(ge=0, le=100_000, decimal_places=2, description="Kosten in Euro; 0 = kostenfrei.")
    funding_note: Text | None = Field(None, description="Hinweis zur Förderung.")
    registration: Registration | None = Field(
        None, description="Anmeldung; ohne diesen Abschnitt zeigt die Seite „Anmeldung: keine Angabe“."
    )
    capacity: int | None = Field(None, gt=0, le=100_000, description="Teilnehmerplätze je Durchführung.")
    example: bool = Field(False, description="true = Beispieldaten; die Seite kennzeichnet das Angebot als Beispiel.")
    runs: list[Run] = Field(min_length=1, description="Durchführungen.")

    @model_validator(mode="after")
    def _sessions_in_bounds(self) -> Course:
        if sum(len(run.sessions) for run in self.runs) > MAX_SESSIONS_PER_COURSE:
            raise ValueError("sessions_per_course")
        return self
