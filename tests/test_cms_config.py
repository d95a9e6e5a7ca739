"""The web editor's config.yml (Decap CMS) covers every field of every model, with the model's
required flag, choice list and pattern: walked from the pydantic models themselves, so a new model
field without a CMS field fails here."""

from __future__ import annotations

import typing

import pytest
import yaml
from conftest import FIXTURES, build, copy_fixture
from pipeline.cms.admin import DECAP, bundle_files
from pipeline.cms.config import LABELS, MODELS, config, config_text
from pydantic import BaseModel
from sitedata.network_model import Network


def _models_in(annotation) -> list[type[BaseModel]]:
    """The models an annotation holds (``X | None``, ``list[X]``, ``Annotated[X, …]``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in typing.get_args(annotation) for model in _models_in(arg)]


def _check(model: type[BaseModel], fields: list[dict], where: str, optional: bool = False) -> int:
    """Every field of ``model`` in ``fields`` as the model says; returns how many were compared.

    ``optional``: the object may be left out, so nothing inside it is required in the editor (Decap
    refuses to save while an empty optional object's required fields are empty); its hint says
    when a field is needed, and ``invoke check`` still checks it."""
    by_name = {field["name"]: field for field in fields}
    schema = model.model_json_schema(mode="validation")
    checked = 0
    for name, info in model.model_fields.items():
        assert name in by_name, f"{where}.{name}: no CMS field for this model field"
        field = by_name[name]
        assert field["required"] == (info.is_required() and not optional), f"{where}.{name}: required flag"
        if optional and info.is_required():
            assert "Pflicht, sobald" in field["hint"], f"{where}.{name}: hint when it is needed"
        assert field["label"] == LABELS[name] and field["label"] != name, f"{where}.{name}: German label"
        prop = schema["properties"][name]
        inner = next(o for o in prop.get("anyOf", [prop]) if o.get("type") != "null")
        inner = schema.get("$defs", {}).get(inner.get("$ref", "#/").rsplit("/", 1)[1], inner)
        if "enum" in inner:
            assert field["widget"] == "select" and field["options"] == inner["enum"], f"{where}.{name}: choices"
        if "pattern" in inner and field["widget"] != "image":
            assert field["pattern"][0] == inner["pattern"], f"{where}.{name}: pattern"
            assert field["pattern"][1].startswith("Bitte"), f"{where}.{name}: German pattern message"
        if "items" in inner and "pattern" in inner["items"]:
            assert field["field"]["pattern"][0] == inner["items"]["pattern"], f"{where}.{name}: item pattern"
        if "minItems" in inner:
            assert field["min"] == inner["minItems"], f"{where}.{name}: minimum count"
        checked += 1
        for nested in _models_in(info.annotation):
            # An item exists only once added, so its rules hold even inside an optional object.
            in_list = field["widget"] == "list"
            checked += _check(
                nested, field["fields"], f"{where}.{name}", not in_list and (optional or not field["required"])
            )
    assert set(by_name) - set(model.model_fields) <= {"body"}, f"{where}: CMS fields the model does not have"
    return checked


def _collections(settings: dict) -> dict[str, list[dict]]:
    found = {}
    for collection in settings["collections"]:
        for entry in collection.get("files", [collection]):
            found[entry["name"]] = entry["fields"]
    return found


def test_every_model_field_is_a_cms_field_with_its_rules():
    network = Network.model_validate(yaml.safe_load((FIXTURES / "minimal" / "data" / "network.yml").read_text()))
    settings = yaml.safe_load(config_text(network, "http://127.0.0.1:8081/api/v1"))
    assert settings == config(network, "http://127.0.0.1:8081/api/v1")  # no aliases, nothing lost in YAML
    assert settings["locale"] == "de"
    collections = _collections(settings)
    assert set(collections) == set(MODELS)
    assert sum(_check(model, collections[name], name) for name, model in MODELS.items()) > 120  # all 127 in all kinds
    for name in ("news", "pages"):
        body = collections[name][-1]
        assert body["name"] == "body" and body["widget"] == "markdown"


def test_the_backend_comes_from_network_yml():
    data = yaml.safe_load((FIXTURES / "minimal" / "data" / "network.yml").read_text())
    local = config(Network.model_validate(data), "http://127.0.0.1:9999/api/v1")
    assert local["backend"]["name"] == "proxy" and local["local_backend"] == {"url": "http://127.0.0.1:9999/api/v1"}
    data["cms"] = {"backend": "gitlab", "repo": "netz/website", "app_id": "abc", "editorial_workflow": True}
    hosted = config(Network.model_validate(data))
    assert hosted["backend"] == {"name": "gitlab", "repo": "netz/website", "branch": "main", "app_id": "abc",
                                 "auth_type": "pkce"}  # fmt: skip
    assert hosted["publish_mode"] == "editorial_workflow" and "local_backend" not in hosted


@pytest.mark.slow  # builds a site
def test_a_network_with_a_backend_gets_admin_in_its_build_and_one_without_does_not(tmp_path):
    site = copy_fixture("minimal", tmp_path / "site")
    plain = tmp_path / "plain"
    assert build(site, plain).returncode == 0
    assert not (plain / "admin").exists()  # public output unchanged without a backend

    network = site / "data" / "network.yml"
    network.write_text(network.read_text() + "cms:\n  backend: github\n  repo: netz/website\n", encoding="utf-8")
    output = tmp_path / "output"
    result = build(site, output)
    assert result.returncode == 0, result.stderr
    admin = output / "admin"
    settings = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert settings["backend"] == {"name": "github", "repo": "netz/website", "branch": "main"}
    assert "local_backend" not in settings
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in page and 'src="decap/decap-cms.js"' in page and "https://" not in page
    assert (admin / "decap" / "decap-cms.js").read_bytes() == (DECAP / "decap-cms.js").read_bytes()  # pinned copy
    assert {path.name for path in bundle_files()} == {path.name for path in (admin / "decap").iterdir()}
    assert "admin/" not in (output / "sitemap.xml").read_text(encoding="utf-8")


def test_a_course_chooses_kind_and_format_from_the_networks_vocabulary():
    data = yaml.safe_load((FIXTURES / "itas" / "data" / "network.yml").read_text())
    network = Network.model_validate(data)
    fields = {field["name"]: field for field in _collections(config(network))["courses"]}
    assert fields["kind"]["widget"] == "select" and fields["kind"]["options"] == network.course_kinds
    assert "Kongress" in fields["kind"]["options"]
    assert fields["format"]["options"] == [{"label": f.label, "value": f.id} for f in network.course_formats]
    # a network that declares none offers the defaults
    del data["course_kinds"], data["course_formats"]
    fields = {field["name"]: field for field in _collections(config(Network.model_validate(data)))["courses"]}
    assert fields["kind"]["options"] == ["Lehrgang", "Seminar", "Workshop", "Veranstaltung", "Sprechtag"]
    assert [option["label"] for option in fields["format"]["options"]] == ["Präsenz", "Hybrid", "Online"]
