"""One SQL query over the data package, with bound parameters, returned as a pandas, polars or Arrow frame."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

import duckdb

from .connection import connect

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
    import pyarrow as pa

Output = Literal["pandas", "polars", "arrow"]
OUTPUTS: tuple[Output, ...] = ("pandas", "polars", "arrow")
Params = Sequence[object] | Mapping[str, object] | None


def run(con: duckdb.DuckDBPyConnection, sql: str, params: Params = None) -> duckdb.DuckDBPyRelation:
    """The statement's result; ValueError when the statement returns no rows (e.g. SET or CREATE)."""
    relation = con.sql(sql, params=params)
    if relation is None:
        raise ValueError("the statement returns no result; query() is for statements that return rows")
    return relation


def convert(relation: duckdb.DuckDBPyRelation, output: Output) -> Any:
    if output == "pandas":
        return relation.df()
    if output == "polars":
        return relation.pl()
    if output == "arrow":
        return relation.to_arrow_table()
    raise ValueError(f"output must be one of {', '.join(OUTPUTS)}, not {output!r}")


@overload
def query(
    sql: str,
    params: Params = None,
    *,
    path: str | Path | None = None,
    version: str | None = None,
    output: Literal["pandas"] = "pandas",
) -> pd.DataFrame: ...
@overload
def query(
    sql: str,
    params: Params = None,
    *,
    path: str | Path | None = None,
    version: str | None = None,
    output: Literal["polars"],
) -> pl.DataFrame: ...
@overload
def query(
    sql: str,
    params: Params = None,
    *,
    path: str | Path | None = None,
    version: str | None = None,
    output: Literal["arrow"],
) -> pa.Table: ...
def query(
    sql: str,
    params: Params = None,
    *,
    path: str | Path | None = None,
    version: str | None = None,
    output: Output = "pandas",
) -> Any:
    """Run `sql` over the package's tables and views (see `connect`) and return the result.

    Pass values as bound parameters (`?` with a list, or `$name` with a dict), never by formatting them
    into the SQL text. A bad statement raises duckdb.Error with DuckDB's message.
    """
    if output not in OUTPUTS:
        raise ValueError(f"output must be one of {', '.join(OUTPUTS)}, not {output!r}")
    with connect(path, version=version) as con:
        return convert(run(con, sql, params), output)
