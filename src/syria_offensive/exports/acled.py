"""The events as an ACLED-shaped CSV (`events_acled.csv`) with its README (`events_acled_README.md`).

ACLED's standard export columns, in ACLED's order and types and with ACLED's vocabulary, so the rows
stack with an ACLED download; then two columns of our own, after ACLED's: `event_id` (this package's
stable id) and `fatalities_basis`. Every column, where its value comes from and how full it is, is in
COLUMNS below, in docs/exports.md and in the README written beside the CSV.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import duckdb

from syria_offensive.exports import catalog
from syria_offensive.exports.acled_vocabulary import (
    CIVILIAN_TARGETING,
    DISORDER_TYPE_BY_SUB_EVENT,
    INTER_LABELS,
    actor_inter,
    interaction,
    source_scale,
)
from syria_offensive.exports.columns import Column, build_timestamp, readme, write_csv
from syria_offensive.exports.fatalities import acled_fatalities, claimant_counts
from syria_offensive.exports.tabular import (
    ACLED_REGION,
    COUNTRY_ISO3,
    COUNTRY_ISO_NUMERIC,
    COUNTRY_NAME,
    records,
)
from syria_offensive.metadata.descriptor import Package

NAME = "acled"
DESCRIPTION = catalog.FORMATS[NAME]
FILE_NAME = "events_acled.csv"
README_NAME = "events_acled_README.md"
CODEBOOK = (
    "ACLED standard export, 31 columns (ACLED Codebook, 2024 edition; text inter and interaction labels)"
)

ACLED_COLUMNS: tuple[Column, ...] = (
    Column(
        "event_id_cnty",
        "string",
        "'SYR' + the digits of our event_id (EV-20241127-001 -> SYR20241127001): stable across versions, as our ids are",
    ),
    Column("event_date", "date", "events.event_date (the first possible day of a span)"),
    Column("year", "integer", "the year of event_date"),
    Column(
        "time_precision",
        "integer",
        "events.date_precision (1 day, 2 a span of days within a week or so, 3 the month)",
    ),
    Column("disorder_type", "string", "from the sub-event type, ACLED's Table 2"),
    Column("event_type", "string", "events.event_type"),
    Column("sub_event_type", "string", "events.sub_event_type"),
    Column(
        "actor1", "string", "one actor: the event's actor1 (of several, the lowest inter code, then the name)"
    ),
    Column(
        "assoc_actor_1",
        "string",
        "the other actor1 actors and the assoc_actor1 actors, names joined with '; '",
    ),
    Column(
        "inter1",
        "string",
        "ACLED's label of actor1's inter code (actors.acled_inter, else the code its type implies)",
    ),
    Column("actor2", "string", "one actor: the event's actor2, chosen as for actor1; empty when none"),
    Column("assoc_actor_2", "string", "the other actor2 actors and the assoc_actor2 actors, '; '"),
    Column("inter2", "string", "ACLED's label of actor2's inter code; empty when there is no actor2"),
    Column(
        "interaction",
        "string",
        "the two labels, lower code first ('State forces-Rebel group'); '<label> only' with no actor2",
    ),
    Column("civilian_targeting", "string", "'Civilian targeting' when events.civilian_targeting, else empty"),
    Column("iso", "integer", "760, Syria's ISO 3166-1 numeric code"),
    Column("region", "string", "'Middle East'"),
    Column("country", "string", "'Syria'"),
    Column("admin1", "string", "the place's governorate (places.admin1, OCHA spelling)"),
    Column(
        "admin2",
        "string",
        "the place's district (places.admin2) where a source states it; empty otherwise, with the reason in "
        "admin_status. OCHA's spelling is not checked and no p-code is given (none is held)",
    ),
    Column(
        "admin3",
        "string",
        "the place's sub-district (places.admin3) where a source states it; empty otherwise (see admin_status)",
    ),
    Column("location", "string", "the place's name"),
    Column("latitude", "number", "the place's WGS84 latitude"),
    Column("longitude", "number", "the place's WGS84 longitude"),
    Column(
        "geo_precision",
        "integer",
        "events.geo_precision, the event's own (1 at the place, 2 near it, 3 the region)",
    ),
    Column(
        "source",
        "string",
        "the distinct publishers of the event's sources (original_publisher, else publisher), '; '",
    ),
    Column(
        "source_scale",
        "string",
        "the scales of the sources' classes (docs/exports.md), narrowest first, joined with '-'",
    ),
    Column("notes", "string", "events.summary"),
    Column(
        "fatalities",
        "integer",
        "the lowest credible `killed` count, by the rule in docs/exports.md; 0 when none or only one party's claim",
    ),
    Column(
        "tags",
        "string",
        "'; '-separated: claim only, denied, approximate location, approximate date, date span, one party's fatality claim",
    ),
    Column(
        "timestamp",
        "integer",
        "the build time, fixed: datapackage.json's `created` as Unix seconds, the same for every row",
    ),
)
EXTRA_COLUMNS: tuple[Column, ...] = (
    Column(
        "event_id",
        "string",
        "OUR event id (events.event_id), not an ACLED column: kept so a row can be traced back",
    ),
    Column(
        "fatalities_basis",
        "string",
        "not an ACLED column: independent, corroborated, one_party_claim or none (docs/exports.md)",
    ),
    Column(
        "admin_status",
        "string",
        "not an ACLED column: places.admin_status, why admin2/admin3 are filled or empty (stated, "
        "district-stated, not-found, not-searched, above-district)",
    ),
)
COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS

SQL = """
SELECT e.event_id, e.event_date, e.end_date, e.date_precision, e.geo_precision, e.event_type, e.sub_event_type,
       e.civilian_targeting, e.place_name, e.admin1, e.admin2, e.admin3, e.admin_status, e.latitude, e.longitude, e.summary,
       (SELECT list({'role': x.role, 'name': a.name, 'actor_type': a.actor_type, 'side': a.side,
                     'country': a.country, 'acled_inter': a.acled_inter} ORDER BY a.name, a.actor_id)
        FROM event_actors x JOIN actors a USING (actor_id) WHERE x.event_id = e.event_id) AS actors,
       (SELECT list({'publisher': coalesce(s.original_publisher, s.publisher), 'source_type': s.source_type,
                     'stance': x.stance, 'claimant': c.name} ORDER BY s.source_id)
        FROM event_sources x JOIN sources s USING (source_id)
        LEFT JOIN actors c ON c.actor_id = x.claimant_actor_id
        WHERE x.event_id = e.event_id) AS sources
FROM events_enriched e
ORDER BY e.event_date, e.event_id
"""


def event_id_cnty(event_id: str) -> str:
    """ACLED's country-prefixed id from ours: 'EV-20241127-001' -> 'SYR20241127001' (one-to-one)."""
    return COUNTRY_ISO3 + "".join(ch for ch in event_id if ch.isdigit())


def _inter(actor: dict[str, Any]) -> int | None:
    return actor_inter(actor["actor_type"], actor["side"], actor["country"], actor["acled_inter"])


def _rank(actor: dict[str, Any]) -> tuple[int, str]:
    code = _inter(actor)
    return (code if code is not None else 99, actor["name"])


def split_roles(actors: list[dict[str, Any]]) -> dict[str, Any]:
    """actor1/actor2 as one actor each (lowest inter code, then name), the rest in assoc_actor_1/2."""
    by_role: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for a in actors:
        by_role[a["role"]].append(a)
    out: dict[str, Any] = {}
    for n in ("1", "2"):
        main = sorted(by_role[f"actor{n}"], key=_rank)
        first = main[0] if main else None
        assoc = sorted({a["name"] for a in main[1:] + by_role[f"assoc_actor{n}"]})
        out[f"actor{n}"] = first["name"] if first else None
        out[f"inter{n}_code"] = _inter(first) if first else None
        out[f"assoc_actor_{n}"] = "; ".join(assoc) or None
    return out


def tags(e: dict[str, Any], claim: str | None) -> str | None:
    sources = e["sources"] or []
    stances = {s["stance"] for s in sources}
    found = []
    if sources and "reports" not in stances:
        found.append("claim only")
    if "denies" in stances:
        deniers = sorted({s["claimant"] for s in sources if s["stance"] == "denies" and s["claimant"]})
        found.append("denied" + (f" by {', '.join(deniers)}" if deniers else ""))
    if e["geo_precision"] and e["geo_precision"] >= 2:
        found.append("approximate location")
    if e["date_precision"] and e["date_precision"] >= 2:
        found.append("approximate date")
    if e["end_date"] is not None:
        found.append(f"date span to {e['end_date'].isoformat()}")
    if claim:
        found.append(claim)
    return "; ".join(found) or None


def row(e: dict[str, Any], counts: list[Any], timestamp: int) -> dict[str, Any]:
    roles = split_roles(e["actors"] or [])
    inter1, inter2 = roles["inter1_code"], roles["inter2_code"]
    fatal = acled_fatalities(counts)
    claim = None
    if fatal.basis == "one_party_claim":
        claim = f"fatalities: {fatal.claimed} claimed by one party only ({', '.join(fatal.claimants)}), not counted"
    sources = e["sources"] or []
    return {
        "event_id_cnty": event_id_cnty(e["event_id"]),
        "event_date": e["event_date"],
        "year": e["event_date"].year,
        "time_precision": e["date_precision"],
        "disorder_type": DISORDER_TYPE_BY_SUB_EVENT.get(e["sub_event_type"]),
        "event_type": e["event_type"],
        "sub_event_type": e["sub_event_type"],
        "actor1": roles["actor1"],
        "assoc_actor_1": roles["assoc_actor_1"],
        "inter1": INTER_LABELS.get(inter1) if inter1 is not None else None,
        "actor2": roles["actor2"],
        "assoc_actor_2": roles["assoc_actor_2"],
        "inter2": INTER_LABELS.get(inter2) if inter2 is not None else None,
        # An actor2 without a code leaves the interaction unknown rather than one-sided.
        "interaction": None if roles["actor2"] and inter2 is None else interaction(inter1, inter2),
        "civilian_targeting": CIVILIAN_TARGETING if e["civilian_targeting"] else None,
        "iso": COUNTRY_ISO_NUMERIC,
        "region": ACLED_REGION,
        "country": COUNTRY_NAME,
        "admin1": e["admin1"],
        "admin2": e["admin2"],
        "admin3": e["admin3"],
        "location": e["place_name"],
        "latitude": e["latitude"],
        "longitude": e["longitude"],
        "geo_precision": e["geo_precision"],
        "source": "; ".join(sorted({s["publisher"] for s in sources})) or None,
        "source_scale": source_scale([s["source_type"] for s in sources]),
        "notes": e["summary"],
        "fatalities": fatal.fatalities,
        "tags": tags(e, claim),
        "timestamp": timestamp,
        "event_id": e["event_id"],
        "fatalities_basis": fatal.basis,
        "admin_status": e["admin_status"],
    }


def rows(con: duckdb.DuckDBPyConnection, package: Package) -> list[dict[str, Any]]:
    counts = claimant_counts(con)
    timestamp = build_timestamp(package)
    return [row(e, counts.get(e["event_id"], []), timestamp) for e in records(con, SQL)]


def write(con: duckdb.DuckDBPyConnection, package: Package, folder: Path) -> list[str]:
    data = rows(con, package)
    write_csv(folder / FILE_NAME, COLUMNS, data)
    basis: dict[str, int] = defaultdict(int)
    admin: dict[str, int] = defaultdict(int)
    for r in data:
        basis[r["fatalities_basis"]] += 1
        admin[r["admin_status"] or "no place"] += 1
    notes = [
        f"{len(data)} events, one row each (every event of the package).",
        "Fatalities by basis: " + ", ".join(f"{k} {v}" for k, v in sorted(basis.items())) + ".",
        f"timestamp is {build_timestamp(package)} for every row: datapackage.json's `created` "
        f"({package.descriptor.get('created')}), so the file is the same on every build of this version.",
        "admin2/admin3 by the place's admin_status: "
        + ", ".join(f"{k} {v}" for k, v in sorted(admin.items()))
        + ". Only a district or sub-district that a cited page states is filled; none is inferred from "
        "coordinates, and no OCHA p-code is given (the package holds none).",
    ]
    text = readme(
        title=f"events_acled.csv: the events in ACLED's export shape (package version {package.version})",
        codebook=CODEBOOK,
        columns=COLUMNS,
        data=data,
        notes=notes,
    )
    (folder / README_NAME).write_text(text, encoding="utf-8")
    return [FILE_NAME, README_NAME]
