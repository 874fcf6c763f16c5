"""syria-offensive fill-rates [--write|--check] [PATH]: docs/export-fill-rates.md from the data."""

from __future__ import annotations

import argparse
from pathlib import Path

from syria_offensive.cli.commands.arguments import add_package_path

NAME = "fill-rates"
HELP = "generate docs/export-fill-rates.md, the fill rate of each ACLED and UCDP export column (--check: fail if out of date)"


def configure(p: argparse.ArgumentParser) -> None:
    from syria_offensive.exports.fill_rates import DEFAULT_OUTPUT

    add_package_path(p, default=".")
    p.add_argument("--output", default=DEFAULT_OUTPUT, help="where the table lives, relative to the package")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="write the file")
    mode.add_argument(
        "--check", action="store_true", help="exit 1 if the file is not what would be generated"
    )


def run(args: argparse.Namespace) -> int:
    from syria_offensive.atomic import write_atomic
    from syria_offensive.exports.fill_rates import render
    from syria_offensive.metadata.descriptor import load_package

    package = load_package(args.path)
    text = render(package)
    target = package.root / Path(args.output)
    if args.write:
        write_atomic(target, text)
        print(f"wrote {target}")
        return 0
    if args.check:
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current != text:
            print(f"{target} is out of date: run `syria-offensive fill-rates --write` (nox -s docs)")
            return 1
        print(f"{target} is current")
        return 0
    print(text, end="")
    return 0
