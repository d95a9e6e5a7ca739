"""Place nodes and venues on a small map drawn at build time (inline SVG, no tiles, no map library).

With a region outline from data/map/ (network.yml ``map``) the map shows the region's shape and
the nodes at their coordinates inside it; without one, the nodes alone, scaled to fill the frame.
Venues (data/venues/) are drawn too, with a marker of their own; they never widen the frame
of a map without an outline (a far venue would shrink the nodes to a cluster).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sitedata.geodata import Outline
from sitedata.place_model import Location, Node, Venue

WIDTH = 480  # map units; at 390 px a label of 20 units is still about 15 px high
PADDING = 60  # nodes alone: room for the labels around them
OUTLINE_PADDING = 12  # with an outline the labels stand inside it


LABEL_SIZE = 20  # font size of the labels in map units (site.css: .map-label)
DOT = 9  # radius of a node's dot


@dataclass(frozen=True)
class Point:
    place: Location  # a Node or a Venue
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str  # text-anchor of the label: start (right of the dot), end (left), middle (above, below)

    @property
    def is_venue(self) -> bool:
        return isinstance(self.place, Venue)


@dataclass(frozen=True)
class MapLayout:
    width: int
    height: int
    points: tuple[Point, ...]
    outline: str = ""  # SVG path data of the region, empty without an outline
    attribution: str = ""


def layout(
    nodes: list[Node], outline: Outline | None = None, attribution: str = "", venues: tuple[Venue, ...] = ()
) -> MapLayout | None:
    """An equirectangular projection scaled by the cosine of the mean latitude: true enough for a region."""
    if not nodes:
        return None
    if outline is not None:
        west, south, east, north = outline.bbox
        padding = OUTLINE_PADDING
    else:
        lats = [n.coordinates.lat for n in nodes]
        lons = [n.coordinates.lon for n in nodes]
        west, south, east, north = min(lons), min(lats), max(lons), max(lats)
        padding = PADDING
    scale_x = math.cos(math.radians((south + north) / 2))
    span_x = max((east - west) * scale_x, 0.2)
    span_y = max(north - south, 0.2)
    factor = (WIDTH - 2 * padding) / max(span_x, span_y)
    height = round(span_y * factor + 2 * padding)
    # Centred: a region (or a set of nodes) taller than wide keeps its middle in the frame's middle.
    mid_lon, mid_lat = (west + east) / 2, (south + north) / 2

    def project(lon: float, lat: float) -> tuple[float, float]:
        return WIDTH / 2 + (lon - mid_lon) * scale_x * factor, height / 2 + (mid_lat - lat) * factor

    dots = [
        (place, *project(place.coordinates.lon, place.coordinates.lat))
        for place in (*nodes, *(v for v in venues if v.coordinates))
    ]
    # a venue outside the frame is left out (with an outline, checks.py already refused it)
    dots = [(place, x, y) for place, x, y in dots if isinstance(place, Node) or (0 <= x <= WIDTH and 0 <= y <= height)]
    points = _labelled(dots, height)
    path = ""
    if outline is not None:
        path = "".join(
            "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in (project(lon, lat) for lon, lat in ring)) + "Z"
            for ring in outline.rings
        )
    return MapLayout(WIDTH, height, tuple(points), path, attribution)


Box = tuple[float, float, float, float]  # left, top, right, bottom


def _labelled(dots: list[tuple[Location, float, float]], height: int) -> list[Point]:
    """Each label beside its dot where it covers no dot, no other label and stays in the frame:
    right, left, above or below, the first that fits (else right, or left in the east)."""
    taken: list[Box] = [(x - DOT, y - DOT, x + DOT, y + DOT) for _, x, y in dots]
    points = []
    for place, x, y in dots:
        # A rough width for bold system fonts: wide enough that neighbours never touch.
        width = len(place.name) * LABEL_SIZE * 0.62
        gap, up, down = DOT + 5, LABEL_SIZE * 0.75, LABEL_SIZE * 0.25
        candidates = [
            (x + gap, y + 6, "start", (x + gap, y - up, x + gap + width, y + down)),
            (x - gap, y + 6, "end", (x - gap - width, y - up, x - gap, y + down)),
            (x, y - gap - 2, "middle", (x - width / 2, y - gap - 2 - LABEL_SIZE, x + width / 2, y - gap)),
            (x, y + gap + LABEL_SIZE, "middle", (x - width / 2, y + gap, x + width / 2, y + gap + LABEL_SIZE)),
        ]
        own = (x - DOT, y - DOT, x + DOT, y + DOT)
        others = [box for box in taken if box != own]
        fitting = [c for c in candidates if _inside(c[3], height) and not any(_overlap(c[3], b) for b in others)]
        label_x, label_y, anchor, box = fitting[0] if fitting else candidates[1 if x > WIDTH * 0.6 else 0]
        taken.append(box)
        points.append(Point(place, round(x, 1), round(y, 1), round(label_x, 1), round(label_y, 1), anchor))
    return points


def _inside(box: Box, height: int) -> bool:
    return box[0] >= 0 and box[1] >= 0 and box[2] <= WIDTH and box[3] <= height


def _overlap(one: Box, other: Box) -> bool:
    return one[0] < other[2] and other[0] < one[2] and one[1] < other[3] and other[1] < one[3]
