"""syria-offensive diff OLD NEW: rows added, removed and changed per table between two versions."""

from __future__ import annotations

import argparse
from functools import partial

NAME = "diff"
HELP = "compare two versions (folders, datapackage.json files or released versions) table by table"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "old", help="the older version: a folder, a datapackage.json or a released version like 0.1.0"
    )
    p.add_argument("new", help="the newer version, in the same forms")
    p.add_argument(
        "--format", choices=("text", "json"), default="text", help="for people (text) or tools (json)"
    )
    p.add_argument("--base-url", default=None, help="where released versions are downloaded from")


def run(args: argparse.Namespace) -> int:
    from syria_offensive.release.diff import diff
    from syria_offensive.release.download import download

    result = diff(args.old, args.new, fetch=partial(download, base_url=args.base_url))
    print(result.to_json() if args.format == "json" else result.to_text())
    return 0
