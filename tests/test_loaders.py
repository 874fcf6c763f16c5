"""Loaders: typed frames (pandas and polars) with the schema's types, validated on load."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import polars as pl
import pytest

import syria_offensive
from conftest import PackageCopy
from expected import rows
from syria_offensive.errors import InvalidDataError
from syria_offensive.metadata.descriptor import TABLES, load_package


def test_pandas_types_follow_the_schema(pkg: PackageCopy) -> None:
    schema = load_package(pkg.root).resources["events"].schema
    events = syria_offensive.load_events(pkg.root)
    assert list(events.columns) == schema.field_names
    enum = list(schema.field("event_type").enum or ())
    assert isinstance(events["event_type"].dtype, pd.CategoricalDtype)
    assert list(events["event_type"].cat.categories) == enum
    assert str(events["date_precision"].dtype) == "Int64"
    assert str(events["civilian_targeting"].dtype) == "boolean"
    assert str(events["event_date"].dtype) == "datetime64[s]"
    assert str(events["summary"].dtype) == "str"


def test_pandas_values_match_the_csv(pkg: PackageCopy) -> None:
    expected = rows(pkg.root, "events")
    events = syria_offensive.load_events(pkg.root)
    assert len(events) == len(expected)
    by_id = events.set_index("event_id")
    for e in expected:
        got = by_id.loc[e["event_id"]]
        assert got["event_date"] == pd.Timestamp(e["event_date"])
        if e["end_date"]:
            assert got["end_date"] == pd.Timestamp(e["end_date"])
        else:
            assert pd.isna(got["end_date"])
        assert got["sub_event_type"] == e["sub_event_type"]
        assert bool(got["civilian_targeting"]) == (e["civilian_targeting"] == "true")
        assert got["summary"] == e["summary"]


def test_nullable_integers_and_lists(pkg: PackageCopy) -> None:
    expected = {a["actor_id"]: a for a in rows(pkg.root, "actors")}
    actors = syria_offensive.load_actors(pkg.root)
    assert str(actors["acled_inter"].dtype) == "Int64"
    for actor_id, inter, aliases in zip(
        actors["actor_id"], actors["acled_inter"], actors["aliases"], strict=True
    ):
        text = expected[actor_id]
        assert (None if pd.isna(inter) else int(inter)) == (
            int(text["acled_inter"]) if text["acled_inter"] else None
        )
        assert aliases == (text["aliases"].split("|") if text["aliases"] else None)


def test_polars_backend(pkg: PackageCopy) -> None:
    schema = load_package(pkg.root).resources["figures"].schema
    figures = syria_offensive.load_figures(pkg.root, backend="polars")
    assert isinstance(figures, pl.DataFrame)
    assert figures.schema["measure"] == pl.Enum([str(v) for v in schema.field("measure").enum or ()])
    assert figures.schema["reported_date"] == pl.Date
    assert figures.schema["value_best"] == pl.Int64
    assert figures.schema["cumulative"] == pl.Boolean
    expected = {f["figure_id"]: f for f in rows(pkg.root, "figures")}
    for row in figures.iter_rows(named=True):
        f = expected[row["figure_id"]]
        assert row["reported_date"] == dt.date.fromisoformat(f["reported_date"])
        assert row["value_best"] == (int(f["value_best"]) if f["value_best"] else None)
        assert row["measure"] == f["measure"]


def test_load_by_name_and_load_all(pkg: PackageCopy) -> None:
    frames = syria_offensive.load_all(pkg.root, backend="polars")
    assert list(frames) == list(TABLES)
    for name, frame in frames.items():
        assert frame.height == len(rows(pkg.root, name))
    governorates = syria_offensive.load("governorates", pkg.root)
    assert sorted(governorates["admin1_pcode"]) == sorted(
        g["admin1_pcode"] for g in rows(pkg.root, "governorates")
    )


def test_a_broken_rule_raises_with_file_row_and_rule(pkg: PackageCopy) -> None:
    index = pkg.find("figures", lambda f: f["qualifier"] == "exact")
    pkg.edit("figures", index, value_low="999999")  # low above best: breaks the qualifier rule
    with pytest.raises(InvalidDataError) as caught:
        syria_offensive.load_figures(pkg.root)
    message = str(caught.value)
    assert f"data/figures.csv, row {index + 2}" in message
    assert "qualifier" in message
    problems = caught.value.report.problems  # type: ignore[attr-defined]
    assert {(p.file, p.row) for p in problems} == {("data/figures.csv", index + 2)}


def test_cells_that_do_not_parse_and_enum_values_are_reported(pkg: PackageCopy) -> None:
    index = pkg.find("places", lambda p: p["geonames_id"] != "")
    pkg.edit("places", index, geonames_id="twelve")
    with pytest.raises(InvalidDataError, match=rf"places.csv, row {index + 2}, column geonames_id: type"):
        syria_offensive.load_places(pkg.root)
    index = pkg.find("events")
    pkg.edit("events", index, event_type="Skirmish")
    with pytest.raises(InvalidDataError, match=rf"events.csv, row {index + 2}, column event_type: enum"):
        syria_offensive.load_events(pkg.root)


def test_validate_false_skips_the_checks(pkg: PackageCopy) -> None:
    index = pkg.find("figures", lambda f: f["qualifier"] == "exact")
    edited = pkg.edit("figures", index, value_low="999999")
    figures = syria_offensive.load_figures(pkg.root, validate=False, backend="polars")
    assert figures.filter(pl.col("figure_id") == edited["figure_id"])["value_low"].to_list() == [999999]


def test_unknown_backend(pkg: PackageCopy) -> None:
    with pytest.raises(ValueError, match="backend"):
        syria_offensive.load_events(pkg.root, backend="spark")  # type: ignore[call-overload]


def test_version_downloads_then_loads(pkg: PackageCopy, downloads_from_pkg: list[str | None]) -> None:
    asked = downloads_from_pkg
    header, actors = pkg.read("actors")
    pkg.write("actors", header, actors[:3])
    frame = syria_offensive.load_actors(version="2.0.0", validate=False)
    assert asked == ["2.0.0"]
    assert list(frame["actor_id"]) == [a["actor_id"] for a in actors[:3]]


def test_loader_and_validate_give_one_rule_for_one_fault(pkg: PackageCopy) -> None:
    from syria_offensive.validation import validate_package

    first = pkg.read("figures")[1][0]["figure_id"]
    pkg.edit("figures", 1, figure_id=first)  # a duplicate key
    expected = {(p.file, p.row, p.column, p.rule) for p in validate_package(pkg.root).problems}
    with pytest.raises(InvalidDataError) as caught:
        syria_offensive.load_figures(pkg.root)
    got = {(p.file, p.row, p.column, p.rule) for p in caught.value.report.problems}  # type: ignore[attr-defined]
    assert got == {e for e in expected if e[0] == "data/figures.csv"}
    assert got and all(rule != "unique" or row != 2 for _, row, _, rule in got)
