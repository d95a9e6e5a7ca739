"""calendars: iCalendar subscriptions and downloads, courses.json, subscribe links for templates."""

from pelican import signals

from .generator import CalendarGenerator


def get_generators(pelican) -> type[CalendarGenerator]:
    return CalendarGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
