"""The named views over the tables, each kept as a `.sql` file in `views/` (shipped in the wheel).

A view file holds one `CREATE VIEW` statement, preceded by a comment that says what a row is and, for
derived values, by which rule. Views may build on each other; they are created in whatever order lets
each one bind.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from importlib.resources import files

import duckdb

PACKAGE_DIR = "views"


@dataclass(frozen=True)
class ViewFile:
    name: str
    sql: str

    @property
    def comment(self) -> str:
        """The leading `--` comment lines, without the markers."""
        lines = []
        for line in self.sql.splitlines():
            if not line.startswith("--"):
                break
            lines.append(line.removeprefix("--").removeprefix(" "))
        return "\n".join(lines).strip()


def view_files() -> list[ViewFile]:
    folder = files(__package__ or "syria_offensive").joinpath(PACKAGE_DIR)
    found = [
        ViewFile(entry.name.removesuffix(".sql"), entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".sql")
    ]
    return sorted(found, key=lambda v: v.name)


def create_views(con: duckdb.DuckDBPyConnection, views: list[ViewFile] | None = None) -> list[str]:
    """Create every view the tables can carry; returns their names in creation order.

    A view that needs a column the tables lack (an older version of the data, before the column was
    added) is left out with a warning naming it, and so are the views built on it.
    """
    pending = list(views if views is not None else view_files())
    created: list[str] = []
    left_out: list[str] = []
    while pending:
        failed: list[tuple[ViewFile, duckdb.Error]] = []
        for view in pending:
            try:
                con.execute(view.sql)
            except (
                duckdb.CatalogException
            ) as error:  # it names a view not created yet: retry after the others
                failed.append((view, error))
            except duckdb.BinderException as error:  # it names a column these tables do not have
                left_out.append(f"{view.name} ({str(error).splitlines()[0]})")
            else:
                created.append(view.name)
        if failed and len(failed) == len(pending):
            if left_out:  # built on a view that was left out
                left_out.extend(view.name for view, _ in failed)
                break
            first, reason = failed[0]
            raise RuntimeError(f"view {first.name!r} cannot be created: {reason}")
        pending = [view for view, _ in failed]
    if left_out:
        warnings.warn(
            "views left out because the tables lack what they read: " + "; ".join(left_out), stacklevel=2
        )
    return created
