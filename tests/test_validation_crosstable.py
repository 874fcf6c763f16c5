"""Layer 3 rules, each broken once on a copy of the real data."""

from __future__ import annotations

import datetime as dt

from conftest import PackageCopy, found
from syria_offensive.validation import validate_package


def _only(pkg: PackageCopy, expected: set[tuple[str, int, str, str]]) -> None:
    report = validate_package(pkg.root)
    assert found(report) == expected
    assert all(p.layer == "cross-table" for p in report.problems)


def test_event_with_no_source(pkg: PackageCopy) -> None:
    header, rows = pkg.read("event_sources")
    event_id = rows[0]["event_id"]
    pkg.write("event_sources", header, [r for r in rows if r["event_id"] != event_id])
    i = pkg.find("events", lambda r: r["event_id"] == event_id)
    _only(pkg, {("data/events.csv", i + 2, "event_id", "event-without-source")})


def test_event_with_no_main_actor(pkg: PackageCopy) -> None:
    header, rows = pkg.read("event_actors")
    event_id = rows[0]["event_id"]
    for r in rows:
        if r["event_id"] == event_id and r["role"] == "actor1":
            r["role"] = "assoc_actor1"
    pkg.write("event_actors", header, rows)
    i = pkg.find("events", lambda r: r["event_id"] == event_id)
    _only(pkg, {("data/events.csv", i + 2, "event_id", "event-without-actor1")})


def test_source_published_before_the_event(pkg: PackageCopy) -> None:
    i = pkg.find("event_sources")
    source_id = pkg.value("event_sources", i, "source_id")
    event_id = pkg.value("event_sources", i, "event_id")
    event_date = pkg.read("events")[1][pkg.find("events", lambda r: r["event_id"] == event_id)]["event_date"]
    s = pkg.find("sources", lambda r: r["source_id"] == source_id)
    pkg.edit("sources", s, published_date="2024-11-20", accessed_date="2026-11-25")
    report = validate_package(pkg.root)
    rules = {p.rule for p in report.problems}
    assert rules <= {"source-before-event", "figure-after-source"}
    assert ("data/event_sources.csv", i + 2, "source_id", "source-before-event") in found(report)
    assert event_date > "2024-11-20"


def test_figure_reported_after_its_source_was_published(pkg: PackageCopy) -> None:
    i = pkg.find("figures")
    pkg.edit("figures", i, reported_date="2026-11-30", period_start="2024-11-27", period_end="2024-12-08")
    _only(pkg, {("data/figures.csv", i + 2, "reported_date", "figure-after-source")})


def test_governorate_name_disagrees_with_its_code(pkg: PackageCopy) -> None:
    children = {r["parent_place_id"] for r in pkg.read("places")[1]}
    i = pkg.find(
        "places",
        lambda r: r["admin1"] == "Aleppo" and r["place_id"] not in children and not r["parent_place_id"],
    )
    pkg.edit("places", i, admin1="Hama")
    _only(pkg, {("data/places.csv", i + 2, "admin1", "governorate-codes")})


def test_place_in_another_governorate_than_its_parent(pkg: PackageCopy) -> None:
    _, rows = pkg.read("places")
    by_id = {r["place_id"]: r for r in rows}
    children = {r["parent_place_id"] for r in rows}
    i = pkg.find(
        "places",
        lambda r: (
            bool(r["parent_place_id"])
            and by_id[r["parent_place_id"]]["place_type"] not in ("country", "region")
            and r["place_id"] not in children
        ),
    )
    other = ("Hama", "SY05", "SY-HM") if rows[i]["admin1_pcode"] != "SY05" else ("Homs", "SY04", "SY-HI")
    pkg.edit("places", i, admin1=other[0], admin1_pcode=other[1], iso_3166_2=other[2])
    _only(pkg, {("data/places.csv", i + 2, "admin1_pcode", "parent-governorate")})


def test_coalition_membership_cycle(pkg: PackageCopy) -> None:
    _, rows = pkg.read("actors")
    child = pkg.find("actors", lambda r: bool(r["parent_actor_id"]))
    parent_id = rows[child]["parent_actor_id"]
    parent = pkg.find("actors", lambda r: r["actor_id"] == parent_id)
    grand = rows[parent]["parent_actor_id"]
    pkg.edit("actors", parent, parent_actor_id=rows[child]["actor_id"])
    expected = {
        ("data/actors.csv", child + 2, "parent_actor_id", "actor-parent-cycle"),
        ("data/actors.csv", parent + 2, "parent_actor_id", "actor-parent-cycle"),
    }
    problems = found(validate_package(pkg.root))
    assert expected <= problems
    assert {p[3] for p in problems} == {"actor-parent-cycle"}
    assert grand != rows[child]["actor_id"]


def test_an_actor_that_is_its_own_parent(pkg: PackageCopy) -> None:
    i = pkg.find("actors")
    pkg.edit("actors", i, parent_actor_id=pkg.value("actors", i, "actor_id"))
    _only(pkg, {("data/actors.csv", i + 2, "parent_actor_id", "actor-parent-cycle")})


def test_place_parent_cycle(pkg: PackageCopy) -> None:
    _, rows = pkg.read("places")
    child = pkg.find("places", lambda r: bool(r["parent_place_id"]))
    parent_id = rows[child]["parent_place_id"]
    parent = pkg.find("places", lambda r: r["place_id"] == parent_id)
    pkg.edit("places", parent, parent_place_id=rows[child]["place_id"])
    problems = found(validate_package(pkg.root))
    assert ("data/places.csv", child + 2, "parent_place_id", "place-parent-cycle") in problems
    assert ("data/places.csv", parent + 2, "parent_place_id", "place-parent-cycle") in problems
    assert {p[3] for p in problems} <= {"place-parent-cycle", "parent-governorate"}


def test_undated_source_that_events_cite(pkg: PackageCopy) -> None:
    i = pkg.find("event_sources")
    source_id = pkg.value("event_sources", i, "source_id")
    s = pkg.find("sources", lambda r: r["source_id"] == source_id)
    pkg.edit("sources", s, published_date="")
    _only(pkg, {("data/sources.csv", s + 2, "published_date", "undated-source-cited")})


def test_figure_reported_before_its_event(pkg: PackageCopy) -> None:
    i = pkg.find("figures", lambda r: bool(r["event_id"]))
    event_id = pkg.value("figures", i, "event_id")
    event_date = pkg.read("events")[1][pkg.find("events", lambda r: r["event_id"] == event_id)]["event_date"]
    day_before = (dt.date.fromisoformat(event_date) - dt.timedelta(days=1)).isoformat()
    pkg.edit("figures", i, reported_date=day_before, period_start=day_before, period_end=day_before)
    _only(pkg, {("data/figures.csv", i + 2, "reported_date", "figure-before-event")})


def test_figure_entered_twice(pkg: PackageCopy) -> None:
    header, rows = pkg.read("figures")
    copy = dict(rows[0], figure_id="FG-9999", note="entered a second time")
    pkg.write("figures", header, [*rows, copy])
    _only(pkg, {("data/figures.csv", len(rows) + 2, "figure_id", "duplicate-figure")})


# Issue 10: the event's own location precision, claim series, one statement per row.


def test_event_finer_than_its_place(pkg: PackageCopy) -> None:
    places = {r["place_id"]: r for r in pkg.read("places")[1]}
    i = pkg.find("events", lambda r: places[r["place_id"]]["geo_precision"] == "3")
    pkg.edit("events", i, geo_precision="1")
    _only(pkg, {("data/events.csv", i + 2, "geo_precision", "event-finer-than-place")})


def test_event_as_coarse_as_its_place_passes(pkg: PackageCopy) -> None:
    places = {r["place_id"]: r for r in pkg.read("places")[1]}
    i = pkg.find("events", lambda r: places[r["place_id"]]["geo_precision"] == "1")
    pkg.edit("events", i, geo_precision="2")
    _only(pkg, set())


def test_countryside_event_at_exact_precision(pkg: PackageCopy) -> None:
    places = {r["place_id"]: r for r in pkg.read("places")[1]}
    i = pkg.find(
        "events", lambda r: r["geo_precision"] == "1" and places[r["place_id"]]["geo_precision"] == "1"
    )
    name = places[pkg.value("events", i, "place_id")]["name"]
    pkg.edit(
        "events", i, summary=f"Government shelling hit villages in the countryside of {name}, a monitor said."
    )
    _only(pkg, {("data/events.csv", i + 2, "geo_precision", "vague-location-exact")})
    pkg.edit("events", i, geo_precision="2")
    _only(pkg, set())


def test_a_name_followed_by_another_name_is_not_vague(pkg: PackageCopy) -> None:
    places = {r["place_id"]: r for r in pkg.read("places")[1]}
    i = pkg.find(
        "events", lambda r: r["geo_precision"] == "1" and places[r["place_id"]]["geo_precision"] == "1"
    )
    name = places[pkg.value("events", i, "place_id")]["name"]
    pkg.edit("events", i, summary=f"An air strike hit the square near {name} University, a monitor said.")
    _only(pkg, set())


def _series_rows(pkg: PackageCopy, size: int = 2) -> list[int]:
    _header, rows = pkg.read("figures")
    by_series: dict[str, list[int]] = {}
    for k, r in enumerate(rows):
        if r["series_id"] and r["cumulative"] == "true":
            by_series.setdefault(r["series_id"], []).append(k)
    return next(v for v in by_series.values() if len(v) >= size)


def test_series_whose_rows_count_different_things(pkg: PackageCopy) -> None:
    _first, second = _series_rows(pkg)[:2]
    other = "injured" if pkg.value("figures", second, "measure") != "injured" else "killed"
    pkg.edit("figures", second, measure=other)
    report = validate_package(pkg.root)
    rules = {(row, rule) for _, row, _, rule in found(report)}
    assert rules and all(rule == "series-mixed" for _, rule in rules)


def test_series_update_counting_from_another_day(pkg: PackageCopy) -> None:
    rows = _series_rows(pkg, 3)
    _header, data = pkg.read("figures")
    ordered = sorted(
        rows, key=lambda k: (data[k]["reported_date"], len(data[k]["figure_id"]), data[k]["figure_id"])
    )
    last = ordered[-1]
    start = dt.date.fromisoformat(data[last]["period_start"]) + dt.timedelta(days=1)
    assert start.isoformat() <= data[last]["period_end"]
    pkg.edit("figures", last, period_start=start.isoformat())
    _only(pkg, {("data/figures.csv", last + 2, "period_start", "series-order")})


def test_same_statement_carried_later_by_another_outlet(pkg: PackageCopy) -> None:
    header, rows = pkg.read("figures")
    k = pkg.find("figures", lambda r: r["reported_date_basis"] == "published" and not r["series_id"])
    copy = dict(rows[k])
    later_source = next(
        s
        for s in pkg.read("sources")[1]
        if s["published_date"] and s["published_date"] > copy["reported_date"]
    )
    copy.update(
        figure_id="FG-99999",
        source_id=later_source["source_id"],
        reported_date=later_source["published_date"],
    )
    pkg.write("figures", header, [*rows, copy])
    _only(pkg, {("data/figures.csv", len(rows) + 2, "figure_id", "repeated-statement")})
    # the same numbers stated again by the claimant on a later day are a new statement
    copy["reported_date_basis"] = "stated"
    pkg.write("figures", header, [*rows, copy])
    _only(pkg, set())
