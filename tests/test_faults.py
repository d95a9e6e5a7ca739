"""The build under faults: killed at any moment, started twice at once, a full or read-only disk,
a corrupt cache. Each ends with the last good output intact and a German message, never a
traceback, and the next build is correct.

Builds the small ITAS fixture network; mounts a small tmpfs where the fault is a file system's
(needs root, else skipped with the reason).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, TODAY, build, copy_fixture, tree_digest

pytestmark = pytest.mark.slow  # builds whole sites

NEWS = "content/news/2026-11-15-kongress-2027-angekuendigt.md"


def edited(site: Path) -> None:
    news = site / NEWS
    news.write_text(news.read_text(encoding="utf-8") + "\nEin neuer Absatz.\n", encoding="utf-8")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Digests of the fixture's output before (A) and after (B) the edit, and the sites."""
    work = tmp_path_factory.mktemp("faults")
    before, after = copy_fixture("itas", work / "before"), copy_fixture("itas", work / "after")
    edited(after)
    digests = {}
    for name, site in (("A", before), ("B", after)):
        result = build(site, work / f"output-{name}", "--cache", str(work / f"cache-{name}"))
        assert result.returncode == 0, result.stderr
        digests[name] = tree_digest(work / f"output-{name}")
    assert digests["A"] != digests["B"]
    return {"digests": digests, "before": work / "output-A", "after": after}


def start_build(site: Path, output: Path, cache: Path) -> subprocess.Popen:
    args = ["build", "--root", str(site), "--output", str(output), "--today", TODAY, "--cache", str(cache)]
    return subprocess.Popen(
        [sys.executable, "-m", "invoke", *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: the kill reaches the forked workers too
    )


def leftovers(output: Path, wait: float = 10.0) -> list[str]:
    """Hidden folders beside the output once the background removal has had time to finish."""
    deadline = time.monotonic() + wait
    while True:
        found = [p.name for p in output.parent.iterdir() if p.name.startswith(".output") and p.suffix != ".lock"]
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def test_a_build_killed_at_any_moment_leaves_the_last_good_output(outputs, tmp_path):
    output, cache = tmp_path / "output", tmp_path / "cache"
    shutil.copytree(outputs["before"], output)
    started = time.monotonic()
    done = start_build(outputs["after"], tmp_path / "timing", tmp_path / "timing-cache")
    done.communicate()
    duration = time.monotonic() - started
    # From the start of Python to the swap at the end: during loading, rendering and the swap.
    randomly = random.Random(24)
    for moment in [duration * share for share in (0.1, 0.3, 0.5, 0.7, 0.85, 0.95, 1.0)] + [
        randomly.uniform(0, duration) for _ in range(3)
    ]:
        running = start_build(outputs["after"], output, cache)
        time.sleep(moment)
        os.killpg(running.pid, signal.SIGKILL)
        running.communicate()
        assert tree_digest(output) in (outputs["digests"]["A"], outputs["digests"]["B"]), f"killed after {moment:.2f} s"

    finished = start_build(outputs["after"], output, cache)
    _, stderr = finished.communicate()
    assert finished.returncode == 0, stderr
    assert tree_digest(output) == outputs["digests"]["B"]
    assert leftovers(output) == []


def test_a_build_killed_between_the_two_renames_of_the_fallback_swap_is_repaired(outputs, tmp_path):
    """Where the file system cannot exchange two folders at once, the swap is two renames; killed
    between them, the output folder is missing and the next build puts the last good one back."""
    sys.path.insert(0, str(REPO / "plugins"))
    from pipeline.build import _clear_leftovers

    output = tmp_path / "output"
    shutil.copytree(outputs["before"], tmp_path / ".output.old-00000000000000000001-1")
    (tmp_path / ".output.staging-2").mkdir()
    _clear_leftovers(output)
    assert tree_digest(output) == outputs["digests"]["A"]
    assert leftovers(output) == []


def test_two_builds_at_once_do_not_corrupt_each_other(outputs, tmp_path):
    output = tmp_path / "output"
    shutil.copytree(outputs["before"], output)
    both = [start_build(outputs["after"], output, tmp_path / f"cache-{n}") for n in range(2)]
    results = [(process.wait(), process.stderr.read()) for process in both]
    for code, stderr in results:
        assert "Traceback" not in stderr
        assert code == 0 or "Ein anderer Build schreibt gerade nach" in stderr, stderr
    assert any(code == 0 for code, _ in results)
    assert tree_digest(output) == outputs["digests"]["B"]
    assert leftovers(output) == []


@pytest.fixture
def small_disk(tmp_path: Path):
    """A tmpfs of 1.5 times the output's size: the old output fits, a second copy does not."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    disk = tmp_path / "disk"
    disk.mkdir()

    def mount(kilobytes: int, *options: str) -> Path:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", ",".join([f"size={kilobytes}k", *options]), "tmpfs", str(disk)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            pytest.skip(f"mount -t tmpfs is not permitted here: {done.stderr.strip()}")
        return disk

    yield mount
    subprocess.run(["umount", "-l", str(disk)], check=False)


def size_kilobytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) // 1024


def test_a_full_disk_ends_with_a_german_message_and_the_old_output(outputs, tmp_path, small_disk):
    disk = small_disk(size_kilobytes(outputs["before"]) * 3 // 2 + 64)
    output = disk / "output"
    shutil.copytree(outputs["before"], output)
    result = build(outputs["after"], output, "--cache", str(tmp_path / "cache"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "kein Platz mehr auf dem Datenträger" in result.stderr, result.stderr
    assert "wurde nicht verändert" in result.stderr
    assert tree_digest(output) == outputs["digests"]["A"]
    assert leftovers(output) == []


def test_a_read_only_output_folder_ends_with_a_german_message(outputs, tmp_path, small_disk):
    disk = small_disk(size_kilobytes(outputs["before"]) * 3 + 1024)
    output = disk / "output"
    shutil.copytree(outputs["before"], output)
    remounted = subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True, text=True, check=False)
    if remounted.returncode != 0:
        pytest.skip(f"remounting read-only is not permitted here: {remounted.stderr.strip()}")
    result = build(outputs["after"], output, "--cache", str(tmp_path / "cache"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Datenträger ist schreibgeschützt" in result.stderr, result.stderr
    assert tree_digest(output) == outputs["digests"]["A"]


def test_a_corrupt_cache_is_rebuilt_not_a_crash(outputs, tmp_path):
    cache, output = tmp_path / "cache", tmp_path / "output"
    assert build(outputs["after"], output, "--cache", str(cache)).returncode == 0
    corrupted = 0
    for path in sorted(cache.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            path.write_bytes(data[: len(data) // 2] + b"\x00kaputt" if corrupted % 2 else b"")
            corrupted += 1
    assert corrupted > 3
    shutil.rmtree(output)
    result = build(outputs["after"], output, "--cache", str(cache))
    assert result.returncode == 0, result.stderr
    assert tree_digest(output) == outputs["digests"]["B"]
