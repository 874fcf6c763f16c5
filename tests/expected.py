"""Expected values computed straight from the CSV files with the csv module, independently of DuckDB and
of the package's SQL, so that tests of views and exports compare two separate computations."""

from __future__ import annotations

import csv
import statistics
from collections import defaultdict
from pathlib import Path

TERRITORY_SUB_EVENTS = (
    "Non-state actor overtakes territory",
    "Government regains territory",
    "Non-violent transfer of territory",
)


def rows(root: Path, table: str) -> list[dict[str, str]]:
    with (root / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def by_key(root: Path, table: str, key: str) -> dict[str, dict[str, str]]:
    return {r[key]: r for r in rows(root, table)}


def integer(text: str) -> int | None:
    return int(text) if text.strip() else None


def names_by_role(root: Path) -> dict[str, dict[str, list[str]]]:
    """event_id -> role -> actor names sorted (as the views join them)."""
    actors = by_key(root, "actors", "actor_id")
    out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in rows(root, "event_actors"):
        out[r["event_id"]][r["role"]].append(actors[r["actor_id"]]["name"])
    for roles in out.values():
        for names in roles.values():
            names.sort()
    return out


def joined(names: list[str] | None) -> str | None:
    return "; ".join(names) if names else None


def _figure_order(figure_id: str) -> tuple[int, str]:
    return (len(figure_id), figure_id)


def event_fatalities(root: Path) -> dict[str, dict[str, object]]:
    """The documented rule of views/event_fatalities.sql, step by step, in plain Python."""
    killed = [f for f in rows(root, "figures") if f["measure"] == "killed" and f["event_id"]]
    by_claimant: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for f in killed:
        by_claimant[(f["event_id"], f["claimant_actor_id"])].append(f)
    per_event: dict[str, list[tuple[int | None, float | None, int | None, list[str]]]] = defaultdict(list)
    civilians: dict[str, list[float]] = defaultdict(list)
    for (event, _claimant), figures in by_claimant.items():
        latest_date = max(f["reported_date"] for f in figures)
        latest = [f for f in figures if f["reported_date"] == latest_date and f["population"] != "children"]
        parts: dict[tuple[str, str], dict[str, str]] = {}
        for f in sorted(latest, key=lambda f: _figure_order(f["figure_id"])):
            parts[(f["population"], f["subject_actor_id"])] = f  # the last recorded wins
        civ = parts.get(("civilians", ""))
        if civ is not None and civ["value_best"]:
            civilians[event].append(float(civ["value_best"]))
        whole = parts.get(("all", ""))
        chosen = [whole] if whole is not None else [f for k, f in parts.items() if k != ("all", "")]
        if not chosen:
            continue

        def bound(f: dict[str, str], first: str) -> int | None:
            value = integer(f[first])
            return value if value is not None else integer(f["value_best"])

        lows = [bound(f, "value_low") for f in chosen]
        highs = [bound(f, "value_high") for f in chosen]
        bests = [integer(f["value_best"]) for f in chosen]
        low = None if None in lows else sum(v for v in lows if v is not None)
        high = None if None in highs else sum(v for v in highs if v is not None)
        best = None if None in bests else float(sum(v for v in bests if v is not None))
        per_event[event].append((low, best, high, [f["figure_id"] for f in chosen]))
    out: dict[str, dict[str, object]] = {}
    for event, counts in per_event.items():
        lows = [c[0] for c in counts if c[0] is not None]
        bests = [c[1] for c in counts if c[1] is not None]
        highs = [c[2] for c in counts if c[2] is not None]
        out[event] = {
            "claimants": len(counts),
            "low": min(lows) if lows else None,
            "best": statistics.median(bests) if bests else None,
            "high": max(highs) if highs else None,
            "civilians_best": statistics.median(civilians[event]) if civilians[event] else None,
            "figure_ids": sorted(fid for c in counts for fid in c[3]),
        }
    return out
