"""The .ics files as calendar clients see them: two parsers, exact instants, stable UIDs, SEQUENCE from git."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from conftest import FIXTURES, REPO, TODAY, build, copy_fixture, invoke
from icalendar import Calendar
from support import real_site as site_data

pytestmark = pytest.mark.slow  # builds whole sites (see README: the fast inner loop)

UTC = dt.UTC
HERE = Path(__file__).resolve().parent
# The parsers run as a subscriber far west of Berlin: an all-day event („Uhrzeit folgt“) must keep
# its day there, and a timed one its instant.
FAR_WEST = {**os.environ, "TZ": "Pacific/Honolulu"}


# --- helpers --------------------------------------------------------------------------------


def ics_files(output: Path) -> list[Path]:
    return sorted(output.rglob("*.ics"))


def icaljs(files: list[Path]) -> dict[str, dict]:
    """Events as Mozilla ical.js (Thunderbird) reads them."""
    if shutil.which("node") is None:
        pytest.fail("node is needed to run ical.js (invoke tools installs it from package-lock.json)")
    done = subprocess.run(
        ["node", str(HERE / "icaljs_dump.js"), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        env=FAR_WEST,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def nodeical(files: list[Path]) -> dict[str, list[dict]]:
    """Events as node-ical reads them."""
    done = subprocess.run(
        ["node", str(HERE / "nodeical_dump.js"), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        env=FAR_WEST,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def events_by_uid(path: Path) -> dict[str, object]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def expected_instants(root: Path) -> dict[str, tuple[str, str]]:
    """UID → (start, end) in UTC, computed from the YAML's local times and the network's zone;
    for a day without times („Uhrzeit folgt“) the day and the next, as all-day events have them."""
    from sitedata.loader import load_project

    project = load_project(root / "content", root / "data")
    zone = ZoneInfo(project.network.timezone)
    host = project.network.site_url.split("://", 1)[1].split("/")[0]
    found = {}
    for course_id, course in project.courses.items():
        for run in course.runs:
            for session in run.sessions:
                if not session.timed:
                    after = session.date + dt.timedelta(days=1)
                    found[f"{course_id}-{run.id}-{session.id}@{host}"] = (session.date.isoformat(), after.isoformat())
                    continue
                start = session.start.replace(tzinfo=zone).astimezone(UTC)
                end = session.end.replace(tzinfo=zone).astimezone(UTC)
                found[f"{course_id}-{run.id}-{session.id}@{host}"] = (
                    start.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                    end.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                )
    return found


def assert_wire_format(path: Path) -> None:
    data = path.read_bytes()
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(lines), f"{path}: bare LF"
    for line in lines:
        assert len(line) <= 75, f"{path}: {len(line)} octets: {line!r}"
        line.decode("utf-8")  # folding never splits a UTF-8 sequence


# --- the real site --------------------------------------------------------------------------


def assert_every_calendar_reads_alike(root: Path, output: Path) -> set[str]:
    """icalendar (+ recurring-ical-events), ical.js with the file's own VTIMEZONE, and node-ical
    give every event the instants the YAML's local times mean; returns the UIDs seen."""
    files = ics_files(output)
    assert len(files) > 5
    expected = expected_instants(root)
    zone = site_data.project(root).network.timezone
    js, node = icaljs(files), nodeical(files)
    seen = set()
    for path in files:
        assert_wire_format(path)
        python = events_by_uid(path)
        assert {e["uid"]: (e["start"], e["end"]) for e in node[str(path)]} == {uid: expected[uid] for uid in python}, (
            path
        )
        calendar = Calendar.from_ical(path.read_bytes())
        # Every TZID has its VTIMEZONE; no floating times.
        zones = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
        assert zones == {zone}
        expanded = recurring_ical_events.of(calendar).between(dt.date(2020, 1, 1), dt.date(2040, 1, 1))
        assert sorted(str(e["UID"]) for e in expanded) == sorted(python)
        js_events = js[str(path)]["events"]
        assert [e["uid"] for e in js_events] == list(python)  # same events, same order, none dropped
        all_day = {e["uid"] for e in node[str(path)] if e["allDay"]}
        for event in js_events:
            assert event["allDay"] == (event["uid"] in all_day)
            assert event["tzid"] == (None if event["allDay"] else zone)
            assert (event["start"], event["end"]) == expected[event["uid"]], (path, event)
            vevent = python[event["uid"]]
            for name, value in (("DTSTART", event["start"]), ("DTEND", event["end"])):
                decoded = vevent.decoded(name)
                if event["allDay"]:
                    assert type(decoded) is dt.date and decoded.isoformat() == value
                else:
                    assert decoded.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z") == value
            assert event["summary"] == str(vevent["SUMMARY"])
            assert event["status"] == str(vevent["STATUS"])
            for name in ("DTSTAMP", "SEQUENCE", "LAST-MODIFIED", "URL", "LOCATION", "DESCRIPTION"):
                assert name in vevent, (event["uid"], name)
            seen.add(event["uid"])
    assert seen
    return seen


@pytest.mark.parametrize("site_name", site_data.sites("real_site", "itas_site", "molewa_site"))
def test_every_calendar_parses_in_three_parsers_with_the_right_instants(site_name, request):
    built = request.getfixturevalue(site_name)
    assert_every_calendar_reads_alike(built.root, built.output)


def test_calendars_spanning_three_years_read_alike_in_every_parser(tmp_path):
    """Summer sessions in two years and one in the night of the autumn change: the span at which
    an RDATE-based VTIMEZONE put ical.js (Thunderbird) an hour out."""
    site = copy_fixture("minimal", tmp_path / "site")
    course_file = site / "data" / "courses" / "kurs.yml"
    sessions = [
        ("nacht", "2026-10-25 00:30", "2026-10-25 01:45"),  # 03:00 CEST becomes 02:00 CET that night
        ("winter", "2027-01-12 09:00", "2027-01-12 16:00"),
        ("sommer-1", "2027-07-06 09:00", "2027-07-06 16:00"),
        ("herbst-1", "2027-10-31 09:00", "2027-10-31 12:00"),  # the day of the change
        ("sommer-2", "2028-07-04 08:30", "2028-07-04 17:15"),
        ("winter-2", "2028-12-05 09:00", "2028-12-05 16:00"),
    ]
    lines = "".join(f"      - id: {i}\n        start: {start}\n        end: {end}\n" for i, start, end in sessions)
    text = course_file.read_text(encoding="utf-8")
    text = text.replace("    start_date: 2027-03-10\n    end_date: 2027-03-31\n", "")
    text = text.replace("    registration_deadline: 2027-03-01\n", "")
    text = text.replace("      - id: tag-1\n        start: 2027-03-10 09:00\n        end: 2027-03-10 16:00\n", lines)
    course_file.write_text(text, encoding="utf-8")
    output = tmp_path / "output"
    done = invoke("build", "--root", str(site), "--output", str(output), "--today", "2026-10-01")
    assert done.returncode == 0, done.stderr
    seen = assert_every_calendar_reads_alike(site, output)
    assert {f"kurs-fruehjahr-{i}@testnetz.example.org" for i, _, _ in sessions} <= seen
    # The expectation itself, by hand: 09:00 in Berlin is 08:00Z in winter time, 07:00Z in summer time.
    expected = expected_instants(site)
    assert expected["kurs-fruehjahr-winter@testnetz.example.org"][0] == "2027-01-12T08:00:00.000Z"
    assert expected["kurs-fruehjahr-sommer-1@testnetz.example.org"][0] == "2027-07-06T07:00:00.000Z"
    assert b"RDATE" not in (output / "kalender" / "alle.ics").read_bytes()


@pytest.mark.parametrize("site_name", site_data.sites("real_site", "itas_site", "molewa_site"))
def test_subscriptions_carry_every_header_and_single_event_files_none(site_name, request):
    built = request.getfixturevalue(site_name)
    out = built.output
    project = site_data.project(built.root)
    network = project.network
    # Names from network.yml; unfolded, as a long name is folded at 75 octets.
    feed = (out / "kalender" / "alle.ics").read_bytes().decode().replace("\r\n ", "")
    for line in (
        "METHOD:PUBLISH",
        f"NAME:{network.name}: Kurse und Termine",
        f"X-WR-CALNAME:{network.name}: Kurse und Termine",
        f"X-WR-TIMEZONE:{network.timezone}",
        "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
        "X-PUBLISHED-TTL:PT12H",
        f"UID:kalender-alle@{site_data.host(network)}",
        f"SOURCE:{site_data.base_url(network)}kalender/alle.ics",
    ):
        assert f"\r\n{line}\r\n" in feed, line
    assert re.search(r"\r\nX-WR-CALDESC:", feed) and re.search(r"\r\nDESCRIPTION:Alle Kurse", feed)
    assert f"PRODID:-//{network.name}//Kurskalender" in feed
    # Every subscription (network, each node, topic and course) is a named calendar that says how often to look.
    subscriptions = [*(out / "kalender").glob("*.ics"), *(out / "kurse").rglob("termine.ics")]
    assert len(subscriptions) == 1 + len(project.nodes) + len(project.topics) + len(project.courses)
    for path in subscriptions:
        data = path.read_bytes()
        assert b"\r\nX-WR-CALNAME:" in data and b"\r\nREFRESH-INTERVAL;VALUE=DURATION:" in data, path
    # A session's own download: one event, no calendar name, the UID of the subscriptions.
    all_uids = set(events_by_uid(out / "kalender" / "alle.ics"))
    singles = sorted((out / "kurse").rglob("termin-*.ics"))
    assert singles
    for path in singles:
        text = path.read_bytes().decode()
        assert "\r\nMETHOD:PUBLISH\r\n" in text and text.count("BEGIN:VEVENT") == 1
        for name in ("X-WR-CALNAME", "NAME", "X-WR-CALDESC", "X-WR-TIMEZONE", "REFRESH-INTERVAL"):
            assert f"\r\n{name}:" not in text, (path, name)
        (event,) = events_by_uid(path).values()
        assert str(event["UID"]) in all_uids and str(event["STATUS"]) != "CANCELLED"
    assert (out / "kalender" / "alle.ics").stat().st_size < 1_000_000


@pytest.mark.parametrize("site_name", site_data.sites("real_site", "itas_site"))
def test_past_sessions_leave_after_the_retention_window_and_cancellations_stay(site_name, request):
    real_site = request.getfixturevalue(site_name)
    uids = set(events_by_uid(real_site.output / "kalender" / "alle.ics"))
    today = dt.date.fromisoformat(TODAY)
    expected = expected_instants(real_site.root)
    for uid, (_, end) in expected.items():
        if len(end) == len("2027-01-01"):  # an all-day event ends the next day, exclusive
            ended = dt.date.fromisoformat(end) - dt.timedelta(days=1)
        else:
            ended = dt.datetime.strptime(end, "%Y-%m-%dT%H:%M:%S.000Z").date()
        assert (uid in uids) == (ended >= today - dt.timedelta(days=90)), uid
    cancelled = [
        e for e in events_by_uid(real_site.output / "kalender" / "alle.ics").values() if e["STATUS"] == "CANCELLED"
    ]
    if site_name != "real_site":  # ITAS has one by design; the real network may have none
        assert cancelled
    assert all(str(e["SUMMARY"]).startswith(("Abgesagt: ", "Verschoben: ")) for e in cancelled)
    assert all(str(e["TRANSP"]) == "TRANSPARENT" for e in cancelled)  # a cancelled event blocks no time


# --- history: SEQUENCE from git ---------------------------------------------------------------


def git(root: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def committed_fixture(tmp_path: Path) -> Path:
    """The minimal network in a git repository of its own, committed once on 2026-10-01."""
    site = copy_fixture("minimal", tmp_path / "site")
    git(site, "init", "-q", "-b", "main")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "start", when="2026-10-01T10:00:00Z")
    return site


def course_events(output: Path) -> dict[str, object]:
    return events_by_uid(output / "kurse" / "kurs" / "termine.ics")


U = "kurs-{}@testnetz.example.org"


def test_uids_survive_edits_and_sequence_counts_significant_changes(tmp_path):
    site = committed_fixture(tmp_path)
    course_file = site / "data" / "courses" / "kurs.yml"
    assert build(site, tmp_path / "one").returncode == 0
    assert build(site, tmp_path / "one-again").returncode == 0
    for path in ics_files(tmp_path / "one"):
        assert path.read_bytes() == (tmp_path / "one-again" / path.relative_to(tmp_path / "one")).read_bytes()
    before = course_events(tmp_path / "one")
    assert {str(e["SEQUENCE"]) for e in before.values()} == {"0"}
    assert str(before[U.format("fruehjahr-tag-1")]["DTSTAMP"].to_ical().decode()) == "20261001T100000Z"

    # Move a session, insert another, cancel a third.
    text = course_file.read_text(encoding="utf-8")
    text = text.replace(
        "start: 2027-03-29 09:00\n        end: 2027-03-29 16:00",
        "start: 2027-03-30 10:00\n        end: 2027-03-30 17:00",
    )
    text = text.replace(
        "      - id: tag-2\n",
        "      - id: tag-1b\n        start: 2027-03-20 09:00\n        end: 2027-03-20 12:00\n      - id: tag-2\n",
    )
    text = text.replace(
        "      - id: tag-1\n        start: 2027-10-05 09:00",
        "      - id: tag-1\n        status: abgesagt\n        start: 2027-10-05 09:00",
    )
    course_file.write_text(text, encoding="utf-8")
    git(site, "commit", "-q", "-am", "edit", when="2026-10-05T08:00:00Z")
    assert build(site, tmp_path / "two").returncode == 0
    after = course_events(tmp_path / "two")
    assert set(before) < set(after)  # every UID survived, one was added
    assert str(after[U.format("fruehjahr-tag-1")]["SEQUENCE"]) == "0"  # untouched
    for name in ("DTSTAMP", "LAST-MODIFIED", "DTSTART", "SUMMARY"):  # DESCRIPTION lists all sessions: not significant
        assert after[U.format("fruehjahr-tag-1")][name].to_ical() == before[U.format("fruehjahr-tag-1")][name].to_ical()
    moved = after[U.format("fruehjahr-tag-2")]
    assert str(moved["SEQUENCE"]) == "1"
    assert moved["LAST-MODIFIED"].to_ical() == b"20261005T080000Z" == moved["DTSTAMP"].to_ical()
    assert str(after[U.format("fruehjahr-tag-1b")]["SEQUENCE"]) == "0"
    cancelled = after[U.format("herbst-tag-1")]
    assert str(cancelled["SEQUENCE"]) == "1" and str(cancelled["STATUS"]) == "CANCELLED"
    assert str(cancelled["SUMMARY"]) == "Abgesagt: Wasserstoff sicher handhaben"

    # Retitle the course: every session's SUMMARY changes, every UID stays.
    course_file.write_text(
        course_file.read_text(encoding="utf-8").replace(
            "title: Wasserstoff sicher handhaben", "title: Wasserstoff im Betrieb"
        ),
        encoding="utf-8",
    )
    git(site, "commit", "-q", "-am", "retitle", when="2026-10-09T08:00:00Z")
    assert build(site, tmp_path / "three").returncode == 0
    third = course_events(tmp_path / "three")
    assert set(third) == set(after)
    assert {uid: str(e["SEQUENCE"]) for uid, e in third.items()} == {
        uid: str(int(e["SEQUENCE"]) + 1) for uid, e in after.items()
    }
    assert str(third[U.format("fruehjahr-tag-1")]["SUMMARY"]) == "Wasserstoff im Betrieb"
    # The subscription feeds agree with the course file.
    feed = events_by_uid(tmp_path / "three" / "kalender" / "alle.ics")
    assert {uid: e["SEQUENCE"] for uid, e in feed.items()} == {uid: e["SEQUENCE"] for uid, e in third.items()}


# --- no git, hostile text -------------------------------------------------------------------------

HOSTILE = 'Böse\nEND:VEVENT\nBEGIN:VEVENT; a, b \\ c: "<b>&amp; x</b>"'


def test_no_git_is_deterministic_and_hostile_text_round_trips(tmp_path):
    site = copy_fixture("minimal", tmp_path / "site")
    course_file = site / "data" / "courses" / "kurs.yml"
    text = course_file.read_text(encoding="utf-8")
    course_file.write_text(
        text.replace("title: Wasserstoff sicher handhaben", f"title: {json.dumps(HOSTILE)}"), "utf-8"
    )
    assert build(site, tmp_path / "one").returncode == 0
    assert build(site, tmp_path / "two").returncode == 0
    files = ics_files(tmp_path / "one")
    for path in files:
        assert path.read_bytes() == (tmp_path / "two" / path.relative_to(tmp_path / "one")).read_bytes()
        assert_wire_format(path)
    events = course_events(tmp_path / "one")
    assert len(events) == 3
    for event in events.values():
        assert str(event["SEQUENCE"]) == "0"
        assert event["DTSTAMP"].to_ical() == b"20261122T000000Z"  # midnight UTC of TODAY
        assert str(event["SUMMARY"]) == HOSTILE
    assert all(
        e["summary"] == HOSTILE
        for e in icaljs(files)[str(tmp_path / "one" / "kurse" / "kurs" / "termine.ics")]["events"]
    )
    assert (tmp_path / "one" / "kurse" / "kurs" / "termine.ics").read_bytes().count(b"\r\nEND:VEVENT\r\n") == 3


# --- template partials (pasted into the page templates by their owners) ---------------------------


def test_calendar_partials_render_escaped_links_without_script():
    from catalogue.filters import date_de
    from catalogue.links import Links
    from catalogue.views import build_catalogue
    from jinja2 import Environment, FileSystemLoader
    from pipeline.calendars.site import Site
    from pipeline.calendars.subscribe import Calendars
    from pipeline.newsfeeds.files import FeedLinks
    from sitedata.loader import load_project

    # The minimal fixture network: an engine test needs no network's real data.
    project = load_project(FIXTURES / "minimal" / "content", FIXTURES / "minimal" / "data")
    links = Links(project.network.office_label.slug)
    site = Site.of(project, links)
    catalogue = build_catalogue(project, links, dt.date.fromisoformat(TODAY))
    node_names = {i: f"Büro {n.name}" for i, n in project.nodes.items()}
    env = Environment(loader=FileSystemLoader(REPO / "theme" / "templates"), autoescape=True)
    env.filters["date_de"] = date_de
    context = {
        "SITEURL": "",
        "links": links,
        "calendars": Calendars(site, node_names, dt.date.fromisoformat(TODAY)),
        "feeds": FeedLinks(project.network.name, links, node_names, site.topic_names),
    }
    view = catalogue.courses["kurs"]
    run = view.runs[0]
    hostile = Calendars(site, {"x": '<script>"&'}, dt.date.fromisoformat(TODAY)).node("x")
    page = env.from_string(
        '{% from "_calendar.html" import subscribe_block, add_session_links with context %}'
        "{{ subscribe_block(hostile) }}{{ add_session_links(run, run.sessions[0]) }}"
    ).render(context, hostile=hostile, run=run)
    assert "<script>" not in page and "&lt;script&gt;&#34;&amp;" in page
    assert 'href="webcal://testnetz.example.org/kalender/bueros-x.ics"' in page
    assert '<label for="kalender-abo-adresse">' in page and 'id="kalender-abo-adresse"' in page
    assert "Von URL hinzufügen" in page and "Stunden" in page
    google = re.search(r'href="(https://calendar.google.com/calendar/render\?action=TEMPLATE[^"]*)"', page).group(1)
    assert "dates=20270310T080000Z%2F20270310T150000Z" in google and "ctz=Europe%2FBerlin" in google
    head = env.from_string('{% import "_feed_links.html" as f with context %}{{ f.head() }}').render(
        context, node=project.nodes["mitte"], page_url="bueros/mitte/"
    )
    assert 'type="text/calendar"' in head and 'href="/kalender/bueros-mitte.ics"' in head
    assert head.count('type="application/atom+xml"') == 3 and head.count('type="application/rss+xml"') == 3


def test_a_calendar_cut_to_its_size_cap_says_what_was_left_out(tmp_path):
    site = copy_fixture("minimal", tmp_path / "site")
    output = tmp_path / "output"
    done = build(site, output, "--setting", "CALENDAR_MAX_BYTES=2500")
    assert done.returncode == 0, done.stderr
    assert "kalender/alle.ics: nur " in done.stderr and "(CALENDAR_MAX_BYTES); weggelassen: " in done.stderr
    assert "künftige ab" in done.stderr
    assert (output / "kalender" / "alle.ics").stat().st_size <= 2500


def test_a_changed_node_address_or_topic_name_raises_the_sequence_of_the_events_that_show_it(tmp_path):
    site = committed_fixture(tmp_path)
    node = site / "data" / "nodes" / "mitte.yml"
    node.write_text(node.read_text(encoding="utf-8").replace("Hauptstraße 1", "Bahnhofstraße 7"), "utf-8")
    git(site, "commit", "-q", "-am", "moved office", when="2026-10-05T10:00:00Z")
    assert build(site, tmp_path / "one").returncode == 0
    events = course_events(tmp_path / "one")
    # The spring run is at the node, the autumn run at the Stadthalle.
    assert {uid: str(e["SEQUENCE"]) for uid, e in events.items()} == {
        U.format("fruehjahr-tag-1"): "1",
        U.format("fruehjahr-tag-2"): "1",
        U.format("herbst-tag-1"): "0",
    }
    assert "Bahnhofstraße 7" in str(events[U.format("fruehjahr-tag-1")]["LOCATION"])
    assert events[U.format("fruehjahr-tag-1")]["LAST-MODIFIED"].to_ical() == b"20261005T100000Z"

    # A topic renamed in the working tree: every event of its courses shows it (CATEGORIES).
    topics = site / "data" / "topics.yml"
    topics.write_text(
        topics.read_text(encoding="utf-8").replace("name: Wasserstoff", "name: Wasserstofftechnik"), "utf-8"
    )
    assert build(site, tmp_path / "two").returncode == 0
    after = course_events(tmp_path / "two")
    assert {uid: int(e["SEQUENCE"]) for uid, e in after.items()} == {
        uid: int(e["SEQUENCE"]) + 1 for uid, e in events.items()
    }
