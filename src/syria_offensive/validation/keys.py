"""Layer 1, across rows and tables: unique fields, primary keys and foreign keys."""

from __future__ import annotations

import duckdb

from syria_offensive.metadata.descriptor import Package, Resource
from syria_offensive.problems import Problem
from syria_offensive.read.csv_load import ROW, LoadedTable
from syria_offensive.sql import hash_repeats, ident


def _duplicates(
    con: duckdb.DuckDBPyConnection, table: LoadedTable, fields: tuple[str, ...]
) -> list[tuple[int, str]]:
    """Rows whose values in `fields` repeat an earlier row's (all values present), with the value text."""
    cols = ", ".join(ident(f) for f in fields)
    present = " AND ".join(f"{ident(f)} IS NOT NULL" for f in fields)
    shown = " || ', ' || ".join(f"CAST({ident(f)} AS VARCHAR)" for f in fields)
    # Group on the values' 64-bit hash first (much cheaper than grouping on several strings); only rows
    # whose hash repeats, usually none, are numbered by their values.
    sql = (
        f"SELECT {ROW}, {shown} FROM (SELECT {ROW}, {cols}, row_number() OVER (PARTITION BY {cols} ORDER BY {ROW}) AS n "
        f"FROM {table.view} WHERE {present} AND {hash_repeats(table.view, cols, present)}) WHERE n > 1"
    )
    return [(int(r), str(v)) for r, v in con.execute(sql).fetchall()]


def check_unique(con: duckdb.DuckDBPyConnection, resource: Resource, table: LoadedTable) -> list[Problem]:
    problems: list[Problem] = []
    schema = resource.schema
    pk = schema.primary_key
    pk_ok = bool(pk) and all(k in table.columns for k in pk)
    # Each distinct key is searched once: a one-field primary key that is also `unique` serves both rules.
    searches: dict[tuple[str, ...], list[tuple[str, str, str]]] = {}
    for f in schema.fields:
        if f.unique and f.name in table.columns:
            searches.setdefault((f.name,), []).append(
                (f.name, "unique", "the value repeats an earlier row's; the column must be unique")
            )
    if pk_ok:
        searches.setdefault(pk, []).append(
            (",".join(pk), "primary-key", "the primary key repeats an earlier row's")
        )
    for fields, rules in searches.items():
        for row, value in _duplicates(con, table, fields):
            problems.extend(
                Problem(resource.path, row, col, rule, value, msg, "structure") for col, rule, msg in rules
            )
    if pk_ok:
        # As Frictionless does: a row whose key cells are all empty has no primary key at all.
        empty = " AND ".join(f"{ident(k)} IS NULL" for k in pk)
        for (row,) in con.execute(f"SELECT {ROW} FROM {table.view} WHERE {empty}").fetchall():
            problems.append(
                Problem(
                    resource.path,
                    int(row),
                    ",".join(pk),
                    "primary-key",
                    None,
                    "the primary key is empty",
                    "structure",
                )
            )
    return problems


def _key_equal(child: Resource, a: str, parent: Resource, b: str) -> str:
    """c.a = p.b; compared as text only when the two fields' types differ (a cast on both sides would
    keep DuckDB from joining the columns as they are stored)."""
    if child.schema.field(a).type == parent.schema.field(b).type:  # both fields are in their tables
        return f"c.{ident(a)} = p.{ident(b)}"
    return f"CAST(c.{ident(a)} AS VARCHAR) = CAST(p.{ident(b)} AS VARCHAR)"


def check_foreign_keys(
    con: duckdb.DuckDBPyConnection, package: Package, tables: dict[str, LoadedTable]
) -> list[Problem]:
    problems = []
    for name, table in tables.items():
        resource = package.resources[name]
        for fk in resource.schema.foreign_keys:
            target_name = fk.resource or name
            target = tables.get(target_name)
            target_resource = package.resources.get(target_name)
            if target is None or target_resource is None or not all(f in table.columns for f in fk.fields):
                continue
            if not all(f in target.columns for f in fk.reference_fields):
                continue
            if target.rejects:
                # Rows of the target could not be read, so its keys are incomplete: a missing key would
                # blame the citing rows for the target's fault, which is reported at its own rows.
                continue
            present = " AND ".join(f"c.{ident(f)} IS NOT NULL" for f in fk.fields)
            join = " AND ".join(
                _key_equal(resource, a, target_resource, b)
                for a, b in zip(fk.fields, fk.reference_fields, strict=True)
            )
            shown = " || ', ' || ".join(f"CAST(c.{ident(f)} AS VARCHAR)" for f in fk.fields)
            sql = (
                f"SELECT c.{ROW}, {shown} FROM {table.view} c WHERE {present} AND NOT EXISTS "
                f"(SELECT 1 FROM {target.view} p WHERE {join})"
            )
            ref = f"{target_name}.{','.join(fk.reference_fields)}"
            for row, value in con.execute(sql).fetchall():
                problems.append(
                    Problem(
                        resource.path,
                        int(row),
                        ",".join(fk.fields),
                        "foreign-key",
                        str(value),
                        f"no row of {ref} has this value",
                        "structure",
                    )
                )
    return problems
