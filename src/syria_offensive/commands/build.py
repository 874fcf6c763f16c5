"""syria-offensive build [--output DIR]: the release files for the version in datapackage.json."""

from __future__ import annotations

import argparse

from ..errors import InvalidDataError
from ..problems import Report
from ..release.build import build_release
from ..release.checksums import sha256_file

NAME = "build"
HELP = "build the release files (data archive, DuckDB database, wheel, sdist) into dist/"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--output", default=None, help="folder for the release files (default: ROOT/dist)")
    p.add_argument("--root", default=".", help="the checkout to build from (default: .)")
    p.add_argument(
        "--no-dist",
        action="store_true",
        help="build only the data archive and database, not the wheel and sdist",
    )


def run(args: argparse.Namespace) -> int:
    try:
        built = build_release(args.root, args.output, dists=not args.no_dist)
    except InvalidDataError as exc:
        print(f"error: {exc}")
        if isinstance(exc.report, Report):
            print(exc.report.to_text(20))
        return 1
    print(f"release {built.version}:")
    for path in built.files:
        print(f"  {sha256_file(path)}  {path}")
    print(f"checksums: {built.checksums}")
    print(f"next: syria-offensive release register {built.archive}")
    return 0
