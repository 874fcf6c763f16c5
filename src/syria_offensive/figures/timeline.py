"""Events per day, stacked by ACLED event type (the daily_summary view)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from syria_offensive.figures.style import EVENT_TYPE_COLOURS, WIDTH, finish, source_note

if TYPE_CHECKING:
    import duckdb
    from matplotlib.figure import Figure

NAME = "events_per_day"
TITLE = "Events per day by type"
TABLES = "events, via the daily_summary view"
CAPTION = "Each event counts once, on its event_date (the first day of a span). ACLED event types."

COLUMNS = {
    "Battles": "battles",
    "Explosions/Remote violence": "explosions_remote_violence",
    "Strategic developments": "strategic_developments",
    "Violence against civilians": "violence_against_civilians",
    "Protests": "protests",
    "Riots": "riots",
}


def draw(con: duckdb.DuckDBPyConnection, version: str) -> Figure:
    import matplotlib.pyplot as plt

    columns = ", ".join(COLUMNS.values())
    rows = con.execute(f"SELECT day, {columns} FROM daily_summary ORDER BY day").fetchall()
    days = [r[0] for r in rows]
    labels = [d.strftime("%d %b") for d in days]
    fig, ax = plt.subplots(figsize=(WIDTH, 5.2), layout="constrained")
    bottom = [0] * len(rows)
    for i, event_type in enumerate(COLUMNS):
        values = [int(r[i + 1]) for r in rows]
        ax.bar(
            labels, values, bottom=bottom, color=EVENT_TYPE_COLOURS[event_type], label=event_type, width=0.8
        )
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    for x, total in enumerate(bottom):
        ax.annotate(
            str(total), (x, total), xytext=(0, 2), textcoords="offset points", ha="center", fontsize=7
        )
    ax.set_xlabel("event date (2024)")
    ax.set_ylabel("events")
    ax.grid(axis="x", visible=False)
    ax.set_ylim(0, max(bottom, default=1) * 1.08)
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=len(COLUMNS), fontsize=7.5)
    finish(fig, TITLE, source_note(version, TABLES), CAPTION)
    return fig
