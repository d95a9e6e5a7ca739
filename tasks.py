"""Developer and editor tasks (invoke): check, build, serve, scaffolds, schemas, tests.

invoke check                 validate content/ and data/, print every problem
invoke build                 validate, then build into output/ (swapped in only on success)
invoke serve                 build, serve on http://127.0.0.1:8000 and rebuild on change
invoke new-article "Titel"   scaffold a news item (never overwrites)
invoke new-course "Titel"    scaffold a course with one run and one session
invoke new-node "Ort" …      scaffold a node
invoke schemas               rewrite schemas/*.schema.json from the models
invoke test                  run the whole test suite
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import http.server
import json
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT)]  # our plugins, and deploy/, benchmarks/, tests/support

from sitedata.loader import PROJECT, Project, data_path, load_project  # noqa: E402
from sitedata.problems import DataProblems  # noqa: E402
from sitedata.rendering import RENDERER, BodyRenderer  # noqa: E402
from sitedata.slugs import slugify  # noqa: E402

SETTINGS = ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = ROOT / "publishconf.py"
OUTPUT = ROOT / "output"
DIST = ROOT / "dist"  # production build (invoke publish)
HOST, PORT = "127.0.0.1", 8000


# --- validation and build ----------------------------------------------------------------


def _settings(settings_file: Path, root: str | None, today: str | None) -> dict:
    from pelican.settings import read_settings

    override = {}
    if root:
        content = Path(root) / "content"
        if not content.is_dir():
            raise Exit(f"--root {root}: kein Ordner „content“ darin – bitte den Ordner der Website angeben.", code=2)
        override["PATH"] = str(content.resolve())
    if today:
        override["TODAY"] = today
    return read_settings(str(settings_file), override=override)


def _load(settings: dict):
    """Validate everything before anything is written; exit 1 with every problem."""
    try:
        cache = Path(settings["CACHE_PATH"]) / "sources.pickle" if settings.get("SOURCE_CACHE") else None
        project = load_project(Path(settings["PATH"]), data_path(settings), cache)
    except DataProblems as problems:
        print(problems.report(), file=sys.stderr)
        raise Exit(code=1) from None
    settings[PROJECT] = project
    return project


@task(help={"root": "Site folder with content/ and data/ (default: this repository)"})
def check(c, root=None):
    """Validate content/ and data/ and report every problem with file and line."""
    project = _load(_settings(SETTINGS, root, None))
    print(
        f"✓ Alles in Ordnung – geprüft: Standorte {len(project.nodes)}, Kurse und Termine {len(project.courses)}, "
        f"Meldungen {len(project.news)}, Seiten {len(project.pages)}."
    )


@task(
    help={
        "root": "Site folder with content/ and data/ (default: this repository)",
        "output": "Output folder (default: output/)",
        "today": "ISO date that counts as today, for reproducible builds",
        "publish": "Use publishconf.py (absolute URLs from data/network.yml)",
        "cache": "Folder for rendered Markdown and calendar events (default: cache/)",
        "setting": "Override one Pelican setting, KEY=VALUE (VALUE as JSON, else text); repeatable",
    },
    iterable=["setting"],
)
def build(c, root=None, output=None, today=None, publish=False, cache=None, setting=None):
    """Validate, build into a staging folder and swap it in only when everything succeeded."""
    started = time.perf_counter()
    settings = _settings(PUBLISH_SETTINGS if publish else SETTINGS, root, today)
    if cache:
        settings["CACHE_PATH"] = str(Path(cache).resolve())
    for item in setting or []:
        key, _, value = item.partition("=")
        try:
            settings[key] = json.loads(value)
        except json.JSONDecodeError:
            settings[key] = value
    _validate_and_build(settings, Path(output).resolve() if output else OUTPUT, started)
    _exit_if_last_task("build")


def _validate_and_build(settings: dict, target: Path, started: float) -> None:
    """Validate everything, then build into ``target`` (for build and publish alike)."""
    # A build allocates millions of objects that live until it ends (records, pages, events).
    # With the default thresholds the collector ran ~900 times and walked them all: 0.7–0.9 s
    # at 5,000 news, warm or cold. Every 50,000 allocations instead: same peak memory.
    gc.set_threshold(50_000, 20, 100)
    # Markdown workers start now and render while the parent validates (sitedata/rendering.py).
    renderer = settings[RENDERER] = BodyRenderer.from_settings(settings).start(Path(settings["PATH"]))
    # The output the previous build replaced is deleted now, by `rm` on the other core, while
    # this build does its mostly one-core reading; deleting ~15,000 files after the swap made
    # every rebuild of a large site wait 2–4 s longer.
    sweeper = _remove_in_background(sorted(target.parent.glob(f".{target.name}.old-*")))
    try:
        _load(settings)
        _build_into(settings, target, started)
    finally:
        renderer.close()
        if sweeper is not None:
            sweeper.wait()


def _exit_if_last_task(name: str) -> None:
    """End a command-line run right after its last task, without the interpreter's teardown.

    Freeing a large site's objects one by one at exit costs ~0.8 s at 5,000 news and writes
    nothing (mypy ends its runs the same way). Everything is written and waited for by now;
    only when the task ends the command line (``invoke build``), never inside serve or publish.
    """
    from invoke.main import program

    requested = getattr(program, "tasks", None)  # the tasks named on the command line, once parsed
    if requested and requested[-1].name == name:
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


class _Progress:
    """A page counter on a terminal; silent in CI and when output is redirected."""

    def __init__(self) -> None:
        self.pages = 0
        self.live = sys.stderr.isatty() and not os.environ.get("CI")

    def pages_written(self, sender: object, count: int) -> None:
        before, self.pages = self.pages, self.pages + count
        if self.live and before // 100 != self.pages // 100:
            print(f"\r… {self.pages} Seiten geschrieben", end="", file=sys.stderr, flush=True)

    def done(self) -> None:
        if self.live and self.pages >= 100:
            print("\r" + " " * 40 + "\r", end="", file=sys.stderr, flush=True)


def _summary(project: Project, output: Path, seconds: float) -> str:
    suffixes = []
    for folder, subfolders, names in os.walk(output):
        if folder == str(output):
            subfolders[:] = [name for name in subfolders if name != "pagefind"]
        suffixes += [os.path.splitext(name)[1] for name in names]
    pages, calendars = suffixes.count(".html"), suffixes.count(".ics")
    sessions = sum(len(run.sessions) for course in project.courses.values() for run in course.runs)
    feeds = sum(1 for _ in (output / "feeds").glob("*.xml")) if (output / "feeds").is_dir() else 0
    return (
        f"Fertig: {pages} Seiten, {len(project.courses)} Kurse und Termine mit {sessions} Einzelterminen, "
        f"{feeds} Feeds, {calendars} Kalender in {f'{seconds:.1f}'.replace('.', ',')} s → {output}"
    )


def _build_into(settings: dict, target: Path, started: float) -> None:
    from parallel_render.writer import pages_rendered
    from pelican import Pelican
    from pelican import log as pelican_log
    from sitedata.background import stop_all

    # Pelican warnings (a broken {filename} link, a missing template) fail the build.
    pelican_log.init(level=logging.WARNING, fatal="warnings", handler=logging.StreamHandler(sys.stderr))
    pelican_log.console.quiet = True  # our own summary line replaces Pelican's
    progress = _Progress()
    pages_rendered.connect(progress.pages_written)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.parent / f".{target.name}.staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    settings["OUTPUT_PATH"] = str(staging)
    try:
        Pelican(settings).run()
    except Exception as error:
        stop_all()  # the indexer and the calendar writer write into staging
        shutil.rmtree(staging, ignore_errors=True)
        print(
            f"Build abgebrochen: {error.__class__.__name__}: {error}\n{target} wurde nicht verändert.", file=sys.stderr
        )
        raise Exit(code=1) from None
    finally:
        progress.done()
    _swap(staging, target)
    print(_summary(settings[PROJECT], target, time.perf_counter() - started))


def _remove_in_background(folders: list[Path]) -> subprocess.Popen | None:
    if not folders:
        return None
    return subprocess.Popen(["rm", "-rf", "--", *map(str, folders)], stdout=subprocess.DEVNULL)


def _swap(staging: Path, target: Path) -> None:
    """Replace target by staging with two renames, so readers never see a half-written site.

    The replaced output stays beside it as ``.<name>.old-…`` until the next build deletes it.
    """
    if target.exists():
        target.rename(target.parent / f".{target.name}.old-{os.getpid()}-{time.time_ns()}")
    staging.rename(target)


# --- local preview -----------------------------------------------------------------------


@task(help={"port": f"Port (default {PORT})"})
def serve(c, port=PORT):
    """Build, serve output/ on http://127.0.0.1:8000 and rebuild whenever a source changes."""
    from watchfiles import watch

    def rebuild() -> None:
        # A fresh process per build, so edited plugins and templates are always picked up.
        result = subprocess.run([sys.executable, "-m", "invoke", "build"], cwd=ROOT, check=False)
        if result.returncode:
            print("Die Vorschau zeigt weiter den letzten fehlerfreien Stand.", file=sys.stderr)

    rebuild()
    OUTPUT.mkdir(exist_ok=True)
    handler = functools.partial(_QuietHandler, directory=str(OUTPUT))
    server = http.server.ThreadingHTTPServer((HOST, int(port)), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Vorschau: http://{HOST}:{port}/ (Strg+C beendet)")
    watched = [ROOT / name for name in ("content", "data", "theme", "plugins", "pelicanconf.py")]
    try:
        for _changes in watch(*watched):
            rebuild()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    # ``directory`` is a path, resolved per request: output/ swapped in by a rebuild is served at once.
    def log_message(self, format: str, *args: object) -> None:
        pass


# --- scaffolds -----------------------------------------------------------------------------


def _write_new(path: Path, text: str) -> None:
    """Create a file for an editor; an existing file is never touched."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        print(
            f"{path} gibt es schon – nichts überschrieben. Bitte einen anderen Titel oder eine andere Kennung wählen.",
            file=sys.stderr,
        )
        raise Exit(code=1) from None
    print(f"Angelegt: {path}")


def _site(root: str | None) -> Path:
    return Path(root).resolve() if root else ROOT


def _yaml_text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML scalar


ROOT_HELP = "Site folder with content/ and data/ (default: this repository)"


@task(help={"title": "Titel der Meldung", "date": "Datum JJJJ-MM-TT (Standard: heute)", "root": ROOT_HELP})
def new_article(c, title, date=None, root=None):
    """Scaffold content/news/<datum>-<titel>.md."""
    day = date or dt.date.today().isoformat()
    path = _site(root) / "content" / "news" / f"{day}-{slugify(title)}.md"
    _write_new(
        path,
        f"""---
title: {_yaml_text(title)}
date: {day}
summary: Ein bis zwei Sätze, die in Listen und Feeds erscheinen.
nodes: []
topics: []
courses: []
---
Text der Meldung in Markdown.
""",
    )


@task(
    help={
        "title": "Titel",
        "topic": "Themen-Kennung",
        "provider": "Anbieter-Kennung",
        "node": "Standort-Kennung",
        "kind": "Lehrgang, Seminar, Workshop, Veranstaltung oder Sprechtag",
        "root": ROOT_HELP,
    }
)
def new_course(c, title, topic=None, provider=None, node=None, kind="Seminar", root=None):
    """Scaffold data/courses/<titel>.yml with one planned run and one session."""
    project = _load(_settings(SETTINGS, root, None))
    topic = topic or next(iter(project.topics))
    provider = provider or next(iter(project.partners))
    node = node or next(iter(project.nodes), None)
    start = dt.date.today() + dt.timedelta(days=60)
    place = f"    place:\n      node: {node}\n" if node else ""
    path = _site(root) / "data" / "courses" / f"{slugify(title)}.yml"
    _write_new(
        path,
        f"""# yaml-language-server: $schema=../../schemas/course.schema.json
title: {_yaml_text(title)}
summary: Ein bis zwei Sätze für Listen und Kalender.
description: |
  Beschreibung in Markdown: Inhalte, Ablauf, Nutzen.
kind: {kind}
topics: [{topic}]
provider: {provider}
target_group: Beschäftigte aus Unternehmen der Region
format: {"Präsenz" if node else "online"}
cost_eur: 0
runs:
  - id: {start:%Y-%m}
    status: geplant
{place}    registration_deadline: {start - dt.timedelta(days=14)}
    sessions:
      - id: termin-1
        start: {start} 09:00
        end: {start} 16:00
""",
    )


@task(
    help={
        "name": "Ortsname",
        "host": "Träger-Kennung aus data/partners.yml",
        "district": "Landkreis",
        "postcode": "PLZ",
        "lat": "Breitengrad",
        "lon": "Längengrad",
        "street": "Straße und Hausnummer",
        "root": ROOT_HELP,
    }
)
def new_node(c, name, host, district, postcode, lat, lon, street=None, root=None):
    """Scaffold data/nodes/<ort>.yml."""
    project = _load(_settings(SETTINGS, root, None))
    contact = project.network.contact
    street_line = f"  street: {_yaml_text(street)}\n" if street else ""
    channel = next(
        f"  {key}: {_yaml_text(value)}\n" for key in ("phone", "email", "url") if (value := getattr(contact, key))
    )
    path = _site(root) / "data" / "nodes" / f"{slugify(name)}.yml"
    _write_new(
        path,
        f"""# yaml-language-server: $schema=../../schemas/node.schema.json
name: {_yaml_text(name)}
district: {_yaml_text(district)}
host: {host}
address:
{street_line}  postcode: "{postcode}"
  city: {_yaml_text(name)}
coordinates:
  lat: {float(lat)}
  lon: {float(lon)}
focus_topics: []
contact:
  role: {_yaml_text(contact.role)}
{channel}description: |
  Beschreibung des Standorts in Markdown.
""",
    )


# --- looking at the site like a visitor ------------------------------------------------------

# One representative page per page type (paths of the ANeTT site).
PAGE_TYPES = {
    "home": "",
    "catalogue": "kurse/",
    "course": "kurse/hochvolt-grundlagen-elektromobilitaet/",
    "month": "kurse/monat/2027-03/",
    "nodes": "qti-knoten/",
    "node": "qti-knoten/gotha/",
    "news": "aktuelles/",
    "article": "aktuelles/erster-qti-knoten-in-gotha-eroeffnet/",
    "topic": "themen/wasserstoff/",
    "search": "suche/",
}
SCREENSHOT_PAGES = ("home", "catalogue", "course", "node", "article")


def _built_site(c) -> Path:
    build(c, today=None)
    return OUTPUT


@task(help={"folder": "Where the PNGs go (default: screenshots/)"})
def screenshots(c, folder="screenshots"):
    """Desktop (1366 px) and phone (390 px) screenshots of the main page types, in Debian Chromium."""
    from tests.support.browser import chromium, serve

    target = Path(folder).resolve()
    target.mkdir(parents=True, exist_ok=True)
    with serve(_built_site(c)) as base, chromium() as browser:
        for width, device in ((1366, "desktop"), (390, "phone")):
            page = browser.new_page(viewport={"width": width, "height": 900})
            for name in SCREENSHOT_PAGES:
                page.goto(base + PAGE_TYPES[name], wait_until="networkidle")
                path = target / f"{name}-{device}.png"
                page.screenshot(path=str(path), full_page=True)
                print(f"geschrieben: {path}")
            page.close()


@task
def weight(c):
    """Benchmark: bytes and requests of a first visit per page type (target: ≤ 50 KiB without images)."""
    from tests.support.browser import chromium, serve

    rows = []
    with serve(_built_site(c)) as base, chromium() as browser:
        for name, path in PAGE_TYPES.items():
            context = browser.new_context(viewport={"width": 1366, "height": 900})
            loaded: list[tuple[str, int]] = []
            # Routing every request also turns the HTTP cache off: each page is a first visit.
            context.route("**/*", lambda route: route.continue_())
            page = context.new_page()
            page.on("requestfinished", functools.partial(_record_request, loaded))
            page.goto(base + path, wait_until="networkidle")
            context.close()
            images = sum(size for kind, size in loaded if kind == "image")
            rows.append((name, len(loaded), sum(size for _, size in loaded) - images, images))
    print(f"{'page type':<12} {'requests':>8} {'KiB w/o images':>15} {'KiB images':>11}  target ≤ 50 KiB")
    for name, count, text_bytes, image_bytes in rows:
        verdict = "ok" if text_bytes <= 50 * 1024 else "OVER"
        print(f"{name:<12} {count:>8} {text_bytes / 1024:>15.1f} {image_bytes / 1024:>11.1f}  {verdict}")


def _record_request(loaded: list[tuple[str, int]], request) -> None:  # request: a Playwright Request
    response = request.response()
    loaded.append((request.resource_type, len(response.body()) if response else 0))


@task(
    help={
        "target": "rsync target, e.g. web@example.org:/srv/site/ (default: environment variable DEPLOY_TARGET)",
        "dry_run": "Show what rsync would change, change nothing",
    }
)
def publish(c, target=None, dry_run=False):
    """Production build into dist/ (absolute URLs, hashed asset names, .gz/.br copies), then rsync it."""
    from deploy.publish import cache_bust, precompress

    started = time.perf_counter()
    settings = _settings(PUBLISH_SETTINGS, None, None)
    _validate_and_build(settings, DIST, started)
    renamed = cache_bust(DIST)
    compressed = precompress(DIST)
    print(f"dist/: {len(renamed)} Dateien mit Prüfsummen-Namen, {compressed} Dateien vorkomprimiert (.gz, .br)")
    target = target or os.environ.get("DEPLOY_TARGET")
    if not target:
        print("Kein Ziel angegeben (--target oder DEPLOY_TARGET): nur gebaut, nichts hochgeladen.")
        return
    # --checksum: Pelican rewrites every file, so modification times say nothing.
    c.run(f"rsync -rlptz --checksum --delete {'--dry-run --itemize-changes ' if dry_run else ''}{DIST}/ {target}")


@task
def install_hook(c):
    """Optional: run `invoke check` before every commit, so a mistake never reaches the repository."""
    hook = ROOT / ".git" / "hooks" / "pre-commit"
    _write_new(
        hook,
        f"#!/bin/sh\n# Installed by `invoke install-hook`: refuse a commit whose content or data is invalid.\n"
        f'exec "{sys.executable}" -m invoke --search-root "{ROOT}" check\n',
    )
    hook.chmod(0o755)


@task
def deploy_config(c):
    """Write deploy/nginx.conf, deploy/apache.htaccess and deploy/_headers from deploy/headers.py."""
    from deploy.headers import RENDERERS

    for name, render in RENDERERS.items():
        path = ROOT / "deploy" / name
        path.write_text(render(), encoding="utf-8")
        print(f"geschrieben: {path.relative_to(ROOT)}")


# --- schemas and tests -----------------------------------------------------------------------


@task
def schemas(c):
    """Write schemas/*.schema.json from the pydantic models (for editors' YAML autocompletion)."""
    from sitedata.schemas import write_schemas

    for path in write_schemas(ROOT / "schemas"):
        print(f"geschrieben: {path.relative_to(ROOT)}")


@task
def golden(c):
    """Rebuild tests/golden/ (the fixture network's whole output) for review with `git diff`."""
    import tempfile

    from tests.support.golden import regenerate

    with tempfile.TemporaryDirectory() as work:
        print(f"geschrieben: {regenerate(Path(work)).relative_to(ROOT)}")


@task
def tools(c):
    """Install the pinned test-only JavaScript tools (ical.js, axe-core, vnu) from package-lock.json."""
    if not (ROOT / "node_modules" / ".package-lock.json").is_file():
        # --ignore-scripts: vnu-jar's install script would try to download a Java runtime.
        c.run("npm ci --ignore-scripts --no-audit --no-fund", pty=False)


@task(pre=[tools], help={"args": "Extra arguments for pytest"})
def test(c, args=""):
    """Run the whole test suite."""
    c.run(f"{sys.executable} -m pytest {args}", pty=False)


@task(
    help={
        "quick": "Only the quick size (1,000 news, 200 courses) instead of quick and full (5,000 / 1,000)",
        "profile": "Instead of the table: one cold build under cProfile, top 25 functions",
        "repeat": "Repetitions per build; the table shows medians (at least 3)",
    }
)
def bench(c, quick=False, profile=False, repeat=3):
    """Benchmark: our build vs plain Pelican on a synthetic network (cold, no change, one edit)."""
    from benchmarks.run import main

    main([*(["--quick"] if quick else []), *(["--profile"] if profile else []), "--repeat", str(repeat)])
