"""Jobs beside the build: their files arrive, their errors fail the build, a stop ends them."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import sitemap_xml
from blinker import ANY
from pelican import signals
from sitemap_xml.sitemap import write_sitemap

import sitedata

from . import background


def test_a_forked_call_sees_the_parents_objects_and_its_files_arrive(tmp_path: Path) -> None:
    shown = {"text": "geschrieben vom Kind"}
    target = tmp_path / "kind.txt"
    job = background.ForkedCall("Test", lambda: target.write_text(shown["text"]))
    job.wait()
    assert target.read_text() == "geschrieben vom Kind"


def test_a_failure_in_the_child_is_raised_by_wait_with_its_message() -> None:
    def broken() -> None:
        raise ValueError("kurse/x.yml: kaputt")

    job = background.ForkedCall("Kalender", broken)
    with pytest.raises(background.BackgroundError, match=r"Kalender: ValueError: kurse/x.yml: kaputt"):
        job.wait()


def test_wait_all_waits_for_every_job_and_stop_all_ends_them(tmp_path: Path) -> None:
    done = tmp_path / "done"
    background.add(background.ForkedCall("eins", lambda: done.write_text("1")))
    background.wait_all()
    assert done.read_text() == "1"

    never = tmp_path / "never"
    background.add(background.ForkedCall("zwei", lambda: (time.sleep(30), never.write_text("2"))))
    started = time.perf_counter()
    background.stop_all()
    assert time.perf_counter() - started < 10
    assert not never.exists()
    background.wait_all()  # nothing left to wait for


def test_the_build_waits_for_its_jobs_after_the_other_plugins_last_steps() -> None:
    """The sitemap is written while the indexer still runs, not after it."""
    sitedata.register()
    sitemap_xml.register()
    sitedata.wait_for_background_jobs_last(None)  # what Pelican's "initialized" signal calls
    receivers = list(signals.finalized.receivers_for(ANY))
    assert receivers.index(write_sitemap) < receivers.index(background.wait_all)
