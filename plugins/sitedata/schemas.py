"""JSON Schema files for editors' YAML editors, generated from the pydantic models."""

from __future__ import annotations

import json
from pathlib import Path

from .course_model import Course
from .network_model import Network, Partners, Topics
from .place_model import Node, Venue

SCHEMAS = {
    "network": Network,
    "partners": Partners,
    "topics": Topics,
    "node": Node,
    "venue": Venue,
    "course": Course,
}


def schema_text(name: str) -> str:
    schema = SCHEMAS[name].model_json_schema(mode="validation")
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{name}.schema.json", **schema}
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = folder / f"{name}.schema.json"
        path.write_text(schema_text(name), encoding="utf-8")
        written.append(path)
    return written
