"""Loading one CSV resource into DuckDB with the types of its Table Schema, never by sniffing.

The dialect is fixed (UTF-8, comma, double-quote, header row), every column is read as text and then
cast by the schema, so a bad cell becomes NULL in the typed column and is reported by validation
rather than aborting the read. Rows DuckDB cannot split into the header's columns go to a rejects
table. Each loaded table gets a view `<name>__rows` with `__row`, the row's number as Frictionless
counts it (header = row 1).
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from syria_offensive.metadata.descriptor import Resource
from syria_offensive.metadata.duckdb_types import cast_expr, is_parsed, nulled
from syria_offensive.sql import ident, literal

# One list column per table keeps, for a row where a cell failed to parse, that cell's text (the value a
# type error reports) at the field's place in the list; it is NULL on every other row. One column for all
# fields, not one per field: each extra column cost 6.5 MB and 0.02 s per million rows even when empty.
RAW = "__raw"
ROW = "__row"
# One column past the header catches a row with one cell too many (even an empty one, which strict mode
# would otherwise drop in silence); with null padding a short row shows as NULL in its last column.
EXTRA = "__extra_cell"
CELLS = "__cells"  # 1: a cell too many, -1: cells missing, 0: as the header says
# Empty cells are read as '' (not NULL) so that a padded cell (NULL) can be told from an empty one; the
# schema's missingValues then turn '' into NULL. No CSV cell holds this.
NULL_SENTINEL = "\x00__never_a_cell__"

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
    raw_position: dict[str, int] = field(default_factory=dict)  # field -> 1-based place in the RAW list
    numbered: bool = False  # the table holds ROW itself (rows were skipped), else rowid gives it
    filtered: bool = False  # the view leaves out rows whose cells are miscounted

    @property
    def view(self) -> str:
        return ident(self.name + "__rows")


def create_row_view(con: duckdb.DuckDBPyConnection, table: LoadedTable) -> None:
    """(Re)create the table's row view, `<name>__rows`: its rows with their numbers. A view's `*` is fixed
    when it is created, so this runs again after columns are dropped from the table."""
    columns = "*" if table.numbered else f"rowid + 2 AS {ROW}, *"
    where = f" WHERE {CELLS} = 0" if table.filtered else ""
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {table.view} AS SELECT {columns} FROM {ident(table.name)}{where}"
    )


def drop_columns(con: duckdb.DuckDBPyConnection, table: LoadedTable, keep: set[str]) -> bool:
    """Drop the table's columns outside `keep` (but those that number or filter its rows), freeing their
    memory; the whole table when `keep` holds none of its columns. Returns whether the table is still
    there. `table.columns` is left as it is: it says what the file has."""
    name = ident(table.name)
    # duckdb_columns, not pragma_table_info: the pragma reads a resource name holding a dot as schema.table
    physical = [
        str(r[0])
        for r in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = "
            f"{literal(table.name)} ORDER BY column_index"
        ).fetchall()
    ]
    fields = [c for c in physical if c in keep]
    if not fields:
        con.execute(f"DROP VIEW IF EXISTS {table.view}")
        con.execute(f"DROP TABLE IF EXISTS {name}")
        return False
    dead = [c for c in physical if c not in keep and c not in (ROW, CELLS)]
    for column in dead:
        con.execute(f"ALTER TABLE {name} DROP COLUMN {ident(column)}")
    if dead:
        create_row_view(con, table)
    return True


def cell_column(index: int) -> str:
    return f"__c{index}"


def read_csv_call(
    path: Path, header: list[str], *, rejects: str | None, padded: bool = False, parallel: bool = True
) -> str:
    # No `new_line` option: DuckDB 2.0 with new_line set and strict_mode on returns no rows at all for a
    # CRLF file, silently. Left unset, it reads both LF and CRLF; validation reports CRLF separately.
    # Cells are named by position, not by the header's text, which may be empty, repeated or hostile.
    columns = "{" + ", ".join(f"{literal(cell_column(i))}: 'VARCHAR'" for i in range(len(header))) + "}"
    if padded:
        columns = columns[:-1] + f", {literal(EXTRA)}: 'VARCHAR'" + "}"
    options = [
        literal(str(path)),
        "header = true",
        "auto_detect = false",
        "delim = ','",
        "quote = '\"'",
        "escape = '\"'",
        f"columns = {columns}",
        "strict_mode = true",
        f"parallel = {str(parallel).lower()}",
    ]
    if padded:
        options += ["null_padding = true", f"nullstr = {literal(NULL_SENTINEL)}"]
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
    blank_rows: Sequence[int] = (),
) -> LoadedTable:
    """Create table `<name>` (typed schema columns, plus the text of cells that failed to parse if keep_raw).

    `blank_rows` are the row numbers of blank lines, which DuckDB skips: later rows keep their numbers.
    Rows with a cell too many or too few are reported as rejects and left out of the table.
    """
    schema = resource.schema
    present = [f for f in schema.fields if f.name in header]
    position = {name: i for i, name in reversed(list(enumerate(header)))}  # the first of repeated names
    last = ident(cell_column(len(header) - 1))
    selects = [
        f"(CASE WHEN {ident(EXTRA)} IS NOT NULL THEN 1 WHEN {last} IS NULL THEN -1 ELSE 0 END)::TINYINT AS {CELLS}"
    ]
    failed: list[tuple[str, str]] = []  # (condition, text) of each parsed field
    raw_position: dict[str, int] = {}
    for f in present:
        raw = nulled(ident(cell_column(position[f.name])), schema)
        typed = cast_expr(f, raw)
        selects.append(f"{typed} AS {ident(f.name)}")
        if keep_raw and is_parsed(f):
            failed.append((f"({raw} IS NOT NULL AND {typed} IS NULL)", raw))
            raw_position[f.name] = len(failed)
    if failed:
        texts = ", ".join(f"CASE WHEN {cond} THEN {raw} END" for cond, raw in failed)
        selects.append(f"CASE WHEN {' OR '.join(c for c, _ in failed)} THEN [{texts}] END AS {RAW}")
    rejects_table = f"rejects_{resource.name}" if collect_rejects else None
    table = ident(resource.name)
    path = resource.file(root)
    wide = _read_table(con, table, selects, path, header, rejects_table)
    if wide:
        # DuckDB records a reject per surplus cell, which for a row of 100,000 cells takes minutes: such
        # rows are reported here and the file's rows are not read.
        con.execute(
            f"CREATE OR REPLACE TABLE {table} AS SELECT {', '.join(selects)} "
            f"FROM {read_csv_call(path, header, rejects=None, padded=True)} LIMIT 0"
        )
        loaded = LoadedTable(resource.name, 0, [f.name for f in present], wide, raw_position)
        create_row_view(con, loaded)
        return loaded
    rows = _count(con, f"SELECT count(*) FROM {table}")
    rejects = _rejects(con, rejects_table, header) if rejects_table else []
    miscounted = _count(con, f"SELECT count(*) FROM {table} WHERE {CELLS} <> 0")
    if rejects or blank_rows:
        # Rows missing from the table (rejected by DuckDB, or blank lines it skips) shift later rows'
        # positions: map each row in the table to its number by skipping them (DuckDB's reject `line`
        # counts rows, header = 1). The numbers are joined on once, into the table: a view with a
        # POSITIONAL JOIN would run on one thread in every later query.
        skipped = sorted({r.row for r in rejects} | set(blank_rows))
        total = rows + len(skipped)
        nums = ident(resource.name + "__rownums")
        not_skipped = f"WHERE n NOT IN ({', '.join(map(str, skipped))})" if skipped else ""
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {nums} AS "
            f"SELECT n AS {ROW} FROM range(2, {total + 2}) t(n) {not_skipped} ORDER BY n"
        )
        con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM {nums} POSITIONAL JOIN {table}")
        con.execute(f"DROP TABLE {nums}")
    numbered = bool(rejects or blank_rows)
    row_of = ROW if numbered else f"rowid + 2 AS {ROW}"
    if miscounted:
        bad = con.execute(
            f"SELECT {ROW}, {CELLS} FROM (SELECT {row_of}, {CELLS} FROM {table}) WHERE {CELLS} <> 0 ORDER BY 1"
        ).fetchall()
        rejects += [_miscounted(int(row), int(cells)) for row, cells in bad]
        rejects.sort(key=lambda r: r.row)
        rows -= len(bad)
        if not collect_rejects:
            # Callers reading the table itself (exports, stats) must not see rows whose cells are
            # shifted; the row view, which validation reads, filters them instead (no copy of the table).
            con.execute(f"DELETE FROM {table} WHERE {CELLS} <> 0")
    loaded = LoadedTable(
        resource.name,
        rows,
        [f.name for f in present],
        rejects,
        raw_position,
        numbered=numbered,
        filtered=bool(miscounted),
    )
    create_row_view(con, loaded)
    return loaded


# A row with this many times the header's cells is reported without asking DuckDB for its rejects.
WIDE_ROW_FACTOR = 4


def _read_table(
    con: duckdb.DuckDBPyConnection,
    table: str,
    selects: list[str],
    path: Path,
    header: list[str],
    rejects_table: str | None,
) -> list[Reject]:
    """Create the table; returns the over-wide rows instead when the file has any."""
    create = f"CREATE OR REPLACE TABLE {table} AS SELECT {', '.join(selects)} FROM "
    for parallel in (True, False):
        try:
            # First without a rejects table: it is the fast path, and it costs nothing when the file is sound.
            con.execute(create + read_csv_call(path, header, rejects=None, padded=True, parallel=parallel))
            return []
        except duckdb.Error as exc:
            # DuckDB's parallel reader cannot pad short rows in a file with line breaks inside quotes;
            # such a file is read again on one thread.
            if parallel and "null_padding" in str(exc):
                continue
            break
    wide = _over_wide_rows(path, len(header))
    if wide:
        return wide
    if rejects_table is None:
        con.execute(create + read_csv_call(path, header, rejects=None, padded=True, parallel=False))
        return []
    for t in (rejects_table, rejects_table + "_scan"):
        con.execute(f"DROP TABLE IF EXISTS {ident(t)}")
    con.execute(create + read_csv_call(path, header, rejects=rejects_table, padded=True, parallel=False))
    return []


def _over_wide_rows(path: Path, width: int) -> list[Reject]:
    limit = max(WIDE_ROW_FACTOR * width, width + 8)
    out = []
    csv.field_size_limit(sys.maxsize)
    try:
        with path.open(encoding="utf-8", errors="replace", newline="") as fh:
            for row, cells in enumerate(csv.reader(fh), start=1):
                if len(cells) > limit:
                    message = f"the row has {len(cells)} cells; the header has {width}"
                    out.append(Reject(row, None, "row-extra-cells", "", message))
    except csv.Error:
        return out  # DuckDB's own read reports what the csv module cannot split
    return out


def _miscounted(row: int, cells: int) -> Reject:
    if cells > 0:
        return Reject(row, None, "row-extra-cells", "", "the row has more cells than the header")
    return Reject(row, None, "row-missing-cells", "", "the row has fewer cells than the header")


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
        named = {cell_column(i): name for i, name in enumerate(header)}
        out.append(Reject(int(line), named.get(str(column)), rule, str(csv_line), str(message)))
    return out
