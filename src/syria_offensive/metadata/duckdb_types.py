"""Table Schema field types as DuckDB types and as casts from text that parse like Frictionless does."""

from __future__ import annotations

from syria_offensive.metadata.descriptor import Field, TableSchema
from syria_offensive.sql import ident, literal, literal_list

DUCKDB_TYPES = {
    "string": "VARCHAR",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "list": "VARCHAR[]",
}

# Frictionless's defaults: int() and Decimal() accept surrounding blanks; dates are strictly %Y-%m-%d.
_INTEGER_RE = r"\s*[+-]?[0-9]+\s*"
_NUMBER_RE = r"\s*[+-]?(([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?|[nN][aA][nN]|[iI][nN][fF]([iI][nN][iI][tT][yY])?)\s*"
_DATE_RE = r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
TRUE_VALUES = ("true", "True", "TRUE", "1")
FALSE_VALUES = ("false", "False", "FALSE", "0")


# A URI needs a scheme, as Frictionless (rfc3986) requires; the rest is left to the pattern constraint.
_URI_RE = r"(?s)[A-Za-z][A-Za-z0-9+.\-]*:.*"


def is_parsed(field: Field) -> bool:
    """Whether the typed value can fail to parse (so the raw text must be kept to report it)."""
    return field.type != "string" or field.format == "uri"


def duckdb_type(field: Field) -> str:
    return DUCKDB_TYPES[field.type]


def nulled(raw: str, schema: TableSchema) -> str:
    """The raw text column with the schema's missing values turned into NULL."""
    # csv_load reads an empty cell as '' (so that a padded, absent cell is NULL): the schema's
    # missingValues, "" among them by default, turn into NULL here.
    values = list(schema.missing_values)
    if values == [""]:
        return f"nullif({raw}, '')"
    if not values:
        return raw
    return f"(CASE WHEN {raw} IN {literal_list(values)} THEN NULL ELSE {raw} END)"


def cast_expr(field: Field, raw: str) -> str:
    """SQL turning the text column `raw` (missing values already NULL) into the field's type, NULL if it fails."""
    t = field.type
    if t == "string" and field.format == "uri":
        return f"(CASE WHEN regexp_full_match({raw}, {literal(_URI_RE)}) THEN {raw} END)"
    if t == "string":
        return raw
    if t == "integer":
        return f"(CASE WHEN regexp_full_match({raw}, {literal(_INTEGER_RE)}) THEN TRY_CAST(trim({raw}) AS BIGINT) END)"
    if t == "number":
        return f"(CASE WHEN regexp_full_match({raw}, {literal(_NUMBER_RE)}) THEN TRY_CAST(trim({raw}) AS DOUBLE) END)"
    if t == "boolean":
        return (
            f"(CASE WHEN {raw} IN {literal_list(TRUE_VALUES)} THEN true "
            f"WHEN {raw} IN {literal_list(FALSE_VALUES)} THEN false END)"
        )
    if t == "date":
        return (
            f"(CASE WHEN regexp_full_match({raw}, {literal(_DATE_RE)}) "
            f"THEN CAST(try_strptime({raw}, '%Y-%m-%d') AS DATE) END)"
        )
    if t == "list":
        return f"string_split({raw}, {literal(field.delimiter)})"
    raise ValueError(f"unsupported type {t!r}")


def column_definitions(schema: TableSchema) -> str:
    """`name TYPE, ...` for CREATE TABLE, in schema order."""
    return ", ".join(f"{ident(f.name)} {duckdb_type(f)}" for f in schema.fields)
