"""Venues as data (data/venues/): one record for the course page, the place filter, the map,
JSON-LD, the calendars and courses.json.

The ITAS fixture's Kongress (tests/fixtures/itas/data/courses/itas-kongress-2027.yml) takes place
at a venue that is not a node: the Alter Gasometer in Zwickau (data/venues/alter-gasometer.yml),
with step-free access „teilweise“, parking, public transport and a directions link. Its other
courses are at the two helpdesks (nodes), which say nothing about step-free access.
"""

from __future__ import annotations

import json

import pytest
from conftest import build, copy_fixture
from icalendar import Calendar
from lxml import html
from support.browser import serve
from test_browser import _open, browser  # noqa: F401 (fixture)
from test_calendars import U, committed_fixture, course_events, git

pytestmark = pytest.mark.slow  # builds whole sites

CONGRESS = "kurse/itas-kongress-2027/"


def text(element) -> str:
    return " ".join(element.text_content().split())


def venue_facts(page: str) -> list[dict[str, str]]:
    """Each venue block of a course page as {term: description}."""
    blocks = html.fromstring(page).find_class("venue")
    for br in (br for block in blocks for br in block.iter("br")):
        br.tail = " " + (br.tail or "")  # a line break reads as a space
    return [{text(dt): text(dt.getnext()) for dt in block.findall("dt")} for block in blocks]


def test_the_course_page_shows_the_venue_with_access_and_directions(itas_site):
    page = itas_site.page(CONGRESS)
    [facts] = venue_facts(page)
    assert facts["Ort"] == "Alter Gasometer Kleine Biergasse 3, 08056 Zwickau"
    assert facts["Stufenlos erreichbar"].startswith("teilweise Saal im Erdgeschoss stufenlos")
    assert facts["Bus und Bahn"].startswith("Straßenbahn bis Haltestelle Zentrum")
    assert facts["Parken"].startswith("Öffentliche Parkplätze")
    links = html.fromstring(page).find_class("venue")[0].xpath(".//a/@href")
    assert links == [
        "https://itas.example.org/kongress/anfahrt/",
        # a plain link: the map service is asked nothing until a visitor follows it
        "https://www.openstreetmap.org/?mlat=50.716&mlon=12.499#map=17/50.716/12.499",
    ]
    assert "openstreetmap" not in "".join(html.fromstring(page).xpath("//@src"))


def test_a_node_without_access_data_says_keine_angabe_never_no(itas_site):
    [facts] = venue_facts(itas_site.page("kurse/fuehrung-im-wandel/"))
    assert facts["Ort"].startswith("Helpdesk Chemnitz, Industrie- und Handelskammer Chemnitz")
    assert facts["Stufenlos erreichbar"] == "keine Angabe"
    assert "Parken" not in facts and "Bus und Bahn" not in facts


def test_the_place_filter_finds_a_venue_by_its_town(itas_site):
    catalogue = html.fromstring(itas_site.page("kurse/"))
    places = catalogue.xpath("//ul[@aria-labelledby='filter-ort']//a")
    assert {a.text: a.get("href") for a in places} == {
        "Chemnitz": "/kurse/ort/chemnitz/",
        "Zwickau": "/kurse/ort/zwickau/",
    }
    zwickau = html.fromstring(itas_site.page("kurse/ort/zwickau/"))
    titles = [text(a) for a in zwickau.xpath("//*[@class='run-title']/a")]
    # the Kongress at the Alter Gasometer beside the runs at the Zwickau helpdesk
    assert titles == ["Strategietag für KMU", "Helpdesk-Sprechstunde für Industrie-KMU", "ITAS-Kongress 2027"]
    chemnitz = itas_site.page("kurse/ort/chemnitz/")
    assert "ITAS-Kongress 2027" not in chemnitz


def test_the_javascript_place_filter_finds_the_venue(browser, itas_site):  # noqa: F811
    with serve(itas_site.output) as url:
        context, page, *_ = _open(browser, url, "kurse/")
        try:
            options = page.locator("#auswahl-ort option").all_inner_texts()
            assert options == ["alle", "Chemnitz", "Zwickau"]
            page.select_option("#auswahl-ort", "zwickau")
            assert page.url.endswith("?ort=zwickau")
            shown = page.locator(".run:visible .run-title").all_inner_texts()
            assert "ITAS-Kongress 2027" in shown and len(shown) == 3
        finally:
            context.close()


def test_the_map_draws_the_venue_apart_from_the_nodes(itas_site):
    figure = html.fromstring(itas_site.page("helpdesks/")).find_class("node-map")[0]
    ns = "local-name()"
    dots = figure.xpath(f".//*[{ns}='circle'][@class='map-dot']")
    venues = figure.xpath(f".//*[{ns}='rect'][@class='map-venue']")
    assert len(dots) == 2 and len(venues) == 2  # the venue's square and its key in the legend
    link = venues[0].getparent()
    assert link.get("href") == "/kurse/ort/zwickau/"
    assert link.get("aria-label") == "Alter Gasometer, Zwickau: Kurse und Termine in Zwickau"
    desc = figure.xpath(f".//*[{ns}='desc']")[0].text
    assert desc.endswith("2 Helpdesks: Chemnitz, Zwickau; weitere Veranstaltungsorte: Alter Gasometer (Zwickau).")
    assert "Quadrat: weiterer Veranstaltungsort" in text(figure.find("figcaption"))


def test_json_ld_ical_and_courses_json_come_from_the_venue_record(itas_site):
    page = html.fromstring(itas_site.page(CONGRESS))
    data = [json.loads(s.text) for s in page.xpath("//script[@type='application/ld+json']")]
    course = next(d for d in data if d.get("@type") == "Course")
    [instance] = course["hasCourseInstance"]
    assert instance["location"] == {
        "@type": "Place",
        "name": "Alter Gasometer",
        "address": {
            "@type": "PostalAddress",
            "postalCode": "08056",
            "addressLocality": "Zwickau",
            "addressCountry": "DE",
            "streetAddress": "Kleine Biergasse 3",
        },
        "geo": {"@type": "GeoCoordinates", "latitude": 50.716, "longitude": 12.499},
    }  # step-free „teilweise“ is no yes/no claim: no amenityFeature

    calendar = Calendar.from_ical((itas_site.output / CONGRESS / "termine.ics").read_bytes())
    [event] = calendar.walk("VEVENT")
    assert str(event["LOCATION"]) == "Alter Gasometer, Kleine Biergasse 3, 08056 Zwickau"
    assert (event["GEO"].latitude, event["GEO"].longitude) == (50.716, 12.499)
    assert (
        "Stufenlos erreichbar: teilweise – Saal im Erdgeschoss stufenlos; die Galerie nur über Treppen (Testdaten)."
        in str(event["DESCRIPTION"]).splitlines()
    )
    at_node_calendar = Calendar.from_ical((itas_site.output / "kurse/fuehrung-im-wandel/termine.ics").read_bytes())
    for at_node_event in at_node_calendar.walk("VEVENT"):  # no access data: no claim either way
        assert "Stufenlos erreichbar: keine Angabe" in str(at_node_event["DESCRIPTION"]).splitlines()

    courses = json.loads((itas_site.output / "courses.json").read_text(encoding="utf-8"))["courses"]
    place = next(c for c in courses if c["id"] == "itas-kongress-2027")["runs"][0]["place"]
    assert place | {"coordinates": None} == {
        "node": None,
        "venue": "alter-gasometer",
        "name": "Alter Gasometer",
        "street": "Kleine Biergasse 3",
        "postcode": "08056",
        "city": "Zwickau",
        "address": "Kleine Biergasse 3, 08056 Zwickau",
        "coordinates": None,
        "step_free": "teilweise",
        "accessibility": "Saal im Erdgeschoss stufenlos; die Galerie nur über Treppen (Testdaten).",
        "parking": "Öffentliche Parkplätze in der Umgebung, keine eigenen (Testdaten).",
        "public_transport": "Straßenbahn bis Haltestelle Zentrum, dann 5 Minuten zu Fuß (Testdaten).",
        "directions_url": "https://itas.example.org/kongress/anfahrt/",
    }
    at_node = next(c for c in courses if c["id"] == "fuehrung-im-wandel")["runs"][0]["place"]
    assert at_node["node"] == "chemnitz" and at_node["venue"] is None and at_node["step_free"] is None


def test_a_session_elsewhere_has_its_own_place_on_the_page_in_the_calendar_and_filter(tmp_path):
    site = copy_fixture("minimal", tmp_path / "site")
    course = site / "data/courses/kurs.yml"
    text_before = course.read_text(encoding="utf-8")
    # the spring run is at the node; its second day moves to the Stadthalle (data/venues/stadthalle.yml)
    old = "      - id: tag-2\n"
    assert old in text_before
    course.write_text(text_before.replace(old, old + "        place:\n          venue: stadthalle\n", 1), "utf-8")
    output = tmp_path / "output"
    done = build(site, output)
    assert done.returncode == 0, done.stderr
    page = (output / "kurse/kurs/index.html").read_text(encoding="utf-8")
    row = html.fromstring(page).get_element_by_id("durchfuehrung-fruehjahr-tag-2")
    assert "Ort: Stadthalle, Marktplatz 2, 12345 Mittenstadt" in text(row)
    facts = venue_facts(page)
    # the spring run's node, then the Stadthalle of its second day, then the autumn run's Stadthalle
    assert [f["Ort"].split(" ")[0] for f in facts] == ["Büro", "Stadthalle", "Stadthalle"]
    assert [f["Stufenlos erreichbar"] for f in facts] == ["keine Angabe", "ja", "ja"]
    events = {
        str(e["UID"]): e for e in Calendar.from_ical((output / "kurse/kurs/termine.ics").read_bytes()).walk("VEVENT")
    }
    assert str(events[U.format("fruehjahr-tag-2")]["LOCATION"]) == "Stadthalle, Marktplatz 2, 12345 Mittenstadt"
    assert "Hauptstraße 1" in str(events[U.format("fruehjahr-tag-1")]["LOCATION"])
    runs = json.loads((output / "courses.json").read_text(encoding="utf-8"))["courses"][0]["runs"]
    sessions = {s["id"]: s for s in runs[0]["sessions"]}
    assert sessions["tag-2"]["own_place"] and sessions["tag-2"]["place"]["venue"] == "stadthalle"
    assert not sessions["tag-1"]["own_place"] and sessions["tag-1"]["place"] is None
    # step-free „ja“ is a claim the data makes: JSON-LD says so
    data = [json.loads(s.text) for s in html.fromstring(page).xpath("//script[@type='application/ld+json']")]
    autumn = next(d for d in data if d.get("@type") == "Course")["hasCourseInstance"][-1]["location"]
    assert autumn["amenityFeature"] == [
        {"@type": "LocationFeatureSpecification", "name": "Stufenloser Zugang", "value": True}
    ]


def test_a_changed_venue_raises_the_sequence_of_the_events_held_there(tmp_path):
    site = committed_fixture(tmp_path)
    venue = site / "data" / "venues" / "stadthalle.yml"
    venue.write_text(venue.read_text(encoding="utf-8").replace("Marktplatz 2", "Marktplatz 4"), "utf-8")
    git(site, "commit", "-q", "-am", "venue moved", when="2026-10-05T10:00:00Z")
    assert build(site, tmp_path / "one").returncode == 0
    events = course_events(tmp_path / "one")
    # the autumn run is at the Stadthalle, the spring run at the node
    assert {uid: str(e["SEQUENCE"]) for uid, e in events.items()} == {
        U.format("fruehjahr-tag-1"): "0",
        U.format("fruehjahr-tag-2"): "0",
        U.format("herbst-tag-1"): "1",
    }
    assert "Marktplatz 4" in str(events[U.format("herbst-tag-1")]["LOCATION"])


def test_a_nodes_page_and_calendar_cover_the_venues_in_its_town(itas_site):
    page = html.fromstring(itas_site.page("helpdesks/zwickau/"))
    runs = page.get_element_by_id("termine").getparent().xpath(".//li[@class='run']")
    # title -> meta line; every run is in Zwickau: the list says where, at the helpdesk or elsewhere
    places = {text(run.xpath(".//*[@class='run-title']/a")[0]): text(run.xpath("p[@class='meta']")[0]) for run in runs}
    assert "ITAS-Kongress 2027" in places
    assert places["ITAS-Kongress 2027"].endswith(" · Alter Gasometer, Zwickau")
    assert all(meta.endswith(" · Helpdesk Zwickau") for title, meta in places.items() if title != "ITAS-Kongress 2027")
    assert len(places) > 1
    calendar = Calendar.from_ical((itas_site.output / "kalender/helpdesks-zwickau.ics").read_bytes())
    assert "itas-kongress-2027-2027-06-kongress@itas.example.org" in {str(e["UID"]) for e in calendar.walk("VEVENT")}
    chemnitz = Calendar.from_ical((itas_site.output / "kalender/helpdesks-chemnitz.ics").read_bytes())
    assert "itas-kongress-2027-2027-06-kongress@itas.example.org" not in {
        str(e["UID"]) for e in chemnitz.walk("VEVENT")
    }
