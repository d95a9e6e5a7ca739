"""Golden output: the whole built site of a small fixture network, committed under tests/golden/.

As in Pelican's own tests (``tests/output/basic``), a change to the build shows up as a diff of
every page, feed and calendar it touched. ``invoke golden`` rebuilds the committed copy for review;
``tests/test_golden.py`` fails with a readable diff while the two differ.

The fixture is built inside a fresh git repository with fixed commit dates, as editors build in
their checkouts, so calendar revisions (SEQUENCE, LAST-MODIFIED) are part of what is compared.
"""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "itas"
GOLDEN = REPO / "tests" / "golden" / "itas"
TODAY = "2026-11-22"
COMMITTED_AT = "2026-11-01T09:00:00+00:00"
# Pagefind's index is binary, named by hashes and specific to its version: test_search_index.py
# searches it instead.
SKIPPED = ("pagefind/",)


def commit_all(folder: Path, message: str, when: str = COMMITTED_AT) -> None:
    """Commit everything in ``folder`` (a git repository is made if there is none) at a fixed time."""
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    git = [
        "git",
        "-c",
        "user.name=Redaktion",
        "-c",
        "user.email=redaktion@example.org",
        "-c",
        "init.defaultBranch=main",
    ]
    if not (folder / ".git").exists():
        subprocess.run([*git, "init", "-q"], cwd=folder, check=True)
    subprocess.run([*git, "add", "-A"], cwd=folder, check=True)
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", message], cwd=folder, check=True, env=env)


def build_fixture(work: Path) -> Path:
    """Build the fixture network in ``work`` (a git checkout of it) and return the output folder."""
    site = work / "site"
    shutil.copytree(FIXTURE, site)
    commit_all(site, "Fixture")
    output = work / "output"
    command = [sys.executable, "-m", "invoke", "build", "--root", str(site), "--output", str(output)]
    command += ["--today", TODAY, "--cache", str(work / "cache")]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"building the golden fixture failed:\n{done.stderr}")
    return output


def files(folder: Path) -> dict[str, bytes]:
    found = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and not name.startswith(SKIPPED):
            found[name] = path.read_bytes()
    return found


def differences(expected: Path, actual: Path) -> str:
    """A unified diff of every file that differs, and the names of files only one side has."""
    want, got = files(expected), files(actual)
    report = [f"only in the golden output: {name}" for name in sorted(want.keys() - got.keys())]
    report += [f"new in the build: {name}" for name in sorted(got.keys() - want.keys())]
    for name in sorted(want.keys() & got.keys()):
        if want[name] == got[name]:
            continue
        try:
            before, after = want[name].decode().splitlines(), got[name].decode().splitlines()
        except UnicodeDecodeError:
            report.append(f"binary file differs: {name}")
            continue
        report += difflib.unified_diff(before, after, f"golden/{name}", f"build/{name}", n=2, lineterm="")
    return "\n".join(report)


def regenerate(work: Path) -> Path:
    """Replace the committed golden output with a fresh build of the fixture."""
    output = build_fixture(work)
    shutil.rmtree(GOLDEN, ignore_errors=True)
    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    for name, data in files(output).items():
        (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
        (GOLDEN / name).write_bytes(data)
    return GOLDEN
