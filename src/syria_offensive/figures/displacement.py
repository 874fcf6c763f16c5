"""Displacement figures over time (measure 'displaced' in the figures table)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from syria_offensive.figures.series import Point, date_axis, group, plot_series
from syria_offensive.figures.style import PALETTE, WIDTH, finish, source_note

if TYPE_CHECKING:
    import duckdb
    from matplotlib.figure import Figure

NAME = "displacement"
TITLE = "People displaced, as each claimant reported it"
TABLES = "figures, actors"
CAPTION = (
    "Measure 'displaced'. Each line is one series_id (a figure without one is a lone point); "
    "points are reported figures, vertical bars low-high. Counts of different scopes are not comparable."
)
LINESTYLES: tuple[Any, ...] = ("-", "--", ":", "-.")


def draw(con: duckdb.DuckDBPyConnection, version: str) -> Figure:
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    rows = con.execute(
        "SELECT f.series_id, coalesce(a.name, f.claimant_actor_id), f.measure, f.reported_date, "
        "f.value_low, f.value_best, f.value_high "
        "FROM figures f LEFT JOIN actors a ON a.actor_id = f.claimant_actor_id "
        "WHERE f.measure = 'displaced' "
        "ORDER BY 2, f.series_id NULLS LAST, f.reported_date, length(f.figure_id), f.figure_id"
    ).fetchall()
    points = [Point(*r) for r in rows]
    claimants = sorted({p.claimant for p in points})
    colours = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(claimants)}
    fig, ax = plt.subplots(figsize=(WIDTH, 5.6), layout="constrained")
    handles = []
    styles: dict[str, int] = {}
    for key, series in group(points).items():
        first = series[0]
        n = styles[first.claimant] = styles.get(first.claimant, -1) + 1
        style = LINESTYLES[n % len(LINESTYLES)]
        plot_series(ax, series, colours[first.claimant], "o" if first.series_id else "x", style)
        label = first.series_id or f"{first.claimant} (no series)"
        handles.append(
            Line2D([], [], color=colours[first.claimant], linestyle=style, marker="o", label=label)
        )
        del key
    ax.set_ylabel("people")
    ax.yaxis.set_major_formatter(lambda v, _pos: f"{v:,.0f}")
    date_axis(ax)
    ax.legend(handles=handles, loc="upper left", fontsize=7)
    finish(fig, TITLE, source_note(version, TABLES), CAPTION)
    return fig
