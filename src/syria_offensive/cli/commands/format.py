"""syria-offensive format [PATH] [--write]: check the CSVs' canonical form; rewrite only with --write."""

from __future__ import annotations

import argparse

from syria_offensive.cli.commands.arguments import add_package_path

NAME = "format"
HELP = "check that the CSVs are in canonical form (sorted by key, minimal quoting, LF); --write rewrites them"


def configure(p: argparse.ArgumentParser) -> None:
    add_package_path(p, default=".")
    p.add_argument("--write", action="store_true", help="rewrite files that are not canonical (atomic)")


def run(args: argparse.Namespace) -> int:
    from syria_offensive.maintain.canonical import check_or_write
    from syria_offensive.metadata.descriptor import load_package

    results = check_or_write(load_package(args.path), write=args.write)
    for r in results:
        print(f"{'ok ' if r.canonical else 'BAD'} {r.path}: {r.message}")
    return 0 if all(r.canonical for r in results) else 1
