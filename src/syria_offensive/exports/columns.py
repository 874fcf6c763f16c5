"""What the CSV exports shaped like other datasets (ACLED, UCDP GED) share: their column lists with
where each value comes from, the fixed build timestamp, the CSV writer, the fill rate of each column
and the README written beside each file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from syria_offensive.access.table_csv import csv_text
from syria_offensive.metadata.descriptor import Package


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # string, integer, number, date, boolean (how the value reads, as in the codebook)
    source: str  # where the value comes from, in words


def build_timestamp(package: Package) -> int:
    """The export's fixed 'last modified' time: datapackage.json's `created` as Unix seconds (UTC).

    Without a `created`, 0; never the clock, so two builds of one version write the same bytes."""
    created = package.descriptor.get("created")
    if not isinstance(created, str) or not created:
        return 0
    moment = dt.datetime.fromisoformat(created.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return int(moment.timestamp())


def write_csv(path: Path, columns: Sequence[Column], data: list[dict[str, Any]]) -> None:
    names = [c.name for c in columns]
    path.write_text(csv_text(names, ([r.get(c) for c in names] for r in data)), encoding="utf-8")


def filled(value: Any) -> bool:
    return value is not None and value != ""


def fill_rates(columns: Sequence[Column], data: list[dict[str, Any]]) -> list[tuple[Column, int, int]]:
    """(column, rows with a value, rows) for each column."""
    return [(c, sum(filled(r.get(c.name)) for r in data), len(data)) for c in columns]


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def fill_rate_table(columns: Sequence[Column], data: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| # | column | type | filled | rows | fill rate | from |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for i, (column, count, total) in enumerate(fill_rates(columns, data), start=1):
        source = column.source.replace("|", "\\|")
        lines.append(
            f"| {i} | `{column.name}` | {column.type} | {count} | {total} | {percent(count, total)} | {source} |"
        )
    return lines


def readme(
    *, title: str, codebook: str, columns: Sequence[Column], data: list[dict[str, Any]], notes: Sequence[str]
) -> str:
    lines = [
        f"# {title}",
        "",
        f"Shaped after: {codebook}.",
        "Method and rules: docs/exports.md in the package's repository (shipped in the data archive's docs/).",
        "",
        *(f"- {n}" for n in notes),
        "",
        "## Columns, where each value comes from, and how full each is",
        "",
        *fill_rate_table(columns, data),
        "",
    ]
    return "\n".join(lines)
