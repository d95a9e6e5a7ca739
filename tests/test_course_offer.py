"""A network's own vocabulary and what a course says about its offer, as the ITAS fixture's pages,
catalogue, calendars, courses.json and JSON-LD show them on TODAY.

The fixture (tests/fixtures/itas) declares its own kinds (with „Kongress“, without „Lehrgang“) and
format labels („Hybrid (vor Ort und online)“, „Online-Angebot“) in data/network.yml, and has:
- itas-kongress-2027: kind Kongress, 120 € (60 € reduced), two co-organisers, a course contact;
- kmu-strategietag: price on request;
- transformationsforum: no price (not known yet);
- fuehrung-im-wandel: hybrid, in English, an online access note, a cancelled session with a reason;
- helpdesk-sprechstunde: free of charge.
"""

from __future__ import annotations

import json
import re

import feedparser
import pytest
from icalendar import Calendar
from lxml import html
from support import real_site as site_data

pytestmark = pytest.mark.slow  # builds whole sites

# Google's Course info (Course + CourseInstance) structured data, as documented until its retirement
# in 2025 (see ../shared/research/calendar-and-catalogue.md §3.2): what is required and recommended.
COURSE_REQUIRED = ("name", "description", "provider", "hasCourseInstance", "offers")
COURSE_RECOMMENDED = ("inLanguage", "about", "coursePrerequisites", "educationalCredentialAwarded")
OFFER_CATEGORIES = {"Free", "Partially Free", "Subscription", "Paid"}
COURSE_MODES = {"onsite", "online", "blended"}
ISO_DURATION = re.compile(r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$")


def text(element) -> str:
    """The words of an element; a line break or a paragraph inside separates words too."""
    return " ".join(" ".join(element.itertext()).split())


def facts(site, course: str) -> dict[str, str]:
    tree = html.fromstring(site.page(f"kurse/{course}/"))
    return {text(dt): text(dt.getnext()) for dt in tree.xpath("//dl[@class='facts']/dt")}


def course_jsonld(site, course: str) -> dict:
    (script,) = html.fromstring(site.page(f"kurse/{course}/")).xpath("//head/script[@type='application/ld+json']")
    return json.loads(script.text)


def test_the_networks_own_kinds_and_format_labels_are_shown(itas_site):
    page = html.fromstring(itas_site.page("kurse/itas-kongress-2027/"))
    assert page.xpath("string(//p[@class='kicker'])") == "Kongress · Präsenz"
    hybrid = html.fromstring(itas_site.page("kurse/fuehrung-im-wandel/"))
    assert hybrid.xpath("string(//p[@class='kicker'])") == "Workshop · Hybrid (vor Ort und online)"
    catalogue = html.fromstring(itas_site.page("kurse/"))
    formats = [text(a) for a in catalogue.xpath("//ul[@aria-labelledby='filter-format']//a")]
    assert formats == ["Präsenz", "Hybrid (vor Ort und online)", "Online-Angebot"]
    assert "Format: Online-Angebot" in text(html.fromstring(itas_site.page("kurse/format/online/")))
    hybrid_runs = html.fromstring(itas_site.page("kurse/format/hybrid/")).xpath("//li[@class='run']//a/@href")
    assert hybrid_runs == ["/kurse/fuehrung-im-wandel/#durchfuehrung-2026-12"]
    meta = [text(p) for p in catalogue.xpath("//li[@class='run']/p[@class='meta']")]
    assert any(" · Kongress · Präsenz · " in m for m in meta)
    document = json.loads((itas_site.output / "courses.json").read_text(encoding="utf-8"))
    courses = {c["id"]: c for c in document["courses"]}
    assert courses["itas-kongress-2027"]["kind"] == "Kongress"
    assert (courses["fuehrung-im-wandel"]["format_label"], courses["fuehrung-im-wandel"]["attendance"]) == (
        "Hybrid (vor Ort und online)",
        "hybrid",
    )


def test_prices_say_what_is_known_and_never_claim_free(itas_site):
    assert facts(itas_site, "itas-kongress-2027")["Kosten"] == (
        "120,00 €, ermäßigt 60,00 € (Mitglieder der IHK Chemnitz und Studierende)"
    )
    assert facts(itas_site, "kmu-strategietag")["Kosten"] == "auf Anfrage"
    assert facts(itas_site, "transformationsforum")["Kosten"] == "noch nicht bekannt"
    assert facts(itas_site, "helpdesk-sprechstunde")["Kosten"] == "kostenfrei"
    # The catalogue's „kostenfrei“ filter (data-free) and badge: only what is known to cost nothing.
    catalogue = html.fromstring(itas_site.page("kurse/"))
    free = {
        item.xpath("string(.//a/@href)").split("/")[2]
        for item in catalogue.xpath("//li[@class='run']")
        if item.get("data-free") is not None
    }
    assert free == {"fuehrung-im-wandel", "helpdesk-sprechstunde", "monatlicher-helpdesk-sprechtag"}
    badged = {
        item.xpath("string(.//a/@href)").split("/")[2]
        for item in catalogue.xpath("//li[@class='run'][.//span[contains(@class, 'badge-frei')]]")
    }
    assert badged == free

    document = json.loads((itas_site.output / "courses.json").read_text(encoding="utf-8"))
    prices = {c["id"]: c["price"] for c in document["courses"]}
    assert prices["transformationsforum"] is None
    assert prices["kmu-strategietag"] == {
        "regular_eur": None,
        "reduced_eur": None,
        "reduced_for": None,
        "on_request": True,
        "label": "auf Anfrage",
    }
    assert prices["itas-kongress-2027"]["regular_eur"] == "120.00"
    assert prices["itas-kongress-2027"]["reduced_eur"] == "60.00"
    assert prices["helpdesk-sprechstunde"]["regular_eur"] == "0.00"

    unknown = course_jsonld(itas_site, "transformationsforum")
    assert "offers" not in unknown and "isAccessibleForFree" not in unknown
    assert all("price" not in offer for i in unknown["hasCourseInstance"] for offer in i["offers"])
    on_request = course_jsonld(itas_site, "kmu-strategietag")
    assert [(o["category"], "price" in o) for o in on_request["offers"]] == [("Paid", False)]
    assert on_request["isAccessibleForFree"] is False
    kongress = course_jsonld(itas_site, "itas-kongress-2027")
    assert [(o["category"], o["price"]) for o in kongress["offers"]] == [("Paid", "120.00"), ("Paid", "60.00")]
    free_course = course_jsonld(itas_site, "helpdesk-sprechstunde")
    assert [(o["category"], o["price"]) for o in free_course["offers"]] == [("Free", "0.00")]
    assert free_course["isAccessibleForFree"] is True


def test_contact_co_organisers_language_and_online_access(itas_site):
    kongress = facts(itas_site, "itas-kongress-2027")
    assert kongress["In Zusammenarbeit mit"] == (
        "CWE – Chemnitzer Wirtschaftsförderungs- und Entwicklungsgesellschaft mbH, Industrie- und Handelskammer Chemnitz"
    )
    assert kongress["Kontakt"] == (
        "Kongressbüro (Testdaten), Netzwerk Automobilzulieferer Sachsen "
        "E-Mail: kongress@itas.example.org Telefon: 0371 000000-0"
    )
    page = html.fromstring(itas_site.page("kurse/itas-kongress-2027/"))
    assert page.xpath("//dd[@class='course-contact']//a/@href") == [
        "mailto:kongress@itas.example.org",
        "tel:0371000000-0",
    ]
    assert "Sprache" not in kongress and "Online-Teilnahme" not in kongress  # German, on site only

    workshop = facts(itas_site, "fuehrung-im-wandel")
    assert workshop["Sprache"] == "Englisch"
    assert workshop["Online-Teilnahme"].startswith("Den Zugang zum Videoraum senden wir")
    assert "Kontakt" not in workshop and "In Zusammenarbeit mit" not in workshop

    data = course_jsonld(itas_site, "itas-kongress-2027")
    assert [o["name"] for o in data["contributor"]] == [
        "CWE – Chemnitzer Wirtschaftsförderungs- und Entwicklungsgesellschaft mbH",
        "Industrie- und Handelskammer Chemnitz",
    ]
    (instance,) = data["hasCourseInstance"]
    assert instance["organizer"][0]["name"] == "Netzwerk Automobilzulieferer Sachsen"
    assert len(instance["organizer"]) == 3
    english = course_jsonld(itas_site, "fuehrung-im-wandel")
    assert english["inLanguage"] == "en" and english["hasCourseInstance"][0]["inLanguage"] == "en"
    assert english["hasCourseInstance"][0]["courseMode"] == "blended"

    document = json.loads((itas_site.output / "courses.json").read_text(encoding="utf-8"))
    courses = {c["id"]: c for c in document["courses"]}
    assert courses["fuehrung-im-wandel"]["language"] == "en"
    assert courses["itas-kongress-2027"]["language"] == "de"
    assert [p["id"] for p in courses["itas-kongress-2027"]["co_organisers"]] == ["cwe-chemnitz", "ihk-chemnitz"]
    assert courses["itas-kongress-2027"]["contact"]["role"] == "Kongressbüro (Testdaten)"
    assert courses["fuehrung-im-wandel"]["online_access"].startswith("Den Zugang")


def test_a_cancelled_session_shows_its_reason(itas_site):
    page = html.fromstring(itas_site.page("kurse/fuehrung-im-wandel/"))
    (status,) = page.xpath("//tr[@id='durchfuehrung-2026-12-nachtreffen']/td[@data-label='Status']")
    assert text(status) == "Abgesagt Grund: Die Moderation ist verhindert; ein neuer Termin folgt. (Testdaten)"
    (taking_place,) = page.xpath("//tr[@id='durchfuehrung-2026-12-workshop']/td[@data-label='Status']")
    assert "Grund" not in text(taking_place)

    calendar = Calendar.from_ical((itas_site.output / "kurse/fuehrung-im-wandel/termine.ics").read_bytes())
    events = {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    cancelled = events["fuehrung-im-wandel-2026-12-nachtreffen"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert (
        "Dieser Termin ist abgesagt.\nGrund: Die Moderation ist verhindert; ein neuer Termin folgt. (Testdaten)"
        in str(cancelled["DESCRIPTION"])
    )
    assert "Grund:" not in str(events["fuehrung-im-wandel-2026-12-workshop"]["DESCRIPTION"])

    document = json.loads((itas_site.output / "courses.json").read_text(encoding="utf-8"))
    (course,) = [c for c in document["courses"] if c["id"] == "fuehrung-im-wandel"]
    sessions = {s["id"]: s for s in course["runs"][0]["sessions"]}
    assert sessions["nachtreffen"]["reason"].startswith("Die Moderation ist verhindert")
    assert sessions["workshop"]["reason"] is None
    # The cancelled follow-up was the run's last session: the run now ends with the workshop.
    assert course["runs"][0]["first_day"] == course["runs"][0]["last_day"] == "2026-12-02"
    (heading,) = page.xpath("//*[@id='durchfuehrung-2026-12-titel']")
    assert text(heading) == "Durchführung 2. Dezember 2026"
    (instance,) = course_jsonld(itas_site, "fuehrung-im-wandel")["hasCourseInstance"]
    assert instance["endDate"].startswith("2026-12-02T17:00"), instance

    # The courses feed lists the run's sessions as the course page does: status and reason included.
    feed = feedparser.parse((itas_site.output / "feeds" / "kurse.atom.xml").read_bytes())
    (entry,) = [e for e in feed.entries if e.link.endswith("/kurse/fuehrung-im-wandel/#durchfuehrung-2026-12")]
    rows = [text(li) for li in html.fromstring(entry.content[0].value).xpath("//li")]
    assert rows[1].endswith(
        "Nachtreffen – abgesagt (Grund: Die Moderation ist verhindert; ein neuer Termin folgt. (Testdaten))"
    ), rows
    assert "abgesagt" not in rows[0] and "Grund" not in rows[0], rows
    (series,) = [e for e in feed.entries if "/kurse/monatlicher-helpdesk-sprechtag/" in e.link]
    assert "Mi. 02.12.2026, 10:00–15:00 Uhr – abgesagt – Der Helpdesk ist wegen einer Betriebsversammlung" in (
        series.content[0].value
    )


@pytest.mark.parametrize("site_name", site_data.sites("itas_site", "real_site"))
def test_every_course_page_has_the_course_info_properties(site_name, request):
    """Required and recommended properties of Google's Course info for every course page; the
    deliberate exceptions: a course whose price is not known has no ``offers``, and a run whose times
    are not known has no ``courseWorkload`` unless the course gives its UE (no claims)."""
    site = request.getfixturevalue(site_name)
    pages = sorted((site.output / "kurse").glob("*/index.html"))
    courses = [p for p in pages if '"@type": "Course"' in p.read_text(encoding="utf-8")]
    assert courses
    for path in courses:
        course = path.parent.name
        data = course_jsonld(site, course)
        assert data["@type"] == "Course", course
        known_price = facts(site, course)["Kosten"] != "noch nicht bekannt"
        for key in COURSE_REQUIRED:
            if key == "offers" and not known_price:
                assert key not in data, course
                continue
            assert data.get(key), f"{course}: {key}"
        assert data["inLanguage"] and all(topic["@type"] == "Thing" and topic["name"] for topic in data["about"])
        assert not set(data).isdisjoint(COURSE_RECOMMENDED)
        for offer in data.get("offers", []):
            assert offer["category"] in OFFER_CATEGORIES and offer["priceCurrency"] == "EUR", course
            assert "price" in offer or offer["category"] == "Paid", course
        for instance in data["hasCourseInstance"]:
            assert instance["@type"] == "CourseInstance" and instance["courseMode"] in COURSE_MODES, course
            if instance["courseMode"] != "online":
                assert instance["location"]["@type"] == "Place", course
            workload = instance.get("courseWorkload")
            # While a day's times are not known (a date without „T“), its length is not either: no invented workload.
            times_known = "T" in instance["startDate"] and "T" in instance["endDate"]
            if times_known:
                assert workload or instance.get("courseSchedule"), f"{course}: courseWorkload or courseSchedule"
            if workload:
                assert ISO_DURATION.match(workload), f"{course}: {workload} is no ISO 8601 duration"


def test_workload_in_ue_is_45_minutes_each(real_site):
    from sitedata.loader import load_project

    project = load_project(real_site.root / "content", real_site.root / "data")
    with_ue = [c for c in project.courses.values() if c.workload_ue]
    assert with_ue
    for course in with_ue:
        for instance in course_jsonld(real_site, course.id)["hasCourseInstance"]:
            hours, minutes = divmod(course.workload_ue * 45, 60)
            expected = "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
            assert instance["courseWorkload"] == expected, course.id
