"""The `syria-offensive` command line. Each subcommand lives in its own module under commands/.

Exit codes: 0 success, 1 the data breaks a rule (or a check failed), 2 the input cannot be read, 3 an
internal error (a bug, reported without a traceback).
Expected failures print a message, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from syria_offensive.cli.commands import COMMANDS
from syria_offensive.errors import PackageError


class _VersionAction(argparse.Action):
    """--version, reading the installed version only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from syria_offensive import __version__

        parser.exit(message=f"{parser.prog} {__version__}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="syria-offensive",
        description="The 2024 Syrian opposition offensive dataset: validate, query, export and download it.",
    )
    parser.add_argument("--version", action=_VersionAction)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS:
        p = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.configure(p)
        p.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except PackageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keep the interpreter from failing at exit
        return 0
    except Exception as exc:  # a bug of ours: say so plainly; SYRIA_OFFENSIVE_DEBUG=1 shows the traceback
        if os.environ.get("SYRIA_OFFENSIVE_DEBUG"):
            raise
        print(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in syria-offensive, not in your data: please report it with the command you ran "
            "(set SYRIA_OFFENSIVE_DEBUG=1 to see where it happened).",
            file=sys.stderr,
        )
        return 3
    return code


if __name__ == "__main__":
    sys.exit(main())
