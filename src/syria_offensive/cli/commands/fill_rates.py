"""syria-offensive fill-rates [--write|--check] [PATH]: docs/export-fill-rates.md from the data."""

from __future__ import annotations

import argparse

from syria_offensive.cli.commands.generated_doc import configure_generated_doc, emit_generated_doc

NAME = "fill-rates"
HELP = "generate docs/export-fill-rates.md, the fill rate of each ACLED and UCDP export column (--check: fail if out of date)"
# Spelled here, not imported from exports.fill_rates: building the parser must not load DuckDB.
OUTPUT = "docs/export-fill-rates.md"


def configure(p: argparse.ArgumentParser) -> None:
    configure_generated_doc(p, OUTPUT, "table")


def run(args: argparse.Namespace) -> int:
    from syria_offensive.exports.fill_rates import render
    from syria_offensive.metadata.descriptor import load_package

    package = load_package(args.path)
    return emit_generated_doc(args, package.root, render(package), NAME)
