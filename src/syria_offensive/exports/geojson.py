"""The events as a GeoJSON FeatureCollection (`events.geojson`, RFC 7946): one Point per event at its
place's coordinates (WGS84, longitude first), with the events_enriched columns as properties.

The point is the place's, so each feature says how far to trust it: `geo_precision` (the event's own,
ACLED's 1 at the place, 2 near it, 3 only the region), `place_geo_precision` (that of the place's
coordinates), `date_precision`, and `precision`, a plain-words label of the event's location precision
('place', 'near place', 'region'), so a map can style or filter points by it. geopandas reads the file
(`geopandas.read_file`) with these as columns."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import duckdb

from syria_offensive.exports import catalog
from syria_offensive.exports.tabular import records
from syria_offensive.metadata.descriptor import Package

NAME = "geojson"
DESCRIPTION = catalog.FORMATS[NAME]
FILE_NAME = "events.geojson"
COORDINATES = ("longitude", "latitude")


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    return value


PRECISION_LABELS = {1: "place", 2: "near place", 3: "region"}


def feature(row: dict[str, Any]) -> dict[str, Any]:
    lon, lat = (row[c] for c in COORDINATES)
    geometry = None if lon is None or lat is None else {"type": "Point", "coordinates": [lon, lat]}
    properties = {k: _json_value(v) for k, v in row.items() if k not in COORDINATES}
    properties["precision"] = PRECISION_LABELS.get(row.get("geo_precision"))  # type: ignore[arg-type]
    return {"type": "Feature", "id": row["event_id"], "geometry": geometry, "properties": properties}


def write(con: duckdb.DuckDBPyConnection, package: Package, folder: Path) -> list[str]:
    collection = {
        "type": "FeatureCollection",
        "name": f"{package.descriptor.get('name', 'events')} events, version {package.version}",
        "features": [feature(r) for r in records(con, "SELECT * FROM events_enriched ORDER BY event_id")],
    }
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    (folder / FILE_NAME).write_text(text + "\n", encoding="utf-8")
    return [FILE_NAME]
