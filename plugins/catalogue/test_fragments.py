"""A fragment is rendered once per set of arguments, and never shown where it would differ."""

from __future__ import annotations

from jinja2 import DictLoader, Environment

from .fragments import Fragments

MACROS = """{% macro item(run, heading) %}<{{ heading }}>{{ SITEURL }}/{{ run.name }} {{ count(run) }}</{{ heading }}>{% endmacro %}"""
PAGE = """{% from "macros.html" import item with context %}{% for run in runs %}{{ once(item, run, heading) }}{% endfor %}"""


class Run:
    def __init__(self, name: str) -> None:
        self.name = name


def render_pages(pages: list[dict]) -> tuple[list[str], dict[str, int]]:
    calls: dict[str, int] = {}

    def count(run: Run) -> int:
        calls[run.name] = calls.get(run.name, 0) + 1
        return calls[run.name]

    env = Environment(loader=DictLoader({"macros.html": MACROS, "page.html": PAGE}), autoescape=True)
    once = Fragments()
    page = env.get_template("page.html")
    return [page.render(once=once, count=count, **values) for values in pages], calls


def test_the_same_run_is_rendered_once_for_all_pages() -> None:
    a, b = Run("a"), Run("b")
    html, calls = render_pages(
        [{"runs": [a, b], "heading": "h3", "SITEURL": ""}] * 2 + [{"runs": [b], "heading": "h3", "SITEURL": ""}]
    )
    assert calls == {"a": 1, "b": 1}
    assert html == ["<h3>/a 1</h3><h3>/b 1</h3>"] * 2 + ["<h3>/b 1</h3>"]


def test_other_arguments_or_another_siteurl_render_again() -> None:
    a = Run("a")
    html, calls = render_pages(
        [
            {"runs": [a], "heading": "h3", "SITEURL": ""},
            {"runs": [a], "heading": "h2", "SITEURL": ""},
            {"runs": [a], "heading": "h3", "SITEURL": "../.."},
            {"runs": [Run("a")], "heading": "h3", "SITEURL": ""},  # another object of the same name
        ]
    )
    assert html == ["<h3>/a 1</h3>", "<h2>/a 2</h2>", "<h3>../../a 3</h3>", "<h3>/a 4</h3>"]
    assert calls == {"a": 4}
