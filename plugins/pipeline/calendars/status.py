"""How a session's status reaches calendars: the iCalendar STATUS and a German title prefix.

Clients show STATUS very differently (some not at all), so a cancelled or postponed
session also says so in its title.
"""

from __future__ import annotations

from catalogue.views import CANCELLED, POSTPONED

PLANNED = "geplant"


def event_state(run_status: str, session_status: str | None) -> tuple[str, str]:
    """(STATUS, SUMMARY prefix) for a session; its own status wins over the run's."""
    status = session_status or (run_status if run_status in (CANCELLED, POSTPONED) else None)
    if status == CANCELLED:
        return "CANCELLED", "Abgesagt: "
    if status == POSTPONED:
        return "TENTATIVE", "Verschoben: "
    if run_status == PLANNED:
        # Planned but not yet bookable: the date may still move.
        return "TENTATIVE", ""
    return "CONFIRMED", ""
