"""Shared drawing of claimed counts over time: each series a line, each figure a point, low-high as a bar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes


@dataclass(frozen=True)
class Point:
    series_id: str | None
    claimant: str
    measure: str
    reported: dt.date
    low: float | None
    best: float | None
    high: float | None


def group(points: list[Point]) -> dict[str, list[Point]]:
    """Points by series (a figure without a series is a series of its own, keyed by position)."""
    out: dict[str, list[Point]] = {}
    for i, p in enumerate(points):
        out.setdefault(p.series_id or f"#{i}", []).append(p)
    return out


def plot_series(ax: Axes, points: list[Point], colour: str, marker: str, linestyle: str = "-") -> None:
    shown = [p for p in points if p.best is not None or p.high is not None]
    xs: Any = [p.reported for p in shown]
    ys: Any = [p.best if p.best is not None else p.high for p in shown]
    ax.plot(xs, ys, color=colour, marker=marker, markersize=4, linewidth=1.1, linestyle=linestyle, alpha=0.9)
    for p in shown:
        low = p.low if p.low is not None else p.best
        high = p.high if p.high is not None else p.best
        if low is not None and high is not None and low != high:
            ax.vlines(_x(p.reported), low, high, color=colour, linewidth=0.8, alpha=0.6)


def _x(day: dt.date) -> Any:
    return day


def date_axis(ax: Axes) -> None:
    import importlib

    dates: Any = importlib.import_module("matplotlib.dates")  # untyped in matplotlib's stubs
    DayLocator, DateFormatter = dates.DayLocator, dates.DateFormatter

    ax.xaxis.set_major_locator(DayLocator(interval=2))
    ax.xaxis.set_minor_locator(DayLocator())
    ax.xaxis.set_major_formatter(DateFormatter("%d %b"))
    ax.set_xlabel("reported date (2024)")
