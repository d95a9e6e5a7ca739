"""Template-ready views of the validated project: runs resolved to places, sorted sessions,
registration states, and what is upcoming on a given day (URLs: ``links.py``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import groupby

from sitedata.course_model import Course, Place, Run, Series, Session
from sitedata.loader import Project
from sitedata.network_model import CourseFormatEntry
from sitedata.place_model import STEP_FREE_LABELS, Coordinates, Location, Node
from sitedata.slugs import slugify

from .links import Links

CANCELLED = "abgesagt"
POSTPONED = "verschoben"
FULLY_BOOKED = "ausgebucht"
PLANNED = "geplant"
# Registration is "closing soon" when the deadline is at most this many days away.
CLOSING_SOON_DAYS = 14


@dataclass(frozen=True)
class RegistrationState:
    """What a visitor is told about registering for a run on a given day.

    Derived from what the data says (``registration.required``, the deadline, the run's status,
    ``waiting_list``) and the day of the build; nothing is assumed where the data says nothing.
    """

    key: str  # stable English name, also in courses.json
    label: str  # German, on the course page
    badge: str | None  # short, in catalogue lists; None = no badge (the run's status says it already)
    can_register: bool  # the „Zur Anmeldung“ button is shown

    @property
    def button(self) -> str:
        return "Auf die Warteliste" if self.key == "waiting_list" else "Zur Anmeldung"


REGISTRATION_STATES = {
    state.key: state
    for state in (
        RegistrationState("open", "Anmeldung möglich", "Anmeldung offen", True),
        RegistrationState("closing_soon", "Anmeldung nur noch kurze Zeit möglich", "Anmeldeschluss bald", True),
        RegistrationState("closed", "Anmeldeschluss ist vorbei", "Anmeldung geschlossen", False),
        RegistrationState("fully_booked", "Ausgebucht, keine Anmeldung mehr möglich", None, False),
        RegistrationState("waiting_list", "Ausgebucht; Anmeldung auf die Warteliste möglich", "Warteliste", True),
        RegistrationState("not_yet_open", "Anmeldung noch nicht möglich", None, False),
        RegistrationState("not_required", "Keine Anmeldung erforderlich", "ohne Anmeldung", False),
        RegistrationState("unknown", "Anmeldung: keine Angabe", None, False),
        RegistrationState("cancelled", "Keine Anmeldung: die Durchführung findet so nicht statt", None, False),
        RegistrationState("over", "Anmeldung vorbei: die Durchführung hat begonnen oder ist vorüber", None, False),
    )
}


@dataclass(frozen=True)
class Venue:
    """Where a run or session takes place, resolved: a node, a venue of data/venues/, or an address
    written in the course. Pages, calendars, JSON-LD and courses.json all read this one view."""

    name: str
    postcode: str
    city: str
    street: str | None = None
    coordinates: Coordinates | None = None
    node: Node | None = None
    venue_id: str | None = None  # the file data/venues/<id>.yml
    details: Location | None = None  # the record with access and directions (a node or a venue)

    @property
    def address(self) -> str:
        place = f"{self.postcode} {self.city}"
        return f"{self.street}, {place}" if self.street else place

    @property
    def city_slug(self) -> str:
        return slugify(self.city)

    @property
    def step_free(self) -> str:
        """„ja“, „nein“, „teilweise“ or „keine Angabe“: absence is never a claim."""
        return STEP_FREE_LABELS[self.details.step_free if self.details else None]


@dataclass(frozen=True)
class SessionView:
    session: Session
    number: int
    status: str | None  # own status, or the run's when the whole run is cancelled/postponed
    venue: Venue | None = None  # its own place (``place`` on the session), else the run's
    own_place: bool = False  # True when the session takes place elsewhere than its run

    @property
    def timed(self) -> bool:
        """False while only the day is known („Uhrzeit folgt“)."""
        return self.session.timed

    @property
    def day(self) -> dt.date:
        return self.session.first_day

    # A session without times spans its whole day: for ordering, and for what is past.
    @property
    def start(self) -> dt.datetime:
        return self.session.start or dt.datetime.combine(self.session.date, dt.time.min)

    @property
    def end(self) -> dt.datetime:
        return self.session.end or dt.datetime.combine(self.session.date, dt.time.max)


@dataclass
class RunView:
    course: Course
    run: Run
    venue: Venue | None
    sessions: list[SessionView]
    format: CourseFormatEntry | None = None  # the course's format as network.yml declares it

    @property
    def attendance(self) -> str | None:
        """„vor Ort“, „hybrid“ or „online“: how one takes part (network.yml's course_formats)."""
        return self.format.attendance if self.format else None

    @property
    def anchor(self) -> str:
        return f"durchfuehrung-{self.run.id}"

    @cached_property
    def other_venues(self) -> list[Venue]:
        """The places of sessions held elsewhere than the run, each once, in session order."""
        found = {
            (s.venue.name, s.venue.address): s.venue
            for s in self.sessions
            if s.own_place and s.venue and s.venue != self.venue
        }
        return list(found.values())

    @cached_property
    def cities(self) -> list[str]:
        """Slugs of the towns it takes place in (its own place and its sessions'), for the place filter."""
        venues = [self.venue, *(s.venue for s in self.sessions)]
        return sorted({v.city_slug for v in venues if v is not None})

    @property
    def status(self) -> str:
        return self.run.status

    @cached_property
    def dated_sessions(self) -> list[SessionView]:
        """The sessions its dates span: those that take place; all of them when none does (a
        cancelled run keeps its dates). A cancelled first or last session does not stretch them."""
        return [s for s in self.sessions if s.status is None] or self.sessions

    @cached_property
    def first_session(self) -> SessionView | None:
        return self.dated_sessions[0] if self.dated_sessions else None

    @cached_property
    def last_session(self) -> SessionView | None:
        """The one that ends last (a session may span days)."""
        return max(self.dated_sessions, key=lambda s: s.end) if self.dated_sessions else None

    # Worked out once: templates ask for them in every session row (quadratic in a long series).
    @cached_property
    def first_day(self) -> dt.date | None:
        return self.first_session.start.date() if self.first_session else self.run.start_date

    @cached_property
    def last_day(self) -> dt.date | None:
        return self.last_session.end.date() if self.last_session else self.run.end_date or self.run.start_date

    def is_past(self, today: dt.date) -> bool:
        return self.last_day is not None and self.last_day < today

    @cached_property
    def rhythm(self) -> str | None:
        """„monatlich, jeden 1. Mittwoch, 10–15 Uhr“ for a series, else None."""
        return rhythm_de(self.run.series) if self.run.series else None

    def next_session(self, today: dt.date) -> SessionView | None:
        """The next session from ``today`` on that takes place (a series is listed by it)."""
        return next((s for s in self.sessions if s.day >= today and s.status is None), None)

    def listed_day(self, today: dt.date) -> dt.date | None:
        """The day a list sorts and shows this run by: a series' next session, else its first day."""
        if self.run.series is not None and (upcoming := self.next_session(today)):
            return upcoming.day
        return self.first_day

    def status_on(self, today: dt.date) -> str:
        """What a visitor is told: a past run is "abgeschlossen" unless it was cancelled."""
        if self.is_past(today) and self.status != CANCELLED:
            return "abgeschlossen"
        return self.status

    def registration_on(self, today: dt.date) -> RegistrationState:
        """Whether and how one can register for this run on ``today`` (see RegistrationState)."""
        registration = self.course.registration
        deadline = self.run.registration_deadline
        # a series is over for registering when no session of it is left
        begins = self.listed_day(today) if self.run.series else self.first_day
        if begins is not None and begins < today:
            return REGISTRATION_STATES["over"]
        if self.status in (CANCELLED, POSTPONED):
            return REGISTRATION_STATES["cancelled"]
        if registration is None:
            return REGISTRATION_STATES["unknown"]
        if not registration.required:
            return REGISTRATION_STATES["not_required"]
        if deadline is not None and deadline < today:
            return REGISTRATION_STATES["closed"]
        if self.status == FULLY_BOOKED:
            return REGISTRATION_STATES["waiting_list" if self.run.waiting_list else "fully_booked"]
        if self.status == PLANNED:
            return REGISTRATION_STATES["not_yet_open"]
        if deadline is not None and (deadline - today).days <= CLOSING_SOON_DAYS:
            return REGISTRATION_STATES["closing_soon"]
        return REGISTRATION_STATES["open"]


@dataclass
class CourseView:
    course: Course
    runs: list[RunView]
    url: str

    @property
    def id(self) -> str:
        return self.course.id

    def upcoming(self, today: dt.date) -> list[RunView]:
        return [run for run in self.runs if not run.is_past(today)]

    def registration_button(self, today: dt.date) -> str | None:
        """The label of the registration button, or None while no run can be registered for."""
        states = [run.registration_on(today) for run in self.upcoming(today)]
        open_states = [state for state in states if state.can_register]
        if not open_states:
            return None
        return open_states[0].button if len({state.button for state in open_states}) == 1 else "Zur Anmeldung"


@dataclass
class Catalogue:
    """All courses and runs, split at ``today`` into upcoming and past."""

    today: dt.date
    courses: dict[str, CourseView]
    places: dict[str, str] = field(default_factory=dict)  # city slug -> city, for the place filter
    node_towns: dict[str, str] = field(default_factory=dict)  # node id -> slug of its town
    upcoming: list[RunView] = field(default_factory=list)
    past: list[RunView] = field(default_factory=list)

    def __post_init__(self) -> None:
        runs = [run for view in self.courses.values() for run in view.runs]
        self.upcoming = sorted((r for r in runs if not r.is_past(self.today)), key=self._order)
        self.past = sorted((r for r in runs if r.is_past(self.today)), key=_run_order, reverse=True)

    def _order(self, run: RunView) -> tuple:
        # a series that has begun is listed once, at its next session
        return (run.listed_day(self.today) or dt.date.max, run.course.title, run.run.id)

    @property
    def taking_place(self) -> list[RunView]:
        """Upcoming runs that are neither cancelled nor postponed: what "next courses" offers."""
        return [r for r in self.upcoming if r.status not in (CANCELLED, POSTPONED)]

    def by_month(self, runs: list[RunView]) -> list[tuple[dt.date, list[RunView]]]:
        dated = [r for r in runs if r.first_day]
        return [
            (month, list(group))
            for month, group in groupby(dated, key=lambda r: r.listed_day(self.today).replace(day=1))
        ]

    def at_node(self, node_id: str) -> list[RunView]:
        """What a node's page and calendar offer: every course in its town, at the node and at other venues."""
        return self.at_place(self.node_towns[node_id])

    def at_place(self, city_slug: str) -> list[RunView]:
        return [r for r in self.upcoming if city_slug in r.cities]

    def on_topic(self, topic_id: str) -> list[RunView]:
        return [r for r in self.upcoming if topic_id in r.course.topics]

    def in_format(self, course_format: str) -> list[RunView]:
        return [r for r in self.upcoming if r.course.format == course_format]


RHYTHM_ORDINALS = {"erster": "1.", "zweiter": "2.", "dritter": "3.", "vierter": "4.", "letzter": "letzten"}


def rhythm_de(series: Series) -> str:
    """How a series recurs, in German: „monatlich, jeden 1. Mittwoch, 10–15 Uhr“,
    „wöchentlich, mittwochs“, „alle 2 Wochen, dienstags“ (weekday names as the editor wrote them)."""
    if series.rhythm == "monatlich":
        every = "monatlich" if series.interval == 1 else f"alle {series.interval} Monate"
        text = f"{every}, jeden {RHYTHM_ORDINALS[series.ordinal]} {series.weekday}"
    else:
        every = "wöchentlich" if series.interval == 1 else f"alle {series.interval} Wochen"
        text = f"{every}, {series.weekday.lower()}s"
    if series.start is not None:
        text += f", {_clock(series.start)}–{_clock(series.end)} Uhr"
    return text


def _clock(time: dt.time) -> str:
    """``10`` for full hours, else ``10:30`` (as on a printed programme)."""
    return f"{time.hour}" if not time.minute else f"{time.hour}:{time.minute:02d}"


def _run_order(run: RunView) -> tuple:
    return (run.first_day or dt.date.max, run.course.title, run.run.id)


def build_catalogue(project: Project, links: Links, today: dt.date) -> Catalogue:
    courses = {}
    for course_id, course in sorted(project.courses.items()):
        runs = [run_view(course, run, project) for run in course.runs]
        courses[course_id] = CourseView(course, sorted(runs, key=_run_order), links.course(course_id))
    # Every town of a node, a venue or a place written in a course: the place filter finds them all.
    cities = [
        *(node.address.city for node in project.nodes.values()),
        *(venue.address.city for venue in project.venues.values()),
        *(
            v.city
            for view in courses.values()
            for run in view.runs
            for v in (run.venue, *(s.venue for s in run.sessions))
            if v
        ),
    ]
    places = dict(sorted({slugify(city): city for city in cities}.items(), key=lambda item: item[1]))
    towns = {node_id: slugify(node.address.city) for node_id, node in project.nodes.items()}
    return Catalogue(today=today, courses=courses, places=places, node_towns=towns)


def run_view(course: Course, run: Run, project: Project) -> RunView:
    # a day without times („Uhrzeit folgt“) before that day's timed sessions
    ordered = sorted(run.sessions, key=lambda s: (s.first_day, s.timed, s.start or dt.datetime.min, s.id))
    whole_run = run.status if run.status in (CANCELLED, POSTPONED) else None
    venue = _venue(run.place, project)
    sessions = [
        SessionView(s, n, s.status or whole_run, _venue(s.place, project) if s.place else venue, s.place is not None)
        for n, s in enumerate(ordered, start=1)
    ]
    entry = project.network.course_format(course.format) if project else None
    return RunView(course, run, venue, sessions, entry)


def _venue(place: Place | None, project: Project) -> Venue | None:
    if place is None:
        return None
    if place.node:
        node = project.nodes[place.node]
        return _of(node, node.venue or project.partners[node.host].name, node=node)
    if place.venue:
        return _of(project.venues[place.venue], project.venues[place.venue].name, venue_id=place.venue)
    return Venue(
        name=place.name, street=place.street, postcode=place.postcode, city=place.city, coordinates=place.coordinates
    )


def _of(location: Location, name: str, **which: object) -> Venue:
    address = location.address
    return Venue(
        name=name,
        street=address.street,
        postcode=address.postcode,
        city=address.city,
        coordinates=location.coordinates,
        details=location,
        **which,
    )


def node_names(project: Project) -> dict[str, str]:
    """How a node is called on every page, feed and calendar: "<office label> <place>"."""
    office = project.network.office_label
    return {node_id: f"{office.singular} {node.name}" for node_id, node in project.nodes.items()} if office else {}


def index_by(items: Iterable, attribute: str) -> dict[str, list]:
    """Items grouped by the ids in one of their lists, e.g. articles by ``nodes``."""
    index: dict[str, list] = defaultdict(list)
    for item in items:
        for ident in getattr(item, attribute, None) or []:
            index[ident].append(item)
    return dict(index)
