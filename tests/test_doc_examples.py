"""Every YAML and Markdown example in the editors' handbook is valid for the models.

Each fenced ``yaml``/``markdown`` block carries an HTML comment on the line before:
``<!-- beispiel: course -->`` (a whole file, validated as that model) or
``<!-- ausschnitt: run -->`` (a part: each top-level key validated as that model's field, or
each list item as that model). An unmarked block fails, so no example goes unchecked.
"""

from __future__ import annotations

import re
import textwrap
from typing import Annotated

import pytest
from conftest import REPO
from pydantic import TypeAdapter
from sitedata import course_model, models, network_model, place_model
from sitedata.frontmatter import split
from sitedata.yamlsource import parse_yaml

DOCS = ("docs/redaktion.md", "docs/datenmodell.md")
MODELS = {
    "course": course_model.Course,
    "run": course_model.Run,
    "session": course_model.Session,
    "place": course_model.Place,
    "node": place_model.Node,
    "venue": place_model.Venue,
    "network": network_model.Network,
    "news": models.NewsMeta,
    "page": models.PageMeta,
}
_BLOCK = re.compile(r"^(?:<!-- (beispiel|ausschnitt): (\w+) -->\n)?```(yaml|markdown)\n(.*?)^```$", re.M | re.S)


def _examples():
    for doc in DOCS:
        text = (REPO / doc).read_text(encoding="utf-8")
        for match in _BLOCK.finditer(text):
            line = text[: match.start(3)].count("\n") + 1
            yield pytest.param(*match.group(1, 2, 3, 4), id=f"{doc}:{line}")


@pytest.mark.parametrize(("kind", "model", "language", "body"), list(_examples()))
def test_handbook_example_is_valid(kind: str | None, model: str | None, language: str, body: str):
    assert kind, "mark the example with <!-- beispiel: MODELL --> or <!-- ausschnitt: MODELL --> before it"
    if language == "markdown":
        front = split(body)
        assert front is not None, "a Markdown example starts with its front matter"
        body = front.yaml_text
    problems: list = []
    doc = parse_yaml(textwrap.dedent(body), "beispiel.yml", problems)
    assert not problems, [str(p) for p in problems]
    cls = MODELS[model]
    if kind == "beispiel":
        cls.model_validate(doc.data)
    elif isinstance(doc.data, list):
        for item in doc.data:
            cls.model_validate(item)
    elif isinstance(doc.data, dict):
        for key, value in doc.data.items():
            field = cls.model_fields[key]
            annotation = Annotated[field.annotation, *field.metadata] if field.metadata else field.annotation
            TypeAdapter(annotation).validate_python(value)
    else:
        assert doc.data is None, "an excerpt is keys with values, a list, or a comment only"


def test_examples_are_found():
    assert len(list(_examples())) >= 10
