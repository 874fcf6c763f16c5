"""What changed between two versions of the data package, table by table and row by row.

Rows are matched by the table's primary key (from the newer Table Schema): a key only in the new
version is an added row, only in the old one a removed row, and a key in both whose other columns
differ is a changed row, with the columns that changed and their old and new values. Values are
compared as the schemas type them (so `1.0` and `1` are the same number); a column whose type changed is
compared as text. Each side is a folder, a datapackage.json, or a released version string (fetched and
verified by `download`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from syria_offensive.errors import PackageError
from syria_offensive.metadata.descriptor import Package, TableSchema, load_package
from syria_offensive.read.csv_load import load_resource
from syria_offensive.read.files import check_file
from syria_offensive.release.names import looks_like_version
from syria_offensive.sql import ident

OLD, NEW = "old", "new"


@dataclass(frozen=True)
class Side:
    label: str  # as the user named it
    path: Path  # the descriptor
    version: str


@dataclass
class RowChange:
    key: dict[str, Any]
    columns: dict[str, tuple[Any, Any]]  # column -> (old value, new value)


@dataclass
class TableDiff:
    table: str
    status: str  # "added", "removed", "changed", "unchanged"
    key: tuple[str, ...] = ()
    old_rows: int = 0
    new_rows: int = 0
    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    changed: list[RowChange] = field(default_factory=list)
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class PackageDiff:
    old: Side
    new: Side
    tables: list[TableDiff]

    @property
    def changed(self) -> bool:
        return any(t.status != "unchanged" for t in self.tables)

    def to_json(self) -> str:
        def side(s: Side) -> dict[str, str]:
            return {"label": s.label, "descriptor": str(s.path), "version": s.version}

        tables = [
            {
                "table": t.table,
                "status": t.status,
                "primary_key": list(t.key),
                "rows": {OLD: t.old_rows, NEW: t.new_rows},
                "columns_added": t.columns_added,
                "columns_removed": t.columns_removed,
                "added": [_jsonable(k) for k in t.added],
                "removed": [_jsonable(k) for k in t.removed],
                "changed": [
                    {
                        "key": _jsonable(c.key),
                        "columns": {
                            col: {OLD: _jsonable(o), NEW: _jsonable(n)} for col, (o, n) in c.columns.items()
                        },
                    }
                    for c in t.changed
                ],
                "notes": t.notes,
            }
            for t in self.tables
        ]
        return json.dumps(
            {OLD: side(self.old), NEW: side(self.new), "tables": tables}, ensure_ascii=False, indent=2
        )

    def to_text(self) -> str:
        lines = [
            f"old: {self.old.label} (version {self.old.version})",
            f"new: {self.new.label} (version {self.new.version})",
            "",
        ]
        for t in self.tables:
            if t.status == "added":
                lines.append(f"{t.table}: new table ({t.new_rows} rows)")
            elif t.status == "removed":
                lines.append(f"{t.table}: table removed ({t.old_rows} rows)")
            elif t.status == "unchanged":
                lines.append(f"{t.table}: no change ({t.new_rows} rows)")
            else:
                lines.append(
                    f"{t.table} (key {', '.join(t.key)}): {len(t.added)} added, {len(t.removed)} removed, "
                    f"{len(t.changed)} changed; {t.old_rows} -> {t.new_rows} rows"
                )
                lines.extend(f"  column added: {c}" for c in t.columns_added)
                lines.extend(f"  column removed: {c}" for c in t.columns_removed)
                lines.extend(f"  + {_key_text(k)}" for k in t.added)
                lines.extend(f"  - {_key_text(k)}" for k in t.removed)
                lines.extend(f"  ~ {_key_text(c.key)}: {', '.join(c.columns)}" for c in t.changed)
            lines.extend(f"  note: {n}" for n in t.notes)
        totals = [sum(len(getattr(t, a)) for t in self.tables) for a in ("added", "removed", "changed")]
        lines += ["", f"rows: {totals[0]} added, {totals[1]} removed, {totals[2]} changed"]
        return "\n".join(lines)

    def to_markdown(self) -> str:
        """A draft of the changelog's Data section: counts per table, ids of removed rows, changed
        columns with how many rows each; the why is for the maintainer to add by hand."""
        lines = [
            f"### Data (from `syria-offensive diff {self.old.label} {self.new.label}`: "
            f"{self.old.version} -> {self.new.version})",
            "",
        ]
        for t in self.tables:
            if t.status == "added":
                lines.append(f"- **{t.table}**: new table, {t.new_rows} rows.")
                continue
            if t.status == "removed":
                lines.append(f"- **{t.table}**: table removed ({t.old_rows} rows).")
                continue
            if t.status == "unchanged":
                lines.append(f"- **{t.table}**: no change ({t.new_rows} rows).")
                continue
            lines.append(
                f"- **{t.table}**: {t.old_rows} -> {t.new_rows} rows; {len(t.added)} added, "
                f"{len(t.removed)} removed, {len(t.changed)} changed."
            )
            if t.columns_added:
                lines.append(f"  - columns added: {', '.join(f'`{c}`' for c in t.columns_added)}")
            if t.columns_removed:
                lines.append(f"  - columns removed: {', '.join(f'`{c}`' for c in t.columns_removed)}")
            if t.removed:
                lines.append(f"  - removed: {_id_list([_key_text(k) for k in t.removed])}")
            by_column: dict[str, list[str]] = {}
            for c in t.changed:
                for col in c.columns:
                    by_column.setdefault(col, []).append(_key_text(c.key))
            for col, keys in sorted(by_column.items()):
                lines.append(f"  - `{col}` changed in {len(keys)} rows: {_id_list(keys)}")
        return "\n".join(lines)


def _id_list(ids: list[str], most: int = 12) -> str:
    shown = ", ".join(f"`{i}`" for i in ids[:most])
    return shown if len(ids) <= most else f"{shown} and {len(ids) - most} more (`--format json` lists all)"


def _key_text(key: dict[str, Any]) -> str:
    values = [str(_jsonable(v)) for v in key.values()]
    return values[0] if len(values) == 1 else "(" + ", ".join(values) + ")"


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def resolve(spec: str, *, fetch: Callable[[str], Path] | None = None) -> tuple[Side, Package]:
    """A folder, a descriptor path, or a released version (fetched with `fetch`, by default `download`)."""
    path = Path(spec)
    if not path.exists() and looks_like_version(spec):
        if fetch is None:
            from syria_offensive.release.download import download

            fetch = download
        path = fetch(spec)
    elif not path.exists():
        raise PackageError(f"{spec}: no such folder or datapackage.json, and not a version like 0.2.0")
    package = load_package(path)
    return Side(spec, package.descriptor_path, package.version), package


def _load(con: duckdb.DuckDBPyConnection, schema: str, package: Package) -> dict[str, list[str]]:
    """Load every table into DuckDB schema `schema`; returns each table's columns."""
    con.execute(f"CREATE SCHEMA {ident(schema)}")
    con.execute(f"USE memory.{ident(schema)}")
    columns = {}
    for name, resource in sorted(package.resources.items()):
        header = check_file(resource, package.root).header
        if header is None:
            raise PackageError(
                f"{resource.file(package.root)}: cannot be read as CSV (run syria-offensive validate)"
            )
        try:
            loaded = load_resource(con, resource, package.root, header, keep_raw=False, collect_rejects=False)
        except duckdb.Error as exc:
            raise PackageError(
                f"{resource.file(package.root)}: cannot be read ({exc}); run syria-offensive validate"
            ) from None
        columns[name] = loaded.columns
    return columns


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0


class _TableComparer:
    def __init__(self, con: duckdb.DuckDBPyConnection, name: str, old: TableSchema, new: TableSchema) -> None:
        self.con, self.name, self.old, self.new = con, name, old, new
        self.o = f"{OLD}.{ident(name)}"
        self.n = f"{NEW}.{ident(name)}"

    def same_type(self, column: str) -> bool:
        return self.old.field(column).type == self.new.field(column).type

    def pair(self, column: str) -> tuple[str, str]:
        o, n = f"o.{ident(column)}", f"n.{ident(column)}"
        return (o, n) if self.same_type(column) else (f"CAST({o} AS VARCHAR)", f"CAST({n} AS VARCHAR)")

    def keys(self, alias: str, key: Sequence[str]) -> str:
        return ", ".join(f"{alias}.{ident(k)}" for k in key)

    def duplicated(self, table: str, key: Sequence[str]) -> int:
        return _count(
            self.con, f"SELECT count(*) - count(DISTINCT ({', '.join(ident(k) for k in key)})) FROM {table}"
        )

    def compare(self, old_cols: list[str], new_cols: list[str]) -> TableDiff:
        diff = TableDiff(self.name, "unchanged")
        diff.old_rows = _count(self.con, f"SELECT count(*) FROM {self.o}")
        diff.new_rows = _count(self.con, f"SELECT count(*) FROM {self.n}")
        diff.columns_added = [c for c in new_cols if c not in old_cols]
        diff.columns_removed = [c for c in old_cols if c not in new_cols]
        common = [c for c in new_cols if c in old_cols]
        key = tuple(k for k in self.new.primary_key if k in common)
        if self.old.primary_key != self.new.primary_key:
            diff.notes.append(
                f"primary key changed from {list(self.old.primary_key)} to {list(self.new.primary_key)}"
            )
        if key and len(key) == len(self.new.primary_key):
            for label, table in ((OLD, self.o), (NEW, self.n)):
                dup = self.duplicated(table, key)
                if dup:
                    raise PackageError(
                        f"{self.name}: {dup} duplicate primary key(s) in the {label} version: validate it"
                    )
        else:
            key = tuple(common)
            diff.notes.append(
                "no primary key shared by both versions: rows compared whole (no 'changed' rows)"
            )
        diff.key = key
        on = " AND ".join(f"{a} IS NOT DISTINCT FROM {b}" for a, b in (self.pair(k) for k in key)) or "true"
        diff.added = self._keys(
            f"SELECT {self.keys('n', key)} FROM {self.n} n WHERE NOT EXISTS "
            f"(SELECT 1 FROM {self.o} o WHERE {on}) ORDER BY ALL",
            key,
        )
        diff.removed = self._keys(
            f"SELECT {self.keys('o', key)} FROM {self.o} o WHERE NOT EXISTS "
            f"(SELECT 1 FROM {self.n} n WHERE {on}) ORDER BY ALL",
            key,
        )
        values = [c for c in common if c not in key]
        if values:
            distinct = [f"({a} IS DISTINCT FROM {b})" for a, b in (self.pair(c) for c in values)]
            selects = [self.keys("n", key)] + [
                f"{d}, o.{ident(c)}, n.{ident(c)}" for d, c in zip(distinct, values, strict=True)
            ]
            rows = self.con.execute(
                f"SELECT {', '.join(selects)} FROM {self.o} o JOIN {self.n} n ON {on} "
                f"WHERE {' OR '.join(distinct)} ORDER BY {self.keys('n', key)}"
            ).fetchall()
            for row in rows:
                k = dict(zip(key, row[: len(key)], strict=True))
                rest = row[len(key) :]
                cols = {c: (rest[3 * i + 1], rest[3 * i + 2]) for i, c in enumerate(values) if rest[3 * i]}
                diff.changed.append(RowChange(k, cols))
        if diff.added or diff.removed or diff.changed or diff.columns_added or diff.columns_removed:
            diff.status = "changed"
        return diff

    def _keys(self, sql: str, key: Sequence[str]) -> list[dict[str, Any]]:
        return [dict(zip(key, row, strict=True)) for row in self.con.execute(sql).fetchall()]


def diff_packages(
    old: Package, new: Package, old_side: Side | None = None, new_side: Side | None = None
) -> PackageDiff:
    con = duckdb.connect(":memory:")
    try:
        old_cols = _load(con, OLD, old)
        new_cols = _load(con, NEW, new)
        tables = []
        for name in sorted(set(old_cols) | set(new_cols)):
            if name not in old_cols:
                tables.append(
                    TableDiff(
                        name,
                        "added",
                        new.resources[name].schema.primary_key,
                        new_rows=_count(con, f"SELECT count(*) FROM {NEW}.{ident(name)}"),
                    )
                )
            elif name not in new_cols:
                tables.append(
                    TableDiff(
                        name,
                        "removed",
                        old.resources[name].schema.primary_key,
                        old_rows=_count(con, f"SELECT count(*) FROM {OLD}.{ident(name)}"),
                    )
                )
            else:
                comparer = _TableComparer(con, name, old.resources[name].schema, new.resources[name].schema)
                tables.append(comparer.compare(old_cols[name], new_cols[name]))
    finally:
        con.close()
    return PackageDiff(
        old_side or Side(str(old.root), old.descriptor_path, old.version),
        new_side or Side(str(new.root), new.descriptor_path, new.version),
        tables,
    )


def diff(old: str, new: str, *, fetch: Callable[[str], Path] | None = None) -> PackageDiff:
    """Compare two versions given as folders, descriptor paths or released version strings."""
    old_side, old_pkg = resolve(old, fetch=fetch)
    new_side, new_pkg = resolve(new, fetch=fetch)
    return diff_packages(old_pkg, new_pkg, old_side, new_side)
