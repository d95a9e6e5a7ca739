"""Place nodes on a small map drawn at build time (inline SVG, no tiles, no map library)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from sitedata.models import Node

WIDTH = 640
PADDING = 60


@dataclass(frozen=True)
class Point:
    node: Node
    x: float
    y: float
    label_left: bool  # labels of eastern nodes go to the left, so they stay inside the frame


@dataclass(frozen=True)
class MapLayout:
    width: int
    height: int
    points: tuple[Point, ...]


def layout(nodes: list[Node]) -> MapLayout | None:
    """An equirectangular projection scaled by the cosine of the mean latitude: true enough for a region."""
    if not nodes:
        return None
    lats = [n.coordinates.lat for n in nodes]
    lons = [n.coordinates.lon for n in nodes]
    scale_x = math.cos(math.radians(sum(lats) / len(lats)))
    span_x = max((max(lons) - min(lons)) * scale_x, 0.2)
    span_y = max(max(lats) - min(lats), 0.2)
    inner = WIDTH - 2 * PADDING
    factor = inner / max(span_x, span_y)
    height = round(span_y * factor + 2 * PADDING)
    mid_lon = (max(lons) + min(lons)) / 2
    points = []
    for node in nodes:
        x = WIDTH / 2 + (node.coordinates.lon - mid_lon) * scale_x * factor
        y = PADDING + (max(lats) - node.coordinates.lat) * factor
        points.append(Point(node, round(x, 1), round(y, 1), x > WIDTH * 0.6))
    return MapLayout(WIDTH, height, tuple(points))
