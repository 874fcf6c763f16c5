"""Each table as a typed data frame, validated as it loads: pandas by default, polars on request.

    from syria_offensive import load_events
    events = load_events()                      # pandas, from the data bundled with the package
    events = load_events(backend="polars")      # polars
    events = load_events(version="1.0.0")       # a released version (downloaded once, then cached)

Columns carry the Table Schema's types: dates as dates (pandas has no date type: datetime64[s]),
enums as categoricals whose categories are the schema's values (pandas Categorical / polars Enum),
integers as nullable Int64, booleans nullable, lists as lists. The CSV is read by DuckDB with the
schema's types (never by sniffing), after the package has been checked by the same validator as
`syria-offensive validate` (once per state of its files): a problem in the table's file or schema
raises InvalidDataError naming the file, row and rule, with the rule ids validate reports. `validate=False` skips the checks (enum values must still be in the schema to become categories).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

import duckdb

from syria_offensive.access.connection import load_table
from syria_offensive.access.load_problems import raise_if_any
from syria_offensive.metadata.descriptor import TABLES, Package
from syria_offensive.metadata.frame_types import enum_violations, to_pandas_typed, to_polars_typed
from syria_offensive.problems import Problem
from syria_offensive.read.csv_load import ROW
from syria_offensive.read.package_source import open_package
from syria_offensive.sql import ident

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

Backend = Literal["pandas", "polars"]
BACKENDS: tuple[Backend, ...] = ("pandas", "polars")


def load_frame(package: Package, name: str, *, backend: Backend = "pandas", validate: bool = True) -> Any:
    """Table `name` of an opened package as a typed frame (see the module's docstring)."""
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, not {backend!r}")
    resource = package.resource(name)
    what = f"{resource.path} does not load"
    descriptor = str(package.descriptor_path)
    if validate:  # the one checker: the same rules, rule ids and rows as `syria-offensive validate`
        from syria_offensive.validation import table_problems

        raise_if_any(table_problems(package, name), descriptor, what)
    with duckdb.connect(":memory:") as con:
        table = load_table(con, package, name)
        columns = ", ".join(ident(f) for f in resource.schema.field_names)
        frame = con.sql(f"SELECT {ROW}, {columns} FROM {table.view} ORDER BY {ROW}").pl()
    frame = frame.drop(ROW)
    bad = enum_violations(frame, resource.schema)
    raise_if_any(
        [
            Problem(
                resource.path,
                None,
                c,
                "enum",
                ", ".join(v),
                "values outside the schema's enum cannot be categories",
            )
            for c, v in bad.items()
        ],
        descriptor,
        what,
    )
    if backend == "polars":
        return to_polars_typed(frame, resource.schema)
    return to_pandas_typed(frame, resource.schema)


@overload
def load(
    name: str,
    path: str | Path | None = None,
    *,
    version: str | None = None,
    backend: Literal["pandas"] = "pandas",
    validate: bool = True,
) -> pd.DataFrame: ...
@overload
def load(
    name: str,
    path: str | Path | None = None,
    *,
    version: str | None = None,
    backend: Literal["polars"],
    validate: bool = True,
) -> pl.DataFrame: ...
def load(
    name: str,
    path: str | Path | None = None,
    *,
    version: str | None = None,
    backend: Backend = "pandas",
    validate: bool = True,
) -> Any:
    """Table `name` (e.g. "events") as a typed, validated frame."""
    return load_frame(open_package(path, version=version), name, backend=backend, validate=validate)


@overload
def load_all(
    path: str | Path | None = None,
    *,
    version: str | None = None,
    backend: Literal["pandas"] = "pandas",
    validate: bool = True,
) -> dict[str, pd.DataFrame]: ...
@overload
def load_all(
    path: str | Path | None = None,
    *,
    version: str | None = None,
    backend: Literal["polars"],
    validate: bool = True,
) -> dict[str, pl.DataFrame]: ...
def load_all(
    path: str | Path | None = None,
    *,
    version: str | None = None,
    backend: Backend = "pandas",
    validate: bool = True,
) -> Any:
    """Every table of the package, by name, as typed, validated frames."""
    package = open_package(path, version=version)
    names = [n for n in TABLES if n in package.resources] + sorted(set(package.resources) - set(TABLES))
    return {n: load_frame(package, n, backend=backend, validate=validate) for n in names}


class TableLoader:
    """Loads one table: `loader(path=None, *, version=None, backend="pandas", validate=True)`."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.__name__ = f"load_{name}"
        self.__qualname__ = self.__name__
        self.__doc__ = (
            f"The {name} table as a typed frame, validated as it loads (pandas by default; "
            f"backend='polars' for polars). `path`: a package folder or its datapackage.json (default: the "
            f"bundled data); `version`: a released version instead; `validate=False` skips the checks."
        )

    def __repr__(self) -> str:
        return f"<loader of the {self.name} table>"

    @overload
    def __call__(
        self,
        path: str | Path | None = None,
        *,
        version: str | None = None,
        backend: Literal["pandas"] = "pandas",
        validate: bool = True,
    ) -> pd.DataFrame: ...
    @overload
    def __call__(
        self,
        path: str | Path | None = None,
        *,
        version: str | None = None,
        backend: Literal["polars"],
        validate: bool = True,
    ) -> pl.DataFrame: ...
    def __call__(
        self,
        path: str | Path | None = None,
        *,
        version: str | None = None,
        backend: Backend = "pandas",
        validate: bool = True,
    ) -> Any:
        return load_frame(open_package(path, version=version), self.name, backend=backend, validate=validate)


load_events = TableLoader("events")
load_actors = TableLoader("actors")
load_places = TableLoader("places")
load_sources = TableLoader("sources")
load_figures = TableLoader("figures")
load_event_actors = TableLoader("event_actors")
load_event_sources = TableLoader("event_sources")
load_governorates = TableLoader("governorates")
