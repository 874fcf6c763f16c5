"""Datasette's metadata for the site, from the descriptor, the Table Schemas and the view files.

Tables get their schema's description and each column's; views (materialised as tables) get the
comment at the top of their SQL file. Licence and sources come from datapackage.json. Facets, canned
queries and the map's settings are declared here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from syria_offensive.access.sql_views import view_files
from syria_offensive.site import DB_NAME

if TYPE_CHECKING:
    from syria_offensive.metadata.descriptor import Package

FACETS = {
    "events": ("event_type", "event_date"),
    "events_enriched": ("event_type", "event_date", "admin1"),
    "places": ("admin1", "place_type"),
    "figures": ("measure", "claimant_actor_id"),
    "casualty_claims": ("claimant", "measure"),
    "claim_series": ("claimant", "measure"),
    "territory_changes": ("event_date", "admin1", "taken_by_side"),
}
LABELS = {"actors": "name", "places": "name", "sources": "title", "governorates": "admin1"}
TILE_URL = "/tiles/blank.png"
TILE_ATTRIBUTION = (
    "No basemap: the site is offline and fetches no map tiles. Points: the places' coordinates (places.csv)."
)

QUERIES: dict[str, dict[str, str]] = {
    "series_list": {
        "title": "Running counts (claim series)",
        "description": "Every series of updates of a count, with how many points it has.",
        "sql": "SELECT series_id, series_label, claimant, measure, count(*) AS points, min(reported_date) AS first, "
        "max(reported_date) AS last FROM claim_series GROUP BY series_id ORDER BY claimant, series_id",
    },
    "series_points": {
        "title": "One running count over time",
        "description": "The updates of one series in order (for example sohr-killed-all: SOHR's death toll).",
        "sql": "SELECT point, reported_date, reported_date_basis, qualifier, value_low, value_best, value_high, "
        "change_best, publisher, url FROM claim_series WHERE series_id = :series_id ORDER BY point",
    },
    "city_changes": {
        "title": "When each city changed hands",
        "description": "Changes of hands of cities located at the place itself (geo_precision 1).",
        "sql": "SELECT place_name, event_date, date_precision, taken_by, taken_by_side, taken_from, event_id "
        "FROM territory_changes WHERE place_type = 'city' AND geo_precision = 1 ORDER BY place_name, event_date",
    },
    "events_of_governorate": {
        "title": "Events in one governorate",
        "description": "The events of one governorate (admin1, e.g. Hama), by day.",
        "sql": "SELECT event_id, event_date, event_type, sub_event_type, place_name, actor1, actor2, summary, "
        "latitude, longitude FROM events_enriched WHERE admin1 = :admin1 ORDER BY event_date, event_id",
    },
    "claims_of_claimant": {
        "title": "What one claimant said",
        "description": "Every figure of one claimant (an actor id such as sohr or un-ocha), by date.",
        "sql": "SELECT f.figure_id, f.reported_date, f.measure, f.population, f.qualifier, f.value_low, "
        "f.value_best, f.value_high, s.publisher, s.url FROM figures f JOIN sources s USING (source_id) "
        "WHERE f.claimant_actor_id = :claimant ORDER BY f.reported_date, f.figure_id",
    },
}


def _view_queries() -> dict[str, dict[str, str]]:
    out = {}
    for view in view_files():
        first = view.comment.split("\n", 1)[0]
        out[f"view_{view.name}"] = {
            "title": f"The {view.name} view",
            "description": first,
            "sql": f'SELECT * FROM "{view.name}"',
        }
    return out


def build_metadata(package: Package, columns: dict[str, list[str]]) -> dict[str, Any]:
    """The metadata.json document; `columns` gives each table's columns in the SQLite file."""
    d = package.descriptor
    tables: dict[str, Any] = {}
    for name in package.table_order():
        res = package.resource(name)
        raw = next((r for r in d.get("resources", []) if isinstance(r, dict) and r.get("name") == name), {})
        entry: dict[str, Any] = {
            "description": res.schema.description or str(raw.get("description") or raw.get("title") or ""),
            "columns": {f.name: f.description for f in res.schema.fields if f.description},
        }
        if name in LABELS:
            entry["label_column"] = LABELS[name]
        tables[name] = entry
    for view in view_files():
        tables[view.name] = {"description": view.comment.replace("\n", " ")}
    for name, facets in FACETS.items():
        if name in tables:
            tables[name]["facets"] = [f for f in facets if f in columns.get(name, [])]
    licence: dict[str, Any] = next(iter(d.get("licenses") or []), {})
    sources = [s for s in d.get("sources") or [] if isinstance(s, dict)]
    source_url = next((str(s["path"]) for s in sources if str(s.get("path", "")).startswith("http")), None)
    return {
        "title": str(d.get("title") or d.get("name") or DB_NAME),
        "description": f"{d.get('description', '')} Version {package.version}.",
        "license": str(licence.get("title") or licence.get("name") or ""),
        "license_url": str(licence.get("path") or ""),
        "source": "; ".join(str(s.get("title", "")) for s in sources),
        **({"source_url": source_url} if source_url else {}),
        "databases": {
            DB_NAME: {
                "description": f"Every table of the data package v{package.version}, and each named view "
                "materialised as a table. Read-only.",
                "tables": tables,
                "queries": {**QUERIES, **_view_queries()},
            }
        },
        "plugins": {
            "datasette-cluster-map": {
                "latitude_column": "latitude",
                "longitude_column": "longitude",
                "tile_layer": TILE_URL,
                "tile_layer_options": {"maxZoom": 12, "attribution": TILE_ATTRIBUTION},
            }
        },
    }
