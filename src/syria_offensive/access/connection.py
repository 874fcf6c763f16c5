"""A DuckDB connection holding the data package: one table per resource, typed from its Table Schema
(never by sniffing), plus the named views of `views/*.sql`; then locked so that it can neither read nor
write files.

Locking follows DuckDB's own switches: `enable_external_access=false` stops COPY ... TO, ATTACH,
EXPORT DATABASE and reading other files; `lock_configuration=true` stops a query from turning that
back on. The connection is in memory, so nothing a query does can reach the curated files.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from syria_offensive.access.load_problems import raise_if_any
from syria_offensive.access.sql_views import create_views
from syria_offensive.errors import PackageError
from syria_offensive.metadata.descriptor import TABLES, Package
from syria_offensive.problems import Problem
from syria_offensive.read.csv_load import CELLS, ROW, LoadedTable, load_resource
from syria_offensive.read.files import check_file
from syria_offensive.read.package_source import open_package
from syria_offensive.sql import ident

LOCK_STATEMENTS = ("SET enable_external_access = false", "SET lock_configuration = true")


def load_table(
    con: duckdb.DuckDBPyConnection, package: Package, name: str, *, keep_raw: bool = False
) -> LoadedTable:
    """Load one resource as table `name`. Rows that cannot be read raise InvalidDataError."""
    resource = package.resource(name)
    checked = check_file(resource, package.root)
    if checked.header is None:
        reasons = "; ".join(p.message for p in checked.problems) or "no header"
        raise PackageError(f"{resource.file(package.root)}: cannot be read ({reasons})")
    missing = [f for f in resource.schema.field_names if f not in checked.header]
    descriptor = str(package.descriptor_path)
    raise_if_any(
        [
            Problem(resource.path, 1, f, "header-missing-column", None, "the schema's column is missing")
            for f in missing
        ]
        + [p for p in checked.problems if p.rule in ("blank-row", "line-ending")],
        descriptor,
        f"{resource.path} cannot be loaded",
    )
    table = load_resource(
        con,
        resource,
        package.root,
        checked.header,
        keep_raw=keep_raw,
        collect_rejects=True,
        blank_rows=checked.blank_rows,
    )
    raise_if_any(
        [
            Problem(resource.path, r.row, r.column, r.rule, r.text, f"the row cannot be read: {r.message}")
            for r in table.rejects
        ],
        descriptor,
        f"{resource.path} cannot be loaded",
    )
    return table


def drop_load_helpers(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Remove the temporary objects csv_load leaves beside a table (row-number view, rejects tables)."""
    con.execute(f"DROP VIEW IF EXISTS temp.main.{ident(name + '__rows')}")
    con.execute(f"ALTER TABLE {ident(name)} DROP COLUMN IF EXISTS {CELLS}")
    con.execute(f"ALTER TABLE {ident(name)} DROP COLUMN IF EXISTS {ROW}")  # only where rows were skipped
    for helper in (f"rejects_{name}", f"rejects_{name}_scan", f"{name}__rownums"):
        con.execute(f"DROP TABLE IF EXISTS temp.main.{ident(helper)}")


def load_tables(con: duckdb.DuckDBPyConnection, package: Package) -> dict[str, int]:
    """Load every resource (the package must have all of TABLES); returns rows per table."""
    for name in TABLES:
        package.resource(name)  # raises PackageError naming the missing table
    rows = {}
    for name in package.table_order():
        rows[name] = load_table(con, package, name).rows
        drop_load_helpers(con, name)
    return rows


def lock_down(con: duckdb.DuckDBPyConnection) -> None:
    for statement in LOCK_STATEMENTS:
        con.execute(statement)


def build_connection(package: Package, *, lock: bool = True) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    try:
        load_tables(con, package)
        create_views(con)
        if lock:
            lock_down(con)
    except BaseException:
        con.close()
        raise
    return con


def connect(path: str | Path | None = None, *, version: str | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with one typed table per resource and the named views, locked.

    `path` is a package folder or its datapackage.json (default: the bundled data); `version` reads a
    released version instead (downloaded once, then cached). Close the connection when done, or use it
    as a context manager.
    """
    return build_connection(open_package(path, version=version))
