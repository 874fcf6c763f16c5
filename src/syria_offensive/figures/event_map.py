"""A map of the events over Syria's governorates (events_enriched: the events at their places)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from syria_offensive.figures.boundaries import LAYER_NOTE, Outlines
from syria_offensive.figures.mapbase import draw_base, lon_lat_axes, seats
from syria_offensive.figures.style import EVENT_TYPE_COLOURS, finish, source_note

if TYPE_CHECKING:
    import duckdb
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

NAME = "event_map"
TITLE = "Where the events happened"
TABLES = "events, places, via the events_enriched view"
CAPTION = (
    "A marker per place and event type, its area by the number of events; filled: located at the place or "
    "near it (geo_precision 1-2), hollow: only the governorate or region is known (3).\n"
    "Grey tint: the number of events in each governorate (the place's admin1).\n" + LAYER_NOTE
)


def shade_governorates(ax: Axes, layer: Outlines, counts: dict[str, int]) -> None:
    """Each governorate tinted by its number of events (a light scale, above Syria's fill and under the markers), with a bar."""
    import matplotlib as mpl
    import numpy as np
    from matplotlib.patches import Polygon

    scale = mpl.colors.Normalize(vmin=0, vmax=max(counts.values(), default=1))
    # The light third of a grey scale, so that the markers stay readable on the darkest governorate.
    tint = mpl.colors.ListedColormap(mpl.colormaps["Greys"](np.linspace(0.05, 0.45, 256)))
    for governorate in layer.governorates:
        n = counts.get(governorate.iso_3166_2 or "", 0)
        for ring in governorate.rings:
            ax.add_patch(Polygon(ring, closed=True, facecolor=tint(scale(n)), edgecolor="none", zorder=1.2))
    bar = ax.figure.colorbar(mpl.cm.ScalarMappable(norm=scale, cmap=tint), ax=ax, shrink=0.45, pad=0.01)
    bar.set_label("events in the governorate", fontsize=7)
    bar.ax.tick_params(labelsize=6.5)


def draw(con: duckdb.DuckDBPyConnection, version: str, layer: Outlines) -> Figure:
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    rows = con.execute(
        "SELECT event_type, geo_precision = 3 AS vague, longitude, latitude, count(*) AS n "
        "FROM events_enriched WHERE longitude IS NOT NULL "
        "GROUP BY ALL ORDER BY n DESC, event_type, longitude, latitude, vague"  # every grouped column: a total order
    ).fetchall()
    per_governorate = dict(
        con.execute(
            "SELECT iso_3166_2, count(*) FROM events_enriched WHERE iso_3166_2 IS NOT NULL GROUP BY ALL"
        ).fetchall()
    )
    fig, ax = plt.subplots(figsize=(9.0, 8.2), layout="constrained")
    draw_base(ax, layer, seats(con))
    shade_governorates(ax, layer, per_governorate)
    for event_type, vague, x, y, n in rows:
        colour = EVENT_TYPE_COLOURS.get(event_type, "#777777")
        size = 12 * math.sqrt(n) * 2
        if vague:
            ax.scatter([x], [y], s=size, facecolors="none", edgecolors=colour, linewidths=1.0, zorder=3)
        else:
            ax.scatter(
                [x], [y], s=size, color=colour, alpha=0.6, edgecolors="white", linewidths=0.3, zorder=3
            )
    handles = [
        Line2D([], [], marker="o", linestyle="", color=c, label=t)
        for t, c in EVENT_TYPE_COLOURS.items()
        if any(r[0] == t for r in rows)
    ]
    handles += [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=math.sqrt(24 * math.sqrt(n)),
            color="#888888",
            alpha=0.6,
            label=f"{n} event{'s' if n > 1 else ''}",
        )
        for n in (1, 10, 50)
    ]
    handles.append(
        Line2D([], [], marker="s", linestyle="", markersize=3, color="#333333", label="governorate seat")
    )
    ax.legend(handles=handles, loc="lower right", fontsize=7, frameon=True)
    lon_lat_axes(ax)
    ax.set_title(
        f"{sum(r[4] for r in rows)} events, 27 Nov - 8 Dec 2024", loc="left", fontsize=9, fontweight="normal"
    )
    finish(fig, TITLE, source_note(version, TABLES), CAPTION)
    return fig
