"""Template fragments rendered once per build process and reused on every page that shows them.

One course run's entry appears on up to a dozen list pages: the catalogue, the filters by
topic, place and format, its topic's and node's pages, a month, the home page. At 1,000
courses the list pages rendered ~13,000 entries for ~2,000 runs, two thirds of their time.
"""

from __future__ import annotations

from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context, Macro
from markupsafe import Markup


class Fragments:
    """The ``once`` template function: ``once(macro, *args)`` is ``macro(*args)``, rendered once.

    Only for macros whose HTML depends on nothing but their arguments and values that are the
    same for every page of a build (``links``, ``today``, settings). ``SITEURL`` is part of the
    key all the same, as Pelican can make it relative to each page. Arguments count by identity
    (the same run object) or, for strings and numbers, by value.
    """

    def __init__(self) -> None:
        # key -> (the arguments, kept so that their ids stay theirs, and the HTML)
        self._made: dict[tuple, tuple[tuple, Markup]] = {}

    @pass_context
    def __call__(self, context: Context, macro: Macro, *args: Any) -> Markup:
        key = (macro.name, context.get("SITEURL"), *(_identity(arg) for arg in args))
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = (args, macro(*args))
        return made[1]


def _identity(value: Any) -> object:
    return value if isinstance(value, str | int | float | bool | None) else ("id", id(value))
