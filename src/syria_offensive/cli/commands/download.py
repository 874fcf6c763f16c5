"""syria-offensive download [--version V] [--dest DIR] [--base-url URL | --mirror URL-OR-FOLDER]: fetch, verify, unpack."""

from __future__ import annotations

import argparse

NAME = "download"
HELP = "download a released version of the data, verify its sha256 and unpack it into the cache"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--version",
        dest="data_version",
        default=None,
        help="the version to fetch (default: the latest released)",
    )
    p.add_argument(
        "--dest", default=None, help="cache folder (default: $SYRIA_OFFENSIVE_CACHE or the user cache)"
    )
    p.add_argument(
        "--base-url",
        default=None,
        help="where releases are published (default: $SYRIA_OFFENSIVE_BASE_URL or the project's)",
    )
    p.add_argument(
        "--mirror",
        default=None,
        help="an http(s) address or a local folder holding the release archives "
        "(default: $SYRIA_OFFENSIVE_MIRROR); the archive is verified by its sha256 either way",
    )
    p.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for the server (default: 60)")
    bar = p.add_mutually_exclusive_group()
    bar.add_argument(
        "--progress", dest="progress", action="store_true", default=None, help="always show a progress bar"
    )
    bar.add_argument("--quiet", dest="progress", action="store_false", help="never show a progress bar")


def run(args: argparse.Namespace) -> int:
    from syria_offensive.release.download import download

    folder = download(
        args.data_version,
        dest=args.dest,
        base_url=args.base_url,
        mirror=args.mirror,
        progress=args.progress,
        timeout=args.timeout,
    )
    print(folder)
    return 0
