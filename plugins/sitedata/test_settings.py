"""Our settings are checked like data, and each configuration gets a cache folder of its own."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest
from conftest import REPO
from pelican.settings import read_settings

from sitedata.settings import UNUSED_CACHE_DAYS, SettingsError, cache_folder, check_settings, used_cache_folder


def settings(**overrides) -> dict:
    return read_settings(str(REPO / "pelicanconf.py"), override=overrides)


def test_the_shipped_settings_pass():
    assert check_settings(settings()).CALENDAR_RETENTION_DAYS == 90
    assert dt.date(2026, 11, 22) == check_settings(settings(TODAY="2026-11-22")).TODAY


def test_a_misspelt_key_is_refused_with_a_suggestion():
    with pytest.raises(
        SettingsError,
        match=r"Unbekannte Einstellung CALENDAR_RETENTION_DAY \(meinten Sie „CALENDAR_RETENTION_DAYS“\?\)",
    ):
        check_settings(settings(CALENDAR_RETENTION_DAY=30))


def test_pelicans_own_settings_are_known():
    check_settings(settings(TAG_FEED_ATOM="feeds/{slug}.atom.xml", DEBUG=True, DELETE_OUTPUT_DIRECTORY=True))


@pytest.mark.parametrize(
    ("key", "value"), [("CALENDAR_MAX_BYTES", "viel"), ("CALENDAR_RETENTION_DAYS", -1), ("TODAY", "gestern")]
)
def test_a_wrong_value_is_refused_with_the_key_named(key, value):
    with pytest.raises(SettingsError, match=rf"Einstellung {key}: ungültiger Wert"):
        check_settings(settings(**{key: value}))


def test_a_cache_folder_per_configuration(tmp_path):
    plugins = tmp_path / "plugins"
    (plugins / "demo").mkdir(parents=True)
    (plugins / "demo" / "reader.py").write_text("EXTENSIONS = []\n")
    base = settings(CACHE_PATH=str(tmp_path / "cache"))
    folder = cache_folder(base, [plugins])
    assert folder.parent == tmp_path / "cache"
    # What does not change how a file is read keeps the folder: this build's own paths and day.
    assert cache_folder({**base, "TODAY": dt.date(2030, 1, 1), "OUTPUT_PATH": "/elsewhere"}, [plugins]) == folder
    # A setting, a line of plugin code: another folder.
    assert cache_folder({**base, "MARKDOWN": {"extensions": []}}, [plugins]) != folder
    (plugins / "demo" / "reader.py").write_text("EXTENSIONS = ['toc']\n")
    assert cache_folder(base, [plugins]) != folder
    # Tests beside the plugins do not make output.
    (plugins / "demo" / "reader.py").write_text("EXTENSIONS = []\n")
    (plugins / "demo" / "test_reader.py").write_text("def test(): pass\n")
    assert cache_folder(base, [plugins]) == folder


def test_folders_of_configurations_unused_for_a_week_are_removed_and_nothing_else(tmp_path):
    cache = tmp_path / "cache"
    week_old = time.time() - (UNUSED_CACHE_DAYS * 86400 + 60)
    stale, recent, current = (cache / name for name in ("0123456789abcdef", "fedcba9876543210", "00000000000000aa"))
    for folder in (stale, recent, current):
        (folder / "templates").mkdir(parents=True)
    others = [cache / "notes", cache / "0123456789ABCDEF"]  # not a name cache_folder gives
    for folder in others:
        folder.mkdir()
    for folder in (stale, current, *others):
        os.utime(folder, (week_old, week_old))
    used_cache_folder(current)
    assert not stale.exists()
    assert recent.is_dir() and current.is_dir() and all(folder.is_dir() for folder in others)
    assert current.stat().st_mtime > week_old  # marked as used: the next build's neighbours keep it


def test_another_package_version_is_another_cache_folder(tmp_path, monkeypatch):
    base = settings(CACHE_PATH=str(tmp_path / "cache"))
    packages = tmp_path / "site-packages"
    (packages / "markdown-3.7.dist-info").mkdir(parents=True)
    monkeypatch.syspath_prepend(str(packages))
    folder = cache_folder(base, [])
    (packages / "markdown-3.7.dist-info").rename(packages / "markdown-3.8.dist-info")
    assert cache_folder(base, []) != folder


def test_urls_are_kept_as_pelicans_overrides():
    from pelican.contents import Article, Static
    from pelican.settings import DEFAULT_CONFIG

    from sitedata.integration import keep_urls

    config = {**DEFAULT_CONFIG, "ARTICLE_URL": "aktuelles/{slug}/", "ARTICLE_SAVE_AS": "aktuelles/{slug}/index.html"}
    article = Article("<p>x</p>", {"title": "T", "slug": "eine-meldung"}, settings=config)
    keep_urls(article)
    assert article.override_url == article.url == "aktuelles/eine-meldung/"
    assert not hasattr(article, "override_save_as")  # Pelican's writer would let a later page skip the file
    static = Static("", {"title": "bild"}, settings=config, source_path="bilder/a.png")
    keep_urls(static)
    assert not hasattr(static, "override_url")
