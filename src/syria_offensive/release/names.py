"""How released files are named: one rule, used when building, registering and downloading."""

from __future__ import annotations

import re

from syria_offensive.errors import PackageError

PROJECT = "syria-offensive-2024"
CHECKSUMS = "SHA256SUMS"
VERSION_RE = re.compile(r"v?(\d+(?:\.\d+)*(?:[-.+]?[0-9A-Za-z]+)*)")


def normalize_version(text: str) -> str:
    """'v0.2.0' and '0.2.0' name the same release; anything that is not a version is refused."""
    match = VERSION_RE.fullmatch(text.strip())
    if not match:
        raise PackageError(f"{text!r} is not a version (expected something like 0.2.0)")
    return match.group(1)


def looks_like_version(text: str) -> bool:
    return VERSION_RE.fullmatch(text.strip()) is not None


def folder_name(version: str) -> str:
    """The one top-level folder inside the archive, and the name of the unpacked package folder."""
    return f"{PROJECT}-{version}"


def archive_name(version: str) -> str:
    return f"{folder_name(version)}.zip"


def duckdb_name(version: str) -> str:
    return f"{folder_name(version)}.duckdb"


def dist_checksums_name(version: str) -> str:
    return f"{folder_name(version)}.sha256"
