"""JSON-LD pieces that take template values, and the one spelling of each course format."""

from __future__ import annotations

import json
from types import SimpleNamespace

from markupsafe import Markup
from sitedata.network_model import Network

from .filters import format_label
from .links import Links
from .structured import StructuredData, iso_duration, jsonld


def test_breadcrumbs_carry_text_and_absolute_addresses():
    structured = StructuredData(SimpleNamespace(site_url="https://netz.example/"), {}, None)
    # A page title reaches the template as escaped markup; the JSON must hold its text.
    trail = [("Start", ""), ("Aktuelles", "aktuelles/"), (Markup("F&amp;E <i>heute</i>"), "aktuelles/fe/")]
    data = json.loads(jsonld(structured.breadcrumbs(trail)))
    assert data["@type"] == "BreadcrumbList"
    assert [(i["position"], i["name"], i["item"]) for i in data["itemListElement"]] == [
        (1, "Start", "https://netz.example/"),
        (2, "Aktuelles", "https://netz.example/aktuelles/"),
        (3, "F&E <i>heute</i>", "https://netz.example/aktuelles/fe/"),
    ]


def test_a_network_without_formats_has_the_three_defaults_with_one_label_and_one_address():
    network = Network.model_construct(course_formats=Network.model_fields["course_formats"].default_factory())
    context = {"network": network}
    assert [format_label(context, f) for f in ("Präsenz", "hybrid", "online")] == ["Präsenz", "Hybrid", "Online"]
    assert [Links(None).courses_in_format(f) for f in ("Präsenz", "hybrid", "online")] == [
        "kurse/format/praesenz/",
        "kurse/format/hybrid/",
        "kurse/format/online/",
    ]
    assert [network.attendance(f) for f in ("Präsenz", "hybrid", "online")] == ["vor Ort", "hybrid", "online"]


def test_workload_is_an_iso_8601_duration_of_45_minute_units():
    assert iso_duration(16 * 45) == "PT12H"
    assert iso_duration(2 * 45) == "PT1H30M"
    assert iso_duration(45) == "PT45M"
    assert iso_duration(0) == "PT0M"
