"""The polars dtype of each Table Schema field type (shared by the loaders and the pandera models)."""

from __future__ import annotations

from typing import Any

import polars as pl

from syria_offensive.metadata.descriptor import Field

POLARS_TYPES: dict[str, Any] = {
    "string": pl.String,
    "integer": pl.Int64,
    "number": pl.Float64,
    "boolean": pl.Boolean,
    "date": pl.Date,
    "list": pl.List(pl.String),
}


def polars_dtype(field: Field) -> Any:
    return POLARS_TYPES[field.type]
