"""syria-offensive tables [PATH]: the tables and views a query can use, with their columns and types."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb

from syria_offensive.cli.commands.arguments import add_package_path

NAME = "tables"
HELP = "list the tables and views that queries can use, with their columns and types"

SQL = """
SELECT t.kind, c.table_name, c.column_name, c.data_type
FROM duckdb_columns() c
JOIN (SELECT table_name AS name, 'table' AS kind FROM duckdb_tables() WHERE database_name = current_database()
      UNION ALL
      SELECT view_name, 'view' FROM duckdb_views() WHERE database_name = current_database() AND NOT internal) t
  ON t.name = c.table_name
WHERE c.database_name = current_database() AND c.schema_name = 'main'
ORDER BY t.kind, c.table_name, c.column_index
"""


def describe(con: duckdb.DuckDBPyConnection) -> list[dict[str, object]]:
    """[{name, kind, rows (tables only), columns: [(name, type)]}] for every table and view."""
    from syria_offensive.sql import ident

    found: dict[str, dict[str, object]] = {}
    for kind, table, column, type_ in con.sql(SQL).fetchall():
        entry = found.setdefault(table, {"name": table, "kind": kind, "columns": []})
        columns = entry["columns"]
        assert isinstance(columns, list)
        columns.append([column, type_])
    for entry in found.values():
        if entry["kind"] == "table":
            entry["rows"] = int(con.sql(f"SELECT count(*) FROM {ident(str(entry['name']))}").fetchall()[0][0])
    return list(found.values())


def render(entries: list[dict[str, object]]) -> str:
    from syria_offensive.access.sql_views import view_files

    comments = {v.name: v.comment.splitlines()[0] if v.comment else "" for v in view_files()}
    lines = []
    for entry in entries:
        name, kind = str(entry["name"]), str(entry["kind"])
        extra = f" ({entry['rows']} rows)" if kind == "table" else ""
        lines.append(f"{kind} {name}{extra}")
        if kind == "view" and comments.get(name):
            lines.append(f"  -- {comments[name]}")
        columns = entry["columns"]
        assert isinstance(columns, list)
        width = max(len(c) for c, _ in columns)
        lines += [f"  {c.ljust(width)}  {t}" for c, t in columns]
        lines.append("")
    return "\n".join(lines)


def configure(p: argparse.ArgumentParser) -> None:
    add_package_path(p)
    p.add_argument(
        "--format", choices=("text", "json"), default="text", help="for people (text) or tools (json)"
    )


def run(args: argparse.Namespace) -> int:
    from syria_offensive.access.connection import connect
    from syria_offensive.errors import InvalidDataError

    try:
        with connect(args.path) as con:
            entries = describe(con)
    except InvalidDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(entries, indent=2) if args.format == "json" else render(entries))
    return 0
