"""SEQUENCE counting over versions, without git."""

from __future__ import annotations

import datetime as dt

from pipeline.calendars.revisions import Revision, _track, fallback_time

T = [dt.datetime(2026, 1, day, tzinfo=dt.UTC) for day in range(1, 6)]


def test_each_change_of_the_fingerprint_counts_once_and_keeps_its_time():
    versions = [(T[0], {"a": 1, "b": 1}), (T[1], {"a": 1, "b": 2}), (T[2], {"a": 1, "b": 2, "c": 1})]
    result = _track(versions, {"a": 1, "b": 3, "c": 1}, T[4])
    assert result == {
        "a": Revision(0, T[0], T[0], 1),
        "b": Revision(2, T[0], T[4], 3),  # changed in the second version and again in the working tree
        "c": Revision(0, T[2], T[2], 1),
    }


def test_a_session_that_left_and_came_back_changed_counts_as_changed():
    result = _track([(T[0], {"a": 1}), (T[1], {}), (T[2], {"a": 2})], {"a": 2}, T[4])
    assert result["a"] == Revision(1, T[0], T[2], 2)


def test_without_history_everything_starts_at_zero_at_midnight_of_today():
    when = fallback_time(dt.date(2026, 11, 22))
    assert when == dt.datetime(2026, 11, 22, tzinfo=dt.UTC)
    assert _track([], {"a": 1}, when) == {"a": Revision(0, when, when, 1)}


def test_a_sessions_fingerprint_is_the_content_its_event_is_written_from(tmp_path):
    """The calendars' cache keys an event by its revision (ics.serialised): that holds only while
    the fingerprint is what ``event_content`` gives for the very views the calendars are written from."""
    import shutil
    from pathlib import Path

    from catalogue.links import Links
    from catalogue.views import build_catalogue
    from sitedata.loader import load_project

    from pipeline.calendars.ics import event_content, fingerprints
    from pipeline.calendars.revisions import course_history
    from pipeline.calendars.site import Site

    # A copy outside any git checkout: no history, every session at its first revision.
    site = shutil.copytree(Path(__file__).parents[3] / "tests" / "fixtures" / "itas", tmp_path / "itas")
    project = load_project(site / "content", site / "data")
    links = Links.of(project)
    history = course_history(project, T[0].date(), fingerprints(links))
    catalogue, calendar_site = build_catalogue(project, links, T[0].date()), Site.of(project, links)
    sessions = [(view.id, run, s) for view in catalogue.courses.values() for run in view.runs for s in run.sessions]
    assert len(sessions) > 20 and {s.status for _, _, s in sessions} > {None}  # cancelled ones too
    for course_id, run, session in sessions:
        revision = history.courses[course_id].sessions[(run.run.id, session.session.id)]
        assert revision.fingerprint == repr(event_content(calendar_site, run, session))
