"""Jinja filters for German dates and Markdown fields, independent of system locales."""

from __future__ import annotations

import datetime as dt
from functools import cache, lru_cache

from babel import Locale
from babel.dates import format_date, format_datetime, format_time
from jinja2 import pass_context
from markupsafe import Markup
from sitedata.course_model import LANGUAGE_NAMES, Price
from sitedata.markdown_text import make_markdown
from sitedata.problems import readable, shortened
from sitedata.rendering import EXPECTED, MarkdownFailed, convert
from sitedata.settings import SiteSettings

from .structured import jsonld

# Parsed once: Babel re-parses a locale given as a string on every call. The date filters are
# memoised because a catalogue page formats the same few hundred dates again and again.
LOCALE = Locale.parse("de_DE")


@cache
def date_de(value: dt.date | dt.datetime, fmt: str = "long") -> str:
    """``1. März 2024`` (long), ``01.03.2024`` (medium), ``Freitag, 1. März 2024`` (full)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    return format_date(value, format=fmt, locale=LOCALE)


@cache
def weekday_de(value: dt.date | dt.datetime, fmt: str = "EEE") -> str:
    """``Fr.`` by default, ``Freitag`` with ``EEEE``."""
    return format_date(value, format=fmt, locale=LOCALE)


@cache
def time_de(value: dt.datetime) -> str:
    """``09:00``."""
    return format_time(value, format="HH:mm", locale=LOCALE)


@cache
def month_de(value: dt.date | dt.datetime) -> str:
    """``März 2027``."""
    return format_date(value, format="LLLL y", locale=LOCALE)


def iso(value: dt.date | dt.datetime) -> str:
    """Machine-readable value for ``<time datetime>``."""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat()


def euro(value: object) -> str:
    """``kostenfrei`` for 0, otherwise ``1.290,00 €``."""
    from babel.numbers import format_currency

    if not value:
        return "kostenfrei"
    return format_currency(value, "EUR", locale=LOCALE)


def price_de(price: Price | None) -> str:
    """What a course costs, as the site says it everywhere: never a claim while the price is unknown.

    ``290,00 €, ermäßigt 190,00 € (Mitglieder)``, ``kostenfrei``, ``auf Anfrage``, ``noch nicht bekannt``.
    """
    if price is None:
        return "noch nicht bekannt"
    text = "auf Anfrage" if price.on_request else euro(price.regular)
    if price.reduced is not None:
        text += f", ermäßigt {euro(price.reduced)}" + (f" ({price.reduced_for})" if price.reduced_for else "")
    return text


def language_de(code: str) -> str:
    """``Englisch`` for ``en`` (CLDR's German names)."""
    return LANGUAGE_NAMES[code]


def number_de(value: int) -> str:
    """``1.234``: German digit grouping."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=LOCALE)


@pass_context
def format_label(context, value: str) -> str:
    """``Online`` for ``online``: the network's spelling of a course format (network.yml's course_formats)."""
    return context["network"].format_label(value)


def make_markdown_filter(settings: dict):
    renderer, seconds = make_markdown(settings), SiteSettings.of(settings).MARKDOWN_TIME_LIMIT

    @lru_cache(maxsize=4096)
    def markdown(text: str | None) -> Markup:
        """Render an editor's Markdown field (raw HTML in it is escaped)."""
        nonlocal renderer
        if not text:
            return Markup("")
        try:
            return Markup(convert(renderer, text, seconds))
        except MarkdownFailed as failed:
            renderer = make_markdown(settings)
            # A template knows the text, not its file: the text's beginning lets an editor find it.
            raise MarkdownFailed(readable(f"Feld „{shortened(text)}“: {failed} — erwartet: {EXPECTED}")) from None

    return markdown


@cache
def datetime_de(value: dt.datetime, fmt: str = "EEEE, d. MMMM y, HH:mm 'Uhr'") -> str:
    return format_datetime(value, format=fmt, locale=LOCALE)


def register_filters(settings: dict) -> None:
    settings.setdefault("JINJA_FILTERS", {}).update(
        {
            "date_de": date_de,
            "weekday_de": weekday_de,
            "time_de": time_de,
            "month_de": month_de,
            "datetime_de": datetime_de,
            "iso": iso,
            "euro": euro,
            "price_de": price_de,
            "language_de": language_de,
            "number_de": number_de,
            "format_label": format_label,
            "markdown": make_markdown_filter(settings),
            "jsonld": jsonld,
        }
    )
