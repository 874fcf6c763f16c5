"""Layer 1 cell rules, each broken once on a copy of the real data."""

from __future__ import annotations

import pytest

from conftest import PackageCopy, found
from syria_offensive.validation import validate_package

CASES = [
    # table, column, bad value, rule
    ("events", "event_date", "2024-11-31", "type"),
    ("events", "date_precision", "high", "type"),
    ("events", "civilian_targeting", "yes", "type"),
    ("places", "latitude", "36,2", "type"),
    ("events", "summary", "", "required"),
    ("sources", "url", "", "required"),
    ("events", "event_type", "Battle", "enum"),
    ("sources", "language", "english", "enum"),
    ("sources", "url", "www.example.org/no-scheme", "type"),
    ("sources", "url", "https://example.org/a page with spaces", "pattern"),
    ("places", "place_id", "Aleppo City", "pattern"),
    ("places", "geo_precision", "0", "minimum"),
    ("places", "geo_precision", "4", "maximum"),
    ("places", "latitude", "95.5", "maximum"),
    ("events", "summary", "Too short.", "min-length"),
    ("events", "summary", "x" * 601, "max-length"),
]


@pytest.mark.parametrize(
    ("table", "column", "value", "rule"), CASES, ids=[f"{c[0]}.{c[1]}-{c[3]}" for c in CASES]
)
def test_cell_rule(pkg: PackageCopy, table: str, column: str, value: str, rule: str) -> None:
    index = pkg.find(table)
    pkg.edit(table, index, **{column: value})
    report = validate_package(pkg.root)
    problems = found(report)
    assert (f"data/{table}.csv", index + 2, column, rule) in problems
    # the broken cell is reported once, under its rule, with its value (rows pointing at it may break too)
    mine = [
        p
        for p in report.problems
        if p.file == f"data/{table}.csv" and p.row == index + 2 and p.column == column
    ]
    assert [(p.rule, p.value) for p in mine if p.layer == "structure"] == [(rule, value or None)]


def test_error_names_file_row_column_value_rule_and_message(pkg: PackageCopy) -> None:
    index = pkg.find("events")
    pkg.edit("events", index, date_precision="high")
    [problem] = validate_package(pkg.root).problems
    assert (problem.file, problem.row, problem.column, problem.value, problem.rule) == (
        "data/events.csv",
        index + 2,
        "date_precision",
        "high",
        "type",
    )
    assert "not a valid integer" in problem.message
