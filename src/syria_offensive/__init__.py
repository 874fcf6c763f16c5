"""The 2024 Syrian opposition offensive: a curated, validated data package and its tools.

The public names resolve on first use (PEP 562), so `import syria_offensive` costs next to nothing and
each function brings in only what it needs (DuckDB for `connect`, pandera for validation, ...).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from syria_offensive.access.connection import connect
    from syria_offensive.access.loaders import (
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
    from syria_offensive.access.query import query
    from syria_offensive.errors import InvalidDataError, PackageError
    from syria_offensive.metadata.descriptor import load_package
    from syria_offensive.release.download import download
    from syria_offensive.validation import validate_package

    __version__: str

# public name -> the module that defines it
_WHERE = {
    "connect": "access.connection",
    "load_package": "metadata.descriptor",
    "InvalidDataError": "errors",
    "PackageError": "errors",
    "query": "access.query",
    "download": "release.download",
    "validate_package": "validation",
    **{
        name: "access.loaders"
        for name in (
            "load",
            "load_actors",
            "load_all",
            "load_event_actors",
            "load_event_sources",
            "load_events",
            "load_figures",
            "load_governorates",
            "load_places",
            "load_sources",
        )
    },
}


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("syria-offensive-2024")
    except PackageNotFoundError:  # running from a source checkout without installing
        return "0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        value: Any = _version()
    elif name in _WHERE:
        value = getattr(import_module(f".{_WHERE[name]}", __name__), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # resolve once
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])


__all__ = [
    "InvalidDataError",
    "PackageError",
    "__version__",
    "connect",
    "download",
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
