"""One Parquet file per table (`<table>.parquet`), with the DuckDB column types (lists stay lists,
dates stay dates)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from syria_offensive.exports import catalog
from syria_offensive.metadata.descriptor import Package
from syria_offensive.sql import ident

NAME = "parquet"
DESCRIPTION = catalog.FORMATS[NAME]


def write(con: duckdb.DuckDBPyConnection, package: Package, folder: Path) -> list[str]:
    names = []
    for table in package.table_order():
        data = con.sql(f"SELECT * FROM {ident(table)}").to_arrow_table()
        pq.write_table(data, folder / f"{table}.parquet", compression="zstd")
        names.append(f"{table}.parquet")
    return names
