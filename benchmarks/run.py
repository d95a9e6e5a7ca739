"""`invoke bench`: time our real build against plain Pelican on the same synthetic news.

It first times the repository's own site (`benchmarks/real_site.py`).

    python -m benchmarks.run [--quick] [--repeat 3] [--profile] [--keep DIR]

Our site is a git repository with real commits (each edit is one), packed as editors' clones
are, so the calendars' revisions and earlier addresses are read from history as in real builds.
The peers are what a Pelican user would pick instead: plain Pelican with its own content cache on
(default theme, the same news), and plain Pelican followed by the Pagefind CLI on its output, for
a site with search.

Every build runs in a fresh child process exactly as editors and CI run it (`python -m invoke build`
for ours, `python -m pelican` for plain Pelican), so interpreter start-up, imports, validation and
Pagefind are all counted. Builds are interleaved (ours, plain, ours, plain, …) so that slow phases of
a noisy machine hit both sides alike, and every figure is the median of the repetitions.
"""

from __future__ import annotations

import argparse
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.synthetic import Generated, generate
from tests.support.golden import commit_all

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-22"


@dataclass(frozen=True)
class Size:
    name: str
    news: int
    courses: int


SIZES = {"quick": Size("quick", 1_000, 200), "full": Size("full", 5_000, 1_000)}


@dataclass
class Sample:
    wall: float  # seconds
    cpu: float  # user + sys seconds of the child and its waited-for children (Pagefind)
    rss_kib: int  # ru_maxrss: the largest single process in the tree, not a sum
    pages: int
    size: int  # bytes


@dataclass
class Scenario:
    label: str
    side: str  # "ours" or "plain"
    samples: list[Sample] = field(default_factory=list)

    def median(self, attr: str) -> float:
        return statistics.median(getattr(s, attr) for s in self.samples)


def build_args(site: Path, output: Path, cache: Path, today: str | None = TODAY) -> list[str]:
    """`invoke build`'s arguments for a build of ``site`` (``today``: None for the real date)."""
    args = ["build", "--root", str(site), "--output", str(output), "--cache", str(cache)]
    return [*args, "--today", today] if today else args


def measure(command: list[str], cwd: Path, log: Path) -> tuple[float, float, int]:
    """Run ``command``; wall seconds, CPU seconds and peak RSS (KiB) of exactly this child tree."""
    with log.open("wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        # wait4 instead of RUSAGE_CHILDREN deltas: ru_maxrss of RUSAGE_CHILDREN is a running
        # maximum over every child ever, so it could not show a smaller later build.
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        sys.exit(f"build failed ({process.returncode}): {' '.join(command)}\n{log.read_text(errors='replace')[-4000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def output_stats(folder: Path) -> tuple[int, int]:
    """(HTML pages, bytes of every file) below ``folder``."""
    pages = size = 0
    for path in folder.rglob("*"):
        if path.is_file():
            size += path.stat().st_size
            pages += path.suffix == ".html"
    return pages, size


class Bench:
    """One generated site pair and the builds run on it."""

    def __init__(self, work: Path, made: Generated) -> None:
        self.work = work
        self.made = made
        self.ours_out = work / "out-ours"
        self.ours_cache = work / "cache-ours"  # Pelican's content cache, in our per-configuration folders
        self.plain_out = made.plain / "output"
        self.plain_cache = made.plain / "cache"  # plain Pelican's own content cache (on, as in its docs)
        self.log = work / "build.log"

    def ours(self) -> Sample:
        command = [sys.executable, "-m", "invoke", *build_args(self.made.network, self.ours_out, self.ours_cache)]
        return self._sample(command, ROOT, self.ours_out)

    def plain(self) -> Sample:
        command = [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(self.plain_out)]
        return self._sample(command, self.made.plain, self.plain_out)

    def pagefind(self) -> Sample:
        """What a Pelican user adds for search: the Pagefind CLI over the finished output."""
        from pagefind_bin import get_executable

        command = [str(get_executable()), "--site", str(self.plain_out), "--silent"]
        return self._sample(command, self.made.plain, self.plain_out)

    def _sample(self, command: list[str], cwd: Path, output: Path) -> Sample:
        wall, cpu, rss = measure(command, cwd, self.log)
        return Sample(wall, cpu, rss, *output_stats(output))

    def clean(self) -> None:
        """A cold build: no previous output and no cache, on either side."""
        for folder in (self.ours_out, self.ours_cache, self.plain_out, self.plain_cache):
            shutil.rmtree(folder, ignore_errors=True)


def combined(first: Sample, then: Sample) -> Sample:
    """Two commands run one after the other, as one build."""
    return Sample(first.wall + then.wall, first.cpu + then.cpu, max(first.rss_kib, then.rss_kib), then.pages, then.size)


class Edits:
    """Edit one article (in both sites) and one course, each committed as an editor's change would be."""

    def __init__(self, made: Generated) -> None:
        middle = made.news[len(made.news) // 2]
        self.network = made.network
        self.article = [made.network / "content" / "news" / middle, made.plain / "content" / middle]
        self.course = made.network / "data" / "courses" / f"{made.courses[len(made.courses) // 2]}.yml"
        self.originals = {path: path.read_bytes() for path in [*self.article, self.course]}
        self.commits = 0

    def edit_article(self, rep: int) -> None:
        for path in self.article:
            text = self.originals[path].decode()
            path.write_text(text + f"\nNachtrag {rep + 1}: Die Anmeldung ist bis Ende des Monats möglich.\n")
        self.commit("Nachtrag")

    def edit_course(self, rep: int) -> None:
        # A changed summary: shows up on the course page, in lists, feeds, calendars and search.
        title, summary, rest = self.originals[self.course].decode().split("\n", 2)
        assert summary.startswith('summary: "') and summary.endswith('"'), summary
        self.course.write_text("\n".join([title, summary[:-1] + f' (geändert, Fassung {rep + 1})"', rest]))
        self.commit("Kurs geändert")

    def restore(self) -> None:
        for path, data in self.originals.items():
            path.write_bytes(data)
        self.commit("Ursprünglicher Stand")

    def commit(self, message: str) -> None:
        self.commits += 1
        commit_all(self.network, message, f"2026-11-{1 + self.commits % 20:02}T{self.commits % 24:02}:00:00+00:00")


def run_size(size: Size, repeat: int, work: Path) -> list[Scenario]:
    started = time.perf_counter()
    made = generate(work / size.name, size.news, size.courses)
    commit_all(made.network, "Synthetisches Netzwerk", "2026-10-01T08:00:00+00:00")  # builds read git history
    # Packed, as an editor's or CI's clone arrives. The one import commit leaves ~7,000 loose objects,
    # just below git's own threshold for packing them, and git reads each of those from a file of its
    # own: the build's git log would cost about three times what it costs in a clone.
    subprocess.run(["git", "gc", "--quiet"], cwd=made.network, check=True)
    print(
        f"[{size.name}] generated {size.news} news, {size.courses} courses, {made.sessions} sessions "
        f"in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    bench, edits = Bench(work, made), Edits(made)
    ours = [Scenario(label, "ours") for label in ("cold", "no change", "1 article", "1 course")]
    plain = [Scenario(label, "plain") for label in ("cold", "no change", "1 article")]
    searched = [Scenario(label, "plain+pagefind") for label in ("cold", "no change", "1 article")]
    for rep in range(repeat):
        edits.restore()
        bench.clean()  # "cold": no output, no caches (Python's bytecode and the OS file cache stay warm)
        # Interleaved: ours, plain, ours, plain … so that a slow phase of the machine hits both.
        for step, (label, edit) in enumerate((("cold", None), ("no change", None), ("1 article", edits.edit_article))):
            if edit:
                edit(rep)
            ours[step].samples.append(bench.ours())
            pelican = bench.plain()
            plain[step].samples.append(pelican)
            searched[step].samples.append(combined(pelican, bench.pagefind()))
            print(
                f"[{size.name}] rep {rep + 1}/{repeat} {label}: ours {ours[step].samples[-1].wall:.1f} s, "
                f"plain Pelican {pelican.wall:.1f} s (+ Pagefind {searched[step].samples[-1].wall:.1f} s)",
                file=sys.stderr,
            )
        edits.edit_course(rep)
        ours[3].samples.append(bench.ours())
        print(f"[{size.name}] rep {rep + 1}/{repeat} 1 course: ours {ours[3].samples[-1].wall:.1f} s", file=sys.stderr)
    edits.restore()
    print(f"[{size.name}] done in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return [*ours, *plain, *searched]


SIDES = {"ours": "ours", "plain": "plain Pelican", "plain+pagefind": "plain Pelican + Pagefind"}


def table(results: dict[str, list[Scenario]], repeat: int) -> str:
    header = ["size", "build", "wall s", "(min–max)", "CPU s", "ms/page", "peak RSS MB", "pages", "output MB"]
    header += ["× plain+Pagefind cold", "× plain warm", "× own cold"]
    rows = [header]
    for size, scenarios in results.items():
        wall = {(s.side, s.label): s.median("wall") for s in scenarios}
        for s in scenarios:
            walls = [x.wall for x in s.samples]
            own = wall[(s.side, s.label)]
            # The peers the targets name: cold against plain Pelican followed by Pagefind; a rebuild
            # against plain Pelican's own warm rebuild (content cache on) after one article.
            rows.append(
                [
                    size,
                    f"{SIDES[s.side]}: {s.label}",
                    f"{own:.2f}",
                    f"({min(walls):.1f}–{max(walls):.1f})",
                    f"{s.median('cpu'):.2f}",
                    f"{own * 1000 / s.median('pages'):.1f}",
                    f"{max(x.rss_kib for x in s.samples) / 1024:.0f}",
                    f"{s.median('pages'):.0f}",
                    f"{s.median('size') / 1e6:.1f}",
                    f"{own / wall[('plain+pagefind', 'cold')]:.2f}",
                    f"{own / wall[('plain', '1 article')]:.2f}",
                    f"{own / wall[(s.side, 'cold')]:.2f}",
                ]
            )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(
            cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    notes = (
        f"median of {repeat} runs; peak RSS is the largest single process; "
        "× plain+Pagefind cold = wall / (plain Pelican cold + Pagefind CLI) of the same size; "
        "× plain warm = wall / plain Pelican's rebuild after one article, its content cache on; "
        "× own cold = wall / the same side's cold wall"
    )
    return "\n".join(lines) + "\n" + notes


# --- profile -------------------------------------------------------------------------------

# Cost centres: (label, file suffix, function name); cumulative seconds, so nested centres overlap.
CENTRES = [
    ("our loader + validation (load_project)", "sitedata/loader.py", "load_project"),
    ("Pelican.run (everything after validation)", "pelican/__init__.py", "run"),
    ("reading news and pages (Pelican read_file)", "pelican/readers.py", "read_file"),
    ("icalendar serialisation (to_ical)", "icalendar/cal/component.py", "to_ical"),
    ("Markdown → HTML (Markdown.convert)", "markdown/core.py", "convert"),
    ("new Markdown() per file (Markdown.__init__)", "markdown/core.py", "__init__"),
    ("Jinja rendering (Template.render)", "jinja2/environment.py", "render"),
    ("writing files (Writer.write_file)", "pelican/writers.py", "write_file"),
    ("the search index (Pagefind)", "search_index/pagefind.py", "build_index"),
    ("calendars", "calendars/files.py", "write_calendars"),
    ("sitemap.xml", "sitemap_xml/sitemap.py", "write_sitemap"),
    ("pydantic validation (model_validate)", "pydantic/main.py", "model_validate"),
    ("YAML parsing (parse_yaml)", "sitedata/yamlsource.py", "parse_yaml"),
    ("slugify", "slugify/slugify.py", "slugify"),
]


def profile(size: Size, work: Path) -> Path:
    made = generate(work / size.name, size.news, size.courses)
    prof = work / "build.prof"
    command = [sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "invoke"]
    command += build_args(made.network, work / "out-ours", work / "cache-profile")  # a fresh cache: a cold build
    wall, cpu, rss = measure(command, ROOT, work / "build.log")
    print(f"profiled cold build, {size.name}: {wall:.1f} s wall under cProfile, {cpu:.1f} s CPU, {rss / 1024:.0f} MB")
    stats = pstats.Stats(str(prof))
    stats.sort_stats("cumulative").print_stats(25)
    stats.sort_stats("tottime").print_stats(15)
    print("Cost centres (cumulative seconds; nested ones overlap):")
    entries = stats.stats  # type: ignore[attr-defined]  # {(file, line, name): (cc, nc, tt, ct, callers)}
    for label, suffix, name in CENTRES:
        found = [v for (file, _, func), v in entries.items() if file.endswith(suffix) and func == name]
        if found:
            calls = sum(v[1] for v in found)
            print(f"  {label:<55} {max(v[3] for v in found):8.2f} s  {calls:>8} calls")
    print("Per generator (cumulative seconds):")
    for (file, _, func), v in sorted(entries.items(), key=lambda kv: -kv[1][3]):
        if func in ("generate_context", "generate_output") and v[3] >= 0.05:
            where = "/".join(Path(file).parts[-2:])
            print(f"  {where + ' ' + func:<55} {v[3]:8.2f} s")
    # Keep only the .prof file: the generated site and its output are large.
    shutil.rmtree(work / size.name, ignore_errors=True)
    shutil.rmtree(work / "out-ours", ignore_errors=True)
    print(f"profile: {prof}")
    return prof


def code_fingerprint() -> tuple[tuple[str, int, int], ...]:
    """Paths, sizes and mtimes of the code a build runs: a change mid-benchmark mixes two versions."""
    files = [ROOT / "tasks.py", ROOT / "pelicanconf.py"]
    for folder in ("plugins", "theme"):
        files += sorted(
            path for path in (ROOT / folder).rglob("*") if path.is_file() and "__pycache__" not in path.parts
        )
    return tuple((str(path), (st := path.stat()).st_size, st.st_mtime_ns) for path in files)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Benchmark our build against plain Pelican.")
    parser.add_argument("--quick", action="store_true", help="only N=1,000 news, M=200 courses")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions per build (median; at least 3)")
    parser.add_argument("--profile", action="store_true", help="one cold build of ours under cProfile instead")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary folder)")
    args = parser.parse_args(argv)
    sizes = [SIZES["quick"]] if args.quick else [SIZES["quick"], SIZES["full"]]
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        if args.profile:
            profile(sizes[-1], work)
            return
        before = code_fingerprint()
        from benchmarks import real_site  # it measures with this module's tools

        (work / "real").mkdir()
        print(real_site.run(real_site.REPEAT, work / "real"), flush=True)
        results = {size.name: run_size(size, args.repeat, work) for size in sizes}
        print(table(results, args.repeat))
        if code_fingerprint() != before:
            print("WARNING: plugins/, theme/ or the settings changed during the run; the medians mix two versions.")
    finally:
        if not args.keep and not args.profile:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
