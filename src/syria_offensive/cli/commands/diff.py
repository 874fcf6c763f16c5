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
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="for people (text), tools (json) or the changelog's Data section (markdown)",
    )
    p.add_argument("--base-url", default=None, help="where released versions are downloaded from")
    p.add_argument(
        "--mirror", default=None, help="an http(s) address or local folder holding the release archives"
    )


def run(args: argparse.Namespace) -> int:
    from syria_offensive.release.diff import diff
    from syria_offensive.release.download import download

    result = diff(args.old, args.new, fetch=partial(download, base_url=args.base_url, mirror=args.mirror))
    render = {"json": result.to_json, "markdown": result.to_markdown}.get(args.format, result.to_text)
    print(render())
    return 0
