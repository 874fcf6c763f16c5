"""syria-offensive export --format parquet|duckdb|geojson|acled|ucdp|hxl|all [--output DIR] [PATH]."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from syria_offensive.cli.commands.arguments import add_package_path

NAME = "export"
HELP = "write the data as Parquet, a DuckDB file, GeoJSON, or ACLED-, UCDP GED- or HXL-shaped CSV"


def configure(p: argparse.ArgumentParser) -> None:
    from syria_offensive.exports.catalog import FORMATS

    add_package_path(p)
    p.add_argument(
        "--format",
        "-f",
        action="append",
        choices=[*FORMATS, "all"],
        required=True,
        help="; ".join(f"{n}: {description}" for n, description in FORMATS.items())
        + "; all: every format (repeatable)",
    )
    p.add_argument(
        "--output", "-o", type=Path, default=Path("export"), help="folder to write into (default: ./export)"
    )


def run(args: argparse.Namespace) -> int:
    from syria_offensive.errors import InvalidDataError
    from syria_offensive.exports import export
    from syria_offensive.exports.catalog import FORMATS

    formats = list(FORMATS) if "all" in args.format else list(dict.fromkeys(args.format))
    try:
        written = export(formats, args.output, args.path)
    except InvalidDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0
