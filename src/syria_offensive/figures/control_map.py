"""Territorial changes day by day: a small-multiple map of the captures and handovers (territory_changes)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from syria_offensive.figures.boundaries import LAYER_NOTE, Outlines
from syria_offensive.figures.mapbase import draw_base, seats
from syria_offensive.figures.style import SIDE_COLOURS, SIDE_LABELS, finish, source_note

if TYPE_CHECKING:
    import duckdb
    from matplotlib.figure import Figure

NAME = "control_map"
TITLE = "Territorial changes day by day"
TABLES = "events, event_actors, actors, places, via the territory_changes view"
CAPTION = (
    "Events of sub-event type 'Non-state actor overtakes territory', 'Government regains territory' or "
    "'Non-violent transfer of territory', coloured by the side (actors.side) of actor1, the party that took "
    "the place.\nLarge, outlined: changes that day; small: the latest recorded change of each place before it. "
    "Places known only at governorate level (geo_precision 3) are left out. A place with no recorded change "
    "is not drawn: this is not a full control map.\n" + LAYER_NOTE
)
COLUMNS = 4


def side_of(sides: str | None) -> str:
    if not sides:
        return "unaligned"
    return "several" if ";" in sides else sides


def draw(con: duckdb.DuckDBPyConnection, version: str, layer: Outlines) -> Figure:
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    rows = con.execute(
        "SELECT event_date, place_id, longitude, latitude, taken_by_side FROM territory_changes "
        "WHERE geo_precision < 3 AND longitude IS NOT NULL ORDER BY event_date, event_id"
    ).fetchall()
    first, last = (min(r[0] for r in rows), max(r[0] for r in rows)) if rows else (None, None)
    days: list[dt.date] = []
    if first is not None and last is not None:
        days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    n_rows = max(1, -(-len(days) // COLUMNS))
    fig, axes = plt.subplots(
        n_rows, COLUMNS, figsize=(12.0, 3.2 * n_rows + 1.4), layout="constrained", squeeze=False
    )
    marks = seats(con)
    held: dict[str, tuple[float, float, str]] = {}
    used: set[str] = set()
    for i, ax in enumerate(axes.flat):
        if i >= len(days):
            ax.set_visible(False)
            continue
        day = days[i]
        draw_base(ax, layer, marks, labels=i == 0)
        ax.set_xticks([])
        ax.set_yticks([])
        before = list(held.values())
        if before:
            ax.scatter(
                [p[0] for p in before],
                [p[1] for p in before],
                s=6,
                c=[SIDE_COLOURS.get(p[2], "#777777") for p in before],
                alpha=0.55,
                linewidths=0,
                zorder=3,
            )
        today = [r for r in rows if r[0] == day]
        for _, place, x, y, sides in today:
            used.add(side_of(sides))
            held[place] = (x, y, side_of(sides))
        if today:
            ax.scatter(
                [r[2] for r in today],
                [r[3] for r in today],
                s=26,
                c=[SIDE_COLOURS.get(side_of(r[4]), "#777777") for r in today],
                edgecolors="black",
                linewidths=0.5,
                zorder=4,
            )
        ax.set_title(f"{day:%a %d %b}: {len(today)} change{'s' if len(today) != 1 else ''}", fontsize=9)
    handles = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            color=SIDE_COLOURS[s],
            markeredgecolor="black",
            label=SIDE_LABELS[s],
        )
        for s in SIDE_COLOURS
        if s in used
    ]
    fig.legend(
        handles=handles, loc="outside upper right", ncols=len(handles), title="taken by (side of actor1)"
    )
    finish(fig, TITLE, source_note(version, TABLES), CAPTION)
    return fig
