"""How a session's status reaches calendars: the iCalendar STATUS and a German title prefix.

Clients show STATUS very differently (some not at all), so a cancelled or postponed
session also says so in its title. A postponed session does not take place at its time:
it is CANCELLED there, and its new date is a session of its own (docs/redaktion.md).
"""

from __future__ import annotations

import datetime as dt

from catalogue.views import CANCELLED, POSTPONED, SessionView

PLANNED = "geplant"


def event_state(run_status: str, session_status: str | None) -> tuple[str, str]:
    """(STATUS, SUMMARY prefix) for a session; its own status wins over the run's."""
    status = session_status or (run_status if run_status in (CANCELLED, POSTPONED) else None)
    if status == CANCELLED:
        return "CANCELLED", "Abgesagt: "
    if status == POSTPONED:
        return "CANCELLED", "Verschoben: "
    if run_status == PLANNED:
        # Planned but not yet bookable: the date may still move.
        return "TENTATIVE", ""
    return "CONFIRMED", ""


def still_to_come(session: SessionView, today: dt.date) -> bool:
    """Whether a visitor can still add the session to a calendar: not over, not cancelled or postponed."""
    return session.status is None and session.end.date() >= today
