"""pandera models derived from the Table Schemas (the contract) plus the layer-2 semantic rules.

Nothing here restates a column: names, types, nullability, uniqueness, enums, patterns and bounds are
read from the schema, so the models cannot drift from it.
"""

from __future__ import annotations

from typing import Any

try:
    import pandera.polars as pa
except ImportError as exc:  # an extra: the validator itself does not need pandera
    raise ImportError(
        "syria_offensive.validation.models needs pandera: pip install 'syria-offensive-2024[pandera]'"
    ) from exc

from syria_offensive.metadata.descriptor import Field, TableSchema
from syria_offensive.metadata.polars_types import polars_dtype
from syria_offensive.metadata.window import DEFAULT_WINDOW, StudyWindow
from syria_offensive.validation.rules import SemanticRule, rules_for


def column_checks(field: Field) -> list[pa.Check]:
    checks: list[pa.Check] = []
    if field.enum is not None:
        checks.append(pa.Check.isin(list(field.enum), name="enum"))
    if field.pattern is not None and field.type == "string":
        checks.append(pa.Check.str_matches(f"^(?:{field.pattern})$", name="pattern"))
    if field.minimum is not None:
        checks.append(pa.Check.ge(field.minimum, name="minimum"))
    if field.maximum is not None:
        checks.append(pa.Check.le(field.maximum, name="maximum"))
    if field.type == "string" and (field.min_length is not None or field.max_length is not None):
        checks.append(pa.Check.str_length(field.min_length, field.max_length, name="length"))
    return checks


def semantic_check(rule: SemanticRule, window: StudyWindow) -> pa.Check:
    expr = rule.ok(window)

    def check(data: Any) -> Any:
        return data.lazyframe.select(expr.fill_null(True).alias(rule.rule))

    # The rule id is the check's error text so failures map back to the rule.
    return pa.Check(check, name=rule.rule, error=rule.rule)


def table_model(
    name: str,
    schema: TableSchema,
    *,
    columns: bool = True,
    semantics: bool = True,
    window: StudyWindow = DEFAULT_WINDOW,
    present: list[str] | None = None,
) -> pa.DataFrameSchema:
    """The pandera model of a table: column specs from the schema and/or the table's semantic rules.

    `present` limits the semantic rules to those whose columns are all in the frame.
    """
    cols = {}
    if columns:
        for f in schema.fields:
            cols[f.name] = pa.Column(
                polars_dtype(f),
                checks=column_checks(f),
                nullable=not (f.required or f.name in schema.primary_key),
                unique=f.unique,
                required=True,
            )
    checks = []
    if semantics:
        for rule in rules_for(name):
            if present is None or all(c in present for c in rule.columns):
                checks.append(semantic_check(rule, window))
    return pa.DataFrameSchema(
        cols,
        checks=checks,
        unique=list(schema.primary_key) if columns and len(schema.primary_key) > 1 else None,
        name=name,
        strict=columns,
    )
