"""Layer 3: rules that join tables (every event has a source and a main actor; a figure or a source
is not dated before what it speaks of; governorate codes agree) and membership chains without cycles."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from syria_offensive.metadata.descriptor import Package
from syria_offensive.problems import Problem
from syria_offensive.read.csv_load import ROW, LoadedTable
from syria_offensive.sql import hash_repeats, ident


@dataclass(frozen=True)
class CrossRule:
    table: str
    rule: str
    column: str
    needs: dict[str, tuple[str, ...]]  # table -> columns the query reads
    message: str
    sql: str  # selects (__row, value) of the rows that break the rule; {t} names a table's row view


# What makes a figure the same claim: everything but its id and the curator's note.
FIGURE_CLAIM = (
    "source_id",
    "claimant_actor_id",
    "event_id",
    "place_id",
    "reported_date",
    "period_start",
    "period_end",
    "measure",
    "population",
    "subject_actor_id",
    "qualifier",
    "value_low",
    "value_best",
    "value_high",
)

# What makes two figures the same statement, whoever carried it and whenever: the claim less its carrier.
STATEMENT = tuple(c for c in FIGURE_CLAIM if c not in ("source_id", "reported_date"))

# What keeps one series one count: its rows share these.
SERIES_SHARED = (
    "claimant_actor_id",
    "measure",
    "population",
    "subject_actor_id",
    "place_id",
    "event_id",
    "cumulative",
)

# Words by which an event's own summary places it near, around or in the countryside of its place: a
# preposition before the place's name, or an area word after it. A name followed by a capitalised word
# ("near Aleppo University") names something else, so the name must end at punctuation or a lowercase word.
_NEAR_BEFORE = (
    r"\b(?:near|nearby|around|outside|outskirts of|countryside of|vicinity of|edge of|"
    r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)? of)\s+(?:the\s+(?:city|town|village)\s+of\s+)?"
)
_NAME_ENDS = r"(?:[.,;:)]|\s+(?-i:[a-z(])|\s*$)"
_NEAR_AFTER = r"(?:'s)?\s+(?:countryside|outskirts|area|province|governorate|surroundings|suburbs|region)\b"
# "X and its countryside" includes X itself, so only "the outskirts of the city" counts, not "its outskirts".
_ITS_AREA = r"\b(?:outskirts|countryside) of the (?:city|town)\b"


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


_NAME = "regexp_escape(p.name)"
VAGUE_LOCATION_SQL = " || ".join(
    (
        _sql_text("(?i)" + _NEAR_BEFORE),
        _NAME,
        _sql_text(_NAME_ENDS + r"|\b"),
        _NAME,
        _sql_text(_NEAR_AFTER + "|" + _ITS_AREA),
    )
)

CROSS_RULES: tuple[CrossRule, ...] = (
    CrossRule(
        "events",
        "event-without-source",
        "event_id",
        {"events": ("event_id",), "event_sources": ("event_id",)},
        "the event has no row in event_sources: every event needs at least one source",
        "SELECT e.{row}, e.event_id FROM {events} e WHERE e.event_id IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM {event_sources} s WHERE s.event_id = e.event_id)",
    ),
    CrossRule(
        "events",
        "event-without-actor1",
        "event_id",
        {"events": ("event_id",), "event_actors": ("event_id", "role")},
        "the event has no actor with role actor1 in event_actors",
        "SELECT e.{row}, e.event_id FROM {events} e WHERE e.event_id IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM {event_actors} a WHERE a.event_id = e.event_id AND a.role = 'actor1')",
    ),
    CrossRule(
        "event_sources",
        "source-before-event",
        "source_id",
        {
            "event_sources": ("event_id", "source_id"),
            "events": ("event_id", "event_date"),
            "sources": ("source_id", "published_date"),
        },
        "the source was published before the event it reports took place",
        "SELECT x.{row}, x.source_id || ' published ' || s.published_date || ', event on ' || e.event_date "
        "FROM {event_sources} x JOIN {events} e ON e.event_id = x.event_id JOIN {sources} s ON s.source_id = x.source_id "
        "WHERE s.published_date < e.event_date",
    ),
    CrossRule(
        "figures",
        "figure-after-source",
        "reported_date",
        {"figures": ("source_id", "reported_date"), "sources": ("source_id", "published_date")},
        "the figure is dated after the source that reports it was published",
        "SELECT f.{row}, f.reported_date || ' > ' || s.published_date FROM {figures} f "
        "JOIN {sources} s ON s.source_id = f.source_id WHERE f.reported_date > s.published_date",
    ),
    CrossRule(
        "figures",
        "figure-before-event",
        "reported_date",
        {"figures": ("event_id", "reported_date"), "events": ("event_id", "event_date")},
        "the figure is about an event but was reported before the event began",
        "SELECT f.{row}, f.reported_date || ' < ' || e.event_date FROM {figures} f "
        "JOIN {events} e ON e.event_id = f.event_id WHERE f.reported_date < e.event_date",
    ),
    CrossRule(
        "figures",
        "duplicate-figure",
        "figure_id",
        {"figures": ("figure_id", *FIGURE_CLAIM)},
        "the figure repeats an earlier row's claim (same source, claimant, dates, measure and values): a double entry",
        "SELECT {row}, figure_id || ' repeats ' || first FROM (SELECT {row}, figure_id, "
        "first_value(figure_id) OVER (PARTITION BY " + ", ".join(FIGURE_CLAIM) + " ORDER BY {row}) AS first, "
        "row_number() OVER (PARTITION BY "
        + ", ".join(FIGURE_CLAIM)
        + " ORDER BY {row}) AS n FROM {figures} WHERE "
        + hash_repeats("{figures}", ", ".join(FIGURE_CLAIM))
        + ") WHERE n > 1",
    ),
    CrossRule(
        "events",
        "event-finer-than-place",
        "geo_precision",
        {"events": ("place_id", "geo_precision"), "places": ("place_id", "geo_precision")},
        "the event claims a finer location precision than its place's coordinates have",
        "SELECT e.{row}, e.geo_precision || ' at ' || p.place_id || ' (place precision ' || p.geo_precision || ')' "
        "FROM {events} e JOIN {places} p ON p.place_id = e.place_id WHERE e.geo_precision < p.geo_precision "
        # a place precision outside 1..3 is its own fault (maximum), not also this one
        "AND p.geo_precision BETWEEN 1 AND 3",
    ),
    CrossRule(
        "events",
        "vague-location-exact",
        "geo_precision",
        {"events": ("place_id", "geo_precision", "summary"), "places": ("place_id", "name")},
        "the summary places the event near, around or in the countryside of its place, "
        "but geo_precision says it happened at the place itself (use 2)",
        "SELECT e.{row}, regexp_extract(e.summary, " + VAGUE_LOCATION_SQL + ") FROM {events} e "
        "JOIN {places} p ON p.place_id = e.place_id "
        "WHERE e.geo_precision = 1 AND regexp_matches(e.summary, " + VAGUE_LOCATION_SQL + ")",
    ),
    CrossRule(
        "figures",
        "series-mixed",
        "series_id",
        {"figures": ("figure_id", "series_id", *SERIES_SHARED)},
        "the figure's claimant, measure, population, subject, scope or kind differs from the first row of its series",
        "SELECT {row}, series_id || ' vs ' || first FROM (SELECT {row}, series_id, "
        + " OR ".join(f"{c} IS DISTINCT FROM first_value({c}) OVER s" for c in SERIES_SHARED)
        + " AS differs, first_value(figure_id) OVER s AS first FROM {figures} WHERE series_id IS NOT NULL "
        "WINDOW s AS (PARTITION BY series_id ORDER BY reported_date, length(figure_id), figure_id)) WHERE differs",
    ),
    CrossRule(
        "figures",
        "series-order",
        "period_start",
        {"figures": ("figure_id", "series_id", "reported_date", "period_start", "period_end", "cumulative")},
        "a running count's update starts its count on another day than the series' first report, "
        "or covers days after the day it was given",
        "SELECT {row}, period_start || '..' || period_end || ' reported ' || reported_date FROM (SELECT {row}, "
        "period_start, period_end, reported_date, first_value(period_start) OVER (PARTITION BY series_id "
        "ORDER BY reported_date, length(figure_id), figure_id) AS first_start FROM {figures} "
        "WHERE series_id IS NOT NULL AND cumulative) "
        "WHERE period_start IS DISTINCT FROM first_start OR period_end > reported_date",
    ),
    CrossRule(
        "figures",
        "repeated-statement",
        "figure_id",
        {"figures": ("figure_id", "reported_date_basis", *FIGURE_CLAIM)},
        "the figure repeats an earlier row's statement (same claimant, period, measure and values) carried by "
        "another outlet the same day, or later with only the carrier's date: one statement is one row",
        "WITH c AS (SELECT * FROM {figures} WHERE "
        + hash_repeats("{figures}", ", ".join(STATEMENT))
        + ") SELECT l.{row}, l.figure_id || ' repeats ' || e.figure_id FROM c l JOIN c e ON "
        + " AND ".join(f"l.{c} IS NOT DISTINCT FROM e.{c}" for c in STATEMENT)
        + " AND (e.reported_date < l.reported_date OR (e.reported_date = l.reported_date AND "
        "(length(e.figure_id), e.figure_id) < (length(l.figure_id), l.figure_id))) "
        "AND e.source_id IS DISTINCT FROM l.source_id "
        "AND (e.reported_date = l.reported_date OR l.reported_date_basis = 'published') "
        "QUALIFY row_number() OVER (PARTITION BY l.figure_id ORDER BY e.reported_date, length(e.figure_id), e.figure_id) = 1",
    ),
    CrossRule(
        "sources",
        "undated-source-cited",
        "published_date",
        {
            "sources": ("source_id", "published_date"),
            "event_sources": ("source_id",),
            "figures": ("source_id",),
        },
        "the source has no published_date but events or figures cite it; only place references may be undated",
        "SELECT s.{row}, s.source_id FROM {sources} s WHERE s.published_date IS NULL AND (EXISTS "
        "(SELECT 1 FROM {event_sources} x WHERE x.source_id = s.source_id) OR EXISTS "
        "(SELECT 1 FROM {figures} f WHERE f.source_id = s.source_id))",
    ),
    CrossRule(
        "places",
        "governorate-codes",
        "admin1",
        {
            "places": ("admin1", "admin1_pcode", "iso_3166_2"),
            "governorates": ("admin1", "admin1_pcode", "iso_3166_2"),
        },
        "admin1 and iso_3166_2 disagree with the governorates row of this admin1_pcode",
        "SELECT p.{row}, p.admin1 || ' / ' || p.admin1_pcode || ' / ' || p.iso_3166_2 FROM {places} p "
        "JOIN {governorates} g ON g.admin1_pcode = p.admin1_pcode "
        "WHERE p.admin1 IS DISTINCT FROM g.admin1 OR p.iso_3166_2 IS DISTINCT FROM g.iso_3166_2",
    ),
    CrossRule(
        "places",
        "parent-governorate",
        "admin1_pcode",
        {"places": ("place_id", "parent_place_id", "admin1_pcode", "place_type")},
        "the place's governorate differs from its parent place's",
        "SELECT c.{row}, c.admin1_pcode || ' vs parent ' || p.place_id || ' ' || p.admin1_pcode FROM {places} c "
        "JOIN {places} p ON p.place_id = c.parent_place_id "
        "WHERE p.place_type NOT IN ('country', 'region') AND p.admin1_pcode IS NOT NULL AND c.admin1_pcode IS NOT NULL "
        "AND p.admin1_pcode <> c.admin1_pcode",
    ),
)

CYCLES = (
    ("actors", "actor_id", "parent_actor_id", "actor-parent-cycle"),
    ("places", "place_id", "parent_place_id", "place-parent-cycle"),
)


def _cycles(
    con: duckdb.DuckDBPyConnection, table: LoadedTable, key: str, parent: str
) -> list[tuple[int, str]]:
    rows = con.execute(
        f"SELECT {ROW}, {ident(key)}, {ident(parent)} FROM {table.view} WHERE {ident(parent)} IS NOT NULL"
    ).fetchall()
    parent_of = {k: p for _, k, p in rows if k is not None}
    row_of = {k: r for r, k, _ in rows}
    in_cycle: list[tuple[int, str]] = []
    for start in parent_of:
        seen = {start}
        node = parent_of.get(start)
        while node is not None and node not in seen:
            seen.add(node)
            node = parent_of.get(node)
        if node == start:
            chain = [start]
            nxt = parent_of[start]
            while nxt != start:
                chain.append(nxt)
                nxt = parent_of[nxt]
            in_cycle.append((row_of[start], " -> ".join([*chain, start])))
    return in_cycle


def check_cross_table(
    con: duckdb.DuckDBPyConnection,
    package: Package,
    tables: dict[str, LoadedTable],
    *,
    rules: tuple[CrossRule, ...] = CROSS_RULES,
    cycles: tuple[tuple[str, str, str, str], ...] = CYCLES,
) -> list[Problem]:
    """The problems of the cross-table rules and the parent-chain cycles (all, or those given)."""
    problems: list[Problem] = []
    for rule in rules:
        if not all(
            t in tables and all(c in tables[t].columns for c in cols) for t, cols in rule.needs.items()
        ):
            continue
        views = {t: tables[t].view for t in rule.needs}
        sql = rule.sql.format(row=ROW, **views)
        path = package.resources[rule.table].path
        for row, value in con.execute(sql).fetchall():
            problems.append(
                Problem(
                    path,
                    int(row),
                    rule.column,
                    rule.rule,
                    None if value is None else str(value),
                    rule.message,
                    "cross-table",
                )
            )
    for table_name, key, parent, rule_name in cycles:
        table = tables.get(table_name)
        if table is None or key not in table.columns or parent not in table.columns:
            continue
        for row, chain in _cycles(con, table, key, parent):
            problems.append(
                Problem(
                    package.resources[table_name].path,
                    row,
                    parent,
                    rule_name,
                    chain,
                    "the parent chain loops back to this row",
                    "cross-table",
                )
            )
    return problems
