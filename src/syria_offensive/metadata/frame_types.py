"""Frame column types derived from the Table Schemas: polars for every field (enums as pl.Enum with the
schema's values as categories), and pandas (nullable Int64 and boolean, Categorical for enums,
datetime64[s] for dates since pandas has no date type, object lists)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import polars as pl

from syria_offensive.metadata.descriptor import Field, TableSchema
from syria_offensive.metadata.polars_types import polars_dtype

if TYPE_CHECKING:
    import pandas as pd

PANDAS_TYPES: dict[str, str] = {
    "string": "str",
    "integer": "Int64",
    "number": "float64",
    "boolean": "boolean",
    "date": "datetime64[s]",
    "list": "object",
}


def is_categorical(field: Field) -> bool:
    return field.type == "string" and field.enum is not None


def polars_typed_dtype(field: Field) -> Any:
    """The dtype a loaded polars column gets: the schema type, or pl.Enum for string enums."""
    if is_categorical(field):
        assert field.enum is not None
        return pl.Enum([str(v) for v in field.enum])
    return polars_dtype(field)


def pandas_dtype(field: Field) -> Any:
    if is_categorical(field):
        import pandas as pd

        assert field.enum is not None
        return pd.CategoricalDtype([str(v) for v in field.enum], ordered=False)
    return PANDAS_TYPES[field.type]


def enum_violations(frame: pl.DataFrame, schema: TableSchema) -> dict[str, list[str]]:
    """Values of enum columns that the schema's enum does not list (they cannot become categories)."""
    found: dict[str, list[str]] = {}
    for f in schema.fields:
        if is_categorical(f) and f.name in frame.columns:
            assert f.enum is not None
            allowed = {str(v) for v in f.enum}
            bad = sorted({v for v in frame[f.name].drop_nulls().unique().to_list() if v not in allowed})
            if bad:
                found[f.name] = bad
    return found


def to_polars_typed(frame: pl.DataFrame, schema: TableSchema) -> pl.DataFrame:
    """Cast the schema's enum columns to pl.Enum (other columns already have their schema types)."""
    casts = [
        pl.col(f.name).cast(polars_typed_dtype(f))
        for f in schema.fields
        if is_categorical(f) and f.name in frame.columns
    ]
    return frame.with_columns(casts) if casts else frame


def to_pandas_typed(frame: pl.DataFrame, schema: TableSchema) -> pd.DataFrame:
    """A pandas frame with the schema's pandas dtypes, converted column by column from polars."""
    import pandas as pd

    columns: dict[str, Any] = {}
    for f in schema.fields:
        if f.name not in frame.columns:
            continue
        series = frame[f.name]
        if f.type == "list":
            columns[f.name] = pd.Series(series.to_list(), dtype="object")
        elif is_categorical(f):
            columns[f.name] = pd.Categorical(series.cast(pl.String).to_pandas(), dtype=pandas_dtype(f))
        else:
            columns[f.name] = series.to_pandas().astype(pandas_dtype(f))
    return pd.DataFrame(columns)
