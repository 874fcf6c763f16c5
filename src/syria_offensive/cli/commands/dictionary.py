"""syria-offensive dictionary [--write|--check]: the data dictionary generated from the descriptor."""

from __future__ import annotations

import argparse

from syria_offensive.cli.commands.generated_doc import configure_generated_doc, emit_generated_doc

NAME = "dictionary"
HELP = "generate docs/data-dictionary.md from the descriptor and schemas (--check: fail if out of date)"


def configure(p: argparse.ArgumentParser) -> None:
    configure_generated_doc(p, "docs/data-dictionary.md", "dictionary")


def run(args: argparse.Namespace) -> int:
    from syria_offensive.maintain.datadict import render
    from syria_offensive.metadata.descriptor import load_package

    package = load_package(args.path)
    return emit_generated_doc(args, package.root, render(package), NAME)
