"""Each export format checked against values computed independently from the CSV files."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from conftest import PackageCopy
from expected import by_key, event_fatalities, joined, names_by_role, rows
from syria_offensive.access.sql_views import view_files
from syria_offensive.cli import main
from syria_offensive.exports import FORMATS, export
from syria_offensive.exports import parquet as parquet_export
from syria_offensive.exports.acled import COLUMNS as ACLED_COLUMNS
from syria_offensive.metadata.descriptor import TABLES
from test_views import plant_fatality_figures

ACLED_INTER = {
    1: "State forces",
    2: "Rebel group",
    3: "Political militia",
    4: "Identity militia",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}


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
    assert got == {e: f["best"] for e, f in fatalities.items()}


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


def acled_inter(actor_ids: list[str], actors: dict[str, dict[str, str]]) -> str:
    first = sorted(actor_ids, key=lambda a: actors[a]["name"])
    return (
        ACLED_INTER[int(actors[first[0]]["acled_inter"])] if first and actors[first[0]]["acled_inter"] else ""
    )


def test_acled_csv(pkg: PackageCopy, tmp_path: Path) -> None:
    event_with_fatalities = plant_fatality_figures(pkg)
    (path,) = export("acled", tmp_path, pkg.root)
    with path.open(encoding="utf-8") as fh:
        assert (
            next(csv.reader(fh))
            == [
                "event_id_cnty",
                "event_date",
                "year",
                "time_precision",
                "disorder_type",
                "event_type",
                "sub_event_type",
                "actor1",
                "assoc_actor_1",
                "inter1",
                "actor2",
                "assoc_actor_2",
                "inter2",
                "interaction",
                "civilian_targeting",
                "iso",
                "region",
                "country",
                "admin1",
                "admin2",
                "admin3",
                "location",
                "latitude",
                "longitude",
                "geo_precision",
                "source",
                "source_scale",
                "notes",
                "fatalities",
                "tags",
                "timestamp",
            ]
            == list(ACLED_COLUMNS)
        )
    got = {r["event_id_cnty"]: r for r in read_csv(path)}
    events = rows(pkg.root, "events")
    assert set(got) == {e["event_id"] for e in events}
    actors = by_key(pkg.root, "actors", "actor_id")
    places = by_key(pkg.root, "places", "place_id")
    sources = by_key(pkg.root, "sources", "source_id")
    roles = names_by_role(pkg.root)
    ids: dict[tuple[str, str], list[str]] = {}
    for x in rows(pkg.root, "event_actors"):
        ids.setdefault((x["event_id"], x["role"]), []).append(x["actor_id"])
    fatalities = event_fatalities(pkg.root)
    for e in events:
        r = got[e["event_id"]]
        assert (r["event_date"], r["year"], r["time_precision"]) == (
            e["event_date"],
            e["event_date"][:4],
            e["date_precision"],
        )
        assert (r["event_type"], r["sub_event_type"]) == (e["event_type"], e["sub_event_type"])
        assert r["actor1"] == (joined(roles[e["event_id"]].get("actor1")) or "")
        assert r["assoc_actor_2"] == (joined(roles[e["event_id"]].get("assoc_actor2")) or "")
        assert r["inter1"] == acled_inter(ids.get((e["event_id"], "actor1"), []), actors)
        assert r["civilian_targeting"] == ("Civilian targeting" if e["civilian_targeting"] == "true" else "")
        assert (r["iso"], r["country"], r["region"]) == ("760", "Syria", "Middle East")
        place = places[e["place_id"]]
        assert (r["location"], r["admin1"], r["geo_precision"]) == (
            place["name"],
            place["admin1"],
            e["geo_precision"],  # the event's own precision, not its place's
        )
        assert (number(r["latitude"]), number(r["longitude"])) == (
            float(place["latitude"]),
            float(place["longitude"]),
        )
        publishers = {
            sources[x["source_id"]]["original_publisher"] or sources[x["source_id"]]["publisher"]
            for x in rows(pkg.root, "event_sources")
            if x["event_id"] == e["event_id"]
        }
        assert r["source"] == "; ".join(sorted(publishers))
        assert r["notes"] == e["summary"]
        low = fatalities.get(e["event_id"], {}).get("low")
        assert r["fatalities"] == str(low if low is not None else 0)
        assert r["admin2"] == r["admin3"] == r["source_scale"] == r["tags"] == r["timestamp"] == ""
    assert got[event_with_fatalities]["fatalities"] == "8"
    disorder = {r["sub_event_type"]: r["disorder_type"] for r in got.values()}
    assert disorder.get("Armed clash", "Political violence") == "Political violence"
    assert (
        disorder.get("Non-violent transfer of territory", "Strategic developments")
        == "Strategic developments"
    )
    code = {label: c for c, label in ACLED_INTER.items()}
    two_sided = [r for r in got.values() if r["inter1"] and r["inter2"]]
    assert two_sided, "the data should hold events with two coded actors"
    for r in two_sided:
        low, high = sorted((code[r["inter1"]], code[r["inter2"]]))
        expected = (
            f"{ACLED_INTER[8]}-{ACLED_INTER[7]}"
            if (low, high) == (7, 8)
            else f"{ACLED_INTER[low]}-{ACLED_INTER[high]}"
        )
        assert r["interaction"] == expected
    for r in got.values():
        if r["inter1"] and not r["actor2"]:
            assert r["interaction"] == f"{r['inter1']} only"


def test_ucdp_ged_csv(pkg: PackageCopy, tmp_path: Path) -> None:
    violent = ("Battles", "Explosions/Remote violence", "Violence against civilians")
    event_with_fatalities = plant_fatality_figures(pkg, violent)
    (path,) = export("ucdp", tmp_path, pkg.root)
    got = {r["id"]: r for r in read_csv(path)}
    events = {e["event_id"]: e for e in rows(pkg.root, "events") if e["event_type"] in violent}
    assert set(got) == set(events)
    fatalities = event_fatalities(pkg.root)
    places = by_key(pkg.root, "places", "place_id")
    for event_id, e in events.items():
        r = got[event_id]
        assert (r["date_start"], r["date_end"], r["year"]) == (
            e["event_date"],
            e["end_date"] or e["event_date"],
            e["event_date"][:4],
        )
        assert r["where_coordinates"] == places[e["place_id"]]["name"]
        f = fatalities.get(event_id, {})
        assert (number(r["best"]), number(r["low"]), number(r["high"])) == (
            f.get("best"),
            f.get("low"),
            f.get("high"),
        )
        if e["event_type"] == "Violence against civilians":
            assert r["type_of_violence"] == "3"
    planted = got[event_with_fatalities]
    assert (planted["low"], planted["best"], planted["high"], planted["deaths_civilians"]) == (
        "8",
        "32.5",
        "40",
        "5",
    )
    actors = by_key(pkg.root, "actors", "actor_id")
    state_battles = [
        x["event_id"]
        for x in rows(pkg.root, "event_actors")
        if x["event_id"] in events
        and x["role"] in ("actor1", "actor2")
        and actors[x["actor_id"]]["actor_type"] == "state_forces"
        and events[x["event_id"]]["event_type"] != "Violence against civilians"
    ]
    assert state_battles, "the data should hold a battle with state forces"
    for event_id in state_battles:
        assert got[event_id]["type_of_violence"] == "1"
        state_names = {
            actors[x["actor_id"]]["name"]
            for x in rows(pkg.root, "event_actors")
            if x["event_id"] == event_id and actors[x["actor_id"]]["actor_type"] == "state_forces"
        }
        assert state_names & set(got[event_id]["side_a"].split("; "))


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
    assert len(printed) == len(TABLES) + len(FORMATS) - 1


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
