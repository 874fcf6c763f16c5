"""The tables as Parquet files (byte-deterministic) and as a DuckDB database built from them.

Each CSV is read into DuckDB with its Table Schema's types (csv_load), sorted by primary key, typed and
annotated as the Parquet export does (exports/parquet.py) and written by pyarrow, so the same data and
the same libraries give the same bytes.
A DuckDB database file is not byte-deterministic (DuckDB 2.0 writes a random 16-byte identifier into its
header, and may write uninitialised slack in compressed string segments), so the archive carries
`load.sql`, which rebuilds the database from the Parquet files, and the database itself is a separate,
non-reproducible release file built by that same script (see docs/releases.md).
"""

from __future__ import annotations

import io
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from syria_offensive.errors import PackageError
from syria_offensive.metadata.descriptor import Package
from syria_offensive.read.csv_load import load_resource
from syria_offensive.read.files import check_file
from syria_offensive.sql import ident, literal

PARQUET_DIR = "parquet"
LOAD_SQL = "load.sql"


def parquet_member(table: str) -> str:
    return f"{PARQUET_DIR}/{table}.parquet"


def parquet_files(package: Package) -> dict[str, bytes]:
    """Archive path (parquet/<table>.parquet) -> Parquet bytes, one per resource, typed from the schema
    (dictionary columns for enums, non-nullable required fields, metadata: see exports/parquet.py)."""
    from syria_offensive.exports.parquet import arrow_table

    out: dict[str, bytes] = {}
    con = duckdb.connect(":memory:")
    try:
        con.execute("SET threads = 1")
        con.execute("SET preserve_insertion_order = true")
        for name, resource in sorted(package.resources.items()):
            header = check_file(resource, package.root).header
            if header is None:
                raise PackageError(f"{resource.path}: cannot be read as CSV, so it cannot be exported")
            load_resource(con, resource, package.root, header, keep_raw=False, collect_rejects=False)
            order = ", ".join(ident(c) for c in resource.schema.primary_key)
            sink = io.BytesIO()
            pq.write_table(arrow_table(con, package, name, order), sink, compression="zstd")
            out[parquet_member(name)] = sink.getvalue()
    finally:
        con.close()
    return out


def load_sql(package: Package) -> str:
    """A DuckDB script that builds the database from the Parquet files; run it inside the unpacked folder.

    Tables with their keys, their rows from parquet/, then the views (exports/database_schema.py)."""
    from syria_offensive.exports.database_schema import script

    name = package.descriptor.get("name", "package")
    head = [
        "-- Build a DuckDB database of this release from its Parquet files. Inside the unpacked folder run:",
        f"--   duckdb {name}.duckdb < {LOAD_SQL}",
        "-- Tables with primary, unique and foreign keys (a table's key into itself is checked by the",
        "-- validator, not declared), their rows, then the named views.",
    ]
    body = script(package, lambda t: f"SELECT * FROM read_parquet({literal(parquet_member(t))})")
    return "\n".join(head) + "\n" + body


def build_duckdb(folder: Path, script: str, target: Path) -> None:
    """Run `script` (from load_sql) on the parquet/ folder inside `folder`; the database goes to `target`,
    in the storage format DuckDB 1.x readers open (exports/database_schema.STORAGE_VERSION)."""
    from syria_offensive.exports.database_schema import write_database

    def run(con: duckdb.DuckDBPyConnection) -> None:
        con.execute(f"SET file_search_path = {literal(str(folder))}")  # resolve the script's relative paths
        con.execute(script)

    write_database(target, run)
