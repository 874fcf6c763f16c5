"""Opening a release archive without trusting it, and checking an unpacked folder against its SHA256SUMS.

Before anything is written, every entry must be a regular file or folder inside the one expected top
folder: no absolute path, drive letter, backslash or `..`, no symlink or device, no duplicate, no
unreasonable size. Files are unpacked into a fresh temporary folder beside the destination, checked
against the archive's SHA256SUMS, and only then renamed into place, so the destination either holds
the whole verified package or does not exist.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from syria_offensive.release.checksums import mismatches, parse_sums
from syria_offensive.release.names import CHECKSUMS

MAX_UNPACKED_BYTES = 4 * 1024**3


class UnsafeArchiveError(Exception):
    """The archive is malformed or would write outside its folder; the message says which entry and why."""


def _entry_problem(info: zipfile.ZipInfo, top: str) -> str | None:
    name = info.filename
    mode = info.external_attr >> 16
    if "\\" in name or "\x00" in name:
        return "has a backslash or NUL in its name"
    path = PurePosixPath(name)
    if path.is_absolute() or (path.parts and ":" in path.parts[0]):
        return "is an absolute path"
    if ".." in path.parts:
        return "climbs out of its folder with '..'"
    if not path.parts or path.parts[0] != top:
        return f"is not inside the archive's folder {top}/"
    if stat.S_ISLNK(mode):
        return "is a symbolic link"
    if mode and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return "is not a regular file or folder"
    return None


def check_members(zf: zipfile.ZipFile, top: str) -> list[zipfile.ZipInfo]:
    """The archive's file entries, once every entry is known to be safe to unpack under `top`."""
    seen: set[str] = set()
    files = []
    total = 0
    for info in zf.infolist():
        problem = _entry_problem(info, top)
        if problem:
            raise UnsafeArchiveError(f"entry {info.filename!r} {problem}")
        key = info.filename.rstrip("/")
        if key in seen:
            raise UnsafeArchiveError(f"entry {info.filename!r} appears more than once")
        seen.add(key)
        if not info.is_dir():
            files.append(info)
            total += info.file_size
    if total > MAX_UNPACKED_BYTES:
        raise UnsafeArchiveError(f"the archive would unpack to {total} bytes, more than {MAX_UNPACKED_BYTES}")
    if f"{top}/{CHECKSUMS}" not in seen:
        raise UnsafeArchiveError(f"the archive has no {top}/{CHECKSUMS}")
    return files


def _listed(folder: Path) -> dict[str, str]:
    try:
        sums = parse_sums((folder / CHECKSUMS).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UnsafeArchiveError(f"{CHECKSUMS} cannot be read: {exc}") from None
    for name in sums:
        path = PurePosixPath(name)
        if path.is_absolute() or ".." in path.parts or "\\" in name:
            raise UnsafeArchiveError(f"{CHECKSUMS} lists a path outside the folder: {name!r}")
    if "datapackage.json" not in sums:
        raise UnsafeArchiveError(f"{CHECKSUMS} does not list datapackage.json")
    return sums


def verify_folder(folder: Path) -> None:
    """Raise UnsafeArchiveError unless every file listed in the folder's SHA256SUMS is present and intact."""
    bad = mismatches(folder, _listed(folder))
    if bad:
        raise UnsafeArchiveError(f"files missing or not matching {CHECKSUMS}: {', '.join(bad[:5])}")


def _extract(archive: Path, staging: Path, top: str) -> list[str]:
    """Unpack the checked entries under `staging`; returns their paths relative to the top folder."""
    try:
        with zipfile.ZipFile(archive) as zf:
            files = check_members(zf, top)
            (staging / top).mkdir()
            for info in files:
                target = staging.joinpath(*PurePosixPath(info.filename).parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as src, target.open("xb") as dst:
                    shutil.copyfileobj(src, dst)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, ValueError) as exc:
        raise UnsafeArchiveError(f"not a readable zip archive: {exc}") from None
    return [PurePosixPath(info.filename).relative_to(top).as_posix() for info in files]


def unpack(archive: Path, destination: Path) -> Path:
    """Unpack `archive` (one top folder named like `destination`): it appears whole or not at all."""
    top = destination.name
    destination.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=destination.parent, prefix=f".{top}.unpack-"))
    try:
        members = _extract(archive, staging, top)
        root = staging / top
        verify_folder(root)
        unlisted = sorted(set(members) - set(_listed(root)) - {CHECKSUMS})
        if unlisted:
            raise UnsafeArchiveError(f"{CHECKSUMS} does not list {', '.join(unlisted[:5])}")
        try:
            os.rename(root, destination)
        except OSError:
            if not destination.is_dir():
                raise
            verify_folder(destination)  # another process unpacked the same archive first
        return destination
    finally:
        shutil.rmtree(staging, ignore_errors=True)
