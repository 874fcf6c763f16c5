"""Layer 2: the semantic rules of semantic_rules.py, run on each loaded table as a polars frame.

The rules are declared once, as polars expressions; `models.py` derives pandera models from the same
declarations for users who check their own frames. Validation evaluates the expressions directly:
measured on the bundled data, importing pandera (and with it pandas) cost more than the rest of a
validation run together, and about 100 MB, for the same verdict (tests/test_models.py holds the two
to the same findings).
"""

from __future__ import annotations

from typing import Any

import duckdb
import polars as pl

from syria_offensive.metadata.descriptor import Package
from syria_offensive.metadata.window import StudyWindow
from syria_offensive.problems import Problem
from syria_offensive.read.csv_load import ROW, LoadedTable
from syria_offensive.sql import ident
from syria_offensive.validation.rules import rules_for

BATCH_ROWS = 131_072


def _shown(row: dict[str, Any], columns: tuple[str, ...]) -> str:
    return "; ".join(f"{c}={'' if row[c] is None else row[c]}" for c in columns)


def check_semantics(
    con: duckdb.DuckDBPyConnection, package: Package, tables: dict[str, LoadedTable], window: StudyWindow
) -> list[Problem]:
    problems: list[Problem] = []
    for name, table in tables.items():
        resource = package.resources[name]
        rules = [r for r in rules_for(name) if all(c in table.columns for c in r.columns)]
        if not rules:
            continue
        needed = sorted({c for r in rules for c in r.columns})
        select = ", ".join([ROW, *(ident(c) for c in needed)])
        # The rules are row-wise, so the table is read in batches: memory stays at one batch's worth
        # instead of a copy of every needed column (measured: +240 MB at 1M events in one frame).
        reader = con.sql(f"SELECT {select} FROM {table.view}").to_arrow_reader(BATCH_ROWS)
        found: dict[str, list[pl.DataFrame]] = {rule.rule: [] for rule in rules}
        for batch in reader:
            frame = pl.from_arrow(batch)
            assert isinstance(frame, pl.DataFrame)
            broken = frame.select(*(~rule.ok(window).fill_null(True).alias(rule.rule) for rule in rules))
            for rule in rules:
                hits = frame.filter(broken[rule.rule])
                if hits.height:
                    found[rule.rule].append(hits)
        for rule in rules:
            if not found[rule.rule]:
                continue
            for row in pl.concat(found[rule.rule]).sort(ROW).iter_rows(named=True):
                problems.append(
                    Problem(
                        resource.path,
                        int(row[ROW]),
                        rule.columns[0],
                        rule.rule,
                        _shown(row, rule.columns),
                        rule.message,
                        "semantics",
                    )
                )
    return problems
