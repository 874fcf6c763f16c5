"""Counts that tell how complete the curation is, per table and per day, against the curation targets."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from syria_offensive.metadata.descriptor import Package
from syria_offensive.metadata.vocabularies import TERRITORY_SUB_EVENTS
from syria_offensive.metadata.window import StudyWindow
from syria_offensive.read.csv_load import load_resource
from syria_offensive.read.files import check_file

# The curation targets of data 0.2.0 (issue 11; 0.1.0 asked for 200 events and 8 a day).
FIRST_DAYS = 4  # ACLED's count of captures covers 27-30 November
TARGETS = {
    "events": 1000,
    "events per day (minimum over the window)": 40,
    "captures or handovers of named places in the first four days": 200,
    "distinct places used by events": 150,
    "actors": 40,
    "sources": 80,
    "publishers": 25,
    "figures": 100,
    "figure claimants": 8,
    "events with two or more independent sources (%)": 33.4,
}


@dataclass
class Stats:
    measures: dict[str, float]
    per_day: list[tuple[str, int, int, int]]  # day, events, sources cited, figures reported

    def render(self) -> str:
        lines = ["measure                                              value   target  met"]
        for key, value in self.measures.items():
            target = TARGETS.get(key)
            met = "" if target is None else ("yes" if value >= target else "NO")
            shown = f"{value:.1f}" if isinstance(value, float) and not value.is_integer() else f"{int(value)}"
            lines.append(f"{key:<50} {shown:>8} {'' if target is None else f'{target:g}':>8}  {met}")
        lines.append("")
        lines.append("day          events  event-sources  figures")
        lines.extend(f"{d:<12} {e:>6} {s:>14} {f:>8}" for d, e, s, f in self.per_day)
        return "\n".join(lines)


def _one(con: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None) -> float:
    row = con.execute(sql, params or []).fetchone()
    return float(row[0]) if row and row[0] is not None else 0.0


def compute(package: Package, window: StudyWindow) -> Stats:
    con = duckdb.connect(":memory:")
    try:
        for res in package.resources.values():
            checked = check_file(res, package.root)
            if checked.header is not None:
                load_resource(con, res, package.root, checked.header, keep_raw=False, collect_rejects=False)
        m: dict[str, float] = {}
        for name in package.resources:
            m[f"rows in {name}"] = _one(con, f'SELECT count(*) FROM "{name}"')
        m["events"] = m["rows in events"]
        m["distinct places used by events"] = _one(con, "SELECT count(DISTINCT place_id) FROM events")
        m["actors"] = m["rows in actors"]
        m["sources"] = m["rows in sources"]
        m["publishers"] = _one(
            con, "SELECT count(DISTINCT coalesce(original_publisher, publisher)) FROM sources"
        )
        m["figures"] = m["rows in figures"]
        m["figure claimants"] = _one(con, "SELECT count(DISTINCT claimant_actor_id) FROM figures")
        m["events with two or more independent sources (%)"] = _one(
            con,
            """
            SELECT 100.0 * count(*) FILTER (WHERE n >= 2) / nullif(count(*), 0) FROM (
              SELECT e.event_id, count(DISTINCT coalesce(s.original_publisher, s.publisher)) AS n
              FROM events e LEFT JOIN event_sources x ON x.event_id = e.event_id LEFT JOIN sources s ON s.source_id = x.source_id
              GROUP BY e.event_id)""",
        )
        m["captures or handovers of named places in the first four days"] = _one(
            con,
            f"""
            SELECT count(*) FROM events e JOIN places p USING (place_id)
            WHERE e.sub_event_type IN ({", ".join(map(repr, TERRITORY_SUB_EVENTS))})
            AND p.place_type NOT IN ('country', 'governorate', 'region', 'district')
            AND e.event_date BETWEEN ?::DATE AND ?::DATE + INTERVAL {FIRST_DAYS - 1} DAY""",
            [window.start, window.start],
        )
        m["events carried only as a party's claim"] = _one(
            con,
            """
            SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_sources x WHERE x.event_id = e.event_id AND x.stance = 'reports')""",
        )
        m["events with a denial"] = _one(
            con, "SELECT count(DISTINCT event_id) FROM event_sources WHERE stance = 'denies'"
        )
        per_day = [
            (str(d), int(e), int(s), int(f))
            for d, e, s, f in con.execute(
                """
                WITH days AS (SELECT unnest(generate_series(?::DATE, ?::DATE, INTERVAL 1 DAY))::DATE AS d)
                SELECT d, (SELECT count(*) FROM events WHERE event_date = d),
                          (SELECT count(*) FROM event_sources x JOIN events e USING (event_id) WHERE e.event_date = d),
                          (SELECT count(*) FROM figures WHERE reported_date = d)
                FROM days ORDER BY d""",
                [window.start, window.end],
            ).fetchall()
        ]
        m["events per day (minimum over the window)"] = float(min((e for _, e, _, _ in per_day), default=0))
        return Stats(m, per_day)
    finally:
        con.close()
