"""Earlier addresses from git (renames followed) and the server rules written from one list."""

from __future__ import annotations

import subprocess
from pathlib import Path

from catalogue.paths import redirect_save_as

from pipeline.calendars.git_log import file_history, uncommitted
from pipeline.redirects import Redirect, _earlier_urls, apache, nginx, static_host

PATTERNS = {"news": "aktuelles/{slug}/", "pages": "{slug}/"}


def _commit(repo: Path, message: str) -> None:
    git = ["git", "-c", "user.name=R", "-c", "user.email=r@example.org", "-c", "init.defaultBranch=main"]
    if not (repo / ".git").exists():
        subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", message], cwd=repo, check=True)


def _news(title: str, slug: str | None = None) -> str:
    return f"---\ntitle: {title}\n{f'slug: {slug}' if slug else ''}\ndate: 2026-10-01\nsummary: Kurz.\n---\nText.\n"


def test_earlier_slugs_follow_renames_and_uncommitted_edits(tmp_path: Path):
    content = tmp_path / "content"
    (content / "news").mkdir(parents=True)
    (content / "news" / "a.md").write_text(_news("Erster Titel"), encoding="utf-8")
    (content / "news" / "b.md").write_text(_news("Bleibt"), encoding="utf-8")
    _commit(tmp_path, "eins")
    subprocess.run(["git", "mv", "news/a.md", "news/c.md"], cwd=content, check=True)
    (content / "news" / "c.md").write_text(_news("Erster Titel", "zweite-adresse"), encoding="utf-8")
    _commit(tmp_path, "zwei")
    (content / "news" / "c.md").write_text(_news("Erster Titel", "dritte-adresse"), encoding="utf-8")  # not committed

    history = file_history(content, ["news/c.md", "news/b.md"])
    assert [path for path, _ in history["news/c.md"]] == ["news/c.md", "news/a.md"]
    assert uncommitted(content) == {"news/c.md"}
    urls = _earlier_urls(content, {"news/c.md": None, "news/b.md": None}, PATTERNS)
    assert urls == {"news/c.md": ["aktuelles/zweite-adresse/", "aktuelles/erster-titel/"]}


def test_outside_a_git_clone_there_is_no_history(tmp_path: Path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.md").write_text(_news("Titel"), encoding="utf-8")
    assert file_history(tmp_path, ["news/a.md"]) == {}
    assert _earlier_urls(tmp_path, {"news/a.md": None}, PATTERNS) == {}


def test_one_list_three_server_formats():
    redirects = [Redirect("/presse/alt.html", "aktuelles/neu/", "Neu"), Redirect("/alt", "ueber-uns/", "Über uns")]
    assert "location = /presse/alt.html { return 301 /aktuelles/neu/; }" in nginx(redirects)
    assert 'RedirectMatch 301 "^/presse/alt\\.html$" /aktuelles/neu/' in apache(redirects)
    assert static_host(redirects).splitlines()[1:] == ["/presse/alt.html /aktuelles/neu/ 301", "/alt /ueber-uns/ 301"]


def test_an_earlier_address_is_a_file_of_the_output():
    assert redirect_save_as("/aktuelles/alt/") == "aktuelles/alt/index.html"
    assert redirect_save_as("/aktuelles/alt") == "aktuelles/alt/index.html"
    assert redirect_save_as("/presse/alt.html") == "presse/alt.html"
    assert redirect_save_as("/") == "index.html"
