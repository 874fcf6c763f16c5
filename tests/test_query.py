"""query() and the `query` and `tables` commands."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import syria_offensive
from conftest import PackageCopy
from expected import rows
from syria_offensive.access.sql_views import view_files
from syria_offensive.cli import main
from syria_offensive.metadata.descriptor import TABLES

SQL = "SELECT event_id, event_date, place_id FROM events WHERE event_type = ? ORDER BY event_id"


def battles(pkg: PackageCopy) -> list[dict[str, str]]:
    found = sorted(
        (e for e in rows(pkg.root, "events") if e["event_type"] == "Battles"), key=lambda e: e["event_id"]
    )
    assert found, "the data should hold battles"
    return found


def test_query_binds_parameters_in_each_output(pkg: PackageCopy) -> None:
    expected = [e["event_id"] for e in battles(pkg)]
    frame = syria_offensive.query(SQL, ["Battles"], path=pkg.root)
    assert isinstance(frame, pd.DataFrame) and list(frame["event_id"]) == expected
    frame_pl = syria_offensive.query(SQL, ["Battles"], path=pkg.root, output="polars")
    assert isinstance(frame_pl, pl.DataFrame) and frame_pl["event_id"].to_list() == expected
    table = syria_offensive.query(SQL, ["Battles"], path=pkg.root, output="arrow")
    assert isinstance(table, pa.Table) and table.column("event_id").to_pylist() == expected
    named = syria_offensive.query(
        "SELECT count(*) AS n FROM events WHERE event_type = $t",
        {"t": "Battles"},
        path=pkg.root,
        output="polars",
    )
    assert named["n"].to_list() == [len(expected)]
    # a parameter is a value, never SQL: a quote in it is just a character
    assert syria_offensive.query(SQL, ["Battles' OR '1'='1"], path=pkg.root).empty


def test_a_bad_statement_raises_duckdbs_error(pkg: PackageCopy) -> None:
    with pytest.raises(duckdb.CatalogException, match="nosuch"):
        syria_offensive.query("SELECT * FROM nosuch", path=pkg.root)
    with pytest.raises(ValueError, match="output"):
        syria_offensive.query("SELECT 1", path=pkg.root, output="excel")  # type: ignore[call-overload]


def test_cli_query_formats(pkg: PackageCopy, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    expected = battles(pkg)
    sql = "SELECT event_id, event_date, place_id FROM events WHERE event_type = 'Battles' ORDER BY event_id"
    assert main(["query", sql, str(pkg.root), "--format", "csv"]) == 0
    got = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert got == [{k: e[k] for k in ("event_id", "event_date", "place_id")} for e in expected]
    assert main(["query", sql, str(pkg.root), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0] == {
        k: expected[0][k] for k in ("event_id", "event_date", "place_id")
    }
    assert main(["query", sql, str(pkg.root)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["event_id", "event_date", "place_id"]
    assert table[2].split() == [expected[0]["event_id"], expected[0]["event_date"], expected[0]["place_id"]]
    assert table[-1] == f"({len(expected)} rows)"
    out = tmp_path / "battles.parquet"
    assert main(["query", sql, str(pkg.root), "--format", "parquet", "--output", str(out)]) == 0
    assert pq.read_table(out).column("event_id").to_pylist() == [e["event_id"] for e in expected]


def test_cli_bad_sql_exits_1_with_duckdbs_message(
    pkg: PackageCopy, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["query", "SELEC nonsense", str(pkg.root)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: Parser Error") and "Traceback" not in err
    assert main(["query", "COPY events TO 'stolen.csv'", str(pkg.root)]) == 1
    assert (
        "not COPY" in capsys.readouterr().err
    )  # refused before it runs; the lock is tested in test_connection
    assert not Path("stolen.csv").exists()


def test_cli_tables_lists_tables_and_views_with_columns(
    pkg: PackageCopy, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["tables", str(pkg.root), "--format", "json"]) == 0
    entries = {e["name"]: e for e in json.loads(capsys.readouterr().out)}
    assert {n for n, e in entries.items() if e["kind"] == "table"} == set(TABLES)
    assert {n for n, e in entries.items() if e["kind"] == "view"} == {v.name for v in view_files()}
    assert entries["events"]["rows"] == len(rows(pkg.root, "events"))
    assert ["event_date", "DATE"] in entries["events"]["columns"]
    assert ["killed_best", "DOUBLE"] in entries["events_enriched"]["columns"]
    assert main(["tables", str(pkg.root)]) == 0
    text = capsys.readouterr().out
    assert f"table events ({len(rows(pkg.root, 'events'))} rows)" in text
    assert "view territory_changes" in text


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("SELECT 1; SELECT 2", "exactly one"),
        ("DELETE FROM events", "not DELETE"),
        ("CREATE TABLE t AS SELECT 1", "not CREATE"),
        ("SET threads = 1", "not SET"),
        ("PRAGMA version", "not PRAGMA"),
        ("", "exactly one"),
    ],
)
def test_query_runs_exactly_one_read_only_statement(pkg: PackageCopy, sql: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        syria_offensive.query(sql, path=pkg.root)


def test_cli_query_refuses_a_write_without_a_traceback(
    pkg: PackageCopy, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["query", "SELECT 1; DELETE FROM events", str(pkg.root)]) == 1
    err = capsys.readouterr().err
    assert "exactly one" in err and "Traceback" not in err
    with syria_offensive.connect(pkg.root) as con:
        assert con.sql("SELECT count(*) FROM events").fetchall() == [(len(rows(pkg.root, "events")),)]
