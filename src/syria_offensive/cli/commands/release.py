"""syria-offensive release register [ARCHIVE]: record a built archive's sha256 in the release registry."""

from __future__ import annotations

import argparse
from pathlib import Path

NAME = "release"
HELP = "release bookkeeping: 'register' records a built data archive's sha256 and size in the registry"


def configure(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    reg = sub.add_parser(
        "register", help="add a built archive to release/registry.json (what download trusts)"
    )
    reg.add_argument(
        "archive",
        nargs="?",
        default=None,
        help="the archive (default: dist/ archive of ./datapackage.json's version)",
    )
    reg.add_argument(
        "--registry", default=None, help="the registry file (default: the one shipped in the package)"
    )
    reg.add_argument(
        "--force", action="store_true", help="replace an entry for the same version (only if never published)"
    )


def run(args: argparse.Namespace) -> int:
    from syria_offensive.metadata.descriptor import load_package
    from syria_offensive.release.names import archive_name
    from syria_offensive.release.registry import register, registry_path

    archive = Path(args.archive) if args.archive else Path("dist") / archive_name(load_package(".").version)
    release = register(archive, args.registry, force=args.force)
    print(f"registered {release.version}: {release.file} sha256 {release.sha256} ({release.size} bytes)")
    print(f"in {registry_path(args.registry)}")
    return 0
