"""The JSON Schema files editors' YAML editors use are current and accept the real data."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import FIXTURES, REPO
from sitedata.schemas import SCHEMAS, schema_text
from sitedata.yamlsource import parse_yaml


@pytest.mark.parametrize("name", SCHEMAS)
def test_committed_schema_is_generated_from_models(name):
    committed = (REPO / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(name), "run `invoke schemas` and commit the result"


def _data_files():
    for root in (REPO, FIXTURES / "itas", FIXTURES / "molewa", FIXTURES / "minimal"):
        data = root / "data"
        marks = [pytest.mark.content] if root == REPO else []  # the real site's data; the fixtures are the engine's
        for name in ("network", "partners", "topics"):
            yield pytest.param(data / f"{name}.yml", name, marks=marks)
        for kind, folder in (("node", "nodes"), ("venue", "venues"), ("course", "courses")):
            for path in sorted((data / folder).glob("*.yml")):
                yield pytest.param(path, kind, marks=marks)


@pytest.mark.parametrize(("path", "kind"), list(_data_files()), ids=lambda v: str(v).replace(str(REPO), ""))
def test_shipped_yaml_validates_against_its_schema(path: Path, kind: str):
    problems = []
    doc = parse_yaml(path.read_text(encoding="utf-8"), str(path), problems)
    assert not problems
    schema = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc.data, schema)


def test_schema_rejects_a_typo_like_the_editor_would_see():
    schema = json.loads((REPO / "schemas" / "course.schema.json").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError, match="titel"):
        jsonschema.validate({"titel": "x"}, schema)
