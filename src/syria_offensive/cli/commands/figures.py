"""syria-offensive figures [--output DIR] [--only NAME] [--format png|svg] [--check DIR] [PATH]."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from syria_offensive.cli.commands.arguments import add_package_path
from syria_offensive.figures import FIGURES as NAMES

NAME = "figures"
HELP = "draw the figures (events per day, casualty tolls, displacement, maps) as PNG and SVG (extra: look)"
EXTRA_MESSAGE = (
    "error: the figures need the `look` extra, which is not installed (missing: {missing}).\n"
    "Install it with: pip install 'syria-offensive-2024[look]'"
)


def configure(p: argparse.ArgumentParser) -> None:
    add_package_path(p)
    p.add_argument(
        "--output", "-o", type=Path, default=Path("figures"), help="folder to write into (default: ./figures)"
    )
    p.add_argument("--only", action="append", choices=NAMES, help="draw only this figure (repeatable)")
    p.add_argument(
        "--format",
        action="append",
        choices=("png", "svg"),
        help="write only this format (repeatable; default: both)",
    )
    p.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 unless the files already in --output are what would be written",
    )


def run(args: argparse.Namespace) -> int:
    from syria_offensive.figures import missing_requirements

    missing = missing_requirements()
    if missing:
        print(EXTRA_MESSAGE.format(missing=", ".join(missing)), file=sys.stderr)
        return 2
    from syria_offensive.errors import InvalidDataError
    from syria_offensive.figures import write_figures

    names = tuple(dict.fromkeys(args.only)) if args.only else NAMES
    formats = tuple(dict.fromkeys(args.format)) if args.format else ("png", "svg")
    try:
        if args.check:
            return _check(args.output, args.path, names, formats)
        written = write_figures(args.output, args.path, names, formats)
    except InvalidDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


def _check(folder: Path, path: str | None, names: tuple[str, ...], formats: tuple[str, ...]) -> int:
    from syria_offensive.figures import write_figures

    with tempfile.TemporaryDirectory(prefix="syria-offensive-figures-") as tmp:
        fresh = write_figures(tmp, path, names, formats)
        stale = [
            folder / f.name
            for f in fresh
            if not (folder / f.name).is_file() or (folder / f.name).read_bytes() != f.read_bytes()
        ]
    for target in stale:
        print(f"{target} is out of date: run `nox -s figures`")
    if not stale:
        print(f"{len(fresh)} figure file(s) in {folder} are current")
    return 1 if stale else 0
