import datetime as dt
import pickle
from types import SimpleNamespace

from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

from . import content_cache
from .content_cache import ContentCache
from .loader import PROJECT

NEWS = "news/2026-10-01-meldung.md"


def _generator(tmp_path, digest: bytes = b"one", **settings) -> SimpleNamespace:
    (tmp_path / "plugins").mkdir(exist_ok=True)
    project = SimpleNamespace(digests={str(tmp_path / "content" / NEWS): digest})
    config = {
        **DEFAULT_CONFIG,
        "CACHE_PATH": str(tmp_path / "cache"),
        "PLUGIN_PATHS": [str(tmp_path / "plugins")],
        "CONTENT_OBJECT_CACHE": True,
        PROJECT: project,
        **settings,
    }
    generator = SimpleNamespace(settings=config, context={"SITEURL": ""}, path=str(tmp_path / "content"))
    ContentCache.attach(generator)
    return generator


def _article(generator: SimpleNamespace) -> Article:
    metadata = {"title": "Eine Meldung", "date": dt.datetime(2026, 10, 1), "slug": "eine-meldung"}
    return Article("<p>Text</p>", metadata, generator.settings, str(generator.path) + "/" + NEWS, generator.context)


def _first_build(tmp_path, **settings) -> Article:
    generator = _generator(tmp_path, **settings)
    assert generator.get_cached_data(NEWS, None) is None
    article = _article(generator)
    generator.cache_data(NEWS, article)
    generator.save_cache()
    return article


def test_an_unchanged_file_gives_the_same_object_attached_to_this_build(tmp_path):
    made = _first_build(tmp_path)
    generator = _generator(tmp_path)
    reused = generator.get_cached_data(NEWS, None)
    assert reused is not None and reused is not made
    assert reused.settings is generator.settings and reused._context is generator.context
    ignore = {"settings", "_context"}
    assert {k: v for k, v in vars(reused).items() if k not in ignore} == {
        k: v for k, v in vars(made).items() if k not in ignore
    }
    assert reused.url == made.url and reused.locale_date == made.locale_date


def test_an_edited_file_is_read_again(tmp_path):
    _first_build(tmp_path)
    assert _generator(tmp_path, digest=b"two").get_cached_data(NEWS, None) is None


def test_changed_settings_read_everything_again_but_paths_of_the_build_do_not(tmp_path):
    _first_build(tmp_path)
    assert _generator(tmp_path, ARTICLE_URL="meldungen/{slug}/").get_cached_data(NEWS, None) is None
    assert _generator(tmp_path, OUTPUT_PATH=str(tmp_path / "elsewhere")).get_cached_data(NEWS, None) is not None


def test_changed_plugin_code_reads_everything_again(tmp_path):
    _first_build(tmp_path)
    (tmp_path / "plugins" / "reader.py").write_text("# changed\n")
    assert _generator(tmp_path).get_cached_data(NEWS, None) is None


def test_a_new_day_reads_everything_again(tmp_path, monkeypatch):
    # Pelican makes news dated after the clock's today drafts: yesterday's object may be wrong today.
    _first_build(tmp_path)
    monkeypatch.setattr(content_cache, "_clock_date", lambda: dt.date.today() + dt.timedelta(days=1))
    assert _generator(tmp_path).get_cached_data(NEWS, None) is None


def test_files_outside_the_project_are_never_cached(tmp_path):
    generator = _generator(tmp_path)
    generator.cache_data("news/unbekannt.md", _article(generator))
    generator.save_cache()
    assert _generator(tmp_path).get_cached_data("news/unbekannt.md", None) is None


def test_only_the_objects_of_the_last_build_are_kept(tmp_path):
    _first_build(tmp_path)
    generator = _generator(tmp_path)
    generator.save_cache()  # a build that no longer has the file
    assert _generator(tmp_path).get_cached_data(NEWS, None) is None


def test_an_unreadable_entry_is_made_afresh(tmp_path):
    _first_build(tmp_path)
    cache = tmp_path / "cache" / "SimpleNamespace.objects.pickle"
    stored = pickle.loads(cache.read_bytes())
    key, data = stored["objects"][NEWS]
    stored["objects"][NEWS] = (key, data[: len(data) // 2])
    cache.write_bytes(pickle.dumps(stored))
    assert _generator(tmp_path).get_cached_data(NEWS, None) is None


def test_an_object_that_cannot_be_pickled_is_made_every_build(tmp_path):
    generator = _generator(tmp_path)
    article = _article(generator)
    article.handle = open(__file__)  # noqa: SIM115 - what a careless plugin might attach
    try:
        generator.cache_data(NEWS, article)
        generator.save_cache()
    finally:
        article.handle.close()
    assert _generator(tmp_path).get_cached_data(NEWS, None) is None


def test_off_unless_enabled(tmp_path):
    generator = _generator(tmp_path, CONTENT_OBJECT_CACHE=False)
    assert "get_cached_data" not in vars(generator)
