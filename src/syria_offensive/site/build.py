"""Build the site's files into a folder: the SQLite database, metadata.json and the static tile."""

from __future__ import annotations

import json
import sqlite3
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

from syria_offensive.atomic import write_atomic
from syria_offensive.site import DB_FILE, METADATA_FILE, STATIC_DIR


@dataclass(frozen=True)
class Site:
    folder: Path
    database: Path
    metadata: Path
    static: Path
    rows: dict[str, int]


def blank_tile(rgb: tuple[int, int, int] = (238, 243, 247)) -> bytes:
    """A 1x1 PNG of one colour, which Leaflet stretches over every tile: a basemap that fetches nothing."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + bytes(rgb))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def build_site(folder: str | Path, path: str | Path | None = None) -> Site:
    """Validate the package at `path` (None: the bundled data) and write the site's files into `folder`."""
    from syria_offensive.access.validated import open_connection, validated_package
    from syria_offensive.site.database import write_database
    from syria_offensive.site.metadata import build_metadata

    out = Path(folder)
    package = validated_package(path)
    database = out / DB_FILE
    with open_connection(package) as con:
        rows = write_database(package, con, database)
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        columns = {n: [r[1] for r in db.execute(f"PRAGMA table_info({json.dumps(n)})")] for n in names}
    finally:
        db.close()
    metadata = out / METADATA_FILE
    write_atomic(metadata, json.dumps(build_metadata(package, columns), indent=2, ensure_ascii=False) + "\n")
    static = out / STATIC_DIR
    write_atomic(static / "blank.png", blank_tile())
    return Site(out, database, metadata, static, rows)


def datasette_args(site: Site, host: str, port: int) -> list[str]:
    """The `datasette serve` arguments: immutable database, the metadata, the tile folder, local only."""
    return [
        "serve",
        "--immutable",
        str(site.database),
        "--metadata",
        str(site.metadata),
        "--static",
        f"tiles:{site.static}",
        "--host",
        host,
        "--port",
        str(port),
        "--setting",
        "sql_time_limit_ms",
        "3000",
        "--setting",
        "default_page_size",
        "50",
    ]
