"""Cached pages see only what their cache key covers."""

from __future__ import annotations

from parallel_render.memo import cached_page_context


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
    assert sorted(cached_page_context(context)) == ["MARKDOWN", "SITEURL", "course_titles", "network"]
