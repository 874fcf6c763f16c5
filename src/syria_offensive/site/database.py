"""The SQLite file of the site: each table with its Table Schema's keys, each named view as a table.

DuckDB reads the validated package (the same connection as `syria_offensive.connect()`); sqlite3 writes.
Dates are ISO text, booleans 0/1, lists JSON arrays. The file is written beside its target and renamed
over it, so a reader never sees half a database.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from syria_offensive.access.sql_views import view_files

if TYPE_CHECKING:
    import duckdb

    from syria_offensive.metadata.descriptor import Package, TableSchema

SQLITE_TYPES = {
    "string": "TEXT",
    "integer": "INTEGER",
    "number": "REAL",
    "boolean": "INTEGER",
    "date": "TEXT",
}


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sqlite_type(duckdb_type: str) -> str:
    t = duckdb_type.upper()
    if t.endswith("[]") or t.startswith(("STRUCT", "MAP")):
        return "TEXT"
    if t in ("BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UBIGINT", "UINTEGER"):
        return "INTEGER"
    if t in ("DOUBLE", "FLOAT", "REAL") or t.startswith("DECIMAL"):
        return "REAL"
    return "TEXT"


def cell(value: Any) -> Any:
    if value is None or (isinstance(value, str | int | float) and not isinstance(value, bool)):
        return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def table_ddl(name: str, schema: TableSchema, columns: list[tuple[str, str]]) -> str:
    """CREATE TABLE with the schema's primary and foreign keys (Datasette links rows by them)."""
    lines = [f"{quote(c)} {sqlite_type(t)}" for c, t in columns]
    if schema.primary_key:
        lines.append(f"PRIMARY KEY ({', '.join(quote(c) for c in schema.primary_key)})")
    for fk in schema.foreign_keys:
        target = name if fk.resource == "" else fk.resource
        lines.append(
            f"FOREIGN KEY ({', '.join(quote(c) for c in fk.fields)}) "
            f"REFERENCES {quote(target)} ({', '.join(quote(c) for c in fk.reference_fields)})"
        )
    return f"CREATE TABLE {quote(name)} (\n  " + ",\n  ".join(lines) + "\n)"


def _columns(con: duckdb.DuckDBPyConnection, name: str) -> list[tuple[str, str]]:
    return [(str(r[0]), str(r[1])) for r in con.execute(f"DESCRIBE {quote(name)}").fetchall()]


def _copy(con: duckdb.DuckDBPyConnection, db: sqlite3.Connection, name: str, ddl: str, order: str) -> int:
    columns = _columns(con, name)
    db.execute(ddl)
    marks = ", ".join("?" for _ in columns)
    select = ", ".join(quote(c) for c, _ in columns)
    rows = con.execute(f"SELECT {select} FROM {quote(name)} {order}").fetchall()
    db.executemany(f"INSERT INTO {quote(name)} VALUES ({marks})", ([cell(v) for v in r] for r in rows))
    return len(rows)


def write_database(package: Package, con: duckdb.DuckDBPyConnection, target: Path) -> dict[str, int]:
    """Write the SQLite file at `target` atomically; returns rows per table (views included)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    counts: dict[str, int] = {}
    try:
        db = sqlite3.connect(tmp)
        try:
            for name in package.table_order():
                schema = package.resource(name).schema
                order = (
                    ("ORDER BY " + ", ".join(quote(c) for c in schema.primary_key))
                    if schema.primary_key
                    else ""
                )
                counts[name] = _copy(con, db, name, table_ddl(name, schema, _columns(con, name)), order)
            for view in view_files():
                columns = _columns(con, view.name)
                ddl = f"CREATE TABLE {quote(view.name)} ({', '.join(f'{quote(c)} {sqlite_type(t)}' for c, t in columns)})"
                counts[view.name] = _copy(con, db, view.name, ddl, "")  # the view's own ORDER BY
            for name, indexed in INDEXES.items():
                present = {c for c, _ in _columns(con, name)}
                for column in indexed:
                    if column in present:
                        db.execute(
                            f"CREATE INDEX {quote(f'{name}_{column}')} ON {quote(name)} ({quote(column)})"
                        )
            db.commit()
        finally:
            db.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return counts


# Columns the site facets on: an index keeps the facet counts quick.
INDEXES = {
    "events": ("event_type", "event_date"),
    "events_enriched": ("event_type", "event_date", "admin1"),
    "figures": ("claimant_actor_id", "measure"),
    "claim_series": ("claimant", "series_id"),
    "territory_changes": ("event_date", "admin1"),
}
