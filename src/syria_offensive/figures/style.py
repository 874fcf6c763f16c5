"""Reproducible matplotlib output: fixed fonts, sizes and colours, no dates or versions in the files.

Two runs on the same data with the same pinned matplotlib give the same bytes: the Agg backend, the
DejaVu Sans shipped inside matplotlib (never a system font), a fixed `svg.hashsalt`, and no `Date`,
`Creator` or `Software` metadata.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from syria_offensive.atomic import write_atomic

if TYPE_CHECKING:
    from matplotlib.figure import Figure

DPI = 100
WIDTH = 10.0  # inches
RC: dict[str, Any] = {
    "backend": "Agg",
    "svg.hashsalt": "syria-offensive-2024",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 9.0,
    "axes.titlesize": 11.0,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "legend.fontsize": 8.0,
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "path.simplify": False,
}

# Okabe-Ito, distinguishable with the common colour-vision deficiencies.
EVENT_TYPE_COLOURS = {
    "Battles": "#D55E00",
    "Explosions/Remote violence": "#E69F00",
    "Strategic developments": "#0072B2",
    "Violence against civilians": "#CC79A7",
    "Protests": "#009E73",
    "Riots": "#56B4E9",
}
SIDE_COLOURS = {
    "opposition": "#009E73",
    "government": "#D55E00",
    "sdf": "#E69F00",
    "islamic_state": "#000000",
    "external": "#CC79A7",
    "non_combatant": "#56B4E9",
    "unaligned": "#999999",
    "several": "#0072B2",
}
SIDE_LABELS = {
    "opposition": "opposition factions",
    "government": "government and allies",
    "sdf": "SDF",
    "islamic_state": "Islamic State",
    "external": "external state",
    "non_combatant": "non-combatant body",
    "unaligned": "unaligned",
    "several": "several sides",
}
PALETTE = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#000000",
    "#999999",
    "#882255",
    "#44AA99",
    "#117733",
    "#AA4499",
)


def _bundled_fonts_only() -> None:
    """Make the font manager see only the fonts inside matplotlib, so no system font can change the output."""
    import matplotlib as mpl
    from matplotlib import font_manager

    data = str(Path(mpl.get_data_path()).resolve())
    manager = font_manager.fontManager
    manager.ttflist = [f for f in manager.ttflist if str(Path(f.fname).resolve()).startswith(data)]
    manager.afmlist = [f for f in manager.afmlist if str(Path(f.fname).resolve()).startswith(data)]
    cached = getattr(type(manager), "_findfont_cached", None)
    if cached is not None and hasattr(cached, "cache_clear"):
        cached.cache_clear()


@contextmanager
def reproducible() -> Iterator[None]:
    """matplotlib set up for byte-reproducible output (Agg, bundled fonts, fixed rcParams)."""
    import matplotlib as mpl

    mpl.use("Agg", force=True)
    _bundled_fonts_only()
    with mpl.rc_context(cast(Any, RC)):
        yield


def source_note(version: str, tables: str) -> str:
    return f"Source: syria-offensive-2024 data v{version} ({tables}); CC BY 4.0. Claims as reported, not verified."


def finish(fig: Figure, title: str, note: str, caption: str = "") -> None:
    """Title at the top, the source note and an optional caption line at the bottom."""
    fig.suptitle(title, x=0.01, ha="left", fontsize=13, fontweight="bold")
    text = note if not caption else f"{caption}\n{note}"
    lines = text.count("\n") + 1
    bottom = (lines * 0.125 + 0.08) / fig.get_figheight()
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    engine = fig.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):  # keep the axes clear of the note
        engine.set(rect=(0, bottom, 1, 1 - bottom))
    fig.text(0.01, 0.01, text, ha="left", va="bottom", fontsize=7, color="#444444", linespacing=1.3)


METADATA: dict[str, dict[str, None]] = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None}}
FORMATS = tuple(METADATA)


def save(fig: Figure, folder: Path, name: str, formats: tuple[str, ...] = FORMATS) -> list[Path]:
    """Write NAME.png and NAME.svg (or those of `formats`) atomically; returns their paths."""
    import matplotlib.pyplot as plt

    written = []
    for fmt in formats:
        metadata = METADATA[fmt]
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt, metadata=metadata)
        target = folder / f"{name}.{fmt}"
        write_atomic(target, buffer.getvalue())
        os.chmod(target, 0o644)  # a figure is for anyone to read, unlike mkstemp's default
        written.append(target)
    plt.close(fig)
    return written
