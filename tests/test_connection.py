"""connect(): typed tables from the Table Schemas, the named views, and a connection locked against files."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from conftest import PackageCopy
from expected import rows
from syria_offensive import connect
from syria_offensive.errors import InvalidDataError, PackageError
from syria_offensive.metadata.descriptor import TABLES, load_package
from syria_offensive.metadata.duckdb_types import DUCKDB_TYPES


def test_one_table_per_resource_typed_from_its_schema(pkg: PackageCopy) -> None:
    package = load_package(pkg.root)
    with connect(pkg.root) as con:
        tables = {r[0] for r in con.sql("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert tables == set(TABLES)
        for name in TABLES:
            schema = package.resources[name].schema
            described = [(r[0], r[1]) for r in con.sql(f'DESCRIBE "{name}"').fetchall()]
            assert described == [(f.name, DUCKDB_TYPES[f.type]) for f in schema.fields]
            count = con.sql(f'SELECT count(*) FROM "{name}"').fetchall()[0][0]
            assert count == len(rows(pkg.root, name))
        # no helper objects of the loader are left behind (row-number views, rejects tables)
        temp = con.sql("SELECT count(*) FROM duckdb_tables() WHERE temporary").fetchall()[0][0]
        temp += con.sql("SELECT count(*) FROM duckdb_views() WHERE temporary AND NOT internal").fetchall()[0][
            0
        ]
        assert temp == 0


def test_typed_values_match_the_csv(pkg: PackageCopy) -> None:
    places = {p["place_id"]: p for p in rows(pkg.root, "places")}
    actors = {a["actor_id"]: a for a in rows(pkg.root, "actors")}
    with connect(pkg.root) as con:
        for place_id, lat, lon, geonames in con.sql(
            "SELECT place_id, latitude, longitude, geonames_id FROM places"
        ).fetchall():
            p = places[place_id]
            assert (lat, lon) == (float(p["latitude"]), float(p["longitude"]))
            assert geonames == (int(p["geonames_id"]) if p["geonames_id"] else None)
        for actor_id, aliases in con.sql("SELECT actor_id, aliases FROM actors").fetchall():
            text = actors[actor_id]["aliases"]
            assert aliases == (text.split("|") if text else None)


def test_connection_cannot_write_or_read_files(pkg: PackageCopy, tmp_path: Path) -> None:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    target = folder / "out.csv"
    with connect(pkg.root) as con:
        with pytest.raises(duckdb.Error, match="disabled by configuration"):
            con.execute(f"COPY events TO '{target}' (HEADER)")
        with pytest.raises(duckdb.Error):
            con.execute(f"ATTACH '{folder / 'other.duckdb'}' AS other")
        with pytest.raises(duckdb.Error):
            con.sql(f"SELECT * FROM read_csv('{pkg.path('events')}')").fetchall()
        for setting in ("SET enable_external_access = true", "SET lock_configuration = false"):
            with pytest.raises(duckdb.Error, match="locked"):
                con.execute(setting)
        assert con.sql("SELECT count(*) FROM events").fetchall()[0][0] > 0  # still answers queries
    assert list(folder.iterdir()) == []


def test_quoted_commas_quotes_and_line_breaks_load_as_one_value(pkg: PackageCopy) -> None:
    index = pkg.find("events")
    text = 'قصف، ثم "هدوء", then a comma,\nand a second line'
    edited = pkg.edit("events", index, summary=text)
    with connect(pkg.root) as con:
        got = con.sql("SELECT summary FROM events WHERE event_id = ?", params=[edited["event_id"]]).fetchall()
    assert got == [(text,)]


def test_a_row_that_cannot_be_read_is_reported_with_its_row(pkg: PackageCopy) -> None:
    lines = pkg.path("event_actors").read_text(encoding="utf-8").split("\n")
    lines[3] += ",surplus"
    pkg.path("event_actors").write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(InvalidDataError, match=r"data/event_actors.csv, row 4: row-extra-cells"):
        connect(pkg.root)


def test_a_missing_table_is_a_package_error(pkg: PackageCopy) -> None:
    pkg.path("figures").unlink()
    with pytest.raises(PackageError, match=r"figures\.csv"):
        connect(pkg.root)


def test_path_and_version_exclude_each_other(pkg: PackageCopy) -> None:
    with pytest.raises(ValueError, match="not both"):
        connect(pkg.root, version="1.0.0")


def test_version_reads_the_downloaded_package(pkg: PackageCopy, downloads_from_pkg: list[str | None]) -> None:
    asked = downloads_from_pkg
    index = pkg.find("events")
    edited = pkg.edit("events", index, summary="only in the downloaded copy")
    with connect(version="9.9.9") as con:
        got = con.sql("SELECT summary FROM events WHERE event_id = ?", params=[edited["event_id"]]).fetchall()
    assert asked == ["9.9.9"]
    assert got == [("only in the downloaded copy",)]
