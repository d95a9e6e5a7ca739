"""Rules for a course file: its offer, runs, series, registration, sessions and their times."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from .located import Located
from .problems import did_you_mean, one_of
from .yamlsource import Loc, dotted

if TYPE_CHECKING:
    from .course_model import Course, Place, Run, Series
    from .loader import Project
    from .network_model import Network


def _check_place(where: Located, loc: Loc, place: Place, project: Project) -> None:
    where.ref((*loc, "node"), place.node, project.nodes, "Standort")
    if place.venue is not None and place.venue not in project.venues and place.venue not in project.unvalidated:
        where.add(
            (*loc, "venue"),
            f"Veranstaltungsort „{place.venue}“ gibt es nicht in data/venues/"
            f"{did_you_mean(place.venue, project.venues)}",
            (one_of(project.venues) + " oder " if project.venues else "")
            + f"eine neue Datei data/venues/{place.venue}.yml mit name, address und coordinates",
        )


def check_offer(where: Located, course: Course, network: Network, partners: dict) -> None:
    """What a course says about its offer: vocabulary of network.yml, organisers, contact, price."""
    setting = "oder in data/network.yml unter {} ergänzen"
    if course.kind not in network.course_kinds:
        where.add(
            ("kind",),
            f"Art „{course.kind}“ ist für dieses Netzwerk nicht vorgesehen{did_you_mean(course.kind, network.course_kinds)}",
            f"{one_of(network.course_kinds)} ({setting.format('course_kinds')})",
        )
    formats = [entry.id for entry in network.course_formats]
    entry = network.course_format(course.format)
    if entry is None:
        where.add(
            ("format",),
            f"Format „{course.format}“ ist für dieses Netzwerk nicht vorgesehen{did_you_mean(course.format, formats)}",
            f"{one_of(formats)} ({setting.format('course_formats')})",
        )
    elif course.online_access and entry.attendance == "vor Ort":
        where.add(
            ("online_access",),
            f"Hinweis zur Online-Teilnahme, aber Format „{course.format}“ findet nur vor Ort statt",
            "online_access weglassen, oder ein Format mit Online-Teilnahme (hybrid, online)",
        )
    where.refs(("co_organisers",), course.co_organisers, partners, "Organisation")
    seen: set[str] = set()
    for index, partner in enumerate(course.co_organisers):
        if partner == course.provider:
            where.add(
                ("co_organisers", index),
                f"„{partner}“ ist schon der Anbieter (provider)",
                "unter co_organisers nur weitere Organisationen",
            )
        elif partner in seen:
            where.add(
                ("co_organisers", index), f"Mitveranstalter „{partner}“ ist doppelt", "jede Organisation nur einmal"
            )
        seen.add(partner)
    if course.contact:
        where.ref(("contact", "organisation"), course.contact.organisation, partners, "Organisation")
    price = course.price
    if price is None:
        return
    if price.on_request and price.regular is not None:
        where.add(
            ("price", "on_request"),
            "Preis auf Anfrage, aber auch ein regulärer Preis (regular) angegeben",
            "entweder regular: <Euro> oder on_request: true",
        )
    elif not price.on_request and price.regular is None:
        where.add(
            ("price",),
            "Kosten ohne regulären Preis",
            "regular: <Euro> (0 = kostenfrei) oder on_request: true; ist der Preis noch nicht bekannt, price weglassen",
        )
    if price.reduced is not None and price.regular is not None and price.reduced >= price.regular:
        where.add(
            ("price", "reduced"),
            f"ermäßigter Preis {price.reduced} € ist nicht niedriger als der reguläre ({price.regular} €)",
            f"ein Betrag unter {price.regular} €, oder reduced weglassen",
        )
    elif price.reduced is not None and price.regular is None:
        where.add(("price", "reduced"), "ermäßigter Preis ohne regulären Preis", "regular: <Euro> ergänzen")
    if price.reduced_for and price.reduced is None:
        where.add(("price", "reduced_for"), "Ermäßigung ohne ermäßigten Preis", "reduced: <Euro> ergänzen")


def check_course(where: Located, course: Course, project: Project, tz: ZoneInfo) -> None:
    network = project.network
    run_ids: dict[str, int] = {}
    for r, run in enumerate(course.runs):
        loc: Loc = ("runs", r)
        session_ids: dict[str, Loc] = {}
        if run.id in run_ids:
            where.add((*loc, "id"), f"Durchführung „{run.id}“ ist doppelt", "jede Kennung nur einmal je Kurs")
        run_ids[run.id] = r
        entry = network.course_format(course.format)
        if run.place is not None:
            _check_place(where, (*loc, "place"), run.place, project)
        elif entry is not None and entry.attendance != "online":
            where.add(
                (*loc, "place"),
                f"Ort fehlt (Format „{course.format}“)",
                "place: mit node: <Standort>, venue: <Veranstaltungsort> oder einer Adresse",
            )
        if run.start_date and run.end_date and run.end_date < run.start_date:
            where.add((*loc, "end_date"), "letzter Tag liegt vor dem ersten Tag", f"ein Datum ab {run.start_date}")
        if not run.sessions and run.status in ("buchbar", "ausgebucht"):
            where.add(
                (*loc, "sessions"),
                f"Durchführung ist „{run.status}“, hat aber keine Termine",
                "mindestens einen Termin unter sessions",
            )
        for s, session in enumerate(run.sessions):
            if s < run.written_sessions:
                _check_session(where, (*loc, "sessions", s), session, run, session_ids, tz)
                if session.place is not None:
                    _check_place(where, (*loc, "sessions", s, "place"), session.place, project)
            elif session.id in session_ids:  # an id of the series written by hand
                where.add(
                    (*session_ids[session.id], "id"),
                    f"Termin-Kennung „{session.id}“ ist auch ein Tag der Reihe (series)",
                    "eine andere Kennung, z. B. „zusatz-1“: Kennungen wie JJJJ-MM-TT gehören den Tagen der Reihe",
                )
            else:
                _check_session(where, (*loc, "series"), session, run, {}, tz)
        if run.series is not None:
            _check_series(where, (*loc, "series"), run.series)
        _check_overlaps(where, loc, run)
        first = min((session.first_day for session in run.sessions), default=None)
        if run.registration_deadline and first and run.registration_deadline > first:
            where.add(
                (*loc, "registration_deadline"),
                f"Anmeldeschluss {run.registration_deadline} liegt nach dem ersten Termin ({first})",
                f"ein Datum bis {first}",
            )
        _check_registration(where, loc, course, run)


def _check_series(where: Located, loc: Loc, series: Series) -> None:
    """Exceptions are days of the rhythm, extra days are not; each day only once."""
    rule_days = set(series.rule_days())
    seen: set[dt.date] = set()
    for index, exception in enumerate(series.exceptions):
        field_loc = (*loc, "exceptions", index, "date")
        if exception.date in seen:
            where.add(field_loc, f"Ausnahme {exception.date} steht doppelt da", "jeden Tag nur einmal unter exceptions")
        elif exception.date not in rule_days and exception.date not in series.extra:
            where.add(
                field_loc,
                f"Ausnahme {exception.date} liegt außerhalb der Reihe (kein Termin der Reihe)",
                f"einen Tag der Reihe oder unter extra, z. B. {_nearest(rule_days, exception.date)}",
            )
        seen.add(exception.date)
    extra_seen: set[dt.date] = set()
    for index, day in enumerate(series.extra):
        if day in rule_days or day in extra_seen:
            where.add(
                (*loc, "extra", index),
                f"zusätzlicher Tag {day} ist schon ein Termin der Reihe",
                "nur Tage, die der Rhythmus nicht schon ergibt (sonst weglassen)",
            )
        extra_seen.add(day)


def _nearest(days: set[dt.date], day: dt.date) -> str:
    """The days of the series closest to a mistyped one, as a hint."""
    closest = sorted(sorted(days, key=lambda other: abs((other - day).days))[:2])
    return " oder ".join(other.isoformat() for other in closest)


def _check_registration(where: Located, loc: Loc, course: Course, run: Run) -> None:
    """What a run says about registering must not contradict the course's ``registration``."""
    registration = course.registration
    not_required = registration is not None and not registration.required
    fix = "registration: mit required: true beim Kurs"
    if run.waiting_list and run.status != "ausgebucht":
        where.add(
            (*loc, "waiting_list"),
            f"Warteliste bei Status „{run.status}“",
            "waiting_list: true nur mit status: ausgebucht (sonst weglassen)",
        )
    elif run.waiting_list and registration is None:
        where.add((*loc, "waiting_list"), "Warteliste, aber der Kurs sagt nicht, wie man sich anmeldet", fix)
    if not_required and run.status == "ausgebucht":
        where.add(
            (*loc, "status"),
            "ausgebucht, aber laut registration.required ist keine Anmeldung nötig",
            f"{fix} und url oder email, oder einen anderen Status",
        )
    elif not_required and run.waiting_list:
        where.add((*loc, "waiting_list"), "Warteliste, aber laut registration.required ist keine Anmeldung nötig", fix)
    if not_required and run.registration_deadline:
        where.add(
            (*loc, "registration_deadline"),
            "Anmeldeschluss, aber laut registration.required ist keine Anmeldung nötig",
            f"{fix}, oder registration_deadline weglassen",
        )


def _check_session(where: Located, loc: Loc, session, run: Run, session_ids: dict[str, Loc], tz: ZoneInfo) -> None:
    if session.id in session_ids:
        where.add(
            (*loc, "id"),
            f"Termin-Kennung „{session.id}“ ist doppelt (auch {dotted(session_ids[session.id])})",
            "jede Termin-Kennung nur einmal je Durchführung",
        )
    session_ids.setdefault(session.id, loc)
    if session.reason and not (session.status or run.status in ("abgesagt", "verschoben")):
        where.add(
            (*loc, "reason"),
            "Grund einer Absage, aber der Termin ist weder abgesagt noch verschoben",
            "status: abgesagt (oder verschoben) beim Termin ergänzen, oder reason weglassen",
        )
    if session.timed:
        _check_times(where, loc, session, tz)
    day_field = "start" if session.timed else "date"
    if run.start_date and session.first_day < run.start_date:
        where.add(
            (*loc, day_field),
            f"Termin liegt vor dem ersten Tag der Durchführung ({run.start_date})",
            "Termine innerhalb von start_date bis end_date",
        )
    if run.end_date and session.last_day > run.end_date:
        where.add(
            (*loc, "end" if session.timed else "date"),
            f"Termin liegt nach dem letzten Tag der Durchführung ({run.end_date})",
            "Termine innerhalb von start_date bis end_date",
        )


def _check_times(where: Located, loc: Loc, session, tz: ZoneInfo) -> None:
    if session.end <= session.start:
        where.add(
            (*loc, "end"),
            f"Ende ({session.end:%Y-%m-%d %H:%M}) liegt nicht nach dem Beginn ({session.start:%Y-%m-%d %H:%M})",
            "ein Zeitpunkt nach dem Beginn",
        )
    elif session.end - session.start > dt.timedelta(hours=24):
        where.add(
            (*loc, "end"), "ein Termin dauert länger als 24 Stunden", "mehrtägige Kurse als einzelne Termine je Tag"
        )
    for key in ("start", "end"):
        when = getattr(session, key)
        if not _exists_locally(when, tz):
            where.add(
                (*loc, key),
                f"{when:%Y-%m-%d %H:%M} gibt es in der Zeitzone {tz.key} nicht (Zeitumstellung)",
                "eine Uhrzeit außerhalb der übersprungenen Stunde",
            )


def _check_overlaps(where: Located, loc: Loc, run: Run) -> None:
    # A session without times cannot overlap by time: it is not compared.
    timed = [(index, session) for index, session in enumerate(run.sessions) if session.timed]
    ordered = sorted(timed, key=lambda pair: pair[1].start)
    for (_, before), (index, after) in pairwise(ordered):
        if after.start < before.end and after.status is None and before.status is None:
            where.add(
                (*loc, "sessions", index, "start"),
                f"Termin überschneidet sich mit „{before.id}“",
                "Termine einer Durchführung nacheinander",
            )


def _exists_locally(when: dt.datetime, tz: ZoneInfo) -> bool:
    """False for wall-clock times skipped by a daylight-saving change."""
    aware = when.replace(tzinfo=tz)
    roundtrip = aware.astimezone(dt.UTC).astimezone(tz).replace(tzinfo=None)
    return roundtrip == when
