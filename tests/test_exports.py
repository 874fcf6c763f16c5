"""Each export format checked against values computed independently from the CSV files."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import PackageCopy
from expected import by_key, event_fatalities, rows
from syria_offensive.access.sql_views import view_files
from syria_offensive.cli import main
from syria_offensive.exports import FORMATS, export
from syria_offensive.exports import parquet as parquet_export
from syria_offensive.metadata.descriptor import TABLES
from test_views import plant_fatality_figures


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def number(text: str) -> float | None:
    return float(text) if text else None


def test_parquet_has_every_table_with_its_rows(pkg: PackageCopy, tmp_path: Path) -> None:
    written = export("parquet", tmp_path / "out", pkg.root)
    assert sorted(p.name for p in written) == sorted(f"{t}.parquet" for t in TABLES)
    for table in TABLES:
        data = pq.read_table(tmp_path / "out" / f"{table}.parquet")
        assert data.num_rows == len(rows(pkg.root, table))
    events = pq.read_table(tmp_path / "out" / "events.parquet").to_pylist()
    assert {e["event_id"]: e["event_date"].isoformat() for e in events} == {
        e["event_id"]: e["event_date"] for e in rows(pkg.root, "events")
    }


def test_parquet_types_nullability_and_metadata_read_back(pkg: PackageCopy, tmp_path: Path) -> None:
    export("parquet", tmp_path, pkg.root)
    descriptor = json.loads((pkg.root / "datapackage.json").read_text(encoding="utf-8"))
    events_schema = json.loads((pkg.root / "schemas" / "events.json").read_text(encoding="utf-8"))
    schema = pq.read_schema(tmp_path / "events.parquet")
    meta = {k.decode(): v.decode() for k, v in (schema.metadata or {}).items()}
    assert meta["syria_offensive.version"] == descriptor["version"]
    assert meta["syria_offensive.license"] == descriptor["licenses"][0]["name"]
    described = json.loads(meta["syria_offensive.fields"])
    for f in events_schema["fields"]:
        assert described[f["name"]] == f["description"]
        field = schema.field(f["name"])
        assert (field.metadata or {})[b"description"].decode() == f["description"]
        required = f.get("constraints", {}).get("required", False) or f["name"] in events_schema["primaryKey"]
        assert field.nullable is not required, f["name"]
    event_type = schema.field("event_type").type
    assert pa.types.is_dictionary(event_type)
    table = pq.read_table(tmp_path / "events.parquet")
    enum = next(f for f in events_schema["fields"] if f["name"] == "event_type")["constraints"]["enum"]
    assert table.column("event_type").chunk(0).dictionary.to_pylist() == enum
    assert list(table.to_pandas()["event_type"].cat.categories) == enum


def test_duckdb_file_has_tables_and_views(pkg: PackageCopy, tmp_path: Path) -> None:
    plant_fatality_figures(pkg)
    (path,) = export("duckdb", tmp_path, pkg.root)
    fatalities = event_fatalities(pkg.root)
    with duckdb.connect(str(path), read_only=True) as con:
        for table in TABLES:
            assert con.sql(f'SELECT count(*) FROM "{table}"').fetchall()[0][0] == len(rows(pkg.root, table))
        views = {r[0] for r in con.sql("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        assert views == {v.name for v in view_files()}
        got = dict(con.sql("SELECT event_id, best FROM event_fatalities").fetchall())
        keys = con.sql(
            "SELECT table_name, constraint_type, constraint_column_names FROM duckdb_constraints() "
            "WHERE constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY')"
        ).fetchall()
    assert got == {e: f["best"] for e, f in fatalities.items()}
    assert ("events", "PRIMARY KEY", ["event_id"]) in keys
    assert ("event_actors", "FOREIGN KEY", ["actor_id"]) in keys
    assert {t for t, kind, _ in keys if kind == "PRIMARY KEY"} == set(TABLES)
    # The storage format DuckDB 1.0 to 1.5 readers open (version number 64), not 2.x's default.
    assert path.read_bytes()[8:12] == b"DUCK"
    assert int.from_bytes(path.read_bytes()[12:20], "little") == 64


def test_every_duckdb_file_opens_with_its_tables_keys_and_views(tmp_path: Path) -> None:
    """The script `nox -s duckdb_compat` runs with DuckDB 1.5, here with the installed DuckDB."""
    script = Path(__file__).parent / "duckdb_compat.py"
    folder = tmp_path / "databases"
    for command in ("write", "check"):
        done = subprocess.run(
            [sys.executable, str(script), command, str(folder)], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stdout + done.stderr
    counts = json.loads((folder / "counts.json").read_text(encoding="utf-8"))
    assert set(counts) == {"release.duckdb", "syria_offensive.duckdb"}
    assert counts["release.duckdb"] == counts["syria_offensive.duckdb"]
    assert {v.name for v in view_files()} <= set(counts["release.duckdb"])


def test_geojson_points_at_the_places(pkg: PackageCopy, tmp_path: Path) -> None:
    (path,) = export("geojson", tmp_path, pkg.root)
    collection = json.loads(path.read_text(encoding="utf-8"))
    places = by_key(pkg.root, "places", "place_id")
    events = by_key(pkg.root, "events", "event_id")
    assert collection["type"] == "FeatureCollection"
    assert sorted(f["id"] for f in collection["features"]) == sorted(events)
    for feature in collection["features"]:
        event = events[feature["id"]]
        place = places[event["place_id"]]
        assert feature["geometry"] == {
            "type": "Point",
            "coordinates": [float(place["longitude"]), float(place["latitude"])],
        }
        assert feature["properties"]["event_date"] == event["event_date"]
        assert feature["properties"]["place_name"] == place["name"]
        assert feature["properties"]["geo_precision"] == int(event["geo_precision"])
        assert feature["properties"]["date_precision"] == int(event["date_precision"])
        labels = {"1": "place", "2": "near place", "3": "region"}
        assert feature["properties"]["precision"] == labels[event["geo_precision"]]


def test_geojson_reads_with_geopandas(pkg: PackageCopy, tmp_path: Path) -> None:
    import geopandas

    (path,) = export("geojson", tmp_path, pkg.root)
    frame = geopandas.read_file(path)
    events = by_key(pkg.root, "events", "event_id")
    assert len(frame) == len(events)
    assert frame.crs is not None and frame.crs.to_epsg() == 4326
    assert {"geo_precision", "place_geo_precision", "date_precision", "precision"} <= set(frame.columns)
    assert set(frame["precision"]) <= {"place", "near place", "region"}
    assert (frame.geometry.geom_type == "Point").all()
    first = frame.set_index("event_id").loc[next(iter(events))]
    assert first["geo_precision"] == int(events[next(iter(events))]["geo_precision"])


def test_hxl_csv(pkg: PackageCopy, tmp_path: Path) -> None:
    (path,) = export("hxl", tmp_path, pkg.root)
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header, tags = next(reader), next(reader)
        data = [dict(zip(header, r, strict=True)) for r in reader]
    assert all(t.startswith("#") for t in tags)
    tag_of = dict(zip(header, tags, strict=True))
    assert tag_of["event_id"] == "#event+id"
    assert tag_of["event_date"] == "#date+occurred"
    assert (tag_of["admin1"], tag_of["admin1_pcode"]) == ("#adm1+name", "#adm1+code")
    assert (tag_of["place_name"], tag_of["latitude"], tag_of["longitude"]) == (
        "#loc+name",
        "#geo+lat",
        "#geo+lon",
    )
    assert tag_of["date_precision"] == "#meta+precision+date", "a precision code is not a date"
    places = by_key(pkg.root, "places", "place_id")
    events = by_key(pkg.root, "events", "event_id")
    assert sorted(r["event_id"] for r in data) == sorted(events)
    for r in data:
        place = places[events[r["event_id"]]["place_id"]]
        assert (r["admin1_pcode"], r["place_name_ar"]) == (place["admin1_pcode"], place["name_ar"])
        assert float(r["latitude"]) == float(place["latitude"])


def test_cli_export_all(pkg: PackageCopy, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "all"
    assert main(["export", str(pkg.root), "--format", "all", "--output", str(out)]) == 0
    printed = capsys.readouterr().out.split()
    assert sorted(Path(p).name for p in printed) == sorted(p.name for p in out.iterdir())
    # parquet writes a file per table; acled and ucdp a CSV and its README each; the others one file.
    assert len(printed) == len(TABLES) + len(FORMATS) - 1 + 2


def test_a_failed_export_leaves_no_file(
    pkg: PackageCopy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "events.parquet").write_bytes(b"an earlier, complete export")
    real_write = parquet_export.write

    def failing(con: duckdb.DuckDBPyConnection, package: object, folder: Path) -> list[str]:
        real_write(con, package, folder)  # type: ignore[arg-type]
        (folder / "half.parquet").write_bytes(b"PAR1 half")
        raise OSError("disk full")

    monkeypatch.setattr(parquet_export, "write", failing)
    with pytest.raises(OSError, match="disk full"):
        export("parquet", out, pkg.root)
    assert [p.name for p in out.iterdir()] == ["events.parquet"]
    assert (out / "events.parquet").read_bytes() == b"an earlier, complete export"


def test_hxl_passes_libhxl_validation(pkg: PackageCopy, tmp_path: Path) -> None:
    import hxl

    (path,) = export("hxl", tmp_path, pkg.root)
    source = hxl.data(str(path), hxl.InputOptions(allow_local=True))
    report = hxl.validate(source)
    assert report["is_valid"], report["issues"][:3]
    assert report["stats"]["error"] == report["stats"]["warning"] == 0
    tags = [
        str(column.get_display_tag())
        for column in hxl.data(str(path), hxl.InputOptions(allow_local=True)).columns
    ]
    assert "#date+occurred" in tags and "#geo+lat" in tags
    assert not [t for t in tags if t.startswith("#date") and "precision" in t]
