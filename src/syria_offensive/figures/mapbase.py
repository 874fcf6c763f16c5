"""The base of every map: Syria's outline, its neighbours, its governorates' boundaries and their seats,
in plain lon/lat."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from syria_offensive.figures.boundaries import EXTENT, SEATS, Outlines

if TYPE_CHECKING:
    import duckdb
    from matplotlib.axes import Axes

Seat = tuple[str, float, float]


def seats(con: duckdb.DuckDBPyConnection) -> list[Seat]:
    """Name, longitude and latitude of the governorate seats, from places.csv."""
    marks = ", ".join("?" for _ in SEATS)
    rows = con.execute(
        f"SELECT name, longitude, latitude FROM places WHERE place_id IN ({marks}) ORDER BY place_id",
        list(SEATS),
    ).fetchall()
    return [(str(n), float(x), float(y)) for n, x, y in rows]


def draw_base(ax: Axes, layer: Outlines, seat_list: list[Seat], *, labels: bool = True) -> None:
    from matplotlib.patches import Polygon

    ax.set_facecolor("#eef3f7")
    for ring in layer.neighbours:
        ax.add_patch(Polygon(ring, closed=True, facecolor="#f2f2f2", edgecolor="#bbbbbb", linewidth=0.4))
    for ring in layer.syria:
        ax.add_patch(Polygon(ring, closed=True, facecolor="#fbfaf5", edgecolor="#555555", linewidth=0.8))
    for governorate in layer.governorates:
        for ring in governorate.rings:
            ax.add_patch(
                Polygon(ring, closed=True, fill=False, edgecolor="#9a9a9a", linewidth=0.45, zorder=1.3)
            )
    x0, x1, y0, y1 = EXTENT
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect(1 / math.cos(math.radians((y0 + y1) / 2)))
    ax.grid(False)
    for name, x, y in seat_list:
        ax.plot([x], [y], marker="s", markersize=2.5, color="#333333", zorder=4)
        if labels:
            ax.annotate(
                name,
                (x, y),
                xytext=(3, 3),
                textcoords="offset points",
                fontsize=6.5,
                color="#333333",
                zorder=5,
            )


def lon_lat_axes(ax: Axes) -> None:
    ax.set_xlabel("longitude (°E)")
    ax.set_ylabel("latitude (°N)")
