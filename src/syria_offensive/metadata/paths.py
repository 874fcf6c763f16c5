"""Where the bundled data package lives: inside an installed wheel, or at the top of a source checkout."""

from __future__ import annotations

from pathlib import Path

DESCRIPTOR_NAME = "datapackage.json"


def bundled_package_dir() -> Path:
    """The folder holding the data package that ships with this code."""
    here = Path(__file__).resolve().parents[1]  # metadata/ -> the syria_offensive package
    installed = here / "_package"
    if (installed / DESCRIPTOR_NAME).is_file():
        return installed
    checkout = here.parents[1]  # src/syria_offensive -> repository root
    if (checkout / DESCRIPTOR_NAME).is_file():
        return checkout
    raise FileNotFoundError(
        f"no {DESCRIPTOR_NAME} found in {installed} or {checkout}: the package is installed without its data"
    )


def resolve_descriptor(path: str | Path | None = None) -> Path:
    """Turn a folder or descriptor path (or None for the bundled data) into the descriptor's path."""
    if path is None:
        return bundled_package_dir() / DESCRIPTOR_NAME
    p = Path(path)
    return p / DESCRIPTOR_NAME if p.is_dir() else p
