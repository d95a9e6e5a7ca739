"""Which templates' pages the indexer waits for: those that can carry Pagefind's marker."""

from __future__ import annotations

from jinja2 import DictLoader, Environment

from .generator import renders_searchable

TEMPLATES = {
    "base.html": "<main>{% block content %}{% endblock %}</main>",
    "article.html": '{% extends "base.html" %}{% block content %}<article data-pagefind-body>…</article>{% endblock %}',
    "list.html": '{% extends "base.html" %}{% block content %}<ul></ul>{% endblock %}',
    "_body.html": "<div data-pagefind-body>…</div>",
    "node.html": '{% extends "base.html" %}{% block content %}{% include "_body.html" %}{% endblock %}',
}


def test_a_template_is_searchable_if_it_or_a_template_it_uses_has_the_marker() -> None:
    environment = Environment(loader=DictLoader(TEMPLATES))
    found = {name: renders_searchable(environment.get_template(name)) for name in TEMPLATES}
    assert found == {
        "base.html": False,
        "article.html": True,
        "list.html": False,
        "_body.html": True,
        "node.html": True,
    }
