"""courses.json: valid against its documented schema, and the same UIDs as the calendars."""

from __future__ import annotations

import json
from zoneinfo import ZoneInfo

import jsonschema
import pytest
from conftest import REPO
from icalendar import Calendar
from support import real_site as site_data

pytestmark = pytest.mark.slow  # builds whole sites (see README: the fast inner loop)

SCHEMA = json.loads((REPO / "schemas" / "courses-json.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("site", site_data.sites("real_site", "itas_site", "molewa_site"))
def test_courses_json_matches_its_schema(site, request):
    built = request.getfixturevalue(site)
    document = json.loads((built.output / "courses.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(document)
    assert document["courses"] and all(c["runs"] for c in document["courses"])


def test_courses_json_agrees_with_the_calendars(real_site):
    document = json.loads((real_site.output / "courses.json").read_text(encoding="utf-8"))
    assert len(document["courses"]) == len(list((real_site.root / "data" / "courses").glob("*.yml")))
    for course in document["courses"]:
        path = real_site.output / course["calendar_url"].removeprefix(document["network"]["site_url"] + "/")
        calendar_uids = {str(e["UID"]) for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}
        json_uids = {s["uid"] for run in course["runs"] for s in run["sessions"]}
        assert calendar_uids <= json_uids  # the calendar drops only sessions past the retention window
    # Local times with the offset of their day: +01:00 in winter, +02:00 in summer (Berlin).
    project = site_data.project(real_site.root)
    zone = ZoneInfo(project.network.timezone)
    written = {
        (c["id"], r["id"], s["id"]): s["start"] for c in document["courses"] for r in c["runs"] for s in r["sessions"]
    }
    timed = [
        ((course.id, run.id, session.id), session.start.replace(tzinfo=zone).isoformat())
        for course in project.courses.values()
        for run in course.runs
        for session in run.sessions
        if session.timed
    ]
    assert timed and all(written[key] == start for key, start in timed)
