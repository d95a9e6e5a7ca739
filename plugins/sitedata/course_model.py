"""data/courses/<id>.yml: a course with its runs and their sessions.

The one definition of every field of a course, like network_model.py and place_model.py for
the other kinds; the scalar types (dates in local time, ids, addresses) are models.py's.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Literal, get_args

from babel import Locale
from dateutil import rrule
from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    PrivateAttr,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from .models import Contact, Date, Email, Id, Identified, LocalDateTime, Markdown, Model, Postcode, Text, WebUrl
from .network_model import VocabularyName
from .place_model import Coordinates

# Sessions per run and per course: a daily series of almost three years fits in one run; the build
# cost grows linearly with them (`invoke bench --series`), and these bounds keep it bounded too.
MAX_SESSIONS_PER_RUN = 1_000
MAX_SESSIONS_PER_COURSE = 10_000

RunStatus = Literal["geplant", "buchbar", "ausgebucht", "abgesagt", "verschoben"]
SessionStatus = Literal["abgesagt", "verschoben"]
Rhythm = Literal["wöchentlich", "monatlich"]
Weekday = Literal["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
WEEKDAYS: tuple[str, ...] = get_args(Weekday)
Ordinal = Literal["erster", "zweiter", "dritter", "vierter", "letzter"]
ORDINALS: dict[str, int] = {"erster": 1, "zweiter": 2, "dritter": 3, "vierter": 4, "letzter": -1}


def _local_time(value: object) -> dt.time:
    """``10:00``: a time of day in local time (the YAML reader keeps it as the text typed)."""
    if isinstance(value, dt.time):
        return value
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", value.strip()) if isinstance(value, str) else None
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError("local_time")
    return dt.time(int(match[1]), int(match[2]))


LocalTime = Annotated[
    dt.time,
    BeforeValidator(_local_time),
    WithJsonSchema({"type": "string", "pattern": r"^\d{1,2}:\d{2}$"}),
    Field(description="Uhrzeit (Ortszeit): HH:MM, z. B. 10:00"),
]


# Language names in German (babel/CLDR), by ISO 639 code: what a course's ``language`` may be.
LANGUAGE_NAMES: dict[str, str] = Locale.parse("de").languages
DEFAULT_LANGUAGE = "de"


def _known_language(value: str) -> str:
    if value not in LANGUAGE_NAMES:
        raise ValueError(f"language:{value}")
    return value


LanguageCode = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z]{2,3}$"),
    AfterValidator(_known_language),
    Field(description="Sprachcode nach ISO 639-1 in Kleinbuchstaben, z. B. „de“ (Deutsch), „en“ (Englisch)."),
]
Euro = Annotated[Decimal, Field(ge=0, le=100_000, decimal_places=2)]


class Price(Model):
    """What a course costs: a regular price (0 = kostenfrei), a reduced one, or "auf Anfrage".

    A course without ``price`` shows „Kosten: noch nicht bekannt“: absence is no statement.
    """

    regular: Euro | None = Field(None, description="Regulärer Preis in Euro, z. B. 290; 0 = kostenfrei.")
    reduced: Euro | None = Field(
        None, description="Ermäßigter Preis in Euro (niedriger als regular), z. B. 190; 0 = für sie kostenfrei."
    )
    reduced_for: Text | None = Field(
        None, description="Wer den ermäßigten Preis zahlt, z. B. „Mitglieder, Auszubildende“."
    )
    # No default value: the web editor would write ``on_request: false`` into every new course's price.
    on_request: bool | None = Field(None, description="true = Preis auf Anfrage (dann ohne regular).")

    @property
    def free(self) -> bool:
        return self.regular == 0


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
    reason: Text | None = Field(
        None,
        description="Grund der Absage oder Verschiebung (nur mit status: abgesagt oder verschoben, beim Termin "
        "oder der Durchführung), z. B. „Referent erkrankt“; steht bei der Absage auf der Seite und im Kalender.",
    )
    note: Text | None = Field(None, description="Hinweis zu diesem Termin, z. B. wann er nachgeholt wird.")

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


class SeriesException(Model):
    """A date of the series that does not take place; it stays listed as „abgesagt“ (calendars too)."""

    date: Date = Field(description="Tag der Reihe, der ausfällt (muss ein Termin der Reihe sein).")
    note: Text | None = Field(None, description="Grund oder Hinweis, z. B. „Betriebsversammlung“.")


class Series(Model):
    """Recurring sessions of a run: expanded into ordinary sessions whose ids are their dates (JJJJ-MM-TT)."""

    rhythm: Rhythm = Field(description="wöchentlich oder monatlich.")
    interval: int = Field(
        1, ge=1, le=12, description="Jede wievielte Woche bzw. jeder wievielte Monat: 1 = jede, 2 = jede zweite, …"
    )
    weekday: Weekday = Field(description="Wochentag, z. B. Mittwoch.")
    ordinal: Ordinal | None = Field(
        None,
        description="Nur bei monatlich: der wievielte Wochentag im Monat (erster, zweiter, dritter, vierter, letzter).",
    )
    first_day: Date = Field(description="Die Reihe beginnt frühestens an diesem Tag.")
    last_day: Date = Field(description="Die Reihe endet spätestens an diesem Tag.")
    start: LocalTime | None = Field(
        None, description="Beginn jedes Termins (HH:MM); ohne start und end: „Uhrzeit folgt“."
    )
    end: LocalTime | None = Field(None, description="Ende jedes Termins (HH:MM), zusammen mit start.")
    exceptions: list[SeriesException] = Field(
        default_factory=list,
        max_length=MAX_SESSIONS_PER_RUN,
        description="Termine der Reihe, die ausfallen (bleiben als „abgesagt“ sichtbar).",
    )
    extra: list[Date] = Field(
        default_factory=list,
        max_length=MAX_SESSIONS_PER_RUN,
        description="Zusätzliche Tage, zur selben Uhrzeit wie die Reihe.",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Series:
        if self.rhythm == "monatlich" and self.ordinal is None:
            raise ValueError("series_ordinal_missing")
        if self.rhythm == "wöchentlich" and self.ordinal is not None:
            raise ValueError("series_ordinal_weekly")
        if self.last_day < self.first_day:
            raise ValueError("series_last_before_first")
        if (self.start is None) != (self.end is None):
            raise ValueError("series_start_end")
        if self.start is not None and self.end <= self.start:
            raise ValueError("series_end_before_start")
        count = len(self.rule_days()) + len(self.extra)
        if count > MAX_SESSIONS_PER_RUN:
            raise ValueError(f"series_too_many:{count}")
        if not count:
            raise ValueError("series_empty")
        return self

    def rule_days(self) -> list[dt.date]:
        """The days the rhythm gives, without exceptions and extra days (dateutil's rrule, RFC 5545)."""
        day = rrule.weekdays[WEEKDAYS.index(self.weekday)]
        monthly = self.rhythm == "monatlich"
        rule = rrule.rrule(
            rrule.MONTHLY if monthly else rrule.WEEKLY,
            interval=self.interval,
            byweekday=day(ORDINALS[self.ordinal]) if monthly else day,
            dtstart=dt.datetime.combine(self.first_day, dt.time()),
            until=dt.datetime.combine(self.last_day, dt.time()),
        )
        return [when.date() for when in rule]

    def sessions(self) -> list[Session]:
        """Every day of the series as a session with its date as id, so adding an exception or an extra
        day never changes another session's id (calendar UIDs rest on it); exceptions are cancelled."""
        cancelled = {exception.date: exception for exception in self.exceptions}
        days = sorted(set(self.rule_days()) | set(self.extra))
        return [self._session(day, cancelled.get(day)) for day in days]

    def _session(self, day: dt.date, exception: SeriesException | None) -> Session:
        when: dict = {"date": day}
        if self.start is not None:
            when = {
                "start": dt.datetime.combine(day, self.start),
                "end": dt.datetime.combine(day, self.end),
            }
        if exception is not None:
            when |= {"status": "abgesagt", "note": exception.note}
        return Session(id=day.isoformat(), **when)


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
    series: Series | None = Field(
        None,
        description="Regelmäßige Termine (Reihe), z. B. jeden ersten Mittwoch im Monat; "
        "zusätzlich zu sessions möglich, deren Kennungen dann keine Daten der Reihe sein dürfen.",
    )
    # How many of ``sessions`` the editor wrote; the rest are the series' (course_checks.py locates them).
    _written: int = PrivateAttr(default=0)

    @model_validator(mode="after")
    def _expand_series(self) -> Run:
        self._written = len(self.sessions)
        if self.series is not None:
            self.sessions = [*self.sessions, *self.series.sessions()]
            if len(self.sessions) > MAX_SESSIONS_PER_RUN:
                raise ValueError(f"series_too_many:{len(self.sessions)}")
        return self

    @property
    def written_sessions(self) -> int:
        return self._written


class Course(Identified):
    """data/courses/<id>.yml: a course or event with its runs and sessions; its id is the file name."""

    title: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    summary: Annotated[str, StringConstraints(min_length=1, max_length=400)] = Field(
        description="Ein bis zwei Sätze für Listen und Kalender."
    )
    description: Markdown
    kind: VocabularyName = Field(
        description="Art des Angebots, eine aus data/network.yml (course_kinds); ohne Angabe dort: Lehrgang, "
        "Seminar, Workshop, Veranstaltung oder Sprechtag."
    )
    topics: list[Id] = Field(min_length=1, description="Themen (Kennungen aus topics.yml).")
    provider: Id = Field(description="Anbieter (Kennung aus data/partners.yml).")
    co_organisers: list[Id] = Field(
        default_factory=list,
        max_length=20,
        description="Mitveranstalter (Kennungen aus data/partners.yml), außer dem Anbieter selbst.",
    )
    contact: Contact | None = Field(
        None,
        description="Ansprechpartner für Fragen zum Angebot: Funktion statt Personenname, mit email, phone oder url.",
    )
    target_group: Text = Field(description="Zielgruppe.")
    prerequisites: Text | None = Field(None, description="Voraussetzungen; ohne Angabe zeigt die Seite dazu nichts.")
    certificate: Text | None = Field(None, description="Abschluss oder Zertifikat.")
    format: VocabularyName = Field(
        description="Format, eines aus data/network.yml (course_formats); ohne Angabe dort: Präsenz, hybrid oder online."
    )
    language: LanguageCode = Field(
        DEFAULT_LANGUAGE, description="Sprache des Angebots als Sprachcode, z. B. „en“; ohne Angabe Deutsch („de“)."
    )
    online_access: Text | None = Field(
        None,
        description="Wie Online-Teilnehmende teilnehmen, z. B. „Den Zugangslink senden wir am Vortag per E-Mail.“; "
        "nur bei Formaten mit Online-Teilnahme (hybrid, online).",
    )
    workload_ue: int | None = Field(None, gt=0, le=5_000, description="Umfang in Unterrichtseinheiten (UE).")
    price: Price | None = Field(
        None,
        description="Kosten: regular (0 = kostenfrei), reduced mit reduced_for, oder on_request: true; "
        "ohne Angabe zeigt die Seite „Kosten: noch nicht bekannt“.",
    )
    funding_note: Text | None = Field(None, description="Hinweis zur Förderung.")
    registration: Registration | None = Field(
        None, description="Anmeldung; ohne diesen Abschnitt zeigt die Seite „Anmeldung: keine Angabe“."
    )
    capacity: int | None = Field(None, gt=0, le=100_000, description="Teilnehmerplätze je Durchführung.")
    example: bool = Field(False, description="true = Beispieldaten; die Seite kennzeichnet das Angebot als Beispiel.")
    runs: list[Run] = Field(min_length=1, description="Durchführungen.")

    @property
    def free(self) -> bool:
        """Known to cost nothing (never assumed while the price is unknown)."""
        return self.price is not None and self.price.free

    @model_validator(mode="after")
    def _sessions_in_bounds(self) -> Course:
        if sum(len(run.sessions) for run in self.runs) > MAX_SESSIONS_PER_COURSE:
            raise ValueError("sessions_per_course")
        return self
