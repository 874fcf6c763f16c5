"""syria-offensive build [--output DIR]: the release files for the version in datapackage.json."""

from __future__ import annotations

import argparse

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
    from syria_offensive.errors import InvalidDataError
    from syria_offensive.problems import Report
    from syria_offensive.release.build import build_release
    from syria_offensive.release.checksums import sha256_file

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
    return _compare_with_registry(built.version, sha256_file(built.archive), str(built.archive))


def _compare_with_registry(version: str, digest: str, archive: str) -> int:
    """A rebuild of a registered version must give the registered bytes."""
    from syria_offensive.release.registry import load_registry

    known = load_registry().get(version)
    if known is None:
        print(f"next: syria-offensive release register {archive}, then build again (see docs/releases.md)")
        return 0
    if known.sha256 == digest:
        print(f"registry: the archive is byte-identical to the registered release {version}")
        return 0
    print(f"error: version {version} is registered with sha256 {known.sha256}, but this build gives {digest}")
    return 1
