"""The repository's own site, built as its editors and CI build it (the first part of `invoke bench`).

    python -m benchmarks.real_site [--repeat 10]

The site is a clone of this repository (its last commit), so the calendars read git history as
in an editor's checkout. Each figure is the median of ``--repeat`` runs:

- cold: `invoke build` in a new process with no output and no cache, as CI builds every push;
- rebuild, new process: `invoke build` after one news item was edited, its cache warm;
- rebuild in the preview: what `invoke serve` runs after a save (``commands.build_failure`` in
  a process that has built before, with the preview's web server thread beside it).

Each cold build writes into folders of its own, and none is deleted before the end: when ext4
(this VM's disk) creates a file, it skips recently deleted inodes one by one, so a loop that
deletes the last run's output before the next one measures its own deletions.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.run import ROOT, build_args, measure

TARGETS = {"cold": "≤ 1.5 s", "preview rebuild": "≤ 0.5 s"}  # issue 19
REPEAT = 10


def clone(work: Path) -> Path:
    site = work / "site"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(site)], check=True)
    return site


class NewsEdit:
    """One news item, edited and restored in turn (an editor's save, not committed)."""

    def __init__(self, site: Path) -> None:
        self.path = sorted((site / "content" / "news").glob("*.md"))[0]
        self.original = self.path.read_bytes()
        self.edited = False

    def toggle(self) -> None:
        self.edited = not self.edited
        added = "\nNachtrag: Die Anmeldung ist bis Ende des Monats möglich.\n".encode() if self.edited else b""
        self.path.write_bytes(self.original + added)


def invoke_build(site: Path, output: Path, cache: Path, log: Path) -> tuple[float, float, int]:
    return measure([sys.executable, "-m", "invoke", *build_args(site, output, cache, today=None)], ROOT, log)


def preview_rebuilds(site: Path, output: Path, cache: Path, repeat: int) -> list[float]:
    """Seconds of each rebuild after an edit, in this process, as ``invoke serve`` runs them."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from pipeline import commands

    server = threading.Event()  # stands for the preview's web server thread
    threading.Thread(target=server.wait, daemon=True).start()
    edit, seconds = NewsEdit(site), []

    def rebuild() -> None:
        overrides = {"PREVIEW": True, **commands.overrides(None, str(cache), [])}
        if failure := commands.build_failure(commands.settings(commands.SETTINGS, str(site), overrides), output):
            sys.exit(failure)

    rebuild()  # the preview's first build
    for _ in range(repeat):
        edit.toggle()
        started = time.perf_counter()
        rebuild()
        seconds.append(time.perf_counter() - started)
    server.set()
    return seconds


def run(repeat: int, work: Path) -> str:
    site, log = clone(work), work / "build.log"
    cold = [invoke_build(site, work / f"cold-{n}" / "output", work / f"cold-{n}" / "cache", log) for n in range(repeat)]
    print(f"[real] cold: {statistics.median(s[0] for s in cold):.2f} s", file=sys.stderr)
    output, cache, edit = work / "warm" / "output", work / "warm" / "cache", NewsEdit(site)
    invoke_build(site, output, cache, log)
    rebuilt = []
    for _ in range(repeat):
        edit.toggle()
        rebuilt.append(invoke_build(site, output, cache, log))
    if edit.edited:
        edit.toggle()
    # In a process of its own, as `invoke serve` is (this one imports none of the build's modules).
    command = [sys.executable, "-m", "benchmarks.real_site", "--repeat", str(repeat), "--preview"]
    command += [str(site), str(work / "preview"), str(cache)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"preview rebuilds failed:\n{done.stderr[-4000:]}")
    preview = json.loads(done.stdout.strip().splitlines()[-1])
    rows = [
        ("cold", "cold build, new process (invoke build)", [s[0] for s in cold], [s[1] for s in cold]),
        ("rebuild", "rebuild after one news edit, new process", [s[0] for s in rebuilt], [s[1] for s in rebuilt]),
        ("preview rebuild", "rebuild after one news edit, in invoke serve", preview, []),
    ]
    lines = [f"real site (this repository's last commit, cloned), median of {repeat} runs"]
    for key, label, walls, cpus in rows:
        cpu = f"CPU {statistics.median(cpus):5.2f} s" if cpus else ""
        lines.append(
            f"  {label:<46} {statistics.median(walls):5.2f} s  ({min(walls):.2f}–{max(walls):.2f})  "
            f"{cpu:<12}  {TARGETS.get(key, '')}".rstrip()
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Build times of this repository's own site.")
    parser.add_argument("--repeat", type=int, default=REPEAT, help="runs per figure (median)")
    parser.add_argument("--preview", nargs=3, type=Path, metavar=("SITE", "OUTPUT", "CACHE"), help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help="work in a new folder below this one (default: the temporary folder)")
    args = parser.parse_args(argv)
    if args.preview:
        print(json.dumps(preview_rebuilds(*args.preview, args.repeat)))
        return
    work = Path(tempfile.mkdtemp(prefix="bench-real-", dir=args.work))
    try:
        print(run(args.repeat, work))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
