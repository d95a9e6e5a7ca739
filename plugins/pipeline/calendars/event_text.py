"""The words of one calendar event: its title, place and plain-text description, in German."""

from __future__ import annotations

from catalogue.filters import date_de, time_de, weekday_de
from catalogue.views import CANCELLED, FULLY_BOOKED, POSTPONED, RunView, SessionView
from sitedata.course_model import Course

from .site import Site
from .status import event_state


def summary(run: RunView, session: SessionView) -> str:
    _, prefix = event_state(run.status, session.session.status)
    title = run.course.title
    if session.session.title:
        title = f"{title} – {session.session.title}"
    # Written all-day, it would look like a whole day's event without this.
    suffix = "" if session.timed else f" ({TIME_TO_FOLLOW})"
    return prefix + title + suffix


def location(run: RunView, session: SessionView) -> str:
    """The session's place (its own, else its run's), as the course page names it."""
    if session.venue is None:
        return "Online"
    parts = [session.session.room, session.venue.name, session.venue.address]
    place = ", ".join(part for part in parts if part)
    return f"{place} (auch online)" if run.attendance == "hybrid" else place


TIME_TO_FOLLOW = "Uhrzeit folgt"


def session_line(session: SessionView) -> str:
    s = session.session
    day = f"{weekday_de(session.day)} {date_de(session.day, 'medium')}"
    line = f"{day}, {time_de(s.start)}–{time_de(s.end)} Uhr" if s.timed else f"{day}, {TIME_TO_FOLLOW}"
    if s.title:
        line += f": {s.title}"
    return line


STATE_SENTENCES = {
    CANCELLED: "Dieser Termin ist abgesagt.",
    POSTPONED: "Dieser Termin ist verschoben; der neue Termin steht auf der Kursseite.",
}


def description(site: Site, run: RunView, session: SessionView) -> str:
    """Plain text about this one event: clients show DESCRIPTION as typed, so no Markdown and no HTML.

    Only this session's own facts, never its neighbours': moving one session must not change
    the text of the others (a change to this text raises the event's SEQUENCE).
    """
    course = run.course
    lines = [course.summary, "", f"Termin: {session_line(session)}"]
    if session.status in STATE_SENTENCES:
        lines.append(STATE_SENTENCES[session.status])
    if session.session.reason:
        lines.append(f"Grund: {session.session.reason}")
    for note in (session.session.note, run.run.note):
        if note:
            lines.append(note)
    lines.append(f"Ort: {location(run, session)}" if session.venue else "Ort: online")
    if session.venue:
        # As the place's facts on the course page: whoever needs step-free access sees it in the event too.
        details = session.venue.details
        access = f" – {details.accessibility}" if details and details.accessibility else ""
        lines.append(f"Stufenlos erreichbar: {session.venue.step_free}{access}")
    lines.append(registration_line(run))
    if run.run.registration_deadline:
        lines.append(f"Anmeldeschluss: {date_de(run.run.registration_deadline)}")
    lines.append(f"Weitere Informationen: {site.run_url(run)}")
    return "\n".join(lines)


def registration_line(run: RunView) -> str:
    """What the data says about registering, never what follows from the day of the build.

    The text is part of the event's fingerprint (SEQUENCE): "closing soon" or "closed" would
    change it without an edit. The deadline is on its own line, so the reader can tell.
    """
    registration = run.course.registration
    if registration is None:
        return "Anmeldung: keine Angabe"
    if not registration.required:
        return "Anmeldung: nicht erforderlich"
    channels = " oder ".join(registration_channels(run.course))
    if run.status == FULLY_BOOKED:
        return f"Ausgebucht; Anmeldung auf die Warteliste: {channels}" if run.run.waiting_list else "Ausgebucht"
    return f"Anmeldung: {channels}"


def short_description(site: Site, run: RunView) -> str:
    """For a subscription cut to its size cap, and the "add to Google" link."""
    return f"{run.course.summary}\n\nWeitere Informationen: {site.run_url(run)}"


def registration_channels(course: Course) -> list[str]:
    registration = course.registration
    return [c for c in (registration.url, registration.email) if c] if registration else []
