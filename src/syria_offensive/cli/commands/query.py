"""syria-offensive query "SELECT ..." [--format table|csv|json|parquet] [--output FILE] [PATH]."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import duckdb

from syria_offensive.cli.commands.arguments import add_package_path

NAME = "query"
HELP = "run a SQL query over the tables and views (read-only); print or save the result"
FORMATS = ("table", "csv", "json", "parquet")


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "sql", help='one SQL statement, e.g. "SELECT * FROM daily_summary" (see `syria-offensive tables`)'
    )
    add_package_path(p)
    p.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="output format (default: table; parquet needs --output)",
    )
    p.add_argument("--output", "-o", type=Path, help="write to this file (atomically) instead of printing")


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)


def render_text(relation: duckdb.DuckDBPyRelation, fmt: str) -> str:
    from syria_offensive.access.table_csv import csv_text
    from syria_offensive.access.text_table import render

    columns, rows = list(relation.columns), relation.fetchall()
    if fmt == "csv":
        return csv_text(columns, rows)
    if fmt == "json":
        records = [{c: _json_value(v) for c, v in zip(columns, row, strict=True)} for row in rows]
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    return render(columns, rows) + "\n"


def parquet_bytes(relation: duckdb.DuckDBPyRelation) -> bytes:
    import pyarrow.parquet as pq

    buffer = io.BytesIO()
    pq.write_table(relation.to_arrow_table(), buffer, compression="zstd")
    return buffer.getvalue()


def run(args: argparse.Namespace) -> int:
    import duckdb

    from syria_offensive.access.connection import connect
    from syria_offensive.access.query import run as run_sql
    from syria_offensive.atomic import write_atomic
    from syria_offensive.errors import InvalidDataError

    if args.format == "parquet" and args.output is None:
        print("error: --format parquet needs --output FILE", file=sys.stderr)
        return 2
    try:
        with connect(args.path) as con:
            relation = run_sql(con, args.sql)
            payload: str | bytes = (
                parquet_bytes(relation) if args.format == "parquet" else render_text(relation, args.format)
            )
    except (duckdb.Error, ValueError, InvalidDataError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.output is not None:
        write_atomic(args.output, payload)
    else:
        assert isinstance(payload, str)
        sys.stdout.write(payload)
    return 0
