"""Cached pages see only what their cache key covers."""

from __future__ import annotations

from types import SimpleNamespace

from pelican.paginator import Paginator
from pelican.settings import read_settings

from parallel_render.memo import cached_page_context, list_page_arguments


def test_a_cached_page_sees_the_settings_and_site_facts_but_no_other_news_or_course_details():
    context = {
        "SITEURL": "",
        "MARKDOWN": {},
        "network": object(),
        "course_titles": {},
        "articles": [],
        "catalogue": object(),
        "news_by_course": {},
        "something_new": 1,
    }
    assert sorted(cached_page_context(context, "article.html")) == ["MARKDOWN", "SITEURL", "course_titles", "network"]


def test_a_page_of_the_news_list_sees_its_own_entries_and_numbers_only():
    settings = read_settings(None)  # pagination patterns as Pelican prepares them
    news = [SimpleNamespace(title=f"Meldung {n}") for n in range(25)]
    whole = Paginator("index.html", "", news, settings, 10)
    page = {"articles": news, "dates": news, "dates_page": whole.page(2), "page_name": "index"}
    page |= {"articles_paginator": whole, "articles_page": whole.page(2)}
    page |= {"articles_previous_page": whole.page(1), "articles_next_page": whole.page(3)}

    shown = list_page_arguments(page)

    assert sorted(shown) == [
        "articles_next_page",
        "articles_page",
        "articles_paginator",
        "articles_previous_page",
        "page_name",
    ]
    assert shown["articles_page"].object_list == news[10:20]
    assert shown["articles_paginator"].object_list == []
    assert (shown["articles_paginator"].num_pages, shown["articles_paginator"].count) == (3, 25)
    assert shown["articles_previous_page"].object_list == shown["articles_next_page"].object_list == []
    for neighbour in ("articles_previous_page", "articles_page", "articles_next_page"):
        assert shown[neighbour].url == page[neighbour].url and shown[neighbour].save_as == page[neighbour].save_as
    assert shown["articles_page"].has_next() and shown["articles_page"].end_index() == 20
