"""The calendars' cache keys an event by its revision (``ics.serialised``): that holds only while a
session's fingerprint is what ``event_content`` gives for the very views the calendars are written
from. No build: the fixture's project, history and catalogue, as the build makes them."""

from __future__ import annotations

import datetime as dt

from catalogue.links import Links
from catalogue.views import build_catalogue
from conftest import TODAY, copy_fixture
from pipeline.calendars.ics import event_content, fingerprints
from pipeline.calendars.revisions import course_history
from pipeline.calendars.site import Site
from sitedata.loader import load_project


def test_a_sessions_fingerprint_is_the_content_its_event_is_written_from(tmp_path):
    # A copy outside any git checkout: no history, every session at its first revision.
    site = copy_fixture("itas", tmp_path / "site")
    project = load_project(site / "content", site / "data")
    links, today = Links.of(project), dt.date.fromisoformat(TODAY)
    history = course_history(project, today, fingerprints(links))
    catalogue, calendar_site = build_catalogue(project, links, today), Site.of(project, links)
    sessions = [(view.id, run, s) for view in catalogue.courses.values() for run in view.runs for s in run.sessions]
    assert len(sessions) > 20 and {s.status for _, _, s in sessions} > {None}  # cancelled ones too
    for course_id, run, session in sessions:
        revision = history.courses[course_id].sessions[(run.run.id, session.session.id)]
        assert revision.fingerprint == repr(event_content(calendar_site, run, session))
