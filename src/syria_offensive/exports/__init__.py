"""Export formats, one module each: NAME, DESCRIPTION and write(con, package, folder) -> file names.

Importing this package is light (the command line reads `catalog` for its help); `export` and the
format modules load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from syria_offensive.exports.writer import FORMATS, export


def __getattr__(name: str) -> Any:
    if name in ("export", "FORMATS"):
        from syria_offensive.exports import writer

        return getattr(writer, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["FORMATS", "export"]
