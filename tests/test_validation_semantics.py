"""Layer 2 (pandera) rules, each broken once on a copy of the real data."""

from __future__ import annotations

import pytest

from conftest import PackageCopy, found
from syria_offensive.metadata.gazetteer import syrian_records
from syria_offensive.validation import validate_package


def _only(pkg: PackageCopy, table: str, index: int, column: str, rule: str) -> None:
    report = validate_package(pkg.root)
    assert found(report) == {(f"data/{table}.csv", index + 2, column, rule)}
    [problem] = report.problems
    assert problem.layer == "semantics" and problem.message and problem.value


def test_low_above_best(pkg: PackageCopy) -> None:
    i = pkg.find("figures")
    pkg.edit("figures", i, qualifier="about", value_low="50", value_best="40", value_high="")
    _only(pkg, "figures", i, "value_low", "value-order")


def test_best_above_high(pkg: PackageCopy) -> None:
    i = pkg.find("figures")
    pkg.edit("figures", i, qualifier="range", value_low="10", value_best="60", value_high="50")
    _only(pkg, "figures", i, "value_low", "value-order")


@pytest.mark.parametrize(
    ("qualifier", "low", "best", "high"),
    [
        ("exact", "3", "3", "4"),
        ("at_least", "5", "5", "9"),
        ("up_to", "2", "", "9"),
        ("range", "9", "", "9"),
        ("about", "", "", "7"),
    ],
)
def test_qualifier_values(pkg: PackageCopy, qualifier: str, low: str, best: str, high: str) -> None:
    i = pkg.find("figures")
    pkg.edit("figures", i, qualifier=qualifier, value_low=low, value_best=best, value_high=high)
    _only(pkg, "figures", i, "qualifier", "qualifier-values")


def test_period_ends_before_it_starts(pkg: PackageCopy) -> None:
    i = pkg.find(
        "figures", lambda r: r["period_start"] < r["reported_date"] or r["period_start"] == r["reported_date"]
    )
    start = pkg.value("figures", i, "period_start")
    pkg.edit("figures", i, period_end="2024-11-01", period_start=start)
    _only(pkg, "figures", i, "period_end", "period-order")


def test_figure_reported_before_its_period(pkg: PackageCopy) -> None:
    i = pkg.find("figures", lambda r: not r["series_id"])  # a series' first date would move too
    pkg.edit("figures", i, reported_date="2024-11-20")
    _only(pkg, "figures", i, "reported_date", "reported-before-period")


def test_population_and_measure_disagree(pkg: PackageCopy) -> None:
    i = pkg.find("figures", lambda r: r["measure"] == "killed" and not r["series_id"])
    pkg.edit("figures", i, population="not_applicable")
    _only(pkg, "figures", i, "population", "population-measure")


def test_end_date_before_start(pkg: PackageCopy) -> None:
    i = pkg.find("events", lambda r: r["event_date"] > "2024-11-27")
    pkg.edit("events", i, end_date="2024-11-27")
    _only(pkg, "events", i, "end_date", "end-before-start")


def test_event_outside_study_window(pkg: PackageCopy) -> None:
    i = pkg.find("events", lambda r: not r["end_date"])
    pkg.edit("events", i, end_date="2024-12-20")
    _only(pkg, "events", i, "event_date", "outside-window")


def test_sub_event_type_of_another_event_type(pkg: PackageCopy) -> None:
    i = pkg.find("events", lambda r: r["event_type"] == "Battles")
    pkg.edit("events", i, sub_event_type="Air/drone strike")
    _only(pkg, "events", i, "sub_event_type", "sub-event-type")


def test_coordinates_outside_syria(pkg: PackageCopy) -> None:
    i = pkg.find("places", lambda r: not r["geonames_id"])
    pkg.edit("places", i, latitude="51.5", longitude="-0.12")
    _only(pkg, "places", i, "latitude", "outside-syria")


def test_coordinates_far_from_geonames_record(pkg: PackageCopy) -> None:
    i = pkg.find("places", lambda r: bool(r["geonames_id"]) and int(r["geonames_id"]) in syrian_records())
    lat = float(pkg.value("places", i, "latitude"))
    pkg.edit("places", i, latitude=f"{lat - 0.3:.5f}")  # about 33 km south
    _only(pkg, "places", i, "geonames_id", "geonames-distance")


def test_place_without_governorate(pkg: PackageCopy) -> None:
    children = {r["parent_place_id"] for r in pkg.read("places")[1]}
    i = pkg.find(
        "places",
        lambda r: (
            r["place_type"] not in ("country", "region")
            and r["place_id"] not in children
            and not r["parent_place_id"]
        ),
    )
    pkg.edit("places", i, admin1="", admin1_pcode="", iso_3166_2="")
    _only(pkg, "places", i, "admin1_pcode", "governorate-required")


@pytest.mark.parametrize(
    ("values", "fits"),
    [
        ({"admin2": "Jabal Sam'an", "admin3": "Mount Simeon", "admin_status": "stated"}, True),
        ({"admin2": "Jabal Sam'an", "admin3": "", "admin_status": "stated"}, False),
        ({"admin2": "Jabal Sam'an", "admin3": "", "admin_status": "district-stated"}, True),
        ({"admin2": "Jabal Sam'an", "admin3": "Mount Simeon", "admin_status": "district-stated"}, False),
        ({"admin2": "Jabal Sam'an", "admin3": "", "admin_status": "not-found"}, False),
        ({"admin2": "", "admin3": "", "admin_status": "not-found", "admin_source_id": ""}, True),
    ],
)
def test_admin_status_fits_the_district_columns(pkg: PackageCopy, values: dict[str, str], fits: bool) -> None:
    i = pkg.find("places", lambda r: r["place_type"] == "village")
    source = pkg.value("places", i, "source_id")
    pkg.edit("places", i, **{"admin_source_id": source, **values})
    if fits:
        assert not [p for p in validate_package(pkg.root).problems if p.rule == "admin-status"]
    else:
        _only(pkg, "places", i, "admin_status", "admin-status")


def test_acled_inter_that_does_not_fit_the_actor_type(pkg: PackageCopy) -> None:
    i = pkg.find("actors", lambda r: r["actor_type"] == "monitor")
    pkg.edit("actors", i, acled_inter="2")
    _only(pkg, "actors", i, "acled_inter", "acled-inter")


def test_claim_without_claimant(pkg: PackageCopy) -> None:
    i = pkg.find("event_sources")
    pkg.edit("event_sources", i, stance="denies", claimant_actor_id="")
    _only(pkg, "event_sources", i, "claimant_actor_id", "claimant-required")


def test_source_accessed_before_published(pkg: PackageCopy) -> None:
    i = pkg.find("sources")
    pkg.edit("sources", i, accessed_date="2020-01-01")
    _only(pkg, "sources", i, "accessed_date", "accessed-before-published")


def test_span_of_days_without_an_end(pkg: PackageCopy) -> None:
    i = pkg.find("events", lambda r: r["date_precision"] == "1" and not r["end_date"])
    pkg.edit("events", i, date_precision="2")
    _only(pkg, "events", i, "end_date", "open-span")
