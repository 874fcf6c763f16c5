"""Writing the export formats (each a module of this package: NAME, DESCRIPTION, write(con, package, folder)).

`export(formats, output)` opens the package once (a locked connection, see `connect`) and writes each
format atomically: into a hidden staging folder inside `output`, moved into place only when the whole
format is written, so a failed export leaves no half-written file.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

from syria_offensive.access.connection import build_connection
from syria_offensive.exports import acled, catalog, database, geojson, hxl, parquet, ucdp
from syria_offensive.exports.staging import staged
from syria_offensive.read.package_source import open_package

FORMATS: dict[str, ModuleType] = {m.NAME: m for m in (parquet, database, geojson, acled, ucdp, hxl)}
assert list(FORMATS) == list(catalog.FORMATS), "exports/catalog.py lists the formats in this order"


def export(
    formats: str | Iterable[str],
    output: str | Path,
    path: str | Path | None = None,
    *,
    version: str | None = None,
) -> list[Path]:
    """Write the package in each format into folder `output`; returns the files written."""
    wanted = [formats] if isinstance(formats, str) else list(formats)
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown export format(s) {', '.join(unknown)}; known: {', '.join(FORMATS)}")
    package = open_package(path, version=version)
    written: list[Path] = []
    with build_connection(package) as con:
        for name in wanted:
            with staged(Path(output)) as (folder, moved):
                FORMATS[name].write(con, package, folder)
            written.extend(moved)
    return written
