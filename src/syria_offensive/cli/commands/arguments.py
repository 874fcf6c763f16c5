"""Arguments several subcommands share."""

from __future__ import annotations

import argparse


def add_package_path(p: argparse.ArgumentParser, *, default: str | None = None) -> None:
    """The optional PATH of a package folder or its datapackage.json (None: the bundled data)."""
    shown = "bundled data" if default is None else default
    p.add_argument(
        "path",
        nargs="?",
        default=default,
        help=f"a package folder or its datapackage.json (default: {shown})",
    )
