"""Loading one CSV resource into DuckDB with the types of its Table Schema, never by sniffing.

The dialect is fixed (UTF-8, comma, double-quote, header row), every column is read as text and then
cast by the schema, so a bad cell becomes NULL in the typed column and is reported by validation
rather than aborting the read. Rows DuckDB cannot split into the header's columns go to a rejects
table. Each loaded table gets a view `<name>__rows` with `__row`, the row's number as Frictionless
counts it (header = row 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from .descriptor import Resource
from .duckdb_types import cast_expr, is_parsed, nulled
from .sql import ident, literal

RAW_SUFFIX = "__raw"
ROW = "__row"

# DuckDB's reject error types, named as our structure rules.
REJECT_RULES = {
    "MISSING COLUMNS": "row-missing-cells",
    "TOO MANY COLUMNS": "row-extra-cells",
    "INVALID ENCODING": "encoding",
    "INVALID UNICODE": "encoding",
    "UNQUOTED VALUE": "csv-syntax",
    "LINE SIZE OVER MAXIMUM": "csv-syntax",
    "CAST": "csv-syntax",
}


@dataclass
class Reject:
    row: int
    column: str | None
    rule: str
    text: str
    message: str


@dataclass
class LoadedTable:
    name: str
    rows: int
    columns: list[str]  # schema fields present in the file
    rejects: list[Reject] = field(default_factory=list)

    @property
    def view(self) -> str:
        return ident(self.name + "__rows")


def read_csv_call(path: Path, header: list[str], *, rejects: str | None) -> str:
    # No `new_line` option: DuckDB 2.0 with new_line set and strict_mode on returns no rows at all for a
    # CRLF file, silently. Left unset, it reads both LF and CRLF; validation reports CRLF separately.
    columns = "{" + ", ".join(f"{literal(c)}: 'VARCHAR'" for c in header) + "}"
    options = [
        literal(str(path)),
        "header = true",
        "auto_detect = false",
        "delim = ','",
        "quote = '\"'",
        "escape = '\"'",
        f"columns = {columns}",
        "strict_mode = true",
        "parallel = true",
    ]
    if rejects:
        options += [
            "store_rejects = true",
            f"rejects_table = {literal(rejects)}",
            f"rejects_scan = {literal(rejects + '_scan')}",
        ]
    return f"read_csv({', '.join(options)})"


def load_resource(
    con: duckdb.DuckDBPyConnection,
    resource: Resource,
    root: Path,
    header: list[str],
    *,
    keep_raw: bool = True,
    collect_rejects: bool = True,
) -> LoadedTable:
    """Create table `<name>` (typed schema columns, plus `<col>__raw` text for non-strings if keep_raw)."""
    schema = resource.schema
    present = [f for f in schema.fields if f.name in header]
    selects = []
    for f in present:
        raw = nulled(ident(f.name), schema)
        typed = cast_expr(f, raw)
        selects.append(f"{typed} AS {ident(f.name)}")
        if keep_raw and is_parsed(f):
            # Keep the text only where it is present but failed to parse: the value a type error reports.
            # Everywhere else the column is NULL, which costs next to nothing to store.
            selects.append(
                f"CASE WHEN {raw} IS NOT NULL AND {typed} IS NULL THEN {raw} END AS {ident(f.name + RAW_SUFFIX)}"
            )
    rejects_table = f"rejects_{resource.name}" if collect_rejects else None
    source = read_csv_call(resource.file(root), header, rejects=rejects_table)
    table = ident(resource.name)
    con.execute(
        f"CREATE OR REPLACE TABLE {table} AS SELECT {', '.join(selects) or '1 AS __empty'} FROM {source}"
    )
    rows = _count(con, f"SELECT count(*) FROM {table}")
    rejects = _rejects(con, rejects_table, header) if rejects_table else []
    if rejects:
        # Rejected rows are missing from the table, so later rows' positions shift: map each accepted row
        # to its number by skipping the rejected ones (DuckDB's reject `line` counts rows, header = 1).
        skipped = sorted({r.row for r in rejects})
        total = rows + len(skipped)
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {ident(resource.name + '__rownums')} AS "
            f"SELECT n AS {ROW} FROM range(2, {total + 2}) t(n) WHERE n NOT IN ({', '.join(map(str, skipped))}) ORDER BY n"
        )
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW {ident(resource.name + '__rows')} AS "
            f"SELECT * FROM {ident(resource.name + '__rownums')} POSITIONAL JOIN {table}"
        )
    else:
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW {ident(resource.name + '__rows')} AS SELECT rowid + 2 AS {ROW}, * FROM {table}"
        )
    return LoadedTable(resource.name, rows, [f.name for f in present], rejects)


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0


def _rejects(con: duckdb.DuckDBPyConnection, table: str, header: list[str]) -> list[Reject]:
    try:
        found = con.execute(
            f"SELECT line, column_name, error_type, csv_line, error_message FROM {ident(table)} ORDER BY line"
        ).fetchall()
    except duckdb.CatalogException:
        return []
    out = []
    for line, column, error_type, csv_line, message in found:
        rule = REJECT_RULES.get(str(error_type), "csv-syntax")
        out.append(Reject(int(line), column if column in header else None, rule, str(csv_line), str(message)))
    return out
