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
