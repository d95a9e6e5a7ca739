"""`invoke bench --series`: does a course's build cost grow linearly with its sessions?

    python -m benchmarks.series [--sessions 1250,2500,5000,10000] [--repeat 3]

One course of N sessions (runs of at most MAX_SESSIONS_PER_RUN, one session a day) in the minimal
fixture network, committed to git as editors' checkouts are; each build is a cold `invoke build` in
a fresh process. Printed: the median wall time per N and the milliseconds per session. Linear cost
means a flat ms/session column (a quadratic step once made 10,000 sessions take 260 s).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sitedata.course_model import MAX_SESSIONS_PER_RUN

from benchmarks.run import build_args
from tests.support.golden import commit_all

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "minimal"
TODAY = "2026-11-22"


def series_site(folder: Path, sessions: int) -> Path:
    """The minimal network whose one course has ``sessions`` daily sessions from January 2027."""
    shutil.copytree(FIXTURE, folder)
    course = folder / "data" / "courses" / "kurs.yml"
    head = course.read_text(encoding="utf-8").split("runs:\n")[0]
    first = dt.datetime(2027, 1, 4, 9, 0)
    runs = []
    for start in range(0, sessions, MAX_SESSIONS_PER_RUN):
        lines = [f"  - id: reihe-{start // MAX_SESSIONS_PER_RUN + 1}\n    status: buchbar\n"]
        lines.append("    place:\n      node: mitte\n    sessions:\n")
        for number in range(start, min(sessions, start + MAX_SESSIONS_PER_RUN)):
            begin = first + dt.timedelta(days=number)
            end = begin + dt.timedelta(hours=3)
            lines.append(f"      - id: termin-{number + 1}\n        start: {begin:%Y-%m-%d %H:%M}\n")
            lines.append(f"        end: {end:%Y-%m-%d %H:%M}\n")
        runs.append("".join(lines))
    course.write_text(head + "runs:\n" + "".join(runs), encoding="utf-8")
    commit_all(folder, "Lange Reihe", "2026-10-01T08:00:00+00:00")
    return folder


def cold_build(site: Path, work: Path) -> float:
    output, cache = work / "output", work / "cache"
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    command = [sys.executable, "-m", "invoke", *build_args(site, output, cache, TODAY)]
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Build time of one course with many sessions.")
    parser.add_argument("--sessions", default="1250,2500,5000,10000", help="comma-separated session counts")
    parser.add_argument("--repeat", type=int, default=3, help="cold builds per count (median)")
    args = parser.parse_args(argv)
    counts = [int(n) for n in args.sessions.split(",")]
    work = Path(tempfile.mkdtemp(prefix="bench-series-"))
    try:
        rows = []
        for count in counts:
            site = series_site(work / f"site-{count}", count)
            times = [cold_build(site, work) for _ in range(args.repeat)]
            rows.append((count, statistics.median(times), min(times), max(times)))
            print(f"[series] {count} sessions: {statistics.median(times):.1f} s", file=sys.stderr)
        print(f"| sessions in one course | cold build s (median of {args.repeat}) | (min–max) | ms per session |")
        print("| --- | --- | --- | --- |")
        for count, median, low, high in rows:
            print(f"| {count:,} | {median:.1f} | {low:.1f}–{high:.1f} | {1000 * median / count:.2f} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
