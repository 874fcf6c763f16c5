"""Query results as an aligned plain-text table for the terminal (long cells are cut with '…')."""

from __future__ import annotations

from collections.abc import Sequence

from syria_offensive.access.table_csv import cell_text

MAX_CELL = 48


def _cell(value: object, limit: int) -> str:
    text = cell_text(value).replace("\r", " ").replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render(columns: Sequence[str], rows: Sequence[Sequence[object]], *, max_cell: int = MAX_CELL) -> str:
    cells = [[_cell(v, max_cell) for v in row] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
