"""Layer 1 keys: unique fields, primary keys (single and composite) and foreign keys."""

from __future__ import annotations

from conftest import PackageCopy, found
from syria_offensive.validation import validate_package


def test_duplicate_primary_key(pkg: PackageCopy) -> None:
    header, rows = pkg.read("figures")
    assert len(rows) >= 2
    rows[1]["figure_id"] = rows[0]["figure_id"]
    pkg.write("figures", header, rows)
    assert found(validate_package(pkg.root)) == {
        ("data/figures.csv", 3, "figure_id", "unique"),
        ("data/figures.csv", 3, "figure_id", "primary-key"),
    }


def test_duplicate_composite_primary_key(pkg: PackageCopy) -> None:
    header, rows = pkg.read("event_actors")
    rows.insert(1, dict(rows[0]))
    pkg.write("event_actors", header, rows)
    assert found(validate_package(pkg.root)) == {
        ("data/event_actors.csv", 3, "event_id,actor_id", "primary-key")
    }


def test_dangling_foreign_key(pkg: PackageCopy) -> None:
    index = pkg.find("events")
    pkg.edit("events", index, place_id="atlantis")
    report = validate_package(pkg.root)
    assert found(report) == {("data/events.csv", index + 2, "place_id", "foreign-key")}
    assert report.problems[0].value == "atlantis"
    assert "places.place_id" in report.problems[0].message


def test_dangling_self_reference(pkg: PackageCopy) -> None:
    index = pkg.find("actors")
    pkg.edit("actors", index, parent_actor_id="no-such-actor")
    assert found(validate_package(pkg.root)) == {
        ("data/actors.csv", index + 2, "parent_actor_id", "foreign-key")
    }


def test_dangling_link_table_reference(pkg: PackageCopy) -> None:
    index = pkg.find("event_sources")
    pkg.edit("event_sources", index, source_id="nobody-20241201-a")
    problems = found(validate_package(pkg.root))
    assert ("data/event_sources.csv", index + 2, "source_id", "foreign-key") in problems


def test_two_keys_of_one_table_citing_one_target(pkg: PackageCopy) -> None:
    # places cites sources.source_id twice (source_id, admin_source_id): both are tested, in one query.
    first = pkg.find("places", lambda r: bool(r["admin_source_id"]))
    second = pkg.find(
        "places", lambda r: bool(r["source_id"]) and r["place_id"] != pkg.read("places")[1][first]["place_id"]
    )
    pkg.edit("places", first, admin_source_id="no-such-source")
    pkg.edit("places", second, source_id="no-such-source-either")
    assert found(validate_package(pkg.root)) == {
        ("data/places.csv", first + 2, "admin_source_id", "foreign-key"),
        ("data/places.csv", second + 2, "source_id", "foreign-key"),
    }


def test_a_target_that_cannot_be_read_stops_only_the_keys_citing_it(pkg: PackageCopy) -> None:
    # The governorates file is gone: places' key to it cannot be tested, its key to sources still is.
    (pkg.root / "data" / "governorates.csv").unlink()
    index = pkg.find("places", lambda r: bool(r["source_id"]))
    pkg.edit("places", index, source_id="no-such-source")
    problems = found(validate_package(pkg.root))
    assert ("data/places.csv", index + 2, "source_id", "foreign-key") in problems
    assert not any(p[3] == "foreign-key" and p[2] == "admin1_pcode" for p in problems)
