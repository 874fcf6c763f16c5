"""The violent events as a UCDP GED-shaped CSV (`events_ucdp_ged.csv`), with GED's column names.

Rows: the events of ACLED types Battles, Explosions/Remote violence and Violence against civilians
(GED records organised violence only). type_of_violence: 3 (one-sided) for Violence against
civilians; otherwise 1 (state-based) when a main actor is a state actor, else 2 (non-state). A state
actor is one of type state_forces, or external_force with an ACLED code of 1 or 8, or government on
the government or external side. side_a is the state side's actors when there is one (GED's
convention), else actor1; side_b the other main actors ('Civilians' for one-sided violence when no
actor2 is coded). id is our stable event id; source_article lists the sources as
'publisher (date): title', joined with ' ; '; where_coordinates is the place's name; adm_1 its
governorate. best, low and high come from the event_fatalities view (empty when the package has no
`killed` figure for the event); deaths_civilians is its civilians_best. deaths_a, deaths_b and
deaths_unknown are left empty: the figures do not say which side's dead they are for most events.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from syria_offensive.access.table_csv import csv_text
from syria_offensive.exports import catalog
from syria_offensive.exports.tabular import COUNTRY_NAME, records
from syria_offensive.metadata.descriptor import Package

NAME = "ucdp"
DESCRIPTION = catalog.FORMATS[NAME]
FILE_NAME = "events_ucdp_ged.csv"

COLUMNS = (
    "id",
    "year",
    "type_of_violence",
    "side_a",
    "side_b",
    "source_article",
    "where_coordinates",
    "latitude",
    "longitude",
    "adm_1",
    "country",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
)
VIOLENT_EVENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")
ONE_SIDED = "Violence against civilians"

SQL = f"""
WITH main_actors AS (
    SELECT x.event_id, x.role, a.name,
           (a.actor_type = 'state_forces'
            OR (a.actor_type = 'external_force' AND a.acled_inter IN (1, 8))
            OR (a.actor_type = 'government' AND a.side IN ('government', 'external'))) AS is_state,
           a.actor_type = 'state_forces' AS is_syrian_state
    FROM event_actors x JOIN actors a USING (actor_id)
    WHERE x.role IN ('actor1', 'actor2')
),
sides AS (
    SELECT event_id,
           string_agg(name, '; ' ORDER BY name) FILTER (WHERE role = 'actor1') AS actor1,
           string_agg(name, '; ' ORDER BY name) FILTER (WHERE role = 'actor2') AS actor2,
           coalesce(bool_or(is_state) FILTER (WHERE role = 'actor1'), false) AS actor1_state,
           coalesce(bool_or(is_state) FILTER (WHERE role = 'actor2'), false) AS actor2_state,
           coalesce(bool_or(is_syrian_state) FILTER (WHERE role = 'actor1'), false) AS actor1_syrian_state,
           coalesce(bool_or(is_syrian_state) FILTER (WHERE role = 'actor2'), false) AS actor2_syrian_state
    FROM main_actors GROUP BY event_id
),
articles AS (
    SELECT x.event_id,
           string_agg(s.publisher || ' (' || strftime(s.published_date, '%Y-%m-%d') || '): ' || s.title, ' ; '
                      ORDER BY s.published_date, s.publisher, s.source_id) AS source_article
    FROM event_sources x JOIN sources s USING (source_id) GROUP BY x.event_id
)
SELECT e.event_id, e.event_date, e.end_date, e.event_type, e.place_name, e.latitude, e.longitude, e.admin1,
       s.actor1, s.actor2, s.actor1_state, s.actor2_state, s.actor1_syrian_state, s.actor2_syrian_state,
       a.source_article,
       f.low, f.best, f.high, f.civilians_best
FROM events_enriched e
LEFT JOIN sides s USING (event_id)
LEFT JOIN articles a USING (event_id)
LEFT JOIN event_fatalities f USING (event_id)
WHERE e.event_type IN {VIOLENT_EVENT_TYPES!r}
ORDER BY e.event_date, e.event_id
"""


def type_of_violence(e: dict[str, Any]) -> int:
    if e["event_type"] == ONE_SIDED:
        return 3
    return 1 if e["actor1_state"] or e["actor2_state"] else 2


def row(e: dict[str, Any]) -> dict[str, Any]:
    violence = type_of_violence(e)
    side_a, side_b = e["actor1"], e["actor2"]
    # GED's side_a is the government side; against a foreign state's forces, Syria's own stays side_a.
    if violence == 1 and (
        not e["actor1_state"] or (e["actor2_syrian_state"] and not e["actor1_syrian_state"])
    ):
        side_a, side_b = side_b, side_a
    if violence == 3 and side_b is None:
        side_b = "Civilians"
    return {
        "id": e["event_id"],
        "year": e["event_date"].year,
        "type_of_violence": violence,
        "side_a": side_a,
        "side_b": side_b,
        "source_article": e["source_article"],
        "where_coordinates": e["place_name"],
        "latitude": e["latitude"],
        "longitude": e["longitude"],
        "adm_1": e["admin1"],
        "country": COUNTRY_NAME,
        "date_start": e["event_date"],
        "date_end": e["end_date"] or e["event_date"],
        "deaths_civilians": e["civilians_best"],
        "best": e["best"],
        "high": e["high"],
        "low": e["low"],
    }


def write(con: duckdb.DuckDBPyConnection, package: Package, folder: Path) -> list[str]:
    rows = [row(e) for e in records(con, SQL)]
    text = csv_text(COLUMNS, ([r.get(c) for c in COLUMNS] for r in rows))
    (folder / FILE_NAME).write_text(text, encoding="utf-8")
    return [FILE_NAME]
