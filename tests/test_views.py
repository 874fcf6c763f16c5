"""Each named view against values computed independently from the CSV files (tests/expected.py)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

import pytest

from conftest import PackageCopy
from expected import TERRITORY_SUB_EVENTS, by_key, event_fatalities, integer, joined, names_by_role, rows
from syria_offensive import connect
from syria_offensive.access.sql_views import view_files

VIEWS = {
    "events_enriched",
    "casualty_claims",
    "claim_series",
    "daily_summary",
    "territory_changes",
    "event_fatalities",
}


def plant_fatality_figures(pkg: PackageCopy, event_types: tuple[str, ...] = ()) -> str:
    """Add `killed` figures to one event that has none (of one of `event_types`, if given), exercising
    every step of the rule; returns the event's id."""
    header, figures = pkg.read("figures")
    with_killed = {f["event_id"] for f in figures if f["measure"] == "killed"}
    event = next(
        e
        for e in rows(pkg.root, "events")
        if e["event_id"] not in with_killed and (not event_types or e["event_type"] in event_types)
    )
    actors = {a["actor_id"] for a in rows(pkg.root, "actors")}
    claimants = ["sohr", "snhr", "military-operations-command", "syrian-defence-ministry"]
    assert set(claimants) <= actors, "the test needs these claimants in actors.csv"
    source = rows(pkg.root, "sources")[0]["source_id"]
    day1 = event["event_date"]
    day2 = (dt.date.fromisoformat(day1) + dt.timedelta(days=1)).isoformat()

    def fig(
        fid: str,
        claimant: str,
        day: str,
        population: str,
        qualifier: str,
        low: str,
        best: str,
        high: str,
        subject: str = "",
        measure: str = "killed",
    ) -> dict[str, str]:
        return {
            "figure_id": fid,
            "source_id": source,
            "claimant_actor_id": claimant,
            "event_id": event["event_id"],
            "place_id": "",
            "reported_date": day,
            "reported_date_basis": "published",
            "period_start": day1,
            "period_end": day1,
            "measure": measure,
            "population": population,
            "subject_actor_id": subject,
            "qualifier": qualifier,
            "value_low": low,
            "value_best": best,
            "value_high": high,
            "cumulative": "false",
            "note": "planted by a test",
        }

    figures += [
        fig("FG-99001", "sohr", day1, "all", "exact", "10", "10", "10"),  # superseded by SOHR's later report
        fig("FG-99002", "sohr", day2, "all", "at_least", "12", "", ""),
        fig("FG-99003", "snhr", day2, "civilians", "exact", "5", "5", "5"),
        fig("FG-99004", "snhr", day2, "children", "exact", "2", "2", "2"),  # counted within civilians
        fig("FG-99005", "snhr", day2, "combatants", "range", "3", "", "6", subject="hts"),
        fig("FG-99006", "military-operations-command", day2, "all", "about", "", "20", ""),
        fig(
            "FG-99007", "military-operations-command", day2, "all", "exact", "25", "25", "25"
        ),  # recorded last
        fig("FG-99008", "syrian-defence-ministry", day2, "all", "exact", "40", "40", "40"),
        fig("FG-99009", "sohr", day2, "all", "exact", "100", "100", "100", measure="injured"),
    ]
    pkg.write("figures", header, figures)
    return event["event_id"]


def test_every_view_file_is_created_and_documented(pkg: PackageCopy) -> None:
    files = {v.name: v for v in view_files()}
    assert set(files) == VIEWS
    with connect(pkg.root) as con:
        names = {r[0] for r in con.sql("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    assert names == VIEWS
    for view in files.values():
        assert view.comment.startswith(f"{view.name}:"), (
            f"{view.name}.sql must open with a comment saying what it is"
        )


def test_event_fatalities_follows_the_documented_rule(pkg: PackageCopy) -> None:
    event = plant_fatality_figures(pkg)
    with connect(pkg.root) as con:
        got = {
            r[0]: {
                "claimants": r[1],
                "low": r[2],
                "best": r[3],
                "high": r[4],
                "civilians_best": r[5],
                "figure_ids": r[6],
            }
            for r in con.sql(
                "SELECT event_id, claimants, low, best, high, civilians_best, figure_ids FROM event_fatalities"
            ).fetchall()
        }
    # Worked by hand: SOHR's later 'at least 12' (12, -, -); SNHR's parts 5 civilians + 3..6 HTS fighters
    # (8, -, 11; children left out); the operations room's last-recorded 25; the ministry's 40.
    assert got[event] == {
        "claimants": 4,
        "low": 8,
        "best": 32.5,
        "high": 40,
        "civilians_best": 5.0,
        "figure_ids": ["FG-99002", "FG-99003", "FG-99005", "FG-99007", "FG-99008"],
    }
    assert got == event_fatalities(pkg.root)


def test_events_enriched(pkg: PackageCopy) -> None:
    events = rows(pkg.root, "events")
    places = by_key(pkg.root, "places", "place_id")
    sources = by_key(pkg.root, "sources", "source_id")
    roles = names_by_role(pkg.root)
    links: dict[str, list[dict[str, str]]] = defaultdict(list)
    for x in rows(pkg.root, "event_sources"):
        links[x["event_id"]].append(x)
    with connect(pkg.root) as con:
        relation = con.sql("SELECT * FROM events_enriched")
        got = {r[0]: dict(zip(relation.columns, r, strict=True)) for r in relation.fetchall()}
    assert list(got) == sorted(e["event_id"] for e in events)
    for e in events:
        g = got[e["event_id"]]
        place = places[e["place_id"]]
        assert (g["place_name"], g["place_name_ar"] or "", g["admin1"] or "") == (
            place["name"],
            place["name_ar"],
            place["admin1"],
        )
        assert (g["latitude"], g["longitude"]) == (float(place["latitude"]), float(place["longitude"]))
        for role in ("actor1", "assoc_actor1", "actor2", "assoc_actor2"):
            assert g[role] == joined(roles[e["event_id"]].get(role)), (e["event_id"], role)
        mine = links[e["event_id"]]
        stances = Counter(x["stance"] for x in mine)
        publishers = {
            sources[x["source_id"]]["original_publisher"] or sources[x["source_id"]]["publisher"]
            for x in mine
        }
        assert (g["source_count"], g["publisher_count"]) == (len(mine), len(publishers))
        assert (g["reports"], g["claims"], g["denials"]) == (
            stances["reports"],
            stances["claims"],
            stances["denies"],
        )
        assert g["summary"] == e["summary"]


def test_events_enriched_carries_event_fatalities(pkg: PackageCopy) -> None:
    event = plant_fatality_figures(pkg)
    with connect(pkg.root) as con:
        got = con.sql(
            "SELECT killed_low, killed_best, killed_high FROM events_enriched WHERE event_id = ?",
            params=[event],
        ).fetchall()
    assert got == [(8, 32.5, 40)]


def test_casualty_claims_series(pkg: PackageCopy) -> None:
    casualty = [
        f for f in rows(pkg.root, "figures") if f["measure"] in ("killed", "injured", "killed_or_injured")
    ]
    actors = by_key(pkg.root, "actors", "actor_id")
    series: dict[tuple[str, ...], list[dict[str, str]]] = defaultdict(list)
    for f in casualty:
        kind = (f["cumulative"], f["period_start"] if f["cumulative"] == "true" else "")
        key = (
            f["claimant_actor_id"],
            f["measure"],
            f["population"],
            f["subject_actor_id"],
            f["event_id"],
            f["place_id"],
            *kind,
        )
        series[key].append(f)
    expected = {}
    for points in series.values():
        points.sort(key=lambda f: (f["reported_date"], len(f["figure_id"]), f["figure_id"]))
        previous = None
        for n, f in enumerate(points, start=1):
            best = integer(f["value_best"])
            change = None if previous is None or best is None else best - previous
            expected[f["figure_id"]] = (actors[f["claimant_actor_id"]]["name"], n, change, best)
            previous = best
    with connect(pkg.root) as con:
        got = {
            r[0]: tuple(r[1:])
            for r in con.sql(
                "SELECT figure_id, claimant, report_number, change_best, value_best FROM casualty_claims"
            ).fetchall()
        }
    assert got == expected
    assert any(n > 1 for _, n, _, _ in expected.values()), (
        "the data should hold at least one claimant's series"
    )


def test_daily_summary(pkg: PackageCopy) -> None:
    plant_fatality_figures(pkg)
    events = rows(pkg.root, "events")
    first = min(dt.date.fromisoformat(e["event_date"]) for e in events)
    last = max(dt.date.fromisoformat(e["end_date"] or e["event_date"]) for e in events)
    day_of = {e["event_id"]: e["event_date"] for e in events}
    fatalities = event_fatalities(pkg.root)
    with connect(pkg.root) as con:
        relation = con.sql("SELECT * FROM daily_summary")
        got = [dict(zip(relation.columns, r, strict=True)) for r in relation.fetchall()]
    assert [g["day"] for g in got] == [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    figures = rows(pkg.root, "figures")
    links = rows(pkg.root, "event_sources")
    for g in got:
        day = g["day"].isoformat()
        todays = [e for e in events if e["event_date"] == day]
        assert g["events"] == len(todays)
        assert g["battles"] == sum(e["event_type"] == "Battles" for e in todays)
        assert g["territory_changes"] == sum(e["sub_event_type"] in TERRITORY_SUB_EVENTS for e in todays)
        assert g["places"] == len({e["place_id"] for e in todays})
        assert g["event_sources"] == sum(day_of[x["event_id"]] == day for x in links)
        assert g["figures_reported"] == sum(f["reported_date"] == day for f in figures)
        assert g["claimants_reporting"] == len(
            {f["claimant_actor_id"] for f in figures if f["reported_date"] == day}
        )
        bests = [fatalities[e["event_id"]]["best"] for e in todays if e["event_id"] in fatalities]
        known = [b for b in bests if b is not None]
        assert g["killed_best"] == (pytest.approx(sum(known)) if known else None)  # type: ignore[arg-type]


def test_territory_changes(pkg: PackageCopy) -> None:
    events = [e for e in rows(pkg.root, "events") if e["sub_event_type"] in TERRITORY_SUB_EVENTS]
    assert events, "the data should hold territory changes"
    roles = names_by_role(pkg.root)
    actors = by_key(pkg.root, "actors", "actor_id")
    sides: dict[str, set[str]] = defaultdict(set)
    for x in rows(pkg.root, "event_actors"):
        if x["role"] == "actor1":
            sides[x["event_id"]].add(actors[x["actor_id"]]["side"])
    places = by_key(pkg.root, "places", "place_id")
    with connect(pkg.root) as con:
        got = con.sql(
            "SELECT event_id, event_date, place_name, taken_by, taken_from, taken_by_side FROM territory_changes"
        ).fetchall()
    expected = sorted(
        (
            e["event_id"],
            dt.date.fromisoformat(e["event_date"]),
            places[e["place_id"]]["name"],
            joined(roles[e["event_id"]].get("actor1")),
            joined(roles[e["event_id"]].get("actor2")),
            "; ".join(sorted(sides[e["event_id"]])) or None,
        )
        for e in events
    )
    assert got == sorted(expected, key=lambda r: (r[1], r[0]))


def test_claim_series_lists_each_series_in_order(pkg: PackageCopy) -> None:
    figures = [r for r in rows(pkg.root, "figures") if r["series_id"]]
    assert figures, "the bundled data has running counts"
    expected: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in sorted(figures, key=lambda r: (r["reported_date"], len(r["figure_id"]), r["figure_id"])):
        expected[r["series_id"]].append(r)
    with connect(pkg.root) as con:
        got = con.sql(
            "SELECT series_id, point, points, figure_id, change_best FROM claim_series ORDER BY series_id, point"
        ).fetchall()
    assert len(got) == len(figures)
    for series_id, point, points, figure_id, change_best in got:
        series = expected[series_id]
        assert points == len(series)
        assert figure_id == series[point - 1]["figure_id"]
        previous = series[point - 2]["value_best"] if point > 1 else ""
        current = series[point - 1]["value_best"]
        want = int(current) - int(previous) if previous and current else None
        assert change_best == want


def test_sohr_toll_over_time_is_one_statement(pkg: PackageCopy) -> None:
    with connect(pkg.root) as con:
        dates = [
            r[0]
            for r in con.sql(
                "SELECT reported_date FROM claim_series WHERE series_id = 'sohr-killed-all' ORDER BY point"
            ).fetchall()
        ]
    assert len(dates) > 10 and dates == sorted(dates)


def test_territory_changes_carry_the_events_precision(pkg: PackageCopy) -> None:
    events = by_key(pkg.root, "events", "event_id")
    with connect(pkg.root) as con:
        got = con.sql("SELECT event_id, geo_precision, date_precision FROM territory_changes").fetchall()
    assert got
    for event_id, geo, date in got:
        assert (geo, date) == (
            int(events[event_id]["geo_precision"]),
            int(events[event_id]["date_precision"]),
        )
