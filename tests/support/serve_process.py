"""`syria-offensive serve` started in a process of its own on a free port, for the tests that talk to it."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from syria_offensive.cli.commands.serve import stop_process


@dataclass
class Served:
    proc: subprocess.Popen[bytes]
    port: int

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_serve(log_path: Path, timeout: float = 60) -> Iterator[Served]:
    """Start serve (its output to `log_path`), wait until Datasette answers, and stop it on the way out
    if it still runs."""
    port = free_port()
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "syria_offensive.cli", "serve", "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        served = Served(proc, port)
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    with urllib.request.urlopen(served.base + "/-/versions.json", timeout=2):
                        break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise AssertionError(f"the server did not start (exit {proc.poll()})") from None
                    time.sleep(0.3)
            yield served
        finally:
            stop_process(proc)
