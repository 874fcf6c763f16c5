"""Rows DuckDB cannot split are reported at their row, and later rows keep their true row numbers."""

from __future__ import annotations

from conftest import PackageCopy, found
from syria_offensive.validation import validate_package


def _lines(pkg: PackageCopy, table: str) -> list[str]:
    return pkg.path(table).read_text(encoding="utf-8").split("\n")


def test_ragged_rows_and_row_numbers_after_them(pkg: PackageCopy) -> None:
    lines = _lines(pkg, "figures")
    assert len(lines) > 4, "the test needs at least three figures"
    lines[1] = lines[1] + ",surplus"  # row 2: one cell too many
    lines[2] = lines[2].rsplit(",", 3)[0]  # row 3: cells missing
    # row 4 keeps its shape but gets a bad qualifier: it must still be reported as row 4
    header = lines[0].split(",")
    cells = lines[3].split(",")
    if len(cells) == len(header):
        cells[header.index("qualifier")] = "roughly"
        lines[3] = ",".join(cells)
        expect_enum = True
    else:  # a row with quoted commas: skip the enum part rather than mis-edit it
        expect_enum = False
    pkg.path("figures").write_text("\n".join(lines), encoding="utf-8")
    pkg.rehash()
    problems = found(validate_package(pkg.root))
    assert ("data/figures.csv", 2, None, "row-extra-cells") in problems
    assert any(p[:2] == ("data/figures.csv", 3) and p[3] == "row-missing-cells" for p in problems)
    if expect_enum:
        assert ("data/figures.csv", 4, "qualifier", "enum") in problems
    assert {p[3] for p in problems if p[0] == "data/figures.csv"} <= {
        "row-extra-cells",
        "row-missing-cells",
        "enum",
    }


def test_quoted_line_breaks_and_commas_are_one_row(pkg: PackageCopy) -> None:
    index = pkg.find("events")
    pkg.edit("events", index, summary='A summary, with a comma, a "quote"\nand a line break inside it.')
    assert validate_package(pkg.root).problems == []
