"""syria-offensive dictionary [--write|--check]: the data dictionary generated from the descriptor."""

from __future__ import annotations

import argparse
from pathlib import Path

from syria_offensive.cli.commands.arguments import add_package_path

NAME = "dictionary"
HELP = "generate docs/data-dictionary.md from the descriptor and schemas (--check: fail if out of date)"


def configure(p: argparse.ArgumentParser) -> None:
    add_package_path(p, default=".")
    p.add_argument(
        "--output",
        default="docs/data-dictionary.md",
        help="where the dictionary lives, relative to the package",
    )
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="write the file")
    mode.add_argument(
        "--check", action="store_true", help="exit 1 if the file is not what would be generated"
    )


def run(args: argparse.Namespace) -> int:
    from syria_offensive.atomic import write_atomic
    from syria_offensive.maintain.datadict import render
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
            print(f"{target} is out of date: run `syria-offensive dictionary --write` (nox -s docs)")
            return 1
        print(f"{target} is current")
        return 0
    print(text, end="")
    return 0
