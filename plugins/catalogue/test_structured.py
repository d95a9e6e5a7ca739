"""JSON-LD pieces that take template values, and the one spelling of each course format."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import get_args

from markupsafe import Markup
from sitedata.course_model import FORMAT_LABELS, CourseFormat

from .filters import format_label
from .structured import StructuredData, jsonld
from .views import FORMAT_SLUGS


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


def test_every_format_has_one_label_and_one_slug():
    assert set(FORMAT_LABELS) == set(get_args(CourseFormat)) == set(FORMAT_SLUGS)
    assert [format_label(f) for f in ("Präsenz", "hybrid", "online")] == ["Präsenz", "Hybrid", "Online"]
