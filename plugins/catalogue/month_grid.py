"""Month views of the catalogue as real calendar tables (weeks × weekdays)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from .views import RunView, SessionView


@dataclass(frozen=True)
class Day:
    date: dt.date
    in_month: bool
    entries: tuple[tuple[RunView, SessionView], ...]


@dataclass(frozen=True)
class Month:
    first: dt.date
    weeks: tuple[tuple[Day, ...], ...]
    previous: dt.date | None
    next: dt.date | None

    @property
    def has_entries(self) -> bool:
        return any(day.entries for week in self.weeks for day in week if day.in_month)


def months(runs: list[RunView], today: dt.date) -> list[Month]:
    """One month per calendar month from the first to the last session, gaps included; never
    before the month of ``today`` (a series or course under way has sessions in months gone by)."""
    this_month = today.replace(day=1)
    by_day: dict[dt.date, list[tuple[RunView, SessionView]]] = defaultdict(list)
    for run in runs:
        for session in run.sessions:
            if session.start.date() >= this_month:
                by_day[session.start.date()].append((run, session))
    if not by_day:
        return []
    firsts = _month_range(min(by_day).replace(day=1), max(by_day).replace(day=1))
    weeks_of = calendar.Calendar(firstweekday=calendar.MONDAY)
    result = []
    for index, first in enumerate(firsts):
        weeks = tuple(
            tuple(
                Day(day, day.month == first.month, tuple(sorted(by_day.get(day, []), key=lambda e: e[1].start)))
                for day in week
            )
            for week in weeks_of.monthdatescalendar(first.year, first.month)
        )
        previous = firsts[index - 1] if index else None
        following = firsts[index + 1] if index + 1 < len(firsts) else None
        result.append(Month(first, weeks, previous, following))
    return result


def _month_range(start: dt.date, end: dt.date) -> list[dt.date]:
    firsts = []
    current = start
    while current <= end:
        firsts.append(current)
        current = (current + dt.timedelta(days=32)).replace(day=1)
    return firsts
