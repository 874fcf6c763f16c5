"""One DuckDB database file (`syria_offensive.duckdb`) holding every table and the named views."""

from __future__ import annotations

from pathlib import Path

import duckdb

from syria_offensive.access.sql_views import create_views
from syria_offensive.exports import catalog
from syria_offensive.metadata.descriptor import Package
from syria_offensive.sql import ident

NAME = "duckdb"
DESCRIPTION = catalog.FORMATS[NAME]
FILE_NAME = "syria_offensive.duckdb"


def write(con: duckdb.DuckDBPyConnection, package: Package, folder: Path) -> list[str]:
    with duckdb.connect(str(folder / FILE_NAME)) as out:
        for table in package.table_order():
            data = con.sql(f"SELECT * FROM {ident(table)}").to_arrow_table()
            out.register("__export_source", data)
            out.execute(f"CREATE TABLE {ident(table)} AS SELECT * FROM __export_source")
            out.unregister("__export_source")
        create_views(out)
        out.execute("CHECKPOINT")
    return [FILE_NAME]
