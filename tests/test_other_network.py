"""A network that adopts the engine replaces data/ and content/ with its own: the engine's tests and
the tests about the real site must pass there as they do here (issue 22, "engine tests vs. content
tests"). This test makes such a repository from the working tree with the MoLeWa fixture network
(the smallest: no nodes, one course) and runs the tests in it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO
from support.golden import commit_all

pytestmark = pytest.mark.slow  # runs a part of the test suite in a copy of the repository

NETWORK = "molewa"
# Browsers take minutes and this test would run itself; what remains of the slow tests is their
# "content" part (one build of the swapped-in network shared by all of them).
LEFT_OUT = (
    "tests/test_other_network.py",
    "tests/test_browser.py",
    "tests/test_search_and_filters.py",
    "tests/test_security_headers.py",
    "tests/test_cms_browser.py",
    "tests/test_preview.py",
    "tests/test_bench.py",
)


def copy_working_tree(target: Path) -> None:
    """The tracked files as they are now, edits not yet committed included: developers run the tests
    before they commit."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode("utf-8").split("\0")):
        source = REPO / name
        if not source.exists() and not source.is_symlink():
            continue  # deleted in the working tree, not yet committed
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target / name, follow_symlinks=False)


def test_engine_and_content_tests_pass_with_another_networks_data_and_content(tmp_path):
    started = time.monotonic()
    clone = tmp_path / "repo"
    copy_working_tree(clone)
    for folder in ("data", "content"):
        shutil.rmtree(clone / folder)
        shutil.copytree(FIXTURES / NETWORK / folder, clone / folder)
    commit_all(clone, "Eigenes Netzwerk")  # fresh history: the calendars read revisions from git
    if (REPO / "node_modules").exists():  # installed tools (ical.js, vnu), not part of the repository
        (clone / "node_modules").symlink_to((REPO / "node_modules").resolve())

    report = tmp_path / "report.xml"
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not slow or content"]
    command += [f"--ignore={name}" for name in LEFT_OUT] + [f"--junitxml={report}"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    done = subprocess.run(command, cwd=clone, capture_output=True, text=True, check=False, env=env)
    seconds = time.monotonic() - started
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    print(f"\ntests with {NETWORK}'s data and content in a copy of the repository: {seconds:.0f} s; {summary}")
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]

    cases = ET.parse(report).getroot().iter("testcase")
    outcome = Counter()
    for case in cases:
        kind = next((child.tag for child in case if child.tag in ("failure", "error", "skipped")), "passed")
        outcome[(case.get("classname", "").split(".")[-1], kind)] += 1
    passed = sum(n for (_, kind), n in outcome.items() if kind == "passed")
    failed = sum(n for (_, kind), n in outcome.items() if kind in ("failure", "error"))
    assert failed == 0 and passed > 250, outcome
    # The tests about the real site ran against the swapped-in network, a whole-site build among them.
    for module in ("test_site_build", "test_calendars", "test_feeds", "test_metadata", "test_schemas"):
        assert outcome[(module, "passed")] > 0, (module, outcome)
