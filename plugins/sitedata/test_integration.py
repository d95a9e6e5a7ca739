from pathlib import Path
from types import SimpleNamespace

import jinja2
from pelican.contents import Article, Static
from pelican.settings import DEFAULT_CONFIG

from .integration import cache_compiled_templates, keep_urls


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


def test_compiled_templates_are_kept_apart_for_other_environment_options(tmp_path):
    loader = jinja2.DictLoader({"t.html": "{{ x }}"})

    def rendered(options: dict) -> tuple[str, str]:
        settings = {"TEMPLATE_CACHE": True, "CACHE_PATH": str(tmp_path), "JINJA_ENVIRONMENT": options}
        generator = SimpleNamespace(settings=settings, env=jinja2.Environment(loader=loader, **options))
        cache_compiled_templates(generator)
        return generator.env.bytecode_cache.directory, generator.env.get_template("t.html").render(x="<b>")

    escaping, plain = rendered({"autoescape": True}), rendered({"autoescape": False})
    assert escaping[1] == "&lt;b&gt;" and plain[1] == "<b>"  # compiled code differs with autoescape
    assert escaping[0] != plain[0]
    assert rendered({"autoescape": True}) == escaping and any(Path(escaping[0]).iterdir())
