"""A run's registration state as the days pass: open, closing soon, closed, over."""

from __future__ import annotations

import datetime as dt

import pytest
from sitedata.course_model import Course

from .views import CLOSING_SOON_DAYS, run_view


def course(registration: dict | None, **run: object) -> Course:
    data = {
        "title": "Kurs",
        "summary": "Kurz.",
        "description": "Text.",
        "kind": "Seminar",
        "topics": ["thema"],
        "provider": "traeger",
        "target_group": "Alle",
        "format": "online",
        "price": {"regular": 0},
        "runs": [
            {
                "id": "termin",
                "status": "buchbar",
                "sessions": [{"id": "tag", "start": "2027-03-10 09:00", "end": "2027-03-10 16:00"}],
                **run,
            }
        ],
    }
    if registration is not None:
        data["registration"] = registration
    return Course.model_validate(data)


REQUIRED = {"required": True, "url": "https://anbieter.example.org/anmeldung"}


def state(made: Course, today: str) -> str:
    view = run_view(made, made.runs[0], None)  # online: no place to resolve
    return view.registration_on(dt.date.fromisoformat(today)).key


def test_open_then_closing_soon_then_closed_then_over():
    made = course(REQUIRED, registration_deadline="2027-03-01")
    soon = dt.date(2027, 3, 1) - dt.timedelta(days=CLOSING_SOON_DAYS)
    assert state(made, (soon - dt.timedelta(days=1)).isoformat()) == "open"
    assert state(made, soon.isoformat()) == "closing_soon"
    assert state(made, "2027-03-01") == "closing_soon"  # the deadline is the last day to register
    assert state(made, "2027-03-02") == "closed"
    assert state(made, "2027-03-10") == "closed"  # on the day itself: registration is closed, not over
    assert state(made, "2027-03-11") == "over"


def test_without_a_deadline_registration_stays_open_until_the_day():
    made = course(REQUIRED)
    assert state(made, "2027-03-10") == "open"
    assert state(made, "2027-03-11") == "over"


@pytest.mark.parametrize(
    ("registration", "run", "expected"),
    [
        (None, {}, "unknown"),
        ({"required": False}, {}, "not_required"),
        (REQUIRED, {"status": "geplant"}, "not_yet_open"),
        (REQUIRED, {"status": "ausgebucht"}, "fully_booked"),
        (REQUIRED, {"status": "ausgebucht", "waiting_list": True}, "waiting_list"),
        (REQUIRED, {"status": "abgesagt"}, "cancelled"),
        (REQUIRED, {"status": "ausgebucht", "waiting_list": True, "registration_deadline": "2027-01-01"}, "closed"),
    ],
)
def test_what_the_data_says_decides_the_state(registration, run, expected):
    assert state(course(registration, **run), "2027-02-01") == expected


@pytest.mark.parametrize(
    ("key", "can_register", "button"),
    [("open", True, "Zur Anmeldung"), ("waiting_list", True, "Auf die Warteliste"), ("fully_booked", False, None)],
)
def test_only_open_states_offer_the_button(key, can_register, button):
    from .views import REGISTRATION_STATES

    registration_state = REGISTRATION_STATES[key]
    assert registration_state.can_register is can_register
    if button:
        assert registration_state.button == button


def test_a_session_without_times_spans_its_day():
    made = course(REQUIRED, sessions=[{"id": "tag", "date": "2027-03-10"}])
    view = run_view(made, made.runs[0], None)
    (session,) = view.sessions
    assert not session.timed and session.day == dt.date(2027, 3, 10)
    assert (view.first_day, view.last_day) == (dt.date(2027, 3, 10), dt.date(2027, 3, 10))
    assert not view.is_past(dt.date(2027, 3, 10)) and view.is_past(dt.date(2027, 3, 11))
