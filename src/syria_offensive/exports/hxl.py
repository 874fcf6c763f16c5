"""The events as an HXL-tagged CSV (`events_hxl.csv`): the events_enriched columns people join on, a
header row, then a row of HXL hashtags (Humanitarian Exchange Language 1.1), then the data.

Every hashtag is from HXL's core dictionary, so the file passes libhxl's own validation (`hxl.validate`
with its default schema, which requires every #date cell to be a date): the date and location
precisions are #meta+precision+date and #meta+precision+geo (ACLED's 1-3 codes, not dates); codes use
HXL's vocabulary attributes (+v_iso3 for the country, +v_iso3166_2 for the governorate's ISO code).
Actors use HXL's core #group hashtag (+first/+second for ACLED's actor1/actor2, +assoc for their
associates); HXL has no #actor hashtag in its core dictionary. Fatalities use #affected+killed with
+min/+max for the derived low and high of the event_fatalities view.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from syria_offensive.access.table_csv import csv_text
from syria_offensive.exports import catalog
from syria_offensive.exports.tabular import COUNTRY_ISO3, COUNTRY_NAME, fetch
from syria_offensive.metadata.descriptor import Package

NAME = "hxl"
DESCRIPTION = catalog.FORMATS[NAME]
FILE_NAME = "events_hxl.csv"

# (column of the CSV, its HXL hashtag, SQL over events_enriched e giving its value)
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("event_id", "#event+id", "e.event_id"),
    ("event_date", "#date+occurred", "e.event_date"),
    ("end_date", "#date+end", "e.end_date"),
    ("date_precision", "#meta+precision+date", "e.date_precision"),
    ("event_type", "#event+type", "e.event_type"),
    ("sub_event_type", "#event+type+sub", "e.sub_event_type"),
    ("civilian_targeting", "#event+civilian_targeting", "e.civilian_targeting"),
    ("country", "#country+name", f"'{COUNTRY_NAME}'"),
    ("country_code", "#country+code+v_iso3", f"'{COUNTRY_ISO3}'"),
    ("admin1", "#adm1+name", "e.admin1"),
    ("admin1_pcode", "#adm1+code", "e.admin1_pcode"),
    ("iso_3166_2", "#adm1+code+v_iso3166_2", "e.iso_3166_2"),
    ("place_id", "#loc+code", "e.place_id"),
    ("place_name", "#loc+name", "e.place_name"),
    ("place_name_ar", "#loc+name+i_ar", "e.place_name_ar"),
    ("latitude", "#geo+lat", "e.latitude"),
    ("longitude", "#geo+lon", "e.longitude"),
    ("geo_precision", "#meta+precision+geo", "e.geo_precision"),
    ("actor1", "#group+name+first", "e.actor1"),
    ("assoc_actor1", "#group+name+first+assoc", "e.assoc_actor1"),
    ("actor2", "#group+name+second", "e.actor2"),
    ("assoc_actor2", "#group+name+second+assoc", "e.assoc_actor2"),
    ("killed_low", "#affected+killed+min", "e.killed_low"),
    ("killed_best", "#affected+killed", "e.killed_best"),
    ("killed_high", "#affected+killed+max", "e.killed_high"),
    ("source_count", "#meta+sources+num", "e.source_count"),
    ("summary", "#description", "e.summary"),
)


def write(con: duckdb.DuckDBPyConnection, package: Package, folder: Path) -> list[str]:
    select = ", ".join(f'{sql} AS "{name}"' for name, _, sql in COLUMNS)
    header, rows = fetch(con, f"SELECT {select} FROM events_enriched e ORDER BY e.event_date, e.event_id")
    text = csv_text(header, rows, extra_header_rows=[[tag for _, tag, _ in COLUMNS]])
    (folder / FILE_NAME).write_text(text, encoding="utf-8")
    return [FILE_NAME]
