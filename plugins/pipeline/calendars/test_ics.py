"""Unit tests of the VEVENT and VCALENDAR writer, without a site build."""

from __future__ import annotations

import datetime as dt

from catalogue.links import Links
from catalogue.views import RunView, SessionView, Venue
from icalendar import Calendar, Event
from sitedata.buildcache import Entries
from sitedata.course_model import Course
from sitedata.place_model import Coordinates

from pipeline.calendars.event_text import description, short_description
from pipeline.calendars.ics import (
    LEFT_OUT_WHEN_COMPACT,
    CalendarWriter,
    Entry,
    Header,
    event,
    event_content,
    event_properties,
    serialised,
    timezone_component,
    uid,
)
from pipeline.calendars.revisions import Revision
from pipeline.calendars.site import Site

SITE = Site("Netz", "https://netz.example.org", "Europe/Berlin", Links("bueros"), {"t": "Thema"})
WHEN = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 22)


def course(number: int, title: str = "Kurs", sessions: int = 3) -> Course:
    data = {
        "title": f"{title} {number}",
        "summary": "Ein Kurs über ein Thema, das viele Betriebe betrifft, mit Praxisteil und Austausch.",
        "description": "x",
        "kind": "Seminar",
        "topics": ["t"],
        "provider": "p",
        "target_group": "Fachkräfte",
        "format": "Präsenz",
        "price": {"regular": 0},
        "registration": {"required": True, "url": "https://netz.example.org/anmeldung"},
        "runs": [
            {
                "id": "lauf",
                "status": "buchbar",
                "registration_deadline": "2027-01-01",
                "sessions": [
                    {
                        "id": f"tag-{n}",
                        "title": f"Modul {n}",
                        "start": f"2027-{1 + number % 12:02d}-{1 + n:02d} 09:00",
                        "end": f"2027-{1 + number % 12:02d}-{1 + n:02d} 16:00",
                    }
                    for n in range(sessions)
                ],
            }
        ],
    }
    model = Course.model_validate(data)
    model._id = f"kurs-{number}"
    return model


def entries_of(model: Course) -> list[Entry]:
    run = model.runs[0]
    venue = Venue("Stadthalle", "12345", "Mittenstadt", "Marktplatz 2", Coordinates(lat=51.0, lon=11.0))
    sessions = [SessionView(s, n, s.status, venue) for n, s in enumerate(run.sessions, start=1)]
    view = RunView(model, run, venue, sessions)
    return [Entry(view, s, Revision(0, WHEN, WHEN, repr(event_content(SITE, view, s)))) for s in sessions]


HEADER = Header(
    "alle", "Netz: Kurse", "Alle Kurse.", "https://netz.example.org/kurse/", "https://netz.example.org/k.ics"
)


def writer(entries: list[Entry]) -> CalendarWriter:
    return CalendarWriter(SITE, timezone_component(SITE, entries, TODAY))


def test_joined_parts_are_what_icalendar_itself_writes():
    entries = entries_of(course(1))
    vtimezone = timezone_component(SITE, entries, TODAY)
    joined = CalendarWriter(SITE, vtimezone).calendar(entries, None)
    whole = Calendar()
    for name, value in (("prodid", SITE.prodid), ("version", "2.0"), ("calscale", "GREGORIAN"), ("method", "PUBLISH")):
        whole.add(name, value)
    whole.add_component(vtimezone)
    for entry in entries:
        whole.add_component(event(event_properties(SITE, entry)))
    assert joined == whole.to_ical()


def test_compact_event_is_what_icalendar_writes_for_the_event_without_the_left_out_parts():
    entries = entries_of(course(1)) + entries_of(course(2, title="Sehr langer Kurstitel " * 5, sessions=1))
    entries[0].run.run.note = "Bitte eigene Schutzkleidung mitbringen."
    for entry in entries:
        full, compact = event(event_properties(SITE, entry)), Event()
        for name, value in full.items():
            if name not in (*LEFT_OUT_WHEN_COMPACT, "DESCRIPTION"):
                compact[name] = value
        compact.add("description", short_description(SITE, entry.run))
        assert serialised(SITE, entry) == (full.to_ical(), compact.to_ical())
        for name in (b"GEO:", b"CREATED:", b"X-APPLE-STRUCTURED-LOCATION;", b"CONTACT:"):
            assert name in full.to_ical()


def test_a_cached_event_is_the_one_made_afresh_and_a_changed_one_is_made_again(tmp_path):
    entries = entries_of(course(1))
    made = [serialised(SITE, entry) for entry in entries]
    cache = Entries(tmp_path, "events")
    assert [serialised(SITE, entry, cache) for entry in entries] == made
    cache.save()
    reread = Entries(tmp_path, "events")
    assert [serialised(SITE, entry, reread) for entry in entries] == made
    assert len(reread.used) == len(entries)  # every one from the cache
    edited = course(1)
    edited.runs[0].note = "Raum geändert."  # in every DESCRIPTION of the run: other fingerprints, other keys
    entries = entries_of(edited)
    changed = [serialised(SITE, entry) for entry in entries]
    assert changed != made
    assert [serialised(SITE, entry, reread) for entry in entries] == changed
    assert len(reread.used) == 2 * len(entries)
    (tmp_path / "events.pickle").write_bytes(b"kaputt")  # a damaged cache file is no cache
    assert [serialised(SITE, entry, Entries(tmp_path, "events")) for entry in entries] == changed


def test_refresh_interval_has_its_required_value_type_and_nothing_comes_from_the_clock():
    entries = entries_of(course(1))
    first = writer(entries).calendar(entries, HEADER)
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in first
    assert b"X-PUBLISHED-TTL:PT12H\r\n" in first
    assert b"UID:kalender-alle@netz.example.org\r\n" in first
    assert b"DTSTAMP:20260101T000000Z\r\n" in first
    assert writer(entries).calendar(entries, HEADER) == first


def test_vtimezone_covers_the_years_in_use_with_yearly_rules():
    entries = entries_of(course(1))
    text = timezone_component(SITE, entries, TODAY).to_ical().decode()
    assert "DTSTART:20250330T020000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n" in text  # from a year before 2026
    assert "RDATE" not in text


def test_thousand_courses_fit_into_one_megabyte():
    entries = [e for number in range(1000) for e in entries_of(course(number, sessions=2))]
    data, left_out = writer(entries).fitted(entries, HEADER, 1_000_000, TODAY)
    assert len(data) <= 1_000_000
    assert len(left_out) < 500  # compact texts first: most sessions stay
    assert data.count(b"BEGIN:VEVENT\r\n") == len(entries) - len(left_out)


def test_the_oldest_past_sessions_go_first_then_the_farthest_future_ones():
    entries = [e for number in range(50) for e in entries_of(course(number))]  # Jan.–Dec. 2027
    today = dt.date(2027, 6, 15)
    past = sorted((e for e in entries if e.session.end.date() < today), key=lambda e: e.session.start)
    future = sorted((e for e in entries if e.session.end.date() >= today), key=lambda e: e.session.start)
    all_compact = len(writer(entries).calendar(entries, HEADER, compact=True))
    # One byte short of all sessions in compact form: the oldest past one goes.
    data, left_out = writer(entries).fitted(entries, HEADER, all_compact - 1, today)
    assert left_out == [past[0]] and len(data) < all_compact
    # Room for a handful: every past one goes, then the farthest future ones.
    data, left_out = writer(entries).fitted(entries, HEADER, 20_000, today)
    assert len(data) <= 20_000
    kept = {str(ev["UID"]) for ev in Calendar.from_ical(data).walk("VEVENT")}
    kept_entries = [e for e in future if uid(SITE, e.run, e.session) in kept]
    assert kept_entries == future[: len(kept_entries)] and 0 < len(kept_entries) < len(future)
    assert len(left_out) == len(entries) - len(kept)


def test_each_event_describes_only_itself():
    entries = entries_of(course(1))
    before = [description(SITE, e.run, e.session) for e in entries]
    assert "Termin: " in before[1] and "Modul 1" in before[1] and "Modul 0" not in before[1]
    assert before[0].endswith("Weitere Informationen: https://netz.example.org/kurse/kurs-1/#durchfuehrung-lauf")
    entries[0].session.session.start = entries[0].session.session.start.replace(hour=10)  # move one session
    assert [description(SITE, e.run, e.session) for e in entries][1:] == before[1:]


def test_cancelled_and_postponed_sessions_are_cancelled_and_block_no_time():
    model = course(1)
    model.runs[0].sessions[0].status = "abgesagt"
    model.runs[0].sessions[1].status = "verschoben"
    entries = entries_of(model)
    texts = [event(event_properties(SITE, e)).to_ical() for e in entries]
    assert b"STATUS:CANCELLED" in texts[0] and b"TRANSP:TRANSPARENT" in texts[0]
    assert b"SUMMARY:Abgesagt: " in texts[0]
    assert b"STATUS:CANCELLED" in texts[1] and b"TRANSP:TRANSPARENT" in texts[1]
    assert b"SUMMARY:Verschoben: " in texts[1]
    assert "Dieser Termin ist verschoben" in description(SITE, entries[1].run, entries[1].session)
    assert b"STATUS:CONFIRMED" in texts[2] and b"TRANSP" not in texts[2]


def test_calendar_level_text_is_escaped():
    header = Header(
        "x", "Netz: Leichtbau, Wasserstoff; mehr", "A, B; C", "https://n.example/", "https://n.example/k.ics"
    )
    entries = entries_of(course(1))
    text = writer(entries).calendar(entries, header).decode()
    for name in ("NAME", "X-WR-CALNAME"):
        assert f"\r\n{name}:Netz: Leichtbau\\, Wasserstoff\\; mehr\r\n" in text
    for name in ("DESCRIPTION", "X-WR-CALDESC"):
        assert f"\r\n{name}:A\\, B\\; C\r\n" in text
