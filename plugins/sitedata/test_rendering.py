"""The time limit and the recursion guard around python-markdown (rendering.py)."""

from __future__ import annotations

import time

import pytest

import pelicanconf
from sitedata.markdown_text import make_markdown
from sitedata.rendering import MarkdownFailed, convert


def renderer():
    return make_markdown({"MARKDOWN": pelicanconf.MARKDOWN})


def test_a_text_that_takes_too_long_fails_within_the_limit():
    started = time.monotonic()
    with pytest.raises(MarkdownFailed, match="nicht in 0,5 s umwandeln"):
        convert(renderer(), "[" * 20_000, seconds=0.5)
    assert time.monotonic() - started < 5


def test_a_definition_list_that_recurses_too_deep_fails_in_german():
    with pytest.raises(MarkdownFailed, match="zu tief verschachtelt"):
        convert(renderer(), "a\n: b\n" * 2_500)


def test_an_ordinary_text_converts_and_leaves_no_alarm_behind():
    assert convert(renderer(), "Ein **fetter** [Link](https://example.org).", seconds=0.5).startswith("<p>")
    time.sleep(0.6)  # an alarm left set would raise here
