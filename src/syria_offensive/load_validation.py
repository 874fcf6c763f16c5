"""Validation of one table as it is loaded: cells that do not parse as their schema type, then the
table's pandera model (the schema's constraints plus the semantic rules), reported as Problems with
the file, row, column and rule."""

from __future__ import annotations

from typing import Any

import duckdb
import pandera.errors
import polars as pl

from .csv_load import ROW, LoadedTable
from .descriptor import Resource
from .models import table_model
from .problems import Problem
from .semantic_rules import RULES
from .validation.cells import check_cells
from .window import StudyWindow

SEMANTIC_RULES = {(r.table, r.rule): r for r in RULES}

# pandera's names for the checks it derives from a Table Schema, as this package's rule names.
PANDERA_CHECKS = (
    ("isin", "enum", "the value is not one of the schema's values"),
    ("str_matches", "pattern", "the value does not match the schema's pattern"),
    ("greater_than_or_equal_to", "minimum", "the value is below the schema's minimum"),
    ("less_than_or_equal_to", "maximum", "the value is above the schema's maximum"),
    ("str_length", "length", "the value's length is outside the schema's bounds"),
    ("not_nullable", "required", "a value is required"),
    ("field_uniqueness", "unique", "the value appears in more than one row"),
    ("multiple_fields_uniqueness", "primary-key", "the primary key appears in more than one row"),
)


def unparsed_cells(con: duckdb.DuckDBPyConnection, resource: Resource, table: LoadedTable) -> list[Problem]:
    """Cells with text that did not parse as the field's type (they would otherwise load as missing).

    The validator's own type check; the pandera model covers the other constraints.
    """
    return check_cells(con, resource, table, only={"type"})


def _pandera_rule(check: str) -> tuple[str, str]:
    for prefix, rule, message in PANDERA_CHECKS:
        if check.startswith(prefix):
            return rule, message
    return check, f"the check {check} fails"


def _shown(frame: pl.DataFrame, index: int, columns: tuple[str, ...]) -> str:
    values: list[Any] = [frame[c][index] for c in columns]
    return "; ".join(f"{c}={'' if v is None else v}" for c, v in zip(columns, values, strict=True))


def model_problems(frame: pl.DataFrame, resource: Resource, window: StudyWindow) -> list[Problem]:
    """Failures of the table's pandera model; `frame` has the schema's columns plus the row number."""
    model = table_model(resource.name, resource.schema, window=window)
    try:
        model.validate(frame.drop(ROW), lazy=True)
    except pandera.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        problems = []
        for column, check, index, value in zip(
            cases["column"].to_list(),
            cases["check"].to_list(),
            cases["index"].to_list(),
            cases["failure_case"].to_list(),
            strict=True,
        ):
            row = None if index is None else int(frame[ROW][int(index)])
            semantic = SEMANTIC_RULES.get((resource.name, str(check)))
            if semantic is not None:
                shown = None if index is None else _shown(frame, int(index), semantic.columns)
                problems.append(
                    Problem(
                        resource.path,
                        row,
                        semantic.columns[0],
                        semantic.rule,
                        shown,
                        semantic.message,
                        "semantics",
                    )
                )
            else:
                rule, message = _pandera_rule(str(check))
                col = None if column == resource.name else column
                text = None if value is None else str(value)
                problems.append(Problem(resource.path, row, col, rule, text, message, "structure"))
        return problems
    return []
