"""The violent events GED would code, as a UCDP GED-shaped CSV (`events_ucdp_ged.csv`) with its README.

All 49 columns of UCDP GED's event file, in its order (GED 24.1/25.1, as UCDP's GedDb schema lists them),
with GED's types, names and codes. Rows: the events GED would code (organised violence with at least one
reported death): event types Battles, Explosions/Remote violence and Violence against civilians whose
event_fatalities best is at least 1. The README beside the CSV says how many events were left out, and
why. Every rule is in docs/exports.md; each column's source is in COLUMNS below.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb

from syria_offensive.exports import catalog
from syria_offensive.exports.columns import Column, readme, write_csv
from syria_offensive.exports.tabular import ACLED_REGION, COUNTRY_NAME, records
from syria_offensive.metadata.descriptor import Package

NAME = "ucdp"
DESCRIPTION = catalog.FORMATS[NAME]
FILE_NAME = "events_ucdp_ged.csv"
README_NAME = "events_ucdp_ged_README.md"
CODEBOOK = "UCDP Georeferenced Event Dataset (GED) Global version 24.1 / 25.1, 49 columns"

VIOLENT_EVENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")
ONE_SIDED = "Violence against civilians"
GW_SYRIA = 652  # Gleditsch-Ward code of Syria, GED's country_id
# UCDP's own names and ids, as a stored GED record shows them (docs/exports.md, "UCDP ids"): only these.
UCDP_GOVERNMENT_OF_SYRIA = "Government of Syria"
UCDP_GOVERNMENT_OF_SYRIA_ID = 118  # side_a_new_id
UCDP_SYRIA_GOVERNMENT_CONFLICT = (299, "Syria: Government")  # conflict_new_id, conflict_name

COLUMNS: tuple[Column, ...] = (
    Column(
        "id",
        "integer",
        "the digits of our event_id (EV-20241127-001 -> 20241127001), far above GED's own ids",
    ),
    Column("relid", "string", "our event_id (events.event_id)"),
    Column("year", "integer", "the year of date_start"),
    Column("active_year", "boolean", "EMPTY: whether the dyad reached 25 deaths in the year is UCDP's call"),
    Column("code_status", "string", "EMPTY: UCDP's coding status"),
    Column("type_of_violence", "integer", "1 state-based, 2 non-state, 3 one-sided (docs/exports.md)"),
    Column("conflict_dset_id", "string", "EMPTY: not verified"),
    Column(
        "conflict_new_id",
        "integer",
        "299 ('Syria: Government') for state-based events of the Government of Syria against the opposition; else empty",
    ),
    Column("conflict_name", "string", "'Syria: Government' with conflict_new_id 299; else empty"),
    Column("dyad_dset_id", "string", "EMPTY: not verified"),
    Column("dyad_new_id", "integer", "EMPTY: UCDP's dyads for the 2024 opposition groups are not verified"),
    Column("dyad_name", "string", "side_a - side_b, as GED writes it"),
    Column("side_a_dset_id", "string", "EMPTY: not verified"),
    Column("side_a_new_id", "integer", "118 when side_a is the Government of Syria; else empty"),
    Column(
        "side_a",
        "string",
        "the state side (Syria's own forces named 'Government of Syria', UCDP's name), else actor1",
    ),
    Column("side_b_dset_id", "string", "EMPTY: not verified"),
    Column("side_b_new_id", "integer", "EMPTY: not verified"),
    Column("side_b", "string", "the other main actors, '; '; 'Civilians' for one-sided violence"),
    Column("number_of_sources", "integer", "the event's sources (events_enriched.source_count)"),
    Column("source_article", "string", "each source as 'publisher,YYYY-MM-DD,title', joined with ';'"),
    Column("source_office", "string", "the sources' publishers (original_publisher, else publisher), ';'"),
    Column("source_date", "string", "the sources' published dates, ';'"),
    Column("source_headline", "string", "the sources' titles, ';'"),
    Column(
        "source_original",
        "string",
        "whose claim or denial the sources carry, else the original publisher, ';'",
    ),
    Column("where_prec", "integer", "from the event's geo_precision and place type (docs/exports.md table)"),
    Column("where_coordinates", "string", "the place's name"),
    Column("where_description", "string", "'[near ]<place> (<place type>), <governorate>'"),
    Column("adm_1", "string", "the place's governorate with ' governorate' (GED's style)"),
    Column(
        "adm_2",
        "string",
        "the place's district with ' district' (GED's style) where a source states it (places.admin2); "
        "empty otherwise, the reason in places.admin_status",
    ),
    Column("latitude", "number", "the place's WGS84 latitude"),
    Column("longitude", "number", "the place's WGS84 longitude"),
    Column("geom_wkt", "string", "'POINT (longitude latitude)'"),
    Column("priogrid_gid", "integer", "PRIO-GRID cell: floor((lat+90)*2)*720 + floor((lon+180)*2) + 1"),
    Column("country", "string", "'Syria'"),
    Column("country_id", "integer", "652, Syria's Gleditsch-Ward code"),
    Column("region", "string", "'Middle East'"),
    Column("event_clarity", "integer", "1, or 2 when carried only as claims or located only to the region"),
    Column("date_prec", "integer", "from date_precision and the span's length (docs/exports.md table)"),
    Column("date_start", "date", "events.event_date"),
    Column("date_end", "date", "events.end_date, else event_date"),
    Column(
        "deaths_a",
        "integer",
        "side A's combatants killed: the median over claimants of their latest combatant figures whose "
        "subject actor is on side A's side; 0 when no figure says (docs/exports.md)",
    ),
    Column("deaths_b", "integer", "side B's, as deaths_a"),
    Column(
        "deaths_civilians",
        "integer",
        "the civilian deaths (event_fatalities civilians_best, rounded down), at most best",
    ),
    Column("deaths_unknown", "integer", "best - deaths_civilians - deaths_a - deaths_b"),
    Column("best", "integer", "event_fatalities best, rounded down (the median of the claimants)"),
    Column("high", "integer", "event_fatalities high, else best"),
    Column("low", "integer", "event_fatalities low, else best"),
    Column("gwnoa", "string", "'652' when side_a is the Government of Syria; else empty"),
    Column("gwnob", "string", "'652' when side_b is the Government of Syria; else empty"),
)

SQL = """
WITH main_actors AS (
    SELECT x.event_id, x.role, a.name, a.side, a.actor_type, a.country,
           (a.actor_type = 'state_forces'
            OR (a.actor_type = 'external_force' AND a.acled_inter IN (1, 8))
            OR (a.actor_type = 'government' AND a.side IN ('government', 'external'))) AS is_state,
           (a.country = 'SY' AND a.side = 'government'
            AND a.actor_type IN ('state_forces', 'government')) AS is_syrian_state
    FROM event_actors x JOIN actors a USING (actor_id)
    WHERE x.role IN ('actor1', 'actor2')
),
sides AS (
    SELECT event_id,
           list({'name': name, 'syrian_state': is_syrian_state, 'side': side} ORDER BY name)
               FILTER (WHERE role = 'actor1') AS actor1,
           list({'name': name, 'syrian_state': is_syrian_state, 'side': side} ORDER BY name)
               FILTER (WHERE role = 'actor2') AS actor2,
           coalesce(bool_or(is_state) FILTER (WHERE role = 'actor1'), false) AS actor1_state,
           coalesce(bool_or(is_state) FILTER (WHERE role = 'actor2'), false) AS actor2_state,
           coalesce(bool_or(is_syrian_state) FILTER (WHERE role = 'actor1'), false) AS actor1_syrian_state,
           coalesce(bool_or(is_syrian_state) FILTER (WHERE role = 'actor2'), false) AS actor2_syrian_state
    FROM main_actors GROUP BY event_id
),
articles AS (
    SELECT x.event_id,
           list({'publisher': coalesce(s.original_publisher, s.publisher), 'date': s.published_date,
                  'title': s.title, 'stance': x.stance, 'claimant': c.name,
                  'original': s.original_publisher}
                ORDER BY s.published_date, s.source_id) AS sources
    FROM event_sources x JOIN sources s USING (source_id)
    LEFT JOIN actors c ON c.actor_id = x.claimant_actor_id
    GROUP BY x.event_id
),
-- Combatant deaths by the side of their subject actor, from each claimant's latest report (the same
-- latest report and the same one-figure-per-part rule as the event_fatalities view).
latest_killed AS (
    SELECT * FROM figures WHERE measure = 'killed' AND event_id IS NOT NULL
    QUALIFY reported_date = max(reported_date) OVER (PARTITION BY event_id, claimant_actor_id)
),
combatant_parts AS (
    SELECT * FROM latest_killed
    WHERE population = 'combatants' AND subject_actor_id IS NOT NULL
      AND coalesce(value_best, value_low) IS NOT NULL
    QUALIFY row_number() OVER (
        PARTITION BY event_id, claimant_actor_id, subject_actor_id ORDER BY length(figure_id) DESC, figure_id DESC
    ) = 1
),
side_deaths AS (
    SELECT c.event_id,
           list({'claimant': c.claimant_actor_id, 'side': a.side, 'n': coalesce(c.value_best, c.value_low)}
                ORDER BY c.claimant_actor_id, c.figure_id) AS parts
    FROM combatant_parts c JOIN actors a ON a.actor_id = c.subject_actor_id
    GROUP BY c.event_id
)
SELECT e.event_id, e.event_date, e.end_date, e.date_precision, e.geo_precision, e.event_type,
       e.place_name, e.place_type, e.latitude, e.longitude, e.admin1, e.admin2, e.source_count, e.reports,
       s.actor1, s.actor2, s.actor1_state, s.actor2_state, s.actor1_syrian_state, s.actor2_syrian_state,
       a.sources, f.low, f.best, f.high, f.civilians_best, d.parts AS side_deaths
FROM events_enriched e
LEFT JOIN sides s USING (event_id)
LEFT JOIN articles a USING (event_id)
LEFT JOIN side_deaths d USING (event_id)
LEFT JOIN event_fatalities f USING (event_id)
ORDER BY e.event_date, e.event_id
"""


def priogrid_gid(latitude: float, longitude: float) -> int:
    """PRIO-GRID's cell id: 0.5-degree cells numbered row by row from (-90, -180), starting at 1."""
    row = min(math.floor((latitude + 90) * 2), 359)
    col = min(math.floor((longitude + 180) * 2), 719)
    return row * 720 + col + 1


def where_prec(geo_precision: int | None, place_type: str | None) -> int:
    """GED's where_prec (1 exact ... 6 country) from the event's geo precision and its place's type."""
    if place_type == "country":
        return 6
    if place_type == "road":
        return 5
    if geo_precision == 1:
        return 1
    if geo_precision == 2:
        return 2
    if place_type == "district":
        return 3
    return 4


def date_prec(date_precision: int, days: int) -> int:
    """GED's date_prec (1 the day ... 5 within the year) from date_precision and the span's length in days."""
    if date_precision == 1:
        return 1
    if date_precision == 3:
        return 4 if days <= 31 else 5
    if days <= 1:
        return 1
    if days <= 6:
        return 2
    if days == 7:
        return 3
    return 4 if days <= 31 else 5


def type_of_violence(e: dict[str, Any]) -> int:
    if e["event_type"] == ONE_SIDED:
        return 3
    return 1 if e["actor1_state"] or e["actor2_state"] else 2


def _side_names(actors: list[dict[str, Any]] | None) -> str | None:
    if not actors:
        return None
    names = {UCDP_GOVERNMENT_OF_SYRIA if a["syrian_state"] else a["name"] for a in actors}
    return "; ".join(sorted(names))


def side_deaths(
    parts: list[dict[str, Any]] | None,
    side_a: list[dict[str, Any]] | None,
    side_b: list[dict[str, Any]] | None,
    room: int,
) -> tuple[int, int]:
    """deaths_a and deaths_b: the median over claimants of the combatants they say were killed on each side.

    A combatant figure counts for side A when its subject actor's side is the side of side A's actors and
    not of side B's (and the other way round); any other is left in deaths_unknown. Both are bounded by
    `room` (best less the civilians), side A first, so that the four death columns add up to best.
    """
    sides_a = {a["side"] for a in side_a or []}
    sides_b = {a["side"] for a in side_b or []}
    by_claimant: dict[str, list[int]] = {}
    for part in parts or []:
        counts = by_claimant.setdefault(part["claimant"], [0, 0])
        in_a, in_b = part["side"] in sides_a, part["side"] in sides_b
        if in_a != in_b:
            counts[0 if in_a else 1] += int(part["n"])
    if not by_claimant:
        return 0, 0
    a = math.floor(statistics.median(c[0] for c in by_claimant.values()))
    b = math.floor(statistics.median(c[1] for c in by_claimant.values()))
    a = min(a, room)
    return a, min(b, room - a)


def _joined(values: list[Any]) -> str | None:
    texts = [str(v) for v in values if v is not None and v != ""]
    return ";".join(texts) or None


def row(e: dict[str, Any]) -> dict[str, Any]:
    violence = type_of_violence(e)
    side_a, side_b = e["actor1"], e["actor2"]
    a_syrian, b_syrian = e["actor1_syrian_state"], e["actor2_syrian_state"]
    # GED's side_a is the government side; against a foreign state's forces, Syria's own stays side_a.
    if violence == 1 and (not e["actor1_state"] or (b_syrian and not a_syrian)):
        side_a, side_b = side_b, side_a
        a_syrian, b_syrian = b_syrian, a_syrian
    side_a_name, side_b_name = _side_names(side_a), _side_names(side_b)
    if violence == 3 and side_b_name is None:
        side_b_name = "Civilians"
    gov_a = side_a_name == UCDP_GOVERNMENT_OF_SYRIA
    against_opposition = bool(side_b) and all(a["side"] == "opposition" for a in side_b or [])
    conflict = UCDP_SYRIA_GOVERNMENT_CONFLICT if violence == 1 and gov_a and against_opposition else None
    sources = e["sources"] or []
    originals = sorted({s["claimant"] or s["original"] for s in sources if s["claimant"] or s["original"]})
    best = math.floor(e["best"])
    civilians = min(math.floor(e["civilians_best"]), best) if e["civilians_best"] is not None else 0
    deaths_a, deaths_b = side_deaths(e["side_deaths"], side_a, side_b, best - civilians)
    end = e["end_date"] or e["event_date"]
    days = (end - e["event_date"]).days + 1
    lat, lon = e["latitude"], e["longitude"]
    near = "near " if e["geo_precision"] == 2 else ""
    digits = "".join(ch for ch in e["event_id"] if ch.isdigit())
    return {
        "id": int(digits),
        "relid": e["event_id"],
        "year": e["event_date"].year,
        "type_of_violence": violence,
        "conflict_new_id": conflict[0] if conflict else None,
        "conflict_name": conflict[1] if conflict else None,
        "dyad_name": f"{side_a_name} - {side_b_name}" if side_a_name and side_b_name else None,
        "side_a_new_id": UCDP_GOVERNMENT_OF_SYRIA_ID if gov_a else None,
        "side_a": side_a_name,
        "side_b": side_b_name,
        "number_of_sources": e["source_count"],
        "source_article": _joined(
            [f"{s['publisher']},{s['date'].isoformat() if s['date'] else ''},{s['title']}" for s in sources]
        ),
        "source_office": _joined([s["publisher"] for s in sources]),
        "source_date": _joined([s["date"].isoformat() if s["date"] else None for s in sources]),
        "source_headline": _joined([s["title"] for s in sources]),
        "source_original": _joined(originals),
        "where_prec": where_prec(e["geo_precision"], e["place_type"]),
        "where_coordinates": e["place_name"],
        "where_description": f"{near}{e['place_name']} ({e['place_type']})"
        + (f", {e['admin1']}" if e["admin1"] else ""),
        "adm_1": f"{e['admin1']} governorate" if e["admin1"] else None,
        "adm_2": f"{e['admin2']} district" if e["admin2"] else None,
        "latitude": lat,
        "longitude": lon,
        "geom_wkt": f"POINT ({lon} {lat})" if lat is not None and lon is not None else None,
        "priogrid_gid": priogrid_gid(lat, lon) if lat is not None and lon is not None else None,
        "country": COUNTRY_NAME,
        "country_id": GW_SYRIA,
        "region": ACLED_REGION,
        "event_clarity": 2 if e["reports"] == 0 or e["geo_precision"] == 3 else 1,
        "date_prec": date_prec(e["date_precision"], days),
        "date_start": e["event_date"],
        "date_end": end,
        "deaths_a": deaths_a,
        "deaths_b": deaths_b,
        "deaths_civilians": civilians,
        "deaths_unknown": best - civilians - deaths_a - deaths_b,
        "best": best,
        "high": e["high"] if e["high"] is not None else best,
        "low": e["low"] if e["low"] is not None else best,
        "gwnoa": str(GW_SYRIA) if gov_a else None,
        "gwnob": str(GW_SYRIA) if side_b_name == UCDP_GOVERNMENT_OF_SYRIA else None,
    }


def exclusion(e: dict[str, Any]) -> str | None:
    """Why GED would not code the event, or None when it would."""
    if e["event_type"] not in VIOLENT_EVENT_TYPES:
        return "not organised violence (event type Protests, Riots or Strategic developments)"
    if e["best"] is None:
        return "no reported death (no `killed` figure attached to the event)"
    if math.floor(e["best"]) < 1:
        return "fewer than one death by the best estimate"
    return None


def rows(con: duckdb.DuckDBPyConnection) -> tuple[list[dict[str, Any]], Counter[str]]:
    kept, left_out = [], Counter[str]()
    for e in records(con, SQL):
        reason = exclusion(e)
        if reason is None:
            kept.append(row(e))
        else:
            left_out[reason] += 1
    return kept, left_out


def write(con: duckdb.DuckDBPyConnection, package: Package, folder: Path) -> list[str]:
    data, left_out = rows(con)
    write_csv(folder / FILE_NAME, COLUMNS, data)
    total = len(data) + sum(left_out.values())
    notes = [
        f"{len(data)} of the package's {total} events, those GED would code: organised violence (Battles, "
        "Explosions/Remote violence, Violence against civilians) with at least one reported death.",
        *(f"Left out, {reason}: {count} events." for reason, count in sorted(left_out.items())),
        f"adm_2 is filled in {sum(1 for r in data if r['adm_2'])} of {len(data)} rows: only where a cited page "
        "states the place's district (places.admin2); places.admin_status says why the rest are empty.",
        "UCDP ids: only those verified from a stored GED record are filled (Government of Syria, side id 118; "
        "conflict 299 'Syria: Government'); every other UCDP id is empty.",
    ]
    text = readme(
        title=f"events_ucdp_ged.csv: the events GED would code, in GED's shape (package version {package.version})",
        codebook=CODEBOOK,
        columns=COLUMNS,
        data=data,
        notes=notes,
    )
    (folder / README_NAME).write_text(text, encoding="utf-8")
    return [FILE_NAME, README_NAME]
