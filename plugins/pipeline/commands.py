"""What the invoke tasks do: tasks.py only declares them and their arguments.

Every failure an editor can cause ends in ``invoke.Exit`` with a German message and a non-zero
code, never in a traceback. Heavy modules are imported where a command needs them, so that
``invoke --list`` or a scaffold does not pay for the whole build.
"""

from __future__ import annotations

import atexit
import datetime as dt
import gc
import json
import logging
import os
import signal
import subprocess
import sys
from pathlib import Path

from invoke import Exit

ROOT = Path(__file__).resolve().parents[2]
SETTINGS, PUBLISH_SETTINGS = ROOT / "pelicanconf.py", ROOT / "publishconf.py"
OUTPUT, DIST = ROOT / "output", ROOT / "dist"  # dist/: the production build (invoke publish)

# What a command read and built lives until its process ends. Frozen at exit, it is left out of
# the interpreter's final garbage collections, which would otherwise walk every object of a large
# site only for the operating system to free the memory right after.
atexit.register(gc.freeze)


def settings(settings_file: Path = SETTINGS, root: str | None = None, overrides: dict | None = None) -> dict:
    from pelican.settings import read_settings

    overrides = dict(overrides or {})
    if root:
        if not (Path(root) / "content").is_dir():
            raise Exit(f"--root {root}: kein Ordner „content“ darin – bitte den Ordner der Website angeben.", code=2)
        overrides["PATH"] = str((Path(root) / "content").resolve())
    try:
        return read_settings(str(settings_file), override=overrides)
    except Exception as error:  # the settings file is Python: anything it raises is the file's fault
        raise Exit(_settings_failure(settings_file, error), code=1) from None


def _settings_failure(settings_file: Path, error: Exception) -> str:
    """``pelicanconf.py:12: … — erwartet: …`` for a settings file that does not run."""
    import traceback

    line = None
    if isinstance(error, SyntaxError) and error.filename and Path(error.filename).name == settings_file.name:
        line, what = error.lineno, f"Python-Syntaxfehler ({error.msg})"
    else:
        # The deepest frame in the settings file itself (publishconf.py imports pelicanconf.py).
        frames = [
            f
            for f in traceback.extract_tb(error.__traceback__)
            if Path(f.filename).name in (SETTINGS.name, PUBLISH_SETTINGS.name)
        ]
        if frames:
            settings_file, line = Path(frames[-1].filename), frames[-1].lineno
        what = f"Fehler beim Ausführen ({type(error).__name__}: {error})"
        if isinstance(error, SyntaxError) and error.filename:
            settings_file, line, what = Path(error.filename), error.lineno, f"Python-Syntaxfehler ({error.msg})"
    where = f"{settings_file.name}:{line}:" if line else f"{settings_file.name}:"
    return (
        f"{where} Einstellungsdatei fehlerhaft: {what} — erwartet: gültiges Python; "
        "die Zeile prüfen (Anführungszeichen, Klammern, Kommas) oder die Änderung rückgängig machen\n"
        "Einstellungen nicht lesbar – es wurde nichts veröffentlicht."
    )


def overrides(today: str | None, cache: str | None, pairs: list[str]) -> dict:
    """``--today``, ``--cache`` and ``--setting KEY=VALUE`` (VALUE as JSON, else as text)."""
    result: dict = {"TODAY": today} if today else {}
    if cache:
        result["CACHE_PATH"] = str(Path(cache).resolve())
    for key, _, value in (pair.partition("=") for pair in pairs):
        try:
            result[key] = json.loads(value)
        except json.JSONDecodeError:
            result[key] = value
    return result


def _reported(problems) -> Exit:
    print(problems.report(), file=sys.stderr)
    return Exit(code=1)


def project(root: str | None = None):
    """The validated project, or every problem reported with file and line."""
    from catalogue.paths import path_problems
    from sitedata.loader import load_project_of
    from sitedata.ownlinks import placeholder_link_problems
    from sitedata.problems import NOTICE, DataProblems
    from sitedata.settings import SiteSettings

    from pipeline.site_files import check_history

    # Notices ("Hinweis: …") as the build shows them: on stderr, without a level name.
    logging.basicConfig(level=NOTICE, format="%(message)s", stream=sys.stderr)
    site_settings = settings(SETTINGS, root)
    try:
        loaded = load_project_of(site_settings)
        # Deleting a session still to come is only visible in git history (see revisions.py).
        check_history(loaded, site_settings)
        # Two sources writing one address: found before any page is built (catalogue/paths.py).
        today = SiteSettings.of(site_settings).TODAY or dt.date.today()
        if problems := [*path_problems(loaded, site_settings, today), *placeholder_link_problems(loaded, today)]:
            raise DataProblems(problems)
        return loaded
    except DataProblems as problems:
        raise _reported(problems) from None


def check(root: str | None) -> None:
    from sitedata.ownlinks import has_own_links

    p = project(root)
    if has_own_links(p):
        # Whether /anmeldung is a page only the build knows: build into a folder thrown away after.
        import tempfile

        from sitedata.problems import DataProblems

        from pipeline.build import BuildFailed
        from pipeline.build import build as build_site

        with tempfile.TemporaryDirectory() as scratch:
            try:
                build_site(settings(SETTINGS, root), Path(scratch) / "output")
            except DataProblems as problems:
                raise _reported(problems) from None
            except BuildFailed as error:
                raise Exit(str(error), code=1) from None
    print(
        f"✓ Alles in Ordnung – geprüft: Standorte {len(p.nodes)}, Kurse und Termine {len(p.courses)}, "
        f"Meldungen {len(p.news)}, Seiten {len(p.pages)}."
    )


def build(site_settings: dict, target: Path) -> None:
    if failure := build_failure(site_settings, target):
        print(failure, file=sys.stderr)
        raise Exit(code=1)


def build_failure(site_settings: dict, target: Path) -> str | None:
    """Build and print the summary; or, when the build fails, return its German report instead."""
    from sitedata.problems import DataProblems

    from pipeline.build import BuildFailed
    from pipeline.build import build as build_site

    try:
        print(build_site(site_settings, target))
    except DataProblems as problems:
        return problems.report()
    except BuildFailed as error:
        return f"{error}\n{target} wurde nicht verändert."
    return None


def serve(
    port: int, root: str | None = None, output: str | None = None, extra: dict | None = None, also=(), stop=lambda: None
) -> None:
    """``extra``: settings for these builds (``invoke cms``: the local CMS proxy); ``also``: more addresses to
    print; ``stop``: what to stop before the preview restarts itself (``invoke cms``: decap-server)."""
    from deploy.headers import headers_for
    from pipeline import preview

    target = Path(output).resolve() if output else OUTPUT

    def rebuild() -> str | None:
        try:
            # Drafts and news still to come on their own pages, marked (never in a published build).
            failure = build_failure(settings(SETTINGS, root, {"PREVIEW": True, **(extra or {})}), target)
        except Exit as error:  # a settings file that does not run
            failure = str(error.message)
        if failure:
            print(f"{failure}\nDer Browser zeigt diese Probleme, bis sie behoben sind.", file=sys.stderr)
        return failure

    site = Path(root).resolve() if root else ROOT
    watched = [site / "content", site / "data", *(ROOT / name for name in ("theme", "plugins", "pelicanconf.py"))]
    preview.serve(target, watched, rebuild, "127.0.0.1", port, headers_for, also, stop)


def cms(port: int, proxy_port: int, root: str | None = None, output: str | None = None) -> None:
    """decap-server (MODE=git: every save is a commit in the site's repository) beside the preview,
    whose builds write /admin/ pointing at it; Ctrl+C stops both."""
    site = Path(root).resolve() if root else ROOT
    server = ROOT / "node_modules" / ".bin" / "decap-server"
    if not server.is_file():
        raise Exit(
            f"{server} fehlt – bitte `npm ci` ausführen (decap-server ist in package-lock.json festgelegt).", code=2
        )
    if not (site / ".git").exists():
        raise Exit(f"{site} ist kein git-Repository – die Web-Redaktion speichert jede Änderung als Commit.", code=2)
    env = {**os.environ, "MODE": "git", "GIT_REPO_DIRECTORY": str(site), "BIND_HOST": "127.0.0.1",
           "PORT": str(proxy_port)}  # fmt: skip
    proxy = subprocess.Popen([str(server)], env=env, cwd=site)

    def stop() -> None:
        proxy.terminate()
        proxy.wait()

    # `kill` stops both as Ctrl+C does (the preview ends on KeyboardInterrupt, then `finally` below).
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        print(f"Git-Proxy der Web-Redaktion: http://127.0.0.1:{proxy_port}/api/v1 (speichert in {site})", flush=True)
        backend = {"CMS_LOCAL_BACKEND": f"http://127.0.0.1:{proxy_port}/api/v1"}
        serve(port, root, output, backend, [("Web-Redaktion", "admin/")], stop)
    finally:
        stop()


def publish(target: str | None, dry_run: bool, root: str | None = None) -> None:
    """Build dist/ and upload it; ``dry_run``: show what the upload would change (or, without a
    target, what dist/ holds) and upload nothing."""
    from deploy.publish import cache_bust, listing, precompress

    build(settings(PUBLISH_SETTINGS, root), DIST)
    renamed, compressed = cache_bust(DIST), precompress(DIST)
    print(f"dist/: {len(renamed)} Dateien mit Prüfsummen-Namen, {compressed} Dateien vorkomprimiert (.gz, .br)")
    target = target or os.environ.get("DEPLOY_TARGET")
    if not target:
        if dry_run:
            print(f"Probelauf – hochgeladen würde dist/:\n{listing(DIST)}")
        print("Kein Ziel angegeben (--target oder DEPLOY_TARGET): nur gebaut, nichts hochgeladen.")
        return
    # --checksum: Pelican rewrites every file, so modification times say nothing.
    command = ["rsync", "-rlptz", "--checksum", "--delete", *(["--dry-run", "--itemize-changes"] if dry_run else [])]
    if subprocess.run([*command, f"{DIST}/", target], check=False).returncode:
        raise Exit("rsync ist fehlgeschlagen; auf dem Ziel kann ein Teil der Dateien neu sein.", code=1)
    if dry_run:
        print(f"Probelauf – nichts hochgeladen. Die Liste oben zeigt, was sich auf {target} ändern würde.")


def schemas(root: str | None) -> None:
    """schemas/ beside data/: the ``$schema=../../schemas/…`` lines of a network's own repository
    resolve there, as they do in this one."""
    from sitedata.schemas import write_schemas

    site = Path(root).resolve() if root else ROOT
    if root and not (site / "data").is_dir():
        raise Exit(f"--root {root}: kein Ordner „data“ darin – bitte den Ordner der Website angeben.", code=2)
    print("\n".join(f"geschrieben: {path.relative_to(site)}" for path in write_schemas(site / "schemas")))


def scaffold(kind: str, root: str | None, *args, needs_project: bool = True) -> None:
    """A new file from ``sitedata.scaffolds.<kind>`` in the site. ``needs_project``: the scaffold
    reads the validated project (a news item does not, so it can be made while data/ has a mistake)."""
    from sitedata import scaffolds

    site = Path(root or ROOT).resolve()
    _created(getattr(scaffolds, kind), site, *((project(root),) if needs_project else ()), *args)


def _created(make, *args) -> None:
    from sitedata.scaffolds import AlreadyThere

    try:
        print(f"Angelegt: {make(*args)}")
    except AlreadyThere as error:
        raise Exit(str(error), code=1) from None


def install_hook() -> None:
    from sitedata.scaffolds import write_new

    hook = ROOT / ".git" / "hooks" / "pre-commit"
    _created(write_new, hook, f'#!/bin/sh\nexec "{sys.executable}" -m invoke --search-root "{ROOT}" check\n')
    hook.chmod(0o755)


def deploy_config() -> None:
    from deploy.headers import RENDERERS

    for name, render in RENDERERS.items():
        (ROOT / "deploy" / name).write_text(render(), encoding="utf-8")
        print(f"geschrieben: deploy/{name}")


def javascript_tools() -> None:
    """``npm ci`` when node_modules/ does not hold exactly what package-lock.json pins."""
    wanted = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    installed = ROOT / "node_modules" / ".package-lock.json"  # npm's record of what node_modules holds
    have = json.loads(installed.read_text(encoding="utf-8"))["packages"] if installed.is_file() else {}
    if any(path and have.get(path, {}).get("version") != entry.get("version") for path, entry in wanted.items()):
        # --ignore-scripts: vnu-jar's install script would download Java.
        subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=ROOT, check=True)


def screenshots(folder: Path) -> None:
    from tests.support.browser import screenshots as take

    print("\n".join(f"geschrieben: {path}" for path in take(OUTPUT, folder)))


def page_weight() -> None:
    from tests.support.browser import page_weight as weigh

    print(weigh(OUTPUT))


def golden() -> None:
    import tempfile

    from tests.support.golden import regenerate

    with tempfile.TemporaryDirectory() as work:
        print(f"geschrieben: {regenerate(Path(work)).relative_to(ROOT)}")


def bench(quick: bool, repeat: int, series: bool) -> None:
    if series:
        from benchmarks.series import main as series_main

        series_main(["--repeat", str(repeat)])
        return
    from benchmarks.run import main

    main([*(["--quick"] if quick else []), "--repeat", str(repeat)])
