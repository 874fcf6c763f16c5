"""Per-claimant death counts of each event, and the conservative count the ACLED export records.

`claimant_counts` applies steps 1 to 5 of the event_fatalities view (views/event_fatalities.sql) and
stops before step 6 merges the claimants, so an export can weigh who said what. `acled_fatalities` is
the export's rule (docs/exports.md, "ACLED fatalities"):

- only `killed` figures attached to the event count (never `injured` or `killed_or_injured`: ACLED
  counts fatalities, not casualties);
- each claimant's latest report, as in the event_fatalities view, gives that claimant's count, and the
  count's low-or-best (value_low, else value_best) is its most conservative reading;
- a claimant is *independent* when its side is `non_combatant` or `unaligned` (monitors, UN bodies,
  NGOs, media); otherwise it is a *party* (its `actors.side`);
- the counts are credible when an independent claimant gave one, or parties of two different sides
  did (one side's claim corroborated by the other's): the export records the lowest credible count;
- when every count comes from parties of one side (one party's uncorroborated claim), it is not
  counted: fatalities is 0, the row is tagged with the claimed number and the claimant, and
  `fatalities_basis` says `one_party_claim`;
- no `killed` figure: 0, ACLED's convention for "no report of fatalities" (`fatalities_basis` `none`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import duckdb

INDEPENDENT_SIDES = ("non_combatant", "unaligned")


@dataclass(frozen=True)
class ClaimantCount:
    event_id: str
    claimant_actor_id: str
    claimant_name: str
    claimant_side: str | None
    low: int | None  # low-or-best
    best: float | None
    high: int | None  # high-or-best

    @property
    def independent(self) -> bool:
        return self.claimant_side is None or self.claimant_side in INDEPENDENT_SIDES


@dataclass(frozen=True)
class AcledFatalities:
    fatalities: int
    basis: str  # independent, corroborated, one_party_claim, none
    claimed: int | None = None  # the uncounted claim, for one_party_claim
    claimants: tuple[str, ...] = ()


SQL = """
SELECT f.figure_id, f.event_id, f.claimant_actor_id, a.name AS claimant_name, a.side AS claimant_side,
       f.reported_date, f.population, f.subject_actor_id, f.value_low, f.value_best, f.value_high
FROM figures f JOIN actors a ON a.actor_id = f.claimant_actor_id
WHERE f.measure = 'killed' AND f.event_id IS NOT NULL
"""


def _figure_order(figure_id: str) -> tuple[int, str]:
    return (len(figure_id), figure_id)


def _sum(values: list[int | None]) -> int | None:
    return None if any(v is None for v in values) else sum(v for v in values if v is not None)


def claimant_counts(con: duckdb.DuckDBPyConnection) -> dict[str, list[ClaimantCount]]:
    """event_id -> the count of each claimant (steps 1-5 of the event_fatalities view)."""
    relation = con.sql(SQL)
    columns = list(relation.columns)
    figures = [dict(zip(columns, row, strict=True)) for row in relation.fetchall()]
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for f in figures:
        grouped[(f["event_id"], f["claimant_actor_id"])].append(f)
    out: dict[str, list[ClaimantCount]] = defaultdict(list)
    for (event_id, claimant), rows in sorted(grouped.items()):
        latest_date = max(f["reported_date"] for f in rows)
        parts: dict[tuple[str, str | None], dict[str, Any]] = {}
        for f in sorted(rows, key=lambda f: _figure_order(f["figure_id"])):
            if f["reported_date"] == latest_date and f["population"] != "children":
                parts[(f["population"], f["subject_actor_id"])] = f  # the last recorded wins
        whole = parts.get(("all", None))
        chosen = [whole] if whole is not None else list(parts.values())
        if not chosen:
            continue
        lows = [f["value_low"] if f["value_low"] is not None else f["value_best"] for f in chosen]
        highs = [f["value_high"] if f["value_high"] is not None else f["value_best"] for f in chosen]
        bests = [f["value_best"] for f in chosen]
        best = _sum(bests)
        out[event_id].append(
            ClaimantCount(
                event_id,
                claimant,
                chosen[0]["claimant_name"],
                chosen[0]["claimant_side"],
                _sum(lows),
                float(best) if best is not None else None,
                _sum(highs),
            )
        )
    return dict(out)


def acled_fatalities(counts: list[ClaimantCount]) -> AcledFatalities:
    """The ACLED export's conservative count from an event's claimant counts (module docstring)."""
    usable = [c for c in counts if c.low is not None]
    if not usable:
        return AcledFatalities(0, "none")
    names = tuple(sorted({c.claimant_name for c in usable}))
    party_sides = {c.claimant_side for c in usable if not c.independent}
    lowest = min(c.low for c in usable if c.low is not None)
    if any(c.independent for c in usable):
        return AcledFatalities(lowest, "independent", claimants=names)
    if len(party_sides) >= 2:
        return AcledFatalities(lowest, "corroborated", claimants=names)
    return AcledFatalities(0, "one_party_claim", claimed=lowest, claimants=names)
