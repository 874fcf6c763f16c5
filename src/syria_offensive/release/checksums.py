"""SHA256SUMS files as coreutils' sha256sum writes them (`<hex>  <path>`): `sha256sum -c` checks them."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def format_sums(sums: Mapping[str, str]) -> str:
    """One line per file, sorted by path."""
    return "".join(f"{sums[name]}  {name}\n" for name in sorted(sums))


def parse_sums(text: str) -> dict[str, str]:
    """Path -> sha256 hex; raises ValueError on a line that is not `<64 hex>  <path>`."""
    sums: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        digest, sep, name = line.partition("  ")
        name = name.removeprefix("*")
        if not sep or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest) or not name:
            raise ValueError(f"line {number} is not '<sha256>  <path>': {line!r}")
        sums[name] = digest
    return sums


def mismatches(folder: Path, sums: Mapping[str, str]) -> list[str]:
    """The listed files that are missing from `folder` or whose bytes differ from the recorded hash."""
    bad = []
    for name, digest in sorted(sums.items()):
        path = folder / name
        if not path.is_file() or sha256_file(path) != digest:
            bad.append(name)
    return bad
