"""The plan of validation: every step reads columns its tables' schemas define, runs once, as soon as its
tables are loaded, and no column is dropped while a step still to run reads it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import duckdb
import pytest

import syria_offensive.validation as validation
from conftest import PackageCopy, found
from syria_offensive.metadata.descriptor import Package, load_package
from syria_offensive.read.csv_load import RAW, ROW, LoadedTable, create_row_view, drop_columns, load_resource
from syria_offensive.read.files import check_file
from syria_offensive.validation.crosstable import CROSS_RULES
from syria_offensive.validation.plan import Step, live_columns, plan


def test_every_step_reads_columns_the_schemas_define(pkg: PackageCopy) -> None:
    package = load_package(pkg.root)
    steps = plan(package)
    assert {s.kind for s in steps} == {"cells", "unique", "semantics", "foreign-keys", "cycles", "cross"}
    for step in steps:
        assert step.needs, step
        for table, columns in step.needs.items():
            fields = set(package.resources[table].schema.field_names)
            assert columns <= fields | {RAW}, (step, columns - fields)
    # every cross-table rule and every foreign key of the schemas has its step
    assert {s.subject for s in steps if s.kind == "cross"} == {r.rule for r in CROSS_RULES}
    cited = {(s.subject, s.target) for s in steps if s.kind == "foreign-keys"}
    for name, resource in package.resources.items():
        for fk in resource.schema.foreign_keys:
            assert (name, fk.resource or name) in cited


def test_steps_reading_a_table_the_package_lacks_are_left_out(pkg: PackageCopy) -> None:
    package = load_package(pkg.root)
    without = Package(
        package.descriptor_path,
        package.descriptor,
        {n: r for n, r in package.resources.items() if n != "event_actors"},
    )
    steps = plan(without)
    assert steps and all("event_actors" not in s.needs for s in steps)
    assert "event-without-actor1" not in {s.subject for s in steps}


def test_each_step_runs_once_with_its_tables_loaded_and_its_columns_held(
    pkg: PackageCopy, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = load_package(pkg.root)
    ran: Counter[tuple[str, str, str | None]] = Counter()
    original = validation._run

    def checked_run(step: Step, con: duckdb.DuckDBPyConnection, *args: object, **kwargs: object) -> object:
        ran[(step.kind, step.subject, step.target)] += 1
        for table, columns in step.needs.items():
            held = {
                str(r[0])
                for r in con.execute(
                    f"SELECT column_name FROM duckdb_columns() WHERE table_name = '{table}'"
                ).fetchall()
            }
            # RAW exists only where a field can fail to parse; every other column the step reads is there
            assert columns - {RAW} <= held, (step, columns - held)
        return original(step, con, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(validation, "_run", checked_run)
    report = validation.validate_package(pkg.root)
    assert report.valid
    assert set(ran) == {(s.kind, s.subject, s.target) for s in plan(package)}
    assert set(ran.values()) == {1}


def test_live_columns_gathers_what_pending_steps_read() -> None:
    a = Step("cells", "events", {"events": frozenset({"event_id", "summary"})})
    b = Step("cross", "r", {"events": frozenset({"event_id"}), "places": frozenset({"name"})})
    assert live_columns([a, b]) == {"events": {"event_id", "summary"}, "places": {"name"}}
    assert live_columns([]) == {}


def _loaded(pkg: PackageCopy, name: str) -> tuple[duckdb.DuckDBPyConnection, LoadedTable]:
    package = load_package(pkg.root)
    resource = package.resources[name]
    checked = check_file(resource, package.root)
    assert checked.header is not None
    con = duckdb.connect()
    table = load_resource(con, resource, package.root, checked.header, blank_rows=checked.blank_rows)
    return con, table


@pytest.mark.parametrize("blank_line", [False, True])
def test_dropping_columns_keeps_row_numbers_and_the_view(pkg: PackageCopy, blank_line: bool) -> None:
    if blank_line:  # a blank line makes the table hold its row numbers: rows after it keep theirs
        lines = pkg.path("events").read_text(encoding="utf-8").split("\n")
        lines.insert(2, "")
        pkg.path("events").write_text("\n".join(lines), encoding="utf-8")
    con, table = _loaded(pkg, "events")
    assert table.numbered == blank_line
    before = con.execute(f"SELECT {ROW}, event_id FROM {table.view} ORDER BY {ROW}").fetchall()
    if blank_line:
        assert 3 not in {r[0] for r in before} and 4 in {r[0] for r in before}
    assert drop_columns(con, table, {"event_id"})
    columns = [d[0] for d in con.execute(f"SELECT * FROM {table.view} LIMIT 0").description]
    assert "summary" not in columns and "event_id" in columns
    after = con.execute(f"SELECT {ROW}, event_id FROM {table.view} ORDER BY {ROW}").fetchall()
    assert after == before
    assert "summary" in table.columns  # what the file has, still
    assert not drop_columns(con, table, set())
    assert not con.execute("SELECT * FROM duckdb_tables() WHERE table_name = 'events'").fetchall()
    con.close()


def test_recreated_view_still_leaves_out_miscounted_rows(pkg: PackageCopy) -> None:
    lines = pkg.path("events").read_text(encoding="utf-8").split("\n")
    lines[1] += ",surplus"
    pkg.path("events").write_text("\n".join(lines), encoding="utf-8")
    con, table = _loaded(pkg, "events")
    assert table.filtered
    rows = con.execute(f"SELECT count(*) FROM {table.view}").fetchall()
    drop_columns(con, table, {"event_id"})
    create_row_view(con, table)
    assert con.execute(f"SELECT count(*) FROM {table.view}").fetchall() == rows
    assert con.execute(f"SELECT min({ROW}) FROM {table.view}").fetchall() == [(3,)]


def test_a_table_that_cannot_be_read_skips_only_the_steps_reading_it(pkg: PackageCopy) -> None:
    # event_actors is gone: event-without-actor1 cannot run, event-without-source still does.
    Path(pkg.path("event_actors")).unlink()
    index = pkg.find("event_sources")
    _, rows = pkg.read("event_sources")
    event = rows[index]["event_id"]
    header, rows = pkg.read("event_sources")
    pkg.write("event_sources", header, [r for r in rows if r["event_id"] != event])
    problems = found(validation.validate_package(pkg.root))
    assert any(p[3] == "event-without-source" for p in problems)
    assert not any(p[3] == "event-without-actor1" for p in problems)
