"""The node map: outline and nodes in one projection, labels that cover nothing."""

from __future__ import annotations

import re

import pytest
from sitedata.geodata import Outline
from sitedata.place_model import Node, Venue

from .network_map import DOT, WIDTH, layout

SQUARE = Outline(((((10.0, 50.0), (12.0, 50.0), (12.0, 52.0), (10.0, 52.0), (10.0, 50.0))),))


def node(name: str, lat: float, lon: float) -> Node:
    return Node.model_validate(
        {
            "name": name,
            "district": "Kreis",
            "host": "traeger",
            "address": {"postcode": "12345", "city": name},
            "coordinates": {"lat": lat, "lon": lon},
            "contact": {"role": "Büro", "phone": "0123 45678"},
            "description": "Text.",
        }
    )


def _outline_points(path: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r"([\d.]+) ([\d.]+)", path)]


def test_nodes_stand_inside_the_outline_and_east_is_right():
    nodes = [node("West", 51.0, 10.2), node("Ost", 51.0, 11.8), node("Nord", 51.9, 11.0), node("Süd", 50.1, 11.0)]
    drawn = layout(nodes, SQUARE, "Umriss: Test")
    corners = _outline_points(drawn.outline)
    left, right = min(x for x, _ in corners), max(x for x, _ in corners)
    top, bottom = min(y for _, y in corners), max(y for _, y in corners)
    by_name = {point.place.name: point for point in drawn.points}
    for point in drawn.points:
        assert left < point.x < right and top < point.y < bottom
    assert by_name["West"].x < by_name["Ost"].x and by_name["Nord"].y < by_name["Süd"].y
    # cos(51°) ≈ 0.63: two degrees of longitude are drawn narrower than two of latitude
    assert (right - left) / (bottom - top) == pytest.approx(0.63, abs=0.01)
    assert left >= 0 and right <= WIDTH and drawn.attribution == "Umriss: Test"


def test_labels_cover_no_other_dot():
    # Three nodes close together: a label that would cover a neighbour moves aside.
    nodes = [node("Westheim", 50.98, 10.32), node("Mittenstadt", 50.95, 10.70), node("Nordheim-Ost", 51.10, 10.50)]
    drawn = layout(nodes, Outline(((((9.8, 50.2), (12.7, 50.2), (12.7, 51.7), (9.8, 51.7), (9.8, 50.2))),)))
    assert {point.anchor for point in drawn.points} != {"start"}  # some label had to move
    for point in drawn.points:
        width = len(point.place.name) * 20 * 0.62
        left = {"start": point.label_x, "end": point.label_x - width, "middle": point.label_x - width / 2}[point.anchor]
        for other in drawn.points:
            if other is not point:
                covers_x = left - DOT < other.x < left + width + DOT
                covers_y = point.label_y - 15 - DOT < other.y < point.label_y + 5 + DOT
                assert not (covers_x and covers_y), (point.place.name, other.place.name)


def test_without_an_outline_the_nodes_fill_the_frame():
    drawn = layout([node("A", 51.0, 10.0), node("B", 50.5, 11.0)])
    assert drawn.outline == "" and len(drawn.points) == 2


def venue(name: str, lat: float | None = None, lon: float | None = None) -> Venue:
    coordinates = {"coordinates": {"lat": lat, "lon": lon}} if lat is not None else {}
    return Venue.model_validate({"name": name, "address": {"postcode": "12345", "city": "Ort"}, **coordinates})


def test_venues_are_drawn_apart_and_never_widen_a_map_without_outline():
    nodes = [node("A", 51.0, 10.0), node("B", 50.5, 11.0)]
    alone = layout(nodes)
    venues = (venue("Halle", 50.8, 10.5), venue("Ohne Lage"), venue("Weit weg", 48.0, 8.0))
    drawn = layout(nodes, venues=venues)
    assert [(p.place.name, p.is_venue) for p in drawn.points] == [("A", False), ("B", False), ("Halle", True)]
    # the nodes stand where they stood without venues
    assert [(p.x, p.y) for p in drawn.points[:2]] == [(p.x, p.y) for p in alone.points]
