"""One SQL query over the data package, with bound parameters, returned as a pandas, polars or Arrow frame."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

import duckdb

from syria_offensive.access.connection import connect

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
    import pyarrow as pa

Output = Literal["pandas", "polars", "arrow"]
OUTPUTS: tuple[Output, ...] = ("pandas", "polars", "arrow")
Params = Sequence[object] | Mapping[str, object] | None


# Statements that only read: a query, or EXPLAIN of one. Anything else (DELETE, CREATE, SET, PRAGMA,
# ATTACH, COPY, several statements) is refused before it runs, as the query help promises.
READ_ONLY = ("SELECT", "EXPLAIN")


def check_read_only(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """ValueError unless `sql` is exactly one read-only statement (duckdb.Error if it does not parse)."""
    statements = con.extract_statements(sql)
    if len(statements) != 1:
        raise ValueError(f"give exactly one SQL statement, not {len(statements)}")
    kind = statements[0].type.name
    if kind not in READ_ONLY:
        raise ValueError(
            f"only a read-only statement (SELECT, WITH ... SELECT, EXPLAIN) can run here, not {kind}"
        )


def run(con: duckdb.DuckDBPyConnection, sql: str, params: Params = None) -> duckdb.DuckDBPyRelation:
    """The result of one read-only statement; ValueError for anything else."""
    check_read_only(con, sql)
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
