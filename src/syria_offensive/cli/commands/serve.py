"""syria-offensive serve [--host 127.0.0.1] [--port N] [--build-only DIR] [PATH]: browse the data in Datasette."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from syria_offensive.cli.commands.arguments import add_package_path

NAME = "serve"
HELP = "browse the data locally: a read-only Datasette over a SQLite file built from the validated tables (extra: look)"
EXTRA_MESSAGE = (
    "error: serving needs the `look` extra, which is not installed (missing: {missing}).\n"
    "Install it with: pip install 'syria-offensive-2024[look]' (--build-only works without it)"
)


def configure(p: argparse.ArgumentParser) -> None:
    add_package_path(p)
    p.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)"
    )
    p.add_argument(
        "--port", type=int, default=8001, help="port to listen on (default: 8001; 0 picks a free one)"
    )
    p.add_argument(
        "--build-only",
        type=Path,
        metavar="DIR",
        help="write the database, metadata.json and static files into DIR, print the datasette command, and exit",
    )


def run(args: argparse.Namespace) -> int:
    from syria_offensive.errors import InvalidDataError
    from syria_offensive.site import missing_requirements
    from syria_offensive.site.build import build_site, datasette_args

    if args.build_only is None and (missing := missing_requirements()):
        print(EXTRA_MESSAGE.format(missing=", ".join(missing)), file=sys.stderr)
        return 2
    try:
        if args.build_only is not None:
            site = build_site(args.build_only, args.path)
            print(site.database)
            print("datasette " + " ".join(datasette_args(site, args.host, args.port)))
            return 0
        with tempfile.TemporaryDirectory(prefix="syria-offensive-site-") as tmp:
            site = build_site(tmp, args.path)
            print(
                f"serving {site.database} read-only on http://{args.host}:{args.port}/ (Ctrl-C stops)",
                flush=True,
            )
            try:
                return subprocess.call(
                    [sys.executable, "-m", "datasette", *datasette_args(site, args.host, args.port)]
                )
            except KeyboardInterrupt:
                return 130
    except InvalidDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
