from pelican.contents import Article, Static
from pelican.settings import DEFAULT_CONFIG

from .integration import keep_urls


def _settings() -> dict:
    return {**DEFAULT_CONFIG, "ARTICLE_URL": "aktuelles/{slug}/", "ARTICLE_SAVE_AS": "aktuelles/{slug}/index.html"}


def test_urls_are_kept_as_pelicans_overrides():
    article = Article("<p>x</p>", {"title": "T", "slug": "eine-meldung"}, settings=_settings())
    keep_urls(article)
    assert article.override_url == article.url == "aktuelles/eine-meldung/"
    assert article.override_save_as == article.save_as == "aktuelles/eine-meldung/index.html"


def test_static_files_stay_movable():
    static = Static("", {"title": "bild"}, settings=_settings(), source_path="bilder/a.png")
    keep_urls(static)
    assert not hasattr(static, "override_url") and not hasattr(static, "override_save_as")
