"""The events as an ACLED-shaped CSV (`events_acled.csv`): ACLED's columns, in ACLED's order, with
ACLED's vocabulary, so the rows stack with an ACLED export.

Filled from the package: event_id_cnty (our stable event id), event_date, year, time_precision
(date_precision), disorder_type (from the sub-event type), event_type, sub_event_type, actor1,
assoc_actor_1, actor2, assoc_actor_2 (actor names, several joined with '; '), inter1/inter2 (the
text label of the first listed actor's ACLED code), interaction, civilian_targeting, iso, region,
country, admin1, location, latitude, longitude, geo_precision, source (distinct original publishers,
'; '), notes (the summary) and fatalities (the event_fatalities low value, ACLED's most conservative
estimate; 0 when the package has none, as ACLED records no information). Left empty, because the
package does not record them: admin2, admin3, source_scale, tags, timestamp.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from syria_offensive.access.table_csv import csv_text
from syria_offensive.exports import catalog
from syria_offensive.exports.acled_vocabulary import (
    CIVILIAN_TARGETING,
    DISORDER_TYPE_BY_SUB_EVENT,
    INTER_LABELS,
    interaction,
)
from syria_offensive.exports.tabular import ACLED_REGION, COUNTRY_ISO_NUMERIC, COUNTRY_NAME, records
from syria_offensive.metadata.descriptor import Package

NAME = "acled"
DESCRIPTION = catalog.FORMATS[NAME]
FILE_NAME = "events_acled.csv"

COLUMNS = (
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
)

SQL = """
SELECT e.*,
       (SELECT a.acled_inter FROM event_actors x JOIN actors a USING (actor_id)
        WHERE x.event_id = e.event_id AND x.role = 'actor1' ORDER BY a.name LIMIT 1) AS inter1_code,
       (SELECT a.acled_inter FROM event_actors x JOIN actors a USING (actor_id)
        WHERE x.event_id = e.event_id AND x.role = 'actor2' ORDER BY a.name LIMIT 1) AS inter2_code,
       (SELECT string_agg(DISTINCT coalesce(s.original_publisher, s.publisher), '; '
                          ORDER BY coalesce(s.original_publisher, s.publisher))
        FROM event_sources x JOIN sources s USING (source_id) WHERE x.event_id = e.event_id) AS source
FROM events_enriched e
ORDER BY e.event_date, e.event_id
"""


def row(e: dict[str, Any]) -> dict[str, Any]:
    inter1, inter2 = e["inter1_code"], e["inter2_code"]
    return {
        "event_id_cnty": e["event_id"],
        "event_date": e["event_date"],
        "year": e["event_date"].year,
        "time_precision": e["date_precision"],
        "disorder_type": DISORDER_TYPE_BY_SUB_EVENT.get(e["sub_event_type"]),
        "event_type": e["event_type"],
        "sub_event_type": e["sub_event_type"],
        "actor1": e["actor1"],
        "assoc_actor_1": e["assoc_actor1"],
        "inter1": INTER_LABELS.get(inter1) if inter1 is not None else None,
        "actor2": e["actor2"],
        "assoc_actor_2": e["assoc_actor2"],
        "inter2": INTER_LABELS.get(inter2) if inter2 is not None else None,
        # An actor2 without an ACLED code leaves the interaction unknown rather than one-sided.
        "interaction": None if e["actor2"] and inter2 is None else interaction(inter1, inter2),
        "civilian_targeting": CIVILIAN_TARGETING if e["civilian_targeting"] else None,
        "iso": COUNTRY_ISO_NUMERIC,
        "region": ACLED_REGION,
        "country": COUNTRY_NAME,
        "admin1": e["admin1"],
        "location": e["place_name"],
        "latitude": e["latitude"],
        "longitude": e["longitude"],
        "geo_precision": e["geo_precision"],
        "source": e["source"],
        "notes": e["summary"],
        "fatalities": e["killed_low"] if e["killed_low"] is not None else 0,
    }


def write(con: duckdb.DuckDBPyConnection, package: Package, folder: Path) -> list[str]:
    rows = [row(e) for e in records(con, SQL)]
    text = csv_text(COLUMNS, ([r.get(c) for c in COLUMNS] for r in rows))
    (folder / FILE_NAME).write_text(text, encoding="utf-8")
    return [FILE_NAME]
