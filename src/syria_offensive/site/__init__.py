"""A browsable site of the data: a SQLite file built from the validated tables, served read-only by Datasette.

`build_site(folder, path)` writes `syria_offensive.db` (every table, and every named view materialised as
a table), `metadata.json` (descriptions, licence, sources, facets, canned queries, map settings) and the
static files the map needs; `syria-offensive serve` builds into a temporary folder and starts Datasette
on 127.0.0.1 with the database immutable. Serving needs the `look` extra (datasette,
datasette-cluster-map); building needs only the core install.
"""

from __future__ import annotations

DB_NAME = "syria_offensive"
DB_FILE = f"{DB_NAME}.db"
METADATA_FILE = "metadata.json"
STATIC_DIR = "static"
REQUIRED = ("datasette", "datasette_cluster_map")


def missing_requirements() -> list[str]:
    """The modules of the `look` extra that serving needs and that are not installed."""
    import importlib.util

    return [m for m in REQUIRED if importlib.util.find_spec(m) is None]
