"""syria-offensive serve [--host 127.0.0.1] [--port N] [--build-only DIR] [PATH]: browse the data in Datasette."""

from __future__ import annotations

import argparse
import signal
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


class _Terminated(Exception):
    """SIGTERM arrived (a `kill`, a service manager, a test's teardown)."""


def _raise_terminated(signum: int, frame: object) -> None:
    raise _Terminated


def stop_process(proc: subprocess.Popen[bytes], grace: float = 10) -> None:
    """Stop `proc` if it still runs: SIGTERM, then SIGKILL if it has not exited within `grace` seconds."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _run_server(command: list[str]) -> int:
    """Run Datasette until it exits, Ctrl-C or SIGTERM; never leave it running behind this process.

    Python's default SIGTERM ends this process at once, which orphaned the server on its port and left
    the temporary database behind: SIGTERM is turned into an exception so that both are cleaned up.
    """
    proc = subprocess.Popen(command)
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        return 130
    except _Terminated:
        return 143
    finally:
        signal.signal(signal.SIGTERM, previous)
        stop_process(proc)


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
            return _run_server(
                [sys.executable, "-m", "datasette", *datasette_args(site, args.host, args.port)]
            )
    except InvalidDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
