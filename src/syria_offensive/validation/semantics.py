"""Layer 2: the pandera models' semantic checks, run on each loaded table as a polars frame."""

from __future__ import annotations

from typing import Any

import duckdb
import pandera.errors
import polars as pl

from ..csv_load import ROW, LoadedTable
from ..descriptor import Package
from ..models import table_model
from ..problems import Problem
from ..semantic_rules import RULES
from ..sql import ident
from ..window import StudyWindow

MESSAGES = {(r.table, r.rule): r for r in RULES}


def _shown(frame: pl.DataFrame, index: int, columns: tuple[str, ...]) -> str:
    parts = []
    for c in columns:
        value: Any = frame[c][index]
        parts.append(f"{c}={'' if value is None else value}")
    return "; ".join(parts)


def check_semantics(
    con: duckdb.DuckDBPyConnection, package: Package, tables: dict[str, LoadedTable], window: StudyWindow
) -> list[Problem]:
    problems: list[Problem] = []
    for name, table in tables.items():
        resource = package.resources[name]
        model = table_model(name, resource.schema, columns=False, window=window, present=table.columns)
        if not model.checks:
            continue
        needed = sorted(
            {
                c
                for r in RULES
                if r.table == name and all(x in table.columns for x in r.columns)
                for c in r.columns
            }
        )
        select = ", ".join([ROW, *(ident(c) for c in needed)])
        frame = con.sql(f"SELECT {select} FROM {table.view}").pl()
        try:
            model.validate(frame, lazy=True)
        except pandera.errors.SchemaErrors as exc:
            cases = exc.failure_cases
            for check, index in zip(cases["check"].to_list(), cases["index"].to_list(), strict=True):
                rule = MESSAGES[(name, check)]
                if index is None:
                    continue
                problems.append(
                    Problem(
                        resource.path,
                        int(frame[ROW][index]),
                        rule.columns[0],
                        rule.rule,
                        _shown(frame, index, rule.columns),
                        rule.message,
                        "semantics",
                    )
                )
    return problems
