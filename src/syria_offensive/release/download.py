"""Fetching a released data archive, verifying it and unpacking it into a per-version cache.

    from syria_offensive.release.download import download
    folder = download("0.1.0")          # the unpacked package: folder / "datapackage.json"

The archive's sha256 must be the one recorded for that version in the registry shipped with the code
(release/registry.json); pooch streams it to a temporary file, checks the hash and only then keeps it.
The archive is then unpacked without trusting it (release/unpack.py) into a temporary folder inside the
cache and renamed into place. A later call finds the unpacked folder, checks it against its SHA256SUMS
and uses it without the network. Every failure raises DownloadError naming the version, the address
and what went wrong, and leaves nothing half-written in the cache.

Where from: `mirror` (an http(s) address or a local folder holding the archives, as an institution
hosting its own copy would), else $SYRIA_OFFENSIVE_MIRROR, else `base_url`, else
$SYRIA_OFFENSIVE_BASE_URL, else the project's published releases; a `{version}` in an address is
replaced by the version. A folder mirror may hold the archive at its top or in a `<version>/` subfolder;
its archive is verified exactly like a downloaded one. With none of these given, a source checkout
uses its own releases/<version>/ folder when it holds the archive. Where to: `dest`, else $SYRIA_OFFENSIVE_CACHE, else
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
from syria_offensive.metadata.paths import bundled_package_dir
from syria_offensive.release.names import PROJECT, folder_name, normalize_version
from syria_offensive.release.registry import Release, latest, load_registry, sorted_versions
from syria_offensive.release.unpack import UnsafeArchiveError, unpack, verify_folder

DEFAULT_BASE_URL = (
    "https://github.com/syria-offensive-2024/syria-offensive-2024/releases/download/v{version}/"
)
BASE_URL_ENV = "SYRIA_OFFENSIVE_BASE_URL"
MIRROR_ENV = "SYRIA_OFFENSIVE_MIRROR"
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
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return f"the transfer was interrupted or cut short ({exc})"
    if isinstance(exc, requests.ConnectionError):
        return (
            f"the server could not be reached or the transfer was cut short ({exc}). Without a network, "
            f"fetch the archive elsewhere and pass its folder with --mirror FOLDER (or ${MIRROR_ENV}); "
            "the archive is verified against the registry's sha256 either way"
        )
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


def checkout_mirror(release: Release) -> str | None:
    """A source checkout keeps its released archives in releases/<version>/: use them before the network."""
    try:
        folder = bundled_package_dir() / "releases"
    except FileNotFoundError:
        return None
    return str(folder) if (folder / release.version / release.file).is_file() else None


def _is_folder_mirror(mirror: str) -> bool:
    return not mirror.startswith(("http://", "https://"))


def copy_from_folder(release: Release, folder: Path, mirror: str) -> Path:
    """The verified archive copied from a folder mirror into `folder` (the version's cache folder)."""
    root = Path(mirror.removeprefix("file://").replace("{version}", release.version)).expanduser()
    candidates = [
        root / release.file,
        root / release.version / release.file,
        root / f"v{release.version}" / release.file,
    ]
    found = next((c for c in candidates if c.is_file()), None)
    where = f"mirror folder {root}"
    if found is None:
        raise DownloadError(
            f"version {release.version}: {where} holds no {release.file} (looked at its top and in "
            f"{release.version}/ and v{release.version}/)"
        )
    target = folder / release.file
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{release.file}.")
    except OSError as exc:
        raise DownloadError(
            f"version {release.version}: the cache folder {folder} cannot be written: {exc}"
        ) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out, found.open("rb") as src:
            shutil.copyfileobj(src, out)
        if tmp.stat().st_size != release.size or pooch.file_hash(str(tmp)) != release.sha256:
            raise DownloadError(
                f"version {release.version} from {where}: {found.name} does not have the registry's sha256 "
                "and size, so it was not used"
            )
        os.replace(tmp, target)
    except OSError as exc:
        raise DownloadError(f"version {release.version} from {where}: {exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return target


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
    mirror: str | Path | None = None,
    progress: bool | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    registry: str | Path | Mapping[str, Any] | None = None,
) -> Path:
    """The unpacked data package of a released version (None: the latest), downloading it if not cached.

    Returns the folder holding datapackage.json. `mirror` is an http(s) address or a local folder
    holding the archives (see the module's docstring). `progress` None shows a progress bar only on a terminal.
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
    source = str(mirror) if mirror is not None else os.environ.get(MIRROR_ENV) or None
    if source is None and base_url is None and not os.environ.get(BASE_URL_ENV):
        source = checkout_mirror(release)
    if source is not None and _is_folder_mirror(source):
        url = f"mirror folder {source}"
        archive = copy_from_folder(release, version_dir, source)
    else:
        url = archive_url(release, source or base_url)
        show = sys.stderr.isatty() if progress is None else progress
        archive = fetch_archive(release, version_dir, url, progress=show, timeout=timeout)
    try:
        return unpack(archive, package_dir)
    except (UnsafeArchiveError, OSError) as exc:
        archive.unlink(missing_ok=True)
        raise DownloadError(
            f"version {release.version} from {url}: the archive cannot be unpacked safely: {exc}"
        ) from exc


__all__ = ["DEFAULT_BASE_URL", "MIRROR_ENV", "DownloadError", "download"]
