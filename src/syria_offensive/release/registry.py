"""The registry of released data archives, shipped with the code: version -> file name, sha256, size.

It is the trust anchor of `download`: an archive is accepted only if its sha256 is the one recorded
here. `syria-offensive release register` adds a freshly built archive; a released version's entry is
never changed (a corrected release gets a new version). SYRIA_OFFENSIVE_REGISTRY names another registry
file, for mirrors and tests.
"""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from packaging.version import InvalidVersion, Version

from syria_offensive.atomic import write_atomic
from syria_offensive.errors import PackageError
from syria_offensive.release.checksums import sha256_file
from syria_offensive.release.names import archive_name, folder_name, normalize_version

REGISTRY_PATH = Path(__file__).resolve().parent / "registry.json"
REGISTRY_ENV = "SYRIA_OFFENSIVE_REGISTRY"


@dataclass(frozen=True)
class Release:
    version: str
    file: str
    sha256: str
    size: int

    def as_json(self) -> dict[str, Any]:
        return {"file": self.file, "sha256": self.sha256, "size": self.size}


def _entry(version: str, raw: Any, where: str) -> Release:
    if normalize_version(version) != version:
        raise PackageError(f"{where}: {version!r} is not a plain version (like 0.2.0, no leading v)")
    if not isinstance(raw, dict):
        raise PackageError(f"{where}: the entry for {version} must be an object")
    file, digest, size = raw.get("file"), raw.get("sha256"), raw.get("size")
    if not isinstance(file, str) or "/" in file or "\\" in file or file in ("", ".", ".."):
        raise PackageError(f"{where}: the entry for {version} needs a plain file name")
    if not isinstance(digest, str) or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise PackageError(f"{where}: the entry for {version} needs a sha256 of 64 lowercase hex digits")
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise PackageError(f"{where}: the entry for {version} needs a size in bytes")
    return Release(version, file, digest, size)


def registry_path(path: str | Path | None = None) -> Path:
    if path is not None:
        return Path(path)
    return Path(os.environ[REGISTRY_ENV]) if os.environ.get(REGISTRY_ENV) else REGISTRY_PATH


def load_registry(source: str | Path | Mapping[str, Any] | None = None) -> dict[str, Release]:
    """Released versions from a mapping, a file, $SYRIA_OFFENSIVE_REGISTRY or the shipped registry."""
    if isinstance(source, Mapping):
        raw: Any = source
        where = "registry"
    else:
        path = registry_path(source)
        where = str(path)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise PackageError(f"{path}: release registry not found") from None
        except (OSError, json.JSONDecodeError) as exc:
            raise PackageError(f"{path}: release registry cannot be read: {exc}") from None
    if not isinstance(raw, Mapping):
        raise PackageError(f"{where}: the release registry must be an object of version -> entry")
    return {str(v): _entry(str(v), e, where) for v, e in raw.items()}


def _sort_key(version: str) -> tuple[int, Version | str]:
    try:
        return (1, Version(version))
    except InvalidVersion:
        return (0, version)


def sorted_versions(registry: Mapping[str, Release]) -> list[str]:
    """Oldest first, by version order (0.10.0 after 0.9.0)."""
    return sorted(registry, key=_sort_key)


def latest(registry: Mapping[str, Release]) -> str | None:
    versions = sorted_versions(registry)
    return versions[-1] if versions else None


def archive_version(archive: Path) -> str:
    """The version recorded in the archive's own datapackage.json (and its file name must agree)."""
    try:
        with zipfile.ZipFile(archive) as zf:
            tops = {name.split("/", 1)[0] for name in zf.namelist()}
            if len(tops) != 1:
                raise PackageError(f"{archive}: a release archive holds one top folder, not {sorted(tops)}")
            top = tops.pop()
            descriptor = json.loads(zf.read(f"{top}/datapackage.json"))
    except (OSError, zipfile.BadZipFile, KeyError, json.JSONDecodeError) as exc:
        raise PackageError(f"{archive}: not a release archive: {exc}") from None
    version = normalize_version(str(descriptor.get("version", "")))
    if top != folder_name(version) or archive.name != archive_name(version):
        raise PackageError(
            f"{archive}: its datapackage.json says version {version}, which its names do not match"
        )
    return version


def register(archive: Path, path: str | Path | None = None, *, force: bool = False) -> Release:
    """Record `archive` (a built syria-offensive-2024-<version>.zip) in the registry; returns its entry."""
    target = registry_path(path)
    registry = load_registry(target) if target.exists() else {}
    version = archive_version(archive)
    release = Release(version, archive.name, sha256_file(archive), archive.stat().st_size)
    known = registry.get(version)
    if known is not None and known != release and not force:
        raise PackageError(
            f"{target}: version {version} is already registered with sha256 {known.sha256}; "
            "a released version never changes (bump the version, or pass --force if it was never published)"
        )
    registry[version] = release
    payload = {v: registry[v].as_json() for v in sorted_versions(registry)}
    write_atomic(target, json.dumps(payload, indent=2) + "\n")
    return release
