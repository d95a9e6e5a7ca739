"""The VTIMEZONE read back by icalendar and by ical.js (Thunderbird) gives zoneinfo's instants."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event

from pipeline.calendars.timezone import transitions, vtimezone

UTC = dt.UTC
ICALJS_DUMP = Path(__file__).resolve().parents[3] / "tests" / "icaljs_dump.js"

# Northern and southern summer time, a rule change in the span (US 2007, Berlin 1996), none at all.
ZONES = [
    ("Europe/Berlin", 2026, 2029),
    ("Europe/Berlin", 1993, 1998),
    ("America/New_York", 2005, 2009),
    ("Australia/Sydney", 2026, 2028),
    ("Asia/Tokyo", 2026, 2027),
]


def local_times(tzid: str, first_year: int, last_year: int) -> list[dt.datetime]:
    """Wall-clock times around every change (skipping the hour that does not exist or exists twice),
    and noon on the 1st and 15th of every month."""
    zone = ZoneInfo(tzid)
    times = [dt.datetime(y, m, d, 12) for y in range(first_year, last_year + 1) for m in range(1, 13) for d in (1, 15)]
    for change in transitions(zone, first_year, last_year):
        for hours in (-3, -2, 2, 3):
            times.append((change.at + dt.timedelta(hours=hours)).astimezone(zone).replace(tzinfo=None))
    return sorted(set(times))


def calendar_with(tzid: str, first_year: int, last_year: int, times: list[dt.datetime]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//test//DE")
    calendar.add("version", "2.0")
    calendar.add_component(vtimezone(tzid, first_year, last_year))
    for number, local in enumerate(times):
        event = Event()
        event.add("uid", f"{number}@test")
        event.add("dtstamp", dt.datetime(2026, 1, 1, tzinfo=UTC))
        event.add("dtstart", local.replace(tzinfo=ZoneInfo(tzid)))
        event.add("dtend", (local + dt.timedelta(minutes=30)).replace(tzinfo=ZoneInfo(tzid)))
        calendar.add_component(event)
    return calendar.to_ical()


@pytest.mark.parametrize(("tzid", "first_year", "last_year"), ZONES)
def test_icalendar_and_icaljs_read_the_rules_as_zoneinfo_does(tzid, first_year, last_year, tmp_path):
    times = local_times(tzid, first_year, last_year)
    expected = [
        local.replace(tzinfo=ZoneInfo(tzid)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z") for local in times
    ]
    data = calendar_with(tzid, first_year, last_year, times)
    assert b"RDATE" not in data

    # icalendar, with the file's own VTIMEZONE rather than its zoneinfo lookup.
    own_zone = Calendar.from_ical(data).walk("VTIMEZONE")[0].to_tz()
    assert [local.replace(tzinfo=own_zone).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z") for local in times] == (
        expected
    )

    # ical.js, with the file's VTIMEZONE registered as Thunderbird does.
    if shutil.which("node") is None:
        pytest.fail("node is needed to run ical.js (invoke tools installs it from package-lock.json)")
    path = tmp_path / "zone.ics"
    path.write_bytes(data)
    done = subprocess.run(["node", str(ICALJS_DUMP), str(path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    starts = [event["start"] for event in json.loads(done.stdout)[str(path)]["events"]]
    assert starts == expected


def test_a_rule_that_ends_in_the_span_is_closed_and_the_current_one_left_open():
    text = vtimezone("Europe/Berlin", 1994, 1997).to_ical().decode()
    assert "RRULE:FREQ=YEARLY;UNTIL=19950924T010000Z;BYDAY=-1SU;BYMONTH=9\r\n" in text  # September until 1995
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n" in text  # October since 1996, still in force
    assert text.count("BEGIN:DAYLIGHT") == 1  # March throughout: one rule


def test_only_the_years_in_use_starting_one_year_early():
    text = vtimezone("Europe/Berlin", 2026, 2028).to_ical().decode()
    assert "DTSTART:20250330T020000\r\n" in text and "DTSTART:20251026T030000\r\n" in text
    assert text.count("BEGIN:") == 3
