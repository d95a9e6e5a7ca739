"""Registration as a state and days without times („Uhrzeit folgt“), as the ITAS fixture's
pages, catalogue list, month view, courses.json, JSON-LD and calendars show them on TODAY.

The fixture (tests/fixtures/itas/data/courses) has, on TODAY = 2026-11-22:
- fuehrung-im-wandel: deadline 2026-11-20 passed, the workshop on 2026-12-02 still to come;
- kmu-strategietag: 2027-01 sold out, 2027-03 sold out with a waiting list;
- transformationsforum: no registration needed; a past day without times (2026-10-14) and an
  upcoming one (2027-04-14) next to a timed session.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import TODAY, build, copy_fixture
from icalendar import Calendar
from lxml import html

pytestmark = pytest.mark.slow  # builds whole sites

assert TODAY == "2026-11-22", "the fixture's deadlines and days are chosen around this day"


def registration_section(page: str) -> html.HtmlElement:
    return html.fromstring(page).get_element_by_id("anmeldung").getparent()


def text(element) -> str:
    return " ".join(element.text_content().split())


def session_row(page: str, anchor: str) -> list[str]:
    row = html.fromstring(page).get_element_by_id(anchor)
    return [text(cell) for cell in row.findall("td")]


def test_a_passed_deadline_closes_registration_before_the_session(itas_site):
    page = itas_site.page("kurse/fuehrung-im-wandel/")
    section = registration_section(page)
    assert "Anmeldeschluss ist vorbei" in text(section)
    assert not section.xpath(".//a[contains(@class, 'button')]") and "Zur Anmeldung" not in text(section)
    assert "fuehrung@itas.example.org" not in text(section)  # no way offered that no longer leads anywhere
    # Prerequisites are not written for this course: the page claims none.
    facts = html.fromstring(page).xpath("//dl[@class='facts']/dt/text()")
    assert "Für wen" in facts and "Voraussetzungen" not in facts and "keine besonderen" not in page


def test_sold_out_runs_offer_only_the_waiting_list(itas_site):
    page = itas_site.page("kurse/kmu-strategietag/")
    section = registration_section(page)
    states = [text(li) for li in section.xpath(".//ul[@class='registration-states']/li")]
    assert states == [
        "Durchführung 15. Januar 2027: Ausgebucht, keine Anmeldung mehr möglich",
        "Durchführung 12. März 2027: Ausgebucht; Anmeldung auf die Warteliste möglich (Anmeldeschluss: 5. März 2027)",
    ]
    (button,) = section.xpath(".//a[contains(@class, 'button')]")
    assert button.get("href") == "https://veranstaltungen.example.org/strategietag"
    assert text(button).startswith("Auf die Warteliste")
    assert "Zur Anmeldung" not in text(section)


def test_no_registration_needed_is_said_and_offers_no_button(itas_site):
    section = registration_section(itas_site.page("kurse/transformationsforum/"))
    assert text(section) == "Anmeldung Eine Anmeldung ist nicht erforderlich."


def test_a_day_without_times_says_uhrzeit_folgt_until_it_is_past(itas_site):
    page = itas_site.page("kurse/transformationsforum/")
    _, day, time, title, status, _ = session_row(page, "durchfuehrung-2027-04-auftakt")
    assert (day, time, title, status) == ("Mi. 14.04.2027", "Uhrzeit folgt", "Auftakt", "Findet statt")
    assert session_row(page, "durchfuehrung-2027-04-werkstatt")[2] == "09:00–13:00 Uhr"
    # A past day without times is simply past: never „abgeschlossen“ and „folgt“ at once.
    _, day, time, _, status, _ = session_row(page, "durchfuehrung-2026-10-forum")
    assert (day, time, status) == ("Mi. 14.10.2026", "", "Abgeschlossen")
    assert html.fromstring(page).xpath("//tr[@id='durchfuehrung-2027-04-auftakt']//time/@datetime") == ["2027-04-14"]
    month = itas_site.page("kurse/monat/2027-04/")
    assert "Transformationsforum (Uhrzeit folgt)" in text(html.fromstring(month))


def test_catalogue_list_shows_each_runs_registration_as_a_badge(itas_site):
    tree = html.fromstring(itas_site.page("kurse/"))

    def badges(course: str, run: str) -> list[str]:
        (item,) = tree.xpath(f"//li[@class='run'][.//a[@href='/kurse/{course}/#durchfuehrung-{run}']]")
        return [text(b) for b in item.xpath(".//span[contains(@class, 'badge')]")]

    assert "Anmeldung geschlossen" in badges("fuehrung-im-wandel", "2026-12")
    assert badges("kmu-strategietag", "2027-01")[:1] == ["Ausgebucht"]
    assert "Warteliste" in badges("kmu-strategietag", "2027-03")
    assert "ohne Anmeldung" in badges("transformationsforum", "2027-04")
    assert "Anmeldung offen" in badges("helpdesk-sprechstunde", "2027-02-chemnitz")
    assert not {"Anmeldung offen", "Anmeldung geschlossen"} & set(badges("helpdesk-sprechstunde", "2027-02-zwickau"))


def test_courses_json_has_the_state_of_every_run_and_null_times(itas_site):
    document = json.loads((itas_site.output / "courses.json").read_text(encoding="utf-8"))
    courses = {c["id"]: c for c in document["courses"]}
    states = {(c, r["id"]): r["registration_state"] for c in courses for r in courses[c]["runs"]}
    assert states == {
        ("fuehrung-im-wandel", "2026-12"): "closed",
        ("helpdesk-sprechstunde", "2027-02-chemnitz"): "open",
        ("helpdesk-sprechstunde", "2027-02-zwickau"): "not_yet_open",
        ("itas-kongress-2027", "2027-06"): "open",
        ("kmu-strategietag", "2027-01"): "fully_booked",
        ("kmu-strategietag", "2027-03"): "waiting_list",
        ("monatlicher-helpdesk-sprechtag", "2026-2027"): "not_required",  # a series under way (test_series.py)
        ("transformationsforum", "2026-10"): "over",
        ("transformationsforum", "2027-04"): "not_required",
    }
    assert courses["transformationsforum"]["registration"]["required"] is False
    auftakt, werkstatt = courses["transformationsforum"]["runs"][1]["sessions"]
    assert (auftakt["date"], auftakt["start"], auftakt["end"]) == ("2027-04-14", None, None)
    assert (werkstatt["date"], werkstatt["start"]) == ("2027-04-15", "2027-04-15T09:00:00+02:00")


def test_json_ld_availability_follows_the_registration_state(itas_site):
    def offers(course: str) -> dict[str, dict]:
        tree = html.fromstring(itas_site.page(f"kurse/{course}/"))
        (script,) = tree.xpath("//head/script[@type='application/ld+json']")  # the Course (breadcrumbs: body)
        data = json.loads(script.text)
        return {i["url"].rsplit("#", 1)[1]: i for i in data["hasCourseInstance"]}

    schema = "https://schema.org/"
    assert offers("fuehrung-im-wandel")["durchfuehrung-2026-12"]["offers"][0]["availability"] == schema + "OutOfStock"
    sold_out = offers("kmu-strategietag")
    assert {o["availability"] for i in sold_out.values() for o in i["offers"]} == {schema + "SoldOut"}
    forum = offers("transformationsforum")["durchfuehrung-2027-04"]
    assert [o["availability"] for o in forum["offers"]] == [schema + "InStock"]
    assert (forum["startDate"], forum["endDate"]) == ("2027-04-14", "2027-04-15T13:00:00+02:00")


def test_calendars_write_a_day_without_times_all_day_and_say_what_the_data_says(itas_site):
    def events(course: str) -> dict[str, object]:
        calendar = Calendar.from_ical((itas_site.output / "kurse" / course / "termine.ics").read_bytes())
        return {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}

    forum = events("transformationsforum")
    auftakt = forum["transformationsforum-2027-04-auftakt"]
    assert (auftakt.decoded("DTSTART"), auftakt.decoded("DTEND")) == (dt.date(2027, 4, 14), dt.date(2027, 4, 15))
    assert "DTSTART;VALUE=DATE:20270414" in auftakt.to_ical().decode()
    assert str(auftakt["SUMMARY"]) == "Transformationsforum – Auftakt (Uhrzeit folgt)"
    assert "Termin: Mi. 14.04.2027, Uhrzeit folgt: Auftakt" in str(auftakt["DESCRIPTION"])
    assert "Anmeldung: nicht erforderlich" in str(auftakt["DESCRIPTION"])
    werkstatt = forum["transformationsforum-2027-04-werkstatt"]
    assert isinstance(werkstatt.decoded("DTSTART"), dt.datetime)
    # The one-event download and the Google link of a day without times are all-day too.
    single = (itas_site.output / "kurse/transformationsforum/termin-2027-04-auftakt.ics").read_bytes()
    assert b"DTSTART;VALUE=DATE:20270414\r\n" in single and b"DTEND;VALUE=DATE:20270415\r\n" in single
    assert "dates=20270414%2F20270415" in itas_site.page("kurse/transformationsforum/")

    booked = events("kmu-strategietag")
    assert "\nAusgebucht\n" in str(booked["kmu-strategietag-2027-01-tag"]["DESCRIPTION"])
    waiting = str(booked["kmu-strategietag-2027-03-tag"]["DESCRIPTION"])
    assert "Ausgebucht; Anmeldung auf die Warteliste: https://veranstaltungen.example.org/strategietag" in waiting
    closed = str(events("fuehrung-im-wandel")["fuehrung-im-wandel-2026-12-workshop"]["DESCRIPTION"])
    assert "Anmeldung: fuehrung@itas.example.org\nAnmeldeschluss: 20. November 2026" in closed


def test_a_course_without_registration_says_nothing_is_known(tmp_path):
    """Leaving ``registration`` out is no statement: not „Eine Anmeldung ist nicht erforderlich.“"""
    site = copy_fixture("minimal", tmp_path / "site")
    course = site / "data/courses/kurs.yml"
    written = course.read_text(encoding="utf-8")
    course.write_text(
        written.replace("registration:\n  required: true\n  url: https://traeger.example.org/anmeldung\n", ""),
        encoding="utf-8",
    )
    output = tmp_path / "output"
    assert build(site, output).returncode == 0
    page = (output / "kurse/kurs/index.html").read_text(encoding="utf-8")
    section = registration_section(page)
    assert text(section) == "Anmeldung Anmeldung: keine Angabe."
    assert "nicht erforderlich" not in page and "Zur Anmeldung" not in page
    runs = json.loads((output / "courses.json").read_text(encoding="utf-8"))["courses"][0]["runs"]
    assert {r["registration_state"] for r in runs} == {"unknown"}
    calendar = (output / "kalender/alle.ics").read_bytes().decode()
    assert "Anmeldung: keine Angabe" in calendar.replace("\r\n ", "")
