"""Our folding step writes exactly the bytes icalendar writes."""

import datetime as dt

from hypothesis import example, given, settings
from hypothesis import strategies as st
from icalendar import Event
from icalendar.parser.string import _foldline

from pipeline.calendars.folding import fold, folded

# Text as editors write it: German letters, emoji (4 octets), the escape starts, line breaks.
TOKENS = [*"abc äöüßÄ€😀\\^;,:", "\\n", "Weiterbildung "]
LINE = st.lists(st.sampled_from(TOKENS), max_size=200).map("".join)
TEXT = st.lists(st.sampled_from([*TOKENS, "\n"]), max_size=200).map("".join)


@settings(max_examples=500, deadline=None)
@given(LINE)
@example("x" * 73 + "\\" + "y" * 80)
@example("ä" * 40)
@example("\\" * 200)
def test_fold_matches_icalendar(line: str):
    assert fold(line) == _foldline(line).encode("utf-8")


@settings(max_examples=100, deadline=None)
@given(summary=TEXT, description=TEXT, location=TEXT)
def test_event_bytes_match_icalendar(summary: str, description: str, location: str):
    event = Event()
    event.add("uid", "kurs-1-d1-t1@example.org")
    event.add("dtstart", dt.datetime(2027, 3, 1, 9, 0))
    event.add("summary", summary)
    event.add("description", description)
    event.add("location", location)
    event.add("categories", ["Elektromobilität", "Qualifizierung; Weiterbildung"])
    assert folded(line for line in event.content_lines() if line) == event.to_ical()
