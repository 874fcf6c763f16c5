"""Running casualty tolls per claimant on one time axis (the claim_series view)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from syria_offensive.figures.series import Point, date_axis, group, plot_series
from syria_offensive.figures.style import PALETTE, WIDTH, finish, source_note

if TYPE_CHECKING:
    import duckdb
    from matplotlib.figure import Figure

NAME = "casualty_tolls"
TITLE = "Running casualty tolls, as each claimant reported them"
TABLES = "figures, actors, places, via the claim_series view"
CAPTION = (
    "Each line is one running count (series_id), each point one reported figure (best value, or the upper "
    "bound); vertical bars span low-high. Log scale. Claims are not reconciled."
)
MEASURES = {"killed": "o", "injured": "^", "killed_or_injured": "s"}


def draw(con: duckdb.DuckDBPyConnection, version: str) -> Figure:
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    rows = con.execute(
        "SELECT series_id, claimant, measure, reported_date, value_low, value_best, value_high "
        "FROM claim_series WHERE measure IN ('killed', 'injured', 'killed_or_injured') "
        "ORDER BY claimant, series_id, point"
    ).fetchall()
    points = [Point(*r) for r in rows]
    claimants = sorted({p.claimant for p in points})
    colours = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(claimants)}
    fig, ax = plt.subplots(figsize=(WIDTH, 6.4), layout="constrained")
    for series in group(points).values():
        first = series[0]
        plot_series(ax, series, colours[first.claimant], MEASURES.get(first.measure, "o"))
    ax.set_yscale("log")
    ax.set_ylabel("people (log scale)")
    date_axis(ax)
    handles = [Line2D([], [], color=colours[c], marker="o", label=c) for c in claimants]
    handles += [
        Line2D([], [], color="#666666", marker=m, linestyle="", label=k.replace("_", " "))
        for k, m in MEASURES.items()
        if any(p.measure == k for p in points)
    ]
    ax.legend(handles=handles, loc="upper left", fontsize=7)
    finish(fig, TITLE, source_note(version, TABLES), CAPTION)
    return fig
