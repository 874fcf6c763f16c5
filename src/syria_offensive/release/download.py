"""Fetching a released data archive, verifying it and unpacking it into a per-version cache.

    from syria_offensive.release.download import download
    folder = download("0.1.0")          # the unpacked package: folder / "datapackage.json"

The archive's sha256 must be the one recorded for that version in the registry shipped with the code
(release/registry.json); pooch streams it to a temporary file, checks the hash and only then keeps it.
The archive is then unpacked without trusting it (release/unpack.py) into a temporary folder inside the
cache and renamed into place. A later call finds the unpacked folder, checks it against its SHA256SUMS
and uses it without the network. Every failure raises DownloadError naming the version, the address
and what went wrong, and leaves nothing half-written in the cache.

Where from: `base_url`, else $SYRIA_OFFENSIVE_BASE_URL, else the project's published releases; a
`{version}` in it is replaced by the version. Where to: `dest`, else $SYRIA_OFFENSIVE_CACHE, else
pooch's per-user cache folder; each version gets its own subfolder.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pooch
import requests

from syria_offensive.errors import DownloadError
from syria_offensive.release.names import PROJECT, folder_name, normalize_version
from syria_offensive.release.registry import Release, latest, load_registry, sorted_versions
from syria_offensive.release.unpack import UnsafeArchiveError, unpack, verify_folder

DEFAULT_BASE_URL = (
    "https://github.com/syria-offensive-2024/syria-offensive-2024/releases/download/v{version}/"
)
BASE_URL_ENV = "SYRIA_OFFENSIVE_BASE_URL"
CACHE_ENV = "SYRIA_OFFENSIVE_CACHE"
DEFAULT_TIMEOUT = 60.0


def cache_root(dest: str | Path | None = None) -> Path:
    if dest is not None:
        return Path(dest).expanduser().absolute()
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser().absolute()
    return Path(pooch.os_cache(PROJECT)).absolute()


def archive_url(release: Release, base_url: str | None = None) -> str:
    base = base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
    base = base.replace("{version}", release.version)
    return base if base.endswith(release.file) else base.rstrip("/") + "/" + release.file


def resolve_release(version: str | None, registry: str | Path | Mapping[str, Any] | None = None) -> Release:
    """The registry's entry for `version` (None: the latest), or DownloadError listing what was released."""
    releases = load_registry(registry)
    if version is None:
        newest = latest(releases)
        if newest is None:
            raise DownloadError(
                "no version of the data has been released yet (the release registry is empty)"
            )
        return releases[newest]
    wanted = normalize_version(version)
    if wanted not in releases:
        known = ", ".join(sorted_versions(releases)) or "none yet"
        raise DownloadError(f"version {wanted} is not a released version of the data (released: {known})")
    return releases[wanted]


@contextlib.contextmanager
def _pooch_quiet(quiet: bool) -> Iterator[None]:
    """pooch logs each download at INFO on stderr; keep it to the progress bar or to nothing."""
    logger = pooch.get_logger()
    level = logger.level
    if quiet:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def _describe(exc: Exception) -> str:
    if isinstance(exc, requests.HTTPError) and exc.response is not None:
        return f"the server answered HTTP {exc.response.status_code} {exc.response.reason}"
    if isinstance(exc, requests.Timeout):
        return f"the server did not answer in time ({exc.__class__.__name__})"
    if isinstance(exc, requests.exceptions.ChunkedEncodingError | requests.ConnectionError):
        return f"the transfer was interrupted or cut short ({exc})"
    if isinstance(exc, ValueError):
        return f"the file received does not have the published sha256, so it was discarded ({exc})"
    return f"{exc.__class__.__name__}: {exc}"


def _downloader(progress: bool, timeout: float) -> Any:
    return pooch.HTTPDownloader(progressbar=progress, timeout=timeout)


def fetch_archive(release: Release, folder: Path, url: str, *, progress: bool, timeout: float) -> Path:
    """The verified archive in `folder` (downloaded unless already there with the right hash)."""
    try:
        with _pooch_quiet(not progress):
            fetched = pooch.retrieve(
                url,
                known_hash=f"sha256:{release.sha256}",
                fname=release.file,
                path=folder,
                downloader=_downloader(progress, timeout),
                progressbar=progress,
            )
    except (requests.RequestException, ValueError, OSError) as exc:
        raise DownloadError(f"version {release.version} from {url}: {_describe(exc)}") from exc
    archive = Path(fetched)
    if archive.stat().st_size != release.size:
        archive.unlink(missing_ok=True)
        raise DownloadError(
            f"version {release.version} from {url}: the archive has the registry's sha256 but not its size"
        )
    return archive


def _discard(folder: Path) -> None:
    """Move a damaged unpacked folder aside, then delete it, so no reader sees it half-deleted."""
    doomed = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.discard-"))
    os.rename(folder, doomed / folder.name)
    shutil.rmtree(doomed, ignore_errors=True)


def download(
    version: str | None = None,
    *,
    dest: str | Path | None = None,
    base_url: str | None = None,
    progress: bool | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    registry: str | Path | Mapping[str, Any] | None = None,
) -> Path:
    """The unpacked data package of a released version (None: the latest), downloading it if not cached.

    Returns the folder holding datapackage.json. `progress` None shows a progress bar only on a terminal.
    `registry` (a file or a mapping) replaces the registry shipped with the code, as does
    $SYRIA_OFFENSIVE_REGISTRY.
    """
    release = resolve_release(version, registry)
    version_dir = cache_root(dest) / release.version
    package_dir = version_dir / folder_name(release.version)
    if package_dir.is_dir():
        try:
            verify_folder(package_dir)
            return package_dir
        except UnsafeArchiveError:
            _discard(package_dir)  # damaged since it was unpacked: unpack it again from the verified archive
    url = archive_url(release, base_url)
    show = sys.stderr.isatty() if progress is None else progress
    archive = fetch_archive(release, version_dir, url, progress=show, timeout=timeout)
    try:
        return unpack(archive, package_dir)
    except (UnsafeArchiveError, OSError) as exc:
        archive.unlink(missing_ok=True)
        raise DownloadError(
            f"version {release.version} from {url}: the archive cannot be unpacked safely: {exc}"
        ) from exc


__all__ = ["DEFAULT_BASE_URL", "DownloadError", "download"]
