"""Layer 1, across rows and tables: unique fields, primary keys and foreign keys."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from syria_offensive.metadata.descriptor import ForeignKey, Package, Resource
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


@dataclass(frozen=True)
class _KeyCheck:
    """One foreign key to test: rows of `table` (resource `child`) must find their `fields` in the target."""

    child: Resource
    table: LoadedTable
    fk: ForeignKey


def _checkable(
    package: Package, tables: dict[str, LoadedTable], child: str | None, target: str | None
) -> dict[tuple[str, tuple[str, ...]], list[_KeyCheck]]:
    """The foreign keys that can be tested, grouped by the key they point at (target table, fields)."""
    groups: dict[tuple[str, tuple[str, ...]], list[_KeyCheck]] = {}
    for name, table in tables.items():
        if child is not None and name != child:
            continue
        resource = package.resources[name]
        for fk in resource.schema.foreign_keys:
            target_name = fk.resource or name
            if target is not None and target_name != target:
                continue
            cited = tables.get(target_name)
            if cited is None:
                continue
            if not all(f in table.columns for f in fk.fields):
                continue
            if not all(f in cited.columns for f in fk.reference_fields):
                continue
            if cited.rejects:
                # Rows of the target could not be read, so its keys are incomplete: a missing key would
                # blame the citing rows for the target's fault, which is reported at its own rows.
                continue
            groups.setdefault((target_name, fk.reference_fields), []).append(_KeyCheck(resource, table, fk))
    return groups


def _citing_rows(check: _KeyCheck, index: int, way: tuple[bool, ...]) -> str:
    """The check's citing rows as (k, __row, value, key...), the key named as the target's fields; `way`
    says per field whether both sides have one type (else the key is compared as text)."""
    fields, refs = check.fk.fields, check.fk.reference_fields
    present = " AND ".join(f"{ident(f)} IS NOT NULL" for f in fields)
    shown = " || ', ' || ".join(f"CAST({ident(f)} AS VARCHAR)" for f in fields)
    keys = [
        f"{ident(a) if same else f'CAST({ident(a)} AS VARCHAR)'} AS {ident('__k_' + b)}"
        for a, b, same in zip(fields, refs, way, strict=True)
    ]
    return f"SELECT {index} AS k, {ROW}, {shown} AS value, {', '.join(keys)} FROM {check.table.view} WHERE {present}"


def check_foreign_keys(
    con: duckdb.DuckDBPyConnection,
    package: Package,
    tables: dict[str, LoadedTable],
    *,
    child: str | None = None,
    target: str | None = None,
) -> list[Problem]:
    """Every citing value that no row of its target holds (only the keys of table `child`, or only those
    pointing at table `target`, when given). The keys citing one target key are tested in one anti-join,
    so the target key is hashed once however many columns cite it."""
    problems = []
    for (target_name, refs), checks in _checkable(package, tables, child, target).items():
        cited = tables[target_name]
        parent = package.resources[target_name]
        # A key compared as text on one side must be text on the other too: one query per way of comparing.
        by_way: dict[tuple[bool, ...], list[_KeyCheck]] = {}
        for check in checks:
            way = tuple(
                check.child.schema.field(a).type == parent.schema.field(b).type
                for a, b in zip(check.fk.fields, refs, strict=True)
            )
            by_way.setdefault(way, []).append(check)
        for way, group in by_way.items():
            citing = " UNION ALL ".join(_citing_rows(c, i, way) for i, c in enumerate(group))
            join = " AND ".join(
                f"c.{ident('__k_' + b)} = " + (f"p.{ident(b)}" if same else f"CAST(p.{ident(b)} AS VARCHAR)")
                for b, same in zip(refs, way, strict=True)
            )
            sql = (
                f"SELECT c.k, c.{ROW}, c.value FROM ({citing}) c "
                f"WHERE NOT EXISTS (SELECT 1 FROM {cited.view} p WHERE {join}) ORDER BY c.k, c.{ROW}"
            )
            ref = f"{target_name}.{','.join(refs)}"
            for k, row, value in con.execute(sql).fetchall():
                check = group[int(k)]
                problems.append(
                    Problem(
                        check.child.path,
                        int(row),
                        ",".join(check.fk.fields),
                        "foreign-key",
                        str(value),
                        f"no row of {ref} has this value",
                        "structure",
                    )
                )
    return problems
