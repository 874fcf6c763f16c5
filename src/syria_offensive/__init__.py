"""The 2024 Syrian opposition offensive: a curated, validated data package and its tools."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("syria-offensive-2024")
except PackageNotFoundError:  # running from a source checkout without installing
    __version__ = "0+unknown"

from .connection import connect
from .descriptor import load_package
from .errors import InvalidDataError, PackageError
from .loaders import (
    load,
    load_actors,
    load_all,
    load_event_actors,
    load_event_sources,
    load_events,
    load_figures,
    load_governorates,
    load_places,
    load_sources,
)
from .query import query
from .validation import validate_package

__all__ = [
    "InvalidDataError",
    "PackageError",
    "__version__",
    "connect",
    "load",
    "load_actors",
    "load_all",
    "load_event_actors",
    "load_event_sources",
    "load_events",
    "load_figures",
    "load_governorates",
    "load_package",
    "load_places",
    "load_sources",
    "query",
    "validate_package",
]
