"""The tables as Parquet files (byte-deterministic) and as a DuckDB database built from them.

Each CSV is read into DuckDB with its Table Schema's types (csv_load), sorted by primary key and written
with COPY ... (FORMAT parquet) on one thread, so the same data and the same DuckDB give the same bytes.
A DuckDB database file is not byte-deterministic (DuckDB 2.0 writes a random 16-byte identifier into its
header, and may write uninitialised slack in compressed string segments), so the archive carries
`load.sql`, which rebuilds the database from the Parquet files, and the database itself is a separate,
non-reproducible release file built by that same script (see docs/releases.md).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb

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
    """Archive path (parquet/<table>.parquet) -> Parquet bytes, one per resource."""
    out: dict[str, bytes] = {}
    con = duckdb.connect(":memory:")
    try:
        con.execute("SET threads = 1")
        con.execute("SET preserve_insertion_order = true")
        with tempfile.TemporaryDirectory(prefix="syria-offensive-parquet-") as tmp:
            for name, resource in sorted(package.resources.items()):
                header = check_file(resource, package.root).header
                if header is None:
                    raise PackageError(f"{resource.path}: cannot be read as CSV, so it cannot be exported")
                load_resource(con, resource, package.root, header, keep_raw=False, collect_rejects=False)
                order = ", ".join(ident(c) for c in resource.schema.primary_key) or "ALL"
                target = Path(tmp) / f"{name}.parquet"
                con.execute(
                    f"COPY (SELECT * FROM {ident(name)} ORDER BY {order}) TO {literal(str(target))} "
                    "(FORMAT parquet, COMPRESSION zstd)"
                )
                out[parquet_member(name)] = target.read_bytes()
    finally:
        con.close()
    return out


def load_sql(package: Package) -> str:
    """A DuckDB script that builds the database from the Parquet files; run it inside the unpacked folder."""
    lines = [
        "-- Build a DuckDB database of this release from its Parquet files. Inside the unpacked folder run:",
        f"--   duckdb {package.descriptor.get('name', 'package')}.duckdb < {LOAD_SQL}",
    ]
    for name in sorted(package.resources):
        lines.append(
            f"CREATE OR REPLACE TABLE {ident(name)} AS FROM read_parquet({literal(parquet_member(name))});"
        )
    return "\n".join(lines) + "\n"


def build_duckdb(folder: Path, script: str, target: Path) -> None:
    """Run `script` (from load_sql) on the parquet/ folder inside `folder`; the database goes to `target`."""
    target.unlink(missing_ok=True)
    con = duckdb.connect(str(target))
    try:
        con.execute(f"SET file_search_path = {literal(str(folder))}")  # resolve the script's relative paths
        con.execute(script)
        con.execute("CHECKPOINT")
    finally:
        con.close()
