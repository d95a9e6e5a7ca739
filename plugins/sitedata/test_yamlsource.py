"""Unit tests for reading YAML with line numbers and without YAML's dangerous corners."""

from __future__ import annotations

import time

import pytest

from sitedata.frontmatter import split
from sitedata.yamlsource import parse_yaml


def parse(text: str, offset: int = 0):
    problems = []
    return parse_yaml(text, "x.yml", problems, line_offset=offset), problems


def test_lines_of_nested_values():
    doc, problems = parse("runs:\n  - id: a\n    sessions:\n      - id: s1\n        end: x\n")
    assert not problems
    assert doc.line_of(("runs", 0, "sessions", 0, "end")) == 5
    # A missing key is located at its parent.
    assert doc.line_of(("runs", 0, "sessions", 0, "start")) == 4


def test_timestamps_stay_text_for_the_models():
    doc, _ = parse("start: 2027-03-04 09:00:00\nday: 2027-03-04\n")
    assert doc.data == {"start": "2027-03-04 09:00:00", "day": "2027-03-04"}


def test_billion_laughs_is_refused_quickly():
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    started = time.perf_counter()
    doc, problems = parse("\n".join(lines) + "\n")
    assert doc is None
    assert problems and "Anker und Verweise" in problems[0].message
    assert time.perf_counter() - started < 5  # generous; the point is: no exponential expansion


def test_duplicate_keys_are_reported_not_overwritten():
    doc, problems = parse("title: a\ntitle: b\n")
    assert doc.data == {"title": "a"}
    assert [(p.line, p.field) for p in problems] == [(2, "title")]


def test_front_matter_lines_count_from_the_file_start():
    parts = split("---\ntitle: x\nbad: [\n---\nText\n")
    doc, problems = parse(parts.yaml_text, parts.line_offset)
    assert doc is None
    assert problems[0].line >= 3
    assert parts.body == "Text\n"


def test_deep_nesting_is_refused():
    doc, problems = parse("a: " + "[" * 40 + "]" * 40 + "\n")
    assert doc is None and "verschachtelt" in problems[0].message


@pytest.mark.parametrize(
    ("text", "line", "field", "message"),
    [
        ("a: 1\nb: !!int abc\n", 2, "b", "Wert passt nicht zur Typangabe !!int"),
        ("a: !!bool vielleicht\n", 1, "a", "Wert passt nicht zur Typangabe !!bool"),
        ("a:\n  b: !!map text\n", 2, "a.b", "Wert passt nicht zur Typangabe !!map"),
        ("a: [!!float x]\n", 1, "a[0]", "Wert passt nicht zur Typangabe !!float"),
        ("a: 1\n!x b: 2\n", 2, "", "Schlüssel passt nicht zur Typangabe !x"),
        ("a: !!binary aGk=\n", 1, "a", "unbekannter YAML-Typ !!binary"),
    ],
)
def test_values_that_do_not_fit_their_tag_are_located_problems(text, line, field, message):
    doc, problems = parse(text, offset=3)
    assert doc is None
    assert [(p.line, p.field, p.message) for p in problems] == [(line + 3, field, message)]


def test_standard_tags_still_give_their_types():
    doc, problems = parse("a: !!int 12\nb: !!str 3\nc: !!float 1\nd: !!bool yes\ne: !!null ''\n!!int 7: x\n")
    assert not problems
    assert doc.data == {"a": 12, "b": "3", "c": 1.0, "d": True, "e": None, "7": "x"}


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("01067", "01067"),  # YAML 1.1: octal 567
        ("04103", "04103"),  # YAML 1.1: octal 2115
        ("no", "no"),  # YAML 1.1: False
        ("on", "on"),  # YAML 1.1: True
        ("10:00", "10:00"),  # YAML 1.1: sexagesimal 600
        ("0,00", "0,00"),
        ("0x1F", "0x1F"),
        ("2024", 2024),
        ("-3", -3),
        ("1.50", 1.5),
        ("true", True),
        ("~", None),
        ("", None),
    ],
)
def test_plain_scalars_keep_what_the_editor_typed(written, value):
    doc, problems = parse(f"a: {written}\n")
    assert not problems
    assert doc.data == {"a": value}
    assert type(doc.data["a"]) is type(value)
