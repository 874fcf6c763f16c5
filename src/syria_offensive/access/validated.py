"""A package validated before it is used, and its locked DuckDB connection: what the figures and the site
are drawn from (they refuse data that breaks a rule)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb

    from syria_offensive.metadata.descriptor import Package


def validated_package(path: str | Path | None) -> Package:
    """The package at `path` (None: the bundled data); InvalidDataError when it breaks a rule."""
    from syria_offensive.errors import InvalidDataError
    from syria_offensive.read.package_source import open_package
    from syria_offensive.validation import validate_package

    package = open_package(path)
    report = validate_package(package)
    if not report.valid:
        counts = ", ".join(f"{rule} ({n})" for rule, n in sorted(report.counts_by_rule().items()))
        raise InvalidDataError(
            f"{package.descriptor_path}: the package breaks rules ({counts}); "
            "run `syria-offensive validate` for the report",
            report,
        )
    return package


def open_connection(package: Package) -> duckdb.DuckDBPyConnection:
    """The package's tables and named views in a locked, in-memory DuckDB connection."""
    from syria_offensive.access.connection import build_connection

    return build_connection(package)
