"""The editors' data model reference names every field the models accept."""

from __future__ import annotations

from conftest import REPO
from pydantic import BaseModel
from sitedata import course_model, models, network_model, place_model


def _all_fields() -> set[str]:
    names = set()
    for module in (models, network_model, place_model, course_model):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, BaseModel) and value.__module__ == module.__name__:
                names.update(field.alias or name for name, field in value.model_fields.items())
    return names


def test_every_field_is_documented():
    reference = (REPO / "docs" / "datenmodell.md").read_text(encoding="utf-8")
    missing = sorted(name for name in _all_fields() if f"`{name}`" not in reference and f".{name}`" not in reference)
    assert not missing, f"fields missing from docs/datenmodell.md: {missing}"
