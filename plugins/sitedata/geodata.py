"""A region's outline from a GeoJSON file in data/map/, for the node map.

Only what the map draws is read: polygons (``Polygon``, ``MultiPolygon``, in a ``Feature`` or a
``FeatureCollection``), positions as [longitude, latitude]. The outline is drawn inline on the
pages that show the map, so its size is limited: a detailed boundary is to be simplified first
(``python -m catalogue.outline_source``, see data/map/README.md).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from .problems import FileProblem

MAX_POINTS = 2_000
MAX_BYTES = 512 * 1024

Ring = tuple[tuple[float, float], ...]  # (lon, lat) positions, first equals last


@dataclass(frozen=True)
class Outline:
    rings: tuple[Ring, ...]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        """(west, south, east, north)"""
        lons = [lon for ring in self.rings for lon, _ in ring]
        lats = [lat for ring in self.rings for _, lat in ring]
        return min(lons), min(lats), max(lons), max(lats)

    def contains_box(self, lon: float, lat: float) -> bool:
        west, south, east, north = self.bbox
        return west <= lon <= east and south <= lat <= north


class OutlineProblem(FileProblem):
    """A region outline that cannot be drawn."""


_EXPECTED = "GeoJSON mit Polygon oder MultiPolygon, Koordinaten als [Längengrad, Breitengrad]"


def read_outline(data_dir: Path, relative: str) -> Outline:
    path = data_dir / relative
    if not path.is_file():
        raise OutlineProblem(f"Umrissdatei „{relative}“ nicht gefunden", "eine GeoJSON-Datei unter data/map/")
    if path.stat().st_size > MAX_BYTES:
        raise OutlineProblem("Umrissdatei ist zu groß", f"höchstens {MAX_BYTES // 1024} KiB; den Umriss vereinfachen")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise OutlineProblem(f"Umrissdatei ist kein gültiges JSON ({error})", _EXPECTED) from None
    rings = tuple(_rings(data))
    if not rings:
        raise OutlineProblem("Umrissdatei enthält kein Polygon", _EXPECTED)
    if (points := sum(len(ring) for ring in rings)) > MAX_POINTS:
        raise OutlineProblem(
            f"Umriss hat zu viele Punkte ({points})", f"höchstens {MAX_POINTS} Punkte; den Umriss vereinfachen"
        )
    return Outline(rings)


def _rings(data: object):
    if not isinstance(data, dict):
        raise OutlineProblem("Umrissdatei hat nicht die erwartete Form", _EXPECTED)
    kind = data.get("type")
    if kind == "FeatureCollection":
        for feature in data.get("features") or []:
            yield from _rings(feature)
    elif kind == "Feature":
        yield from _rings(data.get("geometry"))
    elif kind == "Polygon":
        yield from (_ring(ring) for ring in data.get("coordinates") or [])
    elif kind == "MultiPolygon":
        for polygon in data.get("coordinates") or []:
            yield from (_ring(ring) for ring in polygon)
    else:
        raise OutlineProblem(f"GeoJSON-Typ „{kind}“ wird nicht gezeichnet", _EXPECTED)


def _ring(positions: object) -> Ring:
    if not isinstance(positions, list) or len(positions) < 4:
        raise OutlineProblem("ein Ring des Umrisses hat weniger als vier Punkte", _EXPECTED)
    ring = []
    for position in positions:
        if not (isinstance(position, list) and len(position) >= 2 and all(_number(v) for v in position[:2])):
            raise OutlineProblem(f"Position „{str(position)[:40]}“ ist keine Koordinate", _EXPECTED)
        lon, lat = float(position[0]), float(position[1])
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise OutlineProblem(f"Position [{lon}, {lat}] liegt außerhalb der Erde", _EXPECTED)
        ring.append((lon, lat))
    return tuple(ring)


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
