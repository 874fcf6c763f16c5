"""One DuckDB database file (`syria_offensive.duckdb`) holding every table, with its keys, and the named
views, in the storage format DuckDB 1.x readers open (see database_schema)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from syria_offensive.exports import catalog
from syria_offensive.exports.database_schema import script, write_database
from syria_offensive.metadata.descriptor import Package
from syria_offensive.sql import ident

NAME = "duckdb"
DESCRIPTION = catalog.FORMATS[NAME]
FILE_NAME = "syria_offensive.duckdb"


def _staged(table: str) -> str:
    return f"__export_source_{table}"


def write(con: duckdb.DuckDBPyConnection, package: Package, folder: Path) -> list[str]:
    def fill(out: duckdb.DuckDBPyConnection) -> None:
        for table in package.table_order():
            out.register(_staged(table), con.sql(f"SELECT * FROM {ident(table)}").to_arrow_table())
        out.execute(script(package, lambda t: f"SELECT * FROM {ident(_staged(t))}"))
        for table in package.table_order():
            out.unregister(_staged(table))

    write_database(folder / FILE_NAME, fill)
    return [FILE_NAME]
