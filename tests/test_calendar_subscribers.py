"""Calendars over weeks of edits, as a subscriber's client sees them: what git history the build
needs, deletions that must not go silent, and a replayed editing history imported version by
version into a model of RFC 5546 and into khal, a real client."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import invoke
from icalendar import Calendar
from lxml import html
from test_calendars import committed_fixture, git

pytestmark = pytest.mark.slow  # builds whole sites

HOST = "testnetz.example.org"
TODAY = "2026-11-22"


def build(root: Path, output: Path, *extra: str, today: str = TODAY):
    return invoke("build", "--root", str(root), "--output", str(output), "--today", today, *extra)


def check(root: Path):
    return invoke("check", "--root", str(root))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def sequences(output: Path) -> dict[str, int]:
    calendar = Calendar.from_ical((output / "kalender" / "alle.ics").read_bytes())
    return {str(e["UID"]): int(e["SEQUENCE"]) for e in calendar.walk("VEVENT")}


def site_with_history(tmp_path: Path) -> Path:
    """The minimal network, committed three times: tag-2 is moved twice (SEQUENCE 2)."""
    site = committed_fixture(tmp_path)
    course = site / "data" / "courses" / "kurs.yml"
    edit(course, "start: 2027-03-29 09:00", "start: 2027-03-29 10:00")
    git(site, "commit", "-q", "-am", "later", when="2026-10-05T10:00:00Z")
    edit(course, "start: 2027-03-29 10:00", "start: 2027-03-29 11:00")
    git(site, "commit", "-q", "-am", "even later", when="2026-10-09T10:00:00Z")
    return site


def test_publishing_needs_the_whole_history_and_a_preview_says_when_it_lacks_it(tmp_path):
    site = site_with_history(tmp_path)
    full = tmp_path / "full"
    git(tmp_path, "clone", "-q", f"file://{site}", str(full))
    assert build(full, tmp_path / "out-full", "--publish").returncode == 0
    published = sequences(tmp_path / "out-full")
    assert published[f"kurs-fruehjahr-tag-2@{HOST}"] == 2

    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{site}", str(shallow))
    copied = tmp_path / "copied"
    shutil.copytree(site, copied, ignore=shutil.ignore_patterns(".git"))
    for root, reason in ((shallow, "flach"), (copied, "kein git-Klon")):
        output = tmp_path / f"out-{root.name}"
        refused = build(root, output, "--publish")
        assert refused.returncode == 1
        assert reason in refused.stderr and "git fetch --unshallow" in refused.stderr, refused.stderr
        assert "SEQUENCE" in refused.stderr and not output.exists()
        # A preview builds, and says that its SEQUENCE values cannot be trusted.
        preview = build(root, output)
        assert preview.returncode == 0, preview.stderr
        assert "Hinweis:" in preview.stderr and reason in preview.stderr
        assert all(value <= published[uid] for uid, value in sequences(output).items())


def test_deleting_a_session_still_to_come_is_refused_with_the_fix(tmp_path):
    site = site_with_history(tmp_path)
    course = site / "data" / "courses" / "kurs.yml"
    original = course.read_text(encoding="utf-8")
    run_line = original.splitlines().index("  - id: fruehjahr") + 1  # the error points at the run
    edit(course, "      - id: tag-2\n        start: 2027-03-29 11:00\n        end: 2027-03-29 16:00\n", "")
    for done in (check(site), build(site, tmp_path / "out")):
        assert done.returncode == 1
        assert f"data/courses/kurs.yml:{run_line}: runs.fruehjahr:" in done.stderr, done.stderr
        assert "„tag-2“" in done.stderr and "status: abgesagt" in done.stderr
    assert not (tmp_path / "out").exists()

    # The whole run, and the whole course (a renamed file counts as deleted).
    course.write_text(original.replace("  - id: herbst\n", "  - id: winter\n"), encoding="utf-8")
    assert "Die Durchführung „herbst“ mit einem noch bevorstehenden Termin" in check(site).stderr
    course.write_text(original, encoding="utf-8")
    course.rename(course.with_name("kurs-neu.yml"))
    news = site / "content" / "news" / "2026-10-01-meldung.md"
    edit(news, "courses: [kurs]", "courses: [kurs-neu]")
    done = check(site)
    assert done.returncode == 1 and "Der Kurs „Wasserstoff sicher handhaben“" in done.stderr, done.stderr
    assert "git checkout -- data/courses/kurs.yml" in done.stderr

    # Cancelling instead is fine, and so is deleting a session that is over.
    course.with_name("kurs-neu.yml").rename(course)
    edit(news, "courses: [kurs-neu]", "courses: [kurs]")
    course.write_text(original.replace("      - id: tag-2\n", "      - id: tag-2\n        status: abgesagt\n"), "utf-8")
    assert check(site).returncode == 0
    assert build(site, tmp_path / "out", today="2027-04-15").returncode == 0
    course.write_text(
        original.replace(
            "      - id: tag-1\n        start: 2027-03-10", "      - id: tag-x\n        start: 2027-03-10"
        ),
        "utf-8",
    )
    assert "„tag-1“" in build(site, tmp_path / "out2").stderr
    assert build(site, tmp_path / "out2", today="2027-04-15").returncode == 0


# --- a client that imports each published version in turn -------------------------------------


class Client:
    """What a calendar client keeps after importing published files (RFC 5546 §2.1.5): an event
    replaces the stored one only with a higher SEQUENCE, or the same SEQUENCE and a later DTSTAMP;
    events missing from a later file stay as they were (an import, not a subscription)."""

    def __init__(self) -> None:
        self.events: dict[str, object] = {}

    def import_file(self, path: Path) -> None:
        for event in Calendar.from_ical(path.read_bytes()).walk("VEVENT"):
            uid = str(event["UID"])
            stored = self.events.get(uid)
            if stored is None or (int(event["SEQUENCE"]), event.decoded("DTSTAMP")) > (
                int(stored["SEQUENCE"]),
                stored.decoded("DTSTAMP"),
            ):
                self.events[uid] = event

    def view(self) -> dict[str, tuple[str, bool, str]]:
        """UID → (local start, cancelled, summary)."""
        return {
            uid: (
                e.decoded("DTSTART").strftime("%Y-%m-%dT%H:%M"),
                str(e["STATUS"]) == "CANCELLED",
                str(e["SUMMARY"]).removeprefix("Abgesagt: ").removeprefix("Verschoben: "),
            )
            for uid, e in self.events.items()
        }


class Khal:
    """khal, a real calendar client, importing into a calendar folder of its own (vdir)."""

    def __init__(self, folder: Path) -> None:
        (folder / "kalender").mkdir(parents=True)
        self.config = folder / "config"
        self.config.write_text(
            f"[calendars]\n[[kurse]]\npath = {folder / 'kalender'}\ntype = calendar\n"
            "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
            "datetimeformat = %Y-%m-%dT%H:%M\nlongdatetimeformat = %Y-%m-%dT%H:%M\n"
            "default_timezone = Europe/Berlin\nlocal_timezone = Europe/Berlin\n",
            encoding="utf-8",
        )
        self.env = {**os.environ, "XDG_DATA_HOME": str(folder / "data"), "XDG_CONFIG_HOME": str(folder)}

    def _run(self, *args: str) -> str:
        khal = Path(sys.executable).with_name("khal")
        done = subprocess.run(
            [str(khal), "-c", str(self.config), *args], capture_output=True, text=True, env=self.env, check=False
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def import_file(self, path: Path) -> None:
        self._run("import", "--batch", "-a", "kurse", str(path))

    def view(self) -> dict[str, tuple[str, bool, str]]:
        listed = self._run(
            "list", "--day-format", "", "--format", "{uid}|{start}|{status}|{title}", "2020-01-01", "2040-01-01"
        )
        found = {}
        for line in filter(None, listed.splitlines()):
            uid, start, status, title = line.split("|", 3)
            title = title.removeprefix("Abgesagt: ").removeprefix("Verschoben: ")
            found[uid] = (start, status.strip() == "CANCELLED", title)
        return found


def page_view(output: Path, title: str) -> dict[str, tuple[str, bool, str]]:
    """The same from the course page: one row per session, its start and whether it takes place."""
    page = html.fromstring((output / "kurse" / "kurs" / "index.html").read_bytes())
    found = {}
    for row in page.xpath("//table[contains(@class, 'sessions')]/tbody/tr"):
        anchor = row.get("id").removeprefix("durchfuehrung-")
        run_id = "fruehjahr" if anchor.startswith("fruehjahr-") else "herbst"
        session_id = anchor.removeprefix(f"{run_id}-")
        start = row.xpath(".//time/@datetime")[0][:16]
        status = row.xpath("./td")[4].text_content().strip()
        found[f"kurs-{run_id}-{session_id}@{HOST}"] = (start, status in ("Abgesagt", "Verschoben"), title)
    return found


def test_an_editors_history_reaches_an_importing_client_exactly_as_the_pages_show_it(tmp_path):
    site = committed_fixture(tmp_path)
    course = site / "data" / "courses" / "kurs.yml"
    title = "Wasserstoff sicher handhaben"
    steps = [
        (
            "reschedule",
            "start: 2027-03-29 09:00\n        end: 2027-03-29 16:00",
            "start: 2027-03-30 10:00\n        end: 2027-03-30 17:00",
        ),
        ("retitle", f"title: {title}", "title: Wasserstoff im Betrieb"),
        (
            "insert",
            "      - id: tag-2\n",
            "      - id: tag-1b\n        start: 2027-03-20 09:00\n        end: 2027-03-20 12:00\n      - id: tag-2\n",
        ),
        (
            "cancel",
            "      - id: tag-1\n        start: 2027-10-05",
            "      - id: tag-1\n        status: abgesagt\n        start: 2027-10-05",
        ),
        ("delete", "      - id: tag-1b\n        start: 2027-03-20 09:00\n        end: 2027-03-20 12:00\n", ""),
        (
            "postpone",
            "      - id: tag-1\n        start: 2027-03-10 09:00\n        end: 2027-03-10 16:00\n",
            "      - id: tag-1\n        status: verschoben\n        note: Neuer Termin am 31. März.\n"
            "        start: 2027-03-10 09:00\n        end: 2027-03-10 16:00\n"
            "      - id: tag-1-neu\n        start: 2027-03-31 09:00\n        end: 2027-03-31 16:00\n",
        ),
    ]
    client, khal = Client(), Khal(tmp_path / "khal")
    output = tmp_path / "out-0"
    assert build(site, output).returncode == 0
    client.import_file(output / "kalender" / "alle.ics")
    khal.import_file(output / "kalender" / "alle.ics")
    for day, (name, old, new) in enumerate(steps, start=2):
        edit(course, old, new)
        if name == "delete":
            # Refused: the editor is told to cancel the session instead, and does.
            refused = build(site, tmp_path / "refused")
            assert refused.returncode == 1 and "status: abgesagt" in refused.stderr
            course.write_text(
                course.read_text(encoding="utf-8").replace(
                    "      - id: tag-2\n",
                    "      - id: tag-1b\n        status: abgesagt\n        start: 2027-03-20 09:00\n"
                    "        end: 2027-03-20 12:00\n      - id: tag-2\n",
                ),
                encoding="utf-8",
            )
        git(site, "commit", "-q", "-am", name, when=f"2026-10-{day:02d}T10:00:00Z")
        output = tmp_path / f"out-{day}"
        done = build(site, output)
        assert done.returncode == 0, (name, done.stderr)
        client.import_file(output / "kalender" / "alle.ics")
        khal.import_file(output / "kalender" / "alle.ics")
        # After every step, every event the client holds is the one the site now publishes.
        published = {
            str(e["UID"]): e for e in Calendar.from_ical((output / "kalender" / "alle.ics").read_bytes()).walk("VEVENT")
        }
        assert {uid: e.to_ical() for uid, e in client.events.items()} == {
            uid: e.to_ical() for uid, e in published.items()
        }, name
    assert client.view() == page_view(output, "Wasserstoff im Betrieb") == khal.view()
    view = client.view()
    assert view[f"kurs-fruehjahr-tag-1@{HOST}"][1] and not view[f"kurs-fruehjahr-tag-1-neu@{HOST}"][1]
    assert view[f"kurs-fruehjahr-tag-1b@{HOST}"][1] and view[f"kurs-herbst-tag-1@{HOST}"][1]
    assert view[f"kurs-fruehjahr-tag-2@{HOST}"][0] == "2027-03-30T10:00"
