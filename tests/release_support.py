"""Helpers for the release, download and diff tests: a snapshot of the checkout to build from, a local
HTTP server on 127.0.0.1 that can misbehave on request, and hand-made archives."""

from __future__ import annotations

import json
import re
import shutil
import socket
import struct
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from conftest import ROOT
from syria_offensive.release.build import source_files
from syria_offensive.release.checksums import sha256_file

# Path prefixes the server understands: /<mode>/<file>.
MODES = ("ok", "error500", "truncate", "short", "reset", "slow")
SLOW_DELAY = 3.0


def snapshot(dest: Path, version: str | None = None) -> Path:
    """A copy of the files that go into a release (so concurrent edits of the checkout cannot race a test)."""
    for name, path in source_files(ROOT).items():
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    if version is not None:
        set_version(dest, version)
    return dest


def set_version(root: Path, version: str) -> None:
    """Bump the version in the three places a release checks."""
    descriptor = root / "datapackage.json"
    raw = json.loads(descriptor.read_text(encoding="utf-8"))
    raw["version"] = version
    descriptor.write_text(json.dumps(raw, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    citation = root / "CITATION.cff"
    text = re.sub(
        r'^version: ".*"$', f'version: "{version}"', citation.read_text(encoding="utf-8"), flags=re.M
    )
    citation.write_text(text, encoding="utf-8")
    changelog = root / "CHANGELOG.md"
    changelog.write_text(
        changelog.read_text(encoding="utf-8") + f"\n## [{version}] - test\n", encoding="utf-8"
    )


def registry_entry(archive: Path, version: str) -> dict[str, Any]:
    return {version: {"file": archive.name, "sha256": sha256_file(archive), "size": archive.stat().st_size}}


def files_under(folder: Path) -> list[str]:
    """Every file (not folder) below `folder`, hidden ones included."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if not p.is_dir())


def raw_zip(path: Path, entries: list[tuple[str, bytes, int]]) -> Path:
    """A zip with exactly these (name, content, unix mode) entries, no sanitising."""
    with zipfile.ZipFile(path, "w") as zf:
        for name, data, mode in entries:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.create_system = 3
            info.external_attr = mode << 16
            zf.writestr(info, data)
    return path


class _Handler(BaseHTTPRequestHandler):
    server: LocalServer

    def do_GET(self) -> None:
        self.server.log.append(self.path)
        mode, _, name = self.path.lstrip("/").partition("/")
        file = self.server.root / name
        if mode == "error500":
            self.send_error(500, "Internal Server Error")
            return
        if mode not in MODES or "/" in name or not file.is_file():
            self.send_error(404, "Not Found")
            return
        data = file.read_bytes()
        if mode == "slow" and self.server.stopping.wait(SLOW_DELAY):
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/zip")
        if mode != "short":
            self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if mode in ("truncate", "short", "reset"):
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            if mode == "reset":  # close with RST instead of FIN: the peer sees "connection reset"
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            return
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class LocalServer(ThreadingHTTPServer):
    """Serves the files of `root` at http://127.0.0.1:<port>/<mode>/<name>, in a thread."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, root: Path) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.root = root
        self.log: list[str] = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def url(self, mode: str = "ok") -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/{mode}/"

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that timed out or a reset socket is expected here

    def stop(self) -> None:
        if self.stopping.is_set():
            return
        self.stopping.set()
        self.shutdown()
        self.server_close()
        self.thread.join(timeout=5)
