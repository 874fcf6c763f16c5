"""Validation in three layers, gathered into one report.

1. structure: descriptor, files (size, hash, encoding, header), cell types and constraints, keys;
2. semantics: pandera checks across the columns of a row;
3. cross-table: rules that join tables.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from syria_offensive.metadata.descriptor import Package, load_package
from syria_offensive.metadata.window import StudyWindow, study_window
from syria_offensive.problems import Problem, Report
from syria_offensive.read.csv_load import LoadedTable, drop_columns, load_resource
from syria_offensive.read.files import check_file, hash_problem, sha256_of
from syria_offensive.validation.cells import check_cells
from syria_offensive.validation.crosstable import CROSS_RULES, CYCLES, check_cross_table
from syria_offensive.validation.keys import check_foreign_keys, check_unique

if TYPE_CHECKING:
    from syria_offensive.validation.plan import Step

__all__ = ["study_window", "validate_package"]  # study_window: kept here for callers of 0.1.0


# When most rows of a file break the same row rule, the fault is the file's (a header missing a column, a
# stray quote): one problem says so instead of one per row.
CASCADE_MIN_ROWS = 20


def _reject_problems(path: str, table: LoadedTable) -> list[Problem]:
    by_rule: dict[str, list[Any]] = {}
    for r in table.rejects:
        by_rule.setdefault(r.rule, []).append(r)
    out = []
    total = table.rows + len(table.rejects)
    for rule, rejects in by_rule.items():
        if len(rejects) >= CASCADE_MIN_ROWS and 2 * len(rejects) > total:
            first = rejects[0]
            message = (
                f"{len(rejects)} of {total} rows cannot be read ({rule}), from row {first.row} on: the fault is "
                f"likely the file's (a header missing or adding a column, an unclosed quote). First: {first.message}"
            )
            out.append(Problem(path, first.row, first.column, rule, first.text, message, "structure"))
            continue
        out.extend(
            Problem(
                path, r.row, r.column, r.rule, r.text, f"the row cannot be read: {r.message}", "structure"
            )
            for r in rejects
        )
    return out


def validate_package(path: str | Path | Package | None = None, *, threads: int | None = None) -> Report:
    """Validate a data package (folder, descriptor path, or None for the bundled data).

    Raises PackageError when the descriptor cannot be read at all.
    """
    # polars (through the semantic rules): imported only by what validates rows
    from syria_offensive.validation.plan import live_columns, plan

    package = path if isinstance(path, Package) else load_package(path)
    report = Report(str(package.descriptor_path))
    report.extend(package.problems)
    window, problems = study_window(package)
    report.extend(problems)
    con = duckdb.connect(":memory:")
    # Validation frees each table's columns as soon as no check needs them; flushing the allocator after
    # large frees hands that memory back to the system instead of holding it for later queries.
    con.execute("SET allocator_bulk_deallocation_flush_threshold = '16MB'")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    # Hashing releases the GIL: it runs on a thread while DuckDB reads the rows.
    hasher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sha256")
    try:
        tables: dict[str, LoadedTable] = {}
        hashes = {
            name: hasher.submit(sha256_of, res.file(package.root))
            for name, res in package.resources.items()
            if res.hash is not None and res.file(package.root).is_file()
        }
        pending = plan(package)
        passed: set[str] = set()  # tables whose turn to load has come, loaded or not
        kept: dict[str, set[str]] = {}  # the columns each table was last cut down to
        for name in package.table_order():
            resource = package.resources[name]
            checked = check_file(resource, package.root)
            report.extend(checked.problems)
            passed.add(name)
            if checked.header is not None:
                table = load_resource(
                    con, resource, package.root, checked.header, blank_rows=checked.blank_rows
                )
                tables[name] = table
                report.checked[resource.path] = table.rows
                report.extend(_reject_problems(resource.path, table))
            waiting = []
            for step in pending:
                if all(t in tables for t in step.needs):
                    report.extend(_run(step, con, package, tables, window))
                elif all(t in tables or t not in passed for t in step.needs):
                    waiting.append(step)
                # else the step reads a table that could not be loaded: it cannot run
            pending = waiting
            live = live_columns(pending)
            for held in tables.values():
                keep = live.get(held.name, set())
                if kept.get(held.name) != keep:  # cut only when what later steps read has changed
                    kept[held.name] = keep
                    drop_columns(con, held, keep)  # a table already dropped stays dropped
        for name, digest in hashes.items():
            found = hash_problem(package.resources[name], digest.result())
            if found:
                report.problems.append(found)
    finally:
        hasher.shutdown(wait=True, cancel_futures=True)
        con.close()
    return report


def _run(
    step: Step,
    con: duckdb.DuckDBPyConnection,
    package: Package,
    tables: dict[str, LoadedTable],
    window: StudyWindow,
) -> list[Problem]:
    """Run one step of the plan (the checks are looked up here, by name, so a profiler can wrap them)."""
    if step.kind == "cells":
        return check_cells(con, package.resources[step.subject], tables[step.subject])
    if step.kind == "unique":
        return check_unique(con, package.resources[step.subject], tables[step.subject])
    if step.kind == "foreign-keys":
        return check_foreign_keys(con, package, tables, child=step.subject, target=step.target)
    if step.kind == "semantics":
        from syria_offensive.validation.semantics import check_semantics

        return check_semantics(con, package, {step.subject: tables[step.subject]}, window)
    if step.kind == "cycles":
        cycles = tuple(c for c in CYCLES if c[3] == step.subject)
        return check_cross_table(con, package, tables, rules=(), cycles=cycles)
    rules = tuple(r for r in CROSS_RULES if r.rule == step.subject)
    return check_cross_table(con, package, tables, rules=rules, cycles=())


# The last reports by the state of the files they read, so that load_all() validates a package once.
_REPORTS: dict[tuple[object, ...], Report] = {}
_KEEP = 4


def _files_state(package: Package) -> tuple[object, ...]:
    paths = [package.descriptor_path]
    for res in package.resources.values():
        paths.append(res.file(package.root))
        if res.schema_path:
            paths.append(package.root / res.schema_path)
    state: list[object] = []
    for p in paths:
        try:
            st = p.stat()
            state.append((str(p), st.st_mtime_ns, st.st_size))
        except OSError:
            state.append((str(p), None, None))
    return tuple(state)


def package_report(package: Package) -> Report:
    """validate_package(package), reused while none of the package's files has changed."""
    key = _files_state(package)
    report = _REPORTS.get(key)
    if report is None:
        report = validate_package(package)
        if len(_REPORTS) >= _KEEP:
            _REPORTS.pop(next(iter(_REPORTS)))
        _REPORTS[key] = report
    return report


def table_problems(package: Package, name: str) -> list[Problem]:
    """The problems that concern table `name`: those of its file and its schema, and the descriptor's
    about it. The loaders raise on these, so a loader and `validate` give one rule id for one fault."""
    resource = package.resource(name)
    own = {resource.path, resource.schema_path}
    descriptor = package.descriptor_path.name
    return [
        p
        for p in package_report(package).problems
        if p.file in own or (p.file == descriptor and p.value in (name, resource.path))
    ]
