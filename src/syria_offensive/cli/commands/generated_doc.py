"""The shared form of the commands that generate a docs file from the package: print, --write or --check."""

from __future__ import annotations

import argparse
from pathlib import Path

from syria_offensive.cli.commands.arguments import add_package_path


def configure_generated_doc(p: argparse.ArgumentParser, default_output: str, what: str) -> None:
    add_package_path(p, default=".")
    p.add_argument(
        "--output", default=default_output, help=f"where the {what} lives, relative to the package"
    )
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="write the file")
    mode.add_argument(
        "--check", action="store_true", help="exit 1 if the file is not what would be generated"
    )


def emit_generated_doc(args: argparse.Namespace, root: Path, text: str, command: str) -> int:
    """Print `text`, write it atomically (--write) or compare it with the file (--check)."""
    from syria_offensive.atomic import write_atomic

    target = root / Path(args.output)
    if args.write:
        write_atomic(target, text)
        print(f"wrote {target}")
        return 0
    if args.check:
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current != text:
            print(f"{target} is out of date: run `syria-offensive {command} --write` (nox -s docs)")
            return 1
        print(f"{target} is current")
        return 0
    print(text, end="")
    return 0
