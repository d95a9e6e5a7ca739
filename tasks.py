"""Developer and editor tasks (invoke): arguments and help only; pipeline/commands.py does the work."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT)]  # our plugins, and deploy/, benchmarks/, tests/support

from pipeline import commands  # noqa: E402

ROOT_HELP = "Site folder with content/ and data/ (default: this repository)"


@task(help={"root": ROOT_HELP})
def check(c, root=None):
    """Validate content/ and data/ and report every problem with file and line."""
    commands.check(root)


@task(
    iterable=["setting"],
    help={"root": ROOT_HELP, "output": "Output folder (default: output/)", "today": "ISO date that counts as today",
          "publish": "Use publishconf.py (absolute URLs)", "cache": "Cache folder (default: cache/)",
          "setting": "Override a setting, KEY=VALUE (VALUE as JSON, else text); repeatable"},
)  # fmt: skip
def build(c, root=None, output=None, today=None, publish=False, cache=None, setting=None):
    """Validate, build into a staging folder and swap it in only when everything succeeded."""
    settings_file = commands.PUBLISH_SETTINGS if publish else commands.SETTINGS
    site_settings = commands.settings(settings_file, root, commands.overrides(today, cache, setting or []))
    commands.build(site_settings, Path(output or commands.OUTPUT).resolve())


@task(help={"port": "Port (default 8000; 0: any free one)", "root": ROOT_HELP,
            "output": "Output folder (default: output/)"})  # fmt: skip
def serve(c, port=8000, root=None, output=None):
    """Build, serve output/ on http://127.0.0.1:8000, rebuild whenever a source changes and reload the browser.

    While a build fails, every page shows its problems instead, until they are fixed.
    """
    commands.serve(int(port), root, output)


@task(help={"port": "Preview port (default 8000; 0: any free one)", "proxy_port": "decap-server port (default 8081)",
            "root": ROOT_HELP, "output": "Output folder (default: output/)"})  # fmt: skip
def cms(c, port=8000, proxy_port=8081, root=None, output=None):
    """Web editor at http://127.0.0.1:8000/admin/ on the local checkout: decap-server (each save a commit) and the preview."""
    commands.cms(int(port), int(proxy_port), root, output)


@task(help={"target": "rsync target (default: $DEPLOY_TARGET)", "dry_run": "Show what rsync would change",
            "root": ROOT_HELP})  # fmt: skip
def publish(c, target=None, dry_run=False, root=None):
    """Production build into dist/ (absolute URLs, hashed asset names, .gz/.br copies), then rsync it."""
    commands.publish(target, dry_run, root)


@task(help={"title": "Titel der Meldung", "date": "Datum JJJJ-MM-TT (Standard: heute)", "root": ROOT_HELP})
def new_article(c, title, date=None, root=None):
    """Scaffold content/news/<datum>-<titel>.md."""
    commands.scaffold("new_article", root, title, date or dt.date.today().isoformat(), needs_project=False)


@task(help={"title": "Titel", "topic": "Themen-Kennung", "provider": "Anbieter-Kennung", "node": "Standort-Kennung",
            "kind": "eine Art aus course_kinds in data/network.yml (Standard: Seminar oder die erste)",
            "root": ROOT_HELP})  # fmt: skip
def new_course(c, title, topic=None, provider=None, node=None, kind=None, root=None):
    """Scaffold data/courses/<titel>.yml with one planned run and one session."""
    commands.scaffold("new_course", root, title, topic, provider, node, kind)


@task(help={"name": "Ortsname", "host": "Träger-Kennung aus data/partners.yml", "district": "Landkreis",
            "postcode": "PLZ", "lat": "Breitengrad", "lon": "Längengrad", "street": "Straße und Hausnummer",
            "root": ROOT_HELP})  # fmt: skip
def new_node(c, name, host, district, postcode, lat, lon, street=None, root=None):
    """Scaffold data/nodes/<ort>.yml."""
    commands.scaffold("new_node", root, name, host, district, postcode, lat, lon, street)


@task(help={"name": "Name des Veranstaltungsorts", "postcode": "PLZ", "city": "Ort", "street": "Straße und Hausnummer",
            "root": ROOT_HELP})  # fmt: skip
def new_venue(c, name, postcode, city, street=None, root=None):
    """Scaffold data/venues/<name>.yml."""
    commands.scaffold("new_venue", root, name, postcode, city, street)


@task
def install_hook(c):
    """Optional: run `invoke check` before every commit, so a mistake never reaches the repository."""
    commands.install_hook()


@task(help={"folder": "Where the PNGs go (default: screenshots/)"})
def screenshots(c, folder="screenshots"):
    """Desktop (1366 px) and phone (390 px) screenshots of the main page types, in Debian Chromium."""
    build(c)
    commands.screenshots(Path(folder).resolve())


@task
def weight(c):
    """Benchmark: bytes and requests of a first visit per page type (target: ≤ 50 KiB without images)."""
    build(c)
    commands.page_weight()


@task
def deploy_config(c):
    """Write deploy/nginx.conf, deploy/apache.htaccess and deploy/_headers from deploy/headers.py."""
    commands.deploy_config()


@task(help={"root": ROOT_HELP})
def schemas(c, root=None):
    """Write schemas/*.schema.json from the pydantic models (for editors' YAML autocompletion).

    With --root, into that site's own schemas/ folder: the files in data/ refer to it relatively.
    """
    commands.schemas(root)


@task
def golden(c):
    """Rebuild tests/golden/ (the fixture network's whole output) for review with `git diff`."""
    commands.golden()


@task
def tools(c):
    """Install the pinned test-only JavaScript tools (ical.js, node-ical, axe-core, vnu) from package-lock.json."""
    commands.javascript_tools()


@task(pre=[tools], help={"args": "Extra arguments for pytest, e.g. -m 'not slow' for the fast inner loop"})
def test(c, args=""):
    """Run the whole test suite, one pytest worker per core (pytest-xdist; ``--args "-n 0"``: one process).

    At most four: each worker builds the whole-site fixtures and starts a browser of its own."""
    c.run(f"{sys.executable} -m pytest --numprocesses=auto --maxprocesses=4 {args}", pty=False)


@task(help={"quick": "Only the quick size (1,000 news, 200 courses)", "repeat": "Repetitions per build (medians)",
            "series": "Instead: one course with 1,250 to 10,000 sessions (is the cost linear?)"})  # fmt: skip
def bench(c, quick=False, repeat=3, series=False):
    """Benchmark: our build against plain Pelican (+ Pagefind) on a synthetic network, in a git repository."""
    commands.bench(quick, int(repeat), series)
