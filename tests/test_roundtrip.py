"""CSV -> DuckDB -> Parquet -> CSV gives back every value of every table, including Arabic text, quotes,
commas and line breaks inside fields."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyarrow.parquet as pq

from conftest import PackageCopy
from syria_offensive.access.table_csv import cell_text
from syria_offensive.exports import export
from syria_offensive.metadata.descriptor import TABLES, Field, load_package

AWKWARD = 'قصف على "حماة"، ثم هدوء, a comma, a "quote"\nand a second line\r\nand a third'


def plant_awkward_values(pkg: PackageCopy) -> None:
    edits = {
        "events": {"summary": AWKWARD},
        "actors": {"description": AWKWARD, "aliases": 'هيئة, "تحرير"|Second, "alias"'},
        "places": {"name_ar": 'حلب، "الشهباء"\nالقديمة'},  # noqa: RUF001
        "sources": {"title": AWKWARD, "note": "line one\nline two, with a comma"},
        "figures": {"note": AWKWARD},
        "governorates": {"admin1_ar": 'دمشق, "الشام"'},
    }
    for table, values in edits.items():
        pkg.edit(table, 0, **values)


def rendered(field: Field, value: object) -> str:
    return cell_text(value, field.delimiter)


def comparable(field: Field, text: str) -> object:
    """Numbers compare as numbers ("36.20" and "36.2" are one value); everything else as its exact text."""
    return float(text) if field.type == "number" and text != "" else text


def test_every_table_survives_the_round_trip(pkg: PackageCopy, tmp_path: Path) -> None:
    plant_awkward_values(pkg)
    package = load_package(pkg.root)
    export("parquet", tmp_path, pkg.root)
    for table in TABLES:
        schema = package.resources[table].schema
        data = pq.read_table(tmp_path / f"{table}.parquet").to_pylist()
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(schema.field_names)
        writer.writerows([rendered(f, row[f.name]) for f in schema.fields] for row in data)
        back = list(csv.reader(io.StringIO(out.getvalue())))
        with pkg.path(table).open(encoding="utf-8", newline="") as fh:
            original = list(csv.reader(fh))
        assert back[0] == original[0]
        assert len(back) == len(original), table
        for got, want in zip(back[1:], original[1:], strict=True):
            assert [comparable(f, v) for f, v in zip(schema.fields, got, strict=True)] == [
                comparable(f, v) for f, v in zip(schema.fields, want, strict=True)
            ], table
    first_event = pq.read_table(tmp_path / "events.parquet").to_pylist()[0]
    assert first_event["summary"] == AWKWARD
