"""The command line's subcommands, one module each: NAME, HELP, configure(parser), run(args) -> exit code."""

from __future__ import annotations

from types import ModuleType

from . import (
    build,
    dictionary,
    diff,
    download,
    export,
    figures,
    format,
    gazetteer,
    hashes,
    query,
    release,
    serve,
    stats,
    tables,
    validate,
)

COMMANDS: tuple[ModuleType, ...] = (
    validate,
    stats,
    format,
    hashes,
    dictionary,
    gazetteer,
    build,
    release,
    download,
    diff,
    query,
    tables,
    export,
    figures,
    serve,
)
