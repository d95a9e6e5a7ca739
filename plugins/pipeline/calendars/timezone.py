"""A VTIMEZONE made of yearly rules, the way Outlook and Thunderbird write them.

``icalendar``'s ``Timezone.from_tzinfo`` lists every transition as an RDATE. ical.js (inside
Thunderbird and many web calendars) ignores an observance's DTSTART once it has RDATEs, so
with two years in a file every summer session of the first year came out one hour late.
Here each run of years that follow the same rule ("last Sunday in March, 02:00") becomes one
DAYLIGHT or STANDARD block with an RRULE (and UNTIL when the rule later changed): no RDATE
at all. The transitions are read from ``zoneinfo`` through its public API (``utcoffset``,
``dst``, ``tzname``), so a change in the tz database reaches the calendars with ``tzdata``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

UTC = dt.UTC
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Transition:
    at: dt.datetime  # UTC
    offset_from: dt.timedelta
    offset_to: dt.timedelta
    name: str  # abbreviation after the change, e.g. CEST
    daylight: bool  # daylight saving time after the change

    @property
    def local_onset(self) -> dt.datetime:
        """Wall-clock time of the change in the offset before it: what DTSTART holds."""
        return (self.at + self.offset_from).replace(tzinfo=None)

    @property
    def rule(self) -> tuple:
        """What two yearly changes share when one RRULE describes both."""
        onset = self.local_onset
        last_day = calendar.monthrange(onset.year, onset.month)[1]
        week = -1 if onset.day + 7 > last_day else (onset.day - 1) // 7 + 1
        return (
            self.daylight,
            self.offset_from,
            self.offset_to,
            self.name,
            onset.month,
            week,
            onset.weekday(),
            onset.time(),
        )


def _offset(zone: ZoneInfo, at: dt.datetime) -> tuple[dt.timedelta, dt.timedelta, str]:
    local = at.astimezone(zone)
    return local.utcoffset(), local.dst() or dt.timedelta(0), local.tzname() or ""


def transitions(zone: ZoneInfo, first_year: int, last_year: int) -> list[Transition]:
    """Every change of offset (or DST flag) from 1 January ``first_year`` to the end of ``last_year``, in UTC."""
    found = []
    day = dt.datetime(first_year, 1, 1, tzinfo=UTC)
    end = dt.datetime(last_year + 1, 1, 1, tzinfo=UTC)
    state = _offset(zone, day)
    while day < end:
        following = day + dt.timedelta(days=1)
        after = _offset(zone, following)
        if after != state:
            # Narrow the day down to the second of the change.
            low, high = day, following
            while high - low > dt.timedelta(seconds=1):
                middle = low + (high - low) / 2
                middle = middle.replace(microsecond=0)
                if _offset(zone, middle) == state:
                    low = middle
                else:
                    high = middle
            found.append(Transition(high, state[0], after[0], after[2], bool(after[1])))
            state = after
        day = following
    return found


def _observance(rules: list[Transition], open_ended: bool) -> TimezoneDaylight | TimezoneStandard:
    first = rules[0]
    block = TimezoneDaylight() if first.daylight else TimezoneStandard()
    block.add("dtstart", first.local_onset)
    block.add("tzoffsetfrom", first.offset_from)
    block.add("tzoffsetto", first.offset_to)
    if first.name:
        block.add("tzname", first.name)
    if len(rules) > 1 or open_ended:
        _, _, _, _, month, week, weekday, _ = first.rule
        recur = {"FREQ": "YEARLY", "BYMONTH": month, "BYDAY": f"{week}{WEEKDAYS[weekday]}"}
        if not open_ended:
            recur["UNTIL"] = rules[-1].at
        block.add("rrule", vRecur(recur))
    return block


def vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """The zone's rules for every year from ``first_year`` to ``last_year``.

    Starts a year early so that the observance in force on 1 January of ``first_year`` is in
    the file; a rule still in force in ``last_year`` is left open, as the tz database leaves it.
    """
    zone = ZoneInfo(tzid)
    component = Timezone()
    component.add("tzid", tzid)
    changes = transitions(zone, first_year - 1, last_year)
    if not changes:  # a zone without daylight saving time: one observance
        offset, _, name = _offset(zone, dt.datetime(first_year, 1, 1, tzinfo=UTC))
        standard = TimezoneStandard()
        standard.add("dtstart", dt.datetime(first_year - 1, 1, 1))
        standard.add("tzoffsetfrom", offset)
        standard.add("tzoffsetto", offset)
        if name:
            standard.add("tzname", name)
        component.add_component(standard)
        return component
    # Consecutive years with one rule, per kind (DAYLIGHT / STANDARD) of change.
    eras: list[list[Transition]] = []
    open_era: dict[bool, list[Transition]] = {}
    for change in changes:
        era = open_era.get(change.daylight)
        if era is not None and era[-1].rule == change.rule and era[-1].at.year + 1 == change.at.year:
            era.append(change)
        else:
            era = [change]
            eras.append(era)
            open_era[change.daylight] = era
    for era in sorted(eras, key=lambda e: e[0].at):
        # Left open only if the rule is still in force in the last year (a zone may drop DST).
        still_in_force = era is open_era[era[0].daylight] and era[-1].at.year == last_year
        component.add_component(_observance(era, still_in_force))
    return component
