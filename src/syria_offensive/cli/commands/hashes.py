"""syria-offensive hashes [PATH] [--write]: compare (or record) each resource's sha256 and byte size."""

from __future__ import annotations

import argparse

from syria_offensive.cli.commands.arguments import add_package_path

NAME = "hashes"
HELP = "check the descriptor's sha256 hashes and sizes; --write records the current ones"


def configure(p: argparse.ArgumentParser) -> None:
    add_package_path(p, default=".")
    p.add_argument(
        "--write", action="store_true", help="rewrite datapackage.json with the current hashes and sizes"
    )


def run(args: argparse.Namespace) -> int:
    from syria_offensive.maintain.package_hashes import hash_status, write_hashes
    from syria_offensive.metadata.descriptor import load_package

    package = load_package(args.path)
    statuses = write_hashes(package) if args.write else hash_status(package)
    stale = [s for s in statuses if not s.current]
    for s in statuses:
        state = "current" if s.current else ("updated" if args.write else "STALE")
        print(f"{state:8} {s.resource}: {s.actual[0]} {s.actual[1]} bytes")
    return 0 if args.write or not stale else 1
