"""The DuckDB database every `.duckdb` file of the project holds (the `duckdb` export and the release's
database): one table per resource with its Table Schema's types, NOT NULL for required fields, its
primary key, its unique fields and its foreign keys; then the named views.

- Foreign keys between tables are declared; a table's foreign key into itself (coalition membership,
  place nesting) is not, because DuckDB checks each inserted row against the rows already stored, so a
  parent and its child loaded in one statement fail. The validator checks those keys instead.
- The file is written with STORAGE_VERSION 'v1.0.0' (STORAGE_VERSION below), the storage format every
  DuckDB from 1.0 on reads: DuckDB 2.x writes a newer format by default, which 1.x readers refuse.
  `nox -s duckdb_compat` opens both files with DuckDB 1.5 and queries every table and view.
- The same statements, as SQL text, are the release archive's `load.sql` (`script`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb

from syria_offensive.access.sql_views import create_views, view_files
from syria_offensive.metadata.descriptor import Package
from syria_offensive.metadata.duckdb_types import duckdb_type
from syria_offensive.sql import ident, literal

STORAGE_VERSION = "v1.0.0"


def key_order(package: Package) -> list[str]:
    """The resources so that every table comes after the tables its foreign keys reference."""
    done: list[str] = []
    pending = package.table_order()
    while pending:
        ready = [
            t
            for t in pending
            if all(
                fk.resource in done or fk.resource in ("", t) or fk.resource not in package.resources
                for fk in package.resource(t).schema.foreign_keys
            )
        ]
        if not ready:  # a cycle between tables: keep the package's order for the rest
            ready = pending[:1]
        done.extend(ready)
        pending = [t for t in pending if t not in ready]
    return done


def create_table_sql(package: Package, table: str) -> str:
    schema = package.resource(table).schema
    keys = set(schema.primary_key)
    parts = []
    for f in schema.fields:
        not_null = " NOT NULL" if f.required or f.name in keys else ""
        unique = " UNIQUE" if f.unique and f.name not in keys else ""
        parts.append(f"{ident(f.name)} {duckdb_type(f)}{not_null}{unique}")
    if schema.primary_key:
        parts.append(f"PRIMARY KEY ({', '.join(ident(c) for c in schema.primary_key)})")
    for fk in schema.foreign_keys:
        if fk.resource in ("", table) or fk.resource not in package.resources:
            continue
        parts.append(
            f"FOREIGN KEY ({', '.join(ident(c) for c in fk.fields)}) "
            f"REFERENCES {ident(fk.resource)} ({', '.join(ident(c) for c in fk.reference_fields)})"
        )
    return f"CREATE TABLE {ident(table)} (\n    " + ",\n    ".join(parts) + "\n);"


def view_order(package: Package) -> list[str]:
    """The views' names in an order in which each one binds (found on empty tables in memory)."""
    with duckdb.connect(":memory:") as con:
        for table in key_order(package):
            con.execute(create_table_sql(package, table))
        return create_views(con)


def script(package: Package, source: Callable[[str], str]) -> str:
    """The whole database as SQL: tables with keys, rows from `source(table)` (a SELECT), then the views."""
    lines = []
    for table in key_order(package):
        lines.append(create_table_sql(package, table))
    for table in key_order(package):
        columns = ", ".join(ident(f.name) for f in package.resource(table).schema.fields)
        lines.append(f"INSERT INTO {ident(table)} ({columns}) SELECT {columns} FROM ({source(table)});")
    views = {v.name: v.sql.strip() for v in view_files()}
    lines.extend(views[name] for name in view_order(package))
    return "\n".join(lines) + "\n"


def write_database(target: Path, run: Callable[[duckdb.DuckDBPyConnection], None]) -> None:
    """Create `target` in the storage format old readers open, let `run` fill it, and checkpoint it."""
    target.unlink(missing_ok=True)
    with duckdb.connect(":memory:") as con:
        con.execute(
            f"ATTACH {literal(str(target))} AS export_db (STORAGE_VERSION {literal(STORAGE_VERSION)})"
        )
        con.execute("USE export_db")
        run(con)
        con.execute("CHECKPOINT export_db")
        con.execute("USE memory")
        con.execute("DETACH export_db")
