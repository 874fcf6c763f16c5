"""Which data package to read: a folder or descriptor path, a released version (downloaded and cached),
or, when neither is given, the data bundled with this code."""

from __future__ import annotations

from pathlib import Path

from syria_offensive.metadata.descriptor import Package, load_package


def open_package(path: str | Path | None = None, *, version: str | None = None) -> Package:
    """The package at `path`, or the released `version` (fetched by `download.download`), or the bundled one."""
    if version is not None:
        if path is not None:
            raise ValueError("give either a path or a version, not both")
        # Imported here so that reading local data never needs the download machinery (or the network).
        from syria_offensive.release.download import download

        path = download(version=version)
    return load_package(path)
