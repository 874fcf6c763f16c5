"""Reading a query's result as column names and rows, and the facts every export repeats about the
country the package covers."""

from __future__ import annotations

from typing import Any

import duckdb

COUNTRY_NAME = "Syria"
COUNTRY_ISO3 = "SYR"
COUNTRY_ISO_NUMERIC = 760
ACLED_REGION = "Middle East"


def fetch(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    relation = con.sql(sql)
    return list(relation.columns), relation.fetchall()


def records(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    columns, rows = fetch(con, sql)
    return [dict(zip(columns, row, strict=True)) for row in rows]
