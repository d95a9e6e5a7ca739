"""A course series (``series:`` in a run) as the ITAS fixture's pages, lists, calendars and
courses.json show it on TODAY, and as a subscribed client sees an exception added later.

The fixture's monatlicher-helpdesk-sprechtag recurs on the first Wednesday of each month, 10–15 Uhr,
from September 2026 to June 2027; the one on 2026-12-02 is an exception, 2026-12-16 an extra day.
On TODAY = 2026-11-22 its next session that takes place is therefore the extra day.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, TODAY, build
from icalendar import Calendar
from lxml import html
from test_calendar_subscribers import Client
from test_calendars import git, icaljs, nodeical

pytestmark = pytest.mark.slow  # builds whole sites

assert TODAY == "2026-11-22", "the fixture's series is chosen around this day"

COURSE = "monatlicher-helpdesk-sprechtag"
RUN = "2026-2027"
RHYTHM = "monatlich, jeden 1. Mittwoch, 10–15 Uhr"
DAYS = [
    "2026-09-02",
    "2026-10-07",
    "2026-11-04",
    "2026-12-02",  # exception
    "2026-12-16",  # extra day
    "2027-01-06",
    "2027-02-03",
    "2027-03-03",
    "2027-04-07",
    "2027-05-05",
    "2027-06-02",
]


def text(element) -> str:
    return " ".join(element.text_content().split())


def series_items(page: str) -> list[str]:
    tree = html.fromstring(page)
    return [text(li) for li in tree.xpath(f"//li[@class='run'][.//a[@href='/kurse/{COURSE}/#durchfuehrung-{RUN}']]")]


def events(path: Path) -> dict[str, object]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}


def uid(day: str) -> str:
    return f"{COURSE}-{RUN}-{day}"


def test_the_course_page_lists_every_day_with_the_rhythm_and_the_exception_as_cancelled(itas_site):
    tree = html.fromstring(itas_site.page(f"kurse/{COURSE}/"))
    (rhythm,) = tree.xpath("//p[@class='rhythm']")
    assert text(rhythm) == f"Regelmäßig: {RHYTHM}; nächster Termin: 16. Dezember 2026"
    rows = tree.xpath(f"//section[@id='durchfuehrung-{RUN}']//table[@class='sessions']/tbody/tr")
    assert [row.get("id") for row in rows] == [f"durchfuehrung-{RUN}-{day}" for day in DAYS]
    by_day = {
        row.get("id").removeprefix(f"durchfuehrung-{RUN}-"): [text(td) for td in row.findall("td")] for row in rows
    }
    assert by_day["2026-12-02"][1:5] == [
        "Mi. 02.12.2026",
        "10:00–15:00 Uhr",
        "Der Helpdesk ist wegen einer Betriebsversammlung geschlossen.",
        "Abgesagt",
    ]
    assert by_day["2026-12-16"][1:5] == ["Mi. 16.12.2026", "10:00–15:00 Uhr", "", "Findet statt"]
    assert by_day["2026-11-04"][1] == "Mi. 04.11.2026"


@pytest.mark.parametrize("url", ["kurse/", "", "helpdesks/chemnitz/", "themen/qualifizierung/", "kurse/ort/chemnitz/"])
def test_lists_show_the_series_once_with_its_next_day_and_rhythm(itas_site, url):
    (item,) = series_items(itas_site.page(url))
    assert f"nächster Termin 16. Dezember 2026 · {RHYTHM} · Sprechtag" in item
    assert "2. September 2026" not in item  # not the first day, which is past


def test_the_catalogue_files_the_series_under_the_month_of_its_next_day(itas_site):
    tree = html.fromstring(itas_site.page("kurse/"))
    (heading,) = tree.xpath(f"//li[@class='run'][.//a[@href='/kurse/{COURSE}/#durchfuehrung-{RUN}']]/preceding::h2[1]")
    assert text(heading) == "Dezember 2026"


def test_calendars_have_one_event_per_day_and_the_exception_cancelled(itas_site):
    course = events(itas_site.output / "kurse" / COURSE / "termine.ics")
    assert sorted(course) == [uid(day) for day in DAYS]
    assert str(course[uid("2026-12-02")]["STATUS"]) == "CANCELLED"
    assert {str(course[uid(day)]["STATUS"]) for day in DAYS if day != "2026-12-02"} == {"CONFIRMED"}
    extra = course[uid("2026-12-16")]
    berlin = extra.decoded("DTSTART").tzinfo
    assert extra.decoded("DTSTART") == dt.datetime(2026, 12, 16, 10, 0, tzinfo=berlin)
    assert extra.decoded("DTEND") == dt.datetime(2026, 12, 16, 15, 0, tzinfo=berlin)
    network = events(itas_site.output / "kalender" / "alle.ics")
    assert {u for u in network if u.startswith(COURSE)} == set(course)
    # Expanded events, no recurrence rule: each day is an event of its own, in every parser.
    assert not [e for e in course.values() if "RRULE" in e or "EXDATE" in e or "RECURRENCE-ID" in e]
    path = itas_site.output / "kurse" / COURSE / "termine.ics"
    for parsed in (icaljs([path])[str(path)]["events"], nodeical([path])[str(path)]):
        assert sorted(e["uid"].split("@")[0] for e in parsed) == [uid(day) for day in DAYS]
    (cancelled,) = [e for e in icaljs([path])[str(path)]["events"] if e["uid"].startswith(uid("2026-12-02"))]
    assert cancelled["status"] == "CANCELLED"
    assert (itas_site.output / "kurse" / COURSE / f"termin-{RUN}-2026-12-16.ics").is_file()


def test_courses_json_says_the_rhythm_and_lists_every_day(itas_site):
    document = json.loads((itas_site.output / "courses.json").read_text(encoding="utf-8"))
    (course,) = [c for c in document["courses"] if c["id"] == COURSE]
    (run,) = course["runs"]
    assert run["series"] == {
        "rhythm": "monatlich",
        "interval": 1,
        "weekday": "Mittwoch",
        "ordinal": "erster",
        "first_day": "2026-09-01",
        "last_day": "2027-06-30",
        "start": "10:00",
        "end": "15:00",
        "label": RHYTHM,
        "next_date": "2026-12-16",
    }
    assert [s["id"] for s in run["sessions"]] == DAYS
    assert [s["status"] for s in run["sessions"] if s["status"]] == ["abgesagt"]
    assert run["registration_state"] == "not_required"
    others = [r["series"] for c in document["courses"] if c["id"] != COURSE for r in c["runs"]]
    assert set(others) == {None}


def test_an_exception_added_later_cancels_its_day_and_no_other_uid_changes(tmp_path):
    """Built twice from git, before and after an exception is committed: every UID stays, only the
    excepted day's event changes (SEQUENCE 1, STATUS:CANCELLED), and a client that imported the
    first file shows exactly that after importing the second."""
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "itas", site)
    git(site, "init", "-q", "-b", "main")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "start", when="2026-10-01T10:00:00Z")
    assert build(site, tmp_path / "before").returncode == 0

    course = site / "data" / "courses" / f"{COURSE}.yml"
    written = course.read_text(encoding="utf-8")
    old = "      exceptions:\n"
    assert old in written
    course.write_text(written.replace(old, old + "        - date: 2027-03-03\n", 1), encoding="utf-8")
    git(site, "commit", "-q", "-am", "exception", when="2026-11-01T10:00:00Z")
    result = build(site, tmp_path / "after")
    assert result.returncode == 0, result.stderr

    calendar = Path("kurse") / COURSE / "termine.ics"
    before, after = events(tmp_path / "before" / calendar), events(tmp_path / "after" / calendar)
    assert sorted(before) == sorted(after) == [uid(day) for day in DAYS]
    changed = {u for u in after if after[u].to_ical() != before[u].to_ical()}
    assert changed == {uid("2027-03-03")}
    assert (int(after[uid("2027-03-03")]["SEQUENCE"]), str(after[uid("2027-03-03")]["STATUS"])) == (1, "CANCELLED")

    client = Client()
    client.import_file(tmp_path / "before" / calendar)
    client.import_file(tmp_path / "after" / calendar)
    cancelled = {u.split("@")[0] for u, (_, is_cancelled, _) in client.view().items() if is_cancelled}
    assert cancelled == {uid("2026-12-02"), uid("2027-03-03")}


def test_json_ld_carries_the_schedule_of_the_series(itas_site):
    tree = html.fromstring(itas_site.page(f"kurse/{COURSE}/"))
    (script,) = tree.xpath("//head/script[@type='application/ld+json']")
    (instance,) = json.loads(script.text)["hasCourseInstance"]
    assert instance["courseSchedule"] == {
        "@type": "Schedule",
        "repeatFrequency": "P1M",
        "byDay": "https://schema.org/Wednesday",
        "byMonthWeek": 1,
        "startDate": "2026-09-01",
        "endDate": "2027-06-30",
        "scheduleTimezone": "Europe/Berlin",
        "startTime": "10:00",
        "endTime": "15:00",
        "exceptDate": ["2026-12-02"],
    }
    assert instance["startDate"] == "2026-09-02T10:00:00+02:00"


def test_shortening_a_published_series_is_refused_with_the_fix_for_series(tmp_path):
    """Days of a series still to come that vanish from it (last_day moved forward) were published:
    the build refuses, as for a deleted session, and says to cancel them as exceptions."""
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "itas", site)
    git(site, "init", "-q", "-b", "main")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "start", when="2026-10-01T10:00:00Z")
    course = site / "data" / "courses" / f"{COURSE}.yml"
    written = course.read_text(encoding="utf-8")
    course.write_text(written.replace("last_day: 2027-06-30", "last_day: 2027-04-30"), encoding="utf-8")
    result = build(site, tmp_path / "out")
    assert result.returncode == 1
    (row,) = [line for line in result.stderr.splitlines() if line.startswith(f"data/courses/{COURSE}.yml:")]
    assert "„2027-05-05“, „2027-06-02“" in row
    assert "unter series: exceptions eintragen" in row
