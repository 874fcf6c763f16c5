"""The ACLED- and UCDP GED-shaped exports, column by column against the codebooks' lists kept in
tests/data, and value by value against values computed from the CSV files."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from conftest import PackageCopy
from expected import by_key, event_fatalities, rows
from syria_offensive.exports import export
from syria_offensive.exports.acled import COLUMNS as ACLED_EXPORT_COLUMNS
from syria_offensive.exports.acled import event_id_cnty
from syria_offensive.exports.ucdp import COLUMNS as GED_EXPORT_COLUMNS
from syria_offensive.exports.ucdp import date_prec, priogrid_gid, where_prec
from test_views import plant_fatality_figures

DATA = Path(__file__).parent / "data"
LABELS = {
    1: "State forces",
    2: "Rebel group",
    3: "Political militia",
    4: "Identity militia",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}
CODE = {label: code for code, label in LABELS.items()}
VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")


def codebook(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def reads_as(value: str, kind: str) -> bool:
    """Whether a non-empty CSV cell reads as the codebook's type."""
    try:
        if kind == "integer":
            int(value)
        elif kind == "number":
            float(value)
        elif kind == "date":
            dt.date.fromisoformat(value)
        elif kind == "boolean":
            return value in ("0", "1", "true", "false")
    except ValueError:
        return False
    return True


def check_against_codebook(header: list[str], data: list[dict[str, str]], book: list[dict[str, str]]) -> None:
    names = [c["column"] for c in book]
    assert header[: len(names)] == names, "every codebook column, in the codebook's order"
    assert [int(c["position"]) for c in book] == list(range(1, len(book) + 1))
    for column in book:
        bad = [
            r[column["column"]]
            for r in data
            if r[column["column"]] and not reads_as(r[column["column"]], column["type"])
        ]
        assert not bad, f"{column['column']} should read as {column['type']}: {bad[:3]}"


def test_codebook_lists_name_their_versions() -> None:
    acled, ged = codebook("acled_columns.csv"), codebook("ged_columns.csv")
    assert len(acled) == 31 and len(ged) == 49
    assert all("ACLED" in c["codebook"] for c in acled)
    assert all("24.1" in c["codebook"] and "25.1" in c["codebook"] for c in ged)
    assert [(c.name, c.type) for c in ACLED_EXPORT_COLUMNS[:31]] == [(c["column"], c["type"]) for c in acled]
    assert [(c.name, c.type) for c in GED_EXPORT_COLUMNS] == [(c["column"], c["type"]) for c in ged]


def inter_code(actor: dict[str, str]) -> int | None:
    """The export's inter rule, restated: the row's code, else the code the actor type implies."""
    if actor["acled_inter"]:
        return int(actor["acled_inter"])
    if actor["actor_type"] == "government":
        return 8 if actor["country"] != "SY" else (1 if actor["side"] == "government" else 2)
    return {"intergovernmental": 8, "media": 7, "monitor": 7, "ngo": 7}.get(actor["actor_type"])


def state_district(pkg: PackageCopy, place_id: str, admin2: str, admin3: str) -> None:
    """Give a place a district and sub-district as if a page stated them (its own source stands in)."""
    i = pkg.find("places", lambda r: r["place_id"] == place_id)
    source = pkg.value("places", i, "source_id")
    pkg.edit("places", i, admin2=admin2, admin3=admin3, admin_status="stated", admin_source_id=source)


def test_acled_csv(pkg: PackageCopy, tmp_path: Path) -> None:
    planted = plant_fatality_figures(pkg)
    first = rows(pkg.root, "events")[0]
    state_district(pkg, first["place_id"], "Test District", "Test Subdistrict")
    written = export("acled", tmp_path, pkg.root)
    assert sorted(p.name for p in written) == ["events_acled.csv", "events_acled_README.md"]
    header, data = read_csv(tmp_path / "events_acled.csv")
    check_against_codebook(header, data, codebook("acled_columns.csv"))
    assert header[31:] == ["event_id", "fatalities_basis", "admin_status"], (
        "our own columns come after ACLED's"
    )
    got = {r["event_id"]: r for r in data}
    events = by_key(pkg.root, "events", "event_id")
    assert set(got) == set(events)
    actors = by_key(pkg.root, "actors", "actor_id")
    places = by_key(pkg.root, "places", "place_id")
    sources = by_key(pkg.root, "sources", "source_id")
    ids: dict[tuple[str, str], list[str]] = {}
    for x in rows(pkg.root, "event_actors"):
        ids.setdefault((x["event_id"], x["role"]), []).append(x["actor_id"])
    stamp = int(
        dt.datetime.fromisoformat(
            json.loads((pkg.root / "datapackage.json").read_text())["created"]
        ).timestamp()
    )
    for event_id, e in events.items():
        r = got[event_id]
        assert r["event_id_cnty"] == "SYR" + event_id[3:11] + event_id[12:]
        assert (r["event_date"], r["year"], r["time_precision"]) == (
            e["event_date"],
            e["event_date"][:4],
            e["date_precision"],
        )
        for n in ("1", "2"):
            main = ids.get((event_id, f"actor{n}"), [])
            ranked = sorted(main, key=lambda a: (inter_code(actors[a]) or 99, actors[a]["name"]))
            assert r[f"actor{n}"] == (actors[ranked[0]]["name"] if ranked else "")
            assoc = {actors[a]["name"] for a in ranked[1:] + ids.get((event_id, f"assoc_actor{n}"), [])}
            assert r[f"assoc_actor_{n}"] == "; ".join(sorted(assoc))
            code = inter_code(actors[ranked[0]]) if ranked else None
            assert r[f"inter{n}"] == (LABELS[code] if code else "")
        assert r["inter1"], "every event's actor1 has an inter code"
        if r["actor2"]:
            assert r["inter2"], "every actor2 has an inter code"
            low, high = sorted((CODE[r["inter1"]], CODE[r["inter2"]]))
            expected = (
                "External/Other forces-Civilians"
                if (low, high) == (7, 8)
                else f"{LABELS[low]}-{LABELS[high]}"
            )
        else:
            expected = f"{r['inter1']} only"
        assert r["interaction"] == expected
        place = places[e["place_id"]]
        assert (r["location"], r["admin1"], r["geo_precision"]) == (
            place["name"],
            place["admin1"],
            e["geo_precision"],
        )
        assert (r["admin2"], r["admin3"], r["admin_status"]) == (
            place["admin2"],
            place["admin3"],
            place["admin_status"],
        ), "a district only where the place's source states it"
        assert (r["iso"], r["country"], r["region"]) == ("760", "Syria", "Middle East")
        links = [x for x in rows(pkg.root, "event_sources") if x["event_id"] == event_id]
        publishers = {
            sources[x["source_id"]]["original_publisher"] or sources[x["source_id"]]["publisher"]
            for x in links
        }
        assert r["source"] == "; ".join(sorted(publishers))
        assert r["source_scale"], "every event has a source, so a scale"
        stances = {x["stance"] for x in links}
        tags = r["tags"].split("; ") if r["tags"] else []
        assert ("claim only" in tags) == ("reports" not in stances)
        assert any(t.startswith("denied") for t in tags) == ("denies" in stances)
        assert ("approximate location" in tags) == (e["geo_precision"] != "1")
        assert r["timestamp"] == str(stamp)
        assert r["notes"] == e["summary"]
    # The planted figures: independent monitors (SOHR, SNHR) among the claimants, so the lowest count.
    assert (got[planted]["fatalities"], got[planted]["fatalities_basis"]) == ("8", "independent")
    fatalities = event_fatalities(pkg.root)
    for event_id, r in got.items():
        if r["fatalities_basis"] in ("independent", "corroborated"):
            assert int(r["fatalities"]) == fatalities[event_id]["low"]
        else:
            assert r["fatalities"] == "0"
        if r["fatalities_basis"] == "none":
            assert event_id not in fatalities
    readme = (tmp_path / "events_acled_README.md").read_text(encoding="utf-8")
    assert got[first["event_id"]]["admin2"] == "Test District"
    assert "admin2/admin3 by the place's admin_status: " in readme and "| `timestamp` |" in readme


def test_acled_one_party_claim_is_tagged_and_not_counted(pkg: PackageCopy, tmp_path: Path) -> None:
    header, figures = pkg.read("figures")
    event = next(e for e in rows(pkg.root, "events") if e["event_id"] not in {f["event_id"] for f in figures})
    base = dict.fromkeys(header, "")
    figures.append(
        base
        | {
            "figure_id": "FG-99990",
            "source_id": rows(pkg.root, "sources")[0]["source_id"],
            "claimant_actor_id": "military-operations-command",
            "event_id": event["event_id"],
            "reported_date": event["event_date"],
            "reported_date_basis": "published",
            "period_start": event["event_date"],
            "period_end": event["event_date"],
            "measure": "killed",
            "population": "combatants",
            "subject_actor_id": "syrian-armed-forces",
            "qualifier": "exact",
            "value_low": "40",
            "value_best": "40",
            "value_high": "40",
            "cumulative": "false",
        }
    )
    pkg.write("figures", header, figures)
    export("acled", tmp_path, pkg.root)
    r = {x["event_id"]: x for x in read_csv(tmp_path / "events_acled.csv")[1]}[event["event_id"]]
    assert (r["fatalities"], r["fatalities_basis"]) == ("0", "one_party_claim")
    assert "fatalities: 40 claimed by one party only (Military Operations Command), not counted" in r["tags"]


def test_event_id_cnty_is_one_to_one() -> None:
    assert event_id_cnty("EV-20241127-001") == "SYR20241127001"
    assert event_id_cnty("EV-20241127-1001") != event_id_cnty("EV-20241127-001")


def test_priogrid_gid_matches_known_cells() -> None:
    # PRIO-GRID's published helper (views-platform's Priogrid class) holds (10.51, 2.29) -> 145085.
    assert priogrid_gid(10.51, 2.29) == 145085
    assert priogrid_gid(-90, -180) == 1
    assert priogrid_gid(89.9, 179.9) == 360 * 720


@pytest.mark.parametrize(
    ("geo", "place_type", "expected"),
    [
        (1, "town", 1),
        (2, "village", 2),
        (3, "governorate", 4),
        (3, "district", 3),
        (1, "road", 5),
        (3, "country", 6),
    ],
)
def test_where_prec(geo: int, place_type: str, expected: int) -> None:
    assert where_prec(geo, place_type) == expected


@pytest.mark.parametrize(
    ("precision", "days", "expected"), [(1, 1, 1), (1, 3, 1), (2, 3, 2), (2, 7, 3), (2, 12, 4), (3, 30, 4)]
)
def test_date_prec(precision: int, days: int, expected: int) -> None:
    assert date_prec(precision, days) == expected


def test_ucdp_ged_csv(pkg: PackageCopy, tmp_path: Path) -> None:
    planted = plant_fatality_figures(pkg, VIOLENT)
    planted_place = next(e["place_id"] for e in rows(pkg.root, "events") if e["event_id"] == planted)
    state_district(pkg, planted_place, "Test", "Test Subdistrict")
    written = export("ucdp", tmp_path, pkg.root)
    assert sorted(p.name for p in written) == ["events_ucdp_ged.csv", "events_ucdp_ged_README.md"]
    header, data = read_csv(tmp_path / "events_ucdp_ged.csv")
    check_against_codebook(header, data, codebook("ged_columns.csv"))
    assert len(header) == 49
    got = {r["relid"]: r for r in data}
    fatalities = event_fatalities(pkg.root)
    events = by_key(pkg.root, "events", "event_id")
    coded = {
        k
        for k, e in events.items()
        if e["event_type"] in VIOLENT and (fatalities.get(k, {}).get("best") or 0) >= 1
    }
    assert set(got) == coded, "exactly the events GED would code"
    places = by_key(pkg.root, "places", "place_id")
    actors = by_key(pkg.root, "actors", "actor_id")
    for event_id, r in got.items():
        e, place = events[event_id], places[events[event_id]["place_id"]]
        assert (r["date_start"], r["date_end"], r["year"]) == (
            e["event_date"],
            e["end_date"] or e["event_date"],
            e["event_date"][:4],
        )
        assert (r["country"], r["country_id"], r["region"]) == ("Syria", "652", "Middle East")
        lat, lon = float(place["latitude"]), float(place["longitude"])
        assert r["priogrid_gid"] == str(priogrid_gid(lat, lon))
        assert r["geom_wkt"] == f"POINT ({r['longitude']} {r['latitude']})"
        deaths = [int(r[c]) for c in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")]
        assert sum(deaths) == int(r["best"]) >= 1
        assert int(r["low"]) <= int(r["best"]) <= int(r["high"])
        assert r["adm_2"] == (f"{place['admin2']} district" if place["admin2"] else "")
        assert r["where_prec"] in {"1", "2", "3", "4", "5", "6"}
        if e["event_type"] == "Violence against civilians":
            assert r["type_of_violence"] == "3"
        if r["side_a"] == "Government of Syria":
            assert (r["side_a_new_id"], r["gwnoa"]) == ("118", "652")
        else:
            assert r["side_a_new_id"] == ""
        if r["conflict_new_id"]:
            assert (r["conflict_new_id"], r["conflict_name"], r["side_a"]) == (
                "299",
                "Syria: Government",
                "Government of Syria",
            )
    p = got[planted]
    assert (p["low"], p["best"], p["high"], p["deaths_civilians"]) == ("8", "32", "40", "5")
    assert p["adm_2"] == "Test district"
    state = {a for a, x in actors.items() if x["actor_type"] == "state_forces" and x["country"] == "SY"}
    battles = {
        x["event_id"]
        for x in rows(pkg.root, "event_actors")
        if x["actor_id"] in state and x["role"] in ("actor1", "actor2")
    }
    for event_id in battles & set(got):
        if events[event_id]["event_type"] != "Violence against civilians":
            assert got[event_id]["type_of_violence"] == "1"
            assert "Government of Syria" in got[event_id]["side_a"].split("; ")
    readme = (tmp_path / "events_ucdp_ged_README.md").read_text(encoding="utf-8")
    left_out = len(events) - len(got)
    counted = sum(
        int(line.rsplit(": ", 1)[1].split()[0])
        for line in readme.splitlines()
        if line.startswith("- Left out")
    )
    assert counted == left_out, "the README accounts for every event left out"


def test_fill_rates_doc_is_generated_and_checked(
    pkg: PackageCopy, capsys: pytest.CaptureFixture[str]
) -> None:
    from syria_offensive.cli import main

    places = by_key(pkg.root, "places", "place_id")
    assert main(["fill-rates", str(pkg.root), "--write"]) == 0
    assert main(["fill-rates", str(pkg.root), "--check"]) == 0
    text = (pkg.root / "docs" / "export-fill-rates.md").read_text(encoding="utf-8")
    for column in [*ACLED_EXPORT_COLUMNS, *GED_EXPORT_COLUMNS]:
        assert f"| `{column.name}` |" in text
    with_district = sum(1 for e in rows(pkg.root, "events") if places[e["place_id"]]["admin2"])
    assert f"| `admin2` | string | {with_district} |" in text, "admin2's rate counts the stated districts"
    pkg.edit("events", pkg.find("events"), summary="A changed summary.")
    plant_fatality_figures(pkg, VIOLENT)  # one more GED row: the rates change
    capsys.readouterr()
    assert main(["fill-rates", str(pkg.root), "--check"]) == 1
    assert "out of date" in capsys.readouterr().out


def test_the_bundled_fill_rates_doc_is_current() -> None:
    from syria_offensive.cli import main

    root = Path(__file__).parent.parent
    assert main(["fill-rates", str(root), "--check"]) == 0, "run `syria-offensive fill-rates --write`"


def test_side_deaths_by_the_subject_actors_side() -> None:
    from syria_offensive.exports.ucdp import side_deaths

    gov = [{"side": "government"}]
    opp = [{"side": "opposition"}]
    parts = [
        {"claimant": "sohr", "side": "government", "n": 30},
        {"claimant": "sohr", "side": "opposition", "n": 10},
        {"claimant": "sohr", "side": "sdf", "n": 99},  # neither side: stays unknown
        {"claimant": "mod", "side": "opposition", "n": 200},
    ]
    # Medians over the two claimants: side A (30, 0) -> 15; side B (10, 200) -> 105.
    assert side_deaths(parts, gov, opp, room=1000) == (15, 105)
    assert side_deaths(parts, gov, opp, room=50) == (15, 35), "bounded, side A first"
    assert side_deaths(parts, gov, gov, room=1000) == (0, 0), "a side on both sides counts for neither"
    assert side_deaths(None, gov, opp, room=10) == (0, 0)
    assert side_deaths(parts, opp, None, room=1000) == (105, 0), "one-sided: only side A"
