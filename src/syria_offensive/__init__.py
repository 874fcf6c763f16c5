"""The 2024 Syrian opposition offensive: a curated, validated data package and its tools."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("syria-offensive-2024")
except PackageNotFoundError:  # running from a source checkout without installing
    __version__ = "0+unknown"

from .descriptor import load_package
from .errors import InvalidDataError, PackageError
from .validation import validate_package

__all__ = ["InvalidDataError", "PackageError", "__version__", "load_package", "validate_package"]
