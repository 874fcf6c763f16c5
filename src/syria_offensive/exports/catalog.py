"""The export formats by name, with what each writes: light enough for the command line's --help.

Each name is also a module of this package (NAME there is the same), imported only when it exports.
"""

from __future__ import annotations

FORMATS: dict[str, str] = {
    "parquet": "one Parquet file per table",
    "duckdb": "one DuckDB database file with every table and the named views",
    "geojson": "events as GeoJSON points at their places",
    "acled": "events as an ACLED-shaped CSV",
    "ucdp": "violent events as a UCDP GED-shaped CSV",
    "hxl": "events as an HXL-tagged CSV",
}
