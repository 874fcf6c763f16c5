"""syria-offensive stats [PATH]: table sizes, coverage per day, and the curation targets."""

from __future__ import annotations

import argparse

from syria_offensive.cli.commands.arguments import add_package_path

NAME = "stats"
HELP = "print table sizes, events per day and the curation targets"


def configure(p: argparse.ArgumentParser) -> None:
    add_package_path(p)
    p.add_argument("--check-targets", action="store_true", help="exit 1 when a curation target is not met")


def run(args: argparse.Namespace) -> int:
    from syria_offensive.access.stats import TARGETS, compute
    from syria_offensive.metadata.descriptor import load_package
    from syria_offensive.metadata.window import study_window

    package = load_package(args.path)
    stats = compute(package, study_window(package)[0])
    print(stats.render())
    missed = [k for k, t in TARGETS.items() if stats.measures.get(k, 0) < t]
    return 1 if args.check_targets and missed else 0
