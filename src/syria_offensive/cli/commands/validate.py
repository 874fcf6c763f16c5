"""syria-offensive validate [PATH]: all three layers, one report; exit 0 valid, 1 invalid, 2 unreadable."""

from __future__ import annotations

import argparse

from syria_offensive.cli.commands.arguments import add_package_path

NAME = "validate"
HELP = "validate a data package (default: the bundled data) in all three layers"


def configure(p: argparse.ArgumentParser) -> None:
    add_package_path(p)
    p.add_argument(
        "--format", choices=("text", "json"), default="text", help="report for people (text) or tools (json)"
    )
    p.add_argument(
        "--all", action="store_true", help="list every problem in text output (default: 20 per rule and file)"
    )


def run(args: argparse.Namespace) -> int:
    from syria_offensive.validation import validate_package

    report = validate_package(args.path)
    print(report.to_json() if args.format == "json" else report.to_text(None if args.all else 20))
    return 0 if report.valid else 1
