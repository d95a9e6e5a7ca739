"""Developer and editor tasks (invoke): thin shells around plugins/, deploy/, tests/support and benchmarks/."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT)]  # our plugins, and deploy/, benchmarks/, tests/support

from pipeline import preview  # noqa: E402
from pipeline.build import BuildFailed  # noqa: E402
from pipeline.build import build as build_site  # noqa: E402
from pipeline.site_files import check_history  # noqa: E402
from sitedata import scaffolds  # noqa: E402
from sitedata.loader import load_project_of  # noqa: E402
from sitedata.ownlinks import has_own_links  # noqa: E402
from sitedata.problems import DataProblems  # noqa: E402

SETTINGS, PUBLISH_SETTINGS = ROOT / "pelicanconf.py", ROOT / "publishconf.py"
OUTPUT, DIST = ROOT / "output", ROOT / "dist"  # dist/: the production build (invoke publish)
ROOT_HELP = "Site folder with content/ and data/ (default: this repository)"


def _settings(settings_file: Path, root: str | None = None, overrides: dict | None = None) -> dict:
    from pelican.settings import read_settings

    overrides = dict(overrides or {})
    if root:
        if not (Path(root) / "content").is_dir():
            raise Exit(f"--root {root}: kein Ordner „content“ darin – bitte den Ordner der Website angeben.", code=2)
        overrides["PATH"] = str((Path(root) / "content").resolve())
    return read_settings(str(settings_file), override=overrides)


def _reported(problems: DataProblems) -> Exit:
    print(problems.report(), file=sys.stderr)
    return Exit(code=1)


def _project(root: str | None):
    settings = _settings(SETTINGS, root)
    try:
        project = load_project_of(settings)
        # Deleting a session still to come is only visible in git history (see revisions.py).
        check_history(project, settings)
        return project
    except DataProblems as problems:
        raise _reported(problems) from None


def _build(settings: dict, target: Path) -> None:
    try:
        print(build_site(settings, target))
    except DataProblems as problems:
        raise _reported(problems) from None
    except BuildFailed as error:
        print(f"{error}\n{target} wurde nicht verändert.", file=sys.stderr)
        raise Exit(code=1) from None


@task(help={"root": ROOT_HELP})
def check(c, root=None):
    """Validate content/ and data/ and report every problem with file and line."""
    p = _project(root)
    if has_own_links(p):
        # Whether /anmeldung is a page only the build knows: build into a folder thrown away after.
        with tempfile.TemporaryDirectory() as scratch:
            try:
                build_site(_settings(SETTINGS, root), Path(scratch) / "output")
            except DataProblems as problems:
                raise _reported(problems) from None
            except BuildFailed as error:
                raise Exit(str(error), code=1) from None
    print(
        f"✓ Alles in Ordnung – geprüft: Standorte {len(p.nodes)}, Kurse und Termine {len(p.courses)}, "
        f"Meldungen {len(p.news)}, Seiten {len(p.pages)}."
    )


@task(
    iterable=["setting"],
    help={"root": ROOT_HELP, "output": "Output folder (default: output/)", "today": "ISO date that counts as today",
          "publish": "Use publishconf.py (absolute URLs)", "cache": "Cache folder (default: cache/)",
          "setting": "Override a setting, KEY=VALUE (VALUE as JSON, else text); repeatable"},
)  # fmt: skip
def build(c, root=None, output=None, today=None, publish=False, cache=None, setting=None):
    """Validate, build into a staging folder and swap it in only when everything succeeded."""
    overrides = {"TODAY": today} if today else {}
    if cache:
        overrides["CACHE_PATH"] = str(Path(cache).resolve())
    for key, _, value in (item.partition("=") for item in setting or []):
        try:
            overrides[key] = json.loads(value)
        except json.JSONDecodeError:
            overrides[key] = value
    _build(_settings(PUBLISH_SETTINGS if publish else SETTINGS, root, overrides), Path(output or OUTPUT).resolve())


@task(help={"port": "Port (default 8000)"})
def serve(c, port=8000):
    """Build, serve output/ on http://127.0.0.1:8000 and rebuild whenever a source changes."""

    def rebuild() -> None:
        try:
            _build(_settings(SETTINGS), OUTPUT)
        except Exit:
            print("Die Vorschau zeigt weiter den letzten fehlerfreien Stand.", file=sys.stderr)

    watched = [ROOT / name for name in ("content", "data", "theme", "plugins", "pelicanconf.py")]
    preview.serve(OUTPUT, watched, rebuild, "127.0.0.1", int(port))


@task(help={"target": "rsync target (default: $DEPLOY_TARGET)", "dry_run": "Show what rsync would change"})
def publish(c, target=None, dry_run=False):
    """Production build into dist/ (absolute URLs, hashed asset names, .gz/.br copies), then rsync it."""
    from deploy.publish import cache_bust, precompress

    _build(_settings(PUBLISH_SETTINGS), DIST)
    renamed, compressed = cache_bust(DIST), precompress(DIST)
    print(f"dist/: {len(renamed)} Dateien mit Prüfsummen-Namen, {compressed} Dateien vorkomprimiert (.gz, .br)")
    target = target or os.environ.get("DEPLOY_TARGET")
    if not target:
        print("Kein Ziel angegeben (--target oder DEPLOY_TARGET): nur gebaut, nichts hochgeladen.")
        return
    # --checksum: Pelican rewrites every file, so modification times say nothing.
    c.run(f"rsync -rlptz --checksum --delete {'--dry-run --itemize-changes ' if dry_run else ''}{DIST}/ {target}")


def _scaffold(make, *args) -> None:
    try:
        print(f"Angelegt: {make(*args)}")
    except scaffolds.AlreadyThere as error:
        raise Exit(str(error), code=1) from None


@task(help={"title": "Titel der Meldung", "date": "Datum JJJJ-MM-TT (Standard: heute)", "root": ROOT_HELP})
def new_article(c, title, date=None, root=None):
    """Scaffold content/news/<datum>-<titel>.md."""
    _scaffold(scaffolds.new_article, Path(root or ROOT).resolve(), title, date or dt.date.today().isoformat())


@task(help={"title": "Titel", "topic": "Themen-Kennung", "provider": "Anbieter-Kennung", "node": "Standort-Kennung",
            "kind": "Lehrgang, Seminar, Workshop, Veranstaltung oder Sprechtag", "root": ROOT_HELP})  # fmt: skip
def new_course(c, title, topic=None, provider=None, node=None, kind="Seminar", root=None):
    """Scaffold data/courses/<titel>.yml with one planned run and one session."""
    site = Path(root or ROOT).resolve()
    _scaffold(scaffolds.new_course, site, _project(root), title, topic, provider, node, kind)


@task(help={"name": "Ortsname", "host": "Träger-Kennung aus data/partners.yml", "district": "Landkreis",
            "postcode": "PLZ", "lat": "Breitengrad", "lon": "Längengrad", "street": "Straße und Hausnummer",
            "root": ROOT_HELP})  # fmt: skip
def new_node(c, name, host, district, postcode, lat, lon, street=None, root=None):
    """Scaffold data/nodes/<ort>.yml."""
    site = Path(root or ROOT).resolve()
    _scaffold(scaffolds.new_node, site, _project(root), name, host, district, postcode, lat, lon, street)


@task
def install_hook(c):
    """Optional: run `invoke check` before every commit, so a mistake never reaches the repository."""
    hook = ROOT / ".git" / "hooks" / "pre-commit"
    _scaffold(scaffolds.write_new, hook, f'#!/bin/sh\nexec "{sys.executable}" -m invoke --search-root "{ROOT}" check\n')
    hook.chmod(0o755)


@task(help={"folder": "Where the PNGs go (default: screenshots/)"})
def screenshots(c, folder="screenshots"):
    """Desktop (1366 px) and phone (390 px) screenshots of the main page types, in Debian Chromium."""
    from tests.support.browser import screenshots as take

    build(c)
    print("\n".join(f"geschrieben: {path}" for path in take(OUTPUT, Path(folder).resolve())))


@task
def weight(c):
    """Benchmark: bytes and requests of a first visit per page type (target: ≤ 50 KiB without images)."""
    from tests.support.browser import page_weight

    build(c)
    print(page_weight(OUTPUT))


@task
def deploy_config(c):
    """Write deploy/nginx.conf, deploy/apache.htaccess and deploy/_headers from deploy/headers.py."""
    from deploy.headers import RENDERERS

    for name, render in RENDERERS.items():
        (ROOT / "deploy" / name).write_text(render(), encoding="utf-8")
        print(f"geschrieben: deploy/{name}")


@task
def schemas(c):
    """Write schemas/*.schema.json from the pydantic models (for editors' YAML autocompletion)."""
    from sitedata.schemas import write_schemas

    print("\n".join(f"geschrieben: {path.relative_to(ROOT)}" for path in write_schemas(ROOT / "schemas")))


@task
def golden(c):
    """Rebuild tests/golden/ (the fixture network's whole output) for review with `git diff`."""
    from tests.support.golden import regenerate

    with tempfile.TemporaryDirectory() as work:
        print(f"geschrieben: {regenerate(Path(work)).relative_to(ROOT)}")


@task
def tools(c):
    """Install the pinned test-only JavaScript tools (ical.js, node-ical, axe-core, vnu) from package-lock.json."""
    wanted = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    installed = ROOT / "node_modules" / ".package-lock.json"  # npm's record of what node_modules holds
    have = json.loads(installed.read_text(encoding="utf-8"))["packages"] if installed.is_file() else {}
    if any(path and have.get(path, {}).get("version") != entry.get("version") for path, entry in wanted.items()):
        c.run("npm ci --ignore-scripts --no-audit --no-fund", pty=False)  # vnu-jar's script would download Java


@task(pre=[tools], help={"args": "Extra arguments for pytest, e.g. -m 'not slow' for the fast inner loop"})
def test(c, args=""):
    """Run the whole test suite."""
    c.run(f"{sys.executable} -m pytest {args}", pty=False)


@task(help={"quick": "Only the quick size (1,000 news, 200 courses)", "repeat": "Repetitions per build (medians)",
            "series": "Instead: one course with 1,250 to 10,000 sessions (is the cost linear?)"})  # fmt: skip
def bench(c, quick=False, repeat=3, series=False):
    """Benchmark: our build against plain Pelican (+ Pagefind) on a synthetic network, in a git repository."""
    if series:
        from benchmarks.series import main as series_main

        series_main(["--repeat", str(repeat)])
        return
    from benchmarks.run import main

    main([*(["--quick"] if quick else []), "--repeat", str(repeat)])
